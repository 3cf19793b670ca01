"""Only live, public, unexpired pages ever leave the building: not in results, counts or suggestions."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from kb.models import Agency, CaseStudyPage, ToolPage
from search.service import suggest_titles
from tests.search_support import facet_counts


@pytest.fixture
def agency(db):
    return Agency.objects.create(name="Secretive Agency", acronym="SA", level="tribal")


@pytest.fixture
def public_page(make_page, agency):
    return make_page(CaseStudyPage, title="Public zebra study", agencies=[agency])


def assert_invisible(engine, word="zebra"):
    results = engine.search(q=word)
    assert [hit.title for hit in results.hits] == ["Public zebra study"]
    assert results.count == 1
    everything = engine.search()
    assert everything.count == 1
    assert facet_counts(everything, "level") == {"tribal": 1}
    assert facet_counts(everything, "type") == {"case-study": 1}
    assert [s["title"] for s in suggest_titles("zeb")] == ["Public zebra study"]


def test_drafts_never_appear(engine, public_page, make_page, agency):
    make_page(ToolPage, title="Draft zebra tool", publish=False, agencies=[agency])
    assert_invisible(engine)


def test_unpublished_pages_never_appear(engine, public_page, make_page, agency):
    page = make_page(ToolPage, title="Withdrawn zebra tool", agencies=[agency])
    page.unpublish()
    assert_invisible(engine)


def test_expired_pages_never_appear_even_before_the_scheduler_runs(engine, public_page, make_page, agency):
    page = make_page(ToolPage, title="Expired zebra tool", agencies=[agency])
    page.expire_at = timezone.now() - datetime.timedelta(hours=1)
    page.save()
    assert_invisible(engine)


def test_privacy_restricted_pages_never_appear(engine, public_page, make_page, agency):
    page = make_page(ToolPage, title="Private zebra tool", agencies=[agency])
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    assert_invisible(engine)


def test_pages_under_a_restricted_section_never_appear(engine, public_page, make_page, agency, site_tree):
    make_page(ToolPage, title="Members zebra tool", agencies=[agency])
    PageViewRestriction.objects.create(page=site_tree["ToolIndexPage"], restriction_type=PageViewRestriction.LOGIN)
    assert_invisible(engine)


def test_unpublished_changes_of_a_live_page_are_not_searchable(engine, public_page):
    draft = public_page.specific
    draft.title = "Public zebra study with a secret quagga"
    draft.summary = "The quagga draft."
    draft.save_revision()
    assert engine.search(q="quagga").count == 0
    assert [hit.title for hit in engine.search(q="zebra").hits] == ["Public zebra study"]

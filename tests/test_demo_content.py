"""The demo content command: what it loads, that a second run changes nothing, and that it renders.

Loading the demo takes a while, so it is loaded once for the whole module (twice in a row, to
compare), inside a transaction that is rolled back when the module finishes; each test then runs
in its own savepoint, as usual. Media files go to a temporary directory.
"""

import datetime
import io
from dataclasses import dataclass

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from django.utils.html import escape
from wagtail.documents import get_document_model
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Page, PageLogEntry, Revision

from home.models import HomePage, HomePageFeaturedPage
from kb.demo import content
from kb.models import (
    Agency,
    AgencyExamplePage,
    CaseStudyMetric,
    CaseStudyPage,
    GovernmentLevel,
    KnowledgePage,
    LifeEvent,
    ToolDownload,
    ToolPage,
    Topic,
)

COUNTED_MODELS = (
    Page,
    Revision,
    PageLogEntry,
    get_image_model(),
    get_document_model(),
    Agency,
    Topic,
    LifeEvent,
    CaseStudyMetric,
    ToolDownload,
    HomePageFeaturedPage,
)


def row_counts():
    return {model.__name__: model.objects.count() for model in COUNTED_MODELS}


@dataclass
class DemoRuns:
    first_output: str
    second_output: str
    counts_after_first: dict
    counts_after_second: dict


@pytest.fixture(scope="module")
def demo_runs(django_db_setup, django_db_blocker, tmp_path_factory):
    media_root = tmp_path_factory.mktemp("demo-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media_root), transaction.atomic():
        first, second = io.StringIO(), io.StringIO()
        call_command("load_demo_content", stdout=first)
        counts_after_first = row_counts()
        call_command("load_demo_content", stdout=second)
        yield DemoRuns(first.getvalue(), second.getvalue(), counts_after_first, row_counts())
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_runs, db):
    return demo_runs


def test_first_run_reports_progress_step_by_step(demo):
    terms = f"{len(content.AGENCIES)} agencies, {len(content.TOPICS)} topics, {len(content.LIFE_EVENTS)} life events"
    assert f"Created {terms}." in demo.first_output
    assert f"Created {len(content.CASE_STUDIES)} case studies." in demo.first_output
    assert "Demo content loaded in" in demo.first_output


def test_second_run_reports_nothing_to_do(demo):
    assert "nothing to do" in demo.second_output


def test_second_run_creates_no_pages_revisions_media_or_terms(demo):
    assert demo.counts_after_second == demo.counts_after_first


def test_loads_at_least_the_required_number_of_pages(demo):
    assert CaseStudyPage.objects.live().count() >= 12
    assert ToolPage.objects.live().count() >= 8
    assert AgencyExamplePage.objects.live().count() >= 8


def test_loads_the_practice_areas_and_life_events(demo):
    assert Topic.objects.count() >= 8
    assert set(LifeEvent.objects.values_list("slug", flat=True)) >= {
        "approaching-retirement",
        "recovering-from-a-disaster",
        "having-a-child",
        "transitioning-from-military-service",
    }


def test_agencies_cover_every_level_of_government_with_parents_and_hisps(demo):
    assert Agency.objects.count() >= 6
    assert set(Agency.objects.values_list("level", flat=True)) == set(GovernmentLevel.values)
    assert Agency.objects.filter(parent__isnull=False).exists()
    assert Agency.objects.filter(is_high_impact_service_provider=True).exists()


def test_every_agency_appears_on_a_page(demo):
    assert not Agency.objects.filter(pages__isnull=True).exists()


def test_publication_dates_span_2023_to_2026(demo):
    years = {date.year for date in KnowledgePage.objects.values_list("publication_date", flat=True)}
    assert years >= {2023, 2024, 2025, 2026}


def test_some_pages_are_overdue_or_due_for_review_within_30_days(demo):
    today = timezone.localdate()
    assert KnowledgePage.objects.filter(review_by__lt=today).exists()
    assert KnowledgePage.objects.filter(review_by__gte=today, review_by__lte=today + datetime.timedelta(30)).exists()


def test_case_studies_have_result_metrics(demo):
    assert not CaseStudyPage.objects.filter(metrics__isnull=True).exists()


def test_most_tools_come_with_downloads(demo):
    assert ToolPage.objects.filter(downloads__isnull=False).distinct().count() >= 6


def test_every_agency_example_exemplifies_a_live_tool(demo):
    for example in AgencyExamplePage.objects.all():
        assert example.exemplifies is not None and example.exemplifies.live, example.title


def test_home_page_has_an_intro_and_features_demo_pages(demo):
    home = HomePage.objects.get()
    assert home.intro
    assert [page.slug for page in home.featured()] == content.FEATURED


def test_demo_pages_pass_the_validation_editors_face_in_the_admin(demo):
    """So an editor who opens a demo page can save it without first fixing the demo's mistakes."""
    for page in KnowledgePage.objects.specific():
        page.full_clean()
        for field in page._meta.get_fields():
            if isinstance(field, StreamField):
                field.stream_block.clean(field.value_from_object(page))


def test_every_demo_page_renders_with_its_title(demo, client):
    pages = [HomePage.objects.get(), *Page.objects.type(KnowledgePage), *HomePage.objects.get().get_children()]
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert escape(page.title) in response.content.decode(), page.url


def test_generated_images_are_used_with_alt_text(demo, client):
    page = CaseStudyPage.objects.get(slug="dmv-appointments-lobby-waits")
    html = client.get(page.url).content.decode()
    assert f'alt="{escape(content.IMAGES["lobby-wait-chart"]["alt"])}"' in html


def referenced_keys(blocks, block_type, field):
    return {value[field] for name, value in blocks if name == block_type}


def test_demo_data_refers_only_to_defined_terms_media_and_earlier_pages():
    """Checked without a database, so a writer who mistypes a key learns which one at once.

    Pages may link only to pages loaded before them (tools, then case studies, then examples).
    """
    pages = content.TOOLS + content.CASE_STUDIES + content.AGENCY_EXAMPLES
    slugs = [spec["slug"] for spec in pages]
    assert len(slugs) == len(set(slugs))
    vocabularies = {
        "topics": {term["slug"] for term in content.TOPICS},
        "agencies": {term["slug"] for term in content.AGENCIES},
        "life_events": {term["slug"] for term in content.LIFE_EVENTS},
    }
    loaded = set()
    for spec in pages:
        for field, known in vocabularies.items():
            assert set(spec.get(field, ())) <= known, (spec["slug"], field)
        body = spec.get("body", ())
        assert referenced_keys(body, "image", "image") <= content.IMAGES.keys(), spec["slug"]
        assert referenced_keys(body, "document", "document") <= content.DOCUMENTS.keys(), spec["slug"]
        links = [link for name, value in body if name == "related_links" for link in value["links"]]
        assert {link["page"] for link in links if "page" in link} <= loaded, spec["slug"]
        if "exemplifies" in spec:
            assert spec["exemplifies"] in loaded, spec["slug"]
        loaded.add(spec["slug"])
    assert set(content.FEATURED) <= loaded

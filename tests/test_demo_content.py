"""The demo content command: what it loads, that a second run changes nothing, and that it renders.

Loading the demo takes a while, so it is loaded once for the whole module (twice in a row, to
compare), inside a transaction that is rolled back when the module finishes; each test then runs
in its own savepoint, as usual. Media files go to a temporary directory.
"""

import datetime
import io
import logging
import re
from dataclasses import dataclass

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape
from wagtail.documents import get_document_model
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.models import Page, PageLogEntry, Revision

from home.demo.loader import PAGE_FOLDERS, PAGES, read_data
from home.models import HomePage, HomePageFeaturedPage
from importer.markdown import SHORTCODE
from importer.source import read_source
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

TAXONOMY, MEDIA, SITE = read_data("taxonomy.yaml"), read_data("media.yaml"), read_data("site.yaml")
PAGE_LINK = re.compile(r"\]\(page:([\w-]+)\)")

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
    warnings: list


class WarningRecorder(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


@pytest.fixture(scope="module")
def demo_runs(django_db_setup, django_db_blocker, tmp_path_factory):
    media_root = tmp_path_factory.mktemp("demo-media")
    recorder = WarningRecorder()
    logging.getLogger().addHandler(recorder)
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media_root), transaction.atomic():
        first, second = io.StringIO(), io.StringIO()
        call_command("load_demo_content", stdout=first)
        counts_after_first = row_counts()
        call_command("load_demo_content", stdout=second)
        logging.getLogger().removeHandler(recorder)
        yield DemoRuns(first.getvalue(), second.getvalue(), counts_after_first, row_counts(), recorder.messages)
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_runs, db):
    return demo_runs


def test_first_run_reports_progress_step_by_step(demo):
    agencies, topics, life_events = (len(TAXONOMY[name]) for name in ("agencies", "topics", "life_events"))
    assert f"Created {agencies} agencies, {topics} topics, {life_events} life events." in demo.first_output
    case_studies = len(list((PAGES / "case-studies").glob("*.md")))
    assert f"Created {case_studies} case studies." in demo.first_output
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
    assert [page.slug for page in home.featured()] == SITE["featured"]


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
    assert f'alt="{escape(MEDIA["images"]["lobby-wait-chart"]["alt"])}"' in html


def shortcode_arguments(body, name, argument):
    """The values of `argument` in every `name` shortcode of a Markdown body."""
    return {
        re.search(rf'{argument}="([^"]*)"', match.group("args")).group(1)
        for match in SHORTCODE.finditer(body)
        if match.group("name") == name and not match.group("closing")
    }


def test_demo_data_refers_only_to_defined_terms_media_and_earlier_pages():
    """Checked without a database, so a writer who mistypes a key learns which one at once.

    Pages may link only to pages loaded before them (tools, then case studies, then examples).
    """
    files = [path for folder, _label in PAGE_FOLDERS for path in sorted((PAGES / folder).glob("*.md"))]
    pages = [read_source(path, path.name) for path in files]
    slugs = [page.front_matter["slug"] for page in pages]
    assert len(slugs) == len(set(slugs))
    vocabularies = {name: {term["slug"] for term in TAXONOMY[name]} for name in ("topics", "agencies", "life_events")}
    loaded = set()
    for page in pages:
        meta, slug = page.front_matter, page.front_matter["slug"]
        for field, known in vocabularies.items():
            assert set(meta.get(field, ())) <= known, (slug, field)
        assert shortcode_arguments(page.body, "img", "src") <= MEDIA["images"].keys(), slug
        documents = shortcode_arguments(page.body, "document", "name") | {
            download["document"] for download in meta.get("downloads", ())
        }
        assert documents <= MEDIA["documents"].keys(), slug
        assert set(PAGE_LINK.findall(page.body)) <= loaded, slug
        if "exemplifies" in meta:
            assert meta["exemplifies"] in loaded, slug
        loaded.add(slug)
    assert set(SITE["featured"]) <= loaded


def test_the_demo_is_logged_as_one_content_load_not_as_a_publish_without_review_per_page(demo):
    pages = KnowledgePage.objects.count()

    assert [message for message in demo.warnings if "without review" in message] == [
        f'Content load "demo content" published {pages} toolkit pages without review (user None)'
    ]


def test_the_published_without_review_report_lists_the_demo_once(demo, admin_client):
    response = admin_client.get(reverse("editorial_published_without_review"))
    listing = BeautifulSoup(response.content, "html.parser").find("table", class_="listing")
    rows = [" ".join(row.get_text(" ").split()) for row in listing.tbody.find_all("tr")]

    pages = KnowledgePage.objects.count()
    assert len(rows) == 1
    assert rows[0].startswith(f"Content load “demo content”: {pages} pages system ")
    # The line opens the site history of the load's publishes.
    history = admin_client.get(listing.tbody.find("a")["href"])
    assert history.status_code == 200
    assert KnowledgePage.objects.first().title in history.content.decode()


def test_each_demo_page_history_says_a_content_load_published_it(demo):
    entries = PageLogEntry.objects.filter(page__in=KnowledgePage.objects.all())

    assert not entries.filter(action="wagtail.publish").exists()
    assert entries.filter(action="importer.load_publish").count() == KnowledgePage.objects.count()
    assert entries.filter(action="importer.load_publish").first().message == "Published by a content load (no review)"

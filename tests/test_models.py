"""The knowledge-base content model: taxonomy terms, shared page fields and small helpers."""

import datetime

import pytest

from kb.models import (
    Agency,
    AgencyExamplePage,
    CaseStudyMetric,
    CaseStudyPage,
    KnowledgePage,
    LifeEvent,
    ToolPage,
    Topic,
    clamp_page_number,
    page_types,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", [Agency, Topic, LifeEvent])
def test_taxonomy_slug_is_filled_from_the_name(model):
    term = model.objects.create(name="Having a Child & Early Childhood")

    assert term.slug == "having-a-child-early-childhood"


@pytest.mark.parametrize("model", [Agency, Topic, LifeEvent])
def test_taxonomy_slug_stays_the_same_when_the_name_changes(model):
    term = model.objects.create(name="Customer feedback")

    term.name = "Customer feedback and surveys"
    term.save()
    term.refresh_from_db()

    assert term.name == "Customer feedback and surveys"
    assert term.slug == "customer-feedback"


def test_taxonomy_slug_given_by_the_editor_is_kept():
    topic = Topic.objects.create(name="Journey mapping", slug="journeys")

    assert topic.slug == "journeys"


def test_taxonomy_slug_fits_the_slug_column_for_long_names():
    topic = Topic.objects.create(name="x" * 150)

    assert len(topic.slug) == 80


def test_agency_str_includes_its_acronym():
    agency = Agency(name="Department of Veterans Affairs", acronym="VA")

    assert str(agency) == "Department of Veterans Affairs (VA)"


def test_agency_str_without_acronym_is_just_the_name():
    assert str(Agency(name="City of Austin")) == "City of Austin"


def test_topic_and_life_event_str_is_the_name():
    assert str(Topic(name="Service design")) == "Service design"
    assert str(LifeEvent(name="Retiring")) == "Retiring"


def test_review_by_defaults_to_a_year_after_publication(make_page):
    page = make_page(ToolPage, title="Survey template", publication_date=datetime.date(2024, 2, 1))

    assert page.review_by == datetime.date(2025, 1, 31)


def test_review_by_set_by_the_editor_is_kept(make_page):
    page = make_page(
        ToolPage,
        title="Survey template",
        publication_date=datetime.date(2024, 2, 1),
        review_by=datetime.date(2024, 6, 30),
    )

    assert page.review_by == datetime.date(2024, 6, 30)


@pytest.mark.parametrize(
    ("raw", "num_pages", "expected"),
    [
        ("2", 5, 2),
        ("5", 5, 5),
        (None, 5, 1),
        ("", 5, 1),
        ("abc", 5, 1),
        ("1e9", 5, 1),
        ("\x00", 5, 1),
        ("2.5", 5, 1),
        ("0", 5, 1),
        ("-1", 5, 1),
        ("99999", 5, 5),
        ("99999999999999999999999", 5, 5),
        ("3", 0, 1),
        ("1", 1, 1),
    ],
)
def test_clamp_page_number_always_returns_an_existing_page(raw, num_pages, expected):
    assert clamp_page_number(raw, num_pages) == expected


@pytest.mark.parametrize(
    ("model", "label"),
    [(CaseStudyPage, "Case study"), (ToolPage, "Tool"), (AgencyExamplePage, "Agency example")],
)
def test_content_type_label_names_the_specific_page_type(make_page, model, label):
    page = make_page(model, title="Labelled page")

    assert page.content_type_label == label


def test_content_type_label_needs_no_specific_instance(make_page, django_assert_num_queries):
    make_page(AgencyExamplePage, title="A journey map")
    generic = KnowledgePage.objects.get(title="A journey map")

    with django_assert_num_queries(0):
        label = generic.content_type_label

    assert type(generic) is KnowledgePage
    assert label == "Agency example"


def test_knowledge_page_cannot_be_created_directly():
    assert KnowledgePage.is_creatable is False
    assert CaseStudyPage.is_creatable is True


def test_case_study_metric_str_reads_like_a_result():
    assert str(CaseStudyMetric(label="Call wait time", value="4", unit="minutes")) == "Call wait time: 4 minutes"
    assert str(CaseStudyMetric(label="Satisfaction", value="87")) == "Satisfaction: 87"


def test_taxonomy_context_lists_the_terms_of_the_page(make_page):
    va = Agency.objects.create(name="Department of Veterans Affairs", acronym="VA")
    topic = Topic.objects.create(name="Journey mapping")
    event = LifeEvent.objects.create(name="Leaving the military")
    page = make_page(CaseStudyPage, title="Tagged", agencies=[va], topics=[topic], life_events=[event])

    context = page.get_taxonomy_context()

    assert context == {"page_agencies": [va], "page_topics": [topic], "page_life_events": [event]}


def test_taxonomy_context_of_unsaved_choices_shows_those_choices(make_page):
    """As in a preview: terms chosen in the editor live on the page object, not yet in the database."""
    saved = Agency.objects.create(name="Saved agency")
    chosen = Agency.objects.create(name="Chosen agency")
    page = make_page(CaseStudyPage, title="Tagged", agencies=[saved])

    page.agencies = [chosen]

    assert page.get_taxonomy_context()["page_agencies"] == [chosen]


def test_each_kind_of_toolkit_page_declares_its_public_type():
    assert page_types() == {"case-study": CaseStudyPage, "tool": ToolPage, "agency-example": AgencyExamplePage}
    assert [model.type_label() for model in page_types().values()] == ["Case study", "Tool", "Agency example"]

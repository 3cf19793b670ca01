"""Every page type can be written and published through the real Wagtail admin and is then public.

The form data is what the admin's own editor posts: Draftail contentstate for rich text, and
management fields for StreamFields and inline panels (built with Wagtail's form_data helpers).
"""

import datetime

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from kb.blocks import RICH_TEXT_FEATURES
from kb.models import AgencyExamplePage, CaseStudyPage, ToolPage, Topic

pytestmark = pytest.mark.django_db


def richtext(html):
    return rich_text(html, features=RICH_TEXT_FEATURES)


def list_block(items):
    """Form data of a ListBlock: like a stream, without block types."""
    data = {str(i): {"value": value, "deleted": "", "order": str(i)} for i, value in enumerate(items)}
    data["count"] = str(len(items))
    return data


def add_url(model, parent):
    return reverse("wagtailadmin_pages:add", args=("kb", model._meta.model_name, parent.pk))


def common_fields(title, slug, summary):
    return {
        "title": title,
        "slug": slug,
        "summary": summary,
        "publication_date": "2025-05-01",
        "review_by": "",
    }


def publish_through_admin(admin_client, model, parent, data):
    response = admin_client.post(add_url(model, parent), {**data, "action-publish": "Publish"})
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    return model.objects.get(slug=data["slug"])


def test_admin_add_form_opens_for_each_page_type(admin_client, site_tree):
    for model, section in (
        (CaseStudyPage, "CaseStudyIndexPage"),
        (ToolPage, "ToolIndexPage"),
        (AgencyExamplePage, "AgencyExampleIndexPage"),
    ):
        response = admin_client.get(add_url(model, site_tree[section]))

        assert response.status_code == 200, model.__name__


def test_case_study_published_through_the_admin_is_public(admin_client, client, site_tree):
    topic = Topic.objects.create(name="Contact centers")
    data = nested_form_data(
        {
            **common_fields("Cutting call wait times", "cutting-call-wait-times", "The VA cut phone waits by 80%."),
            "challenge": richtext("<p>Veterans waited 22 minutes on hold.</p>"),
            "approach": richtext("<p>The team mapped every call reason.</p>"),
            "results": richtext("<p>Waits fell to <b>four</b> minutes.</p>"),
            "metrics": inline_formset(
                [
                    {"label": "Average wait", "value": "4", "unit": "minutes", "baseline": "22"},
                    {"label": "Callbacks offered", "value": "93", "unit": "%", "baseline": ""},
                ]
            ),
            "body": streamfield(
                [
                    ("heading", {"text": "What we learned", "level": "h2"}),
                    ("paragraph", richtext("<p>Callbacks beat hold music.</p>")),
                ]
            ),
            "source_url": "https://www.va.gov/",
            "source_title": "VA news",
        }
    )
    data["topics"] = [str(topic.pk)]

    page = publish_through_admin(admin_client, CaseStudyPage, site_tree["CaseStudyIndexPage"], data)
    response = client.get(page.url)

    assert page.live
    assert page.get_parent().pk == site_tree["CaseStudyIndexPage"].pk
    assert page.review_by == datetime.date(2026, 5, 1)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Cutting call wait times</h1>" in html
    assert "The VA cut phone waits by 80%." in html
    assert "Veterans waited 22 minutes on hold." in html
    assert "<h2>What we learned</h2>" in html
    assert "Callbacks beat hold music." in html
    assert '<span class="kb-metric__label">Average wait</span>' in html
    assert '<span class="kb-metric__label">Callbacks offered</span>' in html
    assert "Contact centers" in html


def test_tool_published_through_the_admin_is_public(admin_client, client, site_tree):
    data = nested_form_data(
        {
            **common_fields("Customer interview guide", "customer-interview-guide", "Questions for a first interview."),
            "tool_type": "guide",
            "cx_phase": "discover",
            "time_needed": "2 to 4 hours",
            "skill_level": "beginner",
            "instructions": streamfield(
                [
                    (
                        "steps",
                        {
                            "heading": "How to use it",
                            "steps": list_block(
                                [
                                    {"title": "Recruit six customers", "text": richtext("<p>Use the call log.</p>")},
                                    {"title": "Record with consent", "text": richtext("")},
                                ]
                            ),
                        },
                    )
                ]
            ),
            "body": streamfield([("paragraph", richtext("<p>Interviews uncover unmet needs.</p>"))]),
            "downloads": inline_formset([]),
        }
    )

    page = publish_through_admin(admin_client, ToolPage, site_tree["ToolIndexPage"], data)
    response = client.get(page.url)

    assert page.live
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Customer interview guide</h1>" in html
    assert "Questions for a first interview." in html
    assert '<h3 class="usa-process-list__heading">Recruit six customers</h3>' in html
    assert "Interviews uncover unmet needs." in html
    assert "<dd>Guide</dd>" in html
    assert "<dd>2 to 4 hours</dd>" in html


def test_agency_example_published_through_the_admin_is_public(admin_client, client, site_tree, make_page):
    tool = make_page(ToolPage, title="Journey mapping method")
    data = nested_form_data(
        {
            **common_fields("IRS filing journey map", "irs-filing-journey-map", "How filers experience tax season."),
            "artifact_type": "journey-map",
            "exemplifies": str(tool.pk),
            "original_url": "https://www.irs.gov/",
            "body": streamfield(
                [("quote", {"quote": "I dreaded opening the envelope.", "attribution": "Taxpayer, 41"})]
            ),
        }
    )

    page = publish_through_admin(admin_client, AgencyExamplePage, site_tree["AgencyExampleIndexPage"], data)
    response = client.get(page.url)

    assert page.live
    assert page.exemplifies_id == tool.pk
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>IRS filing journey map</h1>" in html
    assert "How filers experience tax season." in html
    assert "I dreaded opening the envelope." in html
    assert f'<a href="{tool.url}">Journey mapping method</a>' in html


def test_draft_saved_through_the_admin_is_not_public(admin_client, client, site_tree):
    data = nested_form_data(
        {
            **common_fields("Unfinished story", "unfinished-story", "Not ready yet."),
            "challenge": richtext("<p>TBD</p>"),
            "approach": richtext("<p>TBD</p>"),
            "results": richtext("<p>TBD</p>"),
            "metrics": inline_formset([]),
            "body": streamfield([]),
        }
    )

    response = admin_client.post(add_url(CaseStudyPage, site_tree["CaseStudyIndexPage"]), data)
    page = CaseStudyPage.objects.get(slug="unfinished-story")

    assert response.status_code == 302
    assert not page.live
    assert client.get("/case-studies/unfinished-story/").status_code == 404


def test_admin_rejects_a_case_study_without_its_required_sections(admin_client, site_tree):
    data = nested_form_data(
        {
            **common_fields("No challenge", "no-challenge", "Missing sections."),
            "challenge": "null",  # what Draftail posts for an empty editor
            "approach": richtext("<p>Something.</p>"),
            "results": richtext("<p>Something.</p>"),
            "metrics": inline_formset([]),
            "body": streamfield([]),
        }
    )

    response = admin_client.post(
        add_url(CaseStudyPage, site_tree["CaseStudyIndexPage"]), {**data, "action-publish": "Publish"}
    )

    assert response.status_code == 200
    assert "challenge" in response.context["form"].errors
    assert not CaseStudyPage.objects.filter(slug="no-challenge").exists()

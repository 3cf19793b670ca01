"""Driving the Wagtail page editor and the review workflow through the test client, as people do."""

from django.urls import reverse
from django.utils.text import slugify
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from kb.models import CaseStudyPage

TITLE = "Quokkaflow benefits"  # the search page echoes the query, so tests look for the whole title


def case_study_form(title=TITLE, **extra):
    data = {
        "title": title,
        "slug": slugify(title),
        "summary": "How a team made applying for benefits simpler.",
        "publication_date": "2025-05-01",
        "review_by": "",
        "challenge": rich_text("<p>Applicants got lost.</p>"),
        "approach": rich_text("<p>We interviewed 40 applicants.</p>"),
        "results": rich_text("<p>Completion rose by a third.</p>"),
        "metrics": inline_formset([]),
        "body": streamfield([]),
        "source_url": "",
        "source_title": "",
        "comments": inline_formset([]),
        "go_live_at": "",
        "expire_at": "",
    }
    data.update(extra)
    return nested_form_data(data)


def create_in_admin(client, user, section, action=None, **fields):
    """The editor fills in "Add case study" and presses Save draft (or `action`)."""
    client.force_login(user)
    data = case_study_form(**fields)
    if action:
        data[action] = "1"
    url = reverse("wagtailadmin_pages:add", args=("kb", "casestudypage", section.pk))
    response = client.post(url, data)
    page = CaseStudyPage.objects.get(title=fields.get("title", TITLE))
    return response, page


def edit_in_admin(client, user, page, action=None, **fields):
    client.force_login(user)
    data = case_study_form(title=page.title, **fields)
    if action:
        data[action] = "1"
    return client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), data)


def act_on_current_step(client, user, page, action, comment=""):
    """A reviewer uses the workflow action (Approve / Request changes) from the admin."""
    client.force_login(user)
    task_state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk))
    return client.post(url, {"comment": comment})

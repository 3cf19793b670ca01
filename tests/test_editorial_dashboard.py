"""The admin as editors and reviewers use it, through the real admin views: the reviewer's dashboard
links each page to its review, labels the workflow step and lists a page once; the Reports menu has
one "Search terms"; the taxonomy is chosen next to the summary."""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from kb.models import CaseStudyPage


@pytest.fixture
def page_in_review(make_page, editor, reviewer):
    """A page the reviewer once edited (so it is also "theirs"), then the editor revised and submitted:
    it is at the first review step, and the reviewer, neither submitter nor last editor, may approve it."""
    page = make_page(CaseStudyPage, title="Please look at me", publish=False)
    page.save_revision(user=reviewer)
    page.save_revision(user=editor)
    page.get_workflow().start(page, editor)
    return page


def dashboard(client, user):
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def test_each_page_awaiting_review_links_to_its_review(client, reviewer, page_in_review):
    link = dashboard(client, reviewer).find(id="awaiting-review-content").find("a", string="Review “Please look at me”")

    assert link["href"] == reverse("wagtailadmin_pages:edit", args=[page_in_review.pk])
    assert client.get(link["href"]).status_code == 200


def test_the_review_step_is_written_out(client, reviewer, page_in_review):
    task = page_in_review.current_workflow_task
    row = dashboard(client, reviewer).find("a", string="Review “Please look at me”").find_parent("tr")
    step_count = len(page_in_review.get_workflow().tasks)

    assert f"Step 1 of {step_count}: {task.name}" in " ".join(row.get_text(" ").split())
    actions = [
        button.get_text(strip=True) for button in row.find_all("button", attrs={"data-workflow-action-url": True})
    ]
    assert {"Approve", "Request changes"} <= set(actions)


def test_a_page_is_listed_once_on_the_dashboard(client, reviewer, page_in_review):
    text = dashboard(client, reviewer).get_text()

    assert text.count("Please look at me") == 1


def test_the_editor_who_submitted_it_sees_it_once_in_their_drafts(client, editor, page_in_review):
    CaseStudyPage.objects.filter(pk=page_in_review.pk).update(owner=editor)
    document = dashboard(client, editor)

    assert document.get_text().count("Please look at me") == 1
    assert document.find(id="your-drafts-content").find("a", string="Please look at me")


def test_the_reports_menu_has_one_search_terms_item(client, editorial):
    admin = get_user_model().objects.create_superuser("boss", "boss@example.gov", "pw")
    client.force_login(admin)
    html = client.get(reverse("wagtailadmin_home")).content.decode()

    assert html.count('"label": "Search terms"') + html.count("&quot;label&quot;: &quot;Search terms&quot;") == 1
    assert reverse("kbsearch_report") in html
    assert reverse("wagtailsearchpromotions:search_terms") not in html


def test_agencies_topics_and_life_events_are_chosen_next_to_the_summary(client, editor, make_page):
    page = make_page(CaseStudyPage, title="Form order")
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()

    order = [html.index(f'id="id_{name}"') for name in ("summary", "agencies", "topics", "life_events", "challenge")]
    assert order == sorted(order)


def draft_status(client, user, title):
    row = dashboard(client, user).find(id="your-drafts-content").find("a", string=title).find_parent("tr")
    return row.find_all("td")[1].get_text(strip=True)


def test_your_drafts_says_draft_for_a_page_never_submitted(client, editor, make_page):
    page = make_page(CaseStudyPage, title="Just started", publish=False)
    page.save_revision(user=editor)

    assert draft_status(client, editor, "Just started") == "Draft"


def test_your_drafts_says_in_review_for_a_page_submitted_for_review(client, editor, page_in_review):
    assert draft_status(client, editor, "Please look at me") == "In review"


def test_your_drafts_says_changes_requested_for_a_page_sent_back(client, editor, reviewer, page_in_review):
    page_in_review.current_workflow_task_state.task.specific.on_action(
        page_in_review.current_workflow_task_state, reviewer, "reject"
    )

    assert draft_status(client, editor, "Please look at me") == "Changes requested"


def test_your_drafts_says_scheduled_for_an_approved_page_waiting_for_its_go_live_date(client, editor, make_page):
    page = make_page(CaseStudyPage, title="Coming soon", publish=False)
    page.go_live_at = timezone.now() + datetime.timedelta(days=3)
    page.save_revision(user=editor).publish(skip_permission_checks=True)

    assert draft_status(client, editor, "Coming soon") == "Scheduled"


def test_your_drafts_says_live_with_changes_for_a_published_page_edited_since(client, editor, make_page):
    page = make_page(CaseStudyPage, title="Already out")
    page.summary = "A better summary."
    page.save_revision(user=editor)

    assert draft_status(client, editor, "Already out") == "Live, with unpublished changes"

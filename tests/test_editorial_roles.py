"""Review that cannot be skipped: what each role can and cannot do through the real Wagtail admin.

Every way the admin offers to put a page live (the editor's Publish button, bulk publish from the
listing, copying with "publish copies", reverting to an old revision) is tried by each role; only
completing the "Toolkit review" workflow publishes, and nobody approves their own change.
"""

import logging
import re

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from wagtail.models import Page

from editorial.roles import ACCESSIBILITY_REVIEWERS, EDITORS, REVIEWERS, TAXONOMY_MANAGERS
from editorial.unreviewed import publishes_without_review
from kb.models import CaseStudyPage
from tests.editorial_admin import act_on_current_step, create_in_admin, edit_in_admin
from tests.editorial_users import make_user

ROLES = {"editor": EDITORS, "reviewer": REVIEWERS, "a11y": ACCESSIBILITY_REVIEWERS, "taxonomy": TAXONOMY_MANAGERS}


@pytest.fixture
def people(editorial):
    return {key: make_user(key, group) for key, group in ROLES.items()}


@pytest.fixture
def live_page(make_page):
    return make_page(CaseStudyPage, title="Live case study")


@pytest.fixture
def draft_page(make_page):
    return make_page(CaseStudyPage, title="Draft case study", publish=False)


def fresh(page):
    return CaseStudyPage.objects.get(pk=page.pk)


def bulk_url(action, *pages):
    ids = "&".join(f"id={page.pk}" for page in pages)
    return reverse("wagtail_bulk_action", args=("wagtailcore", "page", action)) + f"?{ids}"


def refused(response):
    """Wagtail's admin answers a refused action by sending the user back to the dashboard."""
    return response.status_code == 403 or (response.status_code == 302 and response.url == reverse("wagtailadmin_home"))


def submitted_page(client, editor, editorial):
    _response, page = create_in_admin(client, editor, editorial["CaseStudyIndexPage"], action="action-submit")
    return fresh(page)


# Publishing is the workflow's alone ----------------------------------------------------------


@pytest.mark.parametrize("role", ["editor", "reviewer", "a11y"])
def test_bulk_publish_from_the_listing_publishes_nothing(client, people, draft_page, role):
    client.force_login(people[role])
    client.post(bulk_url("publish", draft_page), {"include_descendants": ""})
    assert not fresh(draft_page).live


@pytest.mark.parametrize("role", ["editor", "reviewer"])
def test_bulk_publish_tells_the_user_they_may_not_publish(client, people, draft_page, role):
    client.force_login(people[role])
    html = client.get(bulk_url("publish", draft_page)).content.decode()
    assert "You don't have permission to publish" in html


@pytest.mark.parametrize("role", ["editor", "reviewer", "a11y"])
def test_unpublishing_is_refused(client, people, live_page, role):
    client.force_login(people[role])
    response = client.post(reverse("wagtailadmin_pages:unpublish", args=(live_page.pk,)))
    assert response.status_code in {302, 403}
    assert fresh(live_page).live
    client.post(bulk_url("unpublish", live_page))
    assert fresh(live_page).live


@pytest.mark.parametrize("role", ["editor", "reviewer"])
def test_a_live_page_cannot_be_deleted_or_moved(client, people, live_page, editorial, role):
    client.force_login(people[role])
    client.post(reverse("wagtailadmin_pages:delete", args=(live_page.pk,)))
    client.post(bulk_url("delete", live_page))
    destination = editorial["CaseStudyIndexPage"]
    client.post(reverse("wagtailadmin_pages:move_confirm", args=(live_page.pk, destination.pk)))
    page = fresh(live_page)
    assert page.live
    assert page.get_parent().pk == destination.pk


def test_an_editor_may_delete_a_draft(client, people, draft_page):
    client.force_login(people["editor"])
    response = client.post(reverse("wagtailadmin_pages:delete", args=(draft_page.pk,)))
    assert response.status_code == 302
    assert not Page.objects.filter(pk=draft_page.pk).exists()


@pytest.mark.parametrize("role", ["editor", "reviewer"])
def test_copy_with_publish_copies_makes_no_live_copy(client, people, live_page, editorial, role):
    client.force_login(people[role])
    client.post(
        reverse("wagtailadmin_pages:copy", args=(live_page.pk,)),
        {
            "new_title": "Copied case study",
            "new_slug": "copied-case-study",
            "new_parent_page": editorial["CaseStudyIndexPage"].pk,
            "publish_copies": "on",
        },
    )
    assert not CaseStudyPage.objects.filter(title="Copied case study", live=True).exists()


@pytest.mark.parametrize("role", ["editor", "reviewer"])
def test_reverting_to_an_old_revision_and_publishing_is_refused(client, people, live_page, role):
    old_revision = live_page.live_revision
    changed = fresh(live_page)
    changed.summary = "The newer, reviewed summary."
    changed.save_revision().publish()
    user = people[role]
    client.force_login(user)
    revert_url = reverse("wagtailadmin_pages:revisions_revert", args=(live_page.pk, old_revision.pk))
    assert client.get(revert_url).status_code == 200

    response = edit_in_admin(
        client, user, fresh(live_page), action="action-publish", summary=old_revision.as_object().summary
    )
    assert response.status_code == 403
    assert fresh(live_page).summary == "The newer, reviewed summary."


def test_the_read_api_accepts_no_writes(client, people, live_page):
    client.force_login(people["reviewer"])
    for method in (client.post, client.put, client.patch, client.delete):
        assert method(f"/api/v2/pages/{live_page.pk}/").status_code == 405
    assert client.post("/api/v2/pages/", {"title": "Injected"}).status_code == 405


# Each role's part in the review --------------------------------------------------------------


def test_reviewers_approve_the_content_step_but_not_the_accessibility_step(client, people, editorial):
    page = submitted_page(client, people["editor"], editorial)
    assert refused(act_on_current_step(client, people["a11y"], page, "approve"))
    assert fresh(page).current_workflow_task.name == "Content review"
    assert not refused(act_on_current_step(client, people["reviewer"], page, "approve"))
    page = fresh(page)
    assert page.current_workflow_task.name == "Accessibility and plain-language check"
    assert refused(act_on_current_step(client, people["reviewer"], page, "approve"))
    assert fresh(page).current_workflow_task.name == "Accessibility and plain-language check"
    assert not fresh(page).live


def test_an_accessibility_reviewer_edits_only_at_their_step_and_cannot_publish(client, people, editorial):
    page = submitted_page(client, people["editor"], editorial)
    a11y = people["a11y"]
    client.force_login(a11y)
    edit_url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    assert client.get(edit_url).status_code != 200

    act_on_current_step(client, people["reviewer"], page, "approve")
    assert client.get(edit_url).status_code == 200
    response = edit_in_admin(client, a11y, fresh(page), action="action-publish", summary="Plainer words.")
    assert response.status_code == 403
    assert not fresh(page).live


def test_a_taxonomy_manager_cannot_edit_or_publish_pages(client, people, live_page, draft_page, editorial):
    client.force_login(people["taxonomy"])
    assert client.get(reverse("wagtailadmin_pages:edit", args=(draft_page.pk,))).status_code in {302, 403}
    add_url = reverse("wagtailadmin_pages:add", args=("kb", "casestudypage", editorial["CaseStudyIndexPage"].pk))
    assert client.get(add_url).status_code in {302, 403}
    client.post(bulk_url("publish", draft_page), {"include_descendants": ""})
    client.post(reverse("wagtailadmin_pages:unpublish", args=(live_page.pk,)))
    assert not fresh(draft_page).live
    assert fresh(live_page).live
    assert client.get("/admin/kb/topic/").status_code == 200


def test_approving_both_steps_publishes_and_is_not_reported(client, people, editorial):
    page = submitted_page(client, people["editor"], editorial)
    act_on_current_step(client, people["reviewer"], page, "approve")
    act_on_current_step(client, people["a11y"], fresh(page), "approve")
    assert fresh(page).live
    assert not publishes_without_review().filter(page_id=page.pk).exists()


# Four eyes -----------------------------------------------------------------------------------


@pytest.fixture
def editor_and_reviewer(people):
    """Someone who both writes and reviews: they must still not approve their own change."""
    user = make_user("both", EDITORS)
    user.groups.add(people["reviewer"].groups.get())
    return user


def test_the_submitter_cannot_approve_their_own_page(client, people, editor_and_reviewer, editorial):
    page = submitted_page(client, editor_and_reviewer, editorial)
    assert refused(act_on_current_step(client, editor_and_reviewer, page, "approve"))
    assert fresh(page).current_workflow_task.name == "Content review"
    act_on_current_step(client, people["reviewer"], page, "approve")
    assert fresh(page).current_workflow_task.name == "Accessibility and plain-language check"


def workflow_actions_offered(client, user, page):
    client.force_login(user)
    html = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).content.decode()
    return {label for label in ("Approve", "Request changes") if re.search(rf">\s*{label}\b", html)}


def test_the_submitter_is_offered_request_changes_but_not_approve(client, people, editor_and_reviewer, editorial):
    page = submitted_page(client, editor_and_reviewer, editorial)
    assert workflow_actions_offered(client, editor_and_reviewer, page) == {"Request changes"}
    assert workflow_actions_offered(client, people["reviewer"], page) == {"Approve", "Request changes"}


def test_the_last_editor_cannot_approve(client, people, editorial):
    page = submitted_page(client, people["editor"], editorial)
    second_reviewer = make_user("reviewer2", REVIEWERS)
    edit_in_admin(client, people["reviewer"], page, summary="Tightened by the reviewer.")
    assert refused(act_on_current_step(client, people["reviewer"], fresh(page), "approve"))
    assert fresh(page).current_workflow_task.name == "Content review"
    act_on_current_step(client, second_reviewer, fresh(page), "approve")
    assert fresh(page).current_workflow_task.name == "Accessibility and plain-language check"


def test_editing_and_approving_in_one_request_is_refused(client, people, editorial):
    page = submitted_page(client, people["editor"], editorial)
    response = edit_in_admin(
        client,
        people["reviewer"],
        page,
        action="action-workflow-action",
        **{"workflow-action-name": "approve", "summary": "Rewritten and approved by one person."},
    )
    assert refused(response)
    page = fresh(page)
    assert page.current_workflow_task.name == "Content review"
    assert page.get_latest_revision_as_object().summary == "Rewritten and approved by one person."


# Superusers ----------------------------------------------------------------------------------


def test_a_superuser_publish_outside_review_is_logged_and_reported(client, draft_page, people, caplog):
    superuser = User.objects.create_superuser("root", "root@example.gov", "pw")
    with caplog.at_level(logging.WARNING, logger="editorial.unreviewed"):
        response = edit_in_admin(client, superuser, draft_page, action="action-publish")
    assert response.status_code == 302
    assert fresh(draft_page).live
    assert "Published without review" in caplog.text
    assert list(publishes_without_review().values_list("page_id", "user__username")) == [(draft_page.pk, "root")]

    client.force_login(people["reviewer"])
    html = client.get(reverse("editorial_published_without_review")).content.decode()
    assert draft_page.title in html
    assert "Published without review" in html


def test_the_published_without_review_report_is_closed_to_taxonomy_managers(client, people):
    client.force_login(people["taxonomy"])
    assert client.get(reverse("editorial_published_without_review")).status_code in {302, 403}

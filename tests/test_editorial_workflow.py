"""Review before publication, through the real Wagtail admin: roles, the two-step workflow,
notifications, the publish guard and scheduled publishing."""

import datetime
import io
import smtplib
from unittest import mock

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import (
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    PageLogEntry,
    Task,
    WorkflowPage,
    WorkflowState,
    WorkflowTask,
)

from editorial.roles import ACCESSIBILITY_REVIEWERS, EDITORS, REVIEWERS, TAXONOMY_MANAGERS
from editorial.workflow import WORKFLOW_NAME
from kb.models import CaseStudyPage
from tests.editorial_admin import TITLE, act_on_current_step, create_in_admin, edit_in_admin
from tests.editorial_users import make_user

UNIQUE_WORD = "Quokkaflow"


@pytest.fixture
def a11y_reviewer(editorial):
    return make_user("a11y", ACCESSIBILITY_REVIEWERS)


def search_titles(client, query=UNIQUE_WORD):
    client.logout()
    return client.get("/search/", {"q": query}).content.decode()


def fresh(page):
    return CaseStudyPage.objects.get(pk=page.pk)


# Roles and set-up ----------------------------------------------------------------------------


def role_snapshot():
    return {
        "groups": sorted(
            (group.name, sorted(group.permissions.values_list("codename", flat=True))) for group in Group.objects.all()
        ),
        "page_perms": sorted(GroupPagePermission.objects.values_list("pk", "group_id", "page_id", "permission_id")),
        "collection_perms": sorted(
            GroupCollectionPermission.objects.values_list("pk", "group_id", "collection_id", "permission_id")
        ),
        "tasks": sorted(Task.objects.values_list("pk", "name", "active")),
        "workflow_tasks": sorted(WorkflowTask.objects.values_list("pk", "workflow_id", "task_id", "sort_order")),
        "workflow_pages": sorted(WorkflowPage.objects.values_list("page_id", "workflow_id")),
        "pages": Page.objects.count(),
    }


def test_setup_command_twice_changes_nothing(editorial):
    before = role_snapshot()
    call_command("setup_editorial", stdout=io.StringIO())
    assert role_snapshot() == before


def test_setup_command_repairs_permissions_added_by_hand(editorial):
    editors = Group.objects.get(name=EDITORS)
    publish = Permission.objects.get(content_type__app_label="wagtailcore", codename="publish_page")
    GroupPagePermission.objects.create(group=editors, page=editorial["home"], permission=publish)
    call_command("setup_editorial", stdout=io.StringIO())
    assert not GroupPagePermission.objects.filter(group=editors, permission=publish).exists()


def test_editors_may_add_and_change_pages_in_the_three_sections_only(editorial):
    grants = GroupPagePermission.objects.filter(group__name=EDITORS)
    sections = {editorial[name].pk for name in ("CaseStudyIndexPage", "ToolIndexPage", "AgencyExampleIndexPage")}
    assert {grant.page_id for grant in grants} == sections
    assert {grant.permission.codename for grant in grants} == {"add_page", "change_page", "lock_page"}


def test_editors_upload_images_and_documents(editorial):
    codenames = set(
        GroupCollectionPermission.objects.filter(group__name=EDITORS).values_list("permission__codename", flat=True)
    )
    assert codenames == {"add_image", "choose_image", "add_document", "choose_document"}


def test_no_group_holds_the_publish_permission_not_even_wagtails_moderators(editorial):
    assert not GroupPagePermission.objects.filter(permission__codename="publish_page").exists()


def test_taxonomy_managers_manage_the_taxonomy_and_nothing_else(editorial):
    group = Group.objects.get(name=TAXONOMY_MANAGERS)
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"add_agency", "change_agency", "delete_agency", "add_topic", "change_lifeevent"} <= codenames
    assert not GroupPagePermission.objects.filter(group=group).exists()


def test_taxonomy_manager_reaches_the_agency_screen(client, editorial):
    manager = make_user("taxman", TAXONOMY_MANAGERS)
    client.force_login(manager)
    assert client.get("/admin/kb/agency/").status_code == 200


def test_workflow_has_content_review_then_accessibility_check_on_every_section(editorial):
    for name in ("CaseStudyIndexPage", "ToolIndexPage", "AgencyExampleIndexPage"):
        workflow = editorial[name].get_workflow()
        assert workflow.name == WORKFLOW_NAME
    tasks = [task.specific for task in workflow.tasks]
    assert [task.name for task in tasks] == ["Content review", "Accessibility and plain-language check"]
    assert [list(task.groups.values_list("name", flat=True)) for task in tasks] == [
        [REVIEWERS],
        [ACCESSIBILITY_REVIEWERS],
    ]


# The publish guard ---------------------------------------------------------------------------


def test_editor_sees_submit_for_review_and_never_publish(client, editor, editorial):
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=("kb", "casestudypage", editorial["CaseStudyIndexPage"].pk))
    html = client.get(url).content.decode()
    assert 'name="action-submit"' in html
    assert 'name="action-publish"' not in html


def test_editor_publish_request_is_refused_and_the_draft_is_kept(client, editor, editorial):
    _response, page = create_in_admin(client, editor, editorial["CaseStudyIndexPage"])
    response = edit_in_admin(client, editor, page, action="action-publish", summary="A better summary.")
    assert response.status_code == 403
    page = fresh(page)
    assert not page.live
    assert page.get_latest_revision_as_object().summary == "A better summary."
    assert not PageLogEntry.objects.filter(page=page, action="wagtail.publish").exists()


def test_editor_publish_request_on_a_new_page_is_refused_and_saved_as_draft(client, editor, editorial):
    response, page = create_in_admin(client, editor, editorial["CaseStudyIndexPage"], action="action-publish")
    assert response.status_code == 403
    assert not fresh(page).live
    assert page.get_latest_revision() is not None


def test_reviewer_publish_request_is_refused_and_the_draft_is_kept(client, reviewer, editor, editorial):
    _response, page = create_in_admin(client, editor, editorial["CaseStudyIndexPage"])
    response = edit_in_admin(client, reviewer, page, action="action-publish", summary="Reviewer's wording.")
    assert response.status_code == 403
    page = fresh(page)
    assert not page.live
    assert page.get_latest_revision_as_object().summary == "Reviewer's wording."


def test_accessibility_reviewers_cannot_publish_outside_the_workflow(editor, a11y_reviewer, make_page):
    page = make_page(CaseStudyPage, title="Not yet", publish=False)
    assert not page.permissions_for_user(a11y_reviewer).can_publish()


# The review itself ---------------------------------------------------------------------------


def test_case_study_goes_live_and_into_search_only_after_both_steps(client, editor, reviewer, a11y_reviewer, editorial):
    _response, page = create_in_admin(client, editor, editorial["CaseStudyIndexPage"])
    mail.outbox.clear()

    response = edit_in_admin(client, editor, page, action="action-submit")
    assert response.status_code == 302
    page = fresh(page)
    assert page.current_workflow_task.name == "Content review"
    assert [message.to for message in mail.outbox] == [["reviewer@example.gov"]]
    assert TITLE not in search_titles(client)

    mail.outbox.clear()
    assert act_on_current_step(client, reviewer, page, "approve", "Facts check out.").status_code == 302
    page = fresh(page)
    assert not page.live
    assert page.current_workflow_task.name == "Accessibility and plain-language check"
    assert [message.to for message in mail.outbox] == [["a11y@example.gov"]]
    assert TITLE not in search_titles(client)

    mail.outbox.clear()
    assert act_on_current_step(client, a11y_reviewer, page, "approve").status_code == 302
    page = fresh(page)
    assert page.live
    assert page.current_workflow_state is None
    assert TITLE in search_titles(client)
    assert client.get(page.url).status_code == 200

    (approval,) = mail.outbox
    assert approval.to == ["editor@example.gov"]
    assert "Approved and published" in approval.subject
    assert "Facts check out." in approval.body


def test_reviewers_are_notified_when_a_page_is_submitted(client, editor, reviewer, a11y_reviewer, editorial):
    _response, page = create_in_admin(client, editor, editorial["CaseStudyIndexPage"])
    mail.outbox.clear()
    edit_in_admin(client, editor, page, action="action-submit")
    (message,) = mail.outbox
    assert message.to == [reviewer.email]
    assert "Content review" in message.subject


def test_rejection_returns_the_page_to_the_editor_with_the_comment(client, editor, reviewer, editorial):
    _response, page = create_in_admin(client, editor, editorial["CaseStudyIndexPage"], action="action-submit")
    mail.outbox.clear()

    act_on_current_step(client, reviewer, page, "reject", "Please name the source of the 40 interviews.")

    page = fresh(page)
    assert not page.live
    assert page.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    (message,) = mail.outbox
    assert message.to == ["editor@example.gov"]
    assert "Changes requested" in message.subject
    assert "Please name the source of the 40 interviews." in message.body
    assert "Content review" in message.body
    # Back with the editor: they can edit and resubmit, and the page goes back to step 1.
    response = edit_in_admin(client, editor, page, action="action-submit", summary="With sources.")
    assert response.status_code == 302
    assert fresh(page).current_workflow_task.name == "Content review"


def test_rejection_at_step_two_lists_the_earlier_comments_too(client, editor, reviewer, a11y_reviewer, editorial):
    _response, page = create_in_admin(client, editor, editorial["CaseStudyIndexPage"], action="action-submit")
    act_on_current_step(client, reviewer, page, "approve", "Accurate.")
    mail.outbox.clear()
    act_on_current_step(client, a11y_reviewer, fresh(page), "reject", "The chart needs alt text.")
    (message,) = mail.outbox
    assert "The chart needs alt text." in message.body
    assert "Accurate." in message.body


def test_a_mail_server_failure_does_not_undo_a_submission_for_review(client, editor, reviewer, editorial):
    _response, page = create_in_admin(client, editor, editorial["CaseStudyIndexPage"])
    with mock.patch(
        "django.core.mail.backends.locmem.EmailBackend.open", side_effect=smtplib.SMTPServerDisconnected("down")
    ):
        response = edit_in_admin(client, editor, page, action="action-submit")
    assert response.status_code == 302
    assert fresh(page).current_workflow_task.name == "Content review"


def test_last_reviewed_date_shows_once_the_review_approves_the_page(client, editor, reviewer, a11y_reviewer, editorial):
    _response, page = create_in_admin(client, editor, editorial["CaseStudyIndexPage"], action="action-submit")
    act_on_current_step(client, reviewer, page, "approve")
    act_on_current_step(client, a11y_reviewer, fresh(page), "approve")
    client.logout()
    html = client.get(fresh(page).url).content.decode()
    today = timezone.localdate()
    assert f'Last reviewed <time datetime="{today:%Y-%m-%d}">' in html


def test_a_review_of_a_live_page_shows_its_date_to_the_next_visitor(
    client, make_page, editor, reviewer, a11y_reviewer, editorial
):
    page = make_page(CaseStudyPage, title=TITLE)
    assert "Last reviewed" not in client.get(page.url).content.decode()

    edit_in_admin(client, editor, page, action="action-submit", summary="Checked again.")
    act_on_current_step(client, reviewer, fresh(page), "approve")
    act_on_current_step(client, a11y_reviewer, fresh(page), "approve")
    client.logout()
    html = client.get(page.url).content.decode()
    assert f'Last reviewed <time datetime="{timezone.localdate():%Y-%m-%d}">' in html


def test_a_page_published_without_review_shows_no_last_reviewed_date(client, make_page):
    page = make_page(CaseStudyPage, title="Imported")
    assert "Last reviewed" not in client.get(page.url).content.decode()


def test_republishing_without_review_clears_the_last_reviewed_date(client, editor, reviewer, a11y_reviewer, editorial):
    _response, page = create_in_admin(client, editor, editorial["CaseStudyIndexPage"], action="action-submit")
    act_on_current_step(client, reviewer, page, "approve")
    act_on_current_step(client, a11y_reviewer, fresh(page), "approve")
    superuser = User.objects.create_superuser("root", "root@example.gov", "pw")
    edit_in_admin(client, superuser, fresh(page), action="action-publish", summary="Changed without review.")
    client.logout()
    assert "Last reviewed" not in client.get(fresh(page).url).content.decode()


# Scheduling ----------------------------------------------------------------------------------


def test_approved_page_with_a_future_go_live_date_is_published_by_publish_scheduled(
    client, editor, reviewer, a11y_reviewer, editorial
):
    go_live = timezone.localtime() + datetime.timedelta(days=2)
    _response, page = create_in_admin(
        client,
        editor,
        editorial["CaseStudyIndexPage"],
        action="action-submit",
        go_live_at=go_live.strftime("%Y-%m-%d %H:%M"),
    )
    act_on_current_step(client, reviewer, page, "approve")
    act_on_current_step(client, a11y_reviewer, fresh(page), "approve")
    page = fresh(page)
    assert not page.live
    assert TITLE not in search_titles(client)

    call_command("publish_scheduled")
    assert not fresh(page).live

    later = timezone.now() + datetime.timedelta(days=3)
    with mock.patch("django.utils.timezone.now", return_value=later):
        call_command("publish_scheduled")
    assert fresh(page).live
    assert TITLE in search_titles(client)


def test_expired_page_leaves_the_site_and_search(client, make_page):
    page = make_page(CaseStudyPage, title=TITLE)
    CaseStudyPage.objects.filter(pk=page.pk).update(expire_at=timezone.now() + datetime.timedelta(hours=1))
    assert TITLE in search_titles(client)

    later = timezone.now() + datetime.timedelta(hours=2)
    with mock.patch("django.utils.timezone.now", return_value=later):
        call_command("publish_scheduled")

    page = fresh(page)
    assert not page.live
    assert page.expired
    assert client.get("/case-studies/" + page.slug + "/").status_code == 404
    assert TITLE not in search_titles(client)

"""Two editors on one page, through the real admin: each sees the other, the second is told of the
first's save, no revision is lost, and a lock keeps the page to the person who took it."""

import pytest
from django.urls import reverse

from editorial.roles import EDITORS
from kb.models import CaseStudyPage
from tests.editorial_admin import edit_in_admin
from tests.editorial_users import make_user


@pytest.fixture
def sessions():
    """Each user's editing session id, as their open editor remembers it."""
    return {}


@pytest.fixture
def draft(make_page):
    return make_page(CaseStudyPage, title="Shared draft", publish=False)


@pytest.fixture
def ana(editorial):
    return make_user("ana", EDITORS)


@pytest.fixture
def ben(editorial):
    return make_user("ben", EDITORS)


def ping(client, user, page, loaded_revision, sessions):
    """What the editor's page asks the server every few seconds: who else is here, and is there a
    newer revision? Each user keeps the editing session the first ping opened."""
    client.force_login(user)
    session_id = sessions.get(user.pk, 0)
    url = reverse("wagtailadmin_editing_sessions:ping", args=("kb", "casestudypage", str(page.pk), session_id))
    response = client.post(
        url,
        {
            "is_editing": "1",
            "revision_id": loaded_revision.pk,
            "revision_created_at": loaded_revision.created_at.isoformat(),
        },
    )
    assert response.status_code == 200
    sessions[user.pk] = response.json()["session_id"]
    return response.json()["other_sessions"]


def summaries(page):
    return [revision.as_object().summary for revision in page.revisions.order_by("created_at", "pk")]


def test_each_editor_sees_the_other_on_the_page(client, draft, ana, ben, sessions):
    loaded = draft.get_latest_revision()
    assert ping(client, ana, draft, loaded, sessions) == []
    (other,) = ping(client, ben, draft, loaded, sessions)
    assert other["user"] == "Ana"
    assert other["is_editing"] is True


def test_the_second_editor_is_told_of_the_first_ones_save_and_no_revision_is_lost(client, draft, ana, ben, sessions):
    loaded = draft.get_latest_revision()
    ping(client, ana, draft, loaded, sessions)
    ping(client, ben, draft, loaded, sessions)

    assert edit_in_admin(client, ana, draft, summary="Ana's summary.", loaded_revision_id=loaded.pk).status_code == 302
    anas_revision = CaseStudyPage.objects.get(pk=draft.pk).get_latest_revision()
    assert anas_revision.user == ana

    (notice,) = ping(client, ben, draft, loaded, sessions)
    assert (notice["user"], notice["revision_id"]) == ("Ana", anas_revision.pk)

    response = edit_in_admin(client, ben, draft, summary="Ben's summary.", loaded_revision_id=loaded.pk)
    assert response.status_code == 302
    assert summaries(draft) == ["Summary of Shared draft.", "Ana's summary.", "Ben's summary."]
    assert draft.revisions.get(pk=anas_revision.pk).as_object().summary == "Ana's summary."


def test_a_locked_page_cannot_be_saved_by_anyone_else_until_unlocked(client, draft, ana, ben):
    client.force_login(ana)
    assert client.post(reverse("wagtailadmin_pages:lock", args=(draft.pk,))).status_code == 302
    revisions_before = draft.revisions.count()

    response = edit_in_admin(client, ben, draft, summary="Ben writes over Ana.")
    assert response.status_code == 200
    assert "locked" in response.content.decode()
    assert draft.revisions.count() == revisions_before

    client.force_login(ben)
    client.post(reverse("wagtailadmin_pages:unlock", args=(draft.pk,)))
    assert CaseStudyPage.objects.get(pk=draft.pk).locked

    client.force_login(ana)
    client.post(reverse("wagtailadmin_pages:unlock", args=(draft.pk,)))
    assert not CaseStudyPage.objects.get(pk=draft.pk).locked
    assert edit_in_admin(client, ben, draft, summary="Ben's turn.").status_code == 302
    assert summaries(draft)[-1] == "Ben's turn."

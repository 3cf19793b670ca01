"""The public /submit/ form: community members propose a case study, which becomes a draft in review."""

import io
import smtplib
from unittest import mock

import pytest
from django.contrib.auth.models import Group, User
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command

from editorial.roles import REVIEWERS
from kb.models import Agency, CaseStudyPage
from submissions.drafts import as_paragraphs
from submissions.models import CaseStudySubmission

URL = "/submit/"


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def reviewer(site_tree):
    call_command("setup_editorial", stdout=io.StringIO())
    user = User.objects.create_user("reviewer", "reviewer@example.gov", "pw")
    user.groups.add(Group.objects.get(name=REVIEWERS))
    return user


def valid_data(**overrides):
    data = {
        "title": "Shorter lines at the passport office",
        "agency": "USDA",
        "summary": "We cut waiting times by booking appointments online.",
        "challenge": "People queued for hours.\n\nSome gave up.",
        "approach": "We mapped the journey with applicants.",
        "results": "Average wait fell from 3 hours to 20 minutes.",
        "contact_name": "Ada Lovelace",
        "contact_email": "ada@example.gov",
        "consent": "on",
        "website": "",
    }
    data.update(overrides)
    return data


def test_form_page_renders_uswds_fields_with_labels(client, site_tree):
    response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="usa-form usa-form--large"' in html
    for name in ("title", "agency", "summary", "challenge", "approach", "results", "contact_name", "contact_email"):
        assert f'<label class="usa-label" for="id_{name}">' in html
    assert 'class="usa-checkbox__input"' in html


def test_submission_creates_a_draft_case_study_in_review(client, reviewer):
    Agency.objects.create(name="Department of Agriculture", acronym="USDA")
    response = client.post(URL, valid_data())
    assert response.status_code == 302
    assert response["Location"] == "/submit/thanks/"

    page = CaseStudyPage.objects.get(title="Shorter lines at the passport office")
    assert not page.live
    assert page.current_workflow_task.name == "Content review"
    assert [agency.acronym for agency in page.agencies.all()] == ["USDA"]
    assert page.challenge == "<p>People queued for hours.</p><p>Some gave up.</p>"
    submission = CaseStudySubmission.objects.get(page=page)
    assert submission.contact_email == "ada@example.gov"
    assert submission.consent_to_publish
    assert submission.confirmation_sent


def test_submission_never_goes_live_on_its_own(client, reviewer):
    client.post(URL, valid_data())
    page = CaseStudyPage.objects.get()
    assert client.get(page.url or "/case-studies/shorter-lines-at-the-passport-office/").status_code == 404
    assert "Shorter lines at the passport office" not in client.get("/search/", {"q": "passport"}).content.decode()


def test_submission_notifies_reviewers_and_confirms_to_the_contact(client, reviewer):
    client.post(URL, valid_data())
    recipients = sorted(message.to[0] for message in mail.outbox)
    assert recipients == ["ada@example.gov", "reviewer@example.gov"]
    confirmation = next(message for message in mail.outbox if message.to == ["ada@example.gov"])
    assert "Shorter lines at the passport office" in confirmation.subject
    assert "Ada Lovelace" in confirmation.body


def test_thanks_page_confirms_receipt(client, site_tree):
    assert "We received your case study" in client.get("/submit/thanks/").content.decode()


@pytest.mark.parametrize("missing", ["title", "agency", "summary", "challenge", "approach", "results", "contact_name"])
def test_missing_field_is_reported_next_to_it_and_the_rest_is_kept(client, site_tree, missing):
    response = client.post(URL, valid_data(**{missing: ""}))
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<span class="usa-error-message" id="id_{missing}-error">This field is required.</span>' in html
    assert f'aria-describedby="id_{missing}-hint id_{missing}-error"' in html or (
        f'aria-describedby="id_{missing}-error"' in html
    )
    assert 'value="ada@example.gov"' in html
    assert not CaseStudyPage.objects.exists()


def test_consent_is_required(client, site_tree):
    data = valid_data()
    del data["consent"]
    html = client.post(URL, data).content.decode()
    assert "You must agree to publication before you submit." in html
    assert not CaseStudySubmission.objects.exists()


def test_invalid_email_is_reported(client, site_tree):
    html = client.post(URL, valid_data(contact_email="not-an-email")).content.decode()
    assert 'id="id_contact_email-error"' in html
    assert 'value="not-an-email"' in html


@pytest.mark.parametrize("field", ["title", "summary", "challenge", "contact_name"])
def test_a_one_megabyte_field_is_refused_with_a_message(client, site_tree, field):
    response = client.post(URL, valid_data(**{field: "x" * 1_000_000}))
    assert response.status_code == 200
    assert "Ensure this value has at most" in response.content.decode()
    assert not CaseStudyPage.objects.exists()


def test_script_tags_are_escaped_on_the_form_and_in_the_draft(client, reviewer):
    script = "<script>alert('x')</script>"
    html = client.post(URL, valid_data(contact_email="bad", title=f"Title {script}")).content.decode()
    assert script not in html
    assert "&lt;script&gt;" in html

    client.post(URL, valid_data(title=f"Title {script}", challenge=f"Before {script} after"))
    page = CaseStudyPage.objects.get()
    assert "<script>" not in page.challenge
    assert "&lt;script&gt;" in page.challenge
    client.force_login(reviewer)
    preview = client.get(f"/admin/pages/{page.pk}/view_draft/").content.decode()
    assert script not in preview


def test_as_paragraphs_escapes_markup():
    assert (
        as_paragraphs('<b onclick="x">hi</b>\nthere') == "<p>&lt;b onclick=&quot;x&quot;&gt;hi&lt;/b&gt;<br/>there</p>"
    )


def test_honeypot_submission_is_thanked_but_not_stored(client, reviewer):
    response = client.post(URL, valid_data(website="http://spam.example"))
    assert response.status_code == 302
    assert not CaseStudyPage.objects.exists()
    assert not CaseStudySubmission.objects.exists()
    assert mail.outbox == []


def test_honeypot_is_hidden_from_people_and_assistive_technology(client, site_tree):
    html = client.get(URL).content.decode()
    hidden_start = html.index('aria-hidden="true"')
    assert html.index('name="website"') > hidden_start
    assert 'tabindex="-1"' in html


def test_rate_limit_stops_repeated_submissions_from_one_address(client, reviewer, settings):
    settings.SUBMISSIONS_RATE_LIMIT = 2
    for number in range(2):
        assert client.post(URL, valid_data(title=f"Story {number}")).status_code == 302
    response = client.post(URL, valid_data(title="Story 3"))
    assert response.status_code == 429
    assert "Too many submissions" in response.content.decode()
    assert 'value="Story 3"' in response.content.decode()
    assert CaseStudyPage.objects.count() == 2


def test_rate_limit_is_per_address(client, reviewer, settings):
    settings.SUBMISSIONS_RATE_LIMIT = 1
    assert client.post(URL, valid_data(title="First"), REMOTE_ADDR="10.0.0.1").status_code == 302
    assert client.post(URL, valid_data(title="Second"), REMOTE_ADDR="10.0.0.2").status_code == 302
    assert client.post(URL, valid_data(title="Third"), REMOTE_ADDR="10.0.0.1").status_code == 429


def test_submission_is_stored_even_when_email_fails(client, reviewer):
    with (
        mock.patch("django.core.mail.backends.locmem.EmailBackend.open", side_effect=smtplib.SMTPServerDisconnected),
        mock.patch(
            "django.core.mail.backends.locmem.EmailBackend.send_messages", side_effect=smtplib.SMTPException("down")
        ),
    ):
        response = client.post(URL, valid_data())
    assert response.status_code == 302
    page = CaseStudyPage.objects.get()
    assert page.current_workflow_task.name == "Content review"
    submission = CaseStudySubmission.objects.get(page=page)
    assert not submission.confirmation_sent


def test_titles_that_repeat_get_distinct_slugs(client, reviewer):
    client.post(URL, valid_data())
    client.post(URL, valid_data())
    assert sorted(CaseStudyPage.objects.values_list("slug", flat=True)) == [
        "shorter-lines-at-the-passport-office",
        "shorter-lines-at-the-passport-office-2",
    ]


def test_reviewers_see_who_proposed_a_submission(client, reviewer):
    client.post(URL, valid_data())
    client.force_login(reviewer)
    html = client.get("/admin/community_submissions/").content.decode()
    assert "ada@example.gov" in html
    assert "Shorter lines at the passport office" in html

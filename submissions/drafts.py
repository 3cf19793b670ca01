"""Turn a community submission into a draft case study waiting in the review workflow."""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.text import slugify

from home.site_structure import ensure_site_structure
from kb.models import Agency, CaseStudyIndexPage, CaseStudyPage

from .models import CaseStudySubmission

logger = logging.getLogger(__name__)


def as_paragraphs(text):
    """Plain text → rich-text HTML: one escaped <p> per blank-line-separated paragraph.

    Whatever the visitor typed (tags, scripts) stays text; nothing they send is trusted as markup.
    """
    paragraphs = [part.strip() for part in text.replace("\r\n", "\n").split("\n\n") if part.strip()]
    return "".join("<p>{}</p>".format(escape(part).replace("\n", "<br/>")) for part in paragraphs)


def unique_slug(parent, title):
    base = slugify(title)[:70] or "case-study"
    taken = set(parent.get_children().filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def matching_agency(name):
    return Agency.objects.filter(Q(name__iexact=name) | Q(acronym__iexact=name)).first()


def case_studies_section():
    section = CaseStudyIndexPage.objects.first()
    if section is None:
        _home, sections = ensure_site_structure()
        section = sections[CaseStudyIndexPage]
    return section


@transaction.atomic
def create_draft(data):
    """Create the draft page and the submission record, then start the review workflow.

    Starting the workflow emails the reviewers; the project's notifiers log mail failures instead of
    raising them, so the draft and the record are kept whatever the mail server does.
    """
    section = case_studies_section()
    page = CaseStudyPage(
        title=data["title"],
        slug=unique_slug(section, data["title"]),
        summary=data["summary"],
        challenge=as_paragraphs(data["challenge"]),
        approach=as_paragraphs(data["approach"]),
        results=as_paragraphs(data["results"]),
        live=False,
    )
    agency = matching_agency(data["agency"])
    if agency:
        page.agencies.set([agency])
    section.add_child(instance=page)
    page.save_revision(log_action=True)
    submission = CaseStudySubmission.objects.create(
        page=page,
        title=data["title"],
        agency_name=data["agency"],
        contact_name=data["contact_name"],
        contact_email=data["contact_email"],
        consent_to_publish=data["consent"],
    )
    workflow = page.get_workflow()
    if workflow is not None:
        workflow.start(page, user=None)
    else:
        logger.warning("No review workflow on the case studies section; run `manage.py setup_editorial`.")
    return submission


def send_confirmation(submission):
    """Thank the contact. A failure is logged and recorded, never shown to them as an error:
    their submission is already safe."""
    context = {"submission": submission, "title": " ".join(submission.title.split())}
    try:
        send_mail(
            subject=render_to_string("submissions/email/confirmation_subject.txt", context).strip(),
            message=render_to_string("submissions/email/confirmation.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[submission.contact_email],
        )
    except Exception:
        logger.exception("Could not send the submission confirmation for submission %s", submission.pk)
        return False
    CaseStudySubmission.objects.filter(pk=submission.pk).update(confirmation_sent=True)
    return True

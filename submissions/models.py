"""A record of each community submission, kept apart from the draft page it created.

Contact details and consent are not page content and must never be published with it, so they
live here, where reviewers can see who proposed a case study and whether they agreed to publication.
The record is written in the same transaction as the draft page, before any email is sent, so a
mail outage never loses a submission.
"""

from django.db import models


class CaseStudySubmission(models.Model):
    page = models.OneToOneField(
        "kb.CaseStudyPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="community_submission",
        help_text="The draft case study this submission created.",
    )
    title = models.CharField(max_length=255)
    agency_name = models.CharField("agency", max_length=150)
    contact_name = models.CharField(max_length=150)
    contact_email = models.EmailField()
    consent_to_publish = models.BooleanField(default=False)
    submitted_at = models.DateTimeField(auto_now_add=True)
    confirmation_sent = models.BooleanField(
        default=False, help_text="Whether the confirmation email reached the mail server."
    )

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = "case study submission"

    def __str__(self):
        return f"{self.title} ({self.contact_name})"

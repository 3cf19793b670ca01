"""Community submissions in the Wagtail admin: a read-only list for reviewers, who may need to ask
the contact a question. The proposal itself is the draft case study the submission links to."""

from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .models import CaseStudySubmission


class CaseStudySubmissionViewSet(ModelViewSet):
    model = CaseStudySubmission
    icon = "mail"
    menu_label = "Community submissions"
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["title", "agency_name", "contact_name", "contact_email", "consent_to_publish", "submitted_at"]
    list_filter = ["consent_to_publish", "confirmation_sent"]
    search_fields = ["title", "agency_name", "contact_name", "contact_email"]
    inspect_view_enabled = True
    form_fields = ["title", "agency_name", "contact_name", "contact_email", "consent_to_publish"]


@hooks.register("register_admin_viewset")
def register_submissions_viewset():
    return CaseStudySubmissionViewSet("community_submissions")

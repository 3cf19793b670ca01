"""Dashboard panels that show each user their part of the editorial work."""

from django.db.models import Q
from wagtail.admin.ui.components import Component
from wagtail.admin.views.home import WorkflowObjectsToModeratePanel
from wagtail.models import Page
from wagtail.permissions import policy_registry

from .freshness import due_for_review

PANEL_LENGTH = 10


class YourDraftsPanel(Component):
    """Pages the user wrote or owns that have changes not yet live: drafts, pages in review and
    pages sent back with requested changes."""

    name = "editorial_your_drafts"
    template_name = "editorial/dashboard/your_drafts.html"
    order = 105

    def get_context_data(self, parent_context):
        user = parent_context["request"].user
        drafts = (
            Page.objects.filter(has_unpublished_changes=True)
            .filter(Q(owner=user) | Q(latest_revision__user=user))
            .prefetch_workflow_states()
            .order_by("-latest_revision_created_at")
            .specific(defer=True)[:PANEL_LENGTH]
        )
        return {"drafts": drafts, "request": parent_context["request"]}


class AwaitingYourReviewPanel(WorkflowObjectsToModeratePanel):
    """Wagtail's own review queue (with its approve and request-changes buttons), shown even when
    empty so reviewers can see at a glance that nothing waits for them."""

    template_name = "editorial/dashboard/awaiting_your_review.html"


class DueForReviewPanel(Component):
    """Live toolkit pages whose review-by date is past or near, for people who can edit them."""

    name = "editorial_due_for_review"
    template_name = "editorial/dashboard/due_for_review.html"
    order = 230

    def is_shown(self, user):
        return policy_registry.get_by_type(Page).user_has_any_permission(user, ["add", "change", "publish"])

    def get_context_data(self, parent_context):
        return {"pages": due_for_review().prefetch_related("agencies")[:PANEL_LENGTH]}

    def render_html(self, parent_context=None):
        if not self.is_shown(parent_context["request"].user):
            return ""
        return super().render_html(parent_context)


def construct_panels(request, panels):
    for index, panel in enumerate(panels):
        if type(panel) is WorkflowObjectsToModeratePanel:
            panels[index] = AwaitingYourReviewPanel()
    panels.extend([YourDraftsPanel(), DueForReviewPanel()])

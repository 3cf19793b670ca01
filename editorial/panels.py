"""Dashboard panels that show each user their part of the editorial work."""

from django.db.models import Q
from wagtail.admin.ui.components import Component
from wagtail.admin.views.home import (
    RecentEditsPanel,
    UserObjectsInWorkflowModerationPanel,
    WorkflowObjectsToModeratePanel,
)
from wagtail.models import Page, TaskState, WorkflowState
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
        # A page waiting for this user's review is listed once, under "Awaiting your review".
        awaiting = [int(pk) for pk in pages_awaiting_review_by(user)]
        drafts = (
            Page.objects.filter(has_unpublished_changes=True)
            .filter(Q(owner=user) | Q(latest_revision__user=user))
            .exclude(pk__in=awaiting)
            .prefetch_workflow_states()
            .annotate_approved_schedule()
            .order_by("-latest_revision_created_at")[:PANEL_LENGTH]
        )
        return {"drafts": [(page, draft_state(page)) for page in drafts], "request": parent_context["request"]}


def draft_state(page):
    """Where a page with unpublished changes stands, in the words its author would use. Wagtail's
    status string says "draft" for a page in review and "live + draft" for edits to a live page."""
    workflow_state = page.current_workflow_state
    if workflow_state is not None and workflow_state.status == WorkflowState.STATUS_IN_PROGRESS:
        return "In review"
    if workflow_state is not None and workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        return "Changes requested"
    if page.approved_schedule:
        return "Scheduled"
    if page.live:
        return "Live, with unpublished changes"
    return "Draft"


class AwaitingYourReviewPanel(WorkflowObjectsToModeratePanel):
    """Wagtail's own review queue, drawn so a reviewer can act on it: each title opens the page's
    review (the editor, whose action menu approves or requests changes), the approve and request
    changes buttons are in view rather than behind a menu, and the workflow's progress is written
    out ("Step 1 of 2: Content review") instead of drawn as unlabelled circles. Shown even when
    empty, so reviewers see at a glance that nothing waits for them."""

    template_name = "editorial/dashboard/awaiting_your_review.html"

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        for state in context["states"]:
            task_ids = [task.pk for task in state["workflow_tasks"]]
            current = state["task_state"].task_id
            state["step"] = task_ids.index(current) + 1 if current in task_ids else None
            state["step_count"] = len(task_ids)
        return context


def pages_awaiting_review_by(user):
    """Ids of the pages whose current review step this user may act on."""
    return TaskState.objects.reviewable_by(user).values_list("workflow_state__object_id", flat=True)


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
    """Wagtail's review queue drawn our way, plus the editorial panels. Wagtail's "Your pages in a
    workflow" and "Your most recent edits" are left out: every page they list is in "Your drafts"
    or "Awaiting your review" already, and one page in three panels reads as three tasks."""
    panels[:] = [
        AwaitingYourReviewPanel() if type(panel) is WorkflowObjectsToModeratePanel else panel
        for panel in panels
        if type(panel) not in (UserObjectsInWorkflowModerationPanel, RecentEditsPanel)
    ]
    panels.extend([YourDraftsPanel(), DueForReviewPanel()])

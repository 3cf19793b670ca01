"""The review step: a group approval that the page's own author can never give.

Wagtail's group approval lets any member of the group approve, including the person who wrote
the change or sent it for review. Review exists so that a second person reads every change, so
here whoever submitted the page, or saved its latest revision, may request changes but not approve.
"""

from django.core.exceptions import PermissionDenied
from wagtail.models import AbstractGroupApprovalTask


def authors_of_change(page, workflow_state):
    """The people who may not approve `page`'s current change: its submitter and its last editor."""
    latest_revision = page.get_latest_revision()
    ids = {workflow_state.requested_by_id if workflow_state else None, latest_revision and latest_revision.user_id}
    return ids - {None}


class ReviewStep(AbstractGroupApprovalTask):
    """A step of the "Toolkit review" workflow, approved by a member of its groups other than the author."""

    def may_approve(self, page, workflow_state, user):
        return user.pk not in authors_of_change(page, workflow_state)

    def get_actions(self, obj, user):
        actions = super().get_actions(obj, user)
        if actions and not self.may_approve(obj, obj.current_workflow_state, user):
            return [action for action in actions if action[0] != "approve"]
        return actions

    def on_action(self, task_state, user, action_name, **kwargs):
        # Checked again here: the editor saves the reviewer's own edits before approving them in
        # the same request, which makes the reviewer the last editor after get_actions() said yes.
        page = task_state.workflow_state.content_object
        if action_name == "approve" and not self.may_approve(page, task_state.workflow_state, user):
            raise PermissionDenied("The author of a change cannot approve it.")
        return super().on_action(task_state, user, action_name, **kwargs)

    @classmethod
    def get_description(cls):
        return "Members of the chosen groups approve, except whoever submitted or last edited the page"

    class Meta:
        verbose_name = "Review step"
        verbose_name_plural = "Review steps"

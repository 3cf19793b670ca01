"""Review emails: reviewers when a page reaches their step, the author when review ends.

Wagtail sends these through its own notifiers. Two things change here:

- The author's emails carry every comment reviewers left. Wagtail's approval email drops the
  comments of "Approve with comment", and its rejection email shows only the last step's.
- No notification can break the action that triggered it. Wagtail re-raises some mail-server
  errors (an SMTP error while connecting), which would roll back a submission or an approval; here
  they are logged and the work is kept.
"""

import logging

from wagtail.admin.mail import (
    GroupApprovalTaskStateSubmissionEmailNotifier,
    WorkflowStateApprovalEmailNotifier,
    WorkflowStateRejectionEmailNotifier,
    WorkflowStateSubmissionEmailNotifier,
)
from wagtail.models import TaskState, WorkflowState
from wagtail.signals import task_submitted, workflow_approved, workflow_rejected, workflow_submitted

logger = logging.getLogger(__name__)


class FailSafeMixin:
    def __call__(self, *args, **kwargs):
        try:
            return super().__call__(*args, **kwargs)
        except Exception:
            logger.exception("Could not send the '%s' review notification", self.notification)
            return False


class ReviewCommentsMixin:
    template_directory = "editorial/notifications/"

    def get_template_base_prefix(self, instance, **kwargs):
        return ""

    def get_context(self, workflow_state, **kwargs):
        context = super().get_context(workflow_state, **kwargs)
        context["reviews"] = list(
            workflow_state.task_states.exclude(status=TaskState.STATUS_IN_PROGRESS)
            .exclude(comment="")
            .select_related("task", "finished_by")
            .order_by("finished_at")
        )
        return context


class ApprovalEmailNotifier(FailSafeMixin, ReviewCommentsMixin, WorkflowStateApprovalEmailNotifier):
    pass


class RejectionEmailNotifier(FailSafeMixin, ReviewCommentsMixin, WorkflowStateRejectionEmailNotifier):
    def get_context(self, workflow_state, **kwargs):
        context = super().get_context(workflow_state, **kwargs)
        # The rejecting comment is shown on its own, above the earlier ones.
        context["reviews"] = [review for review in context["reviews"] if review.pk != context["task_state"].pk]
        return context


class StepSubmissionEmailNotifier(FailSafeMixin, GroupApprovalTaskStateSubmissionEmailNotifier):
    pass


class WorkflowSubmissionEmailNotifier(FailSafeMixin, WorkflowStateSubmissionEmailNotifier):
    pass


# (signal, sender, notifier, Wagtail's dispatch_uid from wagtail.admin.signal_handlers). Ours are
# connected under Wagtail's ids after disconnecting Wagtail's, so exactly one receiver handles each
# event whichever app is made ready first.
RECEIVERS = (
    (task_submitted, TaskState, StepSubmissionEmailNotifier(), "group_approval_task_submitted_email_notification"),
    (
        workflow_submitted,
        WorkflowState,
        WorkflowSubmissionEmailNotifier(),
        "workflow_state_submitted_email_notification",
    ),
    (workflow_approved, WorkflowState, ApprovalEmailNotifier(), "workflow_state_approved_email_notification"),
    (workflow_rejected, WorkflowState, RejectionEmailNotifier(), "workflow_state_rejected_email_notification"),
)


def connect():
    for signal, sender, notifier, uid in RECEIVERS:
        signal.disconnect(sender=sender, dispatch_uid=uid)
        signal.connect(notifier, sender=sender, dispatch_uid=uid)

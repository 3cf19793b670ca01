"""When toolkit pages were last reviewed and which ones are due for another look."""

import datetime

from django.db.models import Max, Subquery
from django.utils import timezone
from wagtail.models import Revision, TaskState, WorkflowState, get_default_page_content_type

from kb.models import KnowledgePage

DUE_SOON = datetime.timedelta(days=30)


def last_reviewed_at(page):
    """When the review that approved the page's live revision finished, or None.

    The live revision counts as reviewed if a "Toolkit review" run was approved after that
    revision was saved: approval publishes the latest revision, which may be newer than the one
    a step started on. A page republished since without review has no date. One query.
    """
    if not page.live_revision_id:
        return None
    live_revision_created = Revision.objects.filter(pk=page.live_revision_id).values("created_at")
    return TaskState.objects.filter(
        status=TaskState.STATUS_APPROVED,
        workflow_state__status=WorkflowState.STATUS_APPROVED,
        workflow_state__base_content_type=get_default_page_content_type(),
        workflow_state__object_id=str(page.pk),
        finished_at__gte=Subquery(live_revision_created[:1]),
    ).aggregate(latest=Max("finished_at"))["latest"]


def due_for_review(today=None):
    """Toolkit pages whose review-by date has passed or falls within the next 30 days,
    most overdue first. Only pages that are (or are meant to be) public: live ones."""
    today = today or timezone.localdate()
    return KnowledgePage.objects.live().filter(review_by__lte=today + DUE_SOON).order_by("review_by", "title")

"""Publishes that skipped review: superusers (and scripts) can still publish directly, so each
such publish is logged as a warning and listed in the "Published without review" report.

A publish counts as reviewed when a "Toolkit review" run was approved after the published
revision was saved and before the publish: the workflow's own publish, and `publish_scheduled`
putting an approved page live on its go-live date. Anything else (the editor's Publish button,
a bulk publish, a revert published on the spot, `revision.publish()` in a shell) is not.

The project's own loaders (`load_demo_content`, `import_markdown --publish`) publish many pages at
once as a *content load* (importer/loads.py): each load is logged and listed once, with its label
and page count, rather than once per page.
"""

import logging

from django.db.models import CharField, Count, Exists, Min, OuterRef, Q, Subquery
from django.db.models.functions import Cast
from wagtail.models import PageLogEntry, TaskState, WorkflowState, get_default_page_content_type
from wagtail.signals import page_published

from importer.loads import LOAD_PUBLISH_ACTION, current_load
from kb.models import KnowledgePage

from .freshness import last_reviewed_at

logger = logging.getLogger(__name__)


def publishes_without_review():
    """Publish log entries of toolkit pages that no approved review covers, newest first."""
    approving_review = TaskState.objects.filter(
        status=TaskState.STATUS_APPROVED,
        workflow_state__status=WorkflowState.STATUS_APPROVED,
        workflow_state__base_content_type=get_default_page_content_type(),
        workflow_state__object_id=Cast(OuterRef("page_id"), CharField()),
        finished_at__gte=OuterRef("revision__created_at"),
        finished_at__lte=OuterRef("timestamp"),
    )
    return (
        PageLogEntry.objects.filter(action="wagtail.publish", page_id__in=KnowledgePage.objects.values("pk"))
        .exclude(Exists(approving_review))
        .select_related("user", "revision")
        .order_by("-timestamp")
    )


def content_loads():
    """The first publish log entry of each content load (its pages share the load's log UUID)."""
    firsts = PageLogEntry.objects.filter(action=LOAD_PUBLISH_ACTION).values("uuid").annotate(first=Min("pk"))
    return PageLogEntry.objects.filter(pk__in=firsts.values("first"))


def unreviewed_publishes_and_loads():
    """What the "Published without review" report lists, newest first: each direct publish, and each
    content load once, with its page count (`load_pages`, None for a direct publish) and its label
    (`data["load"]`)."""
    pages_in_load = (
        PageLogEntry.objects.filter(action=LOAD_PUBLISH_ACTION, uuid=OuterRef("uuid"))
        .values("uuid")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        PageLogEntry.objects.filter(
            Q(pk__in=publishes_without_review().values("pk")) | Q(pk__in=content_loads().values("pk"))
        )
        .annotate(load_pages=Subquery(pages_in_load))
        .select_related("user", "revision")
        .order_by("-timestamp")
    )


def warn_when_published_without_review(sender, instance, revision, **kwargs):
    if current_load() is not None:
        return  # the load writes one warning for all its pages
    if isinstance(instance, KnowledgePage) and last_reviewed_at(instance) is None:
        logger.warning(
            'Published without review: "%s" (page %s, revision %s saved by user %s)',
            instance.title,
            instance.pk,
            revision.pk,
            revision.user_id,
        )


def connect():
    page_published.connect(warn_when_published_without_review, dispatch_uid="editorial_unreviewed_publish")

"""Content loads: the project's own loaders (`load_demo_content`, `import_markdown --publish`)
publishing many pages at once without review.

Such a load is deliberate and run by an operator, but it is still a publish outside the review
workflow, so it must be seen, once, not as hundreds of lines that would drown the direct publishes
the "Published without review" report exists to show. Inside `content_load(label)` the importer
publishes with its own log action (`LOAD_PUBLISH_ACTION`, "Published by a content load" in each
page's history) instead of Wagtail's "wagtail.publish"; the load's entries share one log UUID and
carry its label, and the load itself writes one warning when it ends. The editorial app reads these
to list each load once in its report and to skip its per-page warning (editorial/unreviewed.py).
"""

import logging
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from wagtail.log_actions import LogContext
from wagtail.models import PageLogEntry

logger = logging.getLogger(__name__)

LOAD_PUBLISH_ACTION = "importer.load_publish"


@dataclass
class ContentLoad:
    label: str
    log_context: LogContext
    published: int = 0


_current = ContextVar("content_load", default=None)


def current_load():
    """The content load publishing right now, or None."""
    return _current.get()


@contextmanager
def content_load(label, user=None):
    """Publishes by the importer inside this block are one load named `label` ("demo content").
    A load already under way is joined, so the demo loader's several imports are one load."""
    if (load := current_load()) is not None:
        yield load
        return
    with LogContext(user=user, generate_uuid=True) as log_context:
        load = ContentLoad(label=label, log_context=log_context)
        token = _current.set(load)
        try:
            yield load
        finally:
            _current.reset(token)
            if load.published:
                PageLogEntry.objects.filter(uuid=log_context.uuid, action=LOAD_PUBLISH_ACTION).update(
                    data={"load": label}
                )
                logger.warning(
                    'Content load "%s" published %d toolkit pages without review (user %s)',
                    label,
                    load.published,
                    user.pk if user else None,
                )

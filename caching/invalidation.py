"""What starts a new page-cache generation (and purges a CDN in front, when one is configured).

Anything the public could see change: a page published, unpublished (by an editor or on expiry by
``publish_scheduled``), moved, deleted or saved outside Wagtail's publishing (scripts, the shell);
a privacy restriction added or removed; a taxonomy term added, renamed or deleted (home and the
taxonomy boxes list them); a site's address changed (canonical links); a site setting, image or
document edited; a page's child row (a case study's metric, a tool's download, home's featured
pages) saved or deleted outside publishing. Saves that only record a draft, a lock or a comment
change nothing the public sees and keep the cache. Scheduled go-live arrives as
``page_published``; expiry is also covered by time, since a page leaves the site the moment it
expires (``page_cache.next_scheduled_change``).

The generation is replaced at once and again when the transaction commits: a request that read
the old rows while the change was being written stores its page under a generation that is
already gone.
"""

import functools
import logging

from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.urls import reverse
from modelcluster.fields import ParentalKey
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Orderable, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from kb.models import Agency, LifeEvent, Topic
from kb.visibility import save_changes_public_view

from . import page_cache

logger = logging.getLogger(__name__)

# The pages that list or link others, for a CDN: every cached URL holds navigation and related
# links too, but these change with every publish; the rest follow within s-maxage.
LISTING_ROUTES = ("linking:feed_atom", "linking:feed_rss", "linking:sitemap")


def content_changed():
    page_cache.bump_generation()
    transaction.on_commit(page_cache.bump_generation)


@functools.cache
def watched_models():
    return (
        PageViewRestriction,
        Site,
        Agency,
        Topic,
        LifeEvent,
        BaseSiteSetting,
        BaseGenericSetting,
        get_image_model(),
        get_document_model(),
    )


@functools.cache
def belongs_to_a_page(model):
    """Whether ``model``'s rows are a page's ordered child rows (an ``Orderable`` with a
    ``ParentalKey`` to a page): publishing writes them with the page, but a script or the shell
    may write them on their own. Wagtail's comments also hang from a page, but are no Orderable
    and show the public nothing."""
    parents = [field.related_model for field in model._meta.concrete_fields if isinstance(field, ParentalKey)]
    return issubclass(model, Orderable) and any(issubclass(parent, Page) for parent in parents)


def on_saved(sender, instance, update_fields=None, **kwargs):
    if isinstance(instance, Page):
        if save_changes_public_view(update_fields):
            content_changed()
    elif isinstance(instance, watched_models()) or belongs_to_a_page(type(instance)):
        content_changed()


def on_deleted(sender, instance, **kwargs):
    if isinstance(instance, (Page, *watched_models())) or belongs_to_a_page(type(instance)):
        content_changed()


def purge_listings(instance, moved=False):
    """Purge the CDN's copies of the pages listing ``instance`` (Wagtail's frontend cache app
    purges the page itself on publish and unpublish)."""
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    batch = PurgeBatch()
    parent = instance.get_parent()
    site = instance.get_site()
    if parent is not None:
        batch.add_page(parent)
    if site is not None:
        batch.add_page(site.root_page)
        batch.add_urls(site.root_url + reverse(name) for name in LISTING_ROUTES)
    if moved:  # Wagtail's own handlers purge a page only when it is published or unpublished
        batch.add_page(instance)
    try:
        batch.purge()
    except Exception:  # a CDN outage must never undo a publish; the pages expire within s-maxage
        logger.exception("Could not purge the CDN after a change to page %s", instance.pk)


def on_page_event(sender, instance, **kwargs):
    content_changed()
    purge_listings(instance, moved=bool(kwargs.get("url_path_before")))


def connect():
    post_save.connect(on_saved, dispatch_uid="page-cache-saved")
    post_delete.connect(on_deleted, dispatch_uid="page-cache-deleted")
    page_published.connect(on_page_event, dispatch_uid="page-cache-published")
    page_unpublished.connect(on_page_event, dispatch_uid="page-cache-unpublished")
    post_page_move.connect(on_page_event, dispatch_uid="page-cache-moved")

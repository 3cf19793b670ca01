"""Keeping the search index right when pages and taxonomy change.

Wagtail already re-indexes a page on save and removes it on delete. That is not enough here:

- publishing saves the page before its taxonomy (ParentalManyToManyFields) is written, so the index
  would miss new agency/topic names: re-index after ``page_published``;
- unpublishing (including expiry by ``publish_scheduled``) and moving change what the public may
  see and the page's path, which Elasticsearch filters on: re-index the page and its descendants;
- renaming a taxonomy term changes the text of every page carrying it: re-index those pages.

The same re-indexing keeps the pages' meaning vectors (``search.semantic``) in step when semantic
search is on; a deleted page's vector goes with it (a cascade).

The same events, and any save or deletion of a toolkit page or a privacy restriction, make the
database engine's facet index out of date: ``facet_index.invalidate()`` runs inside the change's
transaction, so every process rebuilds its index before its next search.
"""

from django.db.models.signals import post_delete, post_save, pre_delete
from modelsearch import index
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from kb.models import Agency, KnowledgePage, LifeEvent, Topic

from . import semantic
from .engines import facet_index

# Saves that only record a new draft (Wagtail's save_revision) change nothing the public sees.
DRAFT_ONLY_FIELDS = {
    "latest_revision",
    "latest_revision_created_at",
    "has_unpublished_changes",
    "draft_title",
    "wagtail_admin_comments",
    "locked",
    "locked_at",
    "locked_by",
}


def reindex_pages(pages):
    """Re-index each page as its most specific type."""
    for page in pages:
        index.insert_or_update_object(page.specific)


def reindex_page_ids(ids):
    ids = list(ids)
    reindex_pages(KnowledgePage.objects.filter(pk__in=ids).specific())
    if semantic.enabled():
        semantic.sync_pages(ids)


def on_page_published(sender, instance, **kwargs):
    if isinstance(instance, KnowledgePage):
        reindex_page_ids([instance.pk])
        facet_index.invalidate()


def on_page_unpublished(sender, instance, **kwargs):
    if isinstance(instance, KnowledgePage):
        reindex_page_ids([instance.pk])
        facet_index.invalidate()


def on_page_moved(sender, instance, **kwargs):
    reindex_page_ids(KnowledgePage.objects.descendant_of(instance, inclusive=True).values_list("pk", flat=True))
    facet_index.invalidate()


def on_page_saved(sender, instance, update_fields=None, raw=False, **kwargs):
    # Also catches changes made without Wagtail's publishing (scripts, the shell, expiry edits).
    if isinstance(instance, KnowledgePage) and not raw and not (update_fields and update_fields <= DRAFT_ONLY_FIELDS):
        facet_index.invalidate()


def on_page_deleted(sender, instance, **kwargs):
    if isinstance(instance, KnowledgePage):
        facet_index.invalidate()


def on_restriction_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        facet_index.invalidate()


def on_term_saved(sender, instance, created=False, raw=False, **kwargs):
    if not created and not raw:
        reindex_page_ids(instance.pages.values_list("pk", flat=True))
        facet_index.invalidate()


def on_term_deleting(sender, instance, **kwargs):
    # Remember the pages while the links still exist; re-index them once the term is gone.
    instance._kbsearch_page_ids = list(instance.pages.values_list("pk", flat=True))


def on_term_deleted(sender, instance, **kwargs):
    reindex_page_ids(getattr(instance, "_kbsearch_page_ids", []))
    facet_index.invalidate()


def connect():
    page_published.connect(on_page_published, dispatch_uid="kbsearch-published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="kbsearch-unpublished")
    post_page_move.connect(on_page_moved, dispatch_uid="kbsearch-moved")
    post_save.connect(on_page_saved, dispatch_uid="kbsearch-page-saved")
    post_delete.connect(on_page_deleted, dispatch_uid="kbsearch-page-deleted")
    post_save.connect(on_restriction_changed, sender=PageViewRestriction, dispatch_uid="kbsearch-restricted")
    post_delete.connect(on_restriction_changed, sender=PageViewRestriction, dispatch_uid="kbsearch-unrestricted")
    for model in (Agency, Topic, LifeEvent):
        uid = f"kbsearch-term-{model.__name__}"
        post_save.connect(on_term_saved, sender=model, dispatch_uid=f"{uid}-saved")
        pre_delete.connect(on_term_deleting, sender=model, dispatch_uid=f"{uid}-deleting")
        post_delete.connect(on_term_deleted, sender=model, dispatch_uid=f"{uid}-deleted")

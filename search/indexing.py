"""Keeping the search index right when pages and taxonomy change.

Toolkit pages are indexed here rather than by modelsearch's save handler (``KnowledgePage`` sets
``search_auto_update = False``): that handler re-reads the page from the database, and publishing
saves the page before its taxonomy and metrics (ParentalManyToManyFields, child rows) are written,
so the entry would miss new agency/topic names and need a second write after ``page_published``.
Here a page saved whole (a publish, an unpublish, a script's ``save()``) is indexed as it was
saved, taxonomy included: one document write. A save of some fields only (a draft revision) may
hold unsaved draft values, so the page is re-read from the database first, as modelsearch does.

Other events change other pages' entries:

- moving changes what the public may see and the path, which Elasticsearch filters on: re-index
  the page and its descendants;
- renaming a taxonomy term changes the text of every page carrying it: re-index those pages.

The same events keep the pages' meaning vectors (``search.semantic``) in step when semantic search
is on; a deleted page's vector goes with it (a cascade).

The same events, and any save or deletion of a toolkit page or a privacy restriction, make the
database engine's facet index out of date: ``facet_index.pages_changed()`` lists the pages
concerned inside the change's transaction, so every process re-reads them before its next search;
in the same transaction ``vocabulary.pages_changed()`` counts their words again for typo correction.

An external engine (OpenSearch, Elasticsearch) that is down or too slow when a page changes must
not lose the editor's change: the failed write is logged, the save goes on, and the page is
remembered (``UnwrittenPage``) until ``check_search_index --fix`` or a full rebuild writes it.
"""

import logging
from itertools import groupby

from django.apps import apps
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import prefetch_related_objects
from django.db.models.signals import post_delete, post_migrate, post_save, pre_delete
from modelsearch import index
from modelsearch.backends import get_search_backends_with_name
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from kb.models import Agency, KnowledgePage, LifeEvent, Topic
from kb.visibility import save_changes_public_view

from . import semantic
from .engines import facet_index, vocabulary
from .models import PageWords, UnwrittenPage

logger = logging.getLogger(__name__)

# Pages re-indexed per write: one query per taxonomy and one index request per chunk.
CHUNK_SIZE = 500


def preload_relations(model, objs):
    """Read the related objects that ``model``'s search fields index (taxonomy, case-study metrics)
    for all of ``objs`` at once, so that building their index entries or documents costs no query.

    modelsearch's ``get_indexed_objects`` prefetches only the relations the model itself declares
    (not the taxonomy a toolkit page inherits), and re-indexing a list of pages prefetches nothing:
    without this, each page queried each vocabulary once per search field walking it, 15 queries a
    page. Relations already prefetched are not read again.
    """
    names = [field.field_name for field in model.get_search_fields() if isinstance(field, index.RelatedFields)]
    if names and objs:
        prefetch_related_objects(objs, *names)


def reindex_pages(pages):
    """Re-index ``pages`` as their most specific types, a chunk at a time on every written backend."""
    pages = sorted((page.specific for page in pages), key=lambda page: (type(page).__name__, page.pk))
    for model, same_type in groupby(pages, key=type):
        same_type = list(same_type)
        for start in range(0, len(same_type), CHUNK_SIZE):
            chunk = same_type[start : start + CHUNK_SIZE]
            preload_relations(model, chunk)
            for name, backend in get_search_backends_with_name(with_auto_update=True):
                try:
                    backend.add_bulk(model, chunk)
                except Exception:
                    unwritten(backend, name, [page.pk for page in chunk])


def write_page(page):
    """Write ``page``'s entry to every engine kept up to date, as modelsearch's
    ``insert_or_update_object`` does, remembering it if an external engine does not take it."""
    indexed = index.get_indexed_instance(page)
    if indexed is None:
        return
    for name, backend in get_search_backends_with_name(with_auto_update=True):
        try:
            backend.add(indexed)
        except Exception:
            unwritten(backend, name, [indexed.pk])


def unwritten(backend, name, ids):
    """After a failed write of the pages ``ids``: as modelsearch does, an external engine's outage
    must not lose the editor's change (logged, and the pages remembered for ``check_search_index
    --fix``: ``UnwrittenPage``), while a database error must roll the change back (raised)."""
    logger.exception(
        "Could not index %d pages in the %r search backend; check_search_index --fix writes them again",
        len(ids),
        name,
    )
    if not backend.catch_indexing_errors:
        raise
    UnwrittenPage.objects.bulk_create([UnwrittenPage(page_id=pk) for pk in ids], ignore_conflicts=True)


def reindex_page_ids(ids):
    ids = list(ids)
    reindex_pages(KnowledgePage.objects.filter(pk__in=ids).specific())
    sync_meaning(ids)


def sync_meaning(ids):
    if semantic.enabled():
        semantic.sync_pages(ids)


def pages_changed(ids, words=True):
    """List the pages ``ids`` as changed for every process's facet index and count their words again.

    One transaction even when the caller has none (a script's ``save()``): a process must never see
    the change listed before the counts it stamps are written. ``words=False`` leaves the counts
    alone, for a change whose save has just counted them (``on_page_published``).
    """
    ids = set(ids)
    with transaction.atomic():
        serial = facet_index.pages_changed(ids)
        if serial is not None and words:
            vocabulary.pages_changed(ids, serial)


def recount_everything():
    """Make every process rebuild its facet index, and count every public page's words afresh."""
    with transaction.atomic():
        vocabulary.recount(facet_index.invalidate())


def on_page_published(sender, instance, **kwargs):
    # Its entry was written by its save (on_page_saved), after which nothing changes it, and its
    # words were counted from that entry then. The facet index reads the taxonomy from the
    # database, which publishing writes after the save: it needs this second change.
    if isinstance(instance, KnowledgePage):
        sync_meaning([instance.pk])
        pages_changed([instance.pk], words=False)


def on_page_unpublished(sender, instance, **kwargs):
    # As on_page_published: the unpublishing save counted the words already (an unpublish that
    # does not save changes nothing the counts read; its later save counts them).
    if isinstance(instance, KnowledgePage):
        sync_meaning([instance.pk])
        pages_changed([instance.pk], words=False)


def on_page_moved(sender, instance, **kwargs):
    ids = list(KnowledgePage.objects.descendant_of(instance, inclusive=True).values_list("pk", flat=True))
    reindex_page_ids(ids)
    pages_changed(ids)


def on_page_saved(sender, instance, update_fields=None, raw=False, **kwargs):
    if not isinstance(instance, KnowledgePage) or raw:
        return
    # Saved whole, the page in memory is the page in the database once its taxonomy is written
    # (just after this signal); saved in part, it may hold a draft's unsaved values.
    write_page(instance if update_fields is None else type(instance).objects.get(pk=instance.pk))
    # Also catches changes made without Wagtail's publishing (scripts, the shell, expiry edits).
    if save_changes_public_view(update_fields):
        pages_changed([instance.pk])


def on_page_deleted(sender, instance, **kwargs):
    if isinstance(instance, KnowledgePage):
        index.remove_object(instance)
        pages_changed([instance.pk])


def on_restriction_changed(sender, instance, raw=False, **kwargs):
    # The restricted page and everything under it (a restriction removed with its page: nothing).
    path = Page.objects.filter(pk=instance.page_id).values_list("path", flat=True).first()
    if path and not raw:
        pages_changed(KnowledgePage.objects.filter(path__startswith=path).values_list("pk", flat=True))


def on_term_saved(sender, instance, created=False, raw=False, **kwargs):
    if not created and not raw:
        ids = list(instance.pages.values_list("pk", flat=True))
        reindex_page_ids(ids)
        pages_changed(ids)


def on_term_deleting(sender, instance, **kwargs):
    # Remember the pages while the links still exist; re-index them once the term is gone.
    instance._kbsearch_page_ids = list(instance.pages.values_list("pk", flat=True))


def on_term_deleted(sender, instance, **kwargs):
    ids = getattr(instance, "_kbsearch_page_ids", [])
    reindex_page_ids(ids)
    pages_changed(ids)


def on_migrated(sender, using=DEFAULT_DB_ALIAS, **kwargs):
    # The first migration after upgrading adds the word counts' tables: count the pages already
    # there. (Migrating backwards past it removes them: nothing to count into.)
    if using != DEFAULT_DB_ALIAS or PageWords._meta.db_table not in connections[using].introspection.table_names():
        return
    if not PageWords.objects.exists() and KnowledgePage.objects.visible().exists():
        recount_everything()


def connect():
    page_published.connect(on_page_published, dispatch_uid="kbsearch-published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="kbsearch-unpublished")
    post_page_move.connect(on_page_moved, dispatch_uid="kbsearch-moved")
    post_migrate.connect(on_migrated, sender=apps.get_app_config("kbsearch"), dispatch_uid="kbsearch-migrated")
    post_save.connect(on_page_saved, dispatch_uid="kbsearch-page-saved")
    post_delete.connect(on_page_deleted, dispatch_uid="kbsearch-page-deleted")
    post_save.connect(on_restriction_changed, sender=PageViewRestriction, dispatch_uid="kbsearch-restricted")
    post_delete.connect(on_restriction_changed, sender=PageViewRestriction, dispatch_uid="kbsearch-unrestricted")
    for model in (Agency, Topic, LifeEvent):
        uid = f"kbsearch-term-{model.__name__}"
        post_save.connect(on_term_saved, sender=model, dispatch_uid=f"{uid}-saved")
        pre_delete.connect(on_term_deleting, sender=model, dispatch_uid=f"{uid}-deleting")
        post_delete.connect(on_term_deleted, sender=model, dispatch_uid=f"{uid}-deleted")

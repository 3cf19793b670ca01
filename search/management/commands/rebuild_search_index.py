"""Rebuild the search index from the database, with a progress bar.

On Elasticsearch/OpenSearch the rebuild is atomic: documents go into a new index, and the alias the
site reads switches to it only when it is complete, so search keeps answering throughout. Each
index (Wagtail's pages, images, documents) switches as soon as it is loaded; the indexes they
replaced are deleted together at the end, after one grace period for the searches still running on
them (``SwapAliasRebuilder``). A rebuild that fails deletes the index it was loading and leaves the
alias where it was. On the database engine the rebuild runs in one transaction.

Pages are read a chunk at a time with their taxonomy (``preload_relations``: a few queries per
chunk, none per page) and written a chunk per request: one bulk request to OpenSearch, one INSERT
on PostgreSQL (``search.engines.database_index``). The last line says how many pages a second.
"""

import sys
import time
from concurrent.futures import ThreadPoolExecutor

from django.core.management.base import BaseCommand
from django.db import connection, connections
from django.utils import timezone
from modelsearch.backends import get_search_backend
from modelsearch.conf import get_app_config
from modelsearch.index import get_indexed_models
from modelsearch.management.commands.rebuild_modelsearch_index import group_models_by_index

from search import semantic
from search.engines.elasticsearch import WRITE_TIMEOUT
from search.indexing import preload_relations, recount_everything
from search.models import UnwrittenPage

CHUNK_SIZE = 500


def progress_bar(done, total, width=30):
    filled = int(width * done / total) if total else width
    percent = int(100 * done / total) if total else 100
    return f"[{'#' * filled}{'-' * (width - filled)}] {percent:3d}% {done}/{total}"


NOT_PREPARED = object()


def read_chunk(target, model, objects, ids):
    """The ``objects`` of ``ids`` with their related objects, and their index writes prepared if
    the index can prepare them (``search.engines.database_index``)."""
    chunk = list(objects.filter(pk__in=ids))
    preload_relations(model, chunk)
    prepare = getattr(target, "prepare_items", None)
    return chunk, prepare(model, chunk) if prepare else NOT_PREPARED


def read_ahead(target, model, objects, chunk_size, threaded):
    """The chunks of ``objects``; when ``threaded``, each read and prepared by a second thread (and
    database connection) while the previous one is written.

    Chunks are ranges of ids read first, not slices: a slice is an OFFSET, which makes the database
    walk every earlier row again for each chunk.

    Reading pages, walking their StreamFields and writing index entries each take about a third of
    a rebuild, and the writing happens in the database server: with the reading in another thread
    the two overlap (the thread runs while the other waits on the server).
    """
    ids = list(objects.values_list("pk", flat=True))
    chunks_of_ids = [ids[start : start + chunk_size] for start in range(0, len(ids), chunk_size)]
    if not threaded:
        for chunk_ids in chunks_of_ids:
            yield read_chunk(target, model, objects, chunk_ids)
        return

    def read(chunk_ids):
        try:
            return read_chunk(target, model, objects, chunk_ids)
        finally:
            connections.close_all()  # this thread's connection, not the writer's

    with ThreadPoolExecutor(max_workers=1) as reader:
        pending = [reader.submit(read, start) for start in chunks_of_ids[:1]]
        for following in chunks_of_ids[1:]:
            pending.append(reader.submit(read, following))
            yield pending.pop(0).result()
        for chunk in pending:
            yield chunk.result()


class Command(BaseCommand):
    help = "Rebuild the search index (zero-downtime alias swap on Elasticsearch/OpenSearch)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--backend", help="Only this WAGTAILSEARCH_BACKENDS entry (default: every one that is written to)."
        )
        parser.add_argument("--chunk-size", type=int, default=CHUNK_SIZE)

    def handle(self, backend=None, chunk_size=CHUNK_SIZE, verbosity=1, **options):
        self.verbosity = verbosity
        config = get_app_config().get_search_backend_config()
        names = [backend] if backend else [name for name, params in config.items() if params.get("AUTO_UPDATE", True)]
        started_at = timezone.now()
        for name in names:
            self.rebuild(name, chunk_size)
        if not backend:  # every engine has every page as it was when the rebuild began
            UnwrittenPage.objects.filter(failed_at__lt=started_at).delete()
        if semantic.enabled():
            started = time.monotonic()
            semantic.embed_all()
            self.say(f"meaning vectors: {time.monotonic() - started:.1f}s")
        started = time.monotonic()
        recount_everything()  # from the new entries; every process then builds its facet index afresh
        self.say(f"facet index and word counts: {time.monotonic() - started:.1f}s")

    def say(self, text, ending="\n"):
        if self.verbosity:
            self.stdout.write(text, ending=ending)

    def rebuild(self, backend_name, chunk_size):
        configured = get_app_config().get_search_backend_config().get(backend_name, {}).get("TIMEOUT", 0)
        backend = get_search_backend(backend_name, TIMEOUT=max(WRITE_TIMEOUT, configured))  # the database ignores it
        if not backend.rebuilder_class:
            self.say(f"{backend_name}: nothing to rebuild")
            return
        started = time.monotonic()
        total_objects = 0
        # Another connection sees only committed pages (none written by the caller's own transaction);
        # SQLite would lock it out of a file the rebuild is writing.
        threaded = connection.vendor == "postgresql" and not connection.in_atomic_block
        retiring = []  # rebuilders whose alias moved, with the old index still to delete
        try:
            for index, models in group_models_by_index(backend, get_indexed_models()).items():
                rebuilder = backend.rebuilder_class(index)
                target = rebuilder.start()
                try:
                    total_objects += self.load(backend_name, target, models, chunk_size, threaded)
                    if hasattr(rebuilder, "switch"):
                        rebuilder.switch()
                        retiring.append(rebuilder)
                    else:
                        rebuilder.finish()
                except BaseException:
                    if hasattr(rebuilder, "abort"):
                        rebuilder.abort()
                    raise
        finally:
            for rebuilder in retiring:
                rebuilder.retire()
        elapsed = time.monotonic() - started
        self.say(
            f"{backend_name}: indexed {total_objects} objects in {elapsed:.1f}s "
            f"({total_objects / elapsed if elapsed else 0:.0f} objects/s)"
        )

    def load(self, backend_name, target, models, chunk_size, threaded):
        """Write every object of ``models`` to ``target`` (a rebuild's index); how many there were."""
        loaded = 0
        for model in models:
            target.add_model(model)
        for model in models:
            objects = model.get_indexed_objects().order_by("pk")
            total = objects.count()
            label = f"{backend_name}: {model._meta.label}".ljust(45)
            done = 0
            for chunk, prepared in read_ahead(target, model, objects, chunk_size, threaded):
                if prepared is NOT_PREPARED:
                    target.add_items(model, chunk)
                else:
                    target.write_prepared(prepared)
                done += len(chunk)
                self.say(f"\r{label} {progress_bar(done, total)}", ending="")
                if self.verbosity:
                    sys.stdout.flush()
            self.say(f"\r{label} {progress_bar(done, total)}")
            loaded += done
        return loaded

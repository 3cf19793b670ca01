"""Writing the database engine's index: Wagtail's database backend, with PostgreSQL writes batched.

modelsearch's PostgreSQL index builds each entry from five views of the page (title, body,
autocomplete and the two plain texts), and each view walks every search field again: a page's
StreamField is made searchable five times and, when the page's taxonomy is not already in memory,
each vocabulary is queried five times. Each vector is then a Django expression compiled on its own,
and every written chunk recomputes the title-length norms of the whole index. At 10,000 pages a
rebuild took 7 minutes (22 pages/s).

Here each page's search fields are read once (``OnePassIndexer``), the entries go to PostgreSQL as
one ``INSERT ... ON CONFLICT`` per chunk written in plain SQL, and during a rebuild the title norms
are computed once, at the end, as modelsearch's rebuilder does anyway (outside a rebuild, only the
written entries' norms, from the latest entries' average title length). The entries are the same as
modelsearch writes (same vectors, weights and plain texts), so its search and autocomplete read them
unchanged. SQLite and other databases keep modelsearch's own backend.

Loading the pages' taxonomy in a few queries per chunk is ``search.indexing.preload_relations``.

Settings name this module as the backend: ``{"BACKEND": "search.engines.database_index"}``.
"""

from django.db import connection
from django.utils.functional import cached_property
from modelsearch.backends.database import SearchBackend as database_backend
from modelsearch.backends.database.postgres import postgres
from modelsearch.backends.database.postgres.postgres import (
    IndexEntry,
    ObjectIndexer,
    PostgresIndex,
    PostgresSearchAtomicRebuilder,
    PostgresSearchRebuilder,
)
from modelsearch.index import AutocompleteField, SearchField
from modelsearch.utils import get_content_type_pk

# How many of the latest entries give the average title length for entries written outside a rebuild.
TITLE_NORM_SAMPLE = 1000


def SearchBackend(params):  # noqa: N802 (modelsearch looks a backend module's SearchBackend up by name)
    """The batched PostgreSQL backend on PostgreSQL, modelsearch's database backend elsewhere."""
    if connection.vendor == "postgresql":
        return PostgresSearchBackend(params)
    return database_backend(params)


class OnePassIndexer(ObjectIndexer):
    """modelsearch's indexer, reading each search field of the object once for all five views."""

    @cached_property
    def values(self):
        """[(field, weight, text)] for every search field, related fields included, in field order."""
        return [value for field in self.search_fields for value in self.prepare_field(self.obj, field)]

    def texts(self, kind):
        """(stripped text, weight) of the title fields, the other search fields, or the autocomplete fields."""
        texts = []
        for field, weight, value in self.values:
            if kind == "autocomplete":
                wanted = isinstance(field, AutocompleteField)
            else:
                wanted = isinstance(field, SearchField) and (field.field_name == "title") == (kind == "title")
            text = value.strip() if wanted else ""
            if text:
                texts.append((text, weight))
        return texts

    @cached_property
    def title_text(self):
        return " ".join(text for text, _weight in self.texts("title"))

    @cached_property
    def body_text(self):
        return " ".join(text for text, _weight in self.texts("body"))

    def vector_sql(self, kind):
        """SQL for one tsvector column and its parameters: what modelsearch's ``as_vector`` computes."""
        config = self.autocomplete_config if kind == "autocomplete" else self.config
        texts = self.texts(kind)
        if not texts:
            return "''::tsvector", []
        to_vector = "to_tsvector(%s::regconfig, %s)" if config else "to_tsvector(%s)"
        parts, params = [], []
        for text, weight in texts:
            parts.append(f"setweight({to_vector}, %s)")
            params.extend([config, text, weight] if config else [text, weight])
        return " || ".join(parts), params


class BatchedPostgresIndex(PostgresIndex):
    # True while a rebuild is under way: its finish() computes every title norm once.
    rebuilding = False

    def add_items(self, model, objs):
        self.write_prepared(self.prepare_items(model, objs))

    def prepare_items(self, model, objs):
        """The rows of ``objs``'s entries as SQL and parameters: all the Python work, no query (given
        their related objects in memory), so that a rebuild can prepare a chunk while writing another."""
        if not model.get_search_fields() or not objs:
            return None
        content_type = get_content_type_pk(model)
        rows, params, ids = [], [], []
        for obj in objs:
            indexer = OnePassIndexer(obj, self.backend)
            vectors = []
            row_params = [content_type, indexer.id]
            for kind in ("title", "autocomplete", "body"):
                sql, vector_params = indexer.vector_sql(kind)
                vectors.append(sql)
                row_params.extend(vector_params)
            rows.append(f"(%s, %s, {vectors[0]}, {vectors[1]}, {vectors[2]}, 1.0, %s, %s)")
            params.extend([*row_params, indexer.title_text, indexer.body_text])
            ids.append(indexer.id)
        return rows, params, content_type, ids

    def write_prepared(self, prepared):
        """Write rows made by ``prepare_items`` in one statement."""
        if prepared is None:
            return
        rows, params, content_type, ids = prepared
        table = IndexEntry._meta.db_table
        with self.write_connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} "
                "(content_type_id, object_id, title, autocomplete, body, title_norm, title_text, body_text) "
                f"VALUES {', '.join(rows)} "
                "ON CONFLICT (content_type_id, object_id) DO UPDATE SET title = EXCLUDED.title, "
                "title_norm = 1.0, autocomplete = EXCLUDED.autocomplete, body = EXCLUDED.body, "
                "title_text = EXCLUDED.title_text, body_text = EXCLUDED.body_text",
                params,
            )
            if not self.rebuilding:
                # The written entries' title norms (the average title length over their own), with
                # the average of the latest entries: modelsearch averages every title of the index,
                # 2.5 s for one published page at 100,000 pages. A rebuild computes them exactly.
                cursor.execute(
                    f"UPDATE {table} SET title_norm = (SELECT AVG(LENGTH(title)) FROM (SELECT title FROM {table} "
                    f"WHERE LENGTH(title) > 0 ORDER BY id DESC LIMIT %s) latest) / LENGTH(title) "
                    "WHERE content_type_id = %s AND object_id = ANY(%s) AND LENGTH(title) > 0",
                    [TITLE_NORM_SAMPLE, content_type, ids],
                )


class DeferredNormsMixin:
    """Tells the index that a rebuild is running, so it leaves title norms to the rebuild's end."""

    def start(self):
        self.index.rebuilding = True
        return super().start()

    def finish(self):
        self.index.rebuilding = False
        super().finish()


class DeferredNormsRebuilder(DeferredNormsMixin, PostgresSearchRebuilder):
    pass


class DeferredNormsAtomicRebuilder(DeferredNormsMixin, PostgresSearchAtomicRebuilder):
    pass


class PostgresSearchBackend(postgres.PostgresSearchBackend):
    """modelsearch's PostgreSQL backend with the batched index (same class name: the database
    engine tells backends apart by it)."""

    index_class = BatchedPostgresIndex
    rebuilder_class = DeferredNormsRebuilder
    atomic_rebuilder_class = DeferredNormsAtomicRebuilder

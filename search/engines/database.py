"""The embedded engine: Wagtail's database search backend (SQLite FTS5 or PostgreSQL full text).

The database finds the pages that have the words, through its full-text index, once per search;
the facet index (``facet_index``) does the rest in memory: visibility, filters, the disjunctive
counts of every facet (each counted with every selection applied except its own) and the
non-relevance orders. The database then ranks only the pages left, and only as far as the page of
results asked for. ``.search(q).facet(field)`` would re-run the text search for every facet.
"""

import json

from django.db import connection, transaction
from modelsearch.backends import get_search_backend
from modelsearch.utils import get_descendants_content_types_pks

from kb.models import KnowledgePage

from ..query import FACETS
from .base import (
    EngineResult,
    content_words,
    search_terms,
)
from .facet_index import current_index
from .snippets import page_snippets

# Title matches ordered by their full (title and body) score; see DatabaseEngine.postgres_rank_sql.
RESCORE_WINDOW = 100

# How much more a word in the title counts than the same word in the body (SQLite ranking).
TITLE_WEIGHT = 10.0


def index_entry_table():
    from modelsearch.conf import get_app_config

    return get_app_config().get_model("IndexEntry")._meta.db_table


class DatabaseEngine:
    """Searches with the backend named ``database`` in WAGTAILSEARCH_BACKENDS (the embedded engine)."""

    name = "database"
    backend_name = "database"

    def __init__(self, backend_name=None):
        self.backend_name = backend_name or self.backend_name

    @property
    def backend(self):
        return get_search_backend(self.backend_name)

    def ping(self):
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return True

    def refresh(self):
        """Nothing to wait for: the database sees its own writes at once."""

    # Text matching -------------------------------------------------------------------------
    #
    # Matching and ranking are two steps. Matching (which pages have every word) is an index
    # lookup; ranking reads each page's whole body vector, so it is done only for the pages the
    # filters leave, and only as far as the requested page of results.

    @property
    def flavour(self):
        """ "sqlite" (FTS5), "postgres", or "" for Wagtail's generic fallback backend."""
        return {"SQLiteSearchBackend": "sqlite", "PostgresSearchBackend": "postgres"}.get(
            type(self.backend).__name__, ""
        )

    def words(self, text):
        """The words that count: on SQLite, without the stop words PostgreSQL drops by itself."""
        terms = search_terms(text)
        if self.flavour == "sqlite":
            terms = content_words(terms)
        return terms

    def match(self, text):
        """Ids of the toolkit pages (public or not) that contain every word of ``text``, unordered."""
        terms = self.words(text)
        if not terms:
            return []
        if self.flavour == "sqlite":
            return self.fetch_ids(*self.sqlite_match_sql(terms))
        if self.flavour == "postgres":
            return self.fetch_ids(*self.postgres_match_sql(terms), through_indexes=True)
        results = self.backend.search(" ".join(terms), KnowledgePage.objects.all(), operator="and")
        return list(results.get_queryset().values_list("pk", flat=True))

    def rank(self, text, ids, limit):
        """The best ``limit`` of ``ids`` (pages matching ``text``), best first.

        Pages with every word in their title come first, then the others, each group in the
        backend's relevance order. Besides being what a reader expects of a knowledge base, this
        lets PostgreSQL rank only the title matches when they fill the page: a common word is in
        the body of thousands of pages but the title of a few hundred.
        """
        terms = self.words(text)
        if not terms or not ids:
            return []
        if self.flavour == "sqlite":
            sql, params = self.sqlite_match_sql(terms, ranked_among=ids)
        elif self.flavour == "postgres":
            ranked = []
            for in_title in (True, False):
                sql, params = self.postgres_rank_sql(terms, ids, in_title)
                ranked += self.fetch_ids(f"{sql} LIMIT %s", [*params, limit - len(ranked)])
                if len(ranked) >= limit:
                    break
            return ranked
        else:
            pages = KnowledgePage.objects.filter(pk__in=ids)
            results = self.backend.search(" ".join(terms), pages, operator="and", order_by_relevance=True)
            return list(results.get_queryset().values_list("pk", flat=True)[:limit])
        return self.fetch_ids(f"{sql} LIMIT %s", [*params, limit])

    @staticmethod
    def fetch_ids(sql, params, through_indexes=False):
        """The first column of ``sql``'s rows; ``through_indexes`` forbids PostgreSQL full scans."""
        if not through_indexes:
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                return [row[0] for row in cursor.fetchall()]
        # PostgreSQL's planner does not know that testing a body vector means decompressing it,
        # and for a common word it prefers reading every entry to using the index. Told not to,
        # it reads only the entries the index names: 5 ms instead of 85 ms for a word found in
        # 4 pages out of 10, at 10,000 pages.
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT current_setting('enable_seqscan'), set_config('enable_seqscan', 'off', true)")
            previous = cursor.fetchone()[0]
            cursor.execute(sql, params)
            ids = [row[0] for row in cursor.fetchall()]
            cursor.execute("SELECT set_config('enable_seqscan', %s, true)", [previous])
        return ids

    @staticmethod
    def sqlite_match_sql(terms, ranked_among=None):
        """FTS5's match; with ``ranked_among``, only those pages, title matches first, in bm25 order.

        Wagtail's SQLite ranking scores the whole row with one bm25(), so a word in the title counts
        no more than a word in the body; bm25's column weights fix that (autocomplete, body, title).
        """
        entries = index_entry_table()
        fts = f"{entries}_fts"
        content_types = list(get_descendants_content_types_pks(KnowledgePage))
        words = " AND ".join(f'"{term}"' for term in terms)
        sql = (
            f"SELECT CAST(e.object_id AS INTEGER) FROM {fts} JOIN {entries} e ON e.id = {fts}.rowid "
            f"WHERE {fts} MATCH %s AND e.content_type_id IN ({', '.join(['%s'] * len(content_types))})"
        )
        params = ["{title body} : (" + words + ")", *content_types]
        if ranked_among is None:
            return sql, params
        sql += (
            " AND CAST(e.object_id AS INTEGER) IN (SELECT value FROM json_each(%s)) "
            f"ORDER BY e.id IN (SELECT rowid FROM {fts} WHERE {fts} MATCH %s) DESC, "
            f"bm25({fts}, 0.0, 1.0, {TITLE_WEIGHT}), CAST(e.object_id AS INTEGER) DESC"
        )
        return sql, [*params, json.dumps(list(ranked_among)), "title : (" + words + ")"]

    def tsquery(self, text):
        """SQL for ``text`` as a tsquery in the index's configuration, and its parameters."""
        config = self.backend.config  # without one, PostgreSQL's default configuration
        if config:
            return "plainto_tsquery(%s::regconfig, %s)", [config, text]
        return "plainto_tsquery(%s)", [text]

    def postgres_match_sql(self, terms):
        """Wagtail's PostgreSQL match, written so the title and body GIN indexes can serve it.

        Wagtail tests ``(title || body) @@ query``: the concatenated vector exists only per row,
        so every index entry is read and merged for every search. Asking, word by word, whether the
        word is in the title or in the body means the same (a page matches when each word is in
        one or the other) and each test is a lookup in the title or body index. Words the English
        configuration drops (stop words such as "the") are left out; a query of nothing but stop
        words finds nothing, as in Wagtail.
        """
        whole, whole_params = self.tsquery(" ".join(terms))
        conditions, params = [f"numnode({whole}) > 0", "e.content_type_id = ANY(%s)"], [*whole_params]
        params.append(list(get_descendants_content_types_pks(KnowledgePage)))
        for term in terms:
            word, word_params = self.tsquery(term)
            conditions.append(f"(numnode({word}) = 0 OR e.title @@ {word} OR e.body @@ {word})")
            params.extend(word_params * 3)
        sql = f"SELECT CAST(e.object_id AS INTEGER) FROM {index_entry_table()} e WHERE {' AND '.join(conditions)}"
        return sql, params

    def postgres_rank_sql(self, terms, ids, in_title):
        """Those of ``ids`` with (``in_title``) or without every word in the title, in Wagtail's
        order: title rank scaled by the title-length norm, plus body rank.

        Ranking a body means decompressing its whole vector. When more than ``RESCORE_WINDOW``
        pages have every word in the title (a common word on a large site), only the window with
        the best title scores is ordered by the full score; the others follow by title score, as
        with Elasticsearch's rescore window. Every page of results sees the same order.
        """
        from modelsearch.backends.database.postgres.weights import get_sql_weights

        whole, whole_params = self.tsquery(" ".join(terms))
        weights = get_sql_weights()
        title_score = f"ts_rank(%s::float4[], e.title, {whole}) * e.title_norm"
        body_score = f"ts_rank(%s::float4[], e.body, {whole})"
        entries = (
            f"{index_entry_table()} e WHERE e.content_type_id = ANY(%s) AND e.object_id = ANY(%s) "
            f"AND {'' if in_title else 'NOT '}(e.title @@ {whole})"
        )
        found = [list(get_descendants_content_types_pks(KnowledgePage)), [str(pk) for pk in ids], *whole_params]
        if not in_title:
            sql = (
                f"SELECT CAST(e.object_id AS INTEGER) FROM {entries} ORDER BY {title_score} + {body_score} DESC, 1 DESC"
            )
            return sql, [*found, weights, *whole_params, weights, *whole_params]
        sql = (
            f"WITH tier AS (SELECT e.id, CAST(e.object_id AS INTEGER) AS page_id, {title_score} AS title_score "
            f"FROM {entries}), "
            "best AS (SELECT id FROM tier ORDER BY title_score DESC, page_id DESC LIMIT %s) "
            f"SELECT t.page_id FROM tier t JOIN {index_entry_table()} e ON e.id = t.id "
            "LEFT JOIN best ON best.id = t.id "
            f"ORDER BY best.id IS NULL, CASE WHEN best.id IS NULL THEN t.title_score "
            f"ELSE t.title_score + {body_score} END DESC, 1 DESC"
        )
        return sql, [weights, *whole_params, *found, RESCORE_WINDOW, weights, *whole_params]

    # The contract --------------------------------------------------------------------------

    def search(self, query):
        return self.answer(query)

    def count(self, query):
        """How many pages ``query`` finds: the search without its page of results and snippets."""
        return self.answer(query, with_results=False).count

    def answer(self, query, with_results=True):
        """Counts always; the requested page of results, ranked and highlighted, ``with_results``."""
        index = current_index()
        pages = index.visible()
        selected = {facet: index.carrying(facet, values) for facet, values in query.filters.items()}

        if query.q:
            pages &= index.of_ids(self.match(query.q))

        facets = {}
        for facet in FACETS:
            within = pages
            for other, bits in selected.items():
                if other != facet:
                    within &= bits
            facets[facet] = index.counts(facet, within)
        matching = pages
        for bits in selected.values():
            matching &= bits

        if not with_results:
            return EngineResult(ids=[], count=matching.bit_count(), facets=facets)
        start = (query.page - 1) * query.per_page
        stop = start + query.per_page
        if query.effective_sort == "relevance":  # only ever with words (see SearchQuery.effective_sort)
            ids = self.rank(query.q, index.ids_of(matching), stop)[start:stop]
        else:
            ids = index.ordered(matching, query.effective_sort, start, stop)
        highlights = self.highlight(query.q, ids) if query.q and ids else {}
        return EngineResult(
            ids=ids, count=matching.bit_count(), facets=facets, highlights=highlights, labels=index.labels
        )

    def vocabulary(self):
        """Words a "did you mean" may offer, kept with the facet index."""
        return current_index().vocabulary

    def suggest(self, prefix, limit=8):
        """Titles starting with the words typed so far, for the search box's autocomplete."""
        words = " ".join(search_terms(prefix))
        if not words:
            return []
        pages = KnowledgePage.objects.filter(pk__in=KnowledgePage.objects.visible().values("pk"))
        results = self.backend.autocomplete(words, pages, operator="and")
        return list(results.get_queryset().values_list("pk", "title")[:limit])

    # Index maintenance -------------------------------------------------------------------

    def indexed_titles(self):
        """{page id: indexed title} for every toolkit page in the index."""
        from modelsearch.conf import get_app_config

        model = get_app_config().get_model("IndexEntry")
        entries = model.objects.filter(content_type_id__in=get_descendants_content_types_pks(KnowledgePage))
        # PostgreSQL keeps the title as a tsvector, with the plain text alongside.
        title = "title_text" if connection.vendor == "postgresql" else "title"
        return {int(object_id): text for object_id, text in entries.values_list("object_id", title)}

    def remove_from_index(self, ids):
        from modelsearch.conf import get_app_config

        get_app_config().get_model("IndexEntry").objects.filter(
            content_type_id__in=get_descendants_content_types_pks(KnowledgePage),
            object_id__in=[str(pk) for pk in ids],
        ).delete()

    # Snippets ------------------------------------------------------------------------------

    def highlight(self, text, ids):
        """{page id: HTML snippet}: the summary or a sentence of the page's prose (see snippets)."""
        return page_snippets(content_words(search_terms(text)), ids)

"""The embedded engine: Wagtail's database search backend (SQLite FTS5 or PostgreSQL full text).

The database finds the pages that have the words, through its full-text index, once per search;
the facet index (``facet_index``) does the rest in memory: visibility, filters, the disjunctive
counts of every facet (each counted with every selection applied except its own) and the
non-relevance orders. The database then ranks only the pages left, and only as far as the page of
results asked for. ``.search(q).facet(field)`` would re-run the text search for every facet.
"""

import json
import math
from collections import defaultdict

import numpy as np
from django.db import connection, transaction
from modelsearch.backends import get_search_backend
from modelsearch.backends.database.postgres.weights import get_sql_weights
from modelsearch.utils import get_descendants_content_types_pks

from kb.models import KnowledgePage

from ..query import FACETS
from .base import (
    EngineResult,
    content_words,
    plain_concepts,
    required_coverage,
    search_terms,
    words_of_concepts,
)
from .facet_index import current_index
from .snippets import page_snippets

# Title matches ordered by their full (title and body) score; see DatabaseEngine.postgres_title_ranked.
RESCORE_WINDOW = 100

# How much more a word in the title counts than the same word in the body (SQLite ranking).
TITLE_WEIGHT = 10.0

# When no page has every word: how much more a word found in the title counts than one in the body.
TITLE_COVERAGE_WEIGHT = 2.0

# A word (one alternative of a concept: "wait time", or "hold time") in this many pages or more has
# its pages kept in the facet index once found (DatabaseEngine.matching); a rarer word costs little
# to look up again. At most MAX_COMMON_WORDS are kept in each process, each a bitset of every
# public page (12.5 kB at 100,000 pages).
COMMON_WORD_PAGES = 2000
MAX_COMMON_WORDS = 256


def index_entry_table():
    from modelsearch.conf import get_app_config

    return get_app_config().get_model("IndexEntry")._meta.db_table


def toolkit_content_types():
    """The content type ids of every toolkit page type: what the index entries are narrowed to."""
    return list(get_descendants_content_types_pks(KnowledgePage))


def toolkit_entries():
    """The index entries of toolkit pages (modelsearch's ``IndexEntry``), as a queryset."""
    from modelsearch.conf import get_app_config

    return get_app_config().get_model("IndexEntry").objects.filter(content_type_id__in=toolkit_content_types())


def packed_ids(sql):
    """SQL for the integers ``sql`` selects (one column) as one string of 4-byte integers: a common
    word is in most pages, and tens of thousands of ids come faster as one value than as a row each
    (``unpacked_ids`` reads it back)."""
    return f"(SELECT string_agg(int4send(found.id), ''::bytea) FROM ({sql}) found(id))"


def unpacked_ids(packed):
    """The ids of a ``packed_ids`` value (NULL when there were none), as a numpy array, which
    ``FacetIndex.of_ids`` takes in bulk."""
    return np.frombuffer(packed, dtype=">i4") if packed is not None else np.array([], dtype=">i4")


class DatabaseEngine:
    """Searches with the backend named ``database`` in WAGTAILSEARCH_BACKENDS (the embedded engine)."""

    name = "database"
    backend_name = "database"

    def __init__(self, backend_name=None):
        self.backend_name = backend_name or self.backend_name
        self.last_coverage = None  # (concepts, index token, serial), {page id: score}

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

    def match(self, concepts):
        """Ids of the toolkit pages (public or not) that have every one of ``concepts``, unordered
        (a list, or a numpy array)."""
        if not concepts:
            return []
        if self.flavour == "sqlite":
            return self.fetch_ids(*self.sqlite_match_sql(concepts))
        if self.flavour == "postgres":
            sql, params = self.postgres_match_sql(concepts)
            return unpacked_ids(self.fetch_ids(f"SELECT {packed_ids(sql)}", params, through_indexes=True)[0])
        words = " ".join(words_of_concepts(concepts))  # Wagtail's generic backend: plain words only
        results = self.backend.search(words, KnowledgePage.objects.all(), operator="and")
        return list(results.get_queryset().values_list("pk", flat=True))

    def matching(self, concepts, index):
        """The pages of the facet index ``index`` that have every one of ``concepts``, as its bitset.

        PostgreSQL finds a word's index entries through its full-text index, then reads each entry
        for its page id: for a word in most pages, tens of thousands of rows, half of a search's
        time at 100,000 pages. Search engines keep the pages of their frequent terms at hand, as
        the facet index keeps those of each facet value; here the pages of each word (an
        alternative of a concept) found in ``COMMON_WORD_PAGES`` or more are kept in the facet
        index once found, moved with the pages it re-reads and checked again for those that
        changed. The other words are looked up each time (their few rows cost little), and the
        concepts combined as the database would: a page needs every concept, a concept any of its
        alternatives, and an alternative of stop words only asks for nothing.
        """
        if self.flavour != "postgres" or not concepts:
            return index.of_ids(self.match(concepts))
        words = self.common_words(index)
        keys = [[self.word_key(alternative) for alternative in concept.alternatives] for concept in concepts]
        missing = {key for alternatives in keys for key in alternatives if key not in words}
        if missing and len(words) >= MAX_COMMON_WORDS:  # no room to keep more: one lookup of them all
            return index.of_ids(self.match(concepts))
        found, kept = dict(words), {}
        for key in missing:
            ids = self.word_ids(key[1])
            found[key] = None if ids is None else index.of_ids(ids)
            if ids is not None and len(ids) >= COMMON_WORD_PAGES:
                kept[key] = found[key]
        if kept:
            index.words = ({**words, **kept}, frozenset())
        if all(found[key] is None for alternatives in keys for key in alternatives):
            return 0  # nothing but stop words: nothing asked for, nothing found
        pages = index.everything
        for alternatives in keys:
            if any(found[key] is None for key in alternatives):
                continue  # an alternative of stop words asks for nothing
            either = 0
            for key in alternatives:
                either |= found[key]
            pages &= either
        return pages

    def word_key(self, alternative):
        """What the pages of ``alternative`` are kept under: its words as the database reads them."""
        return (self.backend.config, tuple(word.lower() for word in alternative))

    def word_ids(self, alternative):
        """Ids of the toolkit pages (public or not) having every word of ``alternative``, or None
        when the configuration keeps none of its words (stop words only)."""
        sql, params = self.tsquery(" ".join(alternative))
        pages = (
            f"SELECT CAST(e.object_id AS INTEGER) FROM {index_entry_table()} e "
            f"WHERE e.content_type_id = ANY(%s) AND (e.title || e.body) @@ {sql}"
        )
        params = [*params, toolkit_content_types(), *params]
        lexemes, found = self.fetch_rows(f"SELECT numnode({sql}), {packed_ids(pages)}", params, through_indexes=True)[0]
        return unpacked_ids(found) if lexemes else None

    def common_words(self, index):
        """{word key: bitset} kept in ``index``, the pages changed since each was found checked again
        (one query, only after a change)."""
        words, unchecked = index.words
        changed = {pk: index.position[pk] for pk in unchecked if pk in index.position}
        if words and changed:
            keys, tests, params = list(words), [], []
            for _config, alternative in keys:
                sql, query_params = self.tsquery(" ".join(alternative))
                tests.append(f"(e.title || e.body) @@ {sql}")
                params.extend(query_params)
            rows = self.fetch_rows(
                f"SELECT CAST(e.object_id AS INTEGER), {', '.join(tests)} FROM {index_entry_table()} e "
                "WHERE e.content_type_id = ANY(%s) AND e.object_id = ANY(%s)",
                [*params, toolkit_content_types(), [str(pk) for pk in changed]],
            )
            words = dict(words)
            for pk, *has in rows:
                for key, found in zip(keys, has, strict=True):
                    if found:
                        words[key] |= 1 << changed[pk]
        if unchecked:
            index.words = (words, frozenset())
        return words

    def coverage(self, concepts, index):
        """{page id: score} for the pages with most of ``concepts`` (see ``required_coverage``),
        as of the facet index ``index``.

        For a search no page fully answers. Each concept is one index lookup; a page scores the
        sum of the weights of the concepts it has, a rare concept (in few of the index's pages)
        weighing more than a common one, as in BM25's inverse document frequency, and a concept in
        the title more than one only in the body.

        The engine keeps its last answer while the pages are unchanged: with semantic search on,
        the service asks for a sentence's relaxed match twice (its words alone, then with the
        pages found by meaning), and on PostgreSQL the lookups were a quarter of its time.
        """
        key = (tuple(concepts), index.token, index.serial)
        if index.token is not None and self.last_coverage is not None and self.last_coverage[0] == key:
            return self.last_coverage[1]
        scores = self.scored_coverage(concepts, index.size)
        self.last_coverage = (key, scores)
        return scores

    def scored_coverage(self, concepts, page_count):
        """``coverage``'s answer, looked up."""
        matched, scores = defaultdict(int), defaultdict(float)
        for concept in concepts:
            rows = self.concept_rows(concept)
            if not rows:
                continue
            weight = math.log(1 + page_count / len(rows))
            for pk, in_title in rows:
                matched[pk] += 1
                scores[pk] += weight * (TITLE_COVERAGE_WEIGHT if in_title else 1.0)
        needed = required_coverage(concepts)
        # Pages with every concept first, as in a strict search.
        return {pk: (count == len(concepts), scores[pk]) for pk, count in matched.items() if count >= needed}

    def concept_rows(self, concept):
        """[(page id, whether the title has it)] for the toolkit pages that have ``concept``."""
        if self.flavour == "sqlite":
            entries = index_entry_table()
            fts = f"{entries}_fts"
            content_types = toolkit_content_types()
            expression = fts_expression([concept])
            sql = (
                f"SELECT CAST(e.object_id AS INTEGER), e.id IN (SELECT rowid FROM {fts} WHERE {fts} MATCH %s) "
                f"FROM {fts} JOIN {entries} e ON e.id = {fts}.rowid "
                f"WHERE {fts} MATCH %s AND e.content_type_id IN ({', '.join(['%s'] * len(content_types))})"
            )
            params = [f"title : ({expression})", f"{{title body}} : ({expression})", *content_types]
            return [(pk, bool(in_title)) for pk, in_title in self.fetch_rows(sql, params)]
        if self.flavour == "postgres":
            found, found_params = self.concept_tsquery(concept)
            condition, condition_params = self.words_condition([concept])
            sql = (
                f"SELECT CAST(e.object_id AS INTEGER), e.title @@ {found} FROM {index_entry_table()} e "
                f"WHERE e.content_type_id = ANY(%s) AND numnode({found}) > 0 AND {condition}"
            )
            params = [
                *found_params,
                toolkit_content_types(),
                *found_params,
                *condition_params,
            ]
            return self.fetch_rows(sql, params, through_indexes=True)
        return [(pk, False) for pk in self.match([concept])]

    def rank(self, concepts, found, index, limit):
        """The best ``limit`` of the pages ``found`` (a bitset of the facet index ``index``: pages
        having every one of ``concepts``), best first, as ids.

        Pages with every concept in their title come first, then the others, each group in the
        backend's relevance order. Besides being what a reader expects of a knowledge base, this
        lets PostgreSQL rank only the title matches when they fill the page: a common word is in
        the body of thousands of pages but the title of a few hundred.
        """
        if not concepts or not found:
            return []
        if self.flavour == "postgres":
            ranked = self.postgres_title_ranked(concepts, index.among(found), limit)
            if len(ranked) < limit:
                sql, params = self.postgres_rank_sql(concepts, index.ids_of(found))
                ranked += self.fetch_ids(f"{sql} LIMIT %s", [*params, limit - len(ranked)])
            return ranked
        ids = index.ids_of(found)
        if self.flavour == "sqlite":
            sql, params = self.sqlite_match_sql(concepts, ranked_among=ids)
            return self.fetch_ids(f"{sql} LIMIT %s", [*params, limit])
        pages = KnowledgePage.objects.filter(pk__in=ids)
        words = " ".join(words_of_concepts(concepts))
        results = self.backend.search(words, pages, operator="and", order_by_relevance=True)
        return list(results.get_queryset().values_list("pk", flat=True)[:limit])

    @classmethod
    def fetch_ids(cls, sql, params, through_indexes=False):
        """The first column of ``sql``'s rows."""
        return [row[0] for row in cls.fetch_rows(sql, params, through_indexes)]

    @staticmethod
    def fetch_rows(sql, params, through_indexes=False):
        """``sql``'s rows; ``through_indexes`` forbids PostgreSQL full scans."""
        if not through_indexes:
            with connection.cursor() as cursor:
                cursor.execute(sql, params)
                return cursor.fetchall()
        # PostgreSQL's planner does not know that testing a body vector means decompressing it,
        # and for a common word it prefers reading every entry to using the index. Told not to,
        # it reads only the entries the index names: 5 ms instead of 85 ms for a word found in
        # 4 pages out of 10, at 10,000 pages.
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT current_setting('enable_seqscan'), set_config('enable_seqscan', 'off', true)")
            previous = cursor.fetchone()[0]
            cursor.execute(sql, params)
            rows = cursor.fetchall()
            cursor.execute("SELECT set_config('enable_seqscan', %s, true)", [previous])
        return rows

    @staticmethod
    def sqlite_match_sql(concepts, ranked_among=None):
        """FTS5's match; with ``ranked_among``, only those pages, title matches first, in bm25 order.

        Wagtail's SQLite ranking scores the whole row with one bm25(), so a word in the title counts
        no more than a word in the body; bm25's column weights fix that (autocomplete, body, title).
        """
        entries = index_entry_table()
        fts = f"{entries}_fts"
        content_types = toolkit_content_types()
        words = fts_expression(concepts)
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

    def concept_tsquery(self, concept):
        """SQL for a tsquery matching any alternative of ``concept``, and its parameters."""
        parts, params = [], []
        for alternative in concept.alternatives:
            sql, alternative_params = self.tsquery(" ".join(alternative))
            parts.append(sql)
            params.extend(alternative_params)
        return f"({' || '.join(parts)})", params

    def concept_match_tsquery(self, concept):
        """SQL for the tsquery a page must match to have ``concept``: any alternative's words, or
        nothing to match (an empty tsquery) when an alternative has no word the configuration keeps
        (a stop word asks for nothing, so that alternative is in every page)."""
        alternatives, params = [], []
        for alternative in concept.alternatives:
            sql, alternative_params = self.tsquery(" ".join(alternative))
            alternatives.append(sql)
            params.extend(alternative_params)
        empty = " OR ".join(f"numnode({sql}) = 0" for sql in alternatives)
        sql = f"(CASE WHEN {empty} THEN ''::tsquery ELSE ({' || '.join(alternatives)}) END)"
        return sql, [*params, *params]

    def words_condition(self, concepts):
        """SQL true for an index entry with every one of ``concepts``, each word in its title or body.

        One lookup in the index of title and body together (migration kbsearch 0009): tested
        against each vector apart, a second word was checked entry by entry, each body
        decompressed (0.7 s for two common words at 100,000 pages).
        """
        parts, params = [], []
        for concept in concepts:
            sql, concept_params = self.concept_match_tsquery(concept)
            parts.append(sql)
            params.extend(concept_params)
        query = f"({' && '.join(parts)})"
        return f"(numnode({query}) = 0 OR (e.title || e.body) @@ {query})", [*params, *params]

    def concepts_tsquery(self, concepts):
        """SQL for a tsquery matching every one of ``concepts``, and its parameters."""
        parts, params = [], []
        for concept in concepts:
            sql, concept_params = self.concept_tsquery(concept)
            parts.append(sql)
            params.extend(concept_params)
        return f"({' && '.join(parts)})", params

    def postgres_match_sql(self, concepts):
        """Wagtail's PostgreSQL match (``(title || body) @@ query``), answered from an index.

        Wagtail concatenates the title and body vectors per row, so every index entry is read and
        merged for every search; here the concatenation is indexed (``words_condition``). Words the
        English configuration drops (stop words such as "the") are left out; a query of nothing but
        stop words finds nothing, as in Wagtail.
        """
        whole, whole_params = self.concepts_tsquery(concepts)
        condition, condition_params = self.words_condition(concepts)
        sql = (
            f"SELECT CAST(e.object_id AS INTEGER) FROM {index_entry_table()} e "
            f"WHERE numnode({whole}) > 0 AND e.content_type_id = ANY(%s) AND {condition}"
        )
        return sql, [*whole_params, toolkit_content_types(), *condition_params]

    def postgres_title_ranked(self, concepts, wanted, limit):
        """The best ``limit`` of the pages ``wanted`` (a test of a page id) with every concept in the
        title, in Wagtail's order: title rank scaled by the title-length norm, plus body rank.

        Ranking a body means decompressing its whole vector. When more than ``RESCORE_WINDOW``
        pages have every word in the title (a common word on a large site), only the window with
        the best title scores is ordered by the full score; the others follow by title score, as
        with Elasticsearch's rescore window. Every page of results sees the same order.

        The title matches are read through the title index, all of them, and those not ``wanted``
        dropped here: naming tens of thousands of ids in the query cost more to plan than the
        ranking itself. Scores come as double precision, added and compared as PostgreSQL would.
        """
        whole, whole_params = self.concepts_tsquery(concepts)
        weights = get_sql_weights()
        content_types = toolkit_content_types()
        rows = self.fetch_rows(
            f"SELECT CAST(e.object_id AS INTEGER), ts_rank(%s::float4[], e.title, {whole}) * e.title_norm "
            f"FROM {index_entry_table()} e WHERE e.content_type_id = ANY(%s) AND e.title @@ {whole}",
            [weights, *whole_params, content_types, *whole_params],
            through_indexes=True,
        )
        by_title = sorted(((score, pk) for pk, score in rows if wanted(pk)), reverse=True)  # ties: highest id first
        window = by_title[:RESCORE_WINDOW]
        body = {}
        if window:
            body = dict(
                self.fetch_rows(
                    f"SELECT CAST(e.object_id AS INTEGER), CAST(ts_rank(%s::float4[], e.body, {whole}) AS float8) "
                    f"FROM {index_entry_table()} e WHERE e.content_type_id = ANY(%s) AND e.object_id = ANY(%s)",
                    [weights, *whole_params, content_types, [str(pk) for _score, pk in window]],
                )
            )
        rescored = sorted(((score + body[pk], pk) for score, pk in window), reverse=True)
        return [pk for _score, pk in rescored + by_title[RESCORE_WINDOW:limit]][:limit]

    def postgres_rank_sql(self, concepts, ids):
        """Those of ``ids`` without every word in the title, in Wagtail's order: title rank scaled by
        the title-length norm, plus body rank (the pages after ``postgres_title_ranked``'s)."""
        whole, whole_params = self.concepts_tsquery(concepts)
        weights = get_sql_weights()
        title_score = f"ts_rank(%s::float4[], e.title, {whole}) * e.title_norm"
        body_score = f"ts_rank(%s::float4[], e.body, {whole})"
        sql = (
            f"SELECT CAST(e.object_id AS INTEGER) FROM {index_entry_table()} e "
            f"WHERE e.content_type_id = ANY(%s) AND e.object_id = ANY(%s) AND NOT (e.title @@ {whole}) "
            f"ORDER BY {title_score} + {body_score} DESC, 1 DESC"
        )
        found = [toolkit_content_types(), [str(pk) for pk in ids], *whole_params]
        return sql, [*found, weights, *whole_params, weights, *whole_params]

    # The contract --------------------------------------------------------------------------

    def search(self, query, concepts=None, relaxed=False, also=(), snippets=True):
        """``query``'s results; ``concepts`` replace its words (the service's understanding of them),
        ``relaxed`` finds the pages with most of them instead of all, and the pages ``also`` (found
        by meaning) count as found: counted and faceted, but left out of the ranked ids, which
        hold only pages found by their words. Without ``snippets`` the caller makes its own (for
        the few results it keeps of many)."""
        return self.answer(query, concepts=concepts, relaxed=relaxed, also=also, snippets=snippets)

    def count(self, query):
        """How many pages ``query`` finds: the search without its page of results and snippets."""
        return self.answer(query, with_results=False).count

    def answer(self, query, with_results=True, concepts=None, relaxed=False, also=(), snippets=True):
        """Counts always; the requested page of results, ranked and highlighted, ``with_results``."""
        index = current_index()
        pages = index.visible()
        selected = {facet: index.carrying(facet, values) for facet, values in query.filters.items()}
        concepts = plain_concepts(query.q) if concepts is None else concepts

        coverage, by_words = None, pages
        if query.q and relaxed:
            coverage = self.coverage(concepts, index)
            by_words = pages & index.of_ids(coverage)
            pages = by_words | (pages & index.of_ids(also))
        elif query.q:
            by_words = pages & self.matching(concepts, index)
            pages = by_words | (pages & index.of_ids(also))

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
        if query.effective_sort != "relevance":  # relevance only ever with words (SearchQuery.effective_sort)
            ids = index.ordered(matching, query.effective_sort, start, stop)
        elif coverage is not None:  # newest first among equal scores: ids_of runs newest first
            ids = sorted(index.ids_of(matching & by_words), key=lambda pk: coverage[pk], reverse=True)[start:stop]
        else:
            ids = self.rank(concepts, matching & by_words, index, stop)[start:stop]
        words = " ".join(words_of_concepts(concepts))
        highlights = self.highlight(words, ids) if snippets and words and ids else {}
        return EngineResult(
            ids=ids, count=matching.bit_count(), facets=facets, highlights=highlights, labels=index.labels
        )

    def vocabulary(self):
        """Words a "did you mean" may offer, kept with the facet index."""
        return current_index().vocabulary

    def suggest(self, prefix, limit=8):
        """Titles with the words typed so far (the last one perhaps unfinished), for the search
        box's autocomplete: [(page id, title)], best first, public pages only.

        The backend's autocomplete ranks the pages with the words; narrowing it to the public pages
        in SQL joins the visibility rules to every page at each keystroke (100 ms at 100,000 pages).
        The facet index knows which pages are public and their titles, so the ranking reads the
        index entries alone, and its rows are kept while they are public: nearly always the first
        few; more are read, twice as many each time, while private ones fill the places.
        """
        words = search_terms(prefix)
        if not words:
            return []
        index = current_index()
        public = index.visible()
        found, start, batch = [], 0, 2 * limit
        while len(found) < limit:
            ids = self.autocomplete_ids(words, start, batch)
            for pk in ids:
                position = index.position.get(pk)
                if position is not None and public >> position & 1:
                    found.append((pk, index.titles[position]))
            if len(ids) < batch:
                break
            start, batch = start + batch, 2 * batch
        return found[:limit]

    def autocomplete_ids(self, words, start, count):
        """Ids of toolkit pages (public or not) from ``start`` to ``start + count`` in the backend's
        autocomplete order: every word in the title, the last one as the beginning of a word."""
        if self.flavour != "postgres":
            results = self.backend.autocomplete(" ".join(words), KnowledgePage.objects.all(), operator="and")
            return list(results.get_queryset().values_list("pk", flat=True)[start : start + count])
        # modelsearch's autocomplete query and order (its rank, then newest page id), without
        # joining the page tables it does not need.
        terms = [f"'{word}'" for word in words]  # \w+ words: nothing to escape
        query = " & ".join([f"{terms[-1]}:*", *terms[:-1]])
        found = "to_tsquery(%s::regconfig, %s)"
        sql = (
            f"SELECT CAST(e.object_id AS INTEGER) FROM {index_entry_table()} e "
            f"WHERE e.content_type_id = ANY(%s) AND e.autocomplete @@ {found} "
            f"ORDER BY ts_rank(%s::float4[], e.autocomplete, {found}) DESC, 1 DESC LIMIT %s OFFSET %s"
        )
        config = self.backend.autocomplete_config
        params = [toolkit_content_types(), config, query, get_sql_weights()]
        return self.fetch_ids(sql, [*params, config, query, count, start])

    # Index maintenance -------------------------------------------------------------------

    def indexed_titles(self):
        """{page id: indexed title} for every toolkit page in the index."""
        # PostgreSQL keeps the title as a tsvector, with the plain text alongside.
        title = "title_text" if connection.vendor == "postgresql" else "title"
        return {int(object_id): text for object_id, text in toolkit_entries().values_list("object_id", title)}

    def remove_from_index(self, ids):
        toolkit_entries().filter(object_id__in=[str(pk) for pk in ids]).delete()

    # Snippets ------------------------------------------------------------------------------

    def highlight(self, text, ids):
        """{page id: HTML snippet}: the summary or a sentence of the page's prose (see snippets)."""
        return page_snippets(content_words(search_terms(text)), ids)


def fts_expression(concepts):
    """An FTS5 query for pages with every one of ``concepts``: ``("csat" OR ("customer" AND ...)) AND ...``.

    Words come from ``search_terms`` (letters, digits and underscores only), so quoting them is
    enough to keep FTS5's query syntax out of a visitor's hands.
    """
    return " AND ".join(
        "("
        + " OR ".join(
            "(" + " AND ".join(f'"{word}"' for word in alternative) + ")" for alternative in concept.alternatives
        )
        + ")"
        for concept in concepts
    )

"""The embedded engine: Wagtail's database search backend (SQLite FTS5 or PostgreSQL full text).

The database finds and ranks the pages that match the words, once per search; the facet index
(``facet_index``) does the rest in memory: visibility, filters, the disjunctive counts of every
facet (each counted with every selection applied except its own) and the non-relevance orders.
That is what ``.search(q).facet(field)`` cannot do without re-running the text search per facet.
"""

import json

from django.db import connection, transaction
from modelsearch.backends import get_search_backend
from modelsearch.utils import get_descendants_content_types_pks

from kb.models import KnowledgePage

from ..query import FACETS
from .base import MARK_END, MARK_START, EngineResult, mark_up, search_terms, visible_pages
from .facet_index import current_index

# The stretch of a page's text (in characters) handed to PostgreSQL's snippet maker, starting this
# far before the first matched word.
SNIPPET_WINDOW = 2000
SNIPPET_LEAD = 200

# Below this share of the public pages, the words are matched only among the pages the filters
# leave, which spares ranking pages that cannot be shown; above it, the list is not worth sending.
RESTRICT_MATCH_BELOW = 0.5

# How much more a word in the title counts than the same word in the body (SQLite ranking).
TITLE_WEIGHT = 10.0

# Words too common to narrow an English search. PostgreSQL's "english" configuration and
# Elasticsearch's English analyzer drop such words; SQLite's FTS5 has no stop list, so without this
# "the" or "how to" would match only pages that happen to contain them.
STOP_WORDS = frozenset(
    "a about after all an and any are as at be been but by can did do does for from had has have how i if "  # noqa: SIM905
    "in into is it its more most my no not of on or our over should so some such than that the their them "
    "then there these they this those through to too was we were what when where which while who why will "
    "with you your".split()
)


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

    # Text matching -------------------------------------------------------------------------

    def match(self, text, among=None):
        """Ids of the toolkit pages matching every word of ``text``, best match first.

        ``among``, a list of page ids, limits the match to those pages; visibility is not checked
        here (the facet index knows which pages are public).
        """
        terms = search_terms(text)
        if not terms:
            return []
        backend = type(self.backend).__name__
        if backend == "SQLiteSearchBackend":  # FTS5 available (else Wagtail's fallback)
            return self.sqlite_match(terms, among)
        if backend == "PostgresSearchBackend":
            return self.postgres_match(terms, among)
        pages = KnowledgePage.objects.all() if among is None else KnowledgePage.objects.filter(pk__in=among)
        results = self.backend.search(" ".join(terms), pages, operator="and", order_by_relevance=True)
        return list(results.get_queryset().values_list("pk", flat=True))

    def sqlite_match(self, terms, among):
        """The same FTS5 match Wagtail's SQLite backend makes, ranked with the title weighted.

        Wagtail's SQLite ranking scores the whole row with one bm25(), so a word in the title counts
        no more than a word in the body; bm25's column weights fix that (autocomplete, body, title).
        Stop words are left out, as PostgreSQL does; a query of nothing but stop words finds nothing.
        """
        terms = [term for term in terms if term.lower() not in STOP_WORDS]
        if not terms:
            return []
        entries = index_entry_table()
        fts = f"{entries}_fts"
        content_types = get_descendants_content_types_pks(KnowledgePage)
        among_sql = "" if among is None else "AND CAST(e.object_id AS INTEGER) IN (SELECT value FROM json_each(%s)) "
        sql = (
            f"SELECT CAST(e.object_id AS INTEGER) FROM {fts} JOIN {entries} e ON e.id = {fts}.rowid "
            f"WHERE {fts} MATCH %s AND e.content_type_id IN ({', '.join(['%s'] * len(content_types))}) "
            f"{among_sql}"
            f"ORDER BY bm25({fts}, 0.0, 1.0, {TITLE_WEIGHT}), CAST(e.object_id AS INTEGER) DESC"
        )
        match = "{title body} : (" + " AND ".join(f'"{term}"' for term in terms) + ")"
        params = [match, *content_types] + ([] if among is None else [json.dumps(among)])
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [row[0] for row in cursor.fetchall()]

    def postgres_match(self, terms, among):
        """Wagtail's PostgreSQL match and ranking, written so the GIN indexes can serve it.

        Wagtail tests ``(title || body) @@ query``: the concatenated vector exists only per row,
        so every index entry is read and merged for every search. Asking, word by word, whether the
        word is in the title or in the body means the same (a page matches when each word is in
        one or the other) and each test is a lookup in the title or body index. Words the English
        configuration drops (stop words such as "the") are left out; a query of nothing but stop
        words finds nothing, as in Wagtail. The rank is Wagtail's: title rank scaled by the
        title-length norm, plus body rank.
        """
        from modelsearch.backends.database.postgres.weights import get_sql_weights

        entries = index_entry_table()
        # The configuration the index was built with; without one, PostgreSQL's default.
        config = self.backend.config
        tsquery = "plainto_tsquery(%s::regconfig, %s)" if config else "plainto_tsquery(%s)"

        def words(text):
            return [config, text] if config else [text]

        word_found = f"(numnode({tsquery}) = 0 OR e.title @@ {tsquery} OR e.body @@ {tsquery})"
        sql = (
            f"SELECT CAST(e.object_id AS INTEGER) FROM {entries} e "
            f"WHERE numnode({tsquery}) > 0 AND e.content_type_id = ANY(%s) "
            f"AND {' AND '.join([word_found] * len(terms))} "
            f"{'' if among is None else 'AND CAST(e.object_id AS INTEGER) = ANY(%s) '}"
            f"ORDER BY ts_rank(%s::float4[], e.title, {tsquery}) * e.title_norm "
            f"+ ts_rank(%s::float4[], e.body, {tsquery}) DESC, 1 DESC"
        )
        weights, text = get_sql_weights(), " ".join(terms)
        params = [*words(text), list(get_descendants_content_types_pks(KnowledgePage))]
        for term in terms:
            params.extend(words(term) * 3)
        if among is not None:
            params.append(among)
        params.extend([weights, *words(text), weights, *words(text)])
        # The planner does not know that testing a body vector means decompressing it, and for a
        # common word it prefers reading every entry to the index; told not to, it tests only the
        # entries the index names (36 ms instead of 89 ms for a word in 4 pages out of 10 at 10k).
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SELECT current_setting('enable_seqscan'), set_config('enable_seqscan', 'off', true)")
            previous = cursor.fetchone()[0]
            cursor.execute(sql, params)
            ids = [row[0] for row in cursor.fetchall()]
            cursor.execute("SELECT set_config('enable_seqscan', %s, true)", [previous])
        return ids

    # The contract --------------------------------------------------------------------------

    def search(self, query):
        return self.answer(query)

    def count(self, query):
        """How many pages ``query`` finds: the search without its page of results and snippets."""
        return self.answer(query, with_results=False).count

    def answer(self, query, with_results=True):
        index = current_index()
        pages = index.visible()
        selected = {facet: index.carrying(facet, values) for facet, values in query.filters.items()}

        ranked_ids = None
        if query.q:
            among = None
            candidates = self.candidates(pages, selected)
            if candidates.bit_count() < RESTRICT_MATCH_BELOW * pages.bit_count():
                among = index.ids_of(candidates)
            ranked_ids = self.match(query.q, among)
            pages &= index.of_ids(ranked_ids)

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
        if query.effective_sort == "relevance" and ranked_ids is not None:
            shown = index.contains(matching)
            ids = [pk for pk in ranked_ids if shown(pk)][start:stop]
        else:
            ids = index.ordered(matching, query.effective_sort, start, stop)
        highlights = self.highlight(query.q, ids) if query.q and ids else {}
        return EngineResult(
            ids=ids, count=matching.bit_count(), facets=facets, highlights=highlights, labels=index.labels
        )

    @staticmethod
    def candidates(pages, selected):
        """The pages any count or result can come from: those meeting every selected facet but at
        most one (every set counted, each facet without its own selection, lies inside it)."""
        if len(selected) < 2:  # a lone selection is ignored by its own facet's counts
            return pages
        union = 0
        for dropped in selected:
            all_but_one = pages
            for facet, bits in selected.items():
                if facet != dropped:
                    all_but_one &= bits
            union |= all_but_one
        return union

    def vocabulary(self):
        """Words a "did you mean" may offer, kept with the facet index."""
        return current_index().vocabulary

    def suggest(self, prefix, limit=8):
        """Titles starting with the words typed so far, for the search box's autocomplete."""
        words = " ".join(search_terms(prefix))
        if not words:
            return []
        pages = KnowledgePage.objects.filter(pk__in=visible_pages().values("pk"))
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
        """{page id: HTML snippet of the page's text around the matched words}."""
        terms = search_terms(text)
        if not terms:
            return {}
        entries = index_entry_table()
        object_ids = [str(pk) for pk in ids]
        ct_ids = list(get_descendants_content_types_pks(KnowledgePage))
        if connection.vendor == "postgresql":
            # ts_headline parses the whole text it is given, which for a long page costs more than
            # the search itself; it gets a window from just before the first place a word's first
            # letters appear (so "surveys" also finds "survey"), or the start of the text.
            probes = [term.lower()[:5] for term in terms if term.lower() not in STOP_WORDS] or [""]
            first = ", ".join(["NULLIF(strpos(lower(body_text), %s), 0)"] * len(probes))
            window = f"substr(body_text, GREATEST(1, LEAST({first}) - {SNIPPET_LEAD}), {SNIPPET_WINDOW})"
            config = self.backend.config or "english"
            sql = (
                f"SELECT object_id, ts_headline(%s::regconfig, {window}, plainto_tsquery(%s::regconfig, %s), "
                f"'StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=35, MinWords=15, MaxFragments=2') "
                f"FROM {entries} WHERE object_id = ANY(%s) AND content_type_id = ANY(%s)"
            )
            params = [config, *probes, config, " ".join(terms), object_ids, ct_ids]
        elif connection.vendor == "sqlite":
            match = " OR ".join('"{}"'.format(term.replace('"', "")) for term in terms)
            sql = (
                f"SELECT e.object_id, snippet({entries}_fts, 1, '{MARK_START}', '{MARK_END}', '…', 24) "
                f"FROM {entries}_fts JOIN {entries} e ON e.id = {entries}_fts.rowid "
                f"WHERE {entries}_fts MATCH %s AND e.object_id IN ({', '.join(['%s'] * len(object_ids))}) "
                f"AND e.content_type_id IN ({', '.join(['%s'] * len(ct_ids))})"
            )
            params = [f"body : ({match})", *object_ids, *ct_ids]
        else:
            return {}
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        return {int(pk): mark_up(snippet) for pk, snippet in rows if snippet and MARK_START in snippet}

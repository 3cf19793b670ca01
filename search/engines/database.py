"""The embedded engine: Wagtail's database search backend (SQLite FTS5 or PostgreSQL full text).

Wagtail's backend finds the pages that match the words, once per request; everything else is plain
ORM on the page and taxonomy tables, so facet counts are exact and disjunctive (each facet is
counted with every selection applied except its own) without re-running the text search per facet,
which is what ``.search(q).facet(field)`` would do.

The matching ids are handed to the follow-up queries as one JSON/array parameter rather than as
thousands of ``IN (...)`` placeholders, so the queries stay small whatever the result size.
"""

import json
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL
from modelsearch.backends import get_search_backend
from modelsearch.utils import get_descendants_content_types_pks

from kb.models import KnowledgePage

from ..query import FACETS, PAGE_TYPES
from .base import MARK_END, MARK_START, EngineResult, mark_up, search_terms, visible_pages

TOPICS = KnowledgePage.topics.through
AGENCIES = KnowledgePage.agencies.through
LIFE_EVENTS = KnowledgePage.life_events.through

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


ORDERINGS = {
    "newest": ("-publication_date", "-pk"),
    "oldest": ("publication_date", "pk"),
    "title": ("title", "pk"),
}


def type_content_types():
    """{public type slug: content type id}; ContentType caches these, so this costs no query."""
    return {
        slug: ContentType.objects.get_by_natural_key(app_label, model).pk
        for slug, (app_label, model, _label) in PAGE_TYPES.items()
    }


def index_entry_table():
    from modelsearch.conf import get_app_config

    return get_app_config().get_model("IndexEntry")._meta.db_table


def ids_parameter(ids):
    """A subquery yielding ``ids`` from a single bound parameter."""
    ids = [int(pk) for pk in ids]
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", (ids,))
    return RawSQL("SELECT value FROM json_each(%s)", (json.dumps(ids),))


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

    def match(self, text, pages):
        """Ids of ``pages`` matching every word of ``text``, best match first."""
        terms = search_terms(text)
        if not terms:
            return []
        backend = type(self.backend).__name__
        if backend == "SQLiteSearchBackend":  # FTS5 available (else Wagtail's fallback)
            return self.sqlite_match(terms, pages)
        if backend == "PostgresSearchBackend":
            return self.postgres_match(terms, pages)
        # Wagtail's backends only accept filters on declared FilterFields, and the visibility rules
        # (privacy, expiry) are not; as an id subquery they pass through untouched.
        pages = KnowledgePage.objects.filter(pk__in=pages.values("pk"))
        results = self.backend.search(" ".join(terms), pages, operator="and", order_by_relevance=True)
        return list(results.get_queryset().values_list("pk", flat=True))

    def sqlite_match(self, terms, pages):
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
        visible_sql, visible_params = pages.order_by().values("pk").query.sql_with_params()
        content_types = get_descendants_content_types_pks(KnowledgePage)
        sql = (
            f"SELECT CAST(e.object_id AS INTEGER) FROM {fts} JOIN {entries} e ON e.id = {fts}.rowid "
            f"WHERE {fts} MATCH %s AND e.content_type_id IN ({', '.join(['%s'] * len(content_types))}) "
            f"AND CAST(e.object_id AS INTEGER) IN ({visible_sql}) "
            f"ORDER BY bm25({fts}, 0.0, 1.0, {TITLE_WEIGHT}), CAST(e.object_id AS INTEGER) DESC"
        )
        match = "{title body} : (" + " AND ".join(f'"{term}"' for term in terms) + ")"
        with connection.cursor() as cursor:
            cursor.execute(sql, [match, *content_types, *visible_params])
            return [row[0] for row in cursor.fetchall()]

    def postgres_match(self, terms, pages):
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
        visible_sql, visible_params = pages.order_by().values("pk").query.sql_with_params()
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
            f"AND CAST(e.object_id AS INTEGER) IN ({visible_sql}) "
            f"ORDER BY ts_rank(%s::float4[], e.title, {tsquery}) * e.title_norm "
            f"+ ts_rank(%s::float4[], e.body, {tsquery}) DESC, 1 DESC"
        )
        weights, text = get_sql_weights(), " ".join(terms)
        params = [*words(text), list(get_descendants_content_types_pks(KnowledgePage))]
        for term in terms:
            params.extend(words(term) * 3)
        params.extend(visible_params)
        params.extend([weights, *words(text), weights, *words(text)])
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [row[0] for row in cursor.fetchall()]

    # Filters -------------------------------------------------------------------------------

    def facet_condition(self, facet, values):
        """A Q selecting pages carrying any of ``values`` for ``facet`` (OR within a facet)."""
        if facet == "type":
            ct_ids = type_content_types()
            return Q(content_type_id__in=[ct_ids[value] for value in values])
        if facet == "year":
            condition = Q()
            for year in values:
                condition |= Q(
                    publication_date__gte=date(int(year), 1, 1), publication_date__lte=date(int(year), 12, 31)
                )
            return condition
        if facet == "topic":
            return Q(pk__in=TOPICS.objects.filter(topic__slug__in=values).values("knowledgepage_id"))
        if facet == "agency":
            return Q(pk__in=AGENCIES.objects.filter(agency__slug__in=values).values("knowledgepage_id"))
        if facet == "life_event":
            return Q(pk__in=LIFE_EVENTS.objects.filter(lifeevent__slug__in=values).values("knowledgepage_id"))
        if facet == "level":
            return Q(pk__in=AGENCIES.objects.filter(agency__level__in=values).values("knowledgepage_id"))
        raise ValueError(facet)

    def filtered(self, pages, query, except_facet=None):
        """``pages`` narrowed by every selected facet except ``except_facet`` (AND across facets)."""
        for facet, values in query.filters.items():
            if facet != except_facet:
                pages = pages.filter(self.facet_condition(facet, values))
        return pages

    def candidates(self, pages, query):
        """The pages any count or result can come from: those meeting every selected facet but at
        most one. Matching words only among them is much cheaper than among every page, and
        every set counted (each facet without its own selection) lies inside it."""
        selected = list(query.filters)
        if len(selected) < 2:
            return pages
        condition = Q()
        for dropped in selected:
            all_but_one = Q()
            for facet in selected:
                if facet != dropped:
                    all_but_one &= self.facet_condition(facet, query.filters[facet])
            condition |= all_but_one
        return pages.filter(condition)

    # Facet counts --------------------------------------------------------------------------

    @staticmethod
    def facet_count_sql(facet, ids):
        """SQL selecting (facet, value, count) rows for the pages of the CTE ``ids``.

        The CTE carries each page's type and date, so those two facets are counted without
        touching another table. Taxonomies join the CTE rather than test ``IN`` it: its ids are
        unique, so the database need not de-duplicate them again.
        """
        if facet == "type":
            return f"SELECT 'type', CAST(content_type_id AS TEXT), COUNT(*) FROM {ids} GROUP BY 2"
        if facet == "year":
            year = (
                "CAST(CAST(EXTRACT(YEAR FROM publication_date) AS INTEGER) AS TEXT)"
                if connection.vendor == "postgresql"
                else "substr(publication_date, 1, 4)"
            )
            return f"SELECT 'year', {year}, COUNT(*) FROM {ids} GROUP BY 2"
        through, column, term_model, term_column = {
            "topic": (TOPICS, "topic_id", TOPICS._meta.get_field("topic").related_model, "slug"),
            "agency": (AGENCIES, "agency_id", AGENCIES._meta.get_field("agency").related_model, "slug"),
            "life_event": (LIFE_EVENTS, "lifeevent_id", LIFE_EVENTS._meta.get_field("lifeevent").related_model, "slug"),
            "level": (AGENCIES, "agency_id", AGENCIES._meta.get_field("agency").related_model, "level"),
        }[facet]
        pairs = (
            f"SELECT {'DISTINCT' if facet == 'level' else ''} x.knowledgepage_id, t.{term_column} AS value "
            f"FROM {through._meta.db_table} x JOIN {term_model._meta.db_table} t ON t.id = x.{column} "
            f"JOIN {ids} ON {ids}.pk = x.knowledgepage_id"
        )
        # A page with two federal agencies counts once for "federal": hence DISTINCT for levels.
        return f"SELECT '{facet}', value, COUNT(*) FROM ({pairs}) {facet}_pairs GROUP BY 2"

    def count_facets(self, pages, query):
        """{facet: {value: count}} for every facet, each without its own selection, in one query.

        Facets without a selection share one set of pages (every selection applied); each selected
        facet gets its own set. The sets are common table expressions, so the database computes
        each once, and the counts come back in a single round trip.
        """
        sets, parts, params = [], [], []
        set_for = {}
        for facet in FACETS:
            except_facet = facet if facet in query.filters else None
            if except_facet not in set_for:
                members = self.filtered(pages, query, except_facet).order_by()
                sql, set_params = members.values("pk", "content_type_id", "publication_date").query.sql_with_params()
                set_for[except_facet] = f"s{len(sets)}"
                sets.append(f"{set_for[except_facet]} (pk, content_type_id, publication_date) AS ({sql})")
                params.extend(set_params)
            parts.append(self.facet_count_sql(facet, set_for[except_facet]))
        with connection.cursor() as cursor:
            cursor.execute(f"WITH {', '.join(sets)} {' UNION ALL '.join(parts)}", params)
            rows = cursor.fetchall()
        slug_for_ct = {str(ct): slug for slug, ct in type_content_types().items()}
        facets = {facet: {} for facet in FACETS}
        for facet, value, count in rows:
            if facet == "type":
                value = slug_for_ct.get(value)
            if value:
                facets[facet][value] = count
        return facets

    # The contract --------------------------------------------------------------------------

    def search(self, query):
        pages = visible_pages()
        ranked_ids = None
        if query.q:
            ranked_ids = self.match(query.q, self.candidates(pages, query))
            pages = KnowledgePage.objects.filter(pk__in=ids_parameter(ranked_ids))

        facets = self.count_facets(pages, query)

        matching = self.filtered(pages, query)
        start = (query.page - 1) * query.per_page
        stop = start + query.per_page
        sort = query.effective_sort
        if sort == "relevance" and ranked_ids is not None:
            if query.has_filters:
                kept = set(matching.values_list("pk", flat=True))
                ranked_ids = [pk for pk in ranked_ids if pk in kept]
            ids = ranked_ids[start:stop]
        else:
            ordered = matching.order_by(*ORDERINGS.get(sort, ORDERINGS["newest"]))
            ids = list(ordered.values_list("pk", flat=True)[start:stop])
        # Every page has exactly one type, so the type counts add up to the total (for a type
        # selection, the counts of the selected types do: that facet ignores only its own filter).
        type_counts = facets["type"]
        count = sum(type_counts.get(value, 0) for value in query.type) if query.type else sum(type_counts.values())

        highlights = self.highlight(query.q, ids) if query.q and ids else {}
        return EngineResult(ids=ids, count=count, facets=facets, highlights=highlights)

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
            sql = (
                f"SELECT object_id, ts_headline('english', body_text, plainto_tsquery('english', %s), "
                f"'StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=35, MinWords=15, MaxFragments=2') "
                f"FROM {entries} WHERE object_id = ANY(%s) AND content_type_id = ANY(%s)"
            )
            params = [" ".join(terms), object_ids, ct_ids]
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

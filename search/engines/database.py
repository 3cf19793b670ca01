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
from django.db.models import Count, Q
from django.db.models.expressions import RawSQL
from django.db.models.functions import ExtractYear
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
        if type(self.backend).__name__ == "SQLiteSearchBackend":  # FTS5 available (else Wagtail's fallback)
            return self.sqlite_match(terms, pages)
        # Wagtail's backends only accept filters on declared FilterFields, and the visibility rules
        # (privacy, expiry) are not; as an id subquery they pass through untouched.
        pages = KnowledgePage.objects.filter(pk__in=pages.values("pk"))
        results = self.backend.search(" ".join(terms), pages, operator="and", order_by_relevance=True)
        return list(results.get_queryset().values_list("pk", flat=True))

    def sqlite_match(self, terms, pages):
        """The same FTS5 match Wagtail's SQLite backend makes, ranked with the title weighted.

        Wagtail's SQLite ranking scores the whole row with one bm25(), so a word in the title counts
        no more than a word in the body; bm25's column weights fix that (autocomplete, body, title).
        """
        entries = index_entry_table()
        fts = f"{entries}_fts"
        visible_sql, visible_params = pages.values("pk").query.sql_with_params()
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

    # Facet counts --------------------------------------------------------------------------

    def count_values(self, facet, pages):
        """{public value: number of ``pages`` with that value} for one facet."""
        page_ids = pages.values("pk")
        if facet == "type":
            slug_for_ct = {ct: slug for slug, ct in type_content_types().items()}
            rows = pages.order_by().values_list("content_type_id").annotate(n=Count("pk"))
            return {slug_for_ct[ct]: n for ct, n in rows if ct in slug_for_ct}
        if facet == "year":
            rows = pages.order_by().annotate(y=ExtractYear("publication_date")).values_list("y").annotate(n=Count("pk"))
            return {str(year): n for year, n in rows if year}
        if facet == "topic":
            rows = TOPICS.objects.filter(knowledgepage_id__in=page_ids).values_list("topic__slug")
            return dict(rows.annotate(n=Count("id")).order_by())
        if facet == "agency":
            rows = AGENCIES.objects.filter(knowledgepage_id__in=page_ids).values_list("agency__slug")
            return dict(rows.annotate(n=Count("id")).order_by())
        if facet == "life_event":
            rows = LIFE_EVENTS.objects.filter(knowledgepage_id__in=page_ids).values_list("lifeevent__slug")
            return dict(rows.annotate(n=Count("id")).order_by())
        if facet == "level":
            rows = AGENCIES.objects.filter(knowledgepage_id__in=page_ids).values_list("agency__level")
            return dict(rows.annotate(n=Count("knowledgepage_id", distinct=True)).order_by())
        raise ValueError(facet)

    # The contract --------------------------------------------------------------------------

    def search(self, query):
        pages = visible_pages()
        ranked_ids = None
        if query.q:
            ranked_ids = self.match(query.q, pages)
            pages = KnowledgePage.objects.filter(pk__in=ids_parameter(ranked_ids))

        facets = {facet: self.count_values(facet, self.filtered(pages, query, except_facet=facet)) for facet in FACETS}

        matching = self.filtered(pages, query)
        start = (query.page - 1) * query.per_page
        stop = start + query.per_page
        sort = query.effective_sort
        if sort == "relevance" and ranked_ids is not None:
            if query.has_filters:
                kept = set(matching.values_list("pk", flat=True))
                ranked_ids = [pk for pk in ranked_ids if pk in kept]
            count = len(ranked_ids)
            ids = ranked_ids[start:stop]
        else:
            count = matching.count()
            ids = list(
                matching.order_by(*ORDERINGS.get(sort, ORDERINGS["newest"])).values_list("pk", flat=True)[start:stop]
            )

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

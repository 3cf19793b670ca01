"""The public search page (/search/) and the health check (/healthz).

The page is a plain GET form: the facet checkboxes, sort and search box all submit with no
JavaScript (static/js/search-filters.js only makes a change apply at once). It parses its
parameters with the same parser as the JSON API, so a link copied from either one means the same
search.
"""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from .logging import log_search
from .query import DEFAULT_PER_PAGE, FACET_LABELS, FACETS, SORTS, parse_search_query
from .service import configured_engine_name, get_engine, run_search


def search_page(request):
    query, errors = parse_search_query(request.GET)
    results = run_search(query)
    log_search(query, results.count)

    paginator = Paginator(range(results.count), query.per_page)
    page_obj = paginator.page(min(query.page, paginator.num_pages))
    chips = [
        {
            "facet": FACET_LABELS[facet],
            "label": item.label,
            "remove_url": "?" + urlencode(query.to_params(page=1, remove=(facet, item.value))),
        }
        for facet in FACETS
        for item in results.facets[facet]
        if item.selected
    ]
    context = {
        "query": query,
        "results": results,
        "errors": errors,
        "facet_groups": [(facet, FACET_LABELS[facet], results.facets[facet]) for facet in FACETS],
        "chips": chips,
        "selected_count": len(chips),
        "clear_filters_url": "?" + urlencode(query.without_filters().to_params()),
        "sort_options": sort_options(query),
        "paginator": paginator,
        "page_obj": page_obj,
        "query_string": urlencode(query.to_params(page=1)),
        "correction_query_string": urlencode(results.correction.original.to_params()) if results.correction else "",
        # The feed of these results: same words and filters, in the feed's own order and length.
        "feed_query_string": urlencode(query.to_params(page=1, per_page=DEFAULT_PER_PAGE, sort="")),
        "past_last_page": query.page > paginator.num_pages and results.count > 0,
        "suggestions": [
            {"text": s.text, "url": "?" + urlencode(s.query.to_params()), "count": s.count} for s in results.suggestions
        ],
    }
    return render(request, "search/search.html", context, status=400 if errors else 200)


def sort_options(query):
    """``(value, label, selected)`` for the sort menu. The default order (best match with words,
    newest without) is sent as no sort at all: typing words into a page of newest results then gives
    the best matches, instead of carrying "newest" into the new search. Best match is offered only
    when there are words to match."""
    default = "relevance" if query.q else "newest"
    return [
        ("" if value == default else value, label, value == query.effective_sort)
        for value, label in SORTS.items()
        if value != "relevance" or query.q
    ]


@never_cache
def healthz(request):
    """JSON state of the database and the search engine.

    503 only when the database is down: with the search engine down the site still answers
    (search falls back to the database), so the status is "degraded" with a 200.
    """
    state = {"database": "ok", "search": {"engine": configured_engine_name(), "status": "ok"}}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:
        state["database"] = "unavailable"
    try:
        get_engine().ping()
    except Exception:
        state["search"]["status"] = "unavailable"
        state["search"]["fallback"] = "database"
    if state["database"] != "ok":
        state["status"] = "unavailable"
    elif state["search"]["status"] != "ok":
        state["status"] = "degraded"
    else:
        state["status"] = "ok"
    return JsonResponse(state, status=503 if state["status"] == "unavailable" else 200)

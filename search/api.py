"""The JSON search API (/api/search/), built with django-ninja for its OpenAPI schema.

- ``GET /api/search/``: the search page's parameters, answered as JSON (see the README).
- ``GET /api/search/suggest/?q=``: up to 8 title suggestions for the search box.
- ``GET /api/search/openapi.json``: the schema; ``/api/search/docs`` renders it.

The parameters are declared here for the schema, but the search page's own parser
(``search.query.parse_search_query``) decides what they mean, so both interfaces agree. Invalid
parameters answer 400 with one message per field (never ninja's default 422); an engine outage
answers 503 with a JSON error.
"""

from typing import Literal
from urllib.parse import urlencode

from django.http import HttpRequest
from ninja import Field, NinjaAPI, Query, Schema, Status
from ninja.errors import ValidationError

from .logging import log_search
from .query import MAX_PAGE, MAX_PER_PAGE, MAX_QUERY_LENGTH, parse_search_query
from .service import SearchUnavailable, run_search, suggest_titles

api = NinjaAPI(
    title="CX Toolkit search API",
    version="1.0.0",
    description="Faceted search over the live, public pages of the CX Toolkit knowledge base.",
    urls_namespace="search_api",
    openapi_url="/openapi.json",
    docs_url="/docs",
)


class FacetValueOut(Schema):
    value: str
    label: str
    count: int
    selected: bool


class FacetsOut(Schema):
    type: list[FacetValueOut]
    topic: list[FacetValueOut]
    agency: list[FacetValueOut]
    life_event: list[FacetValueOut]
    level: list[FacetValueOut]
    year: list[FacetValueOut]


class ResultOut(Schema):
    id: int
    title: str
    url: str
    type: str
    summary: str
    agencies: list[str] = Field(description="Agency slugs")
    topics: list[str] = Field(description="Topic slugs")
    date: str = Field(description="Publication date, YYYY-MM-DD")
    highlight: str = Field(description="HTML snippet with <mark> around matched words; empty if none")


class PromotionOut(Schema):
    title: str
    url: str
    description: str


class SuggestionOut(Schema):
    text: str
    params: str = Field(description="Query string of the suggested search")
    count: int


class SearchOut(Schema):
    count: int
    page: int
    per_page: int
    num_pages: int
    warnings: list[str]
    notices: list[str]
    results: list[ResultOut]
    facets: FacetsOut
    promotions: list[PromotionOut]
    suggestions: list[SuggestionOut]


class ErrorOut(Schema):
    error: str
    errors: dict[str, str] = Field(default_factory=dict, description="One message per invalid parameter")


class SuggestOut(Schema):
    id: int
    title: str
    url: str


class SearchParams(Schema):
    q: str = Field("", description=f"Free text; cut to {MAX_QUERY_LENGTH} characters")
    type: list[str] = Field([], description="case-study, tool or agency-example; repeat for several")
    topic: list[str] = Field([], description="Topic slugs")
    agency: list[str] = Field([], description="Agency slugs")
    life_event: list[str] = Field([], description="Life event slugs")
    level: list[str] = Field([], description="Levels of government: federal, state, local, tribal, territorial")
    year: list[str] = Field([], description="Publication years, e.g. 2024")
    sort: Literal["relevance", "newest", "oldest", "title"] | None = None
    page: int = Field(1, ge=1, le=MAX_PAGE)
    per_page: int = Field(10, ge=1, le=MAX_PER_PAGE)


@api.exception_handler(ValidationError)
def validation_error(request, exc):
    """Answer invalid parameters with 400 and one message per field."""
    errors = {}
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", ()) if part not in ("query", "params")]
        name = location[0] if location else "request"
        errors.setdefault(name, error.get("msg", "Invalid value."))
    return api.create_response(request, {"error": "Invalid parameters.", "errors": errors}, status=400)


def serialise(results):
    return {
        "count": results.count,
        "page": results.page,
        "per_page": results.per_page,
        "num_pages": results.num_pages,
        "warnings": results.warnings,
        "notices": results.notices,
        "results": [
            {
                "id": hit.id,
                "title": hit.title,
                "url": hit.url,
                "type": hit.type,
                "summary": hit.summary,
                "agencies": [slug for slug, _name, _acronym in hit.agencies],
                "topics": [slug for slug, _name in hit.topics],
                "date": hit.date.isoformat() if hit.date else "",
                "highlight": hit.highlight,
            }
            for hit in results.hits
        ],
        "facets": {
            facet: [
                {"value": item.value, "label": item.label, "count": item.count, "selected": item.selected}
                for item in items
            ]
            for facet, items in results.facets.items()
        },
        "promotions": results.promotions,
        "suggestions": [
            {"text": s.text, "params": urlencode(s.query.to_params()), "count": s.count} for s in results.suggestions
        ],
    }


@api.get(
    "/",
    url_name="search",
    response={200: SearchOut, 400: ErrorOut, 503: ErrorOut},
    summary="Search the toolkit",
    description="OR within a facet, AND across facets. Each facet's counts apply every other selected "
    "filter but not its own. Unknown facet values are ignored and reported in `warnings`.",
)
def search(request: HttpRequest, params: Query[SearchParams]):
    query, errors = parse_search_query(request.GET)
    if errors:
        return Status(400, {"error": "Invalid parameters.", "errors": errors})
    try:
        results = run_search(query, fallback=False)
    except SearchUnavailable as exc:
        return Status(503, {"error": str(exc), "errors": {}})
    log_search(query, results.count)
    return Status(200, serialise(results))


@api.get("/suggest/", url_name="suggest", response=list[SuggestOut], summary="Title suggestions for the search box")
def suggest(request: HttpRequest, q: str = ""):
    query, _errors = parse_search_query(request.GET)
    return suggest_titles(query.q, limit=8)

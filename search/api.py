"""The JSON search API (/api/search/), built with django-ninja for its OpenAPI schema.

- ``GET /api/search/``: the search page's parameters, answered as JSON (see the README).
- ``GET /api/search/suggest/?q=``: up to 8 suggestions for the search box (terms, then titles).
- ``GET /api/search/openapi.json``: the schema; ``/api/search/docs`` renders it.

The parameters are the search page's own (``search.query.SearchParams``), validated once by
django-ninja, so both interfaces agree. Invalid parameters answer 400 with the search page's
message per field (never ninja's default 422); an engine outage answers 503 with a JSON error.
The response schemas below read the search service's result objects directly.
"""

from typing import Literal
from urllib.parse import urlencode

from django.http import HttpRequest
from ninja import Field, NinjaAPI, Query, Schema, Status
from ninja.errors import ValidationError

from .logging import log_search
from .query import SearchParams, error_messages
from .service import SearchUnavailable, autocomplete, run_search

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

    @staticmethod
    def resolve_agencies(hit):
        return [slug for slug, _name, _acronym in hit.agencies]

    @staticmethod
    def resolve_topics(hit):
        return [slug for slug, _name in hit.topics]

    @staticmethod
    def resolve_date(hit):
        return hit.date.isoformat() if hit.date else ""


class PromotionOut(Schema):
    title: str
    url: str
    description: str


class SuggestionOut(Schema):
    text: str
    params: str = Field(description="Query string of the suggested search")
    count: int

    @staticmethod
    def resolve_params(suggestion):
        return urlencode(suggestion.query.to_params())


class CorrectionOut(Schema):
    text: str = Field(description="The corrected words that were searched")
    original: str = Field(description="The words as typed")
    params: str = Field(description="Query string of the search for the words as typed")

    @staticmethod
    def resolve_original(correction):
        return correction.original.q

    @staticmethod
    def resolve_params(correction):
        return urlencode(correction.original.to_params())


class SearchOut(Schema):
    count: int
    page: int
    per_page: int
    num_pages: int
    warnings: list[str]
    notices: list[str]
    correction: CorrectionOut | None = Field(description="Set when misspelt words were corrected before searching")
    results: list[ResultOut]
    facets: FacetsOut
    promotions: list[PromotionOut]
    suggestions: list[SuggestionOut]

    @staticmethod
    def resolve_results(results):
        return results.hits


class ErrorOut(Schema):
    error: str
    errors: dict[str, str] = Field(default_factory=dict, description="One message per invalid parameter")


class SuggestOut(Schema):
    id: int | None = Field(description="Page id; null for a taxonomy term")
    title: str = Field(description="Page title or term name")
    url: str = Field(description="The page, or the search filtered by the term")
    kind: Literal["page", "topic", "agency", "life_event"]
    kind_label: str = Field(description='What the suggestion is, for people: "Tool", "Topic", "Agency"...')


@api.exception_handler(ValidationError)
def validation_error(request, exc):
    """Answer invalid parameters with 400 and one message per field."""
    names = []
    for error in exc.errors:
        location = [str(part) for part in error.get("loc", ()) if part not in ("query", "params")]
        names.append(location[0] if location else "request")
    body = ErrorOut(error="Invalid parameters.", errors=error_messages(names))
    return api.create_response(request, body.model_dump(), status=400)


@api.get(
    "/",
    url_name="search",
    response={200: SearchOut, 400: ErrorOut, 503: ErrorOut},
    summary="Search the toolkit",
    description="OR within a facet, AND across facets. Each facet's counts apply every other selected "
    "filter but not its own. Unknown facet values are ignored and reported in `warnings`.",
)
def search(request: HttpRequest, params: Query[SearchParams]):
    query = params.to_query()
    try:
        results = run_search(query, fallback=False)
    except SearchUnavailable as exc:
        return Status(503, ErrorOut(error=str(exc)))
    log_search(query, results.count)
    return Status(200, results)


@api.get(
    "/suggest/",
    url_name="suggest",
    response=list[SuggestOut],
    summary="Suggestions for the search box",
    description="Up to 4 topics, agencies or life events, then page titles: 8 in all.",
)
def suggest(request: HttpRequest, q: str = ""):
    return autocomplete(SearchParams(q=q).to_query().q, limit=8)

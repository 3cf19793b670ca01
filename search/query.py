"""The one validated search query, parsed the same way for the search page, the JSON API and feeds.

Stable entry points (other apps import them):

- ``search.query.parse_search_query(querydict) -> (SearchQuery, errors)``: read GET parameters.
  ``errors`` maps a parameter name to a message ("page", "per_page", "sort"); it is empty when the
  query is usable. Unknown facet values never raise: they are dropped and described in
  ``SearchQuery.warnings``.
- ``search.query.SearchParams``: the parameters and their limits (a pydantic model, which the JSON
  API declares as its query schema); ``SearchParams.to_query()`` gives the ``SearchQuery``.
- ``search.query.SearchQuery``: the frozen, validated query object.
- ``search.query.FACETS``: the facet names, in the order they are shown.

Facet values are public identifiers: content-type slugs (``case-study``, ``tool``,
``agency-example``), taxonomy slugs, government levels and publication years.
"""

import re
from dataclasses import dataclass, field, replace
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, Field, ValidationError

from kb.models import Agency, GovernmentLevel, LifeEvent, Topic, page_types

MAX_QUERY_LENGTH = 200
DEFAULT_PER_PAGE = 10
MAX_PER_PAGE = 50
MAX_PAGE = 10_000
# A facet with more values than this is someone fuzzing the form, not a member choosing filters.
MAX_VALUES_PER_FACET = 50

FACETS = ("type", "topic", "agency", "life_event", "level", "year")
SINGLE_VALUED = ("q", "sort", "page", "per_page", "verbatim")
FACET_LABELS = {
    "type": "Type",
    "topic": "Topic",
    "agency": "Agency",
    "life_event": "Life event",
    "level": "Level of government",
    "year": "Year published",
}

SORTS = {
    "relevance": "Best match",
    "newest": "Newest first",
    "oldest": "Oldest first",
    "title": "Title (A to Z)",
}

TAXONOMY_MODELS = {"topic": Topic, "agency": Agency, "life_event": LifeEvent}

# Control characters (NUL above all) are never meaningful in a search and PostgreSQL rejects NUL.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


def _text(raw):
    return CONTROL_CHARACTERS.sub(" ", str(raw or ""))


@dataclass(frozen=True)
class SearchQuery:
    """What a visitor asked for, already validated. Facet values are tuples of known values."""

    q: str = ""
    type: tuple = ()
    topic: tuple = ()
    agency: tuple = ()
    life_event: tuple = ()
    level: tuple = ()
    year: tuple = ()
    sort: str = ""
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE
    verbatim: bool = False  # search the words as typed: no spelling correction
    warnings: tuple = field(default=(), compare=False)

    @property
    def effective_sort(self):
        """Relevance only means something with search words; without them newest comes first."""
        if self.sort == "relevance" and not self.q:
            return "newest"
        return self.sort or ("relevance" if self.q else "newest")

    def selected(self, facet):
        return getattr(self, facet)

    @property
    def filters(self):
        """{facet: values} for the facets with a selection."""
        return {name: getattr(self, name) for name in FACETS if getattr(self, name)}

    @property
    def has_filters(self):
        return bool(self.filters)

    def without_filters(self):
        return replace(self, **dict.fromkeys(FACETS, ()), page=1)

    def to_params(self, **overrides):
        """The query as a list of (name, value) GET parameters, omitting defaults.

        ``overrides`` replace fields (e.g. ``page=2``); pass ``remove=("topic", "x")`` to drop one
        facet value (used by the "remove filter" chips).
        """
        remove = overrides.pop("remove", None)
        query = replace(self, **overrides) if overrides else self
        params = []
        if query.q:
            params.append(("q", query.q))
        for name in FACETS:
            for value in query.selected(name):
                if remove != (name, value):
                    params.append((name, value))
        if query.verbatim:
            params.append(("verbatim", "1"))
        if query.sort:
            params.append(("sort", query.sort))
        if query.per_page != DEFAULT_PER_PAGE:
            params.append(("per_page", str(query.per_page)))
        if query.page != 1:
            params.append(("page", str(query.page)))
        return params


def _clean_values(raw_values):
    """Trim, drop blanks and duplicates, keep the visitor's order, and cap the number of values."""
    seen = []
    for raw in raw_values:
        value = _text(raw).strip()[:100]
        if value and value not in seen:
            seen.append(value)
    return seen[:MAX_VALUES_PER_FACET]


def known_values(facet, candidates):
    """The subset of ``candidates`` that names a real value of ``facet`` (one query for taxonomies)."""
    if not candidates:
        return set()
    if facet == "type":
        return set(candidates) & set(page_types())
    if facet == "level":
        return {value for value in candidates if value in GovernmentLevel.values}
    if facet == "year":
        return {
            value
            for value in candidates
            if value.isascii() and value.isdigit() and len(value) == 4 and value[0] in "12"
        }
    model = TAXONOMY_MODELS[facet]
    return set(model.objects.filter(slug__in=candidates).values_list("slug", flat=True))


def _whole_number(raw):
    """Plain digits only: int() would also take "1_0", "+1" or other scripts' digits."""
    if isinstance(raw, str):
        if not re.fullmatch(r"[0-9]{1,9}", raw.strip()):
            raise ValueError("not a whole number")
        return int(raw.strip())
    return raw


def _blank_is_none(raw):
    if isinstance(raw, str):
        return raw.strip() or None
    return raw


WholeNumber = Annotated[int, BeforeValidator(_whole_number)]


class SearchParams(BaseModel):
    """The search parameters and their limits: the one validation behind the page, the API (whose
    OpenAPI schema is generated from this model) and feeds. What a parameter *means* (known facet
    values, trimming) is decided afterwards by ``to_query``."""

    q: str = Field("", description=f"Free text; cut to {MAX_QUERY_LENGTH} characters")
    type: list[str] = Field([], description="case-study, tool or agency-example; repeat for several")
    topic: list[str] = Field([], description="Topic slugs")
    agency: list[str] = Field([], description="Agency slugs")
    life_event: list[str] = Field([], description="Life event slugs")
    level: list[str] = Field([], description="Levels of government: federal, state, local, tribal, territorial")
    year: list[str] = Field([], description="Publication years, e.g. 2024")
    sort: Annotated[Literal[tuple(SORTS)] | None, BeforeValidator(_blank_is_none)] = None
    page: WholeNumber = Field(1, ge=1, le=MAX_PAGE)
    per_page: WholeNumber = Field(DEFAULT_PER_PAGE, ge=1, le=MAX_PER_PAGE)
    verbatim: bool = Field(False, description="Search the words exactly as typed, with no spelling correction")

    def to_query(self):
        """The ``SearchQuery`` these parameters ask for; unknown facet values become warnings."""
        warnings = []
        q = " ".join(_text(self.q).split())
        if len(q) > MAX_QUERY_LENGTH:
            q = q[:MAX_QUERY_LENGTH].rstrip()
            warnings.append(f"Your search was shortened to its first {MAX_QUERY_LENGTH} characters.")
        facets = {}
        for name in FACETS:
            candidates = _clean_values(getattr(self, name))
            known = known_values(name, candidates)
            unknown = [value for value in candidates if value not in known]
            if unknown:
                warnings.append(f"Ignored unknown {FACET_LABELS[name].lower()} filter: {', '.join(unknown)}.")
            facets[name] = tuple(value for value in candidates if value in known)
        return SearchQuery(
            q=q,
            sort=self.sort or "",
            page=self.page,
            per_page=self.per_page,
            verbatim=self.verbatim,
            warnings=tuple(warnings),
            **facets,
        )


# What a visitor reads when a parameter is invalid, on the page and in the API alike.
ERROR_MESSAGES = {
    "sort": f"Choose a sort order from: {', '.join(SORTS)}.",
    "page": f"Page must be a whole number from 1 to {MAX_PAGE}.",
    "per_page": f"Results per page must be a whole number from 1 to {MAX_PER_PAGE}.",
}


def error_messages(parameters):
    """{parameter: message} for the names of the invalid parameters."""
    return {name: ERROR_MESSAGES.get(name, "Invalid value.") for name in parameters}


def parse_search_query(querydict):
    """Read a QueryDict (request.GET) into ``(SearchQuery, errors)``. Never raises on visitor input:
    an invalid parameter is reported in ``errors`` and left at its default, so the query stays usable."""
    raw = {name: querydict.getlist(name) for name in FACETS}
    raw.update((name, querydict[name]) for name in SINGLE_VALUED if name in querydict)
    try:
        return SearchParams.model_validate(raw).to_query(), {}
    except ValidationError as exc:
        errors = error_messages(str(error["loc"][0]) for error in exc.errors())
    valid = {name: value for name, value in raw.items() if name not in errors}
    return SearchParams.model_validate(valid).to_query(), errors

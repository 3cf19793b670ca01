"""The one validated search query, parsed the same way for the search page, the JSON API and feeds.

Stable entry points (other apps import them):

- ``search.query.parse_search_query(querydict) -> (SearchQuery, errors)``: read GET parameters.
  ``errors`` maps a parameter name to a message ("page", "per_page", "sort"); it is empty when the
  query is usable. Unknown facet values never raise: they are dropped and described in
  ``SearchQuery.warnings``.
- ``search.query.SearchQuery``: the frozen, validated query object.
- ``search.query.FACETS``: the facet names, in the order they are shown.

Facet values are public identifiers: content-type slugs (``case-study``, ``tool``,
``agency-example``), taxonomy slugs, government levels and publication years.
"""

import re
from dataclasses import dataclass, field, replace

from kb.models import Agency, GovernmentLevel, LifeEvent, Topic, page_types

MAX_QUERY_LENGTH = 200
DEFAULT_PER_PAGE = 10
MAX_PER_PAGE = 50
MAX_PAGE = 10_000
# A facet with more values than this is someone fuzzing the form, not a member choosing filters.
MAX_VALUES_PER_FACET = 50

FACETS = ("type", "topic", "agency", "life_event", "level", "year")
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
        if query.sort:
            params.append(("sort", query.sort))
        if query.per_page != DEFAULT_PER_PAGE:
            params.append(("per_page", str(query.per_page)))
        if query.page != 1:
            params.append(("page", str(query.page)))
        return params


def _positive_int(raw, name, minimum, maximum, default, errors, message):
    if raw is None:
        return default
    text = _text(raw).strip()
    if not re.fullmatch(r"[0-9]{1,9}", text):
        errors[name] = message
        return default
    value = int(text)
    if not minimum <= value <= maximum:
        errors[name] = message
        return default
    return value


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
        return {value for value in candidates if value.isdigit() and len(value) == 4 and value[0] in "12"}
    model = TAXONOMY_MODELS[facet]
    return set(model.objects.filter(slug__in=candidates).values_list("slug", flat=True))


def parse_search_query(querydict):
    """Read a QueryDict (request.GET) into ``(SearchQuery, errors)``. Never raises on visitor input."""
    errors = {}
    warnings = []

    q = " ".join(_text(querydict.get("q")).split())
    if len(q) > MAX_QUERY_LENGTH:
        q = q[:MAX_QUERY_LENGTH].rstrip()
        warnings.append(f"Your search was shortened to its first {MAX_QUERY_LENGTH} characters.")

    facets = {}
    for name in FACETS:
        candidates = _clean_values(querydict.getlist(name))
        known = known_values(name, candidates)
        unknown = [value for value in candidates if value not in known]
        if unknown:
            warnings.append(f"Ignored unknown {FACET_LABELS[name].lower()} filter: {', '.join(unknown)}.")
        facets[name] = tuple(value for value in candidates if value in known)

    sort = _text(querydict.get("sort")).strip()
    if sort and sort not in SORTS:
        errors["sort"] = f"Choose a sort order from: {', '.join(SORTS)}."
        sort = ""

    page = _positive_int(
        querydict.get("page"), "page", 1, MAX_PAGE, 1, errors, f"Page must be a whole number from 1 to {MAX_PAGE}."
    )
    per_page = _positive_int(
        querydict.get("per_page"),
        "per_page",
        1,
        MAX_PER_PAGE,
        DEFAULT_PER_PAGE,
        errors,
        f"Results per page must be a whole number from 1 to {MAX_PER_PAGE}.",
    )

    query = SearchQuery(q=q, sort=sort, page=page, per_page=per_page, warnings=tuple(warnings), **facets)
    return query, errors

"""The search service: the one entry point the search page, the JSON API and feeds call.

Stable entry points (other apps import them):

- ``search.service.run_search(query) -> SearchResults``: run a ``search.query.SearchQuery`` on the
  configured engine, falling back to the database engine (with a notice) when it does not answer.
  Raises ``SearchUnavailable`` only when ``fallback=False`` is passed and the engine is down.
- ``search.service.autocomplete(prefix, limit=8) -> [{"id", "title", "url", "kind", "kind_label"}]``:
  the autocomplete's taxonomy terms and page titles (``suggest_terms`` and ``suggest_titles``).
- ``search.service.get_engine()``: the configured engine object (``ping()`` for health checks).
- ``SearchResults``: ``hits`` (list of ``Hit``), ``count``, ``page``, ``per_page``, ``num_pages``,
  ``facets`` ({facet: [FacetValue]}), ``warnings``, ``notices``, ``suggestions``, ``promotions``,
  ``correction`` (a ``Correction`` when misspelt words were corrected, else None), ``engine``
  (name of the engine that answered).

Before any engine sees them, the words are understood (``search.understanding``: spelling
corrected, glossary synonyms added); when fewer than a page of results has every word, the pages
with most of them follow, with a notice saying so (``matched``); with semantic search on, the
pages closest in meaning join them and both rankings are fused (``ask``).

Only live, public, unexpired pages are ever returned or counted, whichever engine answers.
"""

import difflib
import logging
import math
from collections import defaultdict
from dataclasses import dataclass, field, replace
from itertools import islice
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import reverse
from django.utils.functional import cached_property

from kb.models import GovernmentLevel, KnowledgePage, page_types

from . import semantic
from .engines.base import EngineUnavailable, content_words, search_terms, words_of_concepts
from .engines.database import DatabaseEngine
from .engines.facet_index import current_index, one_reading
from .engines.snippets import page_snippets
from .query import FACET_LABELS, FACETS, TAXONOMY_MODELS, SearchQuery
from .understanding import understand

logger = logging.getLogger(__name__)

ENGINE_DOWN_NOTICE = (
    "The main search engine is not answering, so these results come from a simpler backup search. "
    "They may be ordered differently."
)
RELAXED_NOTICE = "No page has all your words; showing pages with most of them."
FEW_NOTICE = "Few pages have all your words; after them come pages with most of them."
# A search of this many concepts or more is a sentence describing a problem: when fewer than
# RELAX_BELOW pages have every concept, the pages with most of them follow. A shorter search is
# relaxed only when no page has every word, so that a precise keyword search stays precise.
SENTENCE_CONCEPTS = 4
RELAX_BELOW = 10


class SearchUnavailable(Exception):
    """The configured engine did not answer and the caller asked for no fallback."""


@dataclass
class Hit:
    id: int
    title: str
    url: str
    type: str
    type_label: str
    summary: str
    agencies: list  # [(slug, name, acronym)]
    topics: list  # [(slug, name)]
    date: object
    highlight: str = ""  # HTML (escaped text with <mark>), or ""


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Suggestion:
    """A way out of an empty result: a corrected spelling or the same words without filters."""

    text: str
    query: SearchQuery
    count: int = 0


@dataclass
class Correction:
    """Misspelt words were corrected before searching: what was searched, and the way back."""

    text: str  # the corrected words that were searched
    original: SearchQuery  # the visitor's search, to be run as typed


@dataclass
class SearchResults:
    query: SearchQuery
    hits: list
    count: int
    facets: dict
    engine: str
    warnings: list = field(default_factory=list)
    notices: list = field(default_factory=list)
    suggestions: list = field(default_factory=list)
    promotions: list = field(default_factory=list)
    correction: Correction | None = None

    @property
    def page(self):
        return self.query.page

    @property
    def per_page(self):
        return self.query.per_page

    @cached_property
    def num_pages(self):
        return max(1, math.ceil(self.count / self.per_page))


def configured_engine_name():
    """ "database", "elasticsearch" or "opensearch", from the default WAGTAILSEARCH_BACKENDS entry."""
    backend = settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"].lower()
    if "opensearch" in backend:
        return "opensearch"
    if "elasticsearch" in backend:
        return "elasticsearch"
    return "database"


def get_engine():
    if configured_engine_name() == "database":
        return DatabaseEngine()
    from .engines.elasticsearch import ElasticsearchEngine

    return ElasticsearchEngine()


@one_reading()
def run_search(query, fallback=True):
    """Answer ``query`` with a ``SearchResults``; see the module docstring."""
    notices = []
    understood = understand(query)
    engine = get_engine()
    try:
        result, relaxed = ask(engine, query, understood)
    except EngineUnavailable:
        if not fallback or engine.name == "database":
            raise SearchUnavailable(f"The {engine.name} search engine is not answering.") from None
        logger.warning("Search engine %s is not answering; using the database engine", engine.name, exc_info=True)
        engine = DatabaseEngine()
        result, relaxed = ask(engine, query, understood)
        notices.append(ENGINE_DOWN_NOTICE)
    if relaxed:
        notices.append(relaxed)

    results = SearchResults(
        query=query,
        hits=build_hits(result.ids, result.highlights),
        count=result.count,
        facets=build_facets(query, result.facets, result.labels),
        engine=engine.name,
        warnings=list(query.warnings),
        notices=notices,
    )
    if understood.corrected:
        results.correction = Correction(text=understood.corrected, original=replace(query, verbatim=True, page=1))
    if query.q and query.page == 1:
        results.promotions = promoted_pages(query.q)
    if result.count == 0:
        results.suggestions = suggest_alternatives(query, engine)
    return results


def ask(engine, query, understood):
    """``(result, notice)``: the engine's answer to the understood words (``matched``); with
    semantic search on, and the page asked for within the fused depth, fused with the pages
    closest in meaning (``search.semantic``).

    Pages found by meaning join the results (and their counts and facets) only when the words
    alone may not answer: a sentence describing a problem, or a search with fewer than a page of
    word matches, as for relaxed matching. A short search with enough word matches is only
    re-ranked, so a precise keyword search stays precise.
    """
    start = (query.page - 1) * query.per_page
    fusing = (
        query.q
        and query.effective_sort == "relevance"
        and start + query.per_page <= semantic.FUSION_DEPTH
        and semantic.enabled()
    )
    if not fusing:
        return matched(engine, query, understood.concepts)
    deep = replace(query, page=1, per_page=semantic.FUSION_DEPTH)
    result, notice = matched(engine, deep, understood.concepts, snippets=False)
    ranked = semantic.ranking(understood.corrected or query.q, query.filters)
    neighbours = []
    if len(understood.concepts) >= SENTENCE_CONCEPTS or result.count < RELAX_BELOW:
        neighbours = semantic.nearest(ranked)
        if set(neighbours) - set(result.ids):
            result = engine.search(deep, understood.concepts, relaxed=bool(notice), also=neighbours, snippets=False)
    # A page with only some of the words is weaker evidence than one with all of them, and the words
    # of a sentence (a need in the searcher's own words) than its meaning.
    weight = semantic.RELAXED_WORDS_WEIGHT if notice else 1.0
    if len(understood.concepts) >= SENTENCE_CONCEPTS:
        weight = min(weight, semantic.SENTENCE_WORDS_WEIGHT)
    ids = semantic.fuse(result.ids, ranked, neighbours, weight)[start : start + query.per_page]
    highlights = page_snippets(content_words(words_of_concepts(understood.concepts)), ids)
    return replace(result, ids=ids, highlights=highlights), notice


def matched(engine, query, concepts, snippets=True):
    """``(result, notice)``: the pages with every concept, then, when there are none (or, for a
    sentence, fewer than a page of results), the pages with most of them (``notice`` then says so;
    it is "" otherwise).

    Relaxing only then keeps today's precise answers for keyword searches, while a member who
    describes a problem in a sentence never gets nothing, or a stray page or two, because one of
    its words is missing. The counts and facets are those of the results shown, whichever they are.
    """
    result = engine.search(query, concepts, snippets=snippets)
    enough = RELAX_BELOW if len(concepts) >= SENTENCE_CONCEPTS else 1
    if result.count >= enough or len(concepts) < 2 or not settings.SEARCH_RELAXED_MATCHING:
        return result, ""
    relaxed = engine.search(query, concepts, relaxed=True, snippets=snippets)
    if relaxed.count <= result.count:
        return result, ""
    return relaxed, FEW_NOTICE if result.count else RELAXED_NOTICE


# What a result card shows of a page, and what its URL and type are worked out from.
CARD_FIELDS = ("title", "url_path", "content_type_id", "summary", "publication_date")


def build_hits(ids, highlights):
    """Page objects for ``ids``, in that order, with their taxonomy: four queries for any page size.

    The pages are read through the visibility rules once more, so whatever an engine's index says,
    a page the public may not see is never shown. Only the columns a result card shows are read
    (``CARD_FIELDS``), and the taxonomy comes as plain rows, which costs a fraction of prefetching
    model instances.
    """
    by_id = {page.pk: page for page in KnowledgePage.objects.visible().filter(pk__in=ids).only(*CARD_FIELDS)}
    agencies, topics = defaultdict(list), defaultdict(list)
    for page_id, *agency in (
        KnowledgePage.agencies.through.objects.filter(knowledgepage_id__in=by_id)
        .order_by("agency__name")
        .values_list("knowledgepage_id", "agency__slug", "agency__name", "agency__acronym")
    ):
        agencies[page_id].append(tuple(agency))
    for page_id, *topic in (
        KnowledgePage.topics.through.objects.filter(knowledgepage_id__in=by_id)
        .order_by("topic__name")
        .values_list("knowledgepage_id", "topic__slug", "topic__name")
    ):
        topics[page_id].append(tuple(topic))
    hits = []
    for pk in ids:
        page = by_id.get(pk)
        if page is None:  # deleted, unpublished or restricted since the engine's index was written
            continue
        page_class = ContentType.objects.get_for_id(page.content_type_id).model_class()
        hits.append(
            Hit(
                id=page.pk,
                title=page.title,
                url=page.get_url() or "",
                type=page_class.type_slug,
                type_label=page_class.type_label(),
                summary=page.summary,
                agencies=agencies[pk],
                topics=topics[pk],
                date=page.publication_date,
                highlight=highlights.get(pk, ""),
            )
        )
    return hits


def facet_labels(facet, values, known=None):
    """{value: label} for the values of one facet; ``known`` holds taxonomy labels already read."""
    if facet == "type":
        return {slug: model.type_label() for slug, model in page_types().items()}
    if facet == "level":
        return dict(GovernmentLevel.choices)
    if facet == "year":
        return {value: value for value in values}
    if known is not None:
        return known
    model = TAXONOMY_MODELS[facet]
    return {term.slug: str(term) for term in model.objects.filter(slug__in=values)}


def build_facets(query, counts, known_labels=None):
    """Every value with a count, plus every selected value (even at 0), each with its label."""
    known_labels = known_labels or {}
    facets = {}
    for facet in FACETS:
        facet_counts = dict(counts.get(facet, {}))
        selected = query.selected(facet)
        for value in selected:
            facet_counts.setdefault(value, 0)
        values = [value for value, count in facet_counts.items() if count or value in selected]
        labels = facet_labels(facet, values, known_labels.get(facet))
        items = [
            FacetValue(
                value=value, label=labels.get(value, value), count=facet_counts[value], selected=value in selected
            )
            for value in values
        ]
        if facet == "type":
            order = list(page_types())
            items.sort(key=lambda item: order.index(item.value) if item.value in order else len(order))
        elif facet == "level":
            order = list(GovernmentLevel.values)
            items.sort(key=lambda item: order.index(item.value) if item.value in order else len(order))
        elif facet == "year":
            items.sort(key=lambda item: item.value, reverse=True)
        else:
            items.sort(key=lambda item: (-item.count, item.label.lower()))
        facets[facet] = items
    return facets


def promoted_pages(text):
    """Pages editors promoted for exactly this search (wagtail.contrib.search_promotions), if public."""
    from wagtail.contrib.search_promotions.models import SearchPromotion
    from wagtail.search.utils import normalise_query_string

    # Read-only: Wagtail's Query.get() would store every distinct search anyone types.
    try:
        promotions = list(
            SearchPromotion.objects.filter(query__query_string=normalise_query_string(text))
            .select_related("page")
            .order_by("sort_order")
        )
    except Exception:  # a promotions lookup must never break search
        logger.exception("Could not read search promotions")
        return []
    promoted_ids = [promotion.page_id for promotion in promotions if promotion.page_id]
    visible = (
        set(KnowledgePage.objects.visible().filter(pk__in=promoted_ids).values_list("pk", flat=True))
        if promoted_ids
        else set()
    )
    picks = []
    for promotion in promotions:
        if promotion.page_id in visible:
            picks.append(
                {
                    "title": promotion.page.title,
                    "url": promotion.page.get_url() or "",
                    "description": promotion.description,
                }
            )
        elif not promotion.page_id and getattr(promotion, "external_link_url", ""):
            picks.append(
                {
                    "title": promotion.external_link_text or promotion.external_link_url,
                    "url": promotion.external_link_url,
                    "description": promotion.description,
                }
            )
    return picks


def suggest_alternatives(query, engine):
    """For a search that found nothing: a spelling correction and/or the same words without filters."""
    suggestions = []
    if query.q:
        words = engine.vocabulary()
        corrected, changed = [], False
        for term in search_terms(query.q):
            lower = term.lower()
            if lower in words or len(lower) < 3:
                corrected.append(term)
                continue
            match = difflib.get_close_matches(lower, words, n=1, cutoff=0.75)
            corrected.append(match[0] if match else term)
            changed = changed or bool(match)
        if changed:
            alternative = SearchQuery(q=" ".join(corrected), **query.filters)
            count = engine.count(alternative)
            if count:
                suggestions.append(Suggestion(text=f"Did you mean “{alternative.q}”?", query=alternative, count=count))
    if query.has_filters:
        broader = query.without_filters()
        count = engine.count(broader)
        if count:
            label = f"“{query.q}” without filters" if query.q else "everything, without filters"
            suggestions.append(Suggestion(text=f"Search {label}", query=broader, count=count))
    return suggestions


def suggest_titles(prefix, limit=8):
    """Titles for the search box's autocomplete, best first:
    [{"id", "title", "url", "kind": "page", "kind_label"}]; kind_label is the page type ("Tool")."""
    engine = get_engine()
    try:
        rows = engine.suggest(prefix, limit=limit)
    except EngineUnavailable:
        rows = DatabaseEngine().suggest(prefix, limit=limit)
    found = KnowledgePage.objects.visible().filter(pk__in=[pk for pk, _ in rows]).only("url_path", "content_type_id")
    pages = {page.pk: page for page in found}
    return [
        {
            "id": pk,
            "title": title,
            "url": pages[pk].get_url() or "",
            "kind": "page",
            "kind_label": ContentType.objects.get_for_id(pages[pk].content_type_id).model_class().type_label(),
        }
        for pk, title in rows
        if pk in pages
    ]


def suggest_terms(prefix, limit=4):
    """Topics, agencies and life events for the autocomplete: those with a word of their name (or
    the agency's acronym) starting with what was typed, and at least one public page, so choosing
    one never opens an empty search. [{"id": None, "title", "url", "kind", "kind_label"}].

    Which terms have a public page comes from the facet index (a count per term, in memory): asking
    the database joins every term to every public page at each keystroke, 50 ms at 100,000 pages.
    The terms' own tables are small; matching their names stays in SQL."""
    words = search_terms(prefix)
    if not words:
        return []
    typed = " ".join(words)
    index = current_index()
    public = index.visible()
    terms = []
    for facet, model in TAXONOMY_MODELS.items():
        with_pages = index.counts(facet, public)
        matches = Q(name__istartswith=typed) | Q(name__icontains=f" {typed}")
        if facet == "agency":
            matches |= Q(acronym__istartswith=typed)
        found = (term for term in model.objects.filter(matches).order_by("name") if term.slug in with_pages)
        for term in islice(found, limit):
            terms.append(
                {
                    "id": None,
                    "title": str(term),
                    "url": reverse("search") + "?" + urlencode({facet: term.slug}),
                    "kind": facet,
                    "kind_label": FACET_LABELS[facet],
                }
            )
    terms.sort(key=lambda term: (not term["title"].lower().startswith(typed.lower()), term["title"].lower()))
    return terms[:limit]


@one_reading()
def autocomplete(prefix, limit=8):
    """The search box's autocomplete: matching taxonomy terms (which open the filtered search), then
    page titles (which open the page)."""
    terms = suggest_terms(prefix, limit=min(4, limit))
    return terms + suggest_titles(prefix, limit=limit - len(terms))

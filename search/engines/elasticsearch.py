"""Elasticsearch 8/9 and OpenSearch 2/3: Wagtail's maintained backends, extended for faceting.

Wagtail's backends (the ``modelsearch`` package) index, update and delete documents and rebuild
indexes atomically behind an alias; this module keeps all of that. They fall short for faceting:
``.facet()`` returns 10 buckets, cannot count a facet without its own selection, and indexes
many-to-many taxonomies as nested objects. So:

- ``FacetMappingMixin`` adds flat fields to each toolkit page's document (``kb_*``: type, taxonomy
  slugs, levels, year, dates, an English-analysed title and text);
- ``build_search_body`` sends one request per search: the text query and visibility rules in
  ``query``, the selections in ``post_filter``, and one filtered ``terms`` aggregation per facet that
  applies every selection but its own (disjunctive counts, up to ``MAX_BUCKETS`` values).

Settings name a backend class of this module, e.g. ``search.engines.elasticsearch.Elasticsearch9``
(``Elasticsearch8``, ``Opensearch2``, ``Opensearch3``; OpenSearch needs ``opensearch-py``).
"""

import logging
import time

from django.utils import timezone
from modelsearch import index
from modelsearch.backends import get_search_backend
from modelsearch.backends.elasticsearchbase import ElasticsearchAtomicIndexRebuilder
from modelsearch.index import class_is_indexed
from wagtail.models import PageViewRestriction

from kb.models import KnowledgePage

from ..query import FACETS
from .base import (
    EngineResult,
    EngineUnavailable,
    content_words,
    plain_concepts,
    required_coverage,
    search_terms,
    vocabulary_from_database,
)
from .snippets import page_snippets

logger = logging.getLogger(__name__)

MAX_BUCKETS = 1000
# How long a write to Elasticsearch/OpenSearch may take: a bulk request (a chunk of pages,
# ``BulkIndexMixin``) or a rebuild's requests (``rebuild_search_index``). Writing a chunk of pages, or
# making a whole new index searchable, takes the server seconds where a search takes milliseconds:
# at 10,000 pages a rebuild's final refresh took 4-12 s here, past SEARCH_TIMEOUT's default of 5 s,
# which is meant to keep a page from waiting on a server that has stopped answering.
WRITE_TIMEOUT = 120
TITLE_BOOST = 5
TITLE_MATCH_BOOST = 1000
EVERY_WORD_BOOST = 10 * TITLE_MATCH_BOOST
TEXT_FIELDS = [f"kb_title^{TITLE_BOOST}", "kb_text"]
FACET_FIELDS = {
    "type": "kb_type",
    "topic": "kb_topics",
    "agency": "kb_agencies",
    "life_event": "kb_life_events",
    "level": "kb_levels",
    "year": "kb_year",
}
SORTS = {
    "relevance": ["_score", {"kb_date": "desc"}, {"kb_id": "desc"}],
    "newest": [{"kb_date": "desc"}, {"kb_id": "desc"}],
    "oldest": [{"kb_date": "asc"}, {"kb_id": "asc"}],
    "title": [{"kb_title_sort": "asc"}, {"kb_id": "asc"}],
}
KB_MAPPING = {
    "kb_id": {"type": "long"},
    "kb_type": {"type": "keyword"},
    "kb_topics": {"type": "keyword"},
    "kb_agencies": {"type": "keyword"},
    "kb_life_events": {"type": "keyword"},
    "kb_levels": {"type": "keyword"},
    "kb_year": {"type": "keyword"},
    "kb_date": {"type": "date"},
    "kb_expire_at": {"type": "date"},
    "kb_title": {"type": "text", "analyzer": "english"},
    "kb_title_sort": {"type": "keyword"},
    "kb_text": {"type": "text", "analyzer": "english"},
}


# Documents ---------------------------------------------------------------------------------


def document_text(mapping, document):
    """The searchable text of a page besides its title (summary, body blocks, metrics, taxonomy),
    read back from the ``document`` modelsearch built with ``mapping``.

    modelsearch has already rendered every search field into the document (a StreamField's
    searchable content means parsing the HTML of each rich text block), so reading the values back
    costs nothing; walking the fields again would render them all a second time and, for a page
    whose taxonomy is not in memory, query each vocabulary again.
    """
    return "\n".join(_field_texts(mapping, mapping.model.get_search_fields(), document))


def _field_texts(mapping, fields, document):
    for field in fields:
        value = document.get(mapping.get_field_column_name(field))
        if isinstance(field, index.RelatedFields):
            nested_mapping = type(mapping)(field.get_field(mapping.model).related_model)
            for nested in value if isinstance(value, list) else [value] if value else []:
                yield from _field_texts(nested_mapping, field.fields, nested)
        elif isinstance(field, index.SearchField) and field.field_name != "title":
            if isinstance(value, list | tuple):
                yield from (str(item) for item in value if item)
            elif value:
                yield str(value)


def facet_document(page, text):
    """The ``kb_*`` fields of a toolkit page's document, ``text`` being its ``document_text``."""
    agencies = list(page.agencies.all())
    return {
        "kb_id": page.pk,
        "kb_type": page.type_slug,
        "kb_topics": [topic.slug for topic in page.topics.all()],
        "kb_agencies": [agency.slug for agency in agencies],
        "kb_life_events": [event.slug for event in page.life_events.all()],
        "kb_levels": sorted({agency.level for agency in agencies}),
        "kb_year": str(page.publication_date.year) if page.publication_date else None,
        "kb_date": page.publication_date.isoformat() if page.publication_date else None,
        "kb_expire_at": page.expire_at.isoformat() if page.expire_at else None,
        "kb_title": page.title,
        "kb_title_sort": page.title.lower(),
        "kb_text": text,
    }


class FacetMappingMixin:
    """Adds the ``kb_*`` fields to the mapping and documents of toolkit pages."""

    # {(model, search field): its name in documents}. modelsearch works the name out again for
    # every field of every document, walking the model's ancestry each time: a tenth of the time
    # spent building documents.
    column_names = {}

    def get_field_column_name(self, field):
        key = (self.model, field)
        if key not in self.column_names:
            self.column_names[key] = super().get_field_column_name(field)
        return self.column_names[key]

    def get_mapping(self):
        mapping = super().get_mapping()
        if issubclass(self.model, KnowledgePage):
            mapping["properties"].update(KB_MAPPING)
        return mapping

    def _get_document_field_data(self, field, obj):
        # modelsearch reads a many-to-many filter field with values_list(): one query per document,
        # even when a rebuild has read the related objects of the whole chunk already.
        if isinstance(field, index.FilterField) and field.field_name in getattr(obj, "_prefetched_objects_cache", {}):
            return self.get_field_column_name(field), [item.pk for item in field.get_value(obj)], []
        return super()._get_document_field_data(field, obj)

    def get_document(self, obj):
        document = super().get_document(obj)
        if isinstance(obj, KnowledgePage):
            document.update(facet_document(obj, document_text(self, document)))
        return document


class ProvisioningIndexMixin:
    """Creates a missing index, with every mapping, before the first document is written to it.

    OpenSearch and Elasticsearch create an unknown index on the first write and guess its mapping
    from that one document: ``kb_type`` becomes a text field and every facet request then fails
    until someone runs ``rebuild_search_index``. A site whose index was never built, or was deleted,
    would otherwise break on its first publish. One request creates the index with its settings and
    the mappings of all models it holds, so a concurrent first write can never see it half made.

    Each write asks first whether the index exists (one HEAD request), except through an index
    object that has created its index itself: a rebuild's new index, written a chunk at a time.
    That memo lives as long as the index object (one rebuild, one write), never the process, so
    an index deleted behind the site's back is still re-created on the next publish.
    """

    created = False

    def put(self):
        super().put()
        self.created = True

    def add_item(self, item):
        self.ensure_exists()
        super().add_item(item)

    def ensure_exists(self, client=None, timeout=None):
        """``client`` and ``timeout``: a bulk write's own (``BulkIndexMixin``), else the backend's."""
        client, timeout = client or self.es, timeout or {}
        if self.created or client.indices.exists(index=self.name, **timeout):
            return
        from modelsearch.index import get_indexed_models

        properties = {}
        for model in get_indexed_models():
            if self.backend.get_index_for_model(model).name == self.name:
                properties.update(self.mapping_class(model).get_mapping()["properties"])
        body = {**self.backend.settings, "mappings": {"properties": properties}}
        try:
            client.indices.create(index=self.name, **request_body(client, body), **timeout)
        except Exception as error:  # each client library raises its own RequestError class
            if "resource_already_exists" not in str(error):
                raise
        logger.warning("Search index %s was missing: created it with its mappings.", self.name)


class BulkIndexMixin:
    """Writes documents a chunk per bulk request, with the documents built apart from the request.

    ``prepare_items`` is all the Python work of a chunk (its documents, from pages whose related
    objects are already in memory: ``search.indexing.preload_relations``) and ``write_prepared``
    the one request, so ``rebuild_search_index`` builds the next chunk in a second thread while
    the node indexes this one, as it does for the database engine (``database_index``).

    A bulk request waits up to ``WRITE_TIMEOUT``, not the backend's TIMEOUT (``SEARCH_TIMEOUT``, 5 s
    by default), which is meant for searches: renaming a term re-indexes every page carrying it, and
    hundreds of pages can take a server longer than a search may wait. A write that fails anyway is
    logged and the editor's change stands (``search.indexing.reindex_pages``), but the pages it
    did not write stay as they were until ``rebuild_search_index``.
    """

    def add_items(self, model, items):
        self.write_prepared(self.prepare_items(model, items))

    def prepare_items(self, model, objs):
        """The bulk actions indexing ``objs`` (modelsearch's ``add_items`` builds the same)."""
        if not class_is_indexed(model):
            return []
        mapping = self.mapping_class(model)
        return [{"_id": mapping.get_document_id(obj), **mapping.get_document(obj)} for obj in objs]

    def write_prepared(self, actions):
        """Send ``actions`` in one bulk request (the client's helper would split them every 500)."""
        if actions:
            client, timeout = with_timeout(self.es, max(WRITE_TIMEOUT, self.backend.timeout))
            self.ensure_exists(client, timeout)
            self.backend.bulk(client, actions, index=self.name, chunk_size=len(actions), **timeout)


# A rebuild's new index, while it is loaded (OpenSearch's and Elasticsearch's advice for a bulk load
# into an index nobody searches yet): no periodic refresh, since nothing searches it before the swap,
# and no replicas, so each document is analysed and written once rather than once per copy; the
# replicas then copy the finished primary's files. One node has no replica to drop.
BULK_LOAD_SETTINGS = {"refresh_interval": "-1", "number_of_replicas": 0}


class SwapAliasRebuilder(ElasticsearchAtomicIndexRebuilder):
    """Wagtail's zero-downtime rebuild, with the switch made in one step.

    modelsearch points the alias at the new index and deletes the old one in separate requests, so
    for a moment the alias covers both (every page counted twice); on the first rebuild it deletes
    the concrete index before the alias exists (searches fail). Here one ``_aliases`` request moves
    the alias, or replaces the concrete index by it: each search sees the old index or the new one,
    never both and never neither. The old index goes only after searches already running on it
    have had time to finish. (The very first rebuild, over an index created without an alias, has
    no such grace: a search running at the instant that index is replaced can fail once.)

    The new index is loaded with ``BULK_LOAD_SETTINGS`` and gets the settings it was created with
    back before the swap. ``finish`` is ``switch`` then ``retire``; ``rebuild_search_index`` switches
    each index as it is loaded and retires the old ones together at the end, so the grace period is
    paid once per rebuild, not once per index (Wagtail's pages, images and documents each have one).
    A rebuild that fails before the alias moved is ``abort``-ed: its new index is deleted.
    """

    old_index_grace_seconds = 2

    def start(self):
        index = super().start()
        self.created_settings = current_settings(index, BULK_LOAD_SETTINGS)
        update_settings(index, BULK_LOAD_SETTINGS)
        return index

    def finish(self):
        self.switch()
        self.retire()

    def switch(self):
        """Restore the new index's own settings, make its documents searchable and put it behind the alias."""
        update_settings(self.index, self.created_settings)
        self.index.refresh()
        name, new_index = self.alias.name, self.index.name
        self.old_indexes = []
        actions = [{"add": {"index": new_index, "alias": name}}]
        if self.alias.is_alias():
            self.old_indexes = [index.name for index in self.alias.aliased_indices() if index.name != new_index]
            actions += [{"remove": {"index": old, "alias": name}} for old in self.old_indexes]
        elif self.alias.exists():
            actions.append({"remove_index": {"index": name}})
        update_aliases(self.index.es, actions)
        self.switched_at = time.monotonic()

    def retire(self):
        """Delete the indexes the alias pointed at before ``switch``, once the grace period since it is over."""
        if self.old_indexes:
            time.sleep(max(0.0, self.switched_at + self.old_index_grace_seconds - time.monotonic()))
            for old in self.old_indexes:
                self.index.es.indices.delete(index=old)

    def abort(self):
        """Delete the new index of a rebuild that failed, unless the alias already points at it (a
        ``switch`` whose answer was lost on the way back)."""
        if self.alias.is_alias() and self.index.name in {index.name for index in self.alias.aliased_indices()}:
            return
        self.index.delete()


def request_body(client, body):
    """Keyword arguments that send ``body`` with ``client``: opensearch-py takes a request body whole,
    the Elasticsearch 8/9 client takes its parts as keywords."""
    if type(client).__module__.startswith("opensearchpy"):
        return {"body": body}
    return body


def with_timeout(client, seconds):
    """``client`` and the keyword arguments that give one request of it a timeout of its own:
    opensearch-py takes the timeout with the request, the Elasticsearch 8/9 client from a copy of
    itself (``options()``, which shares the connections)."""
    if type(client).__module__.startswith("opensearchpy"):
        return client, {"request_timeout": seconds}
    return client.options(request_timeout=seconds), {}


def update_settings(index, settings):
    """Change dynamic settings of ``index`` (a value of None restores the server's default)."""
    index.es.indices.put_settings(index=index.name, **request_body(index.es, {"settings": settings}))


def current_settings(index, names):
    """{name: value} of the index-level settings ``names`` that ``index`` has explicitly (as it was
    created: the backend's INDEX_SETTINGS, the server's templates), None for those it leaves to the
    server's default: what ``update_settings`` takes to put them back."""
    response = index.es.indices.get_settings(index=index.name)
    explicit = response[index.name]["settings"]["index"]
    return {name: explicit.get(name) for name in names}


def update_aliases(client, actions):
    """One atomic ``_aliases`` request."""
    client.indices.update_aliases(**request_body(client, {"actions": actions}))


def _backend_class(name):
    """Wagtail's backend ``name`` with FacetMappingMixin in its mapping and the one-step alias swap."""
    from django.utils.module_loading import import_string

    base = import_string(f"modelsearch.backends.{name}.SearchBackend")
    mapping = type(f"Facet{base.mapping_class.__name__}", (FacetMappingMixin, base.mapping_class), {})
    index = type(
        f"Provisioning{base.index_class.__name__}", (BulkIndexMixin, ProvisioningIndexMixin, base.index_class), {}
    )
    attributes = {
        "mapping_class": mapping,
        "index_class": index,
        "atomic_rebuilder_class": SwapAliasRebuilder,
        "__module__": __name__,
    }
    return type(f"Facet{base.__name__}", (base,), attributes)


def _opensearch_module():
    """modelsearch's OpenSearch backends follow the client library, not the server: "opensearch3"
    speaks opensearch-py 3's keyword-only API, and that client talks to OpenSearch 2 and 3 alike."""
    from opensearchpy import VERSION

    return "opensearch3" if VERSION[0] >= 3 else "opensearch2"


_BACKENDS = {
    "Elasticsearch8": lambda: "elasticsearch8",
    "Elasticsearch9": lambda: "elasticsearch9",
    "Opensearch2": _opensearch_module,
    "Opensearch3": _opensearch_module,
}
_built = {}


def __getattr__(name):
    # Built on first use so that importing this module needs only the client actually configured.
    if name in _BACKENDS:
        if name not in _built:
            _built[name] = _backend_class(_BACKENDS[name]())
        return _built[name]
    raise AttributeError(name)


# Requests ----------------------------------------------------------------------------------


def visibility_filters(now, restricted_paths):
    """kb's visibility rule (``kb.visibility``) as an Elasticsearch filter: live toolkit pages, not
    expired, not under a view restriction. The service re-reads every hit through the rule itself,
    so this filter keeps counts right; it is not the last line of defence."""
    filters = [
        {"match": {"_django_content_type": "kb.KnowledgePage"}},
        {"term": {"live_filter": True}},
        {"bool": {"must_not": [{"range": {"kb_expire_at": {"lte": now.isoformat()}}}]}},
    ]
    if restricted_paths:
        filters.append({"bool": {"must_not": [{"prefix": {"path_filter": path}} for path in restricted_paths]}})
    return filters


def selection_filter(facet, values):
    return {"terms": {FACET_FIELDS[facet]: list(values)}}


def text_query(concepts, relaxed=False):
    """The scoring part of a search for ``concepts`` (see ``search.engines.base.Concept``).

    Strict (the default): a page must have every concept, and pages with every concept in the
    title come first, as on the database engine. Plain words keep the single ``cross_fields``
    query; a concept with synonyms is a ``should`` of its alternatives. ``relaxed``: a page needs
    only ``required_coverage`` of the concepts; those with all of them come first, the others in
    BM25 order (how many concepts, how rare).

    Synonyms arrive here as concepts with alternatives (query expansion), not through a
    ``synonym_graph`` filter: a search-time analyzer is part of the index's settings, so each edit
    of a synonym set in the admin would mean closing and reopening the index (or rebuilding it),
    and the "updateable" synonym filters read a file on every node, not the database editors
    write to. Expanded queries apply an edit at the next search, with the same concepts as the
    database engine, so both engines widen a search alike.
    """
    if not concepts:  # only words too common to search for
        return {"match_none": {}}
    if all(concept.is_plain for concept in concepts):
        words = " ".join(concept.alternatives[0][0] for concept in concepts)
        every = {"multi_match": {"query": words, "fields": TEXT_FIELDS, "type": "cross_fields", "operator": "and"}}
        in_title = {"match": {"kb_title": {"query": words, "operator": "and"}}}
    else:
        every = {"bool": {"must": [concept_query(concept, TEXT_FIELDS) for concept in concepts]}}
        in_title = {"bool": {"must": [concept_query(concept, ["kb_title"]) for concept in concepts]}}
    # Every word in the title puts a page ahead of all pages without, as on the database engine;
    # relevance scores stay far below this.
    title_first = {"constant_score": {"filter": in_title, "boost": TITLE_MATCH_BOOST}}
    if not relaxed:
        return {"bool": {"must": every, "should": title_first}}
    most = {
        "bool": {
            "should": [concept_query(concept, TEXT_FIELDS) for concept in concepts],
            "minimum_should_match": required_coverage(concepts),
        }
    }
    every_first = {"constant_score": {"filter": every, "boost": EVERY_WORD_BOOST}}
    return {"bool": {"must": most, "should": [every_first, title_first]}}


def concept_query(concept, fields):
    """A page has ``concept`` in ``fields`` when it has every word of any one of its alternatives."""
    alternatives = [
        {"multi_match": {"query": " ".join(words), "fields": fields, "type": "cross_fields", "operator": "and"}}
        for words in concept.alternatives
    ]
    if len(alternatives) == 1:
        return alternatives[0]
    return {"bool": {"should": alternatives, "minimum_should_match": 1}}


def build_search_body(query, now, restricted_paths=(), concepts=None, relaxed=False, also=()):
    """The one request body for ``query`` (see the module docstring); ``concepts`` replace its
    words when the service has understood them (corrected spelling, synonyms). The pages ``also``
    (found by meaning) match too, with a score of 0, below any page found by its words."""
    if concepts is None:
        concepts = plain_concepts(query.q)
    text = text_query(concepts, relaxed) if query.q else {"match_all": {}}
    if also:
        found = {"constant_score": {"filter": {"terms": {"kb_id": [int(pk) for pk in also]}}, "boost": 0}}
        text = {"bool": {"should": [text, found], "minimum_should_match": 1}}
    selections = {facet: selection_filter(facet, values) for facet, values in query.filters.items()}
    aggregations = {}
    for facet in FACETS:
        others = [condition for name, condition in selections.items() if name != facet]
        aggregations[facet] = {
            "filter": {"bool": {"filter": others}},
            "aggs": {"values": {"terms": {"field": FACET_FIELDS[facet], "size": MAX_BUCKETS}}},
        }
    body = {
        "query": {
            "bool": {
                "must": [text],
                "filter": visibility_filters(now, restricted_paths),
            }
        },
        "post_filter": {"bool": {"filter": list(selections.values())}},
        "aggs": aggregations,
        "sort": SORTS[query.effective_sort],
        "from": (query.page - 1) * query.per_page,
        "size": query.per_page,
        "track_total_hits": True,
        "_source": False,
        "fields": ["kb_id"],
    }
    # No "highlight": the index's kb_text runs every field together, so snippets come from the
    # pages themselves (see snippets), the same on every engine.
    return body


def parse_response(response, words_only=False):
    """EngineResult from a search response; ``words_only`` leaves out the hits found only by
    meaning (score 0: see ``build_search_body``), which the caller ranks."""
    hits = response["hits"]
    ids = [int(hit["fields"]["kb_id"][0]) for hit in hits["hits"] if not words_only or hit["sort"][0] > 0]
    total = hits["total"]["value"] if isinstance(hits["total"], dict) else hits["total"]
    facets = {
        facet: {
            str(bucket["key"]): bucket["doc_count"] for bucket in response["aggregations"][facet]["values"]["buckets"]
        }
        for facet in FACETS
    }
    return EngineResult(ids=ids, count=total, facets=facets)


class ElasticsearchEngine:
    """Searches the ``default`` backend when it is Elasticsearch or OpenSearch."""

    name = "elasticsearch"

    def __init__(self, backend_name="default"):
        self.backend = get_search_backend(backend_name)
        if "opensearch" in type(self.backend).__mro__[1].__module__:
            self.name = "opensearch"

    @property
    def client(self):
        return self.backend.es

    @property
    def index_name(self):
        return self.backend.get_index_for_model(KnowledgePage).name

    def _call(self, method, **kwargs):
        try:
            return getattr(self.client, method)(**kwargs)
        except Exception as exc:  # connection refused, timeout, missing index, auth...
            raise EngineUnavailable(f"{type(exc).__name__}: {exc}") from exc

    def _search(self, body):
        return self._call("search", index=self.index_name, **request_body(self.client, body))

    def refresh(self):
        """Make the writes so far searchable now rather than at the next periodic refresh."""
        try:
            self.client.indices.refresh(index=self.index_name)
        except Exception as exc:
            raise EngineUnavailable(f"{type(exc).__name__}: {exc}") from exc

    def ping(self):
        if not self._call("ping"):
            raise EngineUnavailable("no answer to ping")
        return True

    def search(self, query, concepts=None, relaxed=False, also=(), snippets=True):
        """As ``DatabaseEngine.search``."""
        restricted = list(PageViewRestriction.objects.values_list("page__path", flat=True))
        body = build_search_body(query, timezone.now(), restricted, concepts=concepts, relaxed=relaxed, also=also)
        words_only = bool(also) and query.effective_sort == "relevance"
        result = parse_response(self._search(body), words_only=words_only)
        if query.q and snippets:
            result.highlights = page_snippets(content_words(search_terms(query.q)), result.ids)
        return result

    def count(self, query):
        return self.search(query).count

    def vocabulary(self):
        return vocabulary_from_database()

    def suggest(self, prefix, limit=8):
        terms = search_terms(prefix)
        if not terms:
            return []
        restricted = list(PageViewRestriction.objects.values_list("page__path", flat=True))
        body = {
            "query": {
                "bool": {
                    "must": [{"match_bool_prefix": {"kb_title": " ".join(terms)}}],
                    "filter": visibility_filters(timezone.now(), restricted),
                }
            },
            "size": limit,
            "_source": False,
            "fields": ["kb_id", "kb_title"],
        }
        response = self._search(body)
        return [(int(h["fields"]["kb_id"][0]), h["fields"]["kb_title"][0]) for h in response["hits"]["hits"]]

    def indexed_titles(self):
        """{page id: indexed title} for every toolkit page document (paged with search_after)."""
        titles, after = {}, None
        while True:
            body = {
                "query": {"match": {"_django_content_type": "kb.KnowledgePage"}},
                "size": 1000,
                "sort": [{"kb_id": "asc"}],
                "_source": False,
                "fields": ["kb_id", "kb_title"],
            }
            if after:
                body["search_after"] = after
            hits = self._search(body)["hits"]["hits"]
            for hit in hits:
                titles[int(hit["fields"]["kb_id"][0])] = hit["fields"].get("kb_title", [""])[0]
            if len(hits) < 1000:
                return titles
            after = hits[-1]["sort"]

    def remove_from_index(self, ids):
        body = {"query": {"terms": {"kb_id": [int(pk) for pk in ids]}}}
        self._call("delete_by_query", index=self.index_name, refresh=True, **request_body(self.client, body))

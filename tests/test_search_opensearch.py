"""The production engine against a real OpenSearch node: index sync, the zero-downtime rebuild,
drift repair, faults, and parity with the database engine.

The search contract itself (facets, ranking, highlights...) runs on every engine in
test_search_contract.py; these are the behaviours only a live server can show.
"""

import datetime
import io
import socket
import threading
from urllib.parse import urlsplit

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from modelsearch import index
from wagtail.models import PageViewRestriction

from kb.models import Agency, CaseStudyMetric, CaseStudyPage, LifeEvent, Topic
from search.engines.base import EngineUnavailable
from search.engines.database import DatabaseEngine
from search.engines.elasticsearch import ElasticsearchEngine, build_search_body
from search.indexing import reindex_page_ids
from search.models import UnwrittenPage
from search.opensearch.node import OpenSearchNode
from tests.search_support import build_corpus, parse

from .live_search import FaultProxy, node_port, node_version

pytestmark = [pytest.mark.elasticsearch, pytest.mark.parametrize("engine", ["elasticsearch"], indirect=True)]


def titles(results):
    return [hit.title for hit in results.hits]


def indexed_ids(engine):
    ElasticsearchEngine().backend.get_index_for_model(CaseStudyPage).refresh()
    return set(ElasticsearchEngine().indexed_titles())


# Index sync ------------------------------------------------------------------------------------


def test_publishing_and_unpublishing_add_and_remove_a_page(engine, make_page):
    page = make_page(CaseStudyPage, title="Faster passport renewals", publish=False)
    assert titles(engine.search(q="passport")) == []
    page.get_latest_revision().publish()
    assert titles(engine.search(q="passport")) == ["Faster passport renewals"]
    page.refresh_from_db()
    page.unpublish()
    assert titles(engine.search(q="passport")) == []


def test_published_edits_replace_the_indexed_text(engine, make_page):
    page = make_page(CaseStudyPage, title="Faster passport renewals", summary="Renewals by mail.")
    page.title = "Faster visa renewals"
    page.save_revision().publish()
    assert titles(engine.search(q="visa")) == ["Faster visa renewals"]
    assert titles(engine.search(q="passport")) == []


def test_moving_a_page_under_a_restricted_section_hides_it(engine, make_page, site_tree):
    page = make_page(CaseStudyPage, title="Faster passport renewals")
    members_only = site_tree["ToolIndexPage"]
    PageViewRestriction.objects.create(page=members_only, restriction_type=PageViewRestriction.LOGIN)
    page.move(members_only, pos="last-child")
    assert titles(engine.search(q="passport")) == []


def test_deleting_a_page_removes_its_document(engine, make_page):
    page = make_page(CaseStudyPage, title="Faster passport renewals")
    assert page.pk in indexed_ids(engine)
    page.delete()
    assert page.pk not in indexed_ids(engine)
    assert titles(engine.search(q="passport")) == []


def test_a_privacy_restriction_hides_a_page_at_once(engine, make_page):
    page = make_page(CaseStudyPage, title="Faster passport renewals")
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="x")
    assert titles(engine.search(q="passport")) == []


def test_renaming_a_topic_reindexes_its_pages(engine, make_page):
    topic = Topic.objects.create(name="Call centers")
    make_page(CaseStudyPage, title="Shorter hold times", topics=[topic])
    topic.name = "Contact centers"
    topic.save()
    assert titles(engine.search(q="contact")) == ["Shorter hold times"]
    assert {item.label for item in engine.search().facets["topic"]} == {"Contact centers"}


def test_a_page_past_its_expiry_disappears_before_publish_scheduled_runs(engine, make_page):
    page = make_page(CaseStudyPage, title="Faster passport renewals")
    page.expire_at = timezone.now() + datetime.timedelta(hours=1)
    page.save_revision().publish()
    assert titles(engine.search(q="passport")) == ["Faster passport renewals"]
    # Time passes with no signal and no re-index: the query's own clock hides the page.
    CaseStudyPage.objects.filter(pk=page.pk).update(expire_at=timezone.now() - datetime.timedelta(minutes=1))
    engine.sync()
    assert titles(engine.search(q="passport")) == []


# The rebuild --------------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_rebuild_swaps_the_alias_without_a_failed_or_empty_search(engine, make_page):
    for number in range(40):
        make_page(CaseStudyPage, title=f"Renewal story {number}", slug=f"renewal-{number}")
    # The first rebuild turns the index the site started with into an alias (a one-time change);
    # every rebuild after that is the one a running site does.
    call_command("rebuild_search_index", backend="default", stdout=io.StringIO())
    searcher = ElasticsearchEngine()
    body = build_search_body(parse(q="renewal"), timezone.now())
    counts, failures = [], []
    rebuilding = threading.Event()
    rebuilding.set()

    def search_in_a_loop():
        # Only the search server is touched here: no database connection in this thread.
        while rebuilding.is_set() or len(counts) < 5:
            try:
                counts.append(searcher._search(body)["hits"]["total"]["value"])
            except Exception as error:  # every kind of failure is a finding
                failures.append(error)

    thread = threading.Thread(target=search_in_a_loop)
    thread.start()
    try:
        call_command("rebuild_search_index", backend="default", stdout=io.StringIO())
    finally:
        rebuilding.clear()
        thread.join(timeout=60)
    assert failures == []
    assert len(counts) >= 5
    assert set(counts) == {40}
    assert titles(engine.search(q="renewal 7")) == ["Renewal story 7"]


def page_index_settings(searcher):
    """{concrete index name: its explicit settings} of every page index under the engine's prefix."""
    prefix = searcher.backend.index_prefix
    response = searcher.client.indices.get_settings(index=f"{prefix}wagtailcore_page*")
    return {name: body["settings"]["index"] for name, body in response.items()}


def live_index(searcher):
    """The concrete index behind the alias the site searches."""
    return next(iter(searcher.client.indices.get_alias(name=searcher.index_name)))


def with_index_settings(settings, index_settings):
    """Give the node's backend these INDEX_SETTINGS (what an operator sets in WAGTAILSEARCH_BACKENDS)."""
    backends = settings.WAGTAILSEARCH_BACKENDS
    settings.WAGTAILSEARCH_BACKENDS = {**backends, "default": {**backends["default"], "INDEX_SETTINGS": index_settings}}


class LoadWatcher(io.StringIO):
    """The rebuild's progress output, which looks at the node when the first chunk is written: the
    settings of the page index being loaded, beside the one the site searches meanwhile."""

    def __init__(self, searcher):
        super().__init__()
        self.searcher = searcher
        self.during_load = None

    def write(self, text):
        if self.during_load is None and "%" in text:
            live = live_index(self.searcher)
            indexes = page_index_settings(self.searcher)
            self.during_load = {
                "new": [settings for name, settings in indexes.items() if name != live],
                "live": indexes[live],
                "live_name": live,
            }
        return super().write(text)


@pytest.mark.django_db(transaction=True)
def test_a_rebuild_loads_without_refresh_or_replicas_then_restores_the_index_settings(engine, make_page, settings):
    with_index_settings(settings, {"settings": {"index": {"refresh_interval": "30s"}}})
    for number in range(3):
        make_page(CaseStudyPage, title=f"Renewal story {number}", slug=f"renewal-{number}")
    call_command("rebuild_search_index", backend="default", stdout=io.StringIO())
    searcher = ElasticsearchEngine()
    watcher = LoadWatcher(searcher)
    call_command("rebuild_search_index", "--chunk-size", "1", backend="default", stdout=watcher)
    [loading] = watcher.during_load["new"]
    assert (loading["refresh_interval"], loading["number_of_replicas"]) == ("-1", "0")
    assert (watcher.during_load["live"]["refresh_interval"], watcher.during_load["live"]["number_of_replicas"]) == (
        "30s",
        "1",
    )
    # After the swap: the settings the index was created with, not the server's defaults.
    [(name, restored)] = page_index_settings(searcher).items()
    assert name == live_index(searcher) != watcher.during_load["live_name"]
    assert (restored["refresh_interval"], restored["number_of_replicas"]) == ("30s", "1")
    assert titles(engine.search(q="renewal 2")) == ["Renewal story 2"]


@pytest.mark.django_db(transaction=True)
def test_a_rebuild_failing_halfway_leaves_the_live_index_as_it_was(engine, make_page, settings):
    for number in range(4):
        make_page(CaseStudyPage, title=f"Renewal story {number}", slug=f"renewal-{number}")
    call_command("rebuild_search_index", backend="default", stdout=io.StringIO())
    searcher = ElasticsearchEngine()
    live, live_settings = live_index(searcher), page_index_settings(searcher)
    # The node refuses a document with more nested objects (taxonomy terms) than an index allows:
    # the last page is refused after the first chunks went in.
    with_index_settings(settings, {"settings": {"index": {"mapping": {"nested_objects": {"limit": 2}}}}})
    make_page(
        CaseStudyPage,
        title="Renewal story with many topics",
        topics=[Topic.objects.create(name=f"Topic {number}") for number in range(3)],
    )
    with pytest.raises(Exception, match="nested"):
        call_command("rebuild_search_index", "--chunk-size", "2", backend="default", stdout=io.StringIO())
    assert page_index_settings(searcher) == live_settings  # no index left half loaded, none changed
    assert live_index(searcher) == live
    # The five pages the site searched before (the last one written on its publish, within the limit then).
    assert engine.search(q="renewal").count == 5


@pytest.mark.django_db(transaction=True)
def test_a_rebuild_costs_the_same_queries_per_chunk_whatever_the_pages_in_it(engine, make_page):
    call_command("rebuild_search_index", backend="default", stdout=io.StringIO())  # Django caches content types
    counts = []
    for pages, chunk_size in ((4, 2), (8, 4)):  # two chunks of case studies each time
        CaseStudyPage.objects.all().delete()
        for number in range(pages):
            make_page(
                CaseStudyPage,
                title=f"Renewal story {number}",
                slug=f"renewal-{number}",
                topics=[Topic.objects.create(name=f"Topic {pages} {number}")],
                metrics=[CaseStudyMetric(label=f"Metric {number}", value="4")],
            )
        with CaptureQueriesContext(connection) as queries:
            call_command(
                "rebuild_search_index", "--chunk-size", str(chunk_size), backend="default", stdout=io.StringIO()
            )
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert titles(engine.search(q="metric 7")) == ["Renewal story 7"]


@pytest.mark.django_db(transaction=True)
def test_a_rebuild_waits_for_a_node_slower_than_the_search_timeout(engine, live_search, settings, make_page):
    make_page(CaseStudyPage, title="Faster passport renewals")
    host, port = urlsplit(live_search.url).hostname, urlsplit(live_search.url).port
    proxy = FaultProxy(host, port)
    try:
        backends = live_search.backends(url=proxy.url)
        # Every answer later than a search may wait: as a rebuild's bulk writes and final refresh are.
        settings.WAGTAILSEARCH_BACKENDS = {**backends, "default": {**backends["default"], "TIMEOUT": 0.2}}
        proxy.delay = 0.3
        call_command("rebuild_search_index", backend="default", stdout=io.StringIO())
        proxy.delay = 0
        assert titles(engine.search(q="passport")) == ["Faster passport renewals"]
    finally:
        proxy.close()


@pytest.mark.django_db(transaction=True)
def test_a_renamed_term_reindexes_its_pages_through_a_node_slower_than_the_search_timeout(
    engine, live_search, settings, make_page, caplog
):
    agency = Agency.objects.create(name="Passport Office", level="federal")
    for number in range(3):
        make_page(CaseStudyPage, title=f"Renewal story {number}", slug=f"renewal-{number}", agencies=[agency])
    host, port = urlsplit(live_search.url).hostname, urlsplit(live_search.url).port
    proxy = FaultProxy(host, port)
    try:
        backends = live_search.backends(url=proxy.url)
        settings.WAGTAILSEARCH_BACKENDS = {**backends, "default": {**backends["default"], "TIMEOUT": 0.2}}
        proxy.delay = 0.3  # every answer later than a search may wait
        agency.name = "Consular Bureau"
        with caplog.at_level("ERROR", logger="search.indexing"):
            agency.save()
        assert not [record for record in caplog.records if record.name == "search.indexing"], "the re-index failed"
        with pytest.raises(EngineUnavailable):  # a search still waits no longer than SEARCH_TIMEOUT
            ElasticsearchEngine().ping()
        proxy.delay = 0
        ElasticsearchEngine().refresh()
        assert sorted(titles(engine.search(q="consular bureau"))) == [f"Renewal story {n}" for n in range(3)]
    finally:
        proxy.close()


# Drift repair ----------------------------------------------------------------------------------


def test_check_search_index_repairs_drift_made_behind_djangos_back(engine, make_page):
    renamed = make_page(CaseStudyPage, title="Faster passport renewals", summary="Renewals by mail.")
    lost = make_page(CaseStudyPage, title="Clearer benefit letters")
    engine.sync()
    searcher = ElasticsearchEngine()
    # A title changed with SQL (no signal), and a document deleted straight from the server.
    with connection.cursor() as cursor:
        cursor.execute("UPDATE wagtailcore_page SET title = %s WHERE id = %s", ["Faster visa renewals", renamed.pk])
    document_id = next(
        hit["_id"]
        for hit in searcher._search({"query": {"term": {"kb_id": lost.pk}}, "_source": False})["hits"]["hits"]
    )
    searcher.client.delete(index=searcher.index_name, id=document_id, refresh=True)

    out = io.StringIO()
    with pytest.raises(CommandError, match="drifted"):
        call_command("check_search_index", stdout=out)
    assert "1 missing, 1 outdated, 0 orphaned" in out.getvalue()

    out = io.StringIO()
    call_command("check_search_index", "--fix", stdout=out)
    assert "Repaired" in out.getvalue()
    assert titles(engine.search(q="visa")) == ["Faster visa renewals"]
    assert titles(engine.search(q="benefit letters")) == ["Clearer benefit letters"]
    call_command("check_search_index", stdout=io.StringIO())  # no drift left: no error


def unreachable_node_backends(live_search):
    """The backends with the engine's URL on a port where nothing listens: every write fails at once."""
    with socket.create_server(("127.0.0.1", 0)) as listener:
        port = listener.getsockname()[1]
    return live_search.backends(url=f"http://127.0.0.1:{port}", timeout=1)


def test_changes_a_node_did_not_take_are_reported_and_written_by_check_fix(
    engine, live_search, settings, make_page, caplog
):
    topic = Topic.objects.create(name="Passports")
    page = make_page(CaseStudyPage, title="Faster passport renewals", summary="Renewals by mail.", topics=[topic])
    reachable = settings.WAGTAILSEARCH_BACKENDS
    settings.WAGTAILSEARCH_BACKENDS = unreachable_node_backends(live_search)
    with caplog.at_level("ERROR", logger="search.indexing"):
        page.summary = "Renewals online in ten minutes."
        page.save_revision().publish()
        topic.name = "Travel documents"
        topic.save()
    failures = [record.getMessage() for record in caplog.records if record.name == "search.indexing"]
    assert failures and all("check_search_index --fix writes them again" in failure for failure in failures)
    assert list(UnwrittenPage.objects.values_list("page_id", flat=True)) == [page.pk]

    settings.WAGTAILSEARCH_BACKENDS = reachable
    assert titles(engine.search(q="travel documents")) == []  # the title is unchanged: only the record tells
    out = io.StringIO()
    with pytest.raises(CommandError, match="drifted"):
        call_command("check_search_index", stdout=out)
    assert "0 missing, 0 outdated, 0 orphaned, 1 unwritten" in out.getvalue()

    call_command("check_search_index", "--fix", stdout=io.StringIO())
    assert not UnwrittenPage.objects.exists()
    assert titles(engine.search(q="travel documents")) == ["Faster passport renewals"]
    assert titles(engine.search(q="online in ten minutes")) == ["Faster passport renewals"]
    call_command("check_search_index", stdout=io.StringIO())  # no drift left: no error


def test_a_full_rebuild_writes_the_pages_a_node_did_not_take(engine, live_search, settings, make_page):
    page = make_page(CaseStudyPage, title="Faster passport renewals", summary="Renewals by mail.")
    reachable = settings.WAGTAILSEARCH_BACKENDS
    settings.WAGTAILSEARCH_BACKENDS = unreachable_node_backends(live_search)
    page.summary = "Renewals online in ten minutes."
    page.save_revision().publish()
    assert UnwrittenPage.objects.filter(page_id=page.pk).exists()

    settings.WAGTAILSEARCH_BACKENDS = reachable
    call_command("rebuild_search_index", stdout=io.StringIO())
    assert not UnwrittenPage.objects.exists()
    assert titles(engine.search(q="online in ten minutes")) == ["Faster passport renewals"]


def test_a_missing_index_is_created_with_its_mappings_on_the_first_publish(engine, make_page):
    searcher = ElasticsearchEngine()
    searcher.client.indices.delete(index=searcher.index_name)
    # Left to itself the server would create the index from this one document, with kb_type as
    # text, and every facet request after it would fail.
    make_page(CaseStudyPage, title="Faster passport renewals")
    mapping = searcher.client.indices.get_mapping(index=searcher.index_name)
    properties = next(iter(mapping.values()))["mappings"]["properties"]
    assert properties["kb_type"] == {"type": "keyword"}
    results = engine.search(q="passport")
    assert titles(results) == ["Faster passport renewals"]
    assert {item.value: item.count for item in results.facets["type"] if item.count} == {"case-study": 1}


# Faults ------------------------------------------------------------------------------------------


def search_page_state(client):
    page = client.get("/search/", {"q": "passport"})
    api = client.get("/api/search/", {"q": "passport"})
    health = client.get("/healthz").json()
    return {
        "page_status": page.status_code,
        "page_found": "Faster passport renewals" in page.content.decode(),
        "page_notice": "not answering" in page.content.decode(),
        "api_status": api.status_code,
        "health": health["status"],
    }


HEALTHY = {"page_status": 200, "page_found": True, "page_notice": False, "api_status": 200, "health": "ok"}
DEGRADED = {"page_status": 200, "page_found": True, "page_notice": True, "api_status": 503, "health": "degraded"}


@pytest.fixture
def own_node(live_search):
    """A node of this test's own, which it may stop and start: the session's node stays up."""
    node = OpenSearchNode(version=node_version(), port=node_port())
    node.start()
    yield node
    node.stop()


def test_a_stopped_node_falls_back_to_the_database_and_recovers_when_it_returns(
    engine, own_node, live_search, settings, make_page, client
):
    settings.WAGTAILSEARCH_BACKENDS = live_search.backends(url=own_node.url)
    call_command("rebuild_search_index", backend="default", stdout=io.StringIO())
    make_page(CaseStudyPage, title="Faster passport renewals")
    ElasticsearchEngine().backend.get_index_for_model(CaseStudyPage).refresh()
    assert search_page_state(client) == HEALTHY

    own_node.stop(keep_data=True)
    assert search_page_state(client) == DEGRADED

    own_node.start()
    assert search_page_state(client) == HEALTHY


def test_a_node_slower_than_the_search_timeout_is_treated_as_down(engine, live_search, settings, make_page, client):
    host, port = live_search.url.split("//")[1].split(":")
    proxy = FaultProxy(host, int(port))
    try:
        settings.WAGTAILSEARCH_BACKENDS = live_search.backends(url=proxy.url, timeout=1)
        make_page(CaseStudyPage, title="Faster passport renewals")
        engine.sync()
        assert search_page_state(client) == HEALTHY
        proxy.delay = 2.5
        assert search_page_state(client) == DEGRADED
        proxy.delay = 0
        assert search_page_state(client) == HEALTHY
    finally:
        proxy.close()


# Parity with the database engine ---------------------------------------------------------------------


FILTER_ONLY_SEARCHES = [
    {},
    {"type": "case-study"},
    {"topic": "journey-mapping"},
    {"topic": ["journey-mapping", "digital-services"], "level": "federal"},
    {"agency": "department-of-veterans-affairs", "year": "2024"},
    {"life_event": "retiring", "type": ["case-study", "agency-example"]},
]


@pytest.mark.parametrize("params", FILTER_ONLY_SEARCHES)
def test_filter_only_searches_count_the_same_on_both_engines(engine, make_page, params):
    build_corpus(make_page)
    engine.sync()
    query = parse(**params)
    on_database, on_opensearch = DatabaseEngine().search(query), ElasticsearchEngine().search(query)
    assert on_opensearch.count == on_database.count
    assert on_opensearch.facets == on_database.facets
    assert on_opensearch.ids == on_database.ids


@pytest.mark.parametrize("words", ["disability claims", "tax filing", "journey map", "survey template"])
def test_title_searches_put_the_same_page_first_on_both_engines(engine, make_page, words):
    build_corpus(make_page)
    engine.sync()
    query = parse(q=words)
    assert ElasticsearchEngine().search(query).ids[:1] == DatabaseEngine().search(query).ids[:1]


def test_stemmers_differ_on_some_words(engine, make_page):
    """PostgreSQL stems English with Snowball (Porter2); OpenSearch's english analyzer and SQLite's
    FTS5 use the original Porter stemmer. "fairly" stems to "fair" on PostgreSQL only, so a search
    for "fair" finds it there and not on the others. The README lists this difference."""
    make_page(CaseStudyPage, title="Notices that read fairly", summary="Plain words.")
    engine.sync()
    query = parse(q="fair")
    assert ElasticsearchEngine().search(query).count == 0
    expected_on_database = 1 if connection.vendor == "postgresql" else 0
    assert DatabaseEngine().search(query).count == expected_on_database


# Cost of indexing --------------------------------------------------------------------------------


def node_requests(caplog):
    """The requests the site sent to the node, as "METHOD /path" (opensearch-py logs each one)."""
    return [
        f"{record.args[0]} {urlsplit(record.args[1]).path}" for record in caplog.records if record.name == "opensearch"
    ]


def page_with_terms(make_page, title, count):
    """A draft case study carrying ``count`` agencies, topics and life events, in its latest revision."""
    terms = {
        "agencies": [Agency.objects.create(name=f"{title} agency {n}", level="federal") for n in range(count)],
        "topics": [Topic.objects.create(name=f"{title} topic {n}") for n in range(count)],
        "life_events": [LifeEvent.objects.create(name=f"{title} event {n}") for n in range(count)],
    }
    metrics = [CaseStudyMetric(label=f"{title} metric", value="4")]
    return make_page(CaseStudyPage, title=title, publish=False, metrics=metrics, **terms)


def test_publishing_a_page_writes_its_document_once_with_its_new_taxonomy(engine, make_page, caplog):
    page = make_page(CaseStudyPage, title="Faster passport renewals", publish=False)
    page.topics.set([Topic.objects.create(name="Passports")])
    revision = page.save_revision()
    index = ElasticsearchEngine().index_name
    caplog.clear()
    with caplog.at_level("INFO", logger="opensearch"):
        revision.publish()
    # Whether the index exists (it is created with its mappings if not), then the document.
    assert node_requests(caplog) == [f"HEAD /{index}", f"PUT /{index}/_doc/{page.pk}"]
    assert titles(engine.search(topic=["passports"])) == ["Faster passport renewals"]


def test_publishing_costs_the_same_queries_whatever_the_taxonomy(engine, make_page):
    counts = []
    for title, terms in (("Few", 1), ("Many", 6)):
        revision = page_with_terms(make_page, title, terms).get_latest_revision()
        with CaptureQueriesContext(connection) as queries:
            revision.publish()
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert titles(engine.search(q="event 5")) == ["Many"]


@pytest.mark.parametrize("terms", [1, 6])
def test_indexing_one_page_costs_a_fixed_number_of_queries(engine, make_page, settings, terms):
    settings.WAGTAILSEARCH_BACKENDS = {"default": settings.WAGTAILSEARCH_BACKENDS["default"]}  # the node alone
    page = page_with_terms(make_page, "Many", terms)
    revision = page.get_latest_revision()
    revision.publish()
    # As a publish saves it: the page in memory, taxonomy included; one query asks whether it is
    # indexed at all (modelsearch's check).
    published = revision.as_object()
    with CaptureQueriesContext(connection) as queries:
        index.insert_or_update_object(published)
    assert len(queries) == 1
    # As a move or a renamed term re-reads it: the page and its specific row, then one query per
    # vocabulary and one for the metrics.
    with CaptureQueriesContext(connection) as queries:
        reindex_page_ids([page.pk])
    assert len(queries) == 6
    ElasticsearchEngine().refresh()
    assert titles(engine.search(q=f"event {terms - 1}")) == ["Many"]

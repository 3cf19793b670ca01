"""The Elasticsearch/OpenSearch engine without a server: the exact bodies it sends, how it reads
answers, the documents it indexes, and what happens when the server does not answer.

The same contract suite as the database engine runs against a live server in
test_search_contract.py when ELASTICSEARCH_URL or OPENSEARCH_URL is set.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from modelsearch import index
from modelsearch.backends import get_search_backend

from config.search_backends import search_backends_from_env
from kb.models import Agency, AgencyExamplePage, CaseStudyMetric, CaseStudyPage, LifeEvent, ToolPage, Topic
from search.engines.elasticsearch import (
    KB_MAPPING,
    MAX_BUCKETS,
    build_search_body,
    parse_response,
)
from search.management.commands.rebuild_search_index import read_chunk
from tests.search_support import build_corpus, parse

NOW = datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)


def visibility(restricted=()):
    filters = [
        {"match": {"_django_content_type": "kb.KnowledgePage"}},
        {"term": {"live_filter": True}},
        {"bool": {"must_not": [{"range": {"kb_expire_at": {"lte": "2026-01-02T03:04:05+00:00"}}}]}},
    ]
    if restricted:
        filters.append({"bool": {"must_not": [{"prefix": {"path_filter": path}} for path in restricted]}})
    return filters


def terms_agg(field, others=()):
    return {
        "filter": {"bool": {"filter": list(others)}},
        "aggs": {"values": {"terms": {"field": field, "size": MAX_BUCKETS}}},
    }


def test_body_without_words_or_filters(db):
    body = build_search_body(parse(), NOW)
    assert body == {
        "query": {"bool": {"must": [{"match_all": {}}], "filter": visibility()}},
        "post_filter": {"bool": {"filter": []}},
        "aggs": {
            "type": terms_agg("kb_type"),
            "topic": terms_agg("kb_topics"),
            "agency": terms_agg("kb_agencies"),
            "life_event": terms_agg("kb_life_events"),
            "level": terms_agg("kb_levels"),
            "year": terms_agg("kb_year"),
        },
        "sort": [{"kb_date": "desc"}, {"kb_id": "desc"}],
        "from": 0,
        "size": 10,
        "track_total_hits": True,
        "_source": False,
        "fields": ["kb_id"],
    }


def test_body_with_words_and_facets_counts_each_facet_without_its_own_selection(db):
    Topic.objects.create(name="Journey mapping")
    query = parse(q="wait times!", type=["case-study", "tool"], topic="journey-mapping", page="3", per_page="20")
    body = build_search_body(query, NOW, restricted_paths=["000100020003"])

    type_filter = {"terms": {"kb_type": ["case-study", "tool"]}}
    topic_filter = {"terms": {"kb_topics": ["journey-mapping"]}}
    assert body["query"] == {
        "bool": {
            "must": [
                {
                    "bool": {
                        "must": {
                            "multi_match": {
                                "query": "wait times",
                                "fields": ["kb_title^5", "kb_text"],
                                "type": "cross_fields",
                                "operator": "and",
                            }
                        },
                        "should": {
                            "constant_score": {
                                "filter": {"match": {"kb_title": {"query": "wait times", "operator": "and"}}},
                                "boost": 1000,
                            }
                        },
                    }
                }
            ],
            "filter": visibility(["000100020003"]),
        }
    }
    assert body["post_filter"] == {"bool": {"filter": [type_filter, topic_filter]}}
    assert body["aggs"]["type"] == terms_agg("kb_type", [topic_filter])
    assert body["aggs"]["topic"] == terms_agg("kb_topics", [type_filter])
    assert body["aggs"]["agency"] == terms_agg("kb_agencies", [type_filter, topic_filter])
    assert body["sort"] == ["_score", {"kb_date": "desc"}, {"kb_id": "desc"}]
    assert (body["from"], body["size"]) == (40, 20)
    # Snippets come from the pages' own prose, not from the run-together kb_text field.
    assert "highlight" not in body


@pytest.mark.parametrize(
    "sort, expected",
    [
        ("oldest", [{"kb_date": "asc"}, {"kb_id": "asc"}]),
        ("title", [{"kb_title_sort": "asc"}, {"kb_id": "asc"}]),
        ("relevance", [{"kb_date": "desc"}, {"kb_id": "desc"}]),  # no words: relevance means newest
    ],
)
def test_sort_orders(db, sort, expected):
    assert build_search_body(parse(sort=sort), NOW)["sort"] == expected


def test_parse_response_reads_ids_counts_and_buckets():
    response = {
        "hits": {
            "total": {"value": 42, "relation": "eq"},
            "hits": [
                {"fields": {"kb_id": [7]}},
                {"fields": {"kb_id": [3]}},
            ],
        },
        "aggregations": {
            facet: {"doc_count": 42, "values": {"buckets": [{"key": key, "doc_count": 5}]}}
            for facet, key in [
                ("type", "tool"),
                ("topic", "journey-mapping"),
                ("agency", "irs"),
                ("life_event", "retiring"),
                ("level", "federal"),
                ("year", "2024"),
            ]
        },
    }
    result = parse_response(response)
    assert result.ids == [7, 3]
    assert result.count == 42
    assert result.facets["year"] == {"2024": 5}
    assert result.facets["type"] == {"tool": 5}


def test_document_carries_flat_facet_fields_and_searchable_text(make_page):
    va = Agency.objects.create(name="Department of Veterans Affairs", acronym="VA", level="federal")
    ohio = Agency.objects.create(name="Ohio Department of Health", level="state")
    topic = Topic.objects.create(name="Journey mapping")
    event = LifeEvent.objects.create(name="Retiring")
    page = make_page(
        CaseStudyPage,
        title="Shorter waits",
        summary="Veterans waited months.",
        publication_date=datetime.date(2024, 5, 1),
        agencies=[va, ohio],
        topics=[topic],
        life_events=[event],
        body=[("quote", {"quote": "I never knew which form.", "attribution": ""})],
    )
    from search.engines.elasticsearch import Elasticsearch9

    document = Elasticsearch9.mapping_class(CaseStudyPage).get_document(page.specific)
    assert document["kb_id"] == page.pk
    assert document["kb_type"] == "case-study"
    assert sorted(document["kb_agencies"]) == ["department-of-veterans-affairs", "ohio-department-of-health"]
    assert document["kb_levels"] == ["federal", "state"]
    assert document["kb_topics"] == ["journey-mapping"]
    assert document["kb_life_events"] == ["retiring"]
    assert (document["kb_year"], document["kb_date"]) == ("2024", "2024-05-01")
    assert document["kb_title"] == "Shorter waits" and document["kb_title_sort"] == "shorter waits"
    for text in ("Veterans waited months.", "VA", "Veterans Affairs", "Journey mapping", "Retiring", "which form"):
        assert text in document["kb_text"]
    assert set(KB_MAPPING) <= set(document)


@pytest.mark.parametrize("taxonomy_filters", [False, True], ids=["site", "plain-wagtail-filters"])
@pytest.mark.parametrize("model", [CaseStudyPage, ToolPage, AgencyExamplePage])
def test_a_rebuilds_batched_documents_are_those_of_each_page_indexed_alone(
    settings, make_page, monkeypatch, model, taxonomy_filters
):
    settings.WAGTAILSEARCH_BACKENDS = search_backends_from_env({"OPENSEARCH_URL": "http://127.0.0.1:9"})
    if taxonomy_filters:  # what plain Wagtail needs to facet on them (bench/search.py's baseline)
        extra = [index.FilterField(name) for name in ("topics", "agencies", "life_events")]
        monkeypatch.setattr(model, "search_fields", model.search_fields + extra)
    build_corpus(make_page)
    make_page(
        CaseStudyPage,
        title="Shorter waits",
        agencies=list(Agency.objects.all()),
        topics=list(Topic.objects.all()),
        metrics=[CaseStudyMetric(label="Call wait time", value="4", unit="minutes")],
        body=[("quote", {"quote": "I never knew which form.", "attribution": "A veteran"})],
        expire_at=NOW,
    )
    backend_index = get_search_backend("default").get_index_for_model(model)
    objects = model.get_indexed_objects().order_by("pk")
    ids = list(objects.values_list("pk", flat=True))
    # What rebuild_search_index sends: a chunk read with its related objects, documents built apart,
    # in as many queries for the whole chunk as for one page.
    with CaptureQueriesContext(connection) as one_page:
        read_chunk(backend_index, model, objects, ids[:1])
    with CaptureQueriesContext(connection) as whole_chunk:
        chunk, batched = read_chunk(backend_index, model, objects, ids)
    assert len(whole_chunk) == len(one_page)
    mapping = backend_index.mapping_class(model)
    alone = [{"_id": str(page.pk), **mapping.get_document(model.objects.get(pk=page.pk))} for page in chunk]
    assert batched == alone
    assert len(batched) >= 2 and all(action["kb_text"] for action in batched)
    assert any(action["kb_agencies"] for action in batched) and any(action["kb_topics"] for action in batched)


def test_backend_classes_add_the_facet_fields_to_wagtails_mapping():
    from search.engines import elasticsearch

    backend_class = elasticsearch.Elasticsearch9
    mapping = backend_class.mapping_class(CaseStudyPage).get_mapping()
    assert mapping["properties"]["kb_topics"] == {"type": "keyword"}
    assert mapping["properties"]["kb_text"]["analyzer"] == "english"
    assert "live_filter" in mapping["properties"]  # Wagtail's own fields are still there


@pytest.fixture
def dead_engine(settings):
    """Elasticsearch configured on a port where nothing listens."""
    settings.WAGTAILSEARCH_BACKENDS = search_backends_from_env(
        {"ELASTICSEARCH_URL": "http://127.0.0.1:9", "SEARCH_TIMEOUT": "1"}
    )


def test_outage_falls_back_to_the_database_with_a_notice(dead_engine, make_page, client):
    make_page(CaseStudyPage, title="Simpler tax filing")
    response = client.get("/search/", {"q": "tax"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "not answering" in html and "Simpler tax filing" in html


def test_outage_answers_503_on_the_api(dead_engine, db, client):
    response = client.get("/api/search/", {"q": "tax"})
    assert response.status_code == 503
    assert "elasticsearch" in response.json()["error"]


def test_outage_shows_in_healthz(dead_engine, db, client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["search"] == {"engine": "elasticsearch", "status": "unavailable", "fallback": "database"}
    assert response.json()["status"] == "degraded"


def test_outage_keeps_suggestions_working(dead_engine, make_page, client):
    make_page(CaseStudyPage, title="Simpler tax filing")
    assert [item["title"] for item in client.get("/api/search/suggest/", {"q": "simp"}).json()] == [
        "Simpler tax filing"
    ]

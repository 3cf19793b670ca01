"""The JSON search API: the search page's parameters and semantics, as JSON with a schema."""

import pytest

from kb.models import Agency, CaseStudyPage, ToolPage, Topic


@pytest.fixture
def pages(make_page):
    irs = Agency.objects.create(name="Internal Revenue Service", acronym="IRS")
    topic = Topic.objects.create(name="Digital services")
    make_page(CaseStudyPage, title="Simpler tax filing", agencies=[irs], topics=[topic])
    make_page(ToolPage, title="Tax form checklist", topics=[topic])


def test_response_shape(client, pages):
    response = client.get("/api/search/", {"q": "tax", "type": "case-study"})
    assert response.status_code == 200
    body = response.json()
    assert {"count", "page", "per_page", "num_pages", "warnings", "results", "facets"} <= set(body)
    assert body["count"] == 1 and body["page"] == 1 and body["per_page"] == 10 and body["num_pages"] == 1
    result = body["results"][0]
    assert set(result) == {"id", "title", "url", "type", "summary", "agencies", "topics", "date", "highlight"}
    assert result["type"] == "case-study"
    assert result["agencies"] == ["internal-revenue-service"]
    assert result["topics"] == ["digital-services"]
    assert result["date"] == "2025-03-14"
    assert result["url"] == "/case-studies/simpler-tax-filing/"
    assert set(body["facets"]) == {"type", "topic", "agency", "life_event", "level", "year"}
    assert {"value": "tool", "label": "Tool", "count": 1, "selected": False} in body["facets"]["type"]
    assert {"value": "case-study", "label": "Case study", "count": 1, "selected": True} in body["facets"]["type"]


def test_unknown_values_are_warnings_not_errors(client, pages):
    response = client.get("/api/search/", {"type": ["tool", "podcast"]})
    assert response.status_code == 200
    assert response.json()["count"] == 1
    assert any("podcast" in w for w in response.json()["warnings"])


@pytest.mark.parametrize(
    "params, field",
    [
        ({"page": "abc"}, "page"),
        ({"page": "0"}, "page"),
        ({"per_page": "500"}, "per_page"),
        ({"per_page": "-3"}, "per_page"),
        ({"sort": "shuffle"}, "sort"),
        ({"page": ""}, "page"),
    ],
)
def test_bad_parameters_answer_400_with_a_message_per_field(client, db, params, field):
    response = client.get("/api/search/", params)
    assert response.status_code == 400
    assert field in response.json()["errors"]


@pytest.mark.parametrize(
    "params",
    [
        {"q": "\x00"},
        {"q": '"unbalanced'},
        {"q": "AND OR NOT ( ) * : ^ ~ -"},
        {"q": "x" * 5000},
        {"q": "Ω≈ç√∫ 🎉"},
        {"topic": "\x00"},
        {"year": "99999"},
        {"q": "tax", "year": "2025", "level": "federal", "life_event": "x"},
    ],
)
def test_nothing_a_visitor_types_produces_an_error(client, pages, params):
    response = client.get("/api/search/", params)
    assert response.status_code == 200


def test_suggest_returns_titles(client, pages):
    response = client.get("/api/search/suggest/", {"q": "ta"})
    assert response.status_code == 200
    assert {item["title"] for item in response.json()} == {"Simpler tax filing", "Tax form checklist"}
    assert client.get("/api/search/suggest/").json() == []


def test_openapi_schema_is_served(client, db):
    response = client.get("/api/search/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert "/api/search/" in schema["paths"]
    responses = schema["paths"]["/api/search/"]["get"]["responses"]
    assert {"200", "400", "503"} <= set(responses)


def test_engine_outage_answers_503_json(client, pages, monkeypatch):
    from search.engines.base import EngineUnavailable
    from search.engines.database import DatabaseEngine

    class DownEngine(DatabaseEngine):
        name = "elasticsearch"

        def search(self, query, *args, **kwargs):
            raise EngineUnavailable("connection refused")

    monkeypatch.setattr("search.service.get_engine", lambda: DownEngine())
    response = client.get("/api/search/", {"q": "tax"})
    assert response.status_code == 503
    assert response["Content-Type"].startswith("application/json")
    assert "error" in response.json()


def test_api_searches_are_logged(client, pages):
    from search.models import SearchLog

    client.get("/api/search/", {"q": "Tax"})
    client.get("/api/search/", {"q": "nothing-like-this"})
    assert list(SearchLog.objects.order_by("pk").values_list("query_string", "result_count")) == [
        ("tax", 2),
        ("nothing-like-this", 0),
    ]


def test_the_api_explains_a_bad_parameter_in_the_search_pages_words(client, db):
    message = "Results per page must be a whole number from 1 to 50."
    response = client.get("/api/search/", {"per_page": "500"})
    assert response.json() == {"error": "Invalid parameters.", "errors": {"per_page": message}}
    page = client.get("/search/", {"per_page": "500"})
    assert page.status_code == 400
    assert message in page.content.decode()


def test_the_schema_states_the_limits_the_parser_enforces(client, db):
    parameters = client.get("/api/search/openapi.json").json()["paths"]["/api/search/"]["get"]["parameters"]
    schemas = {parameter["name"]: parameter["schema"] for parameter in parameters}
    assert (schemas["per_page"]["minimum"], schemas["per_page"]["maximum"]) == (1, 50)
    assert (schemas["page"]["minimum"], schemas["page"]["maximum"]) == (1, 10_000)
    assert schemas["sort"]["anyOf"][0]["enum"] == ["relevance", "newest", "oldest", "title"]

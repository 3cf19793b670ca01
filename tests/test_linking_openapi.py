"""The search API's OpenAPI description, exercised by schemathesis: no input makes it fail.

Schemathesis reads /api/search/openapi.json from the running Django application (through WSGI,
no server needed), generates requests for every operation from the schema, valid and invalid,
and each must be answered without a server error.
"""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from kb.models import Agency, CaseStudyPage, ToolPage, Topic

OPENAPI_PATH = "/api/search/openapi.json"


@pytest.fixture
def test_transaction_kept_open():
    """Requests made through WSGI close "old" database connections when they end, which would
    close the test's own connection (and its transaction) on PostgreSQL. Django's test client
    switches this off for its requests; schemathesis calls the WSGI application directly."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def search_data(make_page, test_transaction_kept_open):
    """A little indexed content, so that filters and searches have something to match."""
    va = Agency.objects.create(name="Department of Veterans Affairs", acronym="VA", slug="va")
    topic = Topic.objects.create(name="Journey mapping", slug="journey-mapping")
    make_page(CaseStudyPage, title="Faster benefits", agencies=[va], topics=[topic])
    make_page(ToolPage, title="Journey mapping kit", topics=[topic])


def test_search_api_publishes_an_openapi_description(client, site_tree):
    response = client.get(OPENAPI_PATH)

    schema = response.json()
    assert response.status_code == 200
    assert schema["openapi"].startswith("3.")
    assert "/api/search/" in schema["paths"]


# Loaded once, when the tests are collected: the schema view itself needs no database.
schema = schemathesis.openapi.from_wsgi(OPENAPI_PATH, get_wsgi_application())


@schema.parametrize()
@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
def test_search_api_never_answers_with_a_server_error(case, search_data):
    response = case.call()
    assert response.status_code < 500, f"{case.method} {case.formatted_path} {case.query!r} -> {response.status_code}"

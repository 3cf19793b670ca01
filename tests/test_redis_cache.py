"""The shared cache on a real Redis (REDIS_URL): what several workers or servers must share.

With local memory each process keeps its own pages and its own counts; these tests show that with
Redis the stored pages, the page-cache generation and the /submit/ count live in the server, where
every process reads them. A raw Redis client stands in for "another process".
"""

import os
import uuid

import pytest
import redis
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from config.cache_settings import caches_from_env
from kb.models import CaseStudyPage
from tests.test_submissions import URL as SUBMIT_URL
from tests.test_submissions import valid_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared_cache(settings, redis_url):
    """CACHES as an operator's REDIS_URL makes them, under a key prefix of this test's own (other
    test processes may share the server)."""
    prefix = f"test-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}-{uuid.uuid4().hex[:8]}"
    configured = caches_from_env({"REDIS_URL": redis_url})
    for alias in configured.values():
        alias["KEY_PREFIX"] = f"{prefix}-{alias.get('KEY_PREFIX', '')}"
    settings.CACHES = configured
    settings.PAGE_CACHE_ENABLED = True
    server = redis.Redis.from_url(redis_url)
    yield server, prefix
    for key in server.scan_iter(f"{prefix}-*"):
        server.delete(key)
    caches.close_all()


def keys(server, prefix):
    return {key.decode() for key in server.scan_iter(f"{prefix}-*")}


def test_both_caches_are_redis_when_redis_url_is_set(shared_cache):
    assert {name: caches[name].__class__.__name__ for name in ("default", "pages")} == {
        "default": "RedisCache",
        "pages": "RedisCache",
    }


def test_a_stored_page_lives_in_the_server_and_is_served_from_it(client, make_page, shared_cache):
    server, prefix = shared_cache
    study = make_page(CaseStudyPage, title="Faster benefit claims", slug="faster-claims")
    assert client.get(study.url).status_code == 200
    stored = {key for key in keys(server, prefix) if key.startswith(f"{prefix}-pages")}
    assert stored, "the page was not stored in Redis"

    with CaptureQueriesContext(connection) as queries:
        again = client.get(study.url)
    assert again.status_code == 200 and len(queries) == 0
    assert "Faster benefit claims" in again.content.decode()


def test_no_restriction_password_reaches_the_server(client, make_page, shared_cache):
    """A shared cache is a weaker store than the database: the kept route of a password-protected
    page holds its restrictions without their password."""
    server, prefix = shared_cache
    study = make_page(CaseStudyPage, title="Faster benefit claims", slug="faster-claims")
    PageViewRestriction.objects.create(
        page=study, restriction_type=PageViewRestriction.PASSWORD, password="kept-out-of-redis"
    )
    assert client.get(study.url).status_code == 200  # the password form

    stored = [server.get(key) for key in keys(server, prefix)]
    assert any(b"PageViewRestriction" in value for value in stored), "no restriction was kept"
    assert not any(b"kept-out-of-redis" in value for value in stored)


def test_a_publish_replaces_the_generation_every_process_reads(client, make_page, shared_cache):
    server, prefix = shared_cache
    study = make_page(CaseStudyPage, title="Faster benefit claims", slug="faster-claims")
    client.get(study.url)
    generation_key = next(key for key in keys(server, prefix) if key.endswith("page-cache:generation"))
    before = server.get(generation_key)  # a pickled token: compared as bytes

    study.title = "Benefit claims in a day"
    study.save_revision().publish()

    assert server.get(generation_key) != before
    assert "Benefit claims in a day" in client.get(study.url).content.decode()


def test_the_submission_limit_is_counted_in_the_server(client, reviewer, settings, shared_cache):
    server, prefix = shared_cache
    settings.SUBMISSIONS_RATE_LIMIT = 1
    assert client.post(SUBMIT_URL, valid_data(title="First"), REMOTE_ADDR="10.0.0.1").status_code == 302
    counts = {key: server.get(key) for key in keys(server, prefix) if "submissions:attempts:10.0.0.1" in key}
    assert list(counts.values()) == [b"1"]  # Django's RedisCache stores whole numbers as they are
    # A worker that never saw the first attempt reads the same count from the server.
    caches.close_all()
    del caches["default"]
    assert client.post(SUBMIT_URL, valid_data(title="Second"), REMOTE_ADDR="10.0.0.1").status_code == 429

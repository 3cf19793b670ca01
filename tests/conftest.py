"""Fixtures shared by the whole suite: the site skeleton, taxonomy and a page factory.

Pages are created the way Wagtail creates them (add_child, then a published revision), so tests
exercise the same code paths as the admin.
"""

import datetime
import io
import os

import pytest
from django.core.cache import caches
from django.core.management import call_command

from editorial.roles import EDITORS, REVIEWERS
from home.site_structure import ensure_site_structure
from kb.models import AgencyExampleIndexPage, CaseStudyIndexPage, ToolIndexPage
from search.opensearch.node import NodeError, OpenSearchNode

from . import redis_server
from .editorial_users import make_user
from .live_search import (
    LiveSearch,
    configured_server,
    node_missing_message,
    node_port,
    node_version,
)
from .required import required, skip_or_fail

# The search contract's ``engine`` fixture, for every test module that asks for it.
pytest_plugins = ["tests.search_support"]

SECTION_FOR_MODEL = {
    "CaseStudyPage": CaseStudyIndexPage,
    "ToolPage": ToolIndexPage,
    "AgencyExamplePage": AgencyExampleIndexPage,
}

REQUIRED_FIELDS = {
    "CaseStudyPage": {
        "challenge": "<p>Hard to find.</p>",
        "approach": "<p>Interviews.</p>",
        "results": "<p>Faster.</p>",
    },
    "ToolPage": {},
    "AgencyExamplePage": {},
}


@pytest.fixture(autouse=True)
def forget_cached_pages():
    """Each test's database starts afresh, so what the page cache (and the navigation kept per
    generation) remembers of an earlier test must go too."""
    caches["pages"].clear()


@pytest.fixture
def site_tree(db):
    """The home page and the three section pages, as `make run` creates them."""
    home, sections = ensure_site_structure()
    return {"home": home, **{model.__name__: page for model, page in sections.items()}}


@pytest.fixture
def editorial(site_tree):
    """The site skeleton with the editorial groups and the review workflow, as `make run` sets them up."""
    call_command("setup_editorial", stdout=io.StringIO())
    return site_tree


@pytest.fixture
def editor(editorial):
    """A member of the Editors group."""
    return make_user("editor", EDITORS)


@pytest.fixture
def reviewer(editorial):
    """A member of the Reviewers group."""
    return make_user("reviewer", REVIEWERS)


@pytest.fixture
def make_page(site_tree):
    """Create a toolkit page under its section. Published unless `publish=False`.

    Taxonomy is passed as lists of model instances: agencies=[...], topics=[...], life_events=[...].
    """

    def factory(model, title="A toolkit page", publish=True, agencies=(), topics=(), life_events=(), **fields):
        section = site_tree[SECTION_FOR_MODEL[model.__name__].__name__]
        values = {"summary": f"Summary of {title}.", "publication_date": datetime.date(2025, 3, 14)}
        values.update(REQUIRED_FIELDS[model.__name__])
        values.update(fields)
        page = section.add_child(instance=model(title=title, live=False, **values))
        page.agencies.set(agencies)
        page.topics.set(topics)
        page.life_events.set(life_events)
        revision = page.save_revision()
        if publish:
            revision.publish()
        page.refresh_from_db()
        return page

    return factory


# Playwright's sync API runs an event loop in the test thread; Django refuses ORM calls made while
# a loop runs unless told that this is safe, which it is here (the loop never runs our code).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def chromium_path():
    return os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def chromium_missing_message():
    """Why the browser tests cannot run, or None when Chromium is there."""
    path = chromium_path()
    if os.path.isfile(path) and os.access(path, os.X_OK):
        return None
    return f"Chromium not found at {path}: install it (apt-get install chromium) or set CHROMIUM_PATH."


def flushes_database(item):
    """True for tests that end by emptying the database: transactional tests, live servers, browsers."""
    marker = item.get_closest_marker("django_db")
    transactional_marker = marker is not None and marker.kwargs.get("transaction", False)
    transactional_fixture = {"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ()))
    return bool(transactional_marker or transactional_fixture or item.get_closest_marker("browser"))


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Run the tests that flush the database last, and skip `browser` tests up front when Chromium
    is missing (before any slow fixture runs) unless REQUIRE_BROWSER=1: then they run, and fail in
    `browser_type_launch_args`. Likewise `elasticsearch` tests when no server is configured and no
    OpenSearch node can be started, unless REQUIRE_OPENSEARCH=1.

    A flush also removes what Wagtail's migrations created (root page, root collection, locale), so
    ordinary database tests must not run after one. pytest-django orders transactional tests last,
    but pytest's grouping of session-scoped parameters (Playwright's browser name) runs after it and
    pulls them forward again; this hook runs last of all and restores the order (a stable sort).
    """
    items.sort(key=flushes_database)
    skip_up_front(items, "browser", None if required("BROWSER") else chromium_missing_message())
    if configured_server() is None and not required("OPENSEARCH"):
        skip_up_front(items, "elasticsearch", node_missing_message())


def skip_up_front(items, marker, message):
    if message is None:
        return
    for item in items:
        if item.get_closest_marker(marker):
            item.add_marker(pytest.mark.skip(reason=message))


@pytest.fixture(scope="session")
def live_search():
    """The real Elasticsearch/OpenSearch of this session: the configured server, or a node started
    here once and stopped at the end (see tests/live_search.py)."""
    server = configured_server()
    if server is not None:
        yield server
        return
    message = node_missing_message()
    if message:
        skip_or_fail("OPENSEARCH", message)
    node = OpenSearchNode(version=node_version(), port=node_port())
    try:
        node.start()
    except NodeError as error:
        skip_or_fail("OPENSEARCH", f"OpenSearch tests skipped: the node did not start: {error}")
    yield LiveSearch(node.url, "opensearch", node.version)
    node.stop()


@pytest.fixture(scope="session")
def redis_url():
    """A real Redis of this session (tests/redis_server.py)."""
    yield from redis_server.redis_url()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Drive the distribution's Chromium: Playwright's own browser download cannot be used here."""
    message = chromium_missing_message()
    if message is not None:
        pytest.fail(f"REQUIRE_BROWSER=1 but {message}" if required("BROWSER") else message, pytrace=False)
    return {
        **browser_type_launch_args,
        "executable_path": chromium_path(),
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    """Pages open with the site's Content-Security-Policy bypassed: the accessibility tests inject
    axe-core as an inline script, which the policy rightly forbids. Tests of the policy itself open
    their own context without the bypass (tests/test_security_browser.py)."""
    return {**browser_context_args, "bypass_csp": True}


@pytest.fixture
def hidden_pages(make_page):
    """One case study of each kind the public must never reach: a draft, a password-protected
    page, and a live page whose expiry time has passed (before `publish_scheduled` has run)."""
    from django.utils import timezone
    from wagtail.models import PageViewRestriction

    from kb.models import CaseStudyPage

    draft = make_page(CaseStudyPage, title="Secret draft", slug="secret-draft", publish=False)
    private = make_page(CaseStudyPage, title="Secret private", slug="secret-private")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password="pw")
    expired = make_page(CaseStudyPage, title="Secret expired", slug="secret-expired")
    CaseStudyPage.objects.filter(pk=expired.pk).update(expire_at=timezone.now() - datetime.timedelta(hours=1))
    expired.refresh_from_db()
    return {"draft": draft, "private": private, "expired": expired}

"""The route cache (caching/routing.py): a page is found without a query once it has been found,
and every change the public could see is routed afresh by the very next request.

The page cache stays off here (as in the rest of the suite), so each response is rendered: what
these tests see is the routing alone.
"""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction, Site

from kb.models import Agency, CaseStudyMetric, CaseStudyPage, ToolIndexPage

pytestmark = pytest.mark.django_db

# The site for the host, the home page by its id, the pages on the path by their slugs, and the
# privacy restrictions on the page's path.
ROUTING_QUERIES = ('FROM "wagtailcore_site"', '"home_homepage"."page_ptr_id" = ', '"slug" IN (', '"path" IN (')


@pytest.fixture
def study(make_page):
    return make_page(CaseStudyPage, title="Faster benefit claims", slug="faster-claims")


def get(client, url, **kwargs):
    """The response, and the SQL of the queries it took."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **kwargs)
    return response, [query["sql"] for query in queries]


def routing_queries(sql):
    """Queries that find the site, the home page, the page by its slugs or its restrictions."""
    return [query for query in sql if any(part in query for part in ROUTING_QUERIES)]


def heading(response):
    return BeautifulSoup(response.content, "html.parser").find("h1").get_text(strip=True)


@pytest.mark.parametrize("url", ["/", "/case-studies/", "/case-studies/faster-claims/"])
def test_a_page_found_once_is_found_again_without_a_query(client, study, url):
    first, first_sql = get(client, url)
    second, second_sql = get(client, url)

    assert first.status_code == second.status_code == 200
    assert routing_queries(first_sql) and not routing_queries(second_sql)
    assert len(second_sql) <= len(first_sql) - 3
    assert second.content == first.content


def test_a_url_that_finds_no_page_is_not_kept(client, study):
    get(client, "/case-studies/no-such-story/")
    response, sql = get(client, "/case-studies/no-such-story/")

    assert response.status_code == 404 and routing_queries(sql)


def test_a_published_change_is_shown_by_the_next_request(client, study):
    get(client, study.url)
    study.title = "Benefit claims in half the time"
    study.save_revision().publish()

    assert heading(client.get(study.url)) == "Benefit claims in half the time"


def test_a_draft_leaves_the_live_page_as_it_was(client, study):
    get(client, study.url)
    study.title = "A draft title nobody sees yet"
    study.save_revision()

    assert heading(client.get(study.url)) == "Faster benefit claims"


def assert_now_at(client, new, instead_of):
    """The page answers at ``new``; its old address no longer serves it (a 404, or a redirect to
    ``new``)."""
    assert client.get(new).status_code == 200
    old = client.get(instead_of)
    assert old.status_code != 200
    assert old.status_code == 404 or old.headers["Location"].endswith(new)


def test_a_renamed_page_answers_at_its_new_address_at_once(client, study):
    get(client, study.url)
    study.slug = "claims-in-half-the-time"
    study.save_revision().publish()

    assert_now_at(client, "/case-studies/claims-in-half-the-time/", instead_of="/case-studies/faster-claims/")


def test_a_moved_page_answers_at_its_new_address_at_once(client, study):
    get(client, study.url)
    Page.objects.get(pk=study.pk).move(ToolIndexPage.objects.get(), pos="last-child")

    assert_now_at(client, "/tools/faster-claims/", instead_of="/case-studies/faster-claims/")


def test_an_unpublished_page_is_gone_at_once(client, study):
    get(client, study.url)
    study.unpublish()

    assert client.get(study.url).status_code == 404


def test_a_deleted_page_is_gone_at_once(client, study):
    get(client, study.url)
    Page.objects.get(pk=study.pk).delete()

    assert client.get(study.url).status_code == 404


def test_a_new_login_restriction_on_the_section_applies_at_once(client, study):
    get(client, study.url)
    PageViewRestriction.objects.create(page=study.get_parent(), restriction_type=PageViewRestriction.LOGIN)

    response = client.get(study.url)
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def password_form(response):
    """The password form Wagtail shows in place of a protected page, or None."""
    return BeautifulSoup(response.content, "html.parser").select_one("form input[type=password][name=password]")


def test_a_kept_password_restriction_still_asks_refuses_and_lets_in(client, study):
    restriction = PageViewRestriction.objects.create(
        page=study.get_parent(), restriction_type=PageViewRestriction.PASSWORD, password="open sesame"
    )
    first = client.get(study.url)
    assert password_form(first) is not None and "Faster benefit claims" not in first.content.decode()
    unlock = f"/_util/authenticate_with_password/{restriction.pk}/{study.pk}/"

    wrong = client.post(unlock, {"password": "open barley", "return_url": study.url})
    assert wrong.status_code == 200 and password_form(wrong) is not None
    still_locked, sql = get(client, study.url)
    assert password_form(still_locked) is not None and not routing_queries(sql)

    right = client.post(unlock, {"password": "open sesame", "return_url": study.url})
    assert right.status_code == 302 and right.headers["Location"] == study.url
    response, sql = get(client, study.url)
    assert response.status_code == 200 and heading(response) == "Faster benefit claims"
    assert not routing_queries(sql)


def test_the_route_cache_keeps_no_restriction_password(client, study):
    """The restrictions are kept with the route, but not their shared password: a cache is a weaker
    store than the database (shared, often unauthenticated, dumped when debugging)."""
    PageViewRestriction.objects.create(
        page=study.get_parent(), restriction_type=PageViewRestriction.PASSWORD, password="kept-out-of-caches"
    )
    client.get(study.url)
    response, sql = get(client, study.url)
    assert password_form(response) is not None and not routing_queries(sql)  # served from the cache

    store = caches[settings.PAGE_CACHE_ALIAS]._cache  # local memory keeps each value pickled
    assert store and not any(b"kept-out-of-caches" in value for value in store.values())


def test_a_removed_restriction_opens_the_page_at_once(client, study):
    restriction = PageViewRestriction.objects.create(page=study, restriction_type=PageViewRestriction.LOGIN)
    assert client.get(study.url).status_code == 302
    restriction.delete()

    assert client.get(study.url).status_code == 200


def test_a_kept_page_is_gone_the_moment_it_expires(client, study, monkeypatch):
    study.expire_at = timezone.now() + datetime.timedelta(minutes=10)
    study.save_revision().publish()
    assert client.get(study.url).status_code == 200

    later = timezone.now() + datetime.timedelta(minutes=11)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert client.get(study.url).status_code == 404


def test_another_site_on_another_host_is_routed_to_its_own_pages(client, study):
    get(client, study.url)
    Site.objects.create(hostname="other.example.gov", port=80, root_page=study, is_default_site=False)

    other = client.get("/", headers={"host": "other.example.gov"})
    assert other.status_code == 200 and heading(other) == "Faster benefit claims"
    assert client.get(study.url).status_code == 200


def test_a_renamed_term_is_shown_by_the_next_request(client, make_page):
    agency = Agency.objects.create(name="Benefits Office", acronym="BO")
    page = make_page(CaseStudyPage, title="Claims", agencies=[agency])
    assert "Benefits Office" in client.get(page.url).content.decode()

    agency.name = "Office of Benefits"
    agency.save()
    html = client.get(page.url).content.decode()
    assert "Office of Benefits" in html and "Benefits Office" not in html


def test_published_metrics_are_shown_by_the_next_request(client, study):
    assert "Average wait" not in client.get(study.url).content.decode()

    study.metrics = [CaseStudyMetric(label="Average wait", value="4", unit="minutes")]
    study.save_revision().publish()
    metrics = BeautifulSoup(client.get(study.url).content, "html.parser").select(".kb-metrics")
    assert metrics and "Average wait" in metrics[0].get_text(" ")

"""The page cache: anonymous visitors get stored pages, and no change the public could see waits.

Every test goes through the test client with the real local-memory cache and the page cache on.
"Served from the cache" means the request made no database query and rendered no template.
"""

import datetime
import time

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction, Site

from kb.models import Agency, CaseStudyMetric, CaseStudyPage, Topic

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGE_CACHE_ENABLED = True


@pytest.fixture
def study(make_page):
    return make_page(CaseStudyPage, title="Faster benefit claims", slug="faster-claims")


def get(client, url, **headers):
    """The response, and whether it came from the cache (no database query and no template
    rendered: a page found again through the route cache can render without a query)."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    return response, len(queries) == 0 and not response.templates


def text(response):
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


def listings_show(client, title):
    """Whether home, the case study listing and the feed each list ``title``."""
    return {url: title in client.get(url).content.decode() for url in ("/", "/case-studies/", "/feeds/")}


def test_an_anonymous_visitor_gets_the_stored_page_without_a_query(client, study):
    first, first_cached = get(client, study.url)
    second, second_cached = get(client, study.url)

    assert first.status_code == second.status_code == 200
    assert not first_cached and second_cached
    assert second.content == first.content


def test_the_stored_page_keeps_every_security_header(client, study):
    first, _ = get(client, study.url)
    second, cached = get(client, study.url)

    assert cached
    for header in ("Content-Security-Policy", "Permissions-Policy", "X-Frame-Options", "Referrer-Policy"):
        assert second.headers[header] == first.headers[header]


@pytest.mark.parametrize("url", ["/", "/case-studies/", "/feeds/", "/feeds/rss/", "/sitemap.xml", "/robots.txt"])
def test_home_listings_feeds_and_sitemap_are_stored(client, study, url):
    get(client, url)
    response, cached = get(client, url)

    assert response.status_code == 200 and cached
    assert response.headers["Cache-Control"].startswith("public, max-age=60, s-maxage=300")


def test_query_parameters_in_another_order_share_one_stored_page(client, study):
    get(client, "/case-studies/?page=1&utm_source=mail")
    _, cached = get(client, "/case-studies/?utm_source=mail&page=1")
    assert cached


def test_a_visitor_with_only_a_csrf_cookie_is_anonymous(client, study):
    get(client, study.url)
    client.cookies["csrftoken"] = "x" * 32
    _, cached = get(client, study.url)
    assert cached


# Changes ------------------------------------------------------------------------------------------


def test_publishing_a_new_page_shows_it_on_home_listings_and_feeds_at_once(client, study, make_page):
    listings_show(client, "A brand new story")
    make_page(CaseStudyPage, title="A brand new story")
    assert listings_show(client, "A brand new story") == dict.fromkeys(["/", "/case-studies/", "/feeds/"], True)


def test_publishing_a_change_shows_it_at_once(client, study):
    get(client, study.url)
    study.title = "Benefit claims in half the time"
    study.save_revision().publish()

    response, cached = get(client, study.url)
    assert not cached and "Benefit claims in half the time" in text(response)


def test_unpublishing_removes_the_page_and_its_listings_at_once(client, study):
    get(client, study.url)
    listings_show(client, study.title)
    study.unpublish()

    assert client.get(study.url).status_code == 404
    assert listings_show(client, study.title) == dict.fromkeys(["/", "/case-studies/", "/feeds/"], False)


def test_deleting_removes_the_page_and_its_listings_at_once(client, study):
    get(client, study.url)
    listings_show(client, study.title)
    Page.objects.get(pk=study.pk).delete()

    assert client.get(study.url).status_code == 404
    assert listings_show(client, study.title) == dict.fromkeys(["/", "/case-studies/", "/feeds/"], False)


def test_moving_a_page_drops_the_stored_pages(client, study, make_page):
    other = make_page(CaseStudyPage, title="Another story")
    get(client, study.url)
    Page.objects.get(pk=study.pk).move(Page.objects.get(pk=other.pk), pos="left")

    _, cached = get(client, study.url)
    assert not cached


def test_a_new_privacy_restriction_applies_at_once(client, study):
    get(client, study.url)
    listings_show(client, study.title)
    PageViewRestriction.objects.create(page=study, restriction_type=PageViewRestriction.LOGIN)

    response = client.get(study.url)
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert listings_show(client, study.title) == dict.fromkeys(["/", "/case-studies/", "/feeds/"], False)


def test_renaming_an_agency_shows_the_new_name_at_once(client, make_page):
    agency = Agency.objects.create(name="Benefits Office", acronym="BO")
    page = make_page(CaseStudyPage, title="Claims", agencies=[agency])
    assert "Benefits Office" in text(client.get(page.url))

    agency.name = "Office of Benefits"
    agency.save()
    assert "Office of Benefits" in text(client.get(page.url))


def test_a_new_topic_appears_on_home_at_once(client, study):
    client.get("/")
    Topic.objects.create(name="Plain language")
    assert "Plain language" in text(client.get("/"))


def test_changing_the_site_address_changes_canonical_links_at_once(client, study):
    get(client, study.url)
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "cx.example.gov", 443
    site.save()

    soup = BeautifulSoup(client.get(study.url).content, "html.parser")
    assert soup.find("link", rel="canonical")["href"] == "https://cx.example.gov/case-studies/faster-claims/"


def test_draft_saves_keep_the_stored_page(client, study):
    get(client, study.url)
    study.title = "A draft title nobody sees yet"
    study.save_revision()

    response, cached = get(client, study.url)
    assert cached and "A draft title nobody sees yet" not in text(response)


# Time ---------------------------------------------------------------------------------------------


def expiring(study, seconds):
    study.expire_at = timezone.now() + datetime.timedelta(seconds=seconds)
    study.save_revision().publish()
    return study


def test_no_page_is_kept_past_the_next_expiry_of_a_live_page(client, study):
    expiring(study, 20)
    response = client.get("/case-studies/")

    max_age, shared_max_age = (int(part.split("=")[1]) for part in response.headers["Cache-Control"].split(", ")[1:])
    assert max_age <= 20 and shared_max_age <= 20


def test_a_stored_page_is_gone_once_a_page_expires(client, study, monkeypatch):
    expiring(study, 600)
    get(client, "/case-studies/")
    later = time.time() + 601
    monkeypatch.setattr(time, "time", lambda: later)

    _, cached = get(client, "/case-studies/")
    assert not cached


# Never stored -------------------------------------------------------------------------------------


def test_signed_in_people_are_never_served_or_stored(client, study, django_user_model):
    client.force_login(django_user_model.objects.create_user("someone"))
    first, _ = get(client, study.url)
    second, cached = get(client, study.url)

    assert not cached
    assert second.headers["Cache-Control"] == "private, no-store"
    client.logout()
    _, cached_for_anonymous = get(client, study.url)
    assert not cached_for_anonymous


def test_a_password_protected_page_is_never_stored(client, study):
    PageViewRestriction.objects.create(page=study, restriction_type=PageViewRestriction.PASSWORD, password="pw")
    get(client, study.url)
    response, cached = get(client, study.url)

    assert not cached and "password" in text(response).lower()
    assert "no-store" in response.headers["Cache-Control"] and "private" in response.headers["Cache-Control"]


@pytest.mark.parametrize("restriction_type", [PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN])
def test_a_restricted_page_is_not_vouched_for_whatever_its_answer_carries(client, study, restriction_type):
    """The password form and the login redirect are not the page: nothing may mark them public,
    even if a later change made them free of cookies or a 200."""
    PageViewRestriction.objects.create(page=study, restriction_type=restriction_type, password="pw")
    response = client.get(study.url)

    assert response.status_code in (200, 302)
    assert not getattr(response.wsgi_request, "serves_public_page", False)


def test_the_submission_form_and_its_cookie_are_never_stored(client, site_tree):
    client.get("/submit/")
    client.cookies.clear()
    response, cached = get(client, "/submit/")

    assert not cached and "csrftoken" in response.cookies
    assert "no-store" in response.headers["Cache-Control"]


def test_search_is_not_stored(client, study):
    get(client, "/search/?q=claims")
    _, cached = get(client, "/search/?q=claims")
    assert not cached


def test_with_the_page_cache_off_pages_keep_their_public_headers(client, study, settings):
    settings.PAGE_CACHE_ENABLED = False
    get(client, study.url)
    response, cached = get(client, study.url)

    assert not cached
    assert response.headers["Cache-Control"] == "public, max-age=60, s-maxage=300"


def test_a_metric_changed_outside_publishing_shows_at_once(client, study):
    metric = CaseStudyMetric.objects.create(page=study, label="Average wait", value="22", unit="minutes")
    assert "22 minutes" in text(client.get(study.url))
    assert get(client, study.url)[1]

    metric.value = "4"
    metric.save()
    response, cached = get(client, study.url)
    assert not cached and "4 minutes" in text(response) and "22 minutes" not in text(response)

    metric.delete()
    response, cached = get(client, study.url)
    assert not cached and "Average wait" not in text(response)

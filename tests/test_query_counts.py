"""Public pages issue a fixed number of queries, however many terms, cards or features they show.

Each test renders a small and a large variant of the same page and compares the query counts: a
difference means a query runs per item (an N+1), which grows with the content. A warm-up request
first fills the per-process caches (site root paths, content types); then a new page-cache
generation drops what is kept until the next change to the site (the navigation, the route cache),
so both variants are counted as the first visit after a change, everything read afresh.
The counts are printed (run with -s) and recorded as test properties.
"""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from caching import page_cache
from home.models import HomePageFeaturedPage
from kb.models import Agency, AgencyExamplePage, CaseStudyMetric, CaseStudyPage, LifeEvent, ToolPage, Topic

pytestmark = pytest.mark.django_db


def count_queries(client, url):
    """The queries of a visit to ``url`` with nothing of the page kept: the first after a change
    to the site, which reads the route, the page, its taxonomy... afresh (the route cache keeps
    them for the visits after it, see test_a_demo_case_study_found_again_takes_at_most_four_queries)."""
    client.get(url)
    page_cache.bump_generation()
    client.get("/healthz")  # no page: nothing is read for the new generation before the visit
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def taxonomy(n):
    return {
        "agencies": [Agency.objects.create(name=f"Agency {i}", acronym=f"A{i}") for i in range(n)],
        "topics": [Topic.objects.create(name=f"Topic {i}") for i in range(n)],
        "life_events": [LifeEvent.objects.create(name=f"Life event {i}") for i in range(n)],
    }


def report(record_property, name, small, large):
    record_property(f"{name}_queries", large)
    print(f"\n{name}: {small} queries (small), {large} queries (large)")


def test_case_study_queries_do_not_grow_with_its_taxonomy(client, make_page, record_property):
    terms = taxonomy(6)
    small = make_page(CaseStudyPage, title="One of each", **{key: values[:1] for key, values in terms.items()})
    large = make_page(CaseStudyPage, title="Six of each", **terms)
    for page in (small, large):
        CaseStudyMetric.objects.create(page=page, label="Wait", value="4", unit="minutes")

    small_count = count_queries(client, small.url)
    large_count = count_queries(client, large.url)

    report(record_property, "case_study_page", small_count, large_count)
    assert large_count == small_count


def test_case_study_queries_do_not_grow_with_its_metrics(client, make_page):
    small = make_page(CaseStudyPage, title="One metric")
    large = make_page(CaseStudyPage, title="Eight metrics")
    CaseStudyMetric.objects.create(page=small, label="Wait", value="4")
    for i in range(8):
        CaseStudyMetric.objects.create(page=large, label=f"Metric {i}", value=str(i))

    assert count_queries(client, large.url) == count_queries(client, small.url)


@pytest.mark.parametrize("model", [ToolPage, AgencyExamplePage])
def test_tool_and_example_queries_do_not_grow_with_their_taxonomy(client, make_page, record_property, model):
    terms = taxonomy(6)
    small = make_page(model, title="One of each", **{key: values[:1] for key, values in terms.items()})
    large = make_page(model, title="Six of each", **terms)

    small_count = count_queries(client, small.url)
    large_count = count_queries(client, large.url)

    report(record_property, model._meta.model_name, small_count, large_count)
    assert large_count == small_count


def fill_section(make_page, count, agencies):
    for n in range(count):
        make_page(CaseStudyPage, title=f"Story {n}", agencies=agencies, topics=[])


def test_section_listing_queries_do_not_grow_with_the_pages_listed(client, make_page, site_tree, record_property):
    agencies = list(taxonomy(2)["agencies"])
    fill_section(make_page, 3, agencies)
    small_count = count_queries(client, "/case-studies/")

    fill_section(make_page, 9, agencies)
    large_count = count_queries(client, "/case-studies/")

    report(record_property, "section_listing", small_count, large_count)
    assert large_count == small_count


def test_home_page_queries_do_not_grow_with_latest_featured_or_topics(client, make_page, site_tree, record_property):
    home = site_tree["home"]
    agency = Agency.objects.create(name="Department of Veterans Affairs", acronym="VA")
    first = make_page(ToolPage, title="Tool 0", agencies=[agency])
    HomePageFeaturedPage.objects.create(page=home, featured_page=first, sort_order=0)
    Topic.objects.create(name="Topic 0")
    small_count = count_queries(client, "/")

    for n in range(1, 6):
        page = make_page(CaseStudyPage if n % 2 else ToolPage, title=f"Page {n}", agencies=[agency])
        HomePageFeaturedPage.objects.create(page=home, featured_page=page, sort_order=n)
        Topic.objects.create(name=f"Topic {n}")
    large_count = count_queries(client, "/")

    report(record_property, "home_page", small_count, large_count)
    assert large_count == small_count


@pytest.fixture
def demo_case_study(site_tree, settings, tmp_path):
    """The demo's richest case study (two agencies, three topics, a life event, metrics, a chart
    image, related links)."""
    settings.MEDIA_ROOT = tmp_path
    call_command("load_demo_content", stdout=io.StringIO())
    page = CaseStudyPage.objects.get(slug="claim-status-veterans-understand")
    assert page.agencies.count() > 1 and page.metrics.exists()
    assert {block.block_type for block in page.body} >= {"image", "related_links"}
    return page


def test_a_demo_case_study_found_again_takes_at_most_four_queries(client, demo_case_study, record_property):
    """Rendered without the page cache; its route, privacy restrictions, taxonomy, metrics and
    review date kept from the first visit (until the next change to the site)."""
    client.get(demo_case_study.url)
    with CaptureQueriesContext(connection) as queries:
        client.get(demo_case_study.url)
    count = len(queries)
    record_property("demo_case_study_queries", count)
    assert count <= 4


def test_a_demo_case_study_after_a_change_to_the_site_takes_at_most_twelve_queries(client, demo_case_study):
    """Its first visit after a publish: everything the page needs is read afresh (the navigation,
    which every page shares, was read again by the visit to home before it)."""
    client.get(demo_case_study.url)
    page_cache.bump_generation()
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(demo_case_study.url)

    assert response.status_code == 200 and len(queries) <= 12

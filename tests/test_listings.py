"""Section listings and the home page: what they list, in which order, and how they paginate."""

import datetime

import pytest
from wagtail.models import PageViewRestriction

from home.models import HomePageFeaturedPage
from kb.models import Agency, AgencyExamplePage, CaseStudyPage, ToolPage

pytestmark = pytest.mark.django_db

LISTING_URL = "/case-studies/"


def day(n):
    return datetime.date(2025, 1, 1) + datetime.timedelta(days=n)


def listed_titles(response):
    return [page.title for page in response.context["page_obj"].object_list]


@pytest.fixture
def thirteen_case_studies(site_tree):
    """One more than fits on a page: "Story 1" is the oldest, "Story 13" the newest.

    Added live without revisions: a listing reads only the page rows, and this keeps the many
    pagination tests quick."""
    section = site_tree["CaseStudyIndexPage"]
    return [
        section.add_child(
            instance=CaseStudyPage(
                title=f"Story {n}",
                summary="A story.",
                publication_date=day(n),
                challenge="<p>Hard.</p>",
                approach="<p>Work.</p>",
                results="<p>Better.</p>",
            )
        )
        for n in range(1, 14)
    ]


def test_section_lists_its_pages_newest_first(client, make_page):
    make_page(CaseStudyPage, title="Older", publication_date=day(1))
    make_page(CaseStudyPage, title="Newest", publication_date=day(30))
    make_page(CaseStudyPage, title="Middle", publication_date=day(10))

    response = client.get(LISTING_URL)

    assert response.status_code == 200
    assert listed_titles(response) == ["Newest", "Middle", "Older"]
    html = response.content.decode()
    assert html.index(">Newest</a>") < html.index(">Middle</a>") < html.index(">Older</a>")


def test_section_breaks_ties_on_the_same_day_by_most_recently_created(client, make_page):
    make_page(CaseStudyPage, title="First written", publication_date=day(5))
    make_page(CaseStudyPage, title="Second written", publication_date=day(5))

    response = client.get(LISTING_URL)

    assert listed_titles(response) == ["Second written", "First written"]


def test_section_lists_only_its_own_page_type(client, make_page):
    make_page(CaseStudyPage, title="A case study")
    make_page(ToolPage, title="A tool")
    make_page(AgencyExamplePage, title="An example")

    assert listed_titles(client.get(LISTING_URL)) == ["A case study"]
    assert listed_titles(client.get("/tools/")) == ["A tool"]
    assert listed_titles(client.get("/agency-examples/")) == ["An example"]


def test_section_shows_twelve_pages_per_page(client, thirteen_case_studies):
    response = client.get(LISTING_URL)

    assert listed_titles(response) == [f"Story {n}" for n in range(13, 1, -1)]
    assert response.context["paginator"].num_pages == 2
    assert 'aria-label="Next page"' in response.content.decode()


def test_section_second_page_holds_the_rest(client, thirteen_case_studies):
    response = client.get(LISTING_URL, {"page": "2"})

    assert listed_titles(response) == ["Story 1"]
    assert 'aria-label="Previous page"' in response.content.decode()


@pytest.mark.parametrize(
    ("raw", "expected_page"),
    [("abc", 1), ("-1", 1), ("0", 1), ("99999", 2), ("1e9", 1), ("%00", 1), ("", 1), ("2.0", 1)],
)
def test_section_answers_any_page_parameter_with_an_existing_page(client, thirteen_case_studies, raw, expected_page):
    response = client.get(f"{LISTING_URL}?page={raw}")

    assert response.status_code == 200
    assert response.context["page_obj"].number == expected_page


def test_section_does_not_list_drafts(client, make_page):
    make_page(CaseStudyPage, title="Published story")
    make_page(CaseStudyPage, title="Draft story", publish=False)

    assert listed_titles(client.get(LISTING_URL)) == ["Published story"]


def test_section_does_not_list_unpublished_pages(client, make_page):
    make_page(CaseStudyPage, title="Published story")
    withdrawn = make_page(CaseStudyPage, title="Withdrawn story")
    withdrawn.unpublish()

    assert listed_titles(client.get(LISTING_URL)) == ["Published story"]


def test_section_does_not_list_private_pages(client, make_page):
    make_page(CaseStudyPage, title="Published story")
    private = make_page(CaseStudyPage, title="Private story")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    assert listed_titles(client.get(LISTING_URL)) == ["Published story"]


def test_section_lists_the_latest_published_title_not_the_draft(client, make_page):
    page = make_page(CaseStudyPage, title="Published title")
    page.title = "Draft title"
    page.save_revision()

    assert listed_titles(client.get(LISTING_URL)) == ["Published title"]


def test_empty_section_says_so(client, site_tree):
    response = client.get(LISTING_URL)

    assert response.status_code == 200
    assert "Nothing has been published in this section yet." in response.content.decode()


def test_listing_card_shows_type_date_and_agency(client, make_page):
    va = Agency.objects.create(name="Department of Veterans Affairs", acronym="VA")
    make_page(CaseStudyPage, title="Shorter waits", publication_date=datetime.date(2025, 3, 14), agencies=[va])

    html = client.get(LISTING_URL).content.decode()

    assert '<p class="kb-card__type">Case study</p>' in html
    assert '<time datetime="2025-03-14">March 14, 2025</time> · VA' in html


def test_home_page_shows_the_latest_additions_newest_first(client, make_page):
    make_page(CaseStudyPage, title="Old case study", publication_date=day(1))
    make_page(ToolPage, title="New tool", publication_date=day(20))
    make_page(AgencyExamplePage, title="Middle example", publication_date=day(10))
    make_page(ToolPage, title="Draft tool", publication_date=day(30), publish=False)

    response = client.get("/")

    assert response.status_code == 200
    assert [page.title for page in response.context["latest"]] == ["New tool", "Middle example", "Old case study"]
    assert "Draft tool" not in response.content.decode()


def test_home_page_shows_at_most_six_latest_additions(client, make_page):
    for n in range(1, 9):
        make_page(ToolPage, title=f"Tool {n}", publication_date=day(n))

    response = client.get("/")

    assert [page.title for page in response.context["latest"]] == [f"Tool {n}" for n in range(8, 2, -1)]


def test_home_page_shows_featured_pages_in_the_editors_order(client, site_tree, make_page):
    first = make_page(ToolPage, title="Featured tool", publication_date=day(1))
    second = make_page(CaseStudyPage, title="Featured story", publication_date=day(20))
    HomePageFeaturedPage.objects.create(page=site_tree["home"], featured_page=first, sort_order=0)
    HomePageFeaturedPage.objects.create(page=site_tree["home"], featured_page=second, sort_order=1)

    response = client.get("/")

    assert [page.title for page in response.context["featured"]] == ["Featured tool", "Featured story"]
    html = response.content.decode()
    featured_section = html[html.index('id="featured-heading"') : html.index('id="latest-heading"')]
    assert featured_section.index("Featured tool") < featured_section.index("Featured story")


def test_home_page_hides_featured_pages_that_are_not_live(client, site_tree, make_page):
    live = make_page(ToolPage, title="Live tool")
    withdrawn = make_page(CaseStudyPage, title="Withdrawn story")
    withdrawn.unpublish()
    draft = make_page(AgencyExamplePage, title="Draft example", publish=False)
    for order, page in enumerate([withdrawn, live, draft]):
        HomePageFeaturedPage.objects.create(page=site_tree["home"], featured_page=page, sort_order=order)

    response = client.get("/")

    assert [page.title for page in response.context["featured"]] == ["Live tool"]
    html = response.content.decode()
    assert "Withdrawn story" not in html
    assert "Draft example" not in html


def test_home_page_without_featured_pages_has_no_featured_section(client, make_page):
    make_page(ToolPage, title="A tool")

    html = client.get("/").content.decode()

    assert 'id="featured-heading"' not in html
    assert 'id="latest-heading"' in html


def test_section_listing_cards_are_headed_right_under_the_page_title(client, make_page):
    make_page(CaseStudyPage, title="Shorter waits")

    html = client.get(LISTING_URL).content.decode()

    assert '<h2 class="usa-card__heading"><a href="/case-studies/shorter-waits/">Shorter waits</a></h2>' in html


def test_home_page_cards_are_headed_under_their_section_heading(client, make_page):
    make_page(ToolPage, title="Interview guide")

    html = client.get("/").content.decode()

    assert '<h3 class="usa-card__heading"><a href="/tools/interview-guide/">Interview guide</a></h3>' in html

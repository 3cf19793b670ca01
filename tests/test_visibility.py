"""Only live, public content leaves the building, on every channel.

Each test asks one public channel whether it shows one page. A public case study must show (so the
channel is really looked at); a page in any hidden state must not. The hidden states are every way
a page can be out of the public's reach: a draft, a draft in review, unpublished, expired (before
`publish_scheduled` has run), scheduled for later and never published, password-protected,
login-restricted, and published under a login-restricted section.
"""

import datetime

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import User
from django.utils import timezone
from wagtail.models import PageViewRestriction

from home.models import HomePageFeaturedPage
from kb.models import AgencyExamplePage, CaseStudyPage, ToolPage

WORD = "quagga"
HIDDEN_STATES = (
    "draft",
    "in_review",
    "unpublished",
    "expired",
    "scheduled",
    "password_protected",
    "login_restricted",
    "under_restricted_section",
)


def restrict(page, kind=PageViewRestriction.LOGIN):
    PageViewRestriction.objects.create(page=page, restriction_type=kind, password="pw")


def make_hidden_page(state, make_page, site_tree, request):
    """A toolkit page with WORD in its title, put in ``state``."""
    title = f"Hidden {WORD} {state.replace('_', ' ')}"
    if state == "under_restricted_section":
        page = make_page(ToolPage, title=title)
        restrict(site_tree["ToolIndexPage"])
        return page
    if state == "scheduled":
        return make_page(CaseStudyPage, title=title, go_live_at=timezone.now() + datetime.timedelta(days=3))
    page = make_page(CaseStudyPage, title=title, publish=state not in ("draft", "in_review"))
    if state == "in_review":
        request.getfixturevalue("editorial")
        author = User.objects.create_user("author", "author@example.gov", "pw")
        page.get_workflow().start(page, author)
    elif state == "unpublished":
        page.unpublish()
    elif state == "expired":
        CaseStudyPage.objects.filter(pk=page.pk).update(expire_at=timezone.now() - datetime.timedelta(minutes=1))
    elif state == "password_protected":
        restrict(page, PageViewRestriction.PASSWORD)
    elif state == "login_restricted":
        restrict(page)
    page.refresh_from_db()
    return page


@pytest.fixture
def pages(request, make_page, site_tree):
    """{"public": a public case study, "hidden": a page in the requested hidden state}, both
    featured on the home page and both linked from a public tool's related links."""
    public = make_page(CaseStudyPage, title=f"Public {WORD} study")
    hidden = make_hidden_page(request.param, make_page, site_tree, request)
    for page in (public, hidden):
        HomePageFeaturedPage.objects.create(page=site_tree["home"], featured_page=page)
    links = [{"title": page.title, "page": page, "url": ""} for page in (public, hidden)]
    make_page(AgencyExamplePage, title="Reading list", slug="reading-list", body=[("related_links", {"links": links})])
    return {"public": public, "hidden": hidden}


def html_of(client, *urls):
    return "".join(client.get(url).content.decode() for url in urls)


def in_listings(client, page):
    sections = ("/case-studies/", "/tools/", "/agency-examples/")
    return page.title in html_of(client, *(f"{section}?page={number}" for section in sections for number in (1, 2)))


def on_home(client, page):
    return page.title in html_of(client, "/")


def in_related_links(client, page):
    return page.title in html_of(client, "/agency-examples/reading-list/")


def on_search_page(client, page):
    return page.title in html_of(client, f"/search/?q={WORD}", "/search/")


def in_search_api(client, page):
    titles = []
    for params in ({"q": WORD}, {}):
        titles += [result["title"] for result in client.get("/api/search/", params).json()["results"]]
    return page.title in titles


def in_suggestions(client, page):
    return page.title in [item["title"] for item in client.get("/api/search/suggest/", {"q": WORD[:4]}).json()]


def in_read_api_list(client, page):
    items = client.get("/api/v2/pages/", {"type": "kb.KnowledgePage", "limit": 20}).json()["items"]
    return page.pk in [item["id"] for item in items]


def in_read_api_detail(client, page):
    return client.get(f"/api/v2/pages/{page.pk}/").status_code == 200


def in_read_api_search(client, page):
    items = client.get("/api/v2/pages/", {"search": WORD}).json()["items"]
    return page.pk in [item["id"] for item in items]


def in_feeds(client, page):
    return page.title in html_of(client, "/feeds/", "/feeds/rss/")


def in_sitemap(client, page):
    return f"/{page.slug}/" in html_of(client, "/sitemap.xml")


def by_permalink(client, page):
    return client.get(f"/p/{page.pk}/").status_code == 301


def as_embed(client, page):
    return client.get(f"/embed/{page.pk}/").status_code == 200


def by_oembed(client, page):
    return client.get("/oembed/", {"url": f"http://localhost{page.url}", "format": "json"}).status_code == 200


CHANNELS = (
    in_listings,
    on_home,
    in_related_links,
    on_search_page,
    in_search_api,
    in_suggestions,
    in_read_api_list,
    in_read_api_detail,
    in_read_api_search,
    in_feeds,
    in_sitemap,
    by_permalink,
    as_embed,
    by_oembed,
)


@pytest.mark.parametrize("pages", HIDDEN_STATES, indirect=True)
@pytest.mark.parametrize("channel", CHANNELS, ids=lambda channel: channel.__name__)
def test_no_channel_shows_a_hidden_page(client, pages, channel):
    assert channel(client, pages["public"])
    assert not channel(client, pages["hidden"])


def nav_titles(client, url="/"):
    """The link texts of the header navigation and of the footer navigation."""
    soup = BeautifulSoup(client.get(url).content, "html.parser")
    header = [link.get_text(strip=True) for link in soup.select('nav[aria-label="Primary navigation"] a')]
    footer = [link.get_text(strip=True) for link in soup.select('nav[aria-label="Footer navigation"] a')]
    return header, footer


@pytest.mark.parametrize(
    "state", ["unpublished", "expired", "password_protected", "login_restricted", "scheduled", "draft"]
)
def test_navigation_and_footer_never_offer_a_hidden_section(client, site_tree, state):
    tools = site_tree["ToolIndexPage"]
    if state in ("unpublished", "draft", "scheduled"):
        tools.unpublish()
        if state == "scheduled":
            tools.go_live_at = timezone.now() + datetime.timedelta(days=3)
            tools.save_revision().publish()
    elif state == "expired":
        type(tools).objects.filter(pk=tools.pk).update(expire_at=timezone.now() - datetime.timedelta(minutes=1))
    else:
        restrict(tools, PageViewRestriction.PASSWORD if state == "password_protected" else PageViewRestriction.LOGIN)

    for url in ("/", "/case-studies/"):
        header, footer = nav_titles(client, url)
        assert "Case studies" in header and "Case studies" in footer
        assert "Tools" not in header and "Tools" not in footer

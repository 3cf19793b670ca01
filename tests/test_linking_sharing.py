"""Sharing as agencies use it: every absolute URL starts with the configured site address (or the
request's while the site has Wagtail's placeholder `localhost`), each page offers its embed code, and
search results offer a feed of themselves."""

import io
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup
from django.core.management import call_command
from wagtail.models import Site

from kb.models import Agency, CaseStudyPage

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def case_study(make_page):
    irs = Agency.objects.create(name="Internal Revenue Service", acronym="IRS", slug="irs")
    return make_page(CaseStudyPage, title="Faster refunds", slug="faster-refunds", agencies=[irs])


@pytest.fixture
def configured_site(site_tree):
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "cx.example.gov", 443
    site.save()
    return site


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def page_addresses(client, page, **headers):
    """Every absolute address a page gives away: head links, citation, permalink and embed code."""
    document = soup(client.get(page.url, **headers))
    embed = BeautifulSoup(document.find("textarea", id=f"embed-code-{page.pk}").text, "html.parser")
    return {
        "canonical": document.find("link", rel="canonical")["href"],
        "oembed": document.find("link", type="application/json+oembed")["href"],
        "permalink": document.find("input", id=f"permalink-{page.pk}")["value"],
        "citation": document.find(class_="linking-cite__citation").text,
        "embed": embed.find("iframe")["src"],
    }


def test_with_the_placeholder_site_addresses_use_the_host_the_visitor_asked_for(client, case_study):
    addresses = page_addresses(client, case_study, HTTP_HOST="cx.test:8000")

    assert addresses["canonical"] == "http://cx.test:8000/case-studies/faster-refunds/"
    assert addresses["oembed"].startswith("http://cx.test:8000/oembed/?url=http%3A%2F%2Fcx.test%3A8000%2F")
    assert addresses["permalink"] == f"http://cx.test:8000/p/{case_study.pk}/"
    assert addresses["citation"].endswith(f"http://cx.test:8000/p/{case_study.pk}/.")
    assert addresses["embed"] == f"http://cx.test:8000/embed/{case_study.pk}/"


def test_a_configured_site_address_wins_over_the_request_host(client, case_study, configured_site):
    addresses = page_addresses(client, case_study, HTTP_HOST="internal-node:8000")

    assert addresses["canonical"] == "https://cx.example.gov/case-studies/faster-refunds/"
    assert addresses["oembed"].startswith("https://cx.example.gov/oembed/?url=https%3A%2F%2Fcx.example.gov%2F")
    assert addresses["permalink"] == f"https://cx.example.gov/p/{case_study.pk}/"
    assert addresses["citation"].endswith(f"https://cx.example.gov/p/{case_study.pk}/.")
    assert addresses["embed"] == f"https://cx.example.gov/embed/{case_study.pk}/"


def test_feed_entries_and_oembed_use_the_configured_site_address(client, case_study, configured_site):
    entry = ET.fromstring(client.get("/feeds/", HTTP_HOST="internal-node").content).find(f"{ATOM}entry")
    assert entry.find(f"{ATOM}link").get("href") == "https://cx.example.gov/case-studies/faster-refunds/"
    assert entry.find(f"{ATOM}id").text == f"https://cx.example.gov/p/{case_study.pk}/"

    oembed = client.get("/oembed/", {"url": "https://cx.example.gov/case-studies/faster-refunds/"}).json()
    assert BeautifulSoup(oembed["html"], "html.parser").find("iframe")["src"] == (
        f"https://cx.example.gov/embed/{case_study.pk}/"
    )


def test_embed_code_is_a_labelled_read_only_field_holding_the_oembed_iframe(client, case_study):
    document = soup(client.get(case_study.url))
    field = document.find("textarea", id=f"embed-code-{case_study.pk}")

    assert field.has_attr("readonly")
    assert document.find("label", attrs={"for": field["id"]}).text == "HTML to paste into your page"
    oembed = client.get("/oembed/", {"url": f"http://testserver{case_study.url}"}).json()
    assert BeautifulSoup(field.text, "html.parser").find("iframe").attrs == (
        BeautifulSoup(oembed["html"], "html.parser").find("iframe").attrs
    )


def test_set_site_address_sets_the_default_site_host_and_port(site_tree):
    call_command("set_site_address", "127.0.0.1", "8000", stdout=io.StringIO())

    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port, site.root_url) == ("127.0.0.1", 8000, "http://127.0.0.1:8000")


def test_search_results_offer_atom_and_rss_feeds_of_the_same_words_and_filters(client, case_study):
    document = soup(client.get("/search/", {"q": "refunds", "agency": "irs", "sort": "title", "page": "1"}))

    links = {link.text: link["href"] for link in document.find(class_="kb-subscribe").find_all("a")}
    assert links == {"Atom feed": "/feeds/?q=refunds&agency=irs", "RSS feed": "/feeds/rss/?q=refunds&agency=irs"}
    alternate = document.find(
        "link", rel="alternate", type="application/atom+xml", title="CX Toolkit: these search results"
    )
    assert alternate["href"] == "/feeds/?q=refunds&agency=irs"
    feed = ET.fromstring(client.get(links["Atom feed"]).content)
    assert [entry.find(f"{ATOM}title").text for entry in feed.findall(f"{ATOM}entry")] == ["Faster refunds"]

"""The site shell every public page shares: the header's search box, the favicon, and scripts that
come from files only (the Content-Security-Policy allows no inline script)."""

import pytest
from bs4 import BeautifulSoup
from django.templatetags.static import static

from kb.models import CaseStudyPage


@pytest.fixture
def case_study(make_page):
    return make_page(CaseStudyPage, title="Faster refunds", slug="faster-refunds")


def test_header_search_box_is_labelled_and_offers_suggestions(client, site_tree):
    document = BeautifulSoup(client.get("/").content, "html.parser")
    box = document.find("input", id="header-search")

    assert document.find("label", attrs={"for": "header-search"}).text == "Search the toolkit"
    assert box["placeholder"] == "Search the toolkit"
    assert box["data-suggest-url"] == "/api/search/suggest/"


def test_favicon_ico_redirects_to_the_static_icon(client, db):
    response = client.get("/favicon.ico")

    assert response.status_code == 301
    assert response["Location"] == static("favicon.ico")


@pytest.mark.parametrize("path", ["/", "/search/?q=refunds", "/case-studies/", "/case-studies/faster-refunds/"])
def test_public_pages_have_no_inline_scripts(client, case_study, path):
    document = BeautifulSoup(client.get(path).content, "html.parser")

    inline = [script for script in document.find_all("script") if not script.get("src")]
    assert [script.get("type") for script in inline] in ([], ["application/ld+json"])

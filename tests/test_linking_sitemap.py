"""sitemap.xml and robots.txt."""

import xml.etree.ElementTree as ET

from kb.models import CaseStudyPage

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def sitemap_urls(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    return [loc.text for loc in ET.fromstring(response.content).iter(f"{SITEMAP}loc")]


def test_sitemap_lists_live_public_pages_with_canonical_urls(client, make_page):
    make_page(CaseStudyPage, title="Faster benefits", slug="faster-benefits")

    urls = sitemap_urls(client)

    assert "http://localhost/case-studies/faster-benefits/" in urls
    assert "http://localhost/" in urls
    assert "http://localhost/tools/" in urls


def test_sitemap_entries_say_when_the_page_last_changed(client, make_page):
    make_page(CaseStudyPage, title="Faster benefits")
    assert b"<lastmod>" in client.get("/sitemap.xml").content


def test_sitemap_leaves_out_hidden_pages(client, hidden_pages):
    urls = sitemap_urls(client)
    assert not [url for url in urls if "secret" in url]


def test_robots_txt_points_to_the_sitemap_and_keeps_admin_out(client, site_tree):
    response = client.get("/robots.txt")

    lines = response.content.decode().splitlines()
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def test_robots_txt_names_only_paths_the_site_has(client, site_tree):
    """Django's own admin is not mounted (see README, Security): naming /django-admin/ would only tell
    crawlers, and anyone reading robots.txt, where an admin might be."""
    lines = client.get("/robots.txt").content.decode().splitlines()

    assert [line for line in lines if line.startswith("Disallow:")] == ["Disallow: /admin/", "Disallow: /embed/"]
    assert client.get("/django-admin/").status_code == 404


def test_sitemap_ignores_nonsense_paging(client, site_tree):
    for page in ("abc", "0", "99999999999999999999"):
        assert client.get("/sitemap.xml", {"p": page}).status_code == 404

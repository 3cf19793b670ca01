"""The embeddable card (/embed/<id>/) and the oEmbed endpoint (/oembed/)."""

import pytest

from kb.models import Agency, CaseStudyPage

OEMBED = "/oembed/"


@pytest.fixture
def case_study(make_page):
    va = Agency.objects.create(name="Department of Veterans Affairs", acronym="VA", website="https://www.va.gov/")
    return make_page(
        CaseStudyPage, title="Faster benefits", slug="faster-benefits", summary="Half the wait.", agencies=[va]
    )


def test_embed_card_shows_title_agency_summary_and_link(client, case_study):
    response = client.get(f"/embed/{case_study.pk}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "Faster benefits" in html
    assert "Department of Veterans Affairs" in html
    assert "Half the wait." in html
    assert 'href="http://testserver/case-studies/faster-benefits/"' in html


def test_embed_card_is_self_contained(client, case_study):
    html = client.get(f"/embed/{case_study.pk}/").content.decode()
    assert "<link" not in html
    assert "<script" not in html
    assert "usa-header" not in html


def test_embed_card_may_be_framed_by_any_site(client, case_study):
    response = client.get(f"/embed/{case_study.pk}/")
    assert "X-Frame-Options" not in response.headers
    assert "frame-ancestors *" in response["Content-Security-Policy"]


def test_ordinary_pages_may_not_be_framed(client, case_study):
    for url in (case_study.url, "/", f"/oembed/?url=http://localhost{case_study.url}"):
        assert client.get(url)["X-Frame-Options"] in ("DENY", "SAMEORIGIN"), url


@pytest.mark.parametrize("kind", ["draft", "private", "expired"])
def test_embed_card_of_a_hidden_page_is_not_found(client, hidden_pages, kind):
    assert client.get(f"/embed/{hidden_pages[kind].pk}/").status_code == 404


@pytest.mark.parametrize("path", ["/embed/0/", "/embed/abc/", "/embed/99999999999999999999/", "/embed/2147483648/"])
def test_malformed_embed_ids_are_not_found(client, site_tree, path):
    assert client.get(path).status_code == 404


def test_section_pages_have_no_embed_card(client, site_tree):
    assert client.get(f"/embed/{site_tree['CaseStudyIndexPage'].pk}/").status_code == 404


def test_oembed_returns_a_rich_embed_for_a_canonical_url(client, case_study):
    response = client.get(OEMBED, {"url": "http://localhost/case-studies/faster-benefits/", "format": "json"})

    data = response.json()
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert data["version"] == "1.0"
    assert data["type"] == "rich"
    assert data["title"] == "Faster benefits"
    assert data["author_name"] == "Department of Veterans Affairs"
    assert data["provider_name"] == "CX Toolkit"
    assert f'src="http://testserver/embed/{case_study.pk}/"' in data["html"]
    assert data["html"].startswith("<iframe ")
    assert (data["width"], data["height"]) == (560, 320)


def test_oembed_format_defaults_to_json(client, case_study):
    assert client.get(OEMBED, {"url": "http://localhost/case-studies/faster-benefits/"}).json()["type"] == "rich"


@pytest.mark.parametrize("path", ["/p/{pk}/", "/embed/{pk}/"])
def test_oembed_accepts_permalinks_and_embed_urls(client, case_study, path):
    url = "http://localhost" + path.format(pk=case_study.pk)
    assert client.get(OEMBED, {"url": url}).json()["title"] == "Faster benefits"


def test_oembed_accepts_an_old_url_after_a_slug_change(client, case_study, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        case_study.slug = "fastest-benefits"
        case_study.save_revision().publish()

    response = client.get(OEMBED, {"url": "https://localhost/case-studies/faster-benefits/"})

    assert response.json()["title"] == "Faster benefits"


def test_oembed_respects_maxwidth_and_maxheight(client, case_study):
    data = client.get(
        OEMBED, {"url": "http://localhost/case-studies/faster-benefits/", "maxwidth": "300", "maxheight": "150"}
    ).json()
    assert (data["width"], data["height"]) == (300, 150)


def test_oembed_ignores_nonsense_sizes(client, case_study):
    url = "http://localhost/case-studies/faster-benefits/"
    data = client.get(OEMBED, {"url": url, "maxwidth": "wide", "maxheight": "-5"}).json()
    assert (data["width"], data["height"]) == (560, 120)


@pytest.mark.parametrize("response_format", ["xml", "XML", "html", ""])
def test_oembed_answers_other_formats_with_501(client, case_study, response_format):
    url = "http://localhost/case-studies/faster-benefits/"
    assert client.get(OEMBED, {"url": url, "format": response_format}).status_code == 501


def test_oembed_without_a_url_is_a_bad_request(client, site_tree):
    assert client.get(OEMBED).status_code == 400


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "http://evil.example/case-studies/faster-benefits/",
        "http://[::1",
        "http://localhost:99999/case-studies/faster-benefits/",
        "ftp://localhost/case-studies/faster-benefits/",
        "http://localhost/case-studies/",
        "http://localhost/p/99999999999999999999/",
        "http://localhost/" + "a/" * 2000,
        "not a url at all",
        "http://localhost/\x00/",
    ],
)
def test_oembed_refuses_urls_that_are_not_toolkit_pages(client, case_study, url):
    assert client.get(OEMBED, {"url": url}).status_code in (400, 404)


@pytest.mark.parametrize("kind", ["draft", "private", "expired"])
def test_oembed_of_a_hidden_page_is_not_found(client, hidden_pages, kind):
    page = hidden_pages[kind]
    for url in (f"http://localhost{page.url or '/case-studies/' + page.slug + '/'}", f"http://localhost/p/{page.pk}/"):
        assert client.get(OEMBED, {"url": url}).status_code == 404, url

"""Page metadata (canonical, Open Graph, Twitter, JSON-LD) and the "Cite this page" box."""

import json
import re

import pytest
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

from kb.models import Agency, CaseStudyPage, ToolPage, Topic

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@pytest.fixture
def va(db):
    return Agency.objects.create(
        name="Department of Veterans Affairs", acronym="VA", slug="va", website="https://www.va.gov/"
    )


@pytest.fixture
def case_study(make_page, va):
    topic = Topic.objects.create(name="Journey mapping", slug="journey-mapping")
    return make_page(
        CaseStudyPage,
        title="Faster benefits",
        slug="faster-benefits",
        summary="Veterans got decisions in half the time.",
        agencies=[va],
        topics=[topic],
    )


def json_ld(response):
    blocks = JSON_LD.findall(response.content.decode())
    assert len(blocks) == 1
    return json.loads(blocks[0])


def test_page_declares_its_canonical_url(client, case_study):
    html = client.get(case_study.url).content.decode()
    assert '<link rel="canonical" href="http://testserver/case-studies/faster-benefits/">' in html


def test_meta_description_is_the_summary_and_appears_once(client, case_study):
    html = client.get(case_study.url).content.decode()
    assert html.count('<meta name="description"') == 1
    assert '<meta name="description" content="Veterans got decisions in half the time.">' in html


def test_open_graph_and_twitter_tags_describe_the_page(client, case_study):
    html = client.get(case_study.url).content.decode()
    assert '<meta property="og:type" content="article">' in html
    assert '<meta property="og:title" content="Faster benefits">' in html
    assert '<meta property="og:url" content="http://testserver/case-studies/faster-benefits/">' in html
    assert '<meta property="og:description" content="Veterans got decisions in half the time.">' in html
    assert '<meta name="twitter:card" content="summary">' in html
    assert "og:image" not in html


def test_share_image_is_the_first_image_in_the_body(client, make_page, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    image = Image.objects.create(title="Map", file=get_test_image_file())
    body = json.dumps([{"type": "image", "value": {"image": image.pk, "alt_text": "A journey map", "caption": ""}}])
    page = make_page(ToolPage, title="Mapping", slug="mapping", body=body)

    html = client.get(page.url).content.decode()

    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert re.search(r'<meta property="og:image" content="http://testserver/media/images/[^"]+">', html)
    assert '<meta property="og:image:alt" content="A journey map">' in html
    assert json_ld(client.get(page.url))["image"]["url"].startswith("http://testserver/media/images/")


def test_json_ld_describes_a_case_study_as_an_article(client, case_study):
    data = json_ld(client.get(case_study.url))

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Article"
    assert data["headline"] == "Faster benefits"
    assert data["url"] == "http://testserver/case-studies/faster-benefits/"
    assert data["datePublished"] == "2025-03-14"
    assert data["dateModified"].startswith(str(case_study.last_published_at.date()))
    assert data["publisher"] == {
        "@type": "GovernmentOrganization",
        "name": "Department of Veterans Affairs",
        "alternateName": "VA",
        "url": "https://www.va.gov/",
    }
    assert data["about"] == [{"@type": "Thing", "name": "Journey mapping"}]


def test_json_ld_describes_a_tool_as_a_creative_work(client, make_page):
    page = make_page(ToolPage, title="Survey kit", slug="survey-kit")
    assert json_ld(client.get(page.url))["@type"] == "CreativeWork"


def test_json_ld_cannot_be_broken_out_of_by_a_title(client, make_page):
    title = '</script><script>alert("x")</script> & more'
    page = make_page(ToolPage, title=title, slug="hostile")

    response = client.get(page.url)
    html = response.content.decode()

    assert '<script>alert("x")' not in html
    assert json_ld(response)["name"] == title


def test_toolkit_pages_advertise_their_oembed_endpoint(client, case_study):
    html = client.get(case_study.url).content.decode()
    assert (
        '<link rel="alternate" type="application/json+oembed" '
        'href="http://testserver/oembed/?url=http%3A%2F%2Ftestserver%2Fcase-studies%2Ffaster-benefits%2F&amp;format=json"'
    ) in html


def test_section_pages_have_canonical_but_no_article_metadata(client, site_tree):
    html = client.get("/tools/").content.decode()
    assert '<link rel="canonical" href="http://testserver/tools/">' in html
    assert '<meta property="og:type" content="website">' in html
    assert "application/ld+json" not in html


def test_cite_box_gives_a_plain_citation_with_the_permanent_url(client, case_study):
    html = client.get(case_study.url).content.decode()
    assert "Cite this page" in html
    citation = (
        f"Department of Veterans Affairs. \u201cFaster benefits.\u201d CX Toolkit, March 14, 2025. "
        f"http://testserver/p/{case_study.pk}/."
    )
    assert citation in html


def test_permanent_link_is_a_labelled_read_only_field_without_javascript(client, case_study):
    html = client.get(case_study.url).content.decode()
    field_id = f"permalink-{case_study.pk}"
    assert f'<label class="usa-label" for="{field_id}">Permanent link to this page</label>' in html
    permalink = f"http://testserver/p/{case_study.pk}/"
    assert re.search(rf'<input [^>]*id="{field_id}" type="text" readonly value="{permalink}"', html)


def test_copy_button_is_only_added_by_the_script(client, case_study):
    html = client.get(case_study.url).content.decode()
    assert "Copy link" not in html
    assert "/static/js/copy-link.js" in html

"""The read-only Wagtail API v2 at /api/v2/."""

import pytest

from kb.models import Agency, AgencyExamplePage, CaseStudyMetric, CaseStudyPage, LifeEvent, ToolPage, Topic

PAGES = "/api/v2/pages/"


@pytest.fixture
def case_study(make_page):
    page = make_page(
        CaseStudyPage,
        title="Faster benefits",
        slug="faster-benefits",
        agencies=[Agency.objects.create(name="Department of Veterans Affairs", acronym="VA", slug="va")],
        topics=[Topic.objects.create(name="Journey mapping", slug="journey-mapping")],
        life_events=[LifeEvent.objects.create(name="Retiring", slug="retiring")],
        source_url="https://example.gov/story",
    )
    CaseStudyMetric.objects.create(page=page, label="Wait time", value="4", unit="minutes", baseline="22 minutes")
    return page


def listed_titles(client, **params):
    response = client.get(PAGES, params)
    assert response.status_code == 200
    return [item["title"] for item in response.json()["items"]]


def test_listing_includes_live_pages(client, case_study):
    assert "Faster benefits" in listed_titles(client)


def test_detail_has_type_specific_fields_and_taxonomy(client, case_study):
    data = client.get(f"{PAGES}{case_study.pk}/").json()

    assert data["meta"]["type"] == "kb.CaseStudyPage"
    assert data["meta"]["html_url"] == "http://localhost/case-studies/faster-benefits/"
    assert data["summary"] == "Summary of Faster benefits."
    assert data["publication_date"] == "2025-03-14"
    assert data["agencies"] == [{"slug": "va", "name": "Department of Veterans Affairs"}]
    assert data["topics"] == [{"slug": "journey-mapping", "name": "Journey mapping"}]
    assert data["life_events"] == [{"slug": "retiring", "name": "Retiring"}]
    assert data["challenge"] == "<p>Hard to find.</p>"
    assert data["source_url"] == "https://example.gov/story"
    assert data["metrics"][0]["label"] == "Wait time"
    assert data["metrics"][0]["baseline"] == "22 minutes"


def test_listing_can_be_narrowed_to_a_type_with_its_fields(client, case_study, make_page):
    make_page(ToolPage, title="Survey kit", tool_type="template")

    response = client.get(PAGES, {"type": "kb.ToolPage", "fields": "tool_type,topics"})

    items = response.json()["items"]
    assert [item["title"] for item in items] == ["Survey kit"]
    assert items[0]["tool_type"] == "template"
    assert items[0]["topics"] == []


def test_agency_example_links_its_tool_only_while_the_tool_is_public(client, make_page):
    tool = make_page(ToolPage, title="Journey mapping kit")
    example = make_page(AgencyExamplePage, title="VA journey map", exemplifies=tool)

    assert client.get(f"{PAGES}{example.pk}/").json()["exemplifies"]["title"] == "Journey mapping kit"

    tool.unpublish()
    assert client.get(f"{PAGES}{example.pk}/").json()["exemplifies"] is None


@pytest.mark.parametrize("kind", ["draft", "private", "expired"])
def test_hidden_pages_are_never_listed_or_found(client, hidden_pages, kind):
    page = hidden_pages[kind]
    assert page.title not in listed_titles(client)
    assert page.title not in listed_titles(client, type="kb.CaseStudyPage")
    assert page.title not in listed_titles(client, search="Secret")
    assert client.get(f"{PAGES}{page.pk}/").status_code == 404
    assert client.get(f"{PAGES}find/", {"id": page.pk}).status_code == 404
    assert client.get(f"{PAGES}find/", {"html_path": f"/case-studies/{page.slug}/"}).status_code == 404


def test_unpublished_changes_never_show(client, case_study):
    case_study.title = "Draft title"
    case_study.save_revision()
    assert client.get(f"{PAGES}{case_study.pk}/").json()["title"] == "Faster benefits"


def test_only_pages_are_published(client, site_tree):
    assert client.get("/api/v2/images/").status_code == 404
    assert client.get("/api/v2/documents/").status_code == 404


@pytest.mark.parametrize(
    "params",
    [
        {"limit": "abc"},
        {"limit": "-1"},
        {"offset": "99999999999999999999"},
        {"order": "password"},
        {"type": "auth.User"},
        {"type": "nonsense"},
        {"fields": "*,("},
        {"fields": "owner"},
        {"child_of": "99999999999999999999"},
        {"child_of": "abc"},
        {"descendant_of": "-5"},
        {"child_of": "²"},  # a digit to str.isdigit, not to int()
        {"offset": "-³"},
        {"site": "evil.example"},
        {"unknown": "1"},
        {"rich_text_format": "bogus"},
        {"search": "x" * 5000},
        {"search": "\x00"},
        {"title": "a\x00"},
        {"slug": "\x00"},
        {"search": '"'},
        {"search": 'a "b'},
        {"search": "x", "search_operator": "xor"},
        {"search": "x", "order": "last_published_at"},
        {"search": "x", "order": "-title"},
    ],
)
def test_api_answers_nonsense_with_a_client_error(client, case_study, params):
    status = client.get(PAGES, params).status_code
    assert 200 <= status < 500


@pytest.mark.parametrize(
    "path",
    [
        "99999999999999999999/",
        "0/",
        "abc/",
        "find/?id=abc",
        "find/?id=99999999999999999999",
        "find/?id=²",
        "find/?html_path=/case-studies/%00/",
        "find/?html_path=" + "a/" * 3000,
    ],
)
def test_api_detail_answers_nonsense_ids_with_a_client_error(client, site_tree, path):
    status = client.get(PAGES + path).status_code
    assert 400 <= status < 500

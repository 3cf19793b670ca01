"""The search boxes' suggestions (/api/search/suggest/): taxonomy terms that open the filtered search,
then page titles that open the page; only what the public can reach."""

import pytest
from wagtail.models import PageViewRestriction

from kb.models import Agency, CaseStudyPage, LifeEvent, ToolPage, Topic

SUGGEST = "/api/search/suggest/"


@pytest.fixture
def pages(make_page):
    contact = Topic.objects.create(name="Contact centers", slug="contact-centers")
    irs = Agency.objects.create(name="Internal Revenue Service", acronym="IRS", slug="irs", level="federal")
    make_page(CaseStudyPage, title="Contact center callbacks", slug="callbacks", topics=[contact], agencies=[irs])
    make_page(ToolPage, title="Tax form checklist", slug="tax-form-checklist")
    return {"contact": contact, "irs": irs}


def test_a_term_comes_first_and_opens_the_search_filtered_by_it(client, pages):
    items = client.get(SUGGEST, {"q": "contact"}).json()

    assert items[0] == {
        "id": None,
        "title": "Contact centers",
        "url": "/search/?topic=contact-centers",
        "kind": "topic",
        "kind_label": "Topic",
    }


def test_a_title_opens_the_page_and_says_what_kind_of_page_it_is(client, pages):
    items = client.get(SUGGEST, {"q": "contact"}).json()

    page = CaseStudyPage.objects.get(slug="callbacks")
    assert items[1] == {
        "id": page.pk,
        "title": "Contact center callbacks",
        "url": page.url,
        "kind": "page",
        "kind_label": "Case study",
    }


def test_an_agency_is_found_by_its_acronym(client, pages):
    items = client.get(SUGGEST, {"q": "irs"}).json()

    assert [(item["kind"], item["title"], item["url"]) for item in items] == [
        ("agency", "Internal Revenue Service (IRS)", "/search/?agency=irs")
    ]


def test_a_term_matches_from_the_start_of_any_word_of_its_name(client, pages):
    assert [item["title"] for item in client.get(SUGGEST, {"q": "cent"}).json() if item["kind"] == "topic"] == [
        "Contact centers"
    ]
    assert [item for item in client.get(SUGGEST, {"q": "ntact"}).json() if item["kind"] == "topic"] == []


def test_a_term_without_public_pages_is_never_suggested(client, pages, make_page):
    moving = LifeEvent.objects.create(name="Moving house", slug="moving-house")
    make_page(ToolPage, title="Draft about moving", publish=False, life_events=[moving])

    assert [item for item in client.get(SUGGEST, {"q": "moving"}).json() if item["kind"] != "page"] == []


def test_at_most_eight_suggestions(client, make_page):
    for number in range(12):
        topic = Topic.objects.create(name=f"Service topic {number}", slug=f"service-topic-{number}")
        make_page(ToolPage, title=f"Service guide {number}", slug=f"service-guide-{number}", topics=[topic])

    items = client.get(SUGGEST, {"q": "service"}).json()

    assert len(items) == 8
    assert [item["kind"] for item in items] == ["topic"] * 4 + ["page"] * 4


def titles(client, q):
    return [item["title"] for item in client.get(SUGGEST, {"q": q}).json() if item["kind"] == "page"]


def test_a_private_pages_title_is_never_suggested(client, pages, make_page):
    private = make_page(ToolPage, title="Contact center staffing")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    assert titles(client, "contact") == ["Contact center callbacks"]


def test_an_unpublished_pages_title_is_never_suggested(client, pages, make_page):
    make_page(ToolPage, title="Contact center draft", publish=False)
    withdrawn = make_page(ToolPage, title="Contact center withdrawn")
    withdrawn.unpublish()

    assert titles(client, "contact") == ["Contact center callbacks"]


def test_a_term_with_only_private_pages_is_never_suggested(client, pages, make_page):
    moving = LifeEvent.objects.create(name="Moving house", slug="moving-house")
    private = make_page(ToolPage, title="Members' moving guide", life_events=[moving])
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    assert [item for item in client.get(SUGGEST, {"q": "moving"}).json() if item["kind"] != "page"] == []


def test_a_publish_is_suggested_at_once_and_an_unpublish_is_gone_at_once(client, pages, make_page):
    moving = LifeEvent.objects.create(name="Moving house", slug="moving-house")
    assert client.get(SUGGEST, {"q": "moving"}).json() == []  # the suggestions have read the pages

    page = make_page(ToolPage, title="Moving checklist", life_events=[moving])
    assert [item["title"] for item in client.get(SUGGEST, {"q": "moving"}).json()] == [
        "Moving house",
        "Moving checklist",
    ]

    page.unpublish()
    assert client.get(SUGGEST, {"q": "moving"}).json() == []


def test_public_titles_are_found_behind_many_better_ranked_private_ones(client, make_page):
    for number in range(20):
        page = make_page(ToolPage, title=f"Zebra zebra zebra zebra {number}", slug=f"zebra-{number}")
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    make_page(ToolPage, title="Zebra crossing", slug="zebra-crossing")

    assert titles(client, "zeb") == ["Zebra crossing"]


@pytest.mark.parametrize("q", ["", "\x00", "(*)", "x" * 5000])
def test_nothing_typed_gives_an_empty_list_not_an_error(client, pages, q):
    response = client.get(SUGGEST, {"q": q})
    assert response.status_code == 200
    assert isinstance(response.json(), list)

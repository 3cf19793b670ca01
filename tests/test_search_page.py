"""The public search page: a plain GET form with facets, chips, sort and pagination."""

import datetime

import pytest
from bs4 import BeautifulSoup
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from kb.models import Agency, CaseStudyPage, ToolPage, Topic


@pytest.fixture
def pages(make_page):
    irs = Agency.objects.create(name="Internal Revenue Service", acronym="IRS")
    topic = Topic.objects.create(name="Digital services")
    filing = make_page(CaseStudyPage, title="Simpler tax filing", agencies=[irs], topics=[topic])
    make_page(ToolPage, title="Tax form checklist", topics=[topic])
    return {"filing": filing, "irs": irs}


def test_page_lists_results_and_facets_with_counts(client, pages):
    response = client.get("/search/", {"q": "tax"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "2 results" in html
    assert 'name="type" value="case-study"' in html
    assert "<legend" in html and "Type</legend>" in html
    assert "Internal Revenue Service (IRS)" in html


def test_every_checkbox_has_a_label(client, pages):
    html = client.get("/search/").content.decode()
    import re

    ids = re.findall(r'<input class="usa-checkbox__input" id="([^"]+)"', html)
    assert ids
    for control_id in ids:
        assert f'for="{control_id}"' in html


def test_selected_filters_show_as_removable_chips(client, pages):
    html = client.get("/search/", {"q": "tax", "type": ["tool", "case-study"]}).content.decode()
    assert "Type: Tool" in html
    assert 'href="?q=tax&amp;type=case-study"' in html  # removing "tool" keeps the rest
    assert "checked" in html


def test_bad_page_shows_the_message_on_the_form_with_400(client, pages):
    response = client.get("/search/", {"page": "abc", "sort": "nope"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Page must be a whole number" in html
    assert "usa-error-message" in html  # the sort select carries its own message
    assert "Simpler tax filing" in html  # and the page still shows results


def test_page_beyond_the_end_offers_the_last_page(client, pages):
    response = client.get("/search/", {"page": "7"})
    assert response.status_code == 200
    assert "Go to the last page" in response.content.decode()


def test_pagination_keeps_the_query(client, make_page):
    for n in range(12):
        make_page(ToolPage, title=f"Survey tool {n}")
    html = client.get("/search/", {"q": "survey", "type": "tool"}).content.decode()
    assert "?q=survey&amp;type=tool&amp;page=2" in html


def test_zero_results_offer_a_broader_search(client, pages):
    html = client.get("/search/", {"q": "tax", "agency": "internal-revenue-service", "type": "tool"}).content.decode()
    assert "Nothing matched your search" in html
    assert "without filters" in html


def test_engine_outage_falls_back_with_a_notice(client, pages, monkeypatch):
    from search.engines.base import EngineUnavailable
    from search.engines.database import DatabaseEngine

    class DownEngine(DatabaseEngine):
        name = "elasticsearch"

        def search(self, query, *args, **kwargs):
            raise EngineUnavailable("connection refused")

    monkeypatch.setattr("search.service.get_engine", lambda: DownEngine())
    response = client.get("/search/", {"q": "tax"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "not answering" in html
    assert "Simpler tax filing" in html


def test_promoted_pages_come_first(client, pages):
    SearchPromotion.objects.create(query=Query.get("tax"), page=pages["filing"], description="Start here")
    html = client.get("/search/", {"q": "tax"}).content.decode()
    assert "Recommended" in html and "Start here" in html


def test_promotions_match_the_search_whatever_its_case_and_spacing(client, pages):
    SearchPromotion.objects.create(query=Query.get("tax"), page=pages["filing"], description="Start here")
    assert "Start here" in client.get("/search/", {"q": "  TAX "}).content.decode()


def test_searching_stores_nothing_in_the_promotions_tables(client, pages):
    client.get("/search/", {"q": "a search nobody promoted"})
    assert not Query.objects.exists()


def test_taxonomy_links_land_on_a_filtered_search(client, pages):
    html = client.get("/search/", {"agency": "internal-revenue-service"}).content.decode()
    assert "1 result" in html
    assert "Agency: Internal Revenue Service (IRS)" in html


def test_healthz_reports_database_and_engine(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "search": {"engine": "database", "status": "ok"}, "status": "ok"}


def form_submission(html, **typed):
    """The GET parameters a browser sends for the page's search form, after the visitor types `typed`."""
    form = BeautifulSoup(html, "html.parser").find("form", id="search-form")
    params = []
    for field in form.find_all(["input", "select"]):
        name = field.get("name")
        if not name or (field.get("type") == "checkbox" and not field.has_attr("checked")):
            continue
        if field.name == "select":
            chosen = field.find("option", selected=True) or field.find("option")
            params.append((name, chosen["value"]))
        else:
            params.append((name, typed.get(name, field.get("value", ""))))
    return params


def selected_sort(html):
    return BeautifulSoup(html, "html.parser").find("select", id="search-sort").find("option", selected=True).text


def test_words_typed_on_the_unsorted_page_are_searched_by_best_match(client, make_page):
    make_page(CaseStudyPage, title="Tax help line", summary="Calls.", publication_date=datetime.date(2020, 1, 1))
    make_page(CaseStudyPage, title="Filing season", summary="Tax forms.", publication_date=datetime.date(2025, 1, 1))
    landing = client.get("/search/").content.decode()
    assert selected_sort(landing) == "Newest first"

    response = client.get("/search/", form_submission(landing, q="tax"))

    html = response.content.decode()
    assert selected_sort(html) == "Best match"
    assert html.index("Tax help line") < html.index("Filing season")


def test_an_order_the_visitor_chose_is_kept_for_new_words(client, make_page):
    landing = client.get("/search/", {"sort": "title"}).content.decode()

    assert ("sort", "title") in form_submission(landing, q="tax")
    assert selected_sort(client.get("/search/", form_submission(landing, q="tax")).content.decode()) == "Title (A to Z)"

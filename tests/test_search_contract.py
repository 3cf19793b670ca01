"""The search contract, run on every reachable engine (database always; Elasticsearch/OpenSearch when
configured). Each test states one behaviour the search page, the API and feeds rely on."""

import pytest

from kb.models import CaseStudyMetric, CaseStudyPage, ToolPage
from tests.search_support import build_corpus, facet_counts


@pytest.fixture
def corpus(make_page):
    return build_corpus(make_page)


def titles(results):
    return {hit.title for hit in results.hits}


def test_no_query_lists_everything_newest_first(engine, corpus):
    results = engine.search()
    assert results.count == 7
    dates = [hit.date for hit in results.hits]
    assert dates == sorted(dates, reverse=True)


def test_text_search_matches_title_and_summary(engine, corpus):
    assert titles(engine.search(q="tax filing")) == {"Simpler tax filing"}
    assert titles(engine.search(q="frontline")) == {"How to run a mapping workshop"}


def test_every_word_must_match_in_the_title_or_the_text(engine, corpus, settings):
    # "tax" is only in the title, "families" only in the summary. (Relaxed matching, which would
    # show the pages with one of two words, is specified in test_search_understanding.py.)
    settings.SEARCH_RELAXED_MATCHING = False
    assert titles(engine.search(q="tax families")) == {"Simpler tax filing"}
    assert titles(engine.search(q="tax inspection")) == set()


def test_common_words_do_not_narrow_a_search(engine, corpus):
    # The tax page has neither "the", "how", "to" nor "your": they are left out, not required.
    assert titles(engine.search(q="the tax filing")) == {"Simpler tax filing"}
    assert titles(engine.search(q="how to file your taxes")) == {"Simpler tax filing"}
    # Nothing but common words is no search at all, not a match for everything.
    assert titles(engine.search(q="the")) == set()


def test_search_uses_english_stemming(engine, corpus):
    # "workshops" and "booking" appear as "workshop" and "booked"/"booking" in the pages.
    assert "How to run a mapping workshop" in titles(engine.search(q="workshops"))
    assert "Clinic appointment booking" in titles(engine.search(q="books"))


def test_title_matches_rank_above_body_matches(engine, corpus, make_page):
    make_page(ToolPage, title="Checklist for anything", summary="Mentions a survey only in passing.")
    results = engine.search(q="survey")
    assert results.hits[0].title == "Post-transaction survey template"


def test_every_word_in_the_title_beats_any_amount_of_body_text(engine, make_page):
    body = [("paragraph", "<p>" + "Usability testing, usability testing again. " * 40 + "</p>")]
    make_page(CaseStudyPage, title="Notes from a busy quarter", summary="Usability testing everywhere.", body=body)
    make_page(ToolPage, title="Usability testing kit", summary="Borrow it.")
    make_page(ToolPage, title="Usability basics", summary="Testing comes later.")
    found = [hit.title for hit in engine.search(q="usability testing").hits]
    assert found[0] == "Usability testing kit"
    assert set(found[1:]) == {"Notes from a busy quarter", "Usability basics"}


def test_pages_of_results_neither_repeat_nor_skip_when_many_titles_match(engine, make_page, monkeypatch):
    monkeypatch.setattr("search.engines.database.RESCORE_WINDOW", 2)  # fewer title matches get a full score
    for number in range(5):
        make_page(ToolPage, title=f"Survey kit {number}", summary="A survey. " * (number + 1))
    shown = [hit.title for page in (1, 2, 3) for hit in engine.search(q="survey", per_page=2, page=page).hits]
    assert sorted(shown) == [f"Survey kit {number}" for number in range(5)]


def test_agency_acronym_and_name_find_the_agency_pages(engine, corpus):
    expected = {"Shorter waits for disability claims", "Clinic appointment booking", "Veteran journey map"}
    assert titles(engine.search(q="VA", per_page=50)) >= expected
    assert titles(engine.search(q="Veterans Affairs", per_page=50)) == expected


def test_topic_and_life_event_names_are_searchable(engine, corpus):
    assert "Simpler tax filing" in titles(engine.search(q="having a child"))
    assert titles(engine.search(q="customer feedback")) >= {"Post-transaction survey template"}


def test_streamfield_text_is_searchable(engine, make_page):
    body = [
        ("quote", {"quote": "I never knew which xylophone form to use.", "attribution": "Applicant"}),
        ("table", {"caption": "Wait times", "table": {"data": [["Quarter", "Zanzibar"], ["Q1", "4"]]}}),
        ("steps", {"heading": "", "steps": [{"title": "Recruit quokkas", "text": "<p>Six of them.</p>"}]}),
        ("paragraph", "<p>The <b>ocelot</b> programme.</p>"),
    ]
    make_page(CaseStudyPage, title="Rich body", body=body)
    for word in ("xylophone", "zanzibar", "quokkas", "ocelot"):
        assert titles(engine.search(q=word)) == {"Rich body"}, word


def test_key_metric_labels_are_searchable(engine, make_page):
    metric = CaseStudyMetric(label="Narwhal satisfaction", value="87", unit="%")
    make_page(CaseStudyPage, title="Measured study", metrics=[metric])
    assert titles(engine.search(q="narwhal")) == {"Measured study"}


def test_or_within_a_facet(engine, corpus):
    results = engine.search(agency=["department-of-veterans-affairs", "internal-revenue-service"], per_page=50)
    assert titles(results) == {
        "Shorter waits for disability claims",
        "Clinic appointment booking",
        "Veteran journey map",
        "Simpler tax filing",
    }


def test_and_across_facets(engine, corpus):
    results = engine.search(agency="department-of-veterans-affairs", topic="customer-feedback")
    assert titles(results) == {"Shorter waits for disability claims", "Clinic appointment booking"}


def test_facet_counts_ignore_their_own_selection(engine, corpus):
    results = engine.search(type="case-study")
    # The type facet still shows what each other type would add...
    assert facet_counts(results, "type") == {"case-study": 3, "tool": 2, "agency-example": 2}
    # ...while the other facets count only case studies.
    assert facet_counts(results, "topic") == {"customer-feedback": 2, "digital-services": 2, "journey-mapping": 1}
    assert facet_counts(results, "year") == {"2024": 2, "2023": 1}


def test_facet_counts_apply_every_other_selection(engine, corpus):
    results = engine.search(type="case-study", topic="digital-services")
    assert facet_counts(results, "type") == {"case-study": 2, "agency-example": 1}
    assert facet_counts(results, "topic") == {"customer-feedback": 2, "digital-services": 2, "journey-mapping": 1}
    assert facet_counts(results, "agency") == {
        "internal-revenue-service": 1,
        "ohio-department-of-health": 1,
        "department-of-veterans-affairs": 1,
    }


def test_level_counts_each_page_once(engine, corpus):
    results = engine.search()
    # The clinic page has two agencies, both... one federal and one state: counted once per level.
    assert facet_counts(results, "level") == {"federal": 4, "state": 1, "local": 2}
    assert titles(engine.search(level="state")) == {"Clinic appointment booking"}


def test_text_and_facets_combine(engine, corpus):
    results = engine.search(q="journey", type="agency-example")
    assert titles(results) == {"Veteran journey map"}
    assert facet_counts(results, "type")["case-study"] >= 1


def test_selected_value_stays_listed_with_zero_count(engine, corpus):
    results = engine.search(q="tax", agency="city-of-denver")
    assert results.count == 0
    denver = [item for item in results.facets["agency"] if item.value == "city-of-denver"]
    assert denver and denver[0].selected and denver[0].count == 0


def test_every_value_with_a_count_is_listed(engine, make_page):
    from kb.models import Topic

    topics = [Topic.objects.create(name=f"Topic number {n}") for n in range(14)]
    for n, topic in enumerate(topics):
        make_page(ToolPage, title=f"Tool {n}", topics=[topic])
    assert len(engine.search().facets["topic"]) == 14


def test_facet_values_carry_labels(engine, corpus):
    agencies = {item.value: item.label for item in engine.search().facets["agency"]}
    assert agencies["department-of-veterans-affairs"] == "Department of Veterans Affairs (VA)"
    types = {item.value: item.label for item in engine.search().facets["type"]}
    assert types == {"case-study": "Case study", "tool": "Tool", "agency-example": "Agency example"}


@pytest.mark.parametrize(
    "sort, expected_first",
    [
        ("newest", "Clinic appointment booking"),
        ("oldest", "Building permit service blueprint"),
        ("title", "Building permit service blueprint"),
    ],
)
def test_sort_orders(engine, corpus, sort, expected_first):
    assert engine.search(sort=sort).hits[0].title == expected_first


def test_pagination(engine, corpus):
    first = engine.search(per_page=3)
    third = engine.search(per_page=3, page=3)
    assert first.num_pages == 3 and len(first.hits) == 3
    assert len(third.hits) == 1
    beyond = engine.search(per_page=3, page=9)
    assert beyond.hits == [] and beyond.count == 7


def test_highlight_marks_the_matched_words(engine, corpus):
    hit = engine.search(q="frontline").hits[0]
    assert "<mark>frontline</mark>" in hit.highlight.lower()


def test_highlight_is_escaped(engine, make_page):
    make_page(ToolPage, title="Escaping", summary="The <script>alert(1)</script> walrus.")
    hit = engine.search(q="walrus").hits[0]
    assert "<script>" not in hit.highlight


def test_zero_results_suggests_spelling(engine, corpus, settings):
    # With typo tolerance on, the correction is searched straight away (test_search_understanding.py).
    settings.SEARCH_TYPO_TOLERANCE = False
    results = engine.search(q="workshp")
    assert results.count == 0
    assert any("workshop" in suggestion.query.q for suggestion in results.suggestions)


def test_zero_results_with_filters_suggests_dropping_them(engine, corpus):
    results = engine.search(q="tax", agency="city-of-denver")
    broader = [s for s in results.suggestions if not s.query.has_filters]
    assert broader and broader[0].query.q == "tax" and broader[0].count == 1


def test_results_carry_what_the_api_needs(engine, corpus):
    hit = engine.search(q="tax filing").hits[0]
    assert hit.url == "/case-studies/simpler-tax-filing/"
    assert hit.type == "case-study"
    assert [slug for slug, _name, _acronym in hit.agencies] == ["internal-revenue-service"]
    assert hit.date.isoformat() == "2023-02-01"

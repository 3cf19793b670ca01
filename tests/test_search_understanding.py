"""Search that understands people who don't know the right words (issue 11), on every engine.

Relaxed matching, typo tolerance and the CX glossary, each as members see them: the pages found,
their order, the counts and the notices. The database engine runs on SQLite and PostgreSQL; the
OpenSearch run skips unless OPENSEARCH_URL is set.
"""

import pytest

from kb.models import CaseStudyPage, ToolPage
from search.models import SynonymSet
from search.query import SearchQuery
from search.service import FEW_NOTICE, RELAXED_NOTICE
from search.understanding import understand


@pytest.fixture
def pages(make_page):
    return {
        "recruiting": make_page(
            ToolPage,
            title="Recruiting participants for usability tests",
            summary="A sign-up page brought hundreds of volunteers.",
        ),
        "college": make_page(
            CaseStudyPage,
            title="Paying for college",
            summary="An automated assistant answers student aid questions.",
        ),
        "costs": make_page(
            ToolPage,
            title="Contact center costs",
            summary="What a phone line for the public costs each year.",
        ),
        "passports": make_page(
            CaseStudyPage,
            title="Journey mapping for passports",
            summary="Every step new citizens take before travelling abroad, as the public sees it.",
        ),
        "satisfaction": make_page(
            ToolPage,
            title="Measuring customer satisfaction",
            summary="Three questions after each visit.",
        ),
    }


def titles(results):
    return [hit.title for hit in results.hits]


# Relaxed matching ---------------------------------------------------------------------------


def test_a_missing_word_finds_the_pages_with_most_words_and_says_so(engine, pages):
    results = engine.search(q="recruiting volunteers for interviews")

    assert titles(results) == ["Recruiting participants for usability tests"]
    assert RELAXED_NOTICE in results.notices


def test_rarer_words_weigh_more_when_no_page_has_every_word(engine, pages):
    # "volunteers" is on one page, "public" on two: the page with the rare word comes first.
    results = engine.search(q="volunteers public")

    assert titles(results)[0] == "Recruiting participants for usability tests"
    assert set(titles(results)[1:]) == {"Contact center costs", "Journey mapping for passports"}


def test_facet_counts_follow_the_relaxed_results(engine, pages):
    results = engine.search(q="volunteers public")

    counts = {item.value: item.count for item in results.facets["type"]}
    assert results.count == 3
    assert counts == {"tool": 2, "case-study": 1}


def test_a_sentence_few_pages_fully_answer_is_followed_by_pages_with_most_of_it(engine, pages, make_page):
    make_page(ToolPage, title="Phone line hours", summary="When the public can call us.")

    results = engine.search(q="phone line public costs")

    assert titles(results) == ["Contact center costs", "Phone line hours"]
    assert FEW_NOTICE in results.notices


def test_a_keyword_search_some_page_fully_answers_is_not_relaxed(engine, pages):
    results = engine.search(q="public costs")

    assert titles(results) == ["Contact center costs"]
    assert results.notices == []


def test_a_search_every_word_answers_has_no_relaxed_notice(engine, pages):
    results = engine.search(q="paying college")

    assert titles(results) == ["Paying for college"]
    assert RELAXED_NOTICE not in results.notices


def test_a_word_said_twice_is_asked_for_once(db):
    understood = understand(SearchQuery(q="what should a first hire do in the first month"))

    assert [concept.words for concept in understood.concepts] == [("first",), ("hire",), ("month",)]


def test_without_relaxed_matching_every_word_must_match(engine, pages, settings):
    settings.SEARCH_RELAXED_MATCHING = False

    assert engine.search(q="recruiting volunteers for interviews").count == 0


# Typo tolerance -------------------------------------------------------------------------------


def test_a_misspelt_word_is_corrected_and_the_correction_searched(engine, pages):
    results = engine.search(q="recruting volunteers")

    assert results.correction.text == "recruiting volunteers"
    assert results.correction.original.q == "recruting volunteers"
    assert titles(results) == ["Recruiting participants for usability tests"]


def test_a_transposition_counts_as_one_slip(engine, pages):
    results = engine.search(q="jounrey mapping")

    assert results.correction.text == "journey mapping"
    assert titles(results) == ["Journey mapping for passports"]


def test_verbatim_searches_the_words_as_typed(engine, pages):
    results = engine.search(q="recruting", verbatim="1")

    assert results.correction is None
    assert results.count == 0


def test_words_only_drafts_use_are_never_offered(engine, pages, make_page):
    make_page(ToolPage, title="Zygomorphic flowers", publish=False)

    results = engine.search(q="zygomorphc")

    assert results.correction is None
    assert results.count == 0


def test_known_words_are_not_corrected(engine, pages):
    assert engine.search(q="passports").correction is None


def test_the_search_page_offers_the_words_as_typed(client, pages):
    html = client.get("/search/", {"q": "recruting volunteers"}).content.decode()

    assert "Showing results for <strong>recruiting volunteers</strong>" in html
    assert 'href="?q=recruting+volunteers&amp;verbatim=1"' in html


def test_the_api_reports_the_correction(client, pages):
    data = client.get("/api/search/", {"q": "recruting"}).json()

    assert data["correction"] == {"text": "recruiting", "original": "recruting", "params": "q=recruting&verbatim=1"}
    assert [result["title"] for result in data["results"]] == ["Recruiting participants for usability tests"]


# Synonyms and the CX glossary ----------------------------------------------------------------------


def test_a_glossary_synonym_finds_pages_using_the_other_term(engine, pages):
    assert titles(engine.search(q="call center costs")) == ["Contact center costs"]


def test_an_acronym_finds_pages_that_spell_it_out(engine, pages):
    assert titles(engine.search(q="CSAT")) == ["Measuring customer satisfaction"]


def test_a_spelled_out_acronym_may_have_one_word_in_the_title_and_the_other_in_the_text(engine, make_page):
    make_page(ToolPage, title="Customer interviews", summary="How satisfaction moved after the redesign.")
    make_page(ToolPage, title="Customer interviews, again", summary="Nothing about how people felt.")

    assert titles(engine.search(q="CSAT")) == ["Customer interviews"]


def test_an_editors_new_synonym_set_applies_at_the_next_search(engine, pages):
    assert engine.search(q="enrollment form").count == 0

    SynonymSet.objects.create(terms="enrollment form\nsign-up page")

    assert titles(engine.search(q="enrollment form")) == ["Recruiting participants for usability tests"]


def test_without_synonyms_only_the_words_typed_match(engine, pages, settings):
    settings.SEARCH_SYNONYMS = False

    assert engine.search(q="CSAT").count == 0

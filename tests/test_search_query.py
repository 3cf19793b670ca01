"""Parsing GET parameters into the one validated search query (shared by the page, API and feeds)."""

import pytest

from kb.models import Agency, Topic
from search.query import parse_search_query
from tests.search_support import querydict


@pytest.fixture
def taxonomy(db):
    Agency.objects.create(name="Internal Revenue Service", acronym="IRS")
    Topic.objects.create(name="Journey mapping")


def test_defaults(db):
    query, errors = parse_search_query(querydict({}))
    assert errors == {}
    assert (query.q, query.page, query.per_page, query.effective_sort) == ("", 1, 10, "newest")


def test_text_is_trimmed_and_whitespace_collapsed(db):
    query, _ = parse_search_query(querydict({"q": "  journey \t  map \n"}))
    assert query.q == "journey map"


def test_long_text_is_cut_with_a_warning(db):
    query, errors = parse_search_query(querydict({"q": "a" * 500}))
    assert errors == {}
    assert len(query.q) == 200
    assert any("200 characters" in warning for warning in query.warnings)


def test_control_characters_are_removed(db):
    query, _ = parse_search_query(querydict({"q": "tax\x00es\x1f"}))
    assert "\x00" not in query.q and query.q == "tax es"


def test_relevance_is_the_default_sort_with_words(db):
    query, _ = parse_search_query(querydict({"q": "survey"}))
    assert query.effective_sort == "relevance"


def test_relevance_without_words_means_newest(db):
    query, errors = parse_search_query(querydict({"sort": "relevance"}))
    assert errors == {} and query.effective_sort == "newest"


def test_facets_are_multi_valued_and_deduplicated(taxonomy):
    query, _ = parse_search_query(querydict({"type": ["tool", "case-study", "tool"], "topic": "journey-mapping"}))
    assert query.type == ("tool", "case-study")
    assert query.topic == ("journey-mapping",)


def test_unknown_facet_values_are_ignored_with_a_warning(taxonomy):
    query, errors = parse_search_query(
        querydict({"type": ["tool", "podcast"], "agency": ["internal-revenue-service", "nasa"], "year": "20x4"})
    )
    assert errors == {}
    assert query.type == ("tool",) and query.agency == ("internal-revenue-service",) and query.year == ()
    assert len(query.warnings) == 3
    assert any("podcast" in w for w in query.warnings) and any("nasa" in w for w in query.warnings)


def test_level_and_year_values(db):
    query, _ = parse_search_query(querydict({"level": ["state", "galactic"], "year": ["2024", "1850", "2٠٢٤", "1²³⁴"]}))
    assert query.level == ("state",)
    assert query.year == ("2024", "1850")  # other scripts' digits are digits to str, not years


@pytest.mark.parametrize(
    "params, field",
    [
        ({"page": "abc"}, "page"),
        ({"page": ""}, "page"),
        ({"page": "0"}, "page"),
        ({"page": "-1"}, "page"),
        ({"page": "1.5"}, "page"),
        ({"page": "1_0"}, "page"),
        ({"page": "99999999999999999999"}, "page"),
        ({"per_page": "0"}, "per_page"),
        ({"per_page": "51"}, "per_page"),
        ({"per_page": "ten"}, "per_page"),
        ({"sort": "random"}, "sort"),
        ({"sort": "'; DROP TABLE"}, "sort"),
    ],
)
def test_malformed_paging_and_sort_are_errors_for_their_field(db, params, field):
    query, errors = parse_search_query(querydict(params))
    assert list(errors) == [field]
    assert errors[field]
    assert query.page == 1 and query.per_page == 10  # the query stays usable


def test_valid_paging(db):
    query, errors = parse_search_query(querydict({"page": "3", "per_page": "50", "sort": "title"}))
    assert errors == {} and (query.page, query.per_page, query.sort) == (3, 50, "title")


def test_to_params_round_trips(taxonomy):
    query, _ = parse_search_query(querydict({"q": "map", "topic": "journey-mapping", "sort": "title", "page": "2"}))
    again, _ = parse_search_query(querydict({}).__class__("&".join(f"{k}={v}" for k, v in query.to_params())))
    assert again == query


def test_to_params_can_remove_one_value(taxonomy):
    query, _ = parse_search_query(querydict({"type": ["tool", "case-study"]}))
    assert query.to_params(remove=("type", "tool")) == [("type", "case-study")]

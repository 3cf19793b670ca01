"""The engine-independent parts of understanding a visitor's words: glossary concepts, spelling
corrections and the OpenSearch query they become."""

import pytest

from search.engines.base import Concept, required_coverage
from search.engines.elasticsearch import TEXT_FIELDS, text_query
from search.glossary import concepts, load_seed, seed_terms, synonym_sets
from search.models import SynonymSet
from search.spelling import correct

GLOSSARY = [(("call", "center"), ("contact", "center")), (("csat",), ("customer", "satisfaction"))]
FREQUENCIES = {"journey": 12, "mapping": 8, "usability": 5, "persona": 3, "personal": 9, "testing": 7}


def test_words_without_synonyms_are_each_a_concept_and_stop_words_are_dropped():
    assert concepts(["how", "to", "map", "journeys"], GLOSSARY) == (
        Concept((("map",),)),
        Concept((("journeys",),)),
    )


def test_a_glossary_phrase_becomes_one_concept_with_every_term_of_its_set():
    assert concepts(["Call", "centers", "wait"], GLOSSARY) == (
        Concept((("call", "center"), ("contact", "center"))),
        Concept((("wait",),)),
    )


def test_an_acronym_becomes_a_concept_with_its_spelled_out_form():
    assert concepts(["CSAT"], GLOSSARY) == (Concept((("csat",), ("customer", "satisfaction"))),)


def test_half_a_short_searchs_concepts_and_a_third_of_a_sentences_are_required_when_matching_relaxes():
    assert [required_coverage(range(n)) for n in (1, 2, 3, 4, 5, 7, 9)] == [1, 1, 2, 2, 2, 3, 3]


@pytest.mark.parametrize(
    "typed, searched",
    [
        ("jouney mapping", "journey mapping"),  # a letter missing
        ("usabilty testing", "usability testing"),
        ("personna", "persona"),  # a letter too many; the closest word wins over the commoner one
        ("jounrey", "journey"),  # two letters swapped: one slip
        ("journey mapping", "journey mapping"),  # nothing to correct
        ("xqzt", "xqzt"),  # nothing close
        ("mapp", "mapp"),  # too short to correct with confidence (four letters: one edit, none close)
        ("usabili testing", "usability testing"),  # two letters missing: as far as a long word may be
        ("testinggg", "testing"),  # two letters too many
    ],
)
def test_unknown_words_are_corrected_to_the_closest_known_word(typed, searched):
    assert correct(typed, FREQUENCIES) == searched


def test_each_vocabulary_gives_its_own_corrections():
    assert correct("mappng", {"mapping": 1}) == "mapping"
    assert correct("mappng", {"mopping": 1}) == "mopping"  # pages changed: the new words, not the old


def test_glossary_words_are_never_corrected():
    assert correct("persons", FREQUENCIES, keep={"persons"}) == "persons"


def test_a_relaxed_opensearch_query_needs_half_the_concepts_and_puts_full_matches_first():
    words = (Concept((("volunteers",),)), Concept((("public",),)), Concept((("csat",), ("customer", "satisfaction"))))

    query = text_query(words, relaxed=True)

    should = query["bool"]["must"]["bool"]
    assert should["minimum_should_match"] == 2
    assert should["should"][2] == {
        "bool": {
            "should": [
                {"multi_match": {"query": "csat", "fields": TEXT_FIELDS, "type": "cross_fields", "operator": "and"}},
                {
                    "multi_match": {
                        "query": "customer satisfaction",
                        "fields": TEXT_FIELDS,
                        "type": "cross_fields",
                        "operator": "and",
                    }
                },
            ],
            "minimum_should_match": 1,
        }
    }
    every_first, title_first = query["bool"]["should"]
    assert every_first["constant_score"]["boost"] > title_first["constant_score"]["boost"]


def test_a_query_of_stop_words_only_matches_nothing_on_opensearch():
    assert text_query(()) == {"match_none": {}}


@pytest.mark.django_db
def test_the_seed_glossary_is_loaded_and_loading_it_again_adds_nothing():
    assert SynonymSet.objects.count() == len(seed_terms())
    assert load_seed(SynonymSet) == 0
    assert (("lep",), ("limited", "english", "proficiency")) in synonym_sets()

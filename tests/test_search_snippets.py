"""Result snippets read as prose: the summary, or one sentence the page's authors wrote, with whole
matched words marked; never taxonomy names, table cells, block labels or "None"."""

from urllib.parse import urlencode

import pytest
from django.http import QueryDict

from kb.models import Agency, CaseStudyPage, ToolPage, Topic
from search.engines.snippets import build_snippet
from search.query import parse_search_query
from search.service import run_search


def test_the_summary_is_the_snippet_when_it_has_a_matched_word():
    snippet = build_snippet(["wait"], "Callers wait less.", ["The wait fell by half."])
    assert snippet == "Callers <mark>wait</mark> less."


def test_otherwise_the_first_sentence_of_the_prose_with_a_match():
    paragraphs = ["Nothing here. Still nothing.", "We listened to calls. Agents kept a call log! Then we met."]
    snippet = build_snippet(["log"], "A summary without it.", paragraphs)
    assert snippet == "Agents kept a call <mark>log</mark>!"


def test_only_whole_words_are_marked():
    snippet = build_snippet(["center"], "A centered layout for the contact center and two centers.", [])
    assert snippet == "A centered layout for the contact <mark>center</mark> and two <mark>centers</mark>."


def test_a_plural_search_marks_the_singular():
    assert build_snippet(["surveys"], "One survey.", []) == "One <mark>survey</mark>."


def test_no_readable_match_gives_no_snippet():
    assert build_snippet(["irs"], "About taxes.", ["Filing is simpler now."]) == ""


def test_snippet_text_is_escaped():
    snippet = build_snippet(["walrus"], "The <script>alert(1)</script> walrus.", [])
    assert snippet == "The &lt;script&gt;alert(1)&lt;/script&gt; <mark>walrus</mark>."


def test_a_long_sentence_is_shortened_around_its_match():
    sentence = " ".join(f"word{n}" for n in range(100)) + " target " + " ".join(f"tail{n}" for n in range(100)) + "."
    snippet = build_snippet(["target"], "", [sentence])
    assert "<mark>target</mark>" in snippet
    assert snippet.startswith("…") and snippet.endswith("…")
    assert len(snippet.replace("<mark>", "").replace("</mark>", "").split()) == 40


BODY = [
    ("heading", {"text": "Contact center findings", "level": "h2"}),
    (
        "table",
        {
            "caption": "Contact channels",
            "table": {"data": [["Contact", "Minutes"], ["Phone", None]], "first_row_is_table_header": True},
        },
    ),
    ("alert", {"kind": "info", "heading": "", "text": "<p>Agents at the contact center kept a log of every call.</p>"}),
]


@pytest.fixture
def noisy_page(make_page):
    """A page whose summary lacks the word, but whose taxonomy, heading, table and block labels have it."""
    agency = Agency.objects.create(name="Contact Agency", acronym="CA", level="federal")
    topic = Topic.objects.create(name="Contact centers")
    return make_page(
        CaseStudyPage,
        title="Shorter waits",
        summary="Callers waited less after the change.",
        agencies=[agency],
        topics=[topic],
        body=BODY,
    )


def hit_for(text):
    query, _errors = parse_search_query(QueryDict(urlencode({"q": text})))
    return run_search(query).hits[0]


def test_search_result_snippet_is_one_sentence_of_prose(noisy_page):
    hit = hit_for("contact")
    assert hit.highlight == "Agents at the <mark>contact</mark> center kept a log of every call."


def test_search_result_snippet_never_shows_taxonomy_table_labels_or_none(noisy_page):
    snippet = hit_for("contact").highlight
    for noise in ("Contact centers", "Contact Agency", "Minutes", "Contact channels", "Section (h2)", "None", "info"):
        assert noise not in snippet


def test_a_page_found_only_through_its_taxonomy_shows_its_plain_summary(make_page):
    topic = Topic.objects.create(name="Journey mapping")
    make_page(ToolPage, title="Workshop kit", summary="Everything for a day with stakeholders.", topics=[topic])
    hit = hit_for("journey")
    assert hit.highlight == ""
    assert hit.summary == "Everything for a day with stakeholders."

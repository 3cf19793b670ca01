"""Typo correction's vocabulary and the meaning vectors follow every change the public can see, and
other workers catch up by reading only what changed.

A word is offered as a correction while a public page uses it, and never once the page is
withdrawn (unpublished, restricted, expired, deleted) or edited to drop it. Other processes
(workers) are simulated, as in test_search_facet_index.py, by putting back the vocabulary or vectors
a worker held before a change: it must catch up by reading only the changed counts or pages, and
end up exactly as a fresh read.
"""

import datetime
import re
from collections import Counter

import numpy as np
import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from kb.models import CaseStudyPage, ToolPage
from search import embeddings, indexing, semantic
from search.engines import vocabulary
from search.models import PageEmbedding, PageWords, WordCount
from search.service import run_search
from tests.required import skip_or_fail
from tests.search_support import parse

WORD = "zygomorphic"
TYPO = "zygomorphc"


@pytest.fixture
def pages(make_page):
    return [
        make_page(ToolPage, title="Journey mapping for passports", summary="Every step citizens take."),
        make_page(CaseStudyPage, title="Paying for college", summary="Student aid questions answered."),
    ]


@pytest.fixture
def flower(make_page, pages):
    return make_page(ToolPage, title="Zygomorphic flowers", summary="Petals on one plane of symmetry.")


def correction(q=TYPO):
    """The words the search page says it searched instead of ``q`` ('' when none)."""
    found = run_search(parse(q=q)).correction
    return found.text if found else ""


def counted_afresh():
    """Every public page's words counted from its index entry, as a fresh recount would."""
    counts = Counter()
    for words, _expire_at in vocabulary.public_words(list(Page.objects.values_list("pk", flat=True))).values():
        counts.update(words)
    return dict(counts)


def catch_up(worker):
    """The vocabulary another worker, holding ``worker``, uses at its next search, and the SQL it ran."""
    vocabulary._read = worker
    with CaptureQueriesContext(connection) as queries:
        counts = vocabulary.word_frequencies()
    return counts, [query["sql"] for query in queries]


# What the public is offered ---------------------------------------------------------------------


def test_a_word_of_a_newly_published_page_is_offered(pages, make_page):
    assert correction() == ""
    make_page(ToolPage, title="Zygomorphic flowers")

    assert correction() == WORD


def withdraw_by_unpublishing(page):
    page.unpublish()


def withdraw_by_restricting(page):
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)


def withdraw_by_expiring(page):
    page.expire_at = timezone.now() - datetime.timedelta(minutes=1)
    page.save()


def withdraw_by_deleting(page):
    page.delete()


def withdraw_by_editing_the_word_away(page):
    draft = page.specific
    draft.title = "Bilateral flowers"
    draft.save_revision().publish()


@pytest.mark.parametrize(
    "withdraw",
    [
        withdraw_by_unpublishing,
        withdraw_by_restricting,
        withdraw_by_expiring,
        withdraw_by_deleting,
        withdraw_by_editing_the_word_away,
    ],
)
def test_a_word_is_no_longer_offered_once_its_only_page_is_withdrawn(flower, withdraw):
    assert correction() == WORD

    withdraw(Page.objects.get(pk=flower.pk).specific)

    assert correction() == ""
    assert WORD not in vocabulary.word_frequencies()
    assert vocabulary.word_frequencies() == counted_afresh()


def test_a_word_leaves_when_its_pages_expiry_time_passes_before_anything_changes_it(pages, make_page, monkeypatch):
    expiry = timezone.now() + datetime.timedelta(hours=1)
    make_page(ToolPage, title="Zygomorphic flowers", expire_at=expiry)
    assert correction() == WORD

    monkeypatch.setattr(timezone, "now", lambda: expiry + datetime.timedelta(seconds=1))

    assert correction() == ""
    assert vocabulary.word_frequencies() == counted_afresh()


def test_an_edit_adds_its_new_words_and_keeps_words_other_pages_still_use(flower, make_page):
    make_page(CaseStudyPage, title="Zygomorphic orchids")
    draft = flower.specific
    draft.title = "Actinomorphic flowers"
    draft.save_revision().publish()

    counts = vocabulary.word_frequencies()
    assert counts[WORD] == 1  # the orchids still use it
    assert counts["actinomorphic"] == 1
    assert correction("actinomorphc") == "actinomorphic"
    assert counts == counted_afresh()


def test_a_page_that_comes_back_is_counted_once(flower):
    flower.unpublish()
    Page.objects.get(pk=flower.pk).specific.save_revision().publish()

    assert vocabulary.word_frequencies()[WORD] == 1
    assert correction() == WORD


def test_a_change_behind_djangos_back_leaves_with_check_search_index_fix(flower):
    assert correction() == WORD
    Page.objects.filter(pk=flower.pk).update(live=False)  # raw SQL, a bulk update: no signal

    call_command("check_search_index", "--fix", verbosity=0, stdout=None)

    assert correction() == ""
    assert PageWords.objects.filter(page_id=flower.pk).count() == 0


def test_the_rebuild_command_counts_every_page_afresh(flower):
    WordCount.objects.all().delete()
    PageWords.objects.all().delete()

    call_command("rebuild_search_index", verbosity=0)

    assert correction() == WORD
    assert vocabulary.word_frequencies() == counted_afresh()


def test_the_first_migration_after_upgrading_counts_the_pages_already_there(flower):
    WordCount.objects.all().delete()
    PageWords.objects.all().delete()

    indexing.on_migrated(sender=None)

    assert correction() == WORD
    assert vocabulary.word_frequencies() == counted_afresh()


# Other workers catching up ----------------------------------------------------------------------


def test_another_worker_catches_up_with_a_publish_by_reading_only_the_changed_counts(pages, make_page):
    worker = vocabulary.word_frequencies() and vocabulary._read
    make_page(ToolPage, title="Zygomorphic flowers")

    counts, queries = catch_up(worker)

    assert counts[WORD] == 1
    assert counts == counted_afresh()
    count_reads = [sql for sql in queries if WordCount._meta.db_table in sql]
    assert len(count_reads) == 1 and '"serial" >' in count_reads[0]  # only the rows changed since
    assert not [sql for sql in queries if "wagtailsearch_indexentry" in sql]  # no page's text read again


def test_a_worker_catches_up_with_a_withdrawal_and_drops_the_word(flower):
    worker = vocabulary.word_frequencies() and vocabulary._read
    flower.unpublish()

    counts, queries = catch_up(worker)

    assert WORD not in counts
    assert counts == counted_afresh()
    assert not [sql for sql in queries if "wagtailsearch_indexentry" in sql]


def test_a_worker_whose_counts_were_read_in_a_rolled_back_change_reads_them_all_again(pages, make_page):
    with pytest.raises(RuntimeError), transaction.atomic():
        make_page(ToolPage, title="Zygomorphic flowers")
        assert correction() == WORD  # this worker saw it, uncommitted
        raise RuntimeError
    worker = vocabulary._read
    make_page(ToolPage, title="Published for real")  # reuses the rolled-back serial

    counts, queries = catch_up(worker)

    assert WORD not in counts
    assert counts == counted_afresh()
    assert [sql for sql in queries if WordCount._meta.db_table in sql and '"pages" >' in sql]  # every row


def test_the_writer_reads_only_the_changed_page(pages, make_page):
    page = make_page(ToolPage, title="Zygomorphic flowers", publish=False)

    with CaptureQueriesContext(connection) as queries:
        page.save_revision().publish()

    text_reads = [q["sql"] for q in queries if re.search(r'"body(_text)?" AS', q["sql"])]  # the pages' text
    assert text_reads and all(f"IN ('{page.pk}')" in sql for sql in text_reads)  # that page's text, no other
    assert vocabulary.word_frequencies() == counted_afresh()


def recounts(queries):
    """How many times the pages' words were counted again: each count starts by reading the words
    they were last counted with."""
    table = PageWords._meta.db_table
    return sum(f'FROM "{table}"' in q["sql"] and f'"{table}"."words" AS ' in q["sql"] for q in queries)


def test_a_publish_counts_the_pages_words_once(pages, make_page):
    page = make_page(ToolPage, title="Zygomorphic flowers", publish=False)
    revision = page.save_revision()

    with CaptureQueriesContext(connection) as queries:
        revision.publish()

    assert recounts(queries) == 1  # at the save; publishing then writes only the taxonomy
    assert correction() == WORD and vocabulary.word_frequencies() == counted_afresh()


def test_an_unpublish_counts_the_pages_words_once(flower):
    with CaptureQueriesContext(connection) as queries:
        Page.objects.get(pk=flower.pk).specific.unpublish()

    assert recounts(queries) == 1
    assert correction() == "" and vocabulary.word_frequencies() == counted_afresh()


# Meaning vectors --------------------------------------------------------------------------------


@pytest.fixture
def semantic_on(settings):
    if not embeddings.available():
        skip_or_fail("SEMANTIC", "semantic search tests skipped: pip install -r requirements-semantic.txt")
    settings.SEARCH_SEMANTIC = True


def stored_rows(vectors):
    """{page id: its vectors as stored in memory}."""
    return {
        pk: vectors.matrix[vectors.starts[place] : vectors.ends[place]].tolist()
        for pk, place in vectors.position.items()
    }


def assert_same_as_a_fresh_read(vectors):
    fresh = semantic.Vectors(semantic.Vectors.read())
    assert stored_rows(vectors) == stored_rows(fresh)
    probe = embeddings.embed(["recruiting volunteers"])[0]
    ours, theirs = vectors.similarities(probe), fresh.similarities(probe)
    for pk in fresh.position:
        assert ours[vectors.position[pk]] == pytest.approx(theirs[fresh.position[pk]])


def vectors_of_worker(worker):
    """The vectors another worker, holding ``worker``, uses at its next search, and the SQL it ran."""
    semantic._matrix = worker
    with CaptureQueriesContext(connection) as queries:
        stored = semantic.vectors()
    return stored, [query["sql"] for query in queries]


def test_another_worker_catches_up_with_vectors_by_reading_only_the_changed_pages(semantic_on, pages, make_page):
    semantic.vectors()
    worker = semantic._matrix
    new = make_page(ToolPage, title="Recruiting volunteers for usability tests")
    pages[0].unpublish()

    stored, queries = vectors_of_worker(worker)

    embedding_reads = [sql for sql in queries if PageEmbedding._meta.db_table in sql]
    assert len(embedding_reads) == 1
    read_ids = re.search(r'"page_id" IN \(([^)]*)\)', embedding_reads[0]).group(1)
    assert sorted(int(pk) for pk in read_ids.split(",")) == sorted([new.pk, pages[0].pk])  # the changed two
    assert set(stored.position) == {new.pk, pages[1].pk}
    assert_same_as_a_fresh_read(stored)


def test_vectors_caught_up_rank_pages_as_a_fresh_read_does(semantic_on, pages, make_page):
    semantic.vectors()
    worker = semantic._matrix
    new = make_page(ToolPage, title="Recruiting volunteers for usability tests")
    draft = pages[1].specific
    draft.summary = "How students recruit volunteers."
    draft.save_revision().publish()

    semantic._matrix = worker
    ranked = semantic.ranking("recruiting volunteers")
    semantic._matrix = None
    fresh = semantic.ranking("recruiting volunteers")

    assert [pk for pk, _similarity in ranked] == [pk for pk, _similarity in fresh]
    assert new.pk in dict(ranked)
    assert np.allclose([s for _pk, s in ranked], [s for _pk, s in fresh])


def test_vectors_read_inside_a_rolled_back_change_are_read_again(semantic_on, pages, make_page):
    with pytest.raises(RuntimeError), transaction.atomic():
        make_page(ToolPage, title="Never published after all")
        assert len(semantic.vectors().position) == 3
        raise RuntimeError
    make_page(ToolPage, title="Published for real")

    stored = semantic.vectors()

    assert len(stored.position) == 3
    assert_same_as_a_fresh_read(stored)

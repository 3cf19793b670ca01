"""The words of the public pages, with how many pages use each: what typo correction picks from.

Read from the database engine's index (the text it matches against: titles, summaries, bodies,
taxonomy names), which every configuration keeps up to date, so a correction offered on
OpenSearch is the same as on the database. Only public pages count: a word found only in a draft,
or in a page since unpublished, restricted, expired or deleted, must never be offered to the public
as a correction.

The counts live in the database, kept by the writers, so that no process reads every page's text
again after a change (at 100,000 pages that read took each worker tens of seconds, after every
publish):

- ``pages_changed`` counts the changed pages again inside the writer's transaction, called by
  ``search.indexing`` right after the facet index's change is listed (whose serial it is given):
  each page's words as last counted (``PageWords``) leave the counts and its words now, if it is
  public, join them (``WordCount``, each changed row stamped with the serial);
- each process holds the counts in memory (``word_frequencies``) and, when the facet index's
  token has changed, reads only the rows stamped after its own serial: the few words of the
  changed pages. It reads every row instead (tens of thousands of words, not every page's text)
  when the change list cannot vouch for its serial (``facet_index.catch_up``): a rebuild, a
  pruned list, or counts read inside a transaction that was rolled back;
- a page whose expiry time passes before anything changes it (``publish_scheduled`` unpublishes it
  later) is left out by each process at search time: the counted pages' expiry times are kept
  (``PageWords.expire_at``) and read with the counts;
- ``recount`` starts the tables afresh (``rebuild_search_index``, ``check_search_index --fix``,
  and the first ``migrate`` after upgrading).

Why the database rather than each process remembering every page's words: those would take tens
of megabytes in every worker at 100,000 pages, and each new process would still read every page.
"""

import bisect
import re
from collections import Counter
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone

from kb.models import KnowledgePage

from ..models import PageWords, WordCount
from . import facet_index
from .database import toolkit_entries

WORD = re.compile(r"[^\W\d_]{3,}")

# Pages (and words) read or written per query: well inside every database's limit on parameters.
CHUNK_SIZE = 500


@dataclass(frozen=True)
class Vocabulary:
    """The counts as of a facet index change."""

    counts: dict  # {word: pages}; replaced whole, never changed in place
    expiring: tuple  # ((expiry time, page id), ...) of the counted pages that have one, soonest first


_read = None  # (token, serial, Vocabulary): this process's counts as of that facet index change
_unexpired = None  # (Vocabulary, pages expired, its counts without their words)


def word_frequencies():
    """{lower-cased word: number of public pages using it}."""
    global _read
    kept = _read = facet_index.catch_up(_read, counts_stamped_since, read_every_count)
    return unexpired(kept[2], timezone.now())


def unexpired(read, now):
    """``read``'s counts without the words of the pages expired by ``now`` (made once per expiry)."""
    global _unexpired
    expired = bisect.bisect_right(read.expiring, (now, float("inf")))
    if not expired:
        return read.counts
    kept = _unexpired
    if kept is None or kept[0] is not read or kept[1] != expired:
        counts = dict(read.counts)
        ids = [pk for _expire_at, pk in read.expiring[:expired]]
        for words in PageWords.objects.filter(page_id__in=ids).values_list("words", flat=True):
            for word in words.split():
                if counts.get(word, 0) > 1:
                    counts[word] -= 1
                else:
                    counts.pop(word, None)
        kept = _unexpired = (read, expired, counts)
    return kept[2]


def counts_stamped_since(read, serial, _changed):
    """``read`` (as of ``serial``) with the counts stamped after ``serial``: the changed pages' words."""
    counts = dict(read.counts)
    for word, pages in WordCount.objects.filter(serial__gt=serial).values_list("word", "pages"):
        if pages > 0:
            counts[word] = pages
        else:
            counts.pop(word, None)
    return Vocabulary(counts, expiring_pages())


def read_every_count():
    """Every word's count, when the change list cannot vouch for the counts held (a rebuild, a
    pruned list, counts read in a rolled-back change) or none are held yet."""
    return Vocabulary(dict(WordCount.objects.filter(pages__gt=0).values_list("word", "pages")), expiring_pages())


def expiring_pages():
    """The counted pages' expiry times, read again with any counts (``unexpired`` uses them)."""
    expiring = PageWords.objects.filter(expire_at__isnull=False).order_by("expire_at", "page_id")
    return tuple(expiring.values_list("expire_at", "page_id"))


# Writing ------------------------------------------------------------------------------------------


def pages_changed(page_ids, serial):
    """Count the pages ``page_ids`` again, stamping the counts that change with ``serial``.

    Call inside the writer's transaction, after the facet index change at ``serial`` was recorded:
    its lock on the version row keeps writers in serial order until they commit.
    """
    ids = sorted(set(page_ids))
    change = Counter()
    for start in range(0, len(ids), CHUNK_SIZE):
        chunk = ids[start : start + CHUNK_SIZE]
        before = {
            pk: (frozenset(words.split()), expire_at)
            for pk, words, expire_at in PageWords.objects.filter(page_id__in=chunk).values_list(
                "page_id", "words", "expire_at"
            )
        }
        after = public_words(chunk)
        nothing = (frozenset(), None)
        for pk in chunk:
            change.update(after.get(pk, nothing)[0] - before.get(pk, nothing)[0])
            change.subtract(before.get(pk, nothing)[0] - after.get(pk, nothing)[0])
        PageWords.objects.filter(page_id__in=[pk for pk in before if pk not in after]).delete()
        rewritten = [pk for pk, counted in after.items() if counted != before.get(pk)]
        PageWords.objects.bulk_create(
            [PageWords(page_id=pk, words=" ".join(sorted(after[pk][0])), expire_at=after[pk][1]) for pk in rewritten],
            update_conflicts=True,
            unique_fields=["page_id"],
            update_fields=["words", "expire_at"],
        )
    add_to_counts({word: by for word, by in change.items() if by}, serial)


def recount(serial):
    """Count every public page afresh, stamped with ``serial`` (of an invalidation, which makes
    every process read all the counts again)."""
    PageWords.objects.all().delete()
    WordCount.objects.all().delete()
    pages_changed(KnowledgePage.objects.visible().values_list("pk", flat=True), serial)


def add_to_counts(change, serial):
    """Add ``change`` ({word: pages gained or lost}) to the counts."""
    words = sorted(change)  # the same lock order in every writer
    for start in range(0, len(words), CHUNK_SIZE):
        chunk = words[start : start + CHUNK_SIZE]
        current = dict(WordCount.objects.filter(word__in=chunk).values_list("word", "pages"))
        WordCount.objects.bulk_create(
            [WordCount(word=word, pages=current.get(word, 0) + change[word], serial=serial) for word in chunk],
            update_conflicts=True,
            unique_fields=["word"],
            update_fields=["pages", "serial"],
        )


def public_words(ids):
    """{page id: (its distinct lower-cased words, its expiry time)} for the public pages among
    ``ids``, the words from their database index entries."""
    columns = entry_columns()
    expiry = dict(KnowledgePage.objects.visible().filter(pk__in=ids).values_list("pk", "expire_at"))
    if columns is None or not expiry:
        return {}
    entries = toolkit_entries().filter(object_id__in=[str(pk) for pk in expiry])
    found = {}
    for object_id, title, body in entries.values_list("object_id", *columns):
        words = frozenset(word.lower() for word in WORD.findall(f"{title} {body or ''}"))
        found[int(object_id)] = (words, expiry[int(object_id)])
    return found


def entry_columns():
    """The index entry's plain-text title and body columns on this database (None: not kept)."""
    if connection.vendor == "postgresql":
        return ("title_text", "body_text")
    if connection.vendor == "sqlite":
        return ("title", "body")
    return None

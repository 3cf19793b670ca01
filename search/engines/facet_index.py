"""The database engine's facet index: every public page's facet values, held in memory as bitsets.

Counting facets in SQL means joining every taxonomy table to the candidate pages on every search;
at 10,000 pages that alone takes longer than a whole search should. Search engines keep, for each
facet value, the set of documents that carry it and count by intersecting sets. This module does
the same with Python integers as bitsets (bit i stands for the i-th public page, newest first), so
the disjunctive counts of all six facets are a few hundred integer ANDs, whatever the page count.

Each process builds the index on its first search and keeps it up to date from the one row of
``FacetIndexVersion``, read at every search (one query, with the changes since):

- a changed page (published, unpublished, saved, deleted, moved, restricted, its taxonomy edited)
  is listed in ``FacetIndexChange``, inside the writer's transaction (``pages_changed``, called by
  ``search.indexing``). Before its next search each process re-reads only the listed pages and
  patches its bitsets: every later position moves up or down one bit, a few big-integer shifts per
  facet value, so catching up with one publish costs milliseconds where a full build of 100,000
  pages costs seconds, and it costs every worker that, after every publish.
- ``invalidate`` (an index rebuild, or more changed pages at once than patching is worth) makes
  every process build from scratch, as does a change list pruned past a process's index.
- every write also changes the row's token: an index made inside a transaction that was then
  rolled back does not match the change that reuses its serial, and is built afresh.
- the caches derived from the same pages (typo correction's vocabulary, ``vocabulary``, and the
  meaning vectors, ``search.semantic``) catch up from the same list: ``changes_since`` tells them
  which pages changed since the change they were made at, or that they must read everything again.

Why incremental rather than one index built once and shared through the cache: the shared copy
would still be a full build after every publish (in one process, while the others wait for it or
build too), and each process would still deserialize megabytes of bitsets; it would also need a
shared cache, which a single server with the default local-memory cache does not have. The change
list needs nothing but the database every process already reads.

Expiry needs no change: expiry times are kept and checked at search time. The service re-reads
result pages with the live visibility rules, so a stale index could skew a count but never show a
page the public may not see.
"""

import bisect
import re
import uuid
from contextlib import contextmanager
from contextvars import ContextVar
from itertools import islice

import numpy as np
from django.db import connection
from django.db.models import F
from django.utils import timezone
from django.utils.functional import cached_property

from kb.models import KnowledgePage, page_types

from ..models import FacetIndexChange, FacetIndexVersion
from ..query import FACETS, TAXONOMY_MODELS
from .base import words_of

SET_BIT = re.compile("1")

# More changed pages than this since a process's index (a term on thousands of pages renamed, a
# section restricted): a full build is cheaper than patching page by page.
MAX_CHANGES = 100
# Change rows kept; a process further behind than that builds from scratch.
KEEP_CHANGES = 1000

_built = None  # this process's latest index; replaced whole, never changed in place
_reading = ContextVar("facet_index_reading", default=None)  # {"index": ...} inside one_reading()


def invalidate():
    """Tell every process to build its index from scratch before its next search; the change's serial."""
    return record([None])


def pages_changed(page_ids):
    """Tell every process to re-read the pages ``page_ids`` before its next search; the change's
    serial (None when no page changed)."""
    page_ids = set(page_ids)
    if page_ids:
        # Listing thousands of pages costs more than every process building afresh.
        return record(page_ids if len(page_ids) <= MAX_CHANGES else [None])
    return None


def record(page_ids):
    """List ``page_ids`` (None: every page) as changed at the next serial, in the writer's
    transaction; that serial.

    Updating the version row first takes its lock until the writer commits, so serials are given out
    in commit order and a process that has read serial n has seen every change up to n.
    """
    token = uuid.uuid4().hex
    if not FacetIndexVersion.objects.filter(pk=1).update(serial=F("serial") + 1, token=token):
        FacetIndexVersion.objects.update_or_create(pk=1, defaults={"token": token, "serial": 1})
    serial, pruned_to = FacetIndexVersion.objects.filter(pk=1).values_list("serial", "pruned_to").get()
    if None in page_ids:  # no page before this one matters any more
        FacetIndexChange.objects.all().delete()
        page_ids, pruned_to = [None], serial - 1
        FacetIndexVersion.objects.filter(pk=1).update(pruned_to=pruned_to)
    FacetIndexChange.objects.bulk_create(FacetIndexChange(serial=serial, token=token, page_id=pk) for pk in page_ids)
    if serial - pruned_to > 2 * KEEP_CHANGES:
        FacetIndexChange.objects.filter(serial__lte=serial - KEEP_CHANGES).delete()
        FacetIndexVersion.objects.filter(pk=1).update(pruned_to=serial - KEEP_CHANGES)
    return serial


@contextmanager
def one_reading():
    """Within the block (a decorator too), ``current_index()`` asks the database once.

    A search or a suggestion reads the index in several places (the typo vocabulary, the engine,
    the terms with public pages): each asked for the latest version, a query each, and a change
    made in between could give one request two versions of the site. One reading answers the whole
    request with one version, at the cost of one query."""
    held = _reading.set({})
    try:
        yield
    finally:
        _reading.reset(held)


def current_index():
    """The facet index as of the latest change (one query when nothing has changed), or the one
    already read inside ``one_reading()``."""
    held = _reading.get()
    if held is None:
        return latest_index()
    if "index" not in held:
        held["index"] = latest_index()
    return held["index"]


def latest_index():
    """The facet index as of the latest change, asking the database which that is."""
    global _built
    index = _built
    latest = changes_since(index.token, index.serial) if index is not None else changes_since(None, None)
    if latest is None:  # the row is gone (a flushed database): nothing to tell a current index by
        return FacetIndex.build(None, 0)
    token, serial, changed = latest
    if index is not None and index.serial == serial and index.token == token:
        return index
    if index is not None and changed is not None:
        index = _built = index.updated(token, serial, changed)
        return index
    index = _built = FacetIndex.build(token, serial)
    return index


def catch_up(kept, updated, read_afresh):
    """A value derived from the public pages (``vocabulary.word_frequencies``, ``semantic.vectors``)
    brought up to the latest change, as this module brings its index.

    ``kept`` is (token, serial, value) as of the change ``token`` made at ``serial``, or None.
    Returns ``kept`` itself when no change has come since; otherwise (latest token, latest serial,
    value), the value being ``updated(value, serial, changed page ids)`` when the change list can
    tell which pages changed since ``kept``, else ``read_afresh()``.
    """
    token = current_index().token
    if kept is not None and token is not None and kept[0] == token:
        return kept
    since = kept[:2] if kept is not None else (None, None)
    # No version row (a flushed database): nothing to tell changes by; read afresh.
    latest_token, serial, changed = changes_since(*since) or (None, 0, None)
    if kept is not None and changed is not None:
        return latest_token, serial, updated(kept[2], kept[1], changed)
    return latest_token, serial, read_afresh()


def changes_since(token, serial):
    """(latest token, latest serial, ids of the pages changed after the change ``token`` made at
    ``serial``), in one query; None when there is no version row.

    The ids are None when the list cannot tell them: no such change (``serial`` None, or a change
    made inside a transaction that was rolled back), a change list pruned past it, an invalidation
    since, or more changed pages than patching is worth. The facet index and the caches derived
    from the same pages (``search.engines.vocabulary``, ``search.semantic``) catch up with them, or
    read everything again when they are None.
    """
    version, change = FacetIndexVersion._meta.db_table, FacetIndexChange._meta.db_table
    with connection.cursor() as cursor:
        # The version, the changes at ``serial`` (to check they are the ones made with ``token``)
        # and the changes since.
        cursor.execute(
            f"SELECT v.token, v.serial, v.pruned_to, c.serial, c.token, c.page_id FROM {version} v "
            f"LEFT JOIN {change} c ON c.serial >= %s AND c.serial <= v.serial WHERE v.id = 1 "
            "ORDER BY c.serial LIMIT %s",
            [serial if serial is not None else 2**62, 2 * MAX_CHANGES + 2],
        )
        rows = cursor.fetchall()
    if not rows:
        return None
    latest_token, latest_serial, pruned_to = rows[0][:3]
    if serial == latest_serial and token == latest_token:
        return latest_token, latest_serial, set()
    if serial is None or serial < pruned_to:
        return latest_token, latest_serial, None
    seen = any(at == serial and by == token for _v, _s, _p, at, by, _page in rows)
    later = [page for _v, _s, _p, at, _by, page in rows if at is not None and at > serial]
    if seen and None not in later and len(later) <= MAX_CHANGES and len(rows) < 2 * MAX_CHANGES + 2:
        return latest_token, latest_serial, set(later)
    return latest_token, latest_serial, None


def bitset(positions, size):
    """An integer with the bits at ``positions`` set."""
    bits = bytearray((size + 7) // 8)
    for position in positions:
        bits[position >> 3] |= 1 << (position & 7)
    return int.from_bytes(bits, "little")


def bit_string(bits, size):
    """'1'/'0' per position, position 0 first: set bits found and tested at C speed."""
    return format(bits, f"0{size}b")[::-1] if size else ""


def sort_key(pk, published):
    """Where a page goes in the index: newest first, then highest id first."""
    return (-published.toordinal(), -pk)


def read(ids=None):
    """The public pages (all, or those of ``ids``) newest first, their facet values and every
    taxonomy label: eight queries."""
    pages = KnowledgePage.objects.visible()
    topics, agencies, life_events = (
        KnowledgePage.topics.through.objects,
        KnowledgePage.agencies.through.objects,
        KnowledgePage.life_events.through.objects,
    )
    if ids is not None:
        pages = pages.filter(pk__in=ids)
        topics, agencies, life_events = (
            manager.filter(knowledgepage_id__in=ids) for manager in (topics, agencies, life_events)
        )
    rows = list(
        pages.order_by("-publication_date", "-pk").values_list(
            "pk", "content_type_id", "publication_date", "expire_at", "title"
        )
    )
    type_for_content_type = type_slugs()
    values = {
        pk: {("type", type_for_content_type.get(content_type)), ("year", str(published.year))}
        for pk, content_type, published, _expire_at, _title in rows
    }
    links = [("topic", page, slug) for page, slug in topics.values_list("knowledgepage_id", "topic__slug")]
    links += [
        ("life_event", page, slug) for page, slug in life_events.values_list("knowledgepage_id", "lifeevent__slug")
    ]
    for page, slug, level in agencies.values_list("knowledgepage_id", "agency__slug", "agency__level"):
        links += [("agency", page, slug), ("level", page, level)]  # two federal agencies: one federal page
    for facet, page, value in links:
        if page in values:
            values[page].add((facet, value))
    labels = {facet: {term.slug: str(term) for term in model.objects.all()} for facet, model in TAXONOMY_MODELS.items()}
    return rows, values, labels


class IdPositions:
    """Where many page ids stand in an array of ids (the facet index's, the semantic vectors'),
    found in bulk: the array sorted once, then searched by numpy rather than id by id in Python."""

    def __init__(self, ids):
        self.order = np.argsort(ids, kind="stable")  # the positions, in increasing id order
        self.sorted_ids = ids[self.order]

    def find(self, ids):
        """(which of ``ids``, a numpy array, are in the array, as a mask; the positions of those
        that are, in the order of ``ids``)."""
        if not len(self.sorted_ids) or not len(ids):
            return np.zeros(len(ids), dtype=bool), np.zeros(0, dtype=np.int64)
        found = np.minimum(np.searchsorted(self.sorted_ids, ids), len(self.sorted_ids) - 1)
        present = self.sorted_ids[found] == ids
        return present, self.order[found[present]]


class FacetIndex:
    """The public pages (newest first) and, per facet value, the bitset of the pages carrying it."""

    def __init__(self, token, serial, ids, keys, titles, expire_at, bits, labels, words=({}, frozenset())):
        self.token = token
        self.serial = serial
        self.ids = ids
        self.keys = keys  # sort_key of each position, for placing a changed page
        self.titles = titles
        self.expire_at = expire_at  # {page id: expiry time}, for the pages that have one
        self.bits = bits
        self.labels = labels
        # ({key: bitset}, unchecked): the pages having a common word, kept here by the engine that
        # finds them (DatabaseEngine.matching) and moved with the pages like the facet values'
        # bitsets. The pages ``unchecked`` (changed since) have none of those bits set until the
        # engine checks them. One attribute, replaced whole, so that a search never reads the bits
        # of one state with the unchecked pages of another.
        self.words = words
        self.position = {pk: position for position, pk in enumerate(ids)}
        self.size = len(ids)
        self.everything = (1 << self.size) - 1
        self.expiring = [(expire, self.position[pk]) for pk, expire in expire_at.items()]

    @classmethod
    def build(cls, token, serial):
        """Every public page read afresh (eight queries)."""
        rows, values, labels = read()
        ids = [pk for pk, *_rest in rows]
        positions = {facet: {} for facet in FACETS}
        for position, pk in enumerate(ids):
            for facet, value in values[pk]:
                positions[facet].setdefault(value, []).append(position)
        bits = {
            facet: {value: bitset(found, len(ids)) for value, found in found_by_value.items() if value}
            for facet, found_by_value in positions.items()
        }
        return cls(
            token,
            serial,
            ids,
            [sort_key(pk, published) for pk, _ct, published, _expire_at, _title in rows],
            [title for *_rest, title in rows],
            {pk: expire_at for pk, _ct, _published, expire_at, _title in rows if expire_at},
            bits,
            labels,
        )

    def updated(self, token, serial, changed):
        """This index with the pages ``changed`` re-read (eight queries, only those pages read).

        Each changed page leaves its position, and comes back where its date puts it if it is still
        public: every bitset's higher bits move down, then up, one place.
        """
        rows, values, labels = read(changed)
        ids, keys, titles = list(self.ids), list(self.keys), list(self.titles)
        expire_at = {pk: expire for pk, expire in self.expire_at.items() if pk not in changed}
        bits = {facet: dict(found) for facet, found in self.bits.items()}
        words, unchecked = dict(self.words[0]), self.words[1]
        moving = [*bits.values(), words]
        for position in sorted((self.position[pk] for pk in changed if pk in self.position), reverse=True):
            del ids[position], keys[position], titles[position]
            below = (1 << position) - 1
            for found in moving:
                for value, pages in found.items():
                    found[value] = (pages & below) | (pages >> (position + 1) << position)
        for pk, _content_type, published, expire, title in rows:
            key = sort_key(pk, published)
            position = bisect.bisect_left(keys, key)
            ids.insert(position, pk)
            keys.insert(position, key)
            titles.insert(position, title)
            if expire:
                expire_at[pk] = expire
            below = (1 << position) - 1
            for found in moving:
                for value, pages in found.items():
                    found[value] = (pages & below) | (pages >> position << (position + 1))
            for facet, value in values[pk]:
                if value:
                    bits[facet][value] = bits[facet].get(value, 0) | 1 << position
        bits = {facet: {value: pages for value, pages in found.items() if pages} for facet, found in bits.items()}
        unchecked = unchecked | {pk for pk, *_rest in rows} if words else frozenset()
        return type(self)(token, serial, ids, keys, titles, expire_at, bits, labels, (words, unchecked))

    @cached_property
    def by_title(self):
        """Positions in title order (made on the first search sorted by title)."""
        return sorted(range(self.size), key=lambda position: (self.titles[position], self.ids[position]))

    @cached_property
    def vocabulary(self):
        """The words of the public titles and of every taxonomy label (names and acronyms)."""
        return words_of([*self.titles, *(label for labels in self.labels.values() for label in labels.values())])

    # Sets of pages -------------------------------------------------------------------------

    def visible(self, now=None):
        """Every indexed page that has not expired by ``now``."""
        now = now or timezone.now()
        expired = [position for expire_at, position in self.expiring if expire_at <= now]
        return self.everything & ~bitset(expired, self.size) if expired else self.everything

    def carrying(self, facet, values):
        """The pages carrying any of ``values`` for ``facet`` (OR within a facet)."""
        bits = 0
        for value in values:
            bits |= self.bits[facet].get(value, 0)
        return bits

    # A common word is in most pages: going from tens of thousands of ids to a bitset and back,
    # element by element in Python, took longer than finding them. numpy does both in bulk.

    @cached_property
    def id_array(self):
        """The ids by position."""
        return np.array(self.ids, dtype=np.int64)

    @cached_property
    def by_id(self):
        """The positions of the ids, for finding many ids' positions at once."""
        return IdPositions(self.id_array)

    def of_ids(self, ids):
        """The pages among ``ids`` (ids of pages not in the index are left out)."""
        ids = ids if isinstance(ids, np.ndarray) else np.fromiter(ids, dtype=np.int64)
        if not self.size or not ids.size:
            return 0
        _present, positions = self.by_id.find(ids)
        flags = np.zeros(self.size, dtype=np.uint8)
        flags[positions] = 1
        return int.from_bytes(np.packbits(flags, bitorder="little").tobytes(), "little")

    def among(self, bits):
        """A test of whether a page id is among ``bits``, for testing a few thousand ids one by one
        without making a list of every id in ``bits``."""
        flags, position = bit_string(bits, self.size), self.position

        def test(pk):
            found = position.get(pk)
            return found is not None and flags[found] == "1"

        return test

    def ids_of(self, bits):
        """The ids of the pages in ``bits``, newest first."""
        return self.id_array_of(bits).tolist()

    def id_array_of(self, bits):
        """``ids_of`` as a numpy array, for callers that go on in numpy."""
        if not bits:
            return self.id_array[:0]
        packed = np.frombuffer(bits.to_bytes((self.size + 7) // 8, "little"), dtype=np.uint8)
        flags = np.unpackbits(packed, count=self.size, bitorder="little")
        return self.id_array[np.flatnonzero(flags)]

    # Counting and ordering -------------------------------------------------------------------

    def counts(self, facet, within):
        """{value: number of pages in ``within`` carrying it}, values with no page left out."""
        counts = {}
        for value, bits in self.bits[facet].items():
            count = (bits & within).bit_count()
            if count:
                counts[value] = count
        return counts

    def ordered(self, bits, sort, start, stop):
        """Ids of the pages in ``bits`` from ``start`` to ``stop`` in ``sort`` order."""
        flags = bit_string(bits, self.size)
        if sort == "title":
            positions = [position for position in self.by_title if flags[position] == "1"][start:stop]
        elif sort == "oldest":  # newest first read backwards
            last = self.size - 1
            positions = [last - found.start() for found in islice(SET_BIT.finditer(flags[::-1]), start, stop)]
        else:  # newest: positions already run newest first
            positions = [found.start() for found in islice(SET_BIT.finditer(flags), start, stop)]
        return [self.ids[position] for position in positions]


def type_slugs():
    """{content type id: public type slug}; ContentType caches these, so this costs no query."""
    from django.contrib.contenttypes.models import ContentType

    return {ContentType.objects.get_for_model(model).pk: slug for slug, model in page_types().items()}

"""The database engine's facet index: every public page's facet values, held in memory as bitsets.

Counting facets in SQL means joining every taxonomy table to the candidate pages on every search;
at 10,000 pages that alone takes longer than a whole search should. Search engines keep, for each
facet value, the set of documents that carry it and count by intersecting sets. This module does
the same with Python integers as bitsets (bit i stands for the i-th public page, newest first), so
the disjunctive counts of all six facets are a few hundred integer ANDs, whatever the page count.

Each process builds the index on its first search and rebuilds it when the token in
``FacetIndexVersion`` has changed. ``search.indexing`` changes the token, inside the writer's
transaction, whenever something a facet or the public's view depends on changes: publishing,
unpublishing, page saves, deletions and moves, privacy restrictions, taxonomy edits and index
rebuilds. Expiry needs no token: expiry times are kept and checked at search time. The service
re-reads result pages with the live visibility rules, so a stale index could skew a count but
never show a page the public may not see.
"""

import re
import uuid
from itertools import islice

from django.utils import timezone
from django.utils.functional import cached_property

from kb.models import KnowledgePage, page_types

from ..models import FacetIndexVersion
from ..query import FACETS, TAXONOMY_MODELS
from .base import words_of

SET_BIT = re.compile("1")

_built = None  # this process's latest index; replaced whole, never changed in place


def invalidate():
    """Tell every process to rebuild its index before its next search."""
    token = uuid.uuid4().hex
    if not FacetIndexVersion.objects.filter(pk=1).update(token=token):
        FacetIndexVersion.objects.update_or_create(pk=1, defaults={"token": token})


def current_index():
    """The facet index as of the current token (one query when nothing has changed)."""
    global _built
    token = FacetIndexVersion.objects.filter(pk=1).values_list("token", flat=True).first()
    if token is None:  # the row is gone (a flushed database): nothing to tell a current index by
        return FacetIndex.build(None)
    index = _built
    if index is None or index.token != token:
        index = _built = FacetIndex.build(token)
    return index


def bitset(positions, size):
    """An integer with the bits at ``positions`` set."""
    bits = bytearray((size + 7) // 8)
    for position in positions:
        bits[position >> 3] |= 1 << (position & 7)
    return int.from_bytes(bits, "little")


def bit_string(bits, size):
    """'1'/'0' per position, position 0 first: set bits found and tested at C speed."""
    return format(bits, f"0{size}b")[::-1] if size else ""


class FacetIndex:
    """The public pages (newest first) and, per facet value, the bitset of the pages carrying it."""

    def __init__(self, token, pages, links, labels):
        self.token = token
        self.ids = [pk for pk, *_rest in pages]
        self.position = {pk: position for position, pk in enumerate(self.ids)}
        self.size = len(self.ids)
        self.everything = (1 << self.size) - 1
        self.expiring = [(expire_at, self.position[pk]) for pk, _ct, _date, expire_at, _title in pages if expire_at]
        self.by_title = [self.position[pk] for pk, *_rest, title in sorted(pages, key=lambda row: (row[4], row[0]))]
        self.titles = [title for *_rest, title in pages]
        self.labels = labels
        positions = {facet: {} for facet in FACETS}
        type_for_content_type = type_slugs()
        for position, (_pk, content_type, published, _expire_at, _title) in enumerate(pages):
            positions["type"].setdefault(type_for_content_type.get(content_type), []).append(position)
            positions["year"].setdefault(str(published.year), []).append(position)
        for facet, page_id, value in links:
            position = self.position.get(page_id)
            if position is not None:
                positions[facet].setdefault(value, []).append(position)
        self.bits = {
            facet: {value: bitset(found, self.size) for value, found in values.items() if value}
            for facet, values in positions.items()
        }

    @classmethod
    def build(cls, token):
        """Read the public pages, their taxonomy and the taxonomy labels (eight queries)."""
        pages = list(
            KnowledgePage.objects.visible()
            .order_by("-publication_date", "-pk")
            .values_list("pk", "content_type_id", "publication_date", "expire_at", "title")
        )
        topics, agencies, life_events = (
            KnowledgePage.topics.through,
            KnowledgePage.agencies.through,
            KnowledgePage.life_events.through,
        )
        links = [("topic", page, slug) for page, slug in topics.objects.values_list("knowledgepage_id", "topic__slug")]
        links += [
            ("life_event", page, slug)
            for page, slug in life_events.objects.values_list("knowledgepage_id", "lifeevent__slug")
        ]
        levels = set()
        for page, slug, level in agencies.objects.values_list("knowledgepage_id", "agency__slug", "agency__level"):
            links.append(("agency", page, slug))
            if (page, level) not in levels:  # a page with two federal agencies is one federal page
                levels.add((page, level))
                links.append(("level", page, level))
        labels = {
            facet: {term.slug: str(term) for term in model.objects.all()} for facet, model in TAXONOMY_MODELS.items()
        }
        return cls(token, pages, links, labels)

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

    def of_ids(self, ids):
        """The pages among ``ids`` (ids of pages not in the index are left out)."""
        return bitset([position for position in map(self.position.get, ids) if position is not None], self.size)

    def ids_of(self, bits):
        """The ids of the pages in ``bits``, newest first."""
        ids = self.ids
        return [ids[found.start()] for found in SET_BIT.finditer(bit_string(bits, self.size))]

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

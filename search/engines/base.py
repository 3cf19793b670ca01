"""What every search engine gives the search service, whatever it runs on.

An engine answers one validated ``SearchQuery`` with the ids of the requested page of results, the
total, the disjunctive facet counts and highlighted snippets. It never builds URLs or page objects:
the service does that once for every engine.
"""

import re
from dataclasses import dataclass, field

from kb.models import Agency, KnowledgePage, LifeEvent, Topic

# Words too common to narrow an English search. PostgreSQL's "english" configuration and
# Elasticsearch's English analyzer drop such words; SQLite's FTS5 has no stop list, and Elasticsearch's
# English list is shorter than PostgreSQL's: without this one list "the" or "how to" would match
# only pages that happen to contain them, and differently on each engine.
# Nor do they count as words a page may lack when matching is relaxed.
STOP_WORDS = frozenset(
    "a about after all an and any are as at be been but by can did do does for from had has have how i if "  # noqa: SIM905
    "in into is it its more most my no not of on or our over should so some such than that the their them "
    "then there these they this those through to too was we were what when where which while who why will "
    "with you your".split()
)


class EngineUnavailable(Exception):
    """The engine did not answer (connection refused, timeout, missing index...)."""


@dataclass
class EngineResult:
    ids: list  # page ids of the requested page of results, in display order
    count: int
    facets: dict  # {facet name: {public value: count}}
    highlights: dict = field(default_factory=dict)  # {page id: HTML snippet with <mark>}
    labels: dict = field(default_factory=dict)  # {taxonomy facet: {slug: label}}, when the engine has them


def search_terms(text):
    """The words of a visitor's query, stripped of anything an engine's query syntax could choke on."""
    return re.findall(r"\w+", text)


def content_words(terms):
    """``terms`` without the stop words."""
    return [term for term in terms if term.lower() not in STOP_WORDS]


@dataclass(frozen=True)
class Concept:
    """One thing a visitor asked for, and the ways a page may say it.

    A page has the concept when it has every word of any one alternative: ``(("csat",),
    ("customer", "satisfaction"))`` is found by "CSAT" or by "customer" and "satisfaction". A plain
    word is a concept with one one-word alternative. Engines match and rank concepts, not words,
    so that synonyms from the glossary widen a word without changing how many things were asked for.
    """

    alternatives: tuple

    @property
    def words(self):
        return tuple(dict.fromkeys(word for alternative in self.alternatives for word in alternative))

    @property
    def is_plain(self):
        return len(self.alternatives) == 1 and len(self.alternatives[0]) == 1


def plain_concepts(text):
    """Each word of ``text`` that narrows a search (not a stop word) as a concept of its own."""
    return tuple(Concept(((term,),)) for term in content_words(search_terms(text)))


def words_of_concepts(concepts):
    """Every word of every alternative, once: what snippets highlight."""
    return list(dict.fromkeys(word for concept in concepts for word in concept.words))


def required_coverage(concepts):
    """How many of ``concepts`` a page needs when no page has them all: half of a short search's
    (at least one), a third of a longer one's.

    A member describing a problem in a sentence uses many words an article answering it never
    does ("check whether our web writing is too hard for people to read"): asking for half of
    them left the answer out of the candidates altogether. Ranking by how many concepts and how
    rare still puts the pages with most of them first.

    The same number on every engine (OpenSearch gets it as an integer ``minimum_should_match``),
    so a relaxed search finds the same pages wherever it runs.
    """
    count = len(concepts)
    return max(1, (count + 1) // 2) if count <= 4 else (count + 2) // 3


def words_of(texts):
    """The distinct lower-cased words (three letters or more) of ``texts``: what a "did you mean"
    may offer."""
    words = set()
    for text in texts:
        words.update(word.lower() for word in search_terms(text) if len(word) > 2)
    return words


def vocabulary_from_database():
    """Words of the public pages' titles and of every taxonomy term's name and acronym."""
    texts = list(KnowledgePage.objects.visible().values_list("title", flat=True)[:20000])
    for model in (Agency, Topic, LifeEvent):
        texts.extend(model.objects.values_list("name", flat=True))
    texts.extend(Agency.objects.exclude(acronym="").values_list("acronym", flat=True))
    return words_of(texts)

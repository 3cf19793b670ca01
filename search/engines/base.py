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

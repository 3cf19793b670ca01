"""The CX glossary at search time: a visitor's words widened with their synonyms and acronyms.

Editors keep synonym sets in the admin (``search.models.SynonymSet``); the seed glossary is the
data file ``search/data/cx_glossary.yaml``. Each search reads the sets (one small query) and turns
the words into concepts: a word or phrase of a set becomes one concept whose alternatives are
every term of the set ("CSAT" → "CSAT" or "customer satisfaction"), so a page using any of them
matches, on every engine, without re-indexing.
"""

from pathlib import Path

import yaml

from .engines.base import STOP_WORDS, Concept, search_terms

SEED = Path(__file__).resolve().parent / "data" / "cx_glossary.yaml"


def seed_terms():
    """The seed glossary's sets, as lists of terms."""
    return yaml.safe_load(SEED.read_text(encoding="utf-8"))["synonym_sets"]


def load_seed(model):
    """Create the seed glossary's sets in ``model`` (SynonymSet, or its migration-time version)
    that are not there yet; the number created."""
    existing = set(model.objects.values_list("terms", flat=True))
    new = ["\n".join(terms) for terms in seed_terms()]
    model.objects.bulk_create([model(terms=terms) for terms in new if terms not in existing])
    return len([terms for terms in new if terms not in existing])


def synonym_sets():
    """Every set as a tuple of phrases, each phrase a tuple of lower-cased words."""
    from .models import SynonymSet

    sets = []
    for terms in SynonymSet.objects.values_list("terms", flat=True):
        phrases = tuple(dict.fromkeys(tuple(search_terms(line.lower())) for line in terms.splitlines()))
        phrases = tuple(phrase for phrase in phrases if phrase)
        if len(phrases) > 1:
            sets.append(phrases)
    return sets


def normal(words):
    """A phrase's key: "call centers" finds "call center" (a crude plural, applied to both sides)."""
    return tuple(word.removesuffix("s") if len(word) > 3 else word for word in words)


def glossary_words(sets):
    """Every lower-cased word of the glossary: words spelling correction must leave alone."""
    return frozenset(word for phrases in sets for phrase in phrases for word in phrase)


def concepts(terms, sets):
    """``terms`` (a visitor's words, in order) as concepts, the glossary's phrases widened.

    The longest phrase of any set found at a position wins ("customer satisfaction survey" →
    [CSAT or customer satisfaction] + [survey or questionnaire]). Stop words are dropped, also
    inside alternatives, unless an alternative is nothing else.
    """
    by_phrase = {}
    for phrases in sets:
        for phrase in phrases:
            by_phrase.setdefault(normal(phrase), phrases)
    longest = max((len(phrase) for phrase in by_phrase), default=0)
    lowered = [term.lower() for term in terms]
    found, position = [], 0
    while position < len(terms):
        for length in range(min(longest, len(terms) - position), 0, -1):
            phrases = by_phrase.get(normal(lowered[position : position + length]))
            if phrases:
                found.append(Concept(tuple(without_stop_words(phrase) for phrase in phrases)))
                position += length
                break
        else:
            if lowered[position] not in STOP_WORDS:
                found.append(Concept(((terms[position],),)))
            position += 1
    return tuple(found)


def without_stop_words(phrase):
    return tuple(word for word in phrase if word not in STOP_WORDS) or phrase

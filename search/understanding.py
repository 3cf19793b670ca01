"""What the search understands of a visitor's words, before any engine sees them.

Two steps, each switched by a setting, the same for every engine:

1. spelling (``SEARCH_TYPO_TOLERANCE``): a word no public page uses is replaced by the closest one
   pages do use (``search.spelling``), unless the visitor asked for their words as typed;
2. the glossary (``SEARCH_SYNONYMS``): words and phrases of a synonym set become one concept with
   every term of the set as alternatives (``search.glossary``).

The engines then match and rank concepts (``search.engines.base.Concept``).
"""

from dataclasses import dataclass

from django.conf import settings

from . import glossary, spelling
from .engines.base import plain_concepts, search_terms
from .engines.vocabulary import word_frequencies


@dataclass(frozen=True)
class Understanding:
    concepts: tuple
    corrected: str = ""  # the corrected words searched instead of the visitor's, or ""


def understand(query):
    """The concepts to search for ``query.q``, and the correction made on the way, if any."""
    text = query.q
    if not text:
        return Understanding(concepts=())
    sets = glossary.synonym_sets() if settings.SEARCH_SYNONYMS else []
    corrected = ""
    if settings.SEARCH_TYPO_TOLERANCE and not query.verbatim:
        fixed = spelling.correct(text, word_frequencies(), keep=glossary.glossary_words(sets))
        if fixed != text:
            text = corrected = fixed
    concepts = glossary.concepts(search_terms(text), sets) if sets else plain_concepts(text)
    # A word said twice ("first hire ... first month") is still one thing asked for: counted
    # twice, it would weigh double and raise the number of concepts a relaxed match needs.
    return Understanding(concepts=tuple(dict.fromkeys(concepts)), corrected=corrected)

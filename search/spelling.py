"""Typo tolerance: a word no public page uses is replaced by the closest word that pages do use.

A misspelt word matches nothing, so searching its correction can only help; the visitor is told
("Showing results for ...") and can search their own words instead. The same correction runs
before every engine, so a typo is forgiven the same way on the database and on OpenSearch.

Closeness is the Damerau-Levenshtein distance (a swap of two neighbouring letters counts as one
slip), computed by RapidFuzz: at most one edit in a word of five letters or fewer, two in a longer
one. Among equally close words the one more pages use wins.
"""

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from .engines.base import STOP_WORDS, search_terms

# Shorter words are too often someone's acronym or a deliberate abbreviation to correct.
MIN_LENGTH = 4


def correct(text, frequencies, keep=frozenset()):
    """``text``'s words, each unknown one replaced by its correction, joined by spaces; or ``text``
    itself when every word is known (or has no close known word). ``frequencies`` maps the known
    words to the number of pages using them; ``keep`` holds lower-cased words never to correct
    (the glossary's terms, which pages may not use but the search understands)."""
    if not frequencies:
        return text
    terms = search_terms(text)
    corrected = [correction(term, frequencies, keep) or term for term in terms]
    return " ".join(corrected) if corrected != terms else text


def correction(term, frequencies, keep):
    """The known word closest to an unknown ``term``, or None."""
    word = term.lower()
    if word in frequencies or word in keep or word in STOP_WORDS or len(word) < MIN_LENGTH or not word.isalpha():
        return None
    allowed = 1 if len(word) <= 5 else 2
    # A word more than ``allowed`` letters longer or shorter is further away than that: only the
    # known words of about the same length are compared, not the whole vocabulary.
    by_length = words_by_length(frequencies)
    lengths = range(len(word) - allowed, len(word) + allowed + 1)
    choices = [known for length in lengths for known in by_length.get(length, ())]
    candidates = process.extract(word, choices, scorer=DamerauLevenshtein.distance, score_cutoff=allowed, limit=None)
    if not candidates:
        return None
    best, _distance, _position = min(candidates, key=lambda found: (found[1], -frequencies[found[0]], found[0]))
    return best


_lengths = (None, {})  # (the vocabulary, its words by length) of the latest correction


def words_by_length(frequencies):
    """{length: [known word]}, made once per vocabulary (it changes only when pages do)."""
    global _lengths
    if _lengths[0] is not frequencies:
        by_length = {}
        for known in frequencies:
            by_length.setdefault(len(known), []).append(known)
        _lengths = (frequencies, by_length)
    return _lengths[1]

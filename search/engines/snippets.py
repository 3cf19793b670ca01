"""The snippet under each search result: the page's summary, or one sentence of its own prose.

An engine's index holds every searchable text of a page run together (taxonomy names, table cells,
block labels, empty values), so a fragment cut from it reads as word salad. Snippets are therefore
built from what a person wrote to be read: the summary first, then the page's rich text (rich text
fields and rich text blocks at any depth of the body), split into sentences. The same function
serves every engine, so a search reads the same whichever engine answered.

Matched words are marked whole: "center" marks "center" and "centers", never "centered".
"""

import html
import re
from collections.abc import Mapping, MutableSequence

from django.contrib.contenttypes.models import ContentType
from django.db.models.constants import LOOKUP_SEP
from wagtail.blocks import StreamValue
from wagtail.fields import RichTextField, StreamField
from wagtail.models import get_page_models
from wagtail.rich_text import RichText

from kb.models import KnowledgePage

MAX_SNIPPET_WORDS = 40
# Sentence ends, and the line breaks that block-level tags become.
SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[\"“‘(A-Z0-9])|\n+")
BLOCK_END_TAG = re.compile(r"<(?:br\s*/?|/(?:p|li|h[1-6]|blockquote|div))>", re.IGNORECASE)
TAG = re.compile(r"<[^>]+>")
WORD = re.compile(r"\w+")


def word_forms(terms):
    """The lower-cased words that count as a match for ``terms``: each term, its plural, and its
    singular when the visitor typed a plural. Whole words only: no stems, no prefixes."""
    forms = set()
    for term in terms:
        word = term.lower()
        forms.update({word, word + "s", word + "es"})
        if word.endswith("es"):
            forms.add(word[:-2])
        if word.endswith("s"):
            forms.add(word[:-1])
    return forms


def mark_words(text, forms):
    """``text`` as escaped HTML with <mark> around each whole word in ``forms``."""
    parts, position = [], 0
    for match in WORD.finditer(text):
        if match.group().lower() in forms:
            parts.append(html.escape(text[position : match.start()]))
            parts.append(f"<mark>{html.escape(match.group())}</mark>")
            position = match.end()
    parts.append(html.escape(text[position:]))
    return "".join(parts)


def has_match(text, forms):
    return any(match.group().lower() in forms for match in WORD.finditer(text))


def plain_text(rich_html):
    """The readable text of a rich text value, one line per block-level element."""
    return html.unescape(TAG.sub("", BLOCK_END_TAG.sub("\n", rich_html)))


def sentences(text):
    return [" ".join(sentence.split()) for sentence in SENTENCE_BREAK.split(text) if sentence and sentence.strip()]


def shortened(sentence, forms):
    """At most MAX_SNIPPET_WORDS words of ``sentence``, starting a little before its first match."""
    words = sentence.split()
    if len(words) <= MAX_SNIPPET_WORDS:
        return sentence
    first = next((i for i, word in enumerate(words) if has_match(word, forms)), 0)
    start = max(0, min(first - 8, len(words) - MAX_SNIPPET_WORDS))
    text = " ".join(words[start : start + MAX_SNIPPET_WORDS])
    return ("…" if start else "") + text + ("…" if start + MAX_SNIPPET_WORDS < len(words) else "")


def rich_texts(value):
    """Every rich text source in a field or block value, in reading order, at any depth."""
    if isinstance(value, RichText):
        yield value.source
    elif isinstance(value, StreamValue):
        for child in value:
            yield from rich_texts(child.value)
    elif isinstance(value, Mapping):  # a struct block's value
        for child in value.values():
            yield from rich_texts(child)
    elif isinstance(value, (MutableSequence, tuple)):  # a list block's value
        for child in value:
            yield from rich_texts(child)


def prose_fields(model):
    """The rich text and stream fields of a page model, in the order of its fields."""
    return [field for field in model._meta.get_fields() if isinstance(field, (RichTextField, StreamField))]


def prose(values):
    """Plain text paragraphs from the values of a page's prose fields: its rich text fields and
    rich text blocks."""
    for value in values:
        if isinstance(value, StreamValue):
            for source in rich_texts(value):
                yield plain_text(source)
        else:
            yield plain_text(value or "")


def page_prose(page):
    """The prose of one page in hand, as plain text paragraphs."""
    return prose(getattr(page, field.name) for field in prose_fields(type(page)))


def build_snippet(terms, summary, paragraphs):
    """HTML for one result: the summary when it has a matched word, else the first sentence of
    ``paragraphs`` that has one (shortened around it); "" when neither does (the result then shows
    its plain summary)."""
    forms = word_forms(terms)
    if not forms:
        return ""
    if summary and has_match(summary, forms):
        return mark_words(summary, forms)
    for paragraph in paragraphs:
        for sentence in sentences(paragraph):
            if has_match(sentence, forms):
                return mark_words(shortened(sentence, forms), forms)
    return ""


def prose_columns():
    """{page model: the lookups of its prose fields from ``KnowledgePage``}, for every kind of page."""
    columns = {}
    for model in get_page_models():
        if issubclass(model, KnowledgePage) and model is not KnowledgePage:
            below = [parent for parent in model._meta.get_parent_list() if issubclass(parent, KnowledgePage)]
            # The join from KnowledgePage down through each subclass to this one's table.
            prefix = LOOKUP_SEP.join(kind._meta.model_name for kind in [*reversed(below[:-1]), model])
            columns[model] = [f"{prefix}{LOOKUP_SEP}{field.name}" for field in prose_fields(model)]
    return columns


def page_snippets(terms, ids):
    """{page id: snippet HTML} for the pages ``ids`` that have a readable match for ``terms``.

    One query reads the summary and prose columns of every kind of page (each kind's own table
    joined to the pages): loading the specific pages took a query per kind, every column of each,
    and a model instance of each, for a few text columns."""
    if not terms or not ids:
        return {}
    columns = prose_columns()
    lookups = list(dict.fromkeys(lookup for kind in columns.values() for lookup in kind))
    snippets = {}
    rows = KnowledgePage.objects.filter(pk__in=ids).values_list("pk", "content_type_id", "summary", *lookups)
    for pk, content_type_id, summary, *values in rows:
        row = dict(zip(lookups, values, strict=True))
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        snippet = build_snippet(terms, summary, prose(row[lookup] for lookup in columns.get(model, [])))
        if snippet:
            snippets[pk] = snippet
    return snippets

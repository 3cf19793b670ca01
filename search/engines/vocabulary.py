"""The words of the public pages, with how many pages use each: what typo correction picks from.

Read from the database engine's index (the text it matches against: titles, summaries, bodies,
taxonomy names), which every configuration keeps up to date, so a correction offered on
OpenSearch is the same as on the database. Only public pages count: a word found only in a draft
must never be offered to the public as a correction.

Each process reads it on the first correction it needs and again whenever the facet index's token
has changed (``search.indexing`` changes it whenever pages are published, unpublished or edited).
"""

import re
from collections import Counter

from django.db import connection
from modelsearch.utils import get_descendants_content_types_pks

from kb.models import KnowledgePage

from .facet_index import current_index

WORD = re.compile(r"[^\W\d_]{3,}")

_read = None  # (token, frequencies) of this process's latest read


def word_frequencies():
    """{lower-cased word: number of public pages using it}."""
    global _read
    index = current_index()
    if _read is not None and index.token is not None and _read[0] == index.token:
        return _read[1]
    frequencies = read_frequencies(set(index.ids))
    _read = (index.token, frequencies)
    return frequencies


def read_frequencies(public_ids):
    from modelsearch.conf import get_app_config

    model = get_app_config().get_model("IndexEntry")
    if connection.vendor == "postgresql":
        columns = ("title_text", "body_text")
    elif connection.vendor == "sqlite":
        columns = ("title", "body")
    else:
        return {}
    entries = model.objects.filter(content_type_id__in=get_descendants_content_types_pks(KnowledgePage))
    frequencies = Counter()
    for object_id, title, body in entries.values_list("object_id", *columns).iterator(chunk_size=500):
        if int(object_id) in public_ids:
            frequencies.update({word.lower() for word in WORD.findall(f"{title} {body or ''}")})
    return dict(frequencies)

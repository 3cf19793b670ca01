"""What every search engine gives the search service, whatever it runs on.

An engine answers one validated ``SearchQuery`` with the ids of the requested page of results, the
total, the disjunctive facet counts and highlighted snippets. It never builds URLs, labels or page
objects: the service does that once for every engine.
"""

import html
import re
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from kb.models import KnowledgePage

# Markers that cannot occur in indexed text; swapped for <mark> after the snippet is HTML-escaped.
MARK_START, MARK_END = "\x02", "\x03"


class EngineUnavailable(Exception):
    """The engine did not answer (connection refused, timeout, missing index...)."""


@dataclass
class EngineResult:
    ids: list  # page ids of the requested page of results, in display order
    count: int
    facets: dict  # {facet name: {public value: count}}
    highlights: dict = field(default_factory=dict)  # {page id: HTML snippet with <mark>}


def search_terms(text):
    """The words of a visitor's query, stripped of anything an engine's query syntax could choke on."""
    return re.findall(r"\w+", text)


def visible_pages():
    """Every page the public may see: live, not under a view restriction, not past its expiry.

    Wagtail unpublishes expired pages with ``publish_scheduled``; the expiry test here covers the
    time between a page expiring and that command running.
    """
    now = timezone.now()
    return KnowledgePage.objects.live().public().filter(Q(expire_at__isnull=True) | Q(expire_at__gt=now))


def mark_up(snippet):
    """Escape an engine's snippet and turn its markers into <mark> elements."""
    return html.escape(snippet).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")

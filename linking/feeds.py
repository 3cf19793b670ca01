"""Atom and RSS feeds at /feeds/ and /feeds/rss/, filtered exactly like the search API.

An agency subscribes to its own case studies with /feeds/?agency=va&type=case-study (the search
page links to the feed of whatever it shows). The filters are read by the search app's parser and
run through its search service, so a feed always holds what the same filters show in search; the
feed then fixes the order (newest first) and the length (50 entries), whatever paging or sorting the
address asks for. A filter value that names nothing is a 400 naming it.
"""

import datetime
from dataclasses import replace
from urllib.parse import urlencode

from django.contrib.syndication.views import Feed
from django.http import HttpResponseBadRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape

from kb.models import KnowledgePage
from search.query import FACET_LABELS, FACETS, parse_search_query
from search.service import run_search

from . import metadata

FEED_LENGTH = 50


def unknown_filter_values(querydict, query):
    """{facet: [values]} the address asks for that name no real value. The search page ignores them
    with a warning; a feed cannot show a warning, and silently serving the whole site instead of an
    agency's pages would be wrong for as long as the subscription lasts."""
    unknown = {}
    for facet in FACETS:
        values = [value.strip() for value in querydict.getlist(facet) if value.strip()]
        missing = [value for value in dict.fromkeys(values) if value not in query.selected(facet)]
        if missing:
            unknown[facet] = missing
    return unknown


def feed_pages(querydict):
    """The newest visible toolkit pages matching the search filters in ``querydict``."""
    query, _errors = parse_search_query(querydict)  # page, per_page and sort are overridden below
    query = replace(query, page=1, per_page=FEED_LENGTH, sort="newest")
    ids = [hit.id for hit in run_search(query).hits]
    pages = KnowledgePage.objects.filter(pk__in=ids).visible().prefetch_related("agencies", "topics").specific()
    return sorted(pages, key=lambda page: (page.publication_date, page.pk), reverse=True), query


class ToolkitAtomFeed(Feed):
    feed_type = Atom1Feed
    description = "New case studies, tools and agency examples in the federal Customer Experience Toolkit."
    subtitle = description

    def __call__(self, request, *args, **kwargs):
        # Item URLs are built for the requesting site; each request gets its own feed instance
        # (see atom_feed below), so keeping the request here is not shared between threads.
        self.request = request
        query, _errors = parse_search_query(request.GET)
        unknown = unknown_filter_values(request.GET, query)
        if unknown:
            lines = [f"Unknown {FACET_LABELS[facet].lower()}: {', '.join(values)}" for facet, values in unknown.items()]
            message = "This feed cannot be built: " + "; ".join(lines) + ".\n"
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return super().__call__(request, *args, **kwargs)

    def get_object(self, request, *args, **kwargs):
        pages, query = feed_pages(request.GET)
        return {"pages": pages, "query": query}

    def title(self, obj):
        if obj["query"].has_filters or obj["query"].q:
            return f"{metadata.TOOLKIT_NAME}: filtered pages"
        return f"{metadata.TOOLKIT_NAME}: latest pages"

    def link(self, obj):
        params = obj["query"].to_params(page=1, per_page=10, sort="")
        return reverse("search") + (f"?{urlencode(params)}" if params else "")

    def feed_url(self, obj):
        return self.request.get_full_path()

    def items(self, obj):
        return obj["pages"]

    def item_title(self, page):
        return page.title

    def item_description(self, page):
        # Feed readers treat the description as HTML; a summary is plain text, so it is escaped.
        return escape(page.summary)

    def item_link(self, page):
        return metadata.canonical_url(page, self.request)

    def item_guid(self, page):
        # The permalink never changes, so feed readers never see a renamed page as a new entry.
        return metadata.permalink_url(page, self.request)

    def item_pubdate(self, page):
        return timezone.make_aware(datetime.datetime.combine(page.publication_date, datetime.time()))

    def item_updateddate(self, page):
        return page.last_published_at

    def item_author_name(self, page):
        return metadata.agency_names(page.agencies.all()) or None

    def item_categories(self, page):
        return [topic.name for topic in page.topics.all()]


class ToolkitRssFeed(ToolkitAtomFeed):
    feed_type = Rss201rev2Feed


def atom_feed(request):
    return ToolkitAtomFeed()(request)


def rss_feed(request):
    return ToolkitRssFeed()(request)

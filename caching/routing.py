"""Wagtail's page routing, remembered until the next change to the site.

Before a page renders, Wagtail spends five queries finding it: the site for the host, the home
page's own fields, the pages on the path (``home.models.HomePage.route``), the page's own fields,
and the privacy restrictions on it and its ancestors. Their answer changes only when something
the public could see changes, and every such change starts a new page-cache generation
(``invalidation``). So the answer (the site, the page with its ancestors and restrictions, these
without their shared password) is kept under the current generation, and a publish, a move, a
rename or a new restriction is routed afresh by the very next request. The page is kept with what
else it reads for serving and only such a change can change
(``kb.models.RoutedAncestorsMixin.read_for_serving``: its taxonomy terms, a case study's metrics).

This is not the page cache: the page still renders for every request, for every visitor, with
whatever the page cache thinks of it. A URL that routes nowhere is not kept (a visitor could fill
the cache with made-up paths); it is routed again each time, as Wagtail does.
"""

import hashlib

from django.conf import settings
from wagtail import views
from wagtail.models import Page, Site

from . import page_cache


def route_key(request, path, generation):
    """One entry per host, port and path: the site Wagtail picks depends on the first two."""
    address = f"{request.get_host()}:{request.get_port()}/{path}"
    return f"page-cache:{generation}:route:{hashlib.sha256(address.encode()).hexdigest()}"


def remembered_route(request, path):
    """Give ``request`` the site and route Wagtail would find for ``path``, from the cache when the
    site has not changed since they were found, else from Wagtail (and keep them)."""
    generation = page_cache.current_generation()
    key = route_key(request, path, generation)
    entry = page_cache.page_cache().get(key)
    if entry is not None:
        # Wagtail keeps both on the request and looks there first (Site.find_for_request,
        # Page.route_for_request).
        request._wagtail_site, request._wagtail_route_for_request = entry
        return
    route = Page.route_for_request(request, path)
    if route is None:
        return
    page = route[0]
    if hasattr(page, "read_for_serving"):  # every page type of the site; Wagtail's root page is not served
        page.read_for_serving()
    entry = (Site.find_for_request(request), route)
    # Expiry needs no shorter lifetime here: Wagtail's routing never checks it, and the page's
    # expiry time, kept with it, is checked on every request (``linking.wagtail_hooks``).
    page_cache.page_cache().set(key, entry, settings.PAGE_CACHE_TIMEOUT)


def serve(request, path):
    """Wagtail's page view, routed through the cache."""
    remembered_route(request, path)
    return views.serve(request, path)

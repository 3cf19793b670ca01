"""Answering anonymous visitors from the page cache, before any other middleware runs.

First in MIDDLEWARE: a hit costs no session, authentication, CSRF or routing work, which is where
the time of a plain per-site cache goes. The stored response already carries every header the
other middlewares added (CSP, Permissions-Policy, HSTS...), since it was stored on its way out
through all of them. What may be stored, and why, is in ``caching.page_cache``.
"""

from django.conf import settings
from django.utils.cache import patch_cache_control

from . import page_cache


def vouched_for(request):
    """A Wagtail page that passed its privacy and expiry checks, or a route declared public."""
    if getattr(request, "is_preview", False):
        return False
    if getattr(request, "serves_public_page", False):
        return True
    match = getattr(request, "resolver_match", None)
    return match is not None and match.view_name in settings.PAGE_CACHE_ROUTES


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(settings.STATIC_URL):
            return self.get_response(request)  # WhiteNoise's files carry their own Cache-Control
        personal = page_cache.is_personal(request)
        anonymous_read = request.method == "GET" and not personal
        if anonymous_read:
            # Read before the view runs: a page rendered while a change commits is stored under
            # the generation it started in, which that change has already replaced.
            generation = page_cache.current_generation()
            if settings.PAGE_CACHE_ENABLED:
                cached = page_cache.fetch(request, generation)
                if cached is not None:
                    return cached
        response = self.get_response(request)
        if anonymous_read and vouched_for(request) and page_cache.store(request, response, generation):
            return response
        if "Cache-Control" not in response and (personal or page_cache.is_personal_response(response)):
            patch_cache_control(response, private=True, no_store=True)
        return response

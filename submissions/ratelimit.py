"""A small per-IP rate limit on Django's cache, so bots cannot flood reviewers with drafts.

With the default per-process cache (LocMemCache) each worker counts on its own; production with
several workers should point CACHES at a shared cache (Redis) so the limit holds across them.
"""

from django.conf import settings
from django.core.cache import cache


def client_ip(request):
    """The visitor's address. Behind a proxy, set SUBMISSIONS_CLIENT_IP_HEADER (e.g. "HTTP_X_REAL_IP")
    to the header the proxy sets; the first address in it is used."""
    header = getattr(settings, "SUBMISSIONS_CLIENT_IP_HEADER", "REMOTE_ADDR")
    return request.META.get(header, request.META.get("REMOTE_ADDR", "")).split(",")[0].strip()


def limits():
    return (
        getattr(settings, "SUBMISSIONS_RATE_LIMIT", 5),
        getattr(settings, "SUBMISSIONS_RATE_WINDOW", 60 * 60),
    )


def is_over_limit(request):
    """Count this attempt; True once the address has used up its attempts for the window."""
    max_attempts, window = limits()
    key = f"submissions:attempts:{client_ip(request)}"
    cache.add(key, 0, timeout=window)
    try:
        attempts = cache.incr(key)
    except ValueError:  # the key expired between add() and incr()
        cache.set(key, 1, timeout=window)
        attempts = 1
    return attempts > max_attempts

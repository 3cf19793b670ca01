"""A small per-client rate limit on Django's cache, so bots cannot flood reviewers with drafts.

The count lives in the default cache: with several workers or instances it must be a shared one
(REDIS_URL), or each process counts on its own. The client is identified as every per-client
limit identifies it (config.client_address: TRUSTED_PROXY_COUNT), so a forged X-Forwarded-For
entry does not buy a fresh allowance.
"""

from django.conf import settings
from django.core.cache import cache

from config.client_address import client_address


def limits():
    return (
        getattr(settings, "SUBMISSIONS_RATE_LIMIT", 5),
        getattr(settings, "SUBMISSIONS_RATE_WINDOW", 60 * 60),
    )


def is_over_limit(request):
    """Count this attempt; True once the client has used up its attempts for the window."""
    max_attempts, window = limits()
    key = f"submissions:attempts:{client_address(request)}"
    cache.add(key, 0, timeout=window)
    try:
        attempts = cache.incr(key)
    except ValueError:  # the key expired between add() and incr()
        cache.set(key, 1, timeout=window)
        attempts = 1
    return attempts > max_attempts

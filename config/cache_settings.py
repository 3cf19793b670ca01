"""CACHES from environment variables: one function for the settings and the tests.

Two caches: "default" holds per-client counts (the /submit/ limit, the admin lock-out) and small
per-generation values; "pages" holds the page cache's stored responses (``caching``). Without
REDIS_URL both are local memory, so each process counts and caches on its own: fine for one
process, wrong for several workers or servers (a client gets a fresh allowance from each, and a
worker's copy of a page is dropped only through the generation file on its own machine). With
REDIS_URL both live in that one Redis, the pages under their own key prefix.
"""


def caches_from_env(environ):
    """The CACHES setting for ``environ`` (a mapping such as ``os.environ``)."""
    redis_url = environ.get("REDIS_URL")
    if redis_url:
        redis = "django.core.cache.backends.redis.RedisCache"
        return {
            "default": {"BACKEND": redis, "LOCATION": redis_url},
            "pages": {"BACKEND": redis, "LOCATION": redis_url, "KEY_PREFIX": "pages"},
        }
    return {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "pages": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "pages",
            "OPTIONS": {"MAX_ENTRIES": int(environ.get("PAGE_CACHE_MAX_ENTRIES", "1000"))},
        },
    }

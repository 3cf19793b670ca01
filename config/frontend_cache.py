"""WAGTAILFRONTENDCACHE from environment variables: which CDN or caching proxy to purge on publish.

Off (an empty setting) unless one is named. Each names Wagtail's own backend
(``wagtail.contrib.frontend_cache``), which purges a page when it is published or unpublished;
``caching.invalidation`` adds the pages that list it (home, its section, feeds, sitemap).

- ``FRONTEND_CACHE_PURGE_URL``: a proxy that accepts HTTP ``PURGE`` (Varnish, Squid, nginx with a
  purge module), e.g. ``http://varnish.internal:6081``;
- ``CLOUDFLARE_ZONE_ID`` and ``CLOUDFLARE_API_TOKEN``: Cloudflare (a token allowed to purge the zone);
- ``CLOUDFRONT_DISTRIBUTION_ID``: Amazon CloudFront (needs ``boto3``; credentials from the usual
  ``AWS_*`` variables or the instance role).
"""


def frontend_cache_from_env(environ):
    backends = {}
    if environ.get("FRONTEND_CACHE_PURGE_URL"):
        backends["proxy"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": environ["FRONTEND_CACHE_PURGE_URL"],
        }
    if environ.get("CLOUDFLARE_ZONE_ID"):
        backends["cloudflare"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "ZONEID": environ["CLOUDFLARE_ZONE_ID"],
            "BEARER_TOKEN": environ.get("CLOUDFLARE_API_TOKEN", ""),
        }
    if environ.get("CLOUDFRONT_DISTRIBUTION_ID"):
        backends["cloudfront"] = {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
            "DISTRIBUTION_ID": environ["CLOUDFRONT_DISTRIBUTION_ID"],
        }
    return backends

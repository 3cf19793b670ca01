"""The full-page cache for anonymous visitors: what is stored, under which key, for how long.

**Who is anonymous.** A request without the session cookie, the messages cookie or an
Authorization header. Editors, reviewers and visitors who unlocked a password-protected page all
carry a session, so none of them is ever answered from, or stored in, the cache. The CSRF cookie
alone does not make a visitor personal: public pages never print a token, and a page that does
(/submit/) answers with ``Vary: Cookie`` and sets the cookie, which is never stored (below).

**What is stored.** Only a GET answered with 200 for a response someone vouched for: a Wagtail page
that passed every ``before_serve_page`` check (privacy, expiry; see ``wagtail_hooks``) or a route
named in ``PAGE_CACHE_ROUTES`` (feeds, sitemap). Even then a response that sets a cookie, varies on
the cookie, says ``private``/``no-store``/``no-cache``, or carries a CSP nonce (which must never be
replayed to another visitor) is not stored. The whole response is kept: body, status and every
header as the middlewares produced them, security headers included.

**Generations.** Every stored page sits under the current *generation*, a random token replaced on
any change the public could see (``invalidation``). Pages link to each other everywhere (home,
listings, related links, feeds, sitemap, navigation), so working out which cached URLs one publish
touches would be a second copy of every template's dependencies; replacing the token drops them
all at once, exactly when something changed and never otherwise, and the old entries age out of
the cache on their own. Publishing is rare next to reading: the first visitor after a publish
renders the page again, everyone else gets the copy.

Where the generation lives decides who sees a change at once. In a shared cache (Redis) it is a key
of that cache, so every process on every server sees it. Local memory is per process: there the
token is kept in a small file (``PAGE_CACHE_GENERATION_FILE``), so all the gunicorn workers of one
machine drop their copies together; several machines need Redis (see the README).

**Time.** An expired page leaves the site the moment it expires, before any signal fires
(``kb.visibility``), so no entry and no ``max-age`` may outlive the next expiry of a live page.
"""

import functools
import hashlib
import os
import tempfile
import time
import uuid
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db.models import Min
from django.middleware.gzip import re_accepts_gzip
from django.utils import timezone
from django.utils.cache import cc_delim_re, get_max_age
from wagtail.models import Page

GENERATION_KEY = "page-cache:generation"
UNCACHEABLE_DIRECTIVES = {"private", "no-store", "no-cache"}


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def is_personal(request):
    """Whether the request may carry someone's own state (see the module docstring)."""
    cookies = request.COOKIES
    return (
        settings.SESSION_COOKIE_NAME in cookies
        or CookieStorage.cookie_name in cookies
        or "HTTP_AUTHORIZATION" in request.META
    )


# Generations ---------------------------------------------------------------------------------------


@functools.cache
def _generation_path(configured, database):
    if configured:
        return configured
    digest = hashlib.sha256(database.encode()).hexdigest()[:16]
    return os.path.join(tempfile.gettempdir(), f"cxkb-page-cache-{digest}")


def generation_file():
    """The file that holds the generation when the cache is local memory: one per database, so a
    benchmark on another database never shares it with the site."""
    database = settings.DATABASES["default"]
    address = f"{database.get('HOST', '')}:{database.get('PORT', '')}/{database.get('NAME', '')}"
    return _generation_path(settings.PAGE_CACHE_GENERATION_FILE, address)


def _uses_process_memory():
    return isinstance(page_cache(), LocMemCache)


def current_generation():
    if _uses_process_memory():
        # Read on every request, so with the fewest system calls.
        try:
            descriptor = os.open(generation_file(), os.O_RDONLY)
        except FileNotFoundError:
            return bump_generation()
        try:
            token = os.read(descriptor, 64).decode()
        finally:
            os.close(descriptor)
        return token or bump_generation()
    token = page_cache().get(GENERATION_KEY)
    if token is None:
        page_cache().add(GENERATION_KEY, uuid.uuid4().hex, timeout=None)
        token = page_cache().get(GENERATION_KEY)
    return token


def bump_generation():
    """Forget every stored page (and everything else cached per generation); returns the new token."""
    token = uuid.uuid4().hex
    if _uses_process_memory():
        path = generation_file()
        # Written aside then renamed, so a worker never reads half a token.
        scratch = f"{path}.{os.getpid()}.{token}"
        with open(scratch, "w") as file:
            file.write(token)
        os.replace(scratch, path)
    else:
        page_cache().set(GENERATION_KEY, token, timeout=None)
    return token


def next_scheduled_change(generation):
    """When the next live page expires (a Unix time), or None. Remembered per generation: an expiry
    date only changes through a save, which starts a new generation."""
    key = f"page-cache:{generation}:next-change"
    now = time.time()
    remembered = page_cache().get(key)
    if remembered is not None and (remembered == 0 or remembered > now):
        return remembered or None
    soonest = Page.objects.filter(live=True, expire_at__gt=timezone.now()).aggregate(soonest=Min("expire_at"))
    moment = soonest["soonest"].timestamp() if soonest["soonest"] else 0
    page_cache().set(key, moment, timeout=settings.PAGE_CACHE_TIMEOUT)
    return moment or None


def lifetime(seconds, deadline):
    """``seconds``, shortened so that it ends by ``deadline`` (a Unix time, or None)."""
    if deadline is None:
        return seconds
    return max(0, min(seconds, int(deadline - time.time())))


def generation_cached(name, compute):
    """``compute()``, kept until the next change to the site: for pieces every page needs, such as
    the navigation, which cost queries on every page that is not itself cached."""
    generation = current_generation()
    key = f"page-cache:{generation}:{name}"
    value = page_cache().get(key)
    if value is None:
        value = compute()
        timeout = lifetime(settings.PAGE_CACHE_TIMEOUT, next_scheduled_change(generation))
        if timeout:
            page_cache().set(key, value, timeout=timeout)
    return value


# Pages ---------------------------------------------------------------------------------------------


def page_key(request, generation):
    """One entry per scheme, host, path and query (its parameters in a fixed order), and per
    encoding: gzip for the browsers that accept it (``config.compression``), plain for the rest."""
    query = request.META.get("QUERY_STRING", "")
    if query:
        query = urlencode(sorted(parse_qsl(query, keep_blank_values=True)))
    scheme = "https" if request.is_secure() else "http"
    encoding = "gzip" if re_accepts_gzip.search(request.headers.get("accept-encoding", "")) else "identity"
    address = f"{encoding} {scheme}://{request.get_host()}{request.path}?{query}"
    return f"page-cache:{generation}:page:{hashlib.sha256(address.encode()).hexdigest()}"


def public_cache_control(deadline):
    max_age = lifetime(settings.PAGE_CACHE_MAX_AGE, deadline)
    shared_max_age = lifetime(settings.PAGE_CACHE_SHARED_MAX_AGE, deadline)
    return f"public, max-age={max_age}, s-maxage={shared_max_age}"


def fetch(request, generation):
    """The stored response for this request under ``generation``, or None."""
    entry = page_cache().get(page_key(request, generation))
    if entry is None:
        return None
    response, deadline = entry
    response.headers["Cache-Control"] = public_cache_control(deadline)
    return response


def is_personal_response(response):
    """Whether the response sets a cookie or differs by the visitor's cookies."""
    vary = {value.strip().lower() for value in cc_delim_re.split(response.headers.get("Vary", ""))}
    return bool(response.cookies) or bool(vary & {"cookie", "*"})


def storable(response):
    if response.status_code != 200 or response.streaming or is_personal_response(response):
        return False
    directives = {value.split("=")[0].strip().lower() for value in cc_delim_re.split(response.get("Cache-Control", ""))}
    if directives & UNCACHEABLE_DIRECTIVES or get_max_age(response) == 0:
        return False
    return "nonce-" not in response.headers.get("Content-Security-Policy", "")


def store(request, response, generation):
    """If ``response`` may be shared, give it the public Cache-Control (for browsers and a CDN)
    and keep it for the next anonymous visitors (when the page cache is on); whether it may."""
    if not storable(response):
        return False
    deadline = next_scheduled_change(generation)
    response.headers["Cache-Control"] = public_cache_control(deadline)
    timeout = lifetime(settings.PAGE_CACHE_TIMEOUT, deadline)
    if settings.PAGE_CACHE_ENABLED and timeout:
        # One piece: feeds are written in thousands of small ones, each a separate send by the server.
        response.content = response.content
        # The response object itself, as Django's own cache middleware keeps it: unpickling it is
        # cheaper than building a new one header by header.
        page_cache().set(page_key(request, generation), (response, deadline), timeout)
    return True

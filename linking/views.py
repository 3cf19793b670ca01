"""Plain views for the short permalink, the embeddable card, oEmbed and robots.txt.

Every view answers anything it cannot use (a missing page, a draft, a private or expired page, a
malformed id or URL) with a 4xx: never a server error, and never a hint that a hidden page exists.
"""

from urllib.parse import urlsplit

from django.http import Http404, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.urls import Resolver404, resolve, reverse
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_safe
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page, Site

from kb.models import KnowledgePage

from . import metadata
from .visibility import get_visible_page

MAX_OEMBED_URL_LENGTH = 2048
OEMBED_MIN_SIZE = (200, 120)


@require_safe
def permalink(request, page_id):
    """/p/<id>/: a short address that survives every slug change and move."""
    page = get_visible_page(page_id)
    url = page.get_url(request) if page is not None else None
    if url is None:
        raise Http404("No such page")
    return HttpResponsePermanentRedirect(url)


@require_safe
@xframe_options_exempt
def embed_card(request, page_id):
    """/embed/<id>/: the only route other sites may put in a frame (see the headers below)."""
    page = get_visible_page(page_id, model=KnowledgePage)
    if page is None:
        raise Http404("No such page")
    agencies = list(page.agencies.all())
    response = render(
        request,
        "linking/embed_card.html",
        {
            "page": page,
            "agency_names": metadata.agency_names(agencies),
            "canonical_url": metadata.canonical_url(page, request),
            "toolkit_name": metadata.TOOLKIT_NAME,
        },
    )
    # The card has no scripts and no external resources, so it can be locked down completely
    # while still letting any site frame it.
    response["Content-Security-Policy"] = (
        "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors *"
    )
    response["X-Robots-Tag"] = "noindex"
    return response


@require_safe
def oembed(request):
    """/oembed/?url=...&format=json: the oEmbed 1.0 provider endpoint (rich type) for toolkit pages."""
    response_format = request.GET.get("format", "json")
    if response_format != "json":
        return HttpResponse("Only format=json is supported.", status=501, content_type="text/plain")
    url = request.GET.get("url", "")
    if not url or len(url) > MAX_OEMBED_URL_LENGTH:
        return HttpResponse("Give the address of a toolkit page in ?url=.", status=400, content_type="text/plain")
    page = page_for_url(request, url)
    if page is None:
        return HttpResponse("No embeddable toolkit page at that address.", status=404, content_type="text/plain")

    width, height = (
        _bounded_size(request.GET.get("maxwidth"), metadata.EMBED_SIZE[0], OEMBED_MIN_SIZE[0]),
        _bounded_size(request.GET.get("maxheight"), metadata.EMBED_SIZE[1], OEMBED_MIN_SIZE[1]),
    )
    site_root = metadata.site_root_url(page, request)
    agencies = list(page.agencies.all())
    data = {
        "version": "1.0",
        "type": "rich",
        "title": page.title,
        "provider_name": metadata.TOOLKIT_NAME,
        "provider_url": site_root + "/",
        "cache_age": 86400,
        "width": width,
        "height": height,
        "html": metadata.embed_html(page, request, width, height),
    }
    if agencies:
        data["author_name"] = metadata.agency_names(agencies)
        if agencies[0].website:
            data["author_url"] = agencies[0].website
    image = metadata.share_image_rendition(page, request)
    if image:
        data.update(thumbnail_url=image["url"], thumbnail_width=image["width"], thumbnail_height=image["height"])
    response = JsonResponse(data)
    response["Access-Control-Allow-Origin"] = "*"
    return response


def page_for_url(request, url):
    """The visible toolkit page an address points to: its canonical URL, an old URL that now
    redirects to it, its permalink or its embed card. None for anything else, including
    addresses on other hosts and non-web schemes (javascript:, data:...)."""
    if any(ord(character) < 32 for character in url):  # control characters never appear in a real URL
        return None
    try:
        parts = urlsplit(url)
        hostname, _port = parts.hostname, parts.port  # .port rejects out-of-range ports
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not hostname:
        return None
    site = _site_for_hostname(request, hostname)
    if site is None:
        return None
    path = parts.path or "/"
    page = _page_for_route(path) or _page_for_path(site, path) or _page_for_redirect(site, path)
    if page is None:
        return None
    return get_visible_page(page.pk, model=KnowledgePage)


def _site_for_hostname(request, hostname):
    sites = list(Site.objects.select_related("root_page"))
    for site in sites:
        if site.hostname.lower() == hostname.lower():
            return site
    if hostname.lower() == request.get_host().rsplit(":", 1)[0].lower():
        return next((site for site in sites if site.is_default_site), None)
    return None


def _page_for_route(path):
    try:
        match = resolve(path)
    except Resolver404:
        return None
    if match.view_name in ("linking:permalink", "linking:embed"):
        return get_visible_page(match.kwargs["page_id"])
    return None


def _page_for_path(site, path):
    components = [component for component in path.split("/") if component]
    url_path = site.root_page.url_path + "".join(f"{component}/" for component in components)
    return Page.objects.filter(url_path=url_path).first()


def _page_for_redirect(site, path):
    try:
        old_path = Redirect.normalise_path(path)
    except ValueError:
        return None
    redirect = Redirect.get_for_site(site).filter(old_path=old_path).select_related("redirect_page").first()
    return redirect.redirect_page if redirect is not None else None


def _bounded_size(raw, default, minimum):
    """oEmbed consumers may cap the size with maxwidth/maxheight; junk values are ignored."""
    try:
        limit = int(raw)
    except (TypeError, ValueError):
        return default
    return max(min(default, limit), minimum)


@require_safe
def robots_txt(request):
    sitemap_url = request.build_absolute_uri(reverse("linking:sitemap"))
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /embed/",
        "",
        f"Sitemap: {sitemap_url}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")

"""What a toolkit page says about itself to machines and to people who cite it.

One place builds the canonical and permanent URLs, the preview image, the schema.org description
and the plain citation, so the page head, the "Cite this page" box, the embed card, oEmbed and
the feeds can never disagree about a page's title, agency or address.
"""

from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.urls import reverse
from django.utils.html import format_html

from kb.models import CaseStudyPage, KnowledgePage

TOOLKIT_NAME = "CX Toolkit"
SHARE_IMAGE_SPEC = "fill-1200x630"
EMBED_SIZE = (560, 320)
# The host name and port Wagtail gives the default site until someone sets the real one.
PLACEHOLDER_HOST = "localhost"


def url_parts(page, request):
    """``page.get_url_parts(request)``, worked out once per page and request: a toolkit page's head,
    citation and embed box ask for it a dozen times (canonical URL, permalink, JSON-LD, oEmbed),
    and each answer costs Wagtail a walk over the sites and a reverse()."""
    if page.pk is None:  # a preview of a page not saved yet
        return page.get_url_parts(request)
    if not hasattr(request, "page_url_parts"):
        request.page_url_parts = {}
    known = request.page_url_parts
    if page.pk not in known:
        known[page.pk] = page.get_url_parts(request)
    return known[page.pk]


def site_root_url(page, request):
    """The scheme and host every absolute URL of the page starts with: its site's, as configured in
    Settings → Sites, or the request's while the site still has Wagtail's placeholder host name
    (``localhost``, port 80), an address no other site can reach.

    Read from get_url_parts, which caches the sites on the request: a page head asks for this
    several times (canonical, permalink, JSON-LD) and must not query the sites each time."""
    parts = url_parts(page, request)
    site_root = parts[1] if parts is not None else None
    if not site_root or urlsplit(site_root).netloc == PLACEHOLDER_HOST:
        return request.build_absolute_uri("/").rstrip("/")
    return site_root


def absolute_url(page, request, path):
    """``path`` (a URL path on this site) made absolute with the page's site root."""
    return site_root_url(page, request) + path


def canonical_url(page, request):
    parts = url_parts(page, request)
    if parts is None:
        return None
    return absolute_url(page, request, parts[2])


def permalink_path(page):
    return reverse("linking:permalink", args=[page.pk])


def permalink_url(page, request):
    return absolute_url(page, request, permalink_path(page))


def embed_url(page, request):
    return absolute_url(page, request, reverse("linking:embed", args=[page.pk]))


def oembed_url(page, request):
    """The oEmbed endpoint's address for this page, which the page head advertises for discovery."""
    query = urlencode({"url": canonical_url(page, request), "format": "json"})
    return absolute_url(page, request, reverse("linking:oembed")) + "?" + query


def embed_html(page, request, width=EMBED_SIZE[0], height=EMBED_SIZE[1]):
    """The iframe snippet another site pastes to show the page's embed card (also oEmbed's html)."""
    return format_html(
        '<iframe src="{}" width="{}" height="{}" title="{} ({})" style="border:0;max-width:100%" '
        'loading="lazy"></iframe>',
        embed_url(page, request),
        width,
        height,
        page.title,
        TOOLKIT_NAME,
    )


def share_image(page):
    """The first image in the page body, which link previews and oEmbed thumbnails show."""
    body = getattr(page, "body", None)
    for block in body or ():
        if block.block_type == "image":
            return block.value
    return None


def share_image_rendition(page, request):
    """(absolute URL, width, height, alt text) of the preview image, or None."""
    block = share_image(page)
    if block is None or block["image"] is None:
        return None
    rendition = block["image"].get_rendition(SHARE_IMAGE_SPEC)
    return {
        "url": rendition.url if urlsplit(rendition.url).netloc else absolute_url(page, request, rendition.url),
        "width": rendition.width,
        "height": rendition.height,
        "alt": block["alt_text"],
    }


def agency_names(agencies):
    return ", ".join(agency.name for agency in agencies)


def citation_text(page, request, agencies):
    """A plain citation: Agency. "Title." CX Toolkit, Month D, YYYY. URL."""
    parts = []
    names = agency_names(agencies)
    if names:
        parts.append(f"{names}.")
    parts.append(f"\u201c{page.title}.\u201d")
    date = page.publication_date.strftime("%B %-d, %Y") if page.publication_date else ""
    parts.append(f"{TOOLKIT_NAME}, {date}." if date else f"{TOOLKIT_NAME}.")
    parts.append(f"{permalink_url(page, request)}.")
    return " ".join(parts)


def json_ld(page, request, agencies, topics, image=None):
    """schema.org description of a toolkit page: an Article for case studies, a CreativeWork else."""
    data = {
        "@context": "https://schema.org",
        "@type": "Article" if isinstance(page, CaseStudyPage) else "CreativeWork",
        "headline": page.title[:110],
        "name": page.title,
        "description": page.summary,
        "url": canonical_url(page, request),
        "identifier": permalink_url(page, request),
        "inLanguage": settings.LANGUAGE_CODE,
        "isPartOf": {"@type": "WebSite", "name": TOOLKIT_NAME, "url": site_root_url(page, request) + "/"},
    }
    if page.publication_date:
        data["datePublished"] = page.publication_date.isoformat()
    modified = page.last_published_at or page.latest_revision_created_at
    if modified:
        data["dateModified"] = modified.isoformat()
    if agencies:
        organisations = [_organisation(agency) for agency in agencies]
        data["publisher"] = organisations if len(organisations) > 1 else organisations[0]
        data["author"] = data["publisher"]
    if topics:
        data["about"] = [{"@type": "Thing", "name": topic.name} for topic in topics]
    if image:
        data["image"] = {
            "@type": "ImageObject",
            "url": image["url"],
            "width": image["width"],
            "height": image["height"],
        }
    return data


def _organisation(agency):
    organisation = {"@type": "GovernmentOrganization", "name": agency.name}
    if agency.acronym:
        organisation["alternateName"] = agency.acronym
    if agency.website:
        organisation["url"] = agency.website
    return organisation


def is_toolkit_page(page):
    return isinstance(page, KnowledgePage)

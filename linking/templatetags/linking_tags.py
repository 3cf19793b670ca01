"""Template tags for a page's head metadata and its "Cite this page" and "Embed this page" boxes."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.safestring import mark_safe
from wagtail.models import Page

from linking import metadata

register = template.Library()

# Inside <script>, "</script>" or "<!--" in a title would end the element early: escape the
# characters that can start them, as Django's json_script filter does.
_JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.filter
def json_ld(data):
    """Serialise a dict for a <script type="application/ld+json"> element, safe against </script>."""
    return mark_safe(json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(_JSON_SCRIPT_ESCAPES))


def _taxonomy(context, page, name):
    """The page's terms, reusing what KnowledgePage.get_context already fetched."""
    terms = context.get(f"page_{name}")
    return list(terms) if terms is not None else list(getattr(page, name).all())


@register.inclusion_tag("linking/page_meta.html", takes_context=True)
def page_meta(context, page):
    request = context.get("request")
    if request is None or not isinstance(page, Page):
        return {}
    url = metadata.canonical_url(page, request)
    meta = {"page": page, "canonical_url": url, "toolkit_name": metadata.TOOLKIT_NAME}
    if url is None:
        return meta
    meta["description"] = page.search_description or getattr(page, "summary", "")
    meta["feed_url"] = reverse("linking:feed_atom")
    if metadata.is_toolkit_page(page):
        agencies = _taxonomy(context, page, "agencies")
        topics = _taxonomy(context, page, "topics")
        image = metadata.share_image_rendition(page, request)
        meta.update(
            is_toolkit_page=True,
            image=image,
            json_ld=metadata.json_ld(page, request, agencies, topics, image),
            oembed_url=metadata.oembed_url(page, request),
        )
    return meta


@register.inclusion_tag("linking/cite_this_page.html", takes_context=True)
def cite_this_page(context, page):
    request = context["request"]
    agencies = _taxonomy(context, page, "agencies")
    return {
        "page": page,
        "citation": metadata.citation_text(page, request, agencies),
        "permalink": metadata.permalink_url(page, request),
    }


@register.inclusion_tag("linking/embed_this_page.html", takes_context=True)
def embed_this_page(context, page):
    request = context["request"]
    return {"page": page, "embed_html": metadata.embed_html(page, request)}

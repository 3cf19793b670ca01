"""Template helpers that link other pages (section listings, taxonomy) into the search page."""

from urllib.parse import urlencode

from django import template
from django.urls import reverse

from ..query import PAGE_TYPES

register = template.Library()


@register.simple_tag
def section_search_url(section):
    """/search/?type=... for a section index page: the same pages, with facets and full text."""
    model = (getattr(section, "listed_model", "") or "").rpartition(".")[2].lower()
    for slug, (_app, model_name, _label) in PAGE_TYPES.items():
        if model_name == model:
            return reverse("search") + "?" + urlencode({"type": slug})
    return reverse("search")

"""Template helpers that link other pages (section listings, taxonomy) into the search page."""

from urllib.parse import urlencode

from django import template
from django.apps import apps
from django.urls import reverse

register = template.Library()


@register.simple_tag
def section_search_url(section):
    """/search/?type=... for a section index page: the same pages, with facets and full text."""
    listed_model = getattr(section, "listed_model", None)
    if not listed_model:
        return reverse("search")
    return reverse("search") + "?" + urlencode({"type": apps.get_model(listed_model).type_slug})

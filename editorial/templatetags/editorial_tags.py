from django import template
from django.utils import timezone

from editorial.freshness import last_reviewed_at

register = template.Library()


@register.simple_tag
def last_reviewed_on(page):
    """The date a toolkit page's live version was approved, or None if it never went through review."""
    reviewed_at = last_reviewed_at(page)
    return timezone.localdate(reviewed_at) if reviewed_at else None

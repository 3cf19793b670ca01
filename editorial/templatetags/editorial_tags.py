from django import template
from django.utils import timezone

from caching.page_cache import generation_cached
from editorial.freshness import last_reviewed_at

register = template.Library()


@register.simple_tag
def last_reviewed_on(page):
    """The date a toolkit page's live version was approved, or None if it never went through review.

    Kept until the next change to the site, as the navigation is (``caching.page_cache``): only a
    publish can change it (an approved review publishes the page), and every publish starts a new
    generation. Every toolkit page shows it, and its query is one of the dearest of a page view."""
    if not page.live_revision_id:
        return None
    (reviewed_at,) = generation_cached(
        f"last-reviewed:{page.pk}:{page.live_revision_id}", lambda: (last_reviewed_at(page),)
    )
    return timezone.localdate(reviewed_at) if reviewed_at else None

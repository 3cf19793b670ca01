"""The one definition of "live and public" that every outward-facing route uses.

Wagtail's `live()` and `public()` leave out drafts, unpublished pages and pages behind a view
restriction, but a page whose expiry time has passed stays live until the `publish_scheduled`
command next runs. Permalinks, embeds, oEmbed, feeds, the sitemap and the read API must not wait
for that command, so they all filter through here.
"""

from django.db.models import Q
from django.utils import timezone
from wagtail.models import Page

# Page ids are 32-bit integers: a longer number in a URL can only be a miss, and must not reach
# the database (PostgreSQL rejects it with an error instead of returning nothing).
MAX_PAGE_ID = 2**31 - 1


def not_expired():
    return Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now())


def visible(queryset):
    """Narrow a page queryset to pages an anonymous visitor may see right now."""
    return queryset.live().public().filter(not_expired())


def is_expired(page):
    return page.expire_at is not None and page.expire_at <= timezone.now()


def get_visible_page(page_id, model=Page):
    """The specific live, public page with this id, or None. Accepts any string from a URL."""
    try:
        page_id = int(page_id)
    except (TypeError, ValueError):
        return None
    if not 0 < page_id <= MAX_PAGE_ID:
        return None
    page = visible(model.objects.filter(pk=page_id)).first()
    return page.specific if page is not None else None

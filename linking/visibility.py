"""Find the visible page a URL's id points to, by kb's one visibility rule (``kb.visibility``).

Permalinks, embeds and oEmbed take a page id from a URL: anything a visitor typed must come out as
a page or as None, never as a database error.
"""

from wagtail.models import Page

from kb.visibility import visible_pages

# Page ids are 32-bit integers: a longer number in a URL can only be a miss, and must not reach
# the database (PostgreSQL rejects it with an error instead of returning nothing).
MAX_PAGE_ID = 2**31 - 1


def get_visible_page(page_id, model=Page):
    """The specific visible page with this id, or None. Accepts any string from a URL."""
    try:
        page_id = int(page_id)
    except (TypeError, ValueError):
        return None
    if not 0 < page_id <= MAX_PAGE_ID:
        return None
    page = visible_pages(model).filter(pk=page_id).first()
    return page.specific if page is not None else None

"""Context every public template needs for the site shell (header navigation and footer)."""

from wagtail.models import Site

from caching.page_cache import generation_cached
from kb.visibility import visible_pages


def site_shell(request):
    """The sections in the main navigation and footer: visible children of the site's home page
    marked "show in menus" (a section behind a login is not offered to visitors who cannot open it).
    Computed lazily so views that never render the shell pay nothing, and kept until the next
    change to the site (see caching.page_cache), so pages the page cache does not hold pay nothing
    either."""

    def nav_pages():
        site = Site.find_for_request(request)
        if site is None:
            return []
        return generation_cached(
            f"navigation:{site.pk}",
            lambda: list(visible_pages().child_of(site.root_page).in_menu().only("title", "url_path", "depth", "path")),
        )

    return {"nav_pages": nav_pages}

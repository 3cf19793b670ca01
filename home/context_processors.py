"""Context every public template needs for the site shell (header navigation and footer)."""

from wagtail.models import Site

from kb.visibility import visible_pages


def site_shell(request):
    """The sections in the main navigation and footer: visible children of the site's home page
    marked "show in menus" (a section behind a login is not offered to visitors who cannot open it).
    Computed lazily so views that never render the shell pay nothing."""

    def nav_pages():
        site = Site.find_for_request(request)
        if site is None:
            return []
        return list(visible_pages().child_of(site.root_page).in_menu().only("title", "url_path", "depth", "path"))

    return {"nav_pages": nav_pages}

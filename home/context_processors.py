"""Context every public template needs for the site shell (header navigation)."""

from wagtail.models import Site


def site_shell(request):
    """The sections in the main navigation: live children of the site's home page marked
    "show in menus". Computed lazily so views that never render the shell pay nothing."""

    def nav_pages():
        site = Site.find_for_request(request)
        if site is None:
            return []
        return list(site.root_page.get_children().live().in_menu().only("title", "url_path", "depth", "path"))

    return {"nav_pages": nav_pages}

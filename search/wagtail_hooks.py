"""Admin: the "Search terms" report under Reports (top searches and searches that found nothing),
and the glossary's synonym sets under Snippets."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from .admin_views import search_report
from .models import SynonymSet


@hooks.register("register_admin_urls")
def register_search_report_url():
    return [path("reports/search-terms/", search_report, name="kbsearch_report")]


class SearchReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("kbsearch.view_searchlog")


@hooks.register("register_reports_menu_item")
def register_search_report_menu_item():
    return SearchReportMenuItem("Search terms", reverse("kbsearch_report"), icon_name="search", order=900)


register_snippet(SynonymSet)


@hooks.register("construct_reports_menu")
def hide_promotions_search_terms_report(request, menu_items):
    """Drop wagtail.contrib.search_promotions' own "Search terms" report: it counts the hits Wagtail's
    Query.get() records, which this site never calls (promotions are read-only, see
    search.service.promoted_pages), so it would be an always-empty second "Search terms" item."""
    promotions_report = reverse("wagtailsearchpromotions:search_terms")
    menu_items[:] = [item for item in menu_items if item.url != promotions_report]

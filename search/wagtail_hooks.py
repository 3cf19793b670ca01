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

"""The editors' search report: what members searched for, and what found nothing (last 30 days)."""

import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Avg, Count, Max
from django.shortcuts import render
from django.utils import timezone

from .models import SearchLog

REPORT_DAYS = 30
REPORT_ROWS = 50


def search_report(request):
    if not request.user.has_perm("kbsearch.view_searchlog"):
        raise PermissionDenied
    since = timezone.now() - datetime.timedelta(days=REPORT_DAYS)
    recent = SearchLog.objects.filter(searched_at__gte=since)
    grouped = recent.values("query_string").annotate(
        searches=Count("id"), average_results=Avg("result_count"), last_searched=Max("searched_at")
    )
    context = {
        "days": REPORT_DAYS,
        "total": recent.count(),
        "top_searches": grouped.order_by("-searches", "query_string")[:REPORT_ROWS],
        "no_results": grouped.filter(result_count=0).order_by("-searches", "query_string")[:REPORT_ROWS],
        "header_title": "Search terms",
        "header_icon": "search",
        "page_title": "Search terms",
    }
    return render(request, "search/admin/search_report.html", context)

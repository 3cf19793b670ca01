"""The public search page. (Interim: plain full-text search; the faceted search service replaces it.)"""

from django.core.paginator import Paginator
from django.shortcuts import render

from kb.models import KnowledgePage, clamp_page_number


def search_page(request):
    query = request.GET.get("q", "").strip()[:200]
    pages = KnowledgePage.objects.live().public().specific()
    results = pages.search(query) if query else pages.order_by("-publication_date")
    paginator = Paginator(results, 10)
    page_obj = paginator.page(clamp_page_number(request.GET.get("page"), paginator.num_pages))
    return render(request, "search/search.html", {"query": query, "page_obj": page_obj, "paginator": paginator})

"""The read-only Wagtail API v2 at /api/v2/: toolkit pages with their fields and taxonomy.

Only the pages endpoint is published, and it only ever sees live, public, unexpired pages of the
site's own types (home, sections and toolkit pages); images and documents are reached through the
pages that use them.
"""

from wagtail.api.v2.filters import SearchFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.search.backends import get_search_backend
from wagtail.search.backends.base import FilterFieldError, OrderByFieldError

from home.models import HomePage
from kb.models import AgencyExampleIndexPage, CaseStudyIndexPage, KnowledgePage, ToolIndexPage
from kb.visibility import visible_pages

from .visibility import MAX_PAGE_ID

PUBLISHED_TYPES = (HomePage, CaseStudyIndexPage, ToolIndexPage, AgencyExampleIndexPage, KnowledgePage)
# Parameters that end up compared with a database integer: a number too big for the column makes
# some databases fail instead of matching nothing, so it is refused up front.
INTEGER_PARAMETERS = ("id", "limit", "offset", "child_of", "descendant_of", "ancestor_of", "translation_of")


# Characters the SQLite full-text engine cannot take in a search (an odd double quote makes it
# fail with "unterminated string"); words are all the API's ?search= needs.
UNSEARCHABLE = str.maketrans({'"': " "})
MAX_SEARCH_LENGTH = 200


def has_nul(querydict):
    """PostgreSQL refuses NUL characters in strings, so a parameter holding one is refused first."""
    return any("\x00" in value for _name, values in querydict.lists() for value in values)


class WordSearchFilter(SearchFilter):
    """Wagtail's ?search= filter, fed only plain words so that no input can crash the engine."""

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        words = " ".join(request.GET["search"].translate(UNSEARCHABLE).split())[:MAX_SEARCH_LENGTH]
        if not words:
            return queryset.none()
        operator = request.GET.get("search_operator") or None
        if operator not in (None, "and", "or"):
            raise BadRequestError("search_operator must be 'and' or 'or'")
        try:
            return get_search_backend().search(
                words, queryset, operator=operator, order_by_relevance="order" not in request.GET
            )
        except (FilterFieldError, OrderByFieldError) as error:
            raise BadRequestError(f"cannot search with this filter or order: {error}") from error


class PublicPagesAPIViewSet(PagesAPIViewSet):
    filter_backends = [*PagesAPIViewSet.filter_backends[:-1], WordSearchFilter]

    def get_base_queryset(self):
        # The visibility rule is applied through a sub-query (not a plain filter) so that ?search=
        # still works: the search backend only accepts filters on indexed fields.
        return super().get_base_queryset().type(*PUBLISHED_TYPES).filter(pk__in=visible_pages().values("pk"))

    def check_query_parameters(self, queryset):
        super().check_query_parameters(queryset)
        if has_nul(self.request.GET):
            raise BadRequestError("parameters must not contain NUL characters")
        for name in INTEGER_PARAMETERS:
            value = self.request.GET.get(name)
            if value is not None and value.lstrip("-").isdecimal() and abs(int(value)) > MAX_PAGE_ID:
                raise BadRequestError(f"{name} is out of range")

    def find_object(self, queryset, request):
        if has_nul(request.GET):
            raise BadRequestError("parameters must not contain NUL characters")
        if "id" in request.GET and not (request.GET["id"].isdecimal() and int(request.GET["id"]) <= MAX_PAGE_ID):
            raise BadRequestError("id must be a page id")
        return super().find_object(queryset, request)


api_router = WagtailAPIRouter("linking:api")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)

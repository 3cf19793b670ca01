"""The read-only Wagtail API v2 at /api/v2/: toolkit pages with their fields and taxonomy.

Only the pages endpoint is published, and it only ever sees live, public, unexpired pages of the
site's own types (home, sections and toolkit pages); images and documents are reached through the
pages that use them.
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from home.models import HomePage
from kb.models import AgencyExampleIndexPage, CaseStudyIndexPage, KnowledgePage, ToolIndexPage

from .visibility import not_expired

PUBLISHED_TYPES = (HomePage, CaseStudyIndexPage, ToolIndexPage, AgencyExampleIndexPage, KnowledgePage)


class PublicPagesAPIViewSet(PagesAPIViewSet):
    def get_base_queryset(self):
        return super().get_base_queryset().type(*PUBLISHED_TYPES).filter(not_expired())


api_router = WagtailAPIRouter("linking:api")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)

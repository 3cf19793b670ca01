"""The home page: the front door of the toolkit."""

from django.db import models
from django.http import Http404
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from kb.blocks import RICH_TEXT_FEATURES
from kb.models import KnowledgePage, RoutedAncestorsMixin, Topic


class HomePage(RoutedAncestorsMixin, Page):
    """Introduces the toolkit, shows what editors want to feature, and offers ways in:
    a search box, the CX practice areas and the latest additions."""

    intro = RichTextField(features=RICH_TEXT_FEATURES, blank=True)
    latest_count = 6

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        InlinePanel("featured_pages", heading="Featured pages", label="Featured page", max_num=6),
    ]
    max_count = 1
    subpage_types = ["kb.CaseStudyIndexPage", "kb.ToolIndexPage", "kb.AgencyExampleIndexPage"]
    template = "home/home_page.html"

    def route(self, request, path_components):
        """Every page on the way down in one query, where Wagtail asks level by level (two queries a
        level); the page found keeps its ancestors for its privacy check and breadcrumbs
        (``kb.models.RoutedAncestorsMixin``)."""
        if not path_components:
            return super().route(request, path_components)
        candidates = Page.objects.filter(
            slug__in=path_components,
            depth__gt=self.depth,
            depth__lte=self.depth + len(path_components),
            path__startswith=self.path,
        )
        by_parent_and_slug = {(page.path[: -Page.steplen], page.slug): page for page in candidates}
        chain = [self]
        for slug in path_components:
            child = by_parent_and_slug.get((chain[-1].path, slug))
            if child is None:
                break
            chain.append(child)
        if len(chain) == 1:
            raise Http404
        page = chain[-1].specific
        page._cached_parent_obj = chain[-2]
        page._route_ancestors = chain[:-1]
        return page.route(request, path_components[len(chain) - 1 :])

    def featured(self):
        """Featured pages the public may see, in the editors' order; hidden ones drop out."""
        ids = [item.featured_page_id for item in self.featured_pages.all()]
        pages = KnowledgePage.objects.filter(pk__in=ids).visible().prefetch_related("agencies").in_bulk()
        return [pages[pk] for pk in ids if pk in pages]

    def latest(self):
        return (
            KnowledgePage.objects.visible()
            .order_by("-publication_date", "-pk")
            .prefetch_related("agencies")[: self.latest_count]
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["featured"] = self.featured()
        context["latest"] = self.latest()
        context["topics"] = Topic.objects.all()
        return context


class HomePageFeaturedPage(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_pages")
    featured_page = models.ForeignKey(KnowledgePage, on_delete=models.CASCADE, related_name="+")

    panels = [FieldPanel("featured_page")]

"""Editorial reports: "Content due for review" (live toolkit pages whose review-by date is past or
near) and "Published without review" (publishes that did not come from the review workflow)."""

import django_filters
from django.utils import timezone
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.reports import PageReportView, ReportView
from wagtail.models import Page

from importer.loads import LOAD_PUBLISH_ACTION
from kb.models import Agency, AgencyExampleIndexPage, CaseStudyIndexPage, KnowledgePage, ToolIndexPage

from .freshness import DUE_SOON, due_for_review
from .unreviewed import unreviewed_publishes_and_loads


def section_pages(request=None):
    return Page.objects.type(CaseStudyIndexPage, ToolIndexPage, AgencyExampleIndexPage).order_by("path")


class DueForReviewFilterSet(WagtailFilterSet):
    section = django_filters.ModelChoiceFilter(
        label="Section", queryset=section_pages, method="filter_section", empty_label="All sections"
    )
    agency = django_filters.ModelChoiceFilter(
        label="Agency", queryset=Agency.objects.all(), field_name="agencies", empty_label="All agencies"
    )

    class Meta:
        model = KnowledgePage
        fields = []

    def filter_section(self, queryset, name, value):
        return queryset.descendant_of(value)


def join_names(manager):
    return ", ".join(str(item) for item in manager.all())


class DueForReviewView(PageReportView):
    page_title = "Content due for review"
    header_icon = "time"
    results_template_name = "editorial/reports/due_for_review_results.html"
    filterset_class = DueForReviewFilterSet
    index_url_name = "editorial_due_for_review"
    index_results_url_name = "editorial_due_for_review_results"
    any_permission_required = ["add", "change", "publish"]
    export_filename = "content-due-for-review"
    list_export = ["title", "review_by", "content_type_label", "agencies", "full_url", "last_published_at"]
    export_headings = {
        "title": "Title",
        "review_by": "Review by",
        "content_type_label": "Type",
        "agencies": "Agencies",
        "full_url": "URL",
        "last_published_at": "Last published",
    }
    custom_field_preprocess = {
        "agencies": {PageReportView.FORMAT_CSV: join_names, PageReportView.FORMAT_XLSX: join_names},
    }

    def get_queryset(self):
        return due_for_review().select_related("content_type").prefetch_related("agencies")

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["today"] = timezone.localdate()
        context["due_soon_days"] = DUE_SOON.days
        return context


class PublishedWithoutReviewView(ReportView):
    """Every publish of a toolkit page outside the review workflow, so that a direct publish (only
    superusers can) is always seen by the people who review; a content load (the demo, an import
    with --publish) is one line with its page count."""

    page_title = "Published without review"
    header_icon = "warning"
    results_template_name = "editorial/reports/published_without_review_results.html"
    index_url_name = "editorial_published_without_review"
    index_results_url_name = "editorial_published_without_review_results"
    model = Page
    any_permission_required = ["add", "change", "publish"]
    export_filename = "published-without-review"
    list_export = ["label", "page_id", "load_pages", "user_display_name", "timestamp"]
    export_headings = {
        "label": "Page (first page of a content load)",
        "page_id": "Page ID",
        "load_pages": "Pages in the content load",
        "user_display_name": "Published by",
        "timestamp": "When",
    }

    def get_queryset(self):
        return unreviewed_publishes_and_loads()

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        context["load_action"] = LOAD_PUBLISH_ACTION  # a load's line opens the site history of its publishes
        return context

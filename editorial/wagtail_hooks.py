"""Admin wiring for the editorial workflow: the publish guard, the report and the dashboard."""

from django.shortcuts import render
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Page
from wagtail.permissions import policy_registry

from .panels import construct_panels
from .reports import DueForReviewView, PublishedWithoutReviewView

PUBLISH_REFUSED = "_editorial_publish_refused"


def _refuse_publish(request, can_publish):
    """Turn a publish request from someone who may not publish into a plain save.

    Wagtail on its own silently saves a draft in that case; the request is answered with 403
    instead (see `_answer_refused_publish`), after the draft is saved so nothing the editor typed
    is lost.
    """
    if request.method == "POST" and request.POST.get("action-publish") and not can_publish:
        request.POST = request.POST.copy()
        del request.POST["action-publish"]
        setattr(request, PUBLISH_REFUSED, True)


@hooks.register("before_edit_page")
def refuse_publish_on_edit(request, page):
    _refuse_publish(request, page.permissions_for_user(request.user).can_publish())


@hooks.register("before_create_page")
def refuse_publish_on_create(request, parent_page, page_class):
    _refuse_publish(request, parent_page.permissions_for_user(request.user).can_publish_subpage())


@hooks.register("after_edit_page")
@hooks.register("after_create_page")
def answer_refused_publish(request, page):
    if getattr(request, PUBLISH_REFUSED, False):
        return render(request, "editorial/publish_refused.html", {"page": page}, status=403)
    return None


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("reports/due-for-review/", DueForReviewView.as_view(), name="editorial_due_for_review"),
        path(
            "reports/due-for-review/results/",
            DueForReviewView.as_view(results_only=True),
            name="editorial_due_for_review_results",
        ),
        path(
            "reports/published-without-review/",
            PublishedWithoutReviewView.as_view(),
            name="editorial_published_without_review",
        ),
        path(
            "reports/published-without-review/results/",
            PublishedWithoutReviewView.as_view(results_only=True),
            name="editorial_published_without_review_results",
        ),
    ]


class PageEditorsMenuItem(MenuItem):
    """Shown to people who work on pages: the editorial reports are theirs."""

    def is_shown(self, request):
        return policy_registry.get_by_type(Page).user_has_any_permission(request.user, ["add", "change", "publish"])


@hooks.register("register_reports_menu_item")
def register_due_for_review_menu_item():
    return PageEditorsMenuItem(
        "Content due for review",
        reverse("editorial_due_for_review"),
        name="content-due-for-review",
        icon_name="time",
        order=1150,
    )


@hooks.register("register_reports_menu_item")
def register_published_without_review_menu_item():
    return PageEditorsMenuItem(
        "Published without review",
        reverse("editorial_published_without_review"),
        name="published-without-review",
        icon_name="warning",
        order=1160,
    )


hooks.register("construct_homepage_panels", construct_panels)

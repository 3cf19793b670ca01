"""Freshness: review-by dates, the "Content due for review" report and the dashboard panels."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from editorial.freshness import due_for_review, last_reviewed_at
from editorial.roles import ACCESSIBILITY_REVIEWERS, REVIEWERS
from kb.models import Agency, CaseStudyPage, ToolPage
from tests.editorial_users import make_user

REPORT = "/admin/reports/due-for-review/"


@pytest.fixture
def due_pages(make_page, editorial):
    """Pages whose review-by date is overdue, near, far, and one overdue page that is not live."""
    today = timezone.localdate()
    usda = Agency.objects.create(name="Department of Agriculture", acronym="USDA")
    ssa = Agency.objects.create(name="Social Security Administration", acronym="SSA")
    return {
        "overdue": make_page(
            CaseStudyPage, title="Overdue case", review_by=today - datetime.timedelta(days=3), agencies=[usda]
        ),
        "soon": make_page(ToolPage, title="Soon tool", review_by=today + datetime.timedelta(days=20), agencies=[ssa]),
        "later": make_page(CaseStudyPage, title="Later case", review_by=today + datetime.timedelta(days=90)),
        "draft": make_page(
            CaseStudyPage, title="Draft case", review_by=today - datetime.timedelta(days=9), publish=False
        ),
        "usda": usda,
    }


def test_review_by_defaults_to_a_year_after_publication(make_page):
    page = make_page(CaseStudyPage, title="Dated", publication_date=datetime.date(2025, 3, 14))
    assert page.review_by == datetime.date(2026, 3, 14)


def test_review_by_can_be_set_by_the_editor(make_page):
    page = make_page(CaseStudyPage, title="Dated", review_by=datetime.date(2025, 9, 1))
    assert page.review_by == datetime.date(2025, 9, 1)


def test_due_for_review_lists_live_pages_past_or_within_30_days_most_overdue_first(due_pages):
    assert [page.title for page in due_for_review()] == ["Overdue case", "Soon tool"]


def test_report_lists_pages_due_for_review(client, editor, due_pages):
    client.force_login(editor)
    html = client.get(REPORT).content.decode()
    assert "Overdue case" in html
    assert "Soon tool" in html
    assert "Later case" not in html
    assert "Draft case" not in html


def test_report_filters_by_section(client, editor, due_pages, editorial):
    client.force_login(editor)
    html = client.get(REPORT, {"section": editorial["ToolIndexPage"].pk}).content.decode()
    assert "Soon tool" in html
    assert "Overdue case" not in html


def test_report_filters_by_agency(client, editor, due_pages):
    client.force_login(editor)
    html = client.get(REPORT, {"agency": due_pages["usda"].pk}).content.decode()
    assert "Overdue case" in html
    assert "Soon tool" not in html


def test_report_exports_csv(client, editor, due_pages):
    client.force_login(editor)
    response = client.get(REPORT, {"export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert [row["Title"] for row in rows] == ["Overdue case", "Soon tool"]
    assert rows[0]["Agencies"] == "Department of Agriculture (USDA)"
    assert rows[0]["Review by"] == str(due_pages["overdue"].review_by)


def test_report_export_respects_the_filters(client, editor, due_pages):
    client.force_login(editor)
    response = client.get(REPORT, {"export": "csv", "agency": due_pages["usda"].pk})
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert [row["Title"] for row in rows] == ["Overdue case"]


def test_report_is_in_the_reports_menu(client, editor):
    client.force_login(editor)
    assert REPORT in client.get("/admin/").content.decode()


def test_report_is_closed_to_people_without_page_permissions(client, editorial):
    client.force_login(make_user("a11y", ACCESSIBILITY_REVIEWERS))
    assert client.get(REPORT).status_code in (302, 403)


def test_dashboard_shows_the_three_editorial_panels(client, editor, due_pages):
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert "Your drafts" in html
    assert "Awaiting your review" in html
    assert "Due for review" in html
    assert "Overdue case" in html


def test_your_drafts_lists_the_editors_unpublished_pages(client, editor, make_page):
    page = make_page(CaseStudyPage, title="My unfinished story", publish=False)
    page.save_revision(user=editor)
    other = make_page(CaseStudyPage, title="Someone else's draft", publish=False)
    other.save_revision()
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert "My unfinished story" in html
    assert "Someone else&#x27;s draft" not in html


def test_awaiting_your_review_lists_pages_at_the_reviewers_step(client, editor, make_page):
    reviewer = make_user("reviewer", REVIEWERS)
    page = make_page(CaseStudyPage, title="Please look at me", publish=False)
    page.get_workflow().start(page, editor)
    client.force_login(reviewer)
    html = client.get("/admin/").content.decode()
    assert "Awaiting your review" in html
    assert "Please look at me" in html


def test_last_reviewed_lookup_is_one_query(make_page, editor):
    page = make_page(CaseStudyPage, title="Counted")
    with CaptureQueriesContext(connection) as queries:
        assert last_reviewed_at(page) is None
    assert len(queries) == 1


def test_report_url_is_named():
    assert reverse("editorial_due_for_review") == REPORT

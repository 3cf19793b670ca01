"""The editors' "Search terms" report: top searches and searches that found nothing."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from search.models import SearchLog


def test_report_lists_top_and_zero_result_searches_of_the_last_30_days(client, db):
    admin = get_user_model().objects.create_superuser("boss", "boss@example.gov", "pw")
    client.force_login(admin)
    for _ in range(3):
        SearchLog.objects.create(query_string="journey map", result_count=4)
    SearchLog.objects.create(query_string="quantum ledger", result_count=0)
    old = SearchLog.objects.create(query_string="ancient history", result_count=0)
    SearchLog.objects.filter(pk=old.pk).update(searched_at=timezone.now() - datetime.timedelta(days=31))

    response = client.get("/admin/reports/search-terms/")

    assert response.status_code == 200
    top = list(response.context["top_searches"])
    assert top[0]["query_string"] == "journey map" and top[0]["searches"] == 3
    assert [row["query_string"] for row in response.context["no_results"]] == ["quantum ledger"]
    assert "ancient history" not in response.content.decode()


def test_report_needs_permission(client, db):
    editor = get_user_model().objects.create_user("ed", "ed@example.gov", "pw")
    from django.contrib.auth.models import Permission

    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    assert client.get("/admin/reports/search-terms/").status_code in (302, 403)

"""Permanent URLs: canonical paths, redirects left by slug changes and moves, and /p/<id>/."""

import pytest

from kb.models import CaseStudyPage, ToolPage


@pytest.fixture
def case_study(make_page):
    return make_page(CaseStudyPage, title="Faster benefits", slug="faster-benefits")


def change_slug(page, new_slug):
    """Publish a new slug the way an editor does: a revision, then publish."""
    page.slug = new_slug
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def test_canonical_paths_follow_the_section(make_page):
    assert make_page(CaseStudyPage, slug="a").url == "/case-studies/a/"
    assert make_page(ToolPage, slug="b").url == "/tools/b/"


@pytest.mark.django_db(transaction=True)
def test_every_old_url_redirects_permanently_after_two_slug_changes(client, case_study):
    change_slug(case_study, "quicker-benefits")
    change_slug(case_study, "fastest-benefits")

    for old in ("/case-studies/faster-benefits/", "/case-studies/quicker-benefits/"):
        response = client.get(old)
        assert response.status_code == 301, old
        assert response["Location"].endswith("/case-studies/fastest-benefits/")
    assert client.get("/case-studies/fastest-benefits/").status_code == 200

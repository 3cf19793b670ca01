"""Permanent URLs: canonical paths, redirects left by slug changes and moves, and /p/<id>/."""

import pytest

from kb.models import AgencyExamplePage, CaseStudyPage, ToolPage


@pytest.fixture
def case_study(make_page):
    return make_page(CaseStudyPage, title="Faster benefits", slug="faster-benefits")


@pytest.fixture
def publish_slug(django_capture_on_commit_callbacks):
    """Publish a new slug the way an editor does; Wagtail creates redirects once the change commits."""

    def change(page, new_slug):
        with django_capture_on_commit_callbacks(execute=True):
            page.slug = new_slug
            page.save_revision().publish()
        page.refresh_from_db()
        return page

    return change


def test_canonical_paths_are_section_then_slug(make_page):
    assert make_page(CaseStudyPage, slug="a").url == "/case-studies/a/"
    assert make_page(ToolPage, slug="b").url == "/tools/b/"
    assert make_page(AgencyExamplePage, slug="c").url == "/agency-examples/c/"


def test_two_slug_changes_leave_all_three_urls_working(client, case_study, publish_slug):
    publish_slug(case_study, "quicker-benefits")
    publish_slug(case_study, "fastest-benefits")

    for url in ("/case-studies/faster-benefits/", "/case-studies/quicker-benefits/", "/case-studies/fastest-benefits/"):
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        assert response.redirect_chain in ([], [("/case-studies/fastest-benefits/", 301)]), url


def test_old_urls_redirect_permanently_in_one_hop(client, case_study, publish_slug):
    publish_slug(case_study, "quicker-benefits")
    publish_slug(case_study, "fastest-benefits")

    response = client.get("/case-studies/faster-benefits/")

    assert response.status_code == 301
    assert response["Location"] == "/case-studies/fastest-benefits/"


def test_renaming_a_section_redirects_the_pages_inside_it(client, site_tree, case_study, publish_slug):
    publish_slug(site_tree["CaseStudyIndexPage"], "stories")

    response = client.get("/case-studies/faster-benefits/")

    assert response.status_code == 301
    assert response["Location"] == "/stories/faster-benefits/"


def test_moving_a_page_redirects_its_old_url(client, site_tree, make_page):
    tool = make_page(ToolPage, title="Journey mapping", slug="journey-mapping")

    tool.move(site_tree["AgencyExampleIndexPage"], pos="last-child")

    response = client.get("/tools/journey-mapping/")
    assert response.status_code == 301
    assert response["Location"] == "/agency-examples/journey-mapping/"


def test_permalink_redirects_permanently_to_the_current_url(client, case_study, publish_slug):
    permalink = f"/p/{case_study.pk}/"
    assert client.get(permalink)["Location"] == "/case-studies/faster-benefits/"

    publish_slug(case_study, "renamed")
    response = client.get(permalink)

    assert response.status_code == 301
    assert response["Location"] == "/case-studies/renamed/"


def test_permalink_works_for_section_and_home_pages(client, site_tree):
    assert client.get(f"/p/{site_tree['ToolIndexPage'].pk}/")["Location"] == "/tools/"
    assert client.get(f"/p/{site_tree['home'].pk}/")["Location"] == "/"


@pytest.mark.parametrize("kind", ["draft", "private", "expired"])
def test_permalink_of_a_hidden_page_is_not_found(client, hidden_pages, kind):
    assert client.get(f"/p/{hidden_pages[kind].pk}/").status_code == 404


def test_permalink_of_the_tree_root_is_not_found(client, site_tree):
    assert client.get("/p/1/").status_code == 404


@pytest.mark.parametrize(
    "path",
    [
        "/p/abc/",
        "/p/0/",
        "/p/-1/",
        "/p/99999999999999999999/",
        "/p/2147483648/",
        "/p/999999999999/",
        "/p/1.5/",
        "/p/%00/",
    ],
)
def test_malformed_permalinks_are_not_found(client, site_tree, path):
    assert client.get(path).status_code == 404


def test_permalink_refuses_to_change_anything(client, case_study):
    assert client.post(f"/p/{case_study.pk}/").status_code == 405


@pytest.mark.parametrize("kind", ["expired"])
def test_canonical_url_of_an_expired_page_is_not_found(client, hidden_pages, kind):
    assert client.get(hidden_pages[kind].url).status_code == 404

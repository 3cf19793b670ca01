"""Error pages: visitors who hit a dead end or a failure still get the site shell and a way on."""

import pytest
from django.template.loader import render_to_string

pytestmark = pytest.mark.django_db


def test_unknown_page_answers_404_in_the_site_shell(client, site_tree):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "<title>Page not found | CX Toolkit</title>" in html
    assert '<section class="usa-banner"' in html
    assert '<header class="usa-header usa-header--basic">' in html
    assert '<main id="main-content"' in html
    assert "<h1>Page not found</h1>" in html
    assert '<a href="/search/">search</a>' in html
    assert '<footer class="usa-footer' in html


def test_unknown_page_404_lists_the_sections_in_the_navigation(client, site_tree):
    html = client.get("/no-such-page/").content.decode()

    for title, path in (
        ("Case studies", "/case-studies/"),
        ("Tools", "/tools/"),
        ("Agency examples", "/agency-examples/"),
    ):
        assert f'href="{path}"' in html, title


def test_server_error_page_renders_without_a_request_or_the_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        html = render_to_string("500.html")

    assert "<title>Something went wrong | CX Toolkit</title>" in html
    assert "<h1>Something went wrong</h1>" in html
    assert 'href="/static/css/cxkb.css"' in html
    assert 'class="usa-skipnav" href="#main-content"' in html
    assert '<main id="main-content"' in html

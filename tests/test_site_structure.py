"""The site skeleton (home page and three sections) is created once and found again afterwards."""

import pytest
from django.core.management import call_command
from wagtail.models import Collection, Locale, Page, Site

from home.models import HomePage
from home.site_structure import ensure_site_structure


@pytest.mark.django_db
def test_skeleton_is_created_once_and_found_again():
    home, sections = ensure_site_structure()
    page_count = Page.objects.count()

    again_home, again_sections = ensure_site_structure()

    assert again_home.pk == home.pk
    assert {m: p.pk for m, p in again_sections.items()} == {m: p.pk for m, p in sections.items()}
    assert Page.objects.count() == page_count


@pytest.mark.django_db
def test_home_page_becomes_the_default_site_root_and_the_welcome_page_goes(client):
    home, _ = ensure_site_structure()

    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    assert not Page.objects.filter(depth=2).exclude(pk=home.pk).exists()
    assert [s.url_path for s in home.get_children()] == [
        "/home-cx/case-studies/",
        "/home-cx/tools/",
        "/home-cx/agency-examples/",
    ]
    assert client.get("/agency-examples/").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_skeleton_is_rebuilt_on_a_flushed_database(client):
    call_command("flush", "--no-input", verbosity=0)
    assert not Page.objects.exists() and not Locale.objects.exists() and not Collection.objects.exists()

    ensure_site_structure()

    assert HomePage.objects.count() == 1
    assert Collection.get_first_root_node() is not None
    assert client.get("/").status_code == 200
    assert client.get("/case-studies/").status_code == 200

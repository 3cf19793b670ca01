"""The taxonomy screens editors use (wagtail-modeladmin): list, search, filter, create and edit."""

import json

import pytest
from django.urls import reverse

from kb.models import Agency, LifeEvent, Topic

pytestmark = pytest.mark.django_db

TAXONOMY_MODELS = [Agency, Topic, LifeEvent]


def url(model, action, *args):
    return reverse(f"kb_{model._meta.model_name}_modeladmin_{action}", args=args)


def create_data(model, name):
    if model is Agency:
        return {"name": name, "slug": "", "acronym": "", "level": "state", "parent": "", "website": ""}
    return {"name": name, "slug": "", "description": ""}


def listed_names(response):
    return [str(obj) for obj in response.context["object_list"]]


def sidebar_submenu(response, label):
    """The (label, url) items of one submenu of the admin sidebar, read from the JSON props the
    sidebar is rendered from."""
    html = response.content.decode()
    start = html.index('id="wagtail-sidebar-props"')
    props = json.loads(html[html.index(">", start) + 1 : html.index("</script>", start)])

    def find(node):
        if isinstance(node, dict):
            args = node.get("_args")
            if node.get("_type") == "wagtail.sidebar.SubMenuItem" and args[0]["label"] == label:
                return [(item["_args"][0]["label"], item["_args"][0]["url"]) for item in args[1]]
            nodes = node.values()
        elif isinstance(node, list):
            nodes = node
        else:
            return None
        for child in nodes:
            found = find(child)
            if found is not None:
                return found
        return None

    return find(props)


def test_taxonomy_menu_group_holds_agencies_topics_and_life_events(admin_client):
    response = admin_client.get(reverse("wagtailadmin_home"))

    assert sidebar_submenu(response, "Taxonomy") == [
        ("Agencies", url(Agency, "index")),
        ("Topics", url(Topic, "index")),
        ("Life Events", url(LifeEvent, "index")),
    ]


@pytest.mark.parametrize("model", TAXONOMY_MODELS)
def test_taxonomy_list_shows_every_term(admin_client, model):
    model.objects.create(name="Apply for benefits")
    model.objects.create(name="Retire")

    response = admin_client.get(url(model, "index"))

    assert response.status_code == 200
    assert listed_names(response) == ["Apply for benefits", "Retire"]


@pytest.mark.parametrize("model", TAXONOMY_MODELS)
def test_taxonomy_list_search_narrows_the_terms(admin_client, model):
    model.objects.create(name="Journey mapping")
    model.objects.create(name="Customer feedback")

    response = admin_client.get(url(model, "index"), {"q": "journey"})

    assert response.status_code == 200
    assert listed_names(response) == ["Journey mapping"]


def test_agency_list_search_matches_the_acronym(admin_client):
    Agency.objects.create(name="Department of Veterans Affairs", acronym="VA")
    Agency.objects.create(name="Department of Housing and Urban Development", acronym="HUD")

    response = admin_client.get(url(Agency, "index"), {"q": "hud"})

    assert listed_names(response) == ["Department of Housing and Urban Development (HUD)"]


def test_agency_list_filters_by_level_of_government(admin_client):
    Agency.objects.create(name="Department of Veterans Affairs", level="federal")
    Agency.objects.create(name="City of Austin", level="local")

    response = admin_client.get(url(Agency, "index"), {"level": "local"})

    assert response.status_code == 200
    assert listed_names(response) == ["City of Austin"]


def test_agency_list_filters_high_impact_service_providers(admin_client):
    Agency.objects.create(name="Social Security Administration", is_high_impact_service_provider=True)
    Agency.objects.create(name="City of Austin")

    response = admin_client.get(url(Agency, "index"), {"is_high_impact_service_provider__exact": "1"})

    assert listed_names(response) == ["Social Security Administration"]


@pytest.mark.parametrize("model", TAXONOMY_MODELS)
def test_taxonomy_create_form_opens(admin_client, model):
    assert admin_client.get(url(model, "create")).status_code == 200


@pytest.mark.parametrize("model", TAXONOMY_MODELS)
def test_taxonomy_create_saves_the_term_with_a_slug_from_its_name(admin_client, model):
    response = admin_client.post(url(model, "create"), create_data(model, "Having a Child"))

    assert response.status_code == 302
    term = model.objects.get(name="Having a Child")
    assert term.slug == "having-a-child"


def test_taxonomy_create_rejects_a_duplicate_name(admin_client):
    Topic.objects.create(name="Service design")

    response = admin_client.post(url(Topic, "create"), create_data(Topic, "Service design"))

    assert response.status_code == 200
    assert "name" in response.context["form"].errors
    assert Topic.objects.count() == 1


@pytest.mark.parametrize("model", TAXONOMY_MODELS)
def test_taxonomy_edit_renames_the_term_and_keeps_its_slug(admin_client, model):
    term = model.objects.create(name="Customer feedback")
    data = create_data(model, "Customer feedback and surveys")
    data["slug"] = term.slug

    response = admin_client.post(url(model, "edit", term.pk), data)

    assert response.status_code == 302
    term.refresh_from_db()
    assert term.name == "Customer feedback and surveys"
    assert term.slug == "customer-feedback"


@pytest.mark.parametrize("model", TAXONOMY_MODELS)
def test_taxonomy_edit_form_shows_the_current_slug(admin_client, model):
    term = model.objects.create(name="Customer feedback")

    response = admin_client.get(url(model, "edit", term.pk))

    assert response.status_code == 200
    assert response.context["form"].initial["slug"] == "customer-feedback"


def test_taxonomy_screens_are_closed_to_anonymous_visitors(client):
    response = client.get(url(Topic, "index"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))

"""The taxonomy chooser on the page editor, through the real admin: each taxonomy field is a
searchable chooser (no raw multi-select), the editor's choice is saved, and its lookups answer for
taxonomy terms only and only to people signed in to the admin."""

import json

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from kb.blocks import RICH_TEXT_FEATURES
from kb.models import Agency, CaseStudyPage, LifeEvent, Topic

pytestmark = pytest.mark.django_db

TAXONOMY_FIELDS = {"agencies": "kb.Agency", "topics": "kb.Topic", "life_events": "kb.LifeEvent"}


@pytest.fixture
def terms(db):
    return {
        "va": Agency.objects.create(name="Department of Veterans Affairs", acronym="VA"),
        "irs": Agency.objects.create(name="Internal Revenue Service", acronym="IRS"),
        "vba": Agency.objects.create(name="Veterans Benefits Administration", acronym="VBA"),
        "contact": Topic.objects.create(name="Contact centers"),
        "retiring": LifeEvent.objects.create(name="Retiring"),
    }


def edit_form(client, page):
    response = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def edit_post_data(page, **taxonomy):
    richtext = lambda html: rich_text(html, features=RICH_TEXT_FEATURES)  # noqa: E731
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "summary": "A summary.",
            "publication_date": "2025-05-01",
            "review_by": "",
            "challenge": richtext("<p>The problem.</p>"),
            "approach": richtext("<p>The work.</p>"),
            "results": richtext("<p>The change.</p>"),
            "metrics": inline_formset([]),
            "body": streamfield([]),
            "source_url": "",
            "source_title": "",
        }
    )
    return {**data, **taxonomy}


def test_each_taxonomy_field_is_a_searchable_chooser_not_a_multi_select(admin_client, make_page, terms):
    page = make_page(CaseStudyPage, title="Chooser page", agencies=[terms["va"]])
    form = edit_form(admin_client, page)

    for field, model in TAXONOMY_FIELDS.items():
        chooser = form.find(attrs={"data-autocomplete-input-name": field})
        assert chooser["data-controller"] == "autocomplete-controller", field
        assert chooser["data-autocomplete-input-type"] == model
        assert "data-autocomplete-input-is-single" not in chooser.attrs
        assert form.find("select", attrs={"name": field}) is None
        assert form.find("input", attrs={"type": "checkbox", "name": field}) is None
    chosen = json.loads(form.find(attrs={"data-autocomplete-input-name": "agencies"})["data-autocomplete-input-value"])
    assert chosen == [{"pk": terms["va"].pk, "title": "Department of Veterans Affairs (VA)"}]


def test_the_choosers_script_and_styles_are_on_the_editor(admin_client, make_page):
    page = make_page(CaseStudyPage, title="Chooser page")
    html = admin_client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()

    assert "wagtailautocomplete/dist.js" in html
    assert "wagtailautocomplete/controller.js" in html
    assert "wagtailautocomplete/dist.css" in html


def test_terms_chosen_in_the_chooser_are_saved(admin_client, make_page, terms):
    """The chooser's script posts its choice as JSON."""
    page = make_page(CaseStudyPage, title="Chooser page", agencies=[terms["irs"]])
    chosen = [{"pk": terms["va"].pk, "title": "anything"}, {"pk": terms["vba"].pk, "title": "anything"}]
    data = edit_post_data(
        page,
        agencies=json.dumps(chosen),
        topics=json.dumps([{"pk": terms["contact"].pk}]),
        life_events="[]",
    )

    response = admin_client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)

    assert response.status_code == 302
    draft = CaseStudyPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert set(draft.agencies.all()) == {terms["va"], terms["vba"]}
    assert list(draft.topics.all()) == [terms["contact"]]
    assert list(draft.life_events.all()) == []


def test_plain_ids_posted_without_the_script_are_saved_too(admin_client, make_page, terms):
    page = make_page(CaseStudyPage, title="Chooser page")
    data = edit_post_data(page, agencies=[str(terms["va"].pk), str(terms["irs"].pk)], life_events=[])

    admin_client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)

    draft = CaseStudyPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert set(draft.agencies.all()) == {terms["va"], terms["irs"]}


@pytest.mark.parametrize(
    "junk", ["{not json", '{"pk": "x"}', '[{"title": "no id"}, 7777]', "null", "9" * 30, '[{"pk": "²"}]']
)
def test_a_malformed_choice_is_a_form_error_or_no_choice_never_a_server_error(admin_client, make_page, terms, junk):
    page = make_page(CaseStudyPage, title="Chooser page")

    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = admin_client.post(url, edit_post_data(page, agencies=junk))

    assert response.status_code in (200, 302)  # an id no term has is the form's error
    draft = CaseStudyPage.objects.get(pk=page.pk).get_latest_revision_as_object()
    assert list(draft.agencies.all()) == []


def search(client, model, query, exclude=""):
    return client.post(reverse("kb_taxonomy_search"), {"type": model, "query": query, "exclude": exclude})


def titles(response):
    assert response.status_code == 200
    return [item["title"] for item in response.json()["items"]]


def test_typing_part_of_a_name_offers_the_matching_agencies(admin_client, terms):
    assert titles(search(admin_client, "kb.Agency", "veter")) == [
        "Department of Veterans Affairs (VA)",
        "Veterans Benefits Administration (VBA)",
    ]


def test_typing_an_acronym_offers_that_agency(admin_client, terms):
    # "irs" is also in "Veterans Affairs": the agency with that acronym comes first.
    assert titles(search(admin_client, "kb.Agency", "irs"))[0] == "Internal Revenue Service (IRS)"


def test_terms_already_chosen_are_not_offered_again(admin_client, terms):
    response = search(admin_client, "kb.Agency", "veterans", exclude=f"{terms['va'].pk},junk")

    assert titles(response) == ["Veterans Benefits Administration (VBA)"]


def test_topics_and_life_events_are_searched_by_name(admin_client, terms):
    assert titles(search(admin_client, "kb.Topic", "contact")) == ["Contact centers"]
    assert titles(search(admin_client, "kb.LifeEvent", "retir")) == ["Retiring"]


def test_the_chosen_terms_are_read_back_by_id(admin_client, terms):
    response = admin_client.get(reverse("kb_taxonomy_objects"), {"type": "kb.Agency", "pks": f"{terms['va'].pk}"})

    assert response.json() == {"items": [{"pk": terms["va"].pk, "title": "Department of Veterans Affairs (VA)"}]}


@pytest.mark.parametrize("model", ["auth.User", "wagtailcore.Page", "submissions.Submission", "nonsense", ""])
def test_nothing_but_taxonomy_terms_can_be_looked_up(admin_client, terms, model):
    get_user_model().objects.create_user("someone", "someone@example.gov", "pw")

    assert search(admin_client, model, "").status_code == 400
    assert admin_client.get(reverse("kb_taxonomy_objects"), {"type": model, "pks": "1"}).status_code == 400


def test_the_lookups_need_an_admin_sign_in(client, terms):
    response = search(client, "kb.Agency", "veter")

    assert response.status_code == 302
    assert reverse("wagtailadmin_login") in response["Location"]


def test_ids_too_large_for_the_database_find_nothing(admin_client, terms):
    huge = "9" * 30
    response = admin_client.get(reverse("kb_taxonomy_objects"), {"type": "kb.Agency", "pks": huge})
    assert response.json() == {"items": []}
    assert titles(search(admin_client, "kb.Agency", "veterans", exclude=huge)) == [
        "Department of Veterans Affairs (VA)",
        "Veterans Benefits Administration (VBA)",
    ]

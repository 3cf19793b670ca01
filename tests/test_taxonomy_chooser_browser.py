"""The taxonomy chooser in a real browser, under the admin's Content-Security-Policy: an editor types
part of an agency's name, picks it from the suggestions, saves, and the page has that agency."""

import os
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import User

from kb.models import Agency, CaseStudyPage, Topic

# Playwright's sync API runs an event loop; the live server's ORM access is still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_SCRIPT = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa", "best-practice"]


@pytest.fixture
def editor_page(browser, live_server):
    """A signed-in superuser's page that enforces the site's policy (the shared fixture bypasses it)."""
    User.objects.create_superuser("root", "root@example.gov", "a long admin passphrase")
    context = browser.new_context(bypass_csp=False)
    page = context.new_page()
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill("root")
    page.get_by_label("Password").fill("a long admin passphrase")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{live_server.url}/admin/")
    yield page
    context.close()


def test_an_editor_types_in_the_chooser_and_picks_an_agency(live_server, editor_page, make_page):
    va = Agency.objects.create(name="Department of Veterans Affairs", acronym="VA")
    Agency.objects.create(name="Internal Revenue Service", acronym="IRS")
    case_study = make_page(CaseStudyPage, title="Choosing agencies")
    page = editor_page

    page.goto(f"{live_server.url}/admin/pages/{case_study.pk}/edit/")
    chooser = page.get_by_role("combobox", name="Agencies")
    chooser.fill("veter")
    option = page.get_by_role("option", name="Department of Veterans Affairs (VA)")
    option.click()
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_url(f"{live_server.url}/admin/pages/{case_study.pk}/edit/")

    draft = CaseStudyPage.objects.get(pk=case_study.pk).get_latest_revision_as_object()
    assert list(draft.agencies.all()) == [va]


def test_a_topic_can_be_chosen_with_the_keyboard_alone(live_server, editor_page, make_page):
    Topic.objects.create(name="Contact centers")
    feedback = Topic.objects.create(name="Customer feedback")
    case_study = make_page(CaseStudyPage, title="Choosing topics")
    page = editor_page

    page.goto(f"{live_server.url}/admin/pages/{case_study.pk}/edit/")
    chooser = page.get_by_role("combobox", name="Topics")
    chooser.focus()
    page.keyboard.type("feedb")
    page.get_by_role("option", name="Customer feedback").wait_for()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.get_by_role("button", name="Save draft").click()
    page.wait_for_url(f"{live_server.url}/admin/pages/{case_study.pk}/edit/")

    draft = CaseStudyPage.objects.get(pk=case_study.pk).get_latest_revision_as_object()
    assert list(draft.topics.all()) == [feedback]


def test_the_chooser_with_suggestions_open_passes_axe(live_server, editor_page, make_page):
    Agency.objects.create(name="Department of Veterans Affairs", acronym="VA")
    case_study = make_page(CaseStudyPage, title="Accessible chooser")
    page = editor_page
    page.goto(f"{live_server.url}/admin/pages/{case_study.pk}/edit/")
    page.get_by_role("combobox", name="Agencies").fill("veter")
    page.get_by_role("option", name="Department of Veterans Affairs (VA)").wait_for()

    panel = page.locator("section.w-panel", has=page.locator("[data-autocomplete-input-name=agencies]")).last
    assert panel.locator("[data-controller=autocomplete-controller]").count() == 3  # the Taxonomy panel

    page.add_script_tag(path=str(AXE_SCRIPT))
    results = panel.evaluate(
        "(panel, tags) => axe.run(panel, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS,
    )
    assert [(v["id"], v["impact"], [n["target"] for n in v["nodes"]]) for v in results["violations"]] == []

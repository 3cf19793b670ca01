"""The "Cite this page" copy-link control and the embed card in a real browser."""

from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from kb.models import Agency, CaseStudyPage

# serialized_rollback puts back the rows migrations created (Wagtail's root page) after each flush.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

AXE_SCRIPT = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa", "best-practice"]


@pytest.fixture
def case_study(live_server, make_page):
    va = Agency.objects.create(name="Department of Veterans Affairs", acronym="VA")
    return make_page(CaseStudyPage, title="Faster benefits", slug="faster-benefits", agencies=[va])


def serious_violations(page):
    page.add_script_tag(path=str(AXE_SCRIPT))
    result = page.evaluate("(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    return [(v["id"], v["impact"]) for v in result["violations"] if v["impact"] in ("critical", "serious")]


def test_permanent_link_can_be_read_from_a_labelled_field_without_javascript(live_server, browser, case_study):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + case_study.url)

    field = page.get_by_label("Permanent link to this page")

    assert field.input_value() == f"{live_server.url}/p/{case_study.pk}/"
    assert field.get_attribute("readonly") is not None
    assert page.get_by_role("button", name="Copy link").count() == 0
    context.close()


def test_copy_link_button_copies_the_permanent_link(live_server, browser, case_study):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(live_server.url + case_study.url)

    page.get_by_role("button", name="Copy link").click()

    expect(page.get_by_role("button", name="Link copied")).to_be_visible()
    cite_box = page.get_by_role("region", name="Cite this page")
    expect(cite_box.get_by_role("status")).to_have_text("Permanent link copied to the clipboard.")
    assert page.evaluate("navigator.clipboard.readText()") == f"{live_server.url}/p/{case_study.pk}/"
    context.close()


def test_embed_card_has_no_serious_accessibility_violations(live_server, browser, case_study):
    context = browser.new_context(bypass_csp=True)  # the card's policy forbids injecting axe-core
    page = context.new_page()
    page.goto(f"{live_server.url}/embed/{case_study.pk}/")
    assert serious_violations(page) == []
    context.close()


def test_embed_card_blocks_scripts_through_its_content_security_policy(live_server, browser, case_study):
    context = browser.new_context(bypass_csp=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/embed/{case_study.pk}/")
    with pytest.raises(Exception, match="Content Security Policy"):
        page.add_script_tag(content="window.injected = true")
    context.close()

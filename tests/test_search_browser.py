"""The search page in a real browser: axe-core finds nothing critical or serious with facets,
chips, errors and notices on screen, and the facet form works by keyboard with no JavaScript."""

from pathlib import Path

import pytest
from django.conf import settings

from kb.models import Agency, CaseStudyPage, ToolPage, Topic

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_SCRIPT = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa", "best-practice"]


@pytest.fixture
def wagtail_root(transactional_db):
    """What Wagtail's migrations create and a transactional test's flush removes: the root and a locale."""
    from wagtail.models import Locale, Page

    Locale.objects.get_or_create(language_code="en")
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", live=True))


@pytest.fixture
def site(wagtail_root, live_server, make_page):
    irs = Agency.objects.create(name="Internal Revenue Service", acronym="IRS", level="federal")
    topic = Topic.objects.create(name="Digital services")
    make_page(CaseStudyPage, title="Simpler tax filing", agencies=[irs], topics=[topic])
    make_page(ToolPage, title="Tax form checklist", topics=[topic])
    return live_server.url


def serious_violations(page):
    page.add_script_tag(path=str(AXE_SCRIPT))
    result = page.evaluate(
        "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        AXE_TAGS,
    )
    return [
        (v["id"], v["impact"], len(v["nodes"])) for v in result["violations"] if v["impact"] in ("critical", "serious")
    ]


@pytest.mark.parametrize(
    "path",
    [
        "/search/",
        "/search/?q=tax&type=case-study&topic=digital-services",
        "/search/?q=nothingatall&agency=internal-revenue-service",
        "/search/?page=abc&sort=nope&type=podcast",
    ],
)
def test_search_page_has_no_serious_accessibility_violations(site, page, path):
    page.goto(site + path)
    assert serious_violations(page) == []


@pytest.mark.parametrize("javascript", [True, False])
def test_filtering_works_with_and_without_javascript(site, browser, javascript):
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    page.goto(site + "/search/?q=tax")
    # USWDS draws the checkbox on its label; a visitor clicks the label.
    page.locator("label", has_text="Tool (1").click()
    assert page.get_by_label("Tool (1 result)").is_checked()
    page.get_by_role("button", name="Apply filters").click()
    assert "type=tool" in page.url
    assert page.get_by_role("link", name="Tax form checklist").is_visible()
    assert page.get_by_role("link", name="Simpler tax filing").count() == 0
    context.close()

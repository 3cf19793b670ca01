"""The public site in a real browser: a visitor's path through it, and automated accessibility checks.

Headless Chromium (the distribution's, see conftest.py) loads pages from a live server over the
demo content, as a visitor would see them after `make run`. axe-core checks each kind of page
against WCAG 2.0/2.1/2.2 A and AA and axe's best practices; any finding fails the test.

The demo takes a while to load, so it is loaded once for the module, committed (the live server
answers on its own database connection), and the database is put back as it was afterwards, the
way Django's serialized rollback does. pytest-django's `live_server` fixture would flush the
database after every test, so the module starts its own server with the same helper.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from pytest_django.live_server_helper import LiveServer
from wagtail.models import Collection, Page

from kb.models import AgencyExamplePage, CaseStudyPage, ToolPage

# Marked django_db so pytest-django creates the test database; each test only reads from it.
pytestmark = [pytest.mark.browser, pytest.mark.django_db]

AXE_SCRIPT = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa", "best-practice"]


@pytest.fixture(scope="module")
def demo_site(django_db_setup, django_db_blocker, tmp_path_factory):
    """A live server over the demo content. Yields the server's base URL and the paths to visit."""
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        name = connection.settings_dict["NAME"]
        if not (str(name).startswith("test_") or (connection.vendor == "sqlite" and connection.is_in_memory_db())):
            pytest.fail(f"Refusing to load demo content into {name!r}: not a test database.")
        initial_state = connection.creation.serialize_db_to_string()
        call_command("load_demo_content", verbosity=0)
        paths = {
            "home": "/",
            "case study listing": "/case-studies/",
            "tool listing": "/tools/",
            "agency example listing": "/agency-examples/",
            "case study": CaseStudyPage.objects.live().public().order_by("pk").first().url,
            "tool": ToolPage.objects.live().public().order_by("pk").first().url,
            "agency example": AgencyExamplePage.objects.live().public().order_by("pk").first().url,
            "search": "/search/?q=journey",
            "page not found": "/this-page-does-not-exist/",
        }
        server = LiveServer("localhost")
        server._live_server_modified_settings.enable()
        try:
            yield {"url": server.url, "paths": paths}
        finally:
            server._live_server_modified_settings.disable()
            server.stop()
            # Sequences keep counting: the restored rows take back their own ids (the root page is 1),
            # and a sequence restarted at 1 would hand those ids out again to the next test's pages.
            call_command("flush", verbosity=0, interactive=False, inhibit_post_migrate=True, reset_sequences=False)
            connection.creation.deserialize_db_from_string(initial_state)
            if Page.get_first_root_node() is None or Collection.get_first_root_node() is None:
                pytest.fail("The database was not restored after the browser tests: later tests would fail.")


def run_axe(page):
    page.add_script_tag(path=str(AXE_SCRIPT))
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        AXE_TAGS,
    )
    return results["violations"]


def describe(violations):
    return "\n".join(
        f"- [{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})\n"
        + "\n".join(f"    {node['target']}: {node['failureSummary'].splitlines()[-1].strip()}" for node in v["nodes"])
        for v in violations
    )


PAGES = [
    "home",
    "case study listing",
    "tool listing",
    "agency example listing",
    "case study",
    "tool",
    "agency example",
    "search",
    "page not found",
]


# USWDS changes components at narrow widths (the header menu, icon-only search buttons), so each page
# is checked as a desktop and as a phone shows it.
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "mobile": {"width": 375, "height": 800}}


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_accessibility_violations_and_never_scrolls_sideways(page, demo_site, name, viewport):
    page.set_viewport_size(VIEWPORTS[viewport])
    response = page.goto(demo_site["url"] + demo_site["paths"][name])
    assert response.status == (404 if name == "page not found" else 200)

    assert page.evaluate("() => document.documentElement.scrollWidth") <= VIEWPORTS[viewport]["width"]
    violations = run_axe(page)
    assert violations == [], f"axe found problems on the {name} page ({viewport}):\n{describe(violations)}"


@pytest.mark.parametrize("name", ["home", "case study", "search"])
def test_every_image_declares_its_size_so_nothing_moves_when_it_arrives(page, demo_site, name):
    page.goto(demo_site["url"] + demo_site["paths"][name])

    unsized = "all => all.filter(i => !i.getAttribute('width') || !i.getAttribute('height')).map(i => i.src)"
    assert page.locator("img").count() > 0
    assert page.eval_on_selector_all("img", unsized) == []


def test_visitor_goes_from_home_to_a_section_to_a_case_study(page, demo_site):
    page.goto(demo_site["url"] + "/")
    page.get_by_role("navigation", name="Primary navigation").get_by_role("link", name="Case studies").click()

    page.wait_for_url("**/case-studies/")
    assert page.get_by_role("heading", level=1).inner_text() == "Case studies"
    first_card = page.locator(".usa-card-group .usa-card__heading a").first
    title = first_card.inner_text()
    first_card.click()

    page.wait_for_url("**/case-studies/*/")
    assert page.get_by_role("heading", level=1).inner_text() == title
    assert page.locator(".kb-page__type").inner_text().lower() == "case study"
    assert page.get_by_role("heading", name="The challenge").is_visible()


def test_uswds_styles_and_scripts_load(page, demo_site):
    failed = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.goto(demo_site["url"] + "/")
    page.wait_for_load_state("networkidle")

    assert failed == []
    assert errors == []
    font = page.evaluate("() => getComputedStyle(document.querySelector('.usa-hero__heading')).fontFamily")
    assert "Source Sans Pro Web" in font or "Merriweather Web" in font
    skipnav_position = page.evaluate("() => getComputedStyle(document.querySelector('.usa-skipnav')).position")
    assert skipnav_position == "absolute"


def test_gov_banner_opens_with_uswds_javascript(page, demo_site):
    page.goto(demo_site["url"] + "/")
    button = page.locator(".usa-banner__button")
    content = page.locator("#gov-banner")
    assert not content.is_visible()

    button.click()

    assert button.get_attribute("aria-expanded") == "true"
    assert content.is_visible()


def test_skip_link_moves_focus_to_the_main_content(page, demo_site):
    page.goto(demo_site["url"] + "/case-studies/")

    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.className") == "usa-skipnav"
    page.keyboard.press("Enter")

    assert page.evaluate("() => document.activeElement.id") == "main-content"


def test_mobile_menu_opens_and_shows_the_sections(page, demo_site):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(demo_site["url"] + "/")
    nav_link = page.get_by_role("navigation", name="Primary navigation").get_by_role("link", name="Tools")
    assert not nav_link.is_visible()

    page.get_by_role("button", name="Menu").click()

    assert nav_link.is_visible()


def test_without_javascript_the_phone_header_shows_the_navigation_instead_of_a_dead_menu_button(browser, demo_site):
    context = browser.new_context(viewport=VIEWPORTS["mobile"], java_script_enabled=False)
    page = context.new_page()
    page.goto(demo_site["url"] + "/")

    navigation = page.get_by_role("navigation", name="Primary navigation")
    assert navigation.get_by_role("link", name="Tools").is_visible()
    assert page.get_by_role("searchbox", name="Search the toolkit").is_visible()
    assert not page.get_by_role("button", name="Menu").is_visible()
    context.close()


def test_favicon_is_served(page, demo_site):
    response = page.goto(demo_site["url"] + "/favicon.ico")

    assert response.status == 200
    assert response.headers["content-type"] in ("image/x-icon", "image/vnd.microsoft.icon")


# The built stylesheet keeps only the USWDS rules whose classes and elements the templates use
# (frontend/build-css.mjs). Here the page is the judge: each rule of the whole USWDS sheet whose
# selector matches an element of the page (ignoring states such as :hover, which a test can't hold)
# must be in the sheet the page loaded. Media queries don't matter: selectors are compared as text.
USWDS_CSS = Path(settings.BASE_DIR) / "node_modules" / "@uswds" / "uswds" / "dist" / "css" / "uswds.min.css"
USWDS_RULES_MISSING_FROM_THE_PAGE = r"""fullCss => {
  const splitList = text => {
    const parts = [];
    let depth = 0, start = 0;
    for (let i = 0; i < text.length; i++) {
      if (text[i] === "(") depth++;
      else if (text[i] === ")") depth--;
      else if (text[i] === "," && depth === 0) { parts.push(text.slice(start, i).trim()); start = i + 1; }
    }
    parts.push(text.slice(start).trim());
    return parts;
  };
  const collect = (rules, into) => {
    for (const rule of rules) {
      if (rule.selectorText) splitList(rule.selectorText).forEach(selector => into.add(selector));
      if (rule.cssRules) collect(rule.cssRules, into);
    }
    return into;
  };
  // Structural pseudo-classes stay; states (:hover, :checked) and pseudo-elements (::before) go.
  const STRUCTURAL = new Set(["not", "is", "where", "has", "root", "empty", "first-child", "last-child",
    "only-child", "first-of-type", "last-of-type", "only-of-type", "nth-child", "nth-last-child", "nth-of-type"]);
  const withoutStates = selector =>
    selector.replace(/::?([\w-]+)(\([^()]*\))?/g, (match, name) =>
      STRUCTURAL.has(name) && match[1] !== ":" ? match : "");
  const whole = new CSSStyleSheet();
  whole.replaceSync(fullCss);
  const loaded = new Set();
  for (const sheet of document.styleSheets) collect(sheet.cssRules, loaded);
  const missing = [];
  for (const selector of collect(whole.cssRules, new Set())) {
    if (loaded.has(selector)) continue;
    const probe = withoutStates(selector);
    try {
      if (probe && document.querySelector(probe)) missing.push(selector);
    } catch (error) {
      // A selector only some engines understand: nothing on this page can match it here.
    }
  }
  return missing;
}"""


def uswds_rules_missing(page):
    return page.evaluate(USWDS_RULES_MISSING_FROM_THE_PAGE, USWDS_CSS.read_text())


@pytest.mark.parametrize("name", PAGES)
def test_the_built_stylesheet_keeps_every_uswds_rule_that_matches_the_page(page, demo_site, name):
    page.goto(demo_site["url"] + demo_site["paths"][name])

    assert page.locator(".usa-banner").count() == 1
    assert uswds_rules_missing(page) == []


def test_the_built_stylesheet_keeps_the_rules_of_the_open_banner_and_mobile_menu(page, demo_site):
    page.set_viewport_size(VIEWPORTS["mobile"])
    page.goto(demo_site["url"] + "/")
    page.locator(".usa-banner__button").click()
    page.get_by_role("button", name="Menu").click()

    assert page.locator(".usa-nav.is-visible").count() == 1
    assert uswds_rules_missing(page) == []

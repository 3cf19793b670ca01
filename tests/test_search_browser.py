"""The search page and the search boxes' autocomplete in a real browser, on a phone (375 px) and a
desktop (1280 px): results come first on the phone, filters apply with and without JavaScript, the
autocomplete works by keyboard alone and announces its options, and axe-core finds nothing."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from playwright.sync_api import expect

from kb.models import Agency, CaseStudyPage, ToolPage, Topic

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_SCRIPT = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa", "best-practice"]
PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 800}


@pytest.fixture
def wagtail_root(transactional_db):
    """What Wagtail's migrations create and a transactional test's flush removes: the root and a locale."""
    from wagtail.models import Locale, Page

    Locale.objects.get_or_create(language_code="en")
    if Page.get_first_root_node() is None:
        Page.add_root(instance=Page(title="Root", slug="root", live=True))


@pytest.fixture
def site(wagtail_root, live_server, make_page):
    """Enough pages and terms that the filters fill a phone's screen, as the demo content does."""
    irs = Agency.objects.create(name="Internal Revenue Service", acronym="IRS", level="federal")
    topics = [Topic.objects.create(name=name) for name in ("Digital services", "Contact centers", "Measurement")]
    topics += [Topic.objects.create(name=f"Practice area {number}") for number in range(8)]
    make_page(CaseStudyPage, title="Simpler tax filing", agencies=[irs], topics=topics)
    make_page(ToolPage, title="Tax form checklist", topics=topics[:1])
    return live_server.url


def axe_violations(page):
    page.add_script_tag(path=str(AXE_SCRIPT))
    result = page.evaluate("(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}})", AXE_TAGS)
    return [(v["id"], v["impact"], [node["target"] for node in v["nodes"]]) for v in result["violations"]]


def scrolls_sideways(page):
    return page.evaluate("() => document.documentElement.scrollWidth > document.documentElement.clientWidth")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize(
    "path",
    [
        "/search/",
        "/search/?q=tax&type=case-study&topic=digital-services",
        "/search/?q=nothingatall&agency=internal-revenue-service",
        "/search/?page=abc&sort=nope&type=podcast",
    ],
)
def test_search_page_has_no_accessibility_violations_or_sideways_scroll(site, browser, path, viewport, javascript):
    # The site's Content-Security-Policy would refuse axe-core, which is injected as an inline script.
    context = browser.new_context(viewport=viewport, bypass_csp=True)
    if not javascript:
        # axe is itself a script, so the page's own scripts are refused instead of all JavaScript.
        context.route("**/*.js", lambda route: route.abort())
    page = context.new_page()
    page.goto(site + path)

    assert page.evaluate("() => document.documentElement.classList.contains('kb-js')") == javascript
    assert not scrolls_sideways(page)
    assert axe_violations(page) == []
    context.close()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_on_a_phone_the_first_result_shows_without_scrolling_and_the_filters_are_folded(site, browser, javascript):
    context = browser.new_context(viewport=PHONE, java_script_enabled=javascript)
    page = context.new_page()
    page.goto(site + "/search/?q=tax&topic=digital-services")

    first_result = page.locator(".kb-results .usa-collection__heading a").first
    box = first_result.bounding_box()
    assert box["y"] + box["height"] <= PHONE["height"]
    toggle = page.locator("summary", has_text="Filters")
    assert toggle.inner_text() == "Filters (1 selected)"
    assert not page.get_by_label("Measurement (1 result)").is_visible()

    toggle.click()

    assert page.get_by_label("Measurement (1 result)").is_visible()
    context.close()


def test_on_a_desktop_the_filters_are_an_open_left_rail(site, page):
    page.set_viewport_size(DESKTOP)
    page.goto(site + "/search/?q=tax")

    checkbox = page.get_by_label("Tool (1 result)")
    results = page.locator(".kb-results")
    assert checkbox.is_visible()
    assert checkbox.bounding_box()["x"] < results.bounding_box()["x"]
    count, sort = page.locator(".kb-count").bounding_box(), page.get_by_label("Sort by").bounding_box()
    assert abs(count["y"] + count["height"] / 2 - (sort["y"] + sort["height"] / 2)) < 10  # one line


def test_with_javascript_a_filter_applies_as_soon_as_it_is_ticked(site, page):
    page.set_viewport_size(DESKTOP)
    page.goto(site + "/search/?q=tax")
    assert not page.get_by_role("button", name="Apply filters").is_visible()

    with page.expect_navigation():
        page.locator("label", has_text="Tool (1").click()

    assert "type=tool" in page.url
    assert page.get_by_role("link", name="Tax form checklist").is_visible()
    assert page.get_by_role("link", name="Simpler tax filing").count() == 0
    expect(page.get_by_label("Tool (1 result)")).to_be_focused()


def test_with_javascript_a_sort_order_applies_as_soon_as_it_is_chosen(site, page):
    page.goto(site + "/search/?q=tax")
    assert not page.get_by_role("button", name="Sort").is_visible()

    with page.expect_navigation():
        page.get_by_label("Sort by").select_option("title")

    assert "sort=title" in page.url
    assert page.locator(".kb-results .usa-collection__heading a").all_inner_texts() == [
        "Simpler tax filing",
        "Tax form checklist",
    ]


def test_without_javascript_the_apply_button_applies_the_filters(site, browser):
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "/search/?q=tax")

    page.locator("label", has_text="Tool (1").click()
    assert page.get_by_label("Tool (1 result)").is_checked()
    assert "type=tool" not in page.url
    page.get_by_role("button", name="Apply filters").click()

    assert "type=tool" in page.url
    assert page.get_by_role("link", name="Tax form checklist").is_visible()
    assert page.get_by_role("link", name="Simpler tax filing").count() == 0
    context.close()


# The autocomplete --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path, label",
    [
        ("/search/", "Search terms"),
        ("/search/", "Search the toolkit"),  # the header's box
    ],
)
def test_choosing_a_term_by_keyboard_opens_the_search_filtered_by_it(site, page, path, label):
    page.set_viewport_size(DESKTOP)
    page.goto(site + path)
    box = page.get_by_role("combobox", name=label)
    box.focus()
    page.keyboard.type("conta")

    option = page.get_by_role("option", name=re.compile(r"^Contact centers ?, Topic$"))
    expect(option).to_be_visible()
    # The library's live region tells screen reader users how many options there are.
    expect(page.get_by_role("status").filter(has_text="1 result is available")).to_have_count(1)
    assert axe_violations(page) == []

    page.keyboard.press("ArrowDown")
    expect(option).to_be_focused()
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.url == site + "/search/?topic=contact-centers"


def test_choosing_a_title_by_keyboard_opens_the_page(site, page):
    page.goto(site + "/search/")
    page.get_by_role("combobox", name="Search terms").focus()
    page.keyboard.type("tax f")
    expect(page.get_by_role("option", name=re.compile(r"^Tax form checklist ?, Tool$"))).to_be_visible()

    page.keyboard.press("ArrowDown")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.get_by_role("heading", level=1).inner_text() == "Tax form checklist"


def test_enter_without_choosing_searches_for_the_words_typed(site, page):
    page.goto(site + "/search/")
    page.get_by_role("combobox", name="Search terms").focus()
    page.keyboard.type("tax")
    expect(page.locator("#search-q__listbox").get_by_role("option").first).to_be_visible()

    with page.expect_navigation():
        page.keyboard.press("Enter")

    assert page.url.startswith(site + "/search/?q=tax")
    assert page.get_by_role("link", name="Simpler tax filing").is_visible()


def test_escape_closes_the_suggestions_and_keeps_the_words(site, page):
    page.goto(site + "/search/")
    box = page.get_by_role("combobox", name="Search terms")
    box.focus()
    page.keyboard.type("tax")
    expect(page.locator("#search-q__listbox").get_by_role("option").first).to_be_visible()
    page.wait_for_load_state("networkidle")  # the suggestions for the last letter typed have arrived

    page.keyboard.press("Escape")

    expect(page.locator("#search-q__listbox").get_by_role("option")).to_have_count(0)
    assert box.input_value() == "tax"
    assert box.get_attribute("aria-expanded") == "false"


# Layout shift as the browser itself scores it (the Layout Instability API, the figure behind
# Lighthouse's CLS), summed over the load and the scripts that run after it.
LAYOUT_SHIFT = """() => new Promise(resolve => {
  let total = 0;
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
  }).observe({type: "layout-shift", buffered: true});
  requestAnimationFrame(() => requestAnimationFrame(() => resolve(total)));
})"""


def test_on_a_phone_nothing_moves_when_the_scripts_enhance_the_page(site, page):
    page.set_viewport_size(PHONE)
    page.goto(site + "/search/?q=tax")
    page.wait_for_load_state("load")
    # The scripts have run: the search box is the autocomplete, and the Sort button has gone.
    expect(page.locator(".kb-autocomplete input#search-q")).to_be_visible()
    expect(page.get_by_role("button", name="Sort")).to_be_hidden()

    # The enhanced box keeps the plain field's height: when it took .usa-input's 2.5rem instead of
    # the search field's 2rem, everything below it moved 8px down (0.0074), under load past 0.01.
    assert page.evaluate(LAYOUT_SHIFT) < 0.005

"""The Content-Security-Policy in a real browser: public pages and the Wagtail editor work under it,
with not a single violation reported, and a script injected into a public page is refused."""

import pytest
from django.contrib.auth.models import User

from kb.models import CaseStudyPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", event => {
  window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
});
"""


@pytest.fixture
def policed_page(browser):
    """A page that enforces the site's policy (the shared fixture bypasses it for axe-core) and
    records every violation from the first byte."""
    context = browser.new_context(bypass_csp=False)
    context.add_init_script(RECORD_VIOLATIONS)
    page = context.new_page()
    yield page
    context.close()


def violations(page):
    page.wait_for_load_state("networkidle")
    return page.evaluate("window.cspViolations")


@pytest.fixture
def case_study(make_page):
    return make_page(CaseStudyPage, title="Policed case study")


@pytest.mark.parametrize("path", ["/", "/case-studies/", "/submit/"])
def test_public_pages_load_without_a_policy_violation(live_server, policed_page, case_study, path):
    policed_page.goto(live_server.url + path)
    assert violations(policed_page) == []


def test_a_toolkit_page_loads_without_a_policy_violation(live_server, policed_page, case_study):
    policed_page.goto(live_server.url + case_study.url)
    assert policed_page.get_by_role("heading", name="Policed case study").is_visible()
    assert violations(policed_page) == []


def test_uswds_scripts_run_under_the_policy(live_server, policed_page, case_study):
    policed_page.goto(live_server.url + "/")
    # uswds.js marks the window once it has run, and the banner's toggle comes from it.
    assert policed_page.evaluate("window.uswdsPresent") is True
    policed_page.get_by_role("button", name="Here's how you know").click()
    assert policed_page.locator("#gov-banner").is_visible()


def test_an_injected_inline_script_is_refused_on_public_pages(live_server, policed_page, case_study):
    policed_page.goto(live_server.url + case_study.url)
    with pytest.raises(Exception, match="Content Security Policy"):
        policed_page.add_script_tag(content="window.injected = true")
    assert policed_page.evaluate("window.injected") is None


def test_the_page_editor_works_under_the_admin_policy(live_server, policed_page, case_study):
    User.objects.create_superuser("root", "root@example.gov", "a long admin passphrase")
    policed_page.goto(live_server.url + "/admin/login/")
    policed_page.get_by_label("Username").fill("root")
    policed_page.get_by_label("Password").fill("a long admin passphrase")
    policed_page.get_by_role("button", name="Sign in").click()
    policed_page.wait_for_url(f"{live_server.url}/admin/")
    policed_page.goto(f"{live_server.url}/admin/pages/{case_study.pk}/edit/")
    assert policed_page.locator(".Draftail-Editor").first.is_visible()
    assert violations(policed_page) == []

"""The public submission form in a real browser: accessible when empty and when showing errors.

axe-core checks the page against WCAG 2.0/2.1/2.2 A and AA and best practices; a "critical" or
"serious" finding fails the test (see tests/test_browser.py for the browser set-up).
"""

import os
from pathlib import Path

import pytest
from django.conf import settings

# Playwright's sync API runs an event loop; the live server's ORM access is still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# The form needs no content: the live server answers from an empty (transactional) test database.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AXE_SCRIPT = Path(settings.BASE_DIR) / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21aa", "wcag22aa", "best-practice"]


@pytest.fixture
def submit_url(live_server):
    return f"{live_server.url}/submit/"


def blocking_violations(page):
    page.add_script_tag(path=str(AXE_SCRIPT))
    results = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", AXE_TAGS
    )
    return [
        f"{violation['id']}: {[node['target'] for node in violation['nodes']]}"
        for violation in results["violations"]
        if violation["impact"] in {"critical", "serious"}
    ]


def test_empty_submission_form_passes_axe(page, submit_url):
    page.goto(submit_url)
    assert blocking_violations(page) == []


def test_form_with_errors_passes_axe_and_ties_errors_to_fields(page, submit_url):
    page.goto(submit_url)
    page.fill("#id_title", "A title I typed")
    page.click("button:has-text('Submit for review')")
    page.wait_for_selector(".usa-alert--error")
    assert page.input_value("#id_title") == "A title I typed"
    assert page.get_attribute("#id_agency", "aria-invalid") == "true"
    described_by = page.get_attribute("#id_agency", "aria-describedby").split()
    assert "id_agency-error" in described_by
    assert page.text_content("#id_agency-error").strip() == "This field is required."
    assert blocking_violations(page) == []

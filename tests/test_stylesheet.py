"""The site's one stylesheet, built by `npm run build:css` (frontend/build-css.mjs).

USWDS is cut down to what the templates use, so these tests check the cut: every USWDS class that
a template, script or form sets is in the built sheet, and every page links that sheet and nothing
else. (tests/test_browser.py checks the same on rendered pages, rule by rule.)
"""

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.staticfiles import finders
from django.core import checks
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.test import override_settings

from home.checks import STYLESHEET
from kb.blocks import AlertBlock

ROOT = Path(settings.BASE_DIR)
USWDS_CSS = ROOT / "node_modules" / "@uswds" / "uswds" / "dist" / "css" / "uswds.min.css"
BUILT_CSS = ROOT / "build" / "static" / STYLESHEET

# A class selector: a dot, then a name that may carry escapes (USWDS's "tablet\:grid-col-6").
CLASS_SELECTOR = re.compile(r"\.((?:[A-Za-z_-]|\\.)(?:[\w-]|\\.)*)")
URL = re.compile(r"url\([^)]*\)")
CLASS_ATTRIBUTE = re.compile(r"""class(?:Name)?\s*=\s*(["'])(.*?)\1""", re.S)
TEMPLATE_TAG = re.compile(r"\{[{%].*?[}%]\}", re.S)
# Classes that scripts add (classList.add("a", "b")) and Python sets on form widgets ("usa-input").
QUOTED_USWDS_CLASS = re.compile(r"""["'\s](usa-[\w-]*\w)""")
NOT_SOURCES = {".venv", "node_modules", "tests", "bench", "build"}


def classes_in_css(text):
    return {name.replace("\\", "") for name in CLASS_SELECTOR.findall(URL.sub("", text))}


@pytest.fixture(scope="module")
def built_classes():
    if not BUILT_CSS.exists():
        pytest.fail(f"{BUILT_CSS.relative_to(ROOT)} is missing: run `npm run build:css`.", pytrace=False)
    return classes_in_css(BUILT_CSS.read_text())


@pytest.fixture(scope="module")
def uswds_classes():
    return classes_in_css(USWDS_CSS.read_text())


def classes_written_in_sources():
    """Each class a template, one of our scripts or our Python writes, with where it is written."""
    found = {}
    for path in (ROOT / "templates").rglob("*.html"):
        for _quote, value in CLASS_ATTRIBUTE.findall(path.read_text()):
            # A class built from a value ("usa-alert--{{ kind }}") is checked by rendering it, below.
            for name in TEMPLATE_TAG.sub(" ", value).split():
                if not name.endswith("-"):
                    found.setdefault(name, path)
    folders = [path for path in ROOT.iterdir() if path.is_dir() and path.name not in NOT_SOURCES]
    sources = [*(ROOT / "static" / "js").glob("*.js"), *(path for folder in folders for path in folder.rglob("*.py"))]
    for path in sources:
        text = path.read_text()
        for _quote, value in CLASS_ATTRIBUTE.findall(text):
            for name in value.split():
                found.setdefault(name, path)
        for name in QUOTED_USWDS_CLASS.findall(text):
            found.setdefault(name, path)
    return found


def test_every_uswds_class_the_sources_write_is_in_the_built_stylesheet(built_classes, uswds_classes):
    written = classes_written_in_sources()
    assert {"usa-banner", "tablet:grid-col-6", "usa-input--error", "margin-top-1"} <= written.keys()

    missing = {
        name: str(path.relative_to(ROOT))
        for name, path in written.items()
        if name in uswds_classes and name not in built_classes
    }

    assert missing == {}, "Rebuild with `npm run build:css`, or safelist in frontend/build-css.mjs"


def test_every_kind_of_alert_block_keeps_its_uswds_style(built_classes, uswds_classes):
    block = AlertBlock()
    kinds = [kind for kind, _label in block.child_blocks["kind"].field.choices if kind]
    assert kinds
    for kind in kinds:
        html = block.render(block.to_python({"kind": kind, "heading": "Note", "text": "<p>Text</p>"}))
        classes = set(BeautifulSoup(html, "html.parser").div["class"])

        assert f"usa-alert--{kind}" in classes
        assert (classes & uswds_classes) - built_classes == set(), kind


@pytest.mark.django_db
def test_pages_link_the_built_stylesheet_and_no_other(client, site_tree):
    for html in (client.get("/").content.decode(), render_to_string("500.html")):
        sheets = [link["href"] for link in BeautifulSoup(html, "html.parser").select('link[rel="stylesheet"]')]

        assert sheets == [static(STYLESHEET)]
    assert Path(finders.find(STYLESHEET)) == BUILT_CSS


def test_a_missing_stylesheet_stops_the_system_checks_with_what_to_run(tmp_path):
    with override_settings(STATICFILES_DIRS=[ROOT / "static"], STATIC_ROOT=tmp_path):
        errors = checks.run_checks(tags=[checks.Tags.staticfiles])

    assert [(error.id, error.hint) for error in errors if error.id.startswith("home.")] == [
        ("home.E001", "Run `npm run build:css` (after `npm ci`); `make run` and `make test` do.")
    ]


def test_the_built_stylesheet_passes_the_system_checks():
    assert [error.id for error in checks.run_checks(tags=[checks.Tags.staticfiles])] == []

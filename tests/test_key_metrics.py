"""A key metric is modelled once (CaseStudyMetric) and drawn by one template; the migration that
retired the body's key_metrics block kept every figure editors had entered."""

import importlib

from django.db import connection
from django.db.migrations.loader import MigrationLoader
from django.template.loader import render_to_string
from django.test.html import parse_html
from wagtail.models import Revision

from kb.blocks import body_blocks
from kb.models import CaseStudyMetric, CaseStudyPage, ToolPage

migration = importlib.import_module("kb.migrations.0002_key_metrics_become_case_study_metrics")

BLOCK = {
    "type": "key_metrics",
    "id": "m1",
    "value": {
        "heading": "Pilot at a glance",
        "metrics": [
            {"type": "item", "id": "a", "value": {"label": "Wait", "value": "4", "unit": "min", "baseline": "22 min"}},
            {"type": "item", "id": "b", "value": {"label": "Satisfaction", "value": "87", "unit": "%", "baseline": ""}},
        ],
    },
}
PARAGRAPH = {"type": "paragraph", "id": "p1", "value": "<p>Before.</p>"}


def test_the_body_offers_no_second_model_of_a_metric():
    assert "key_metrics" not in dict(body_blocks())


def test_metrics_render_from_the_one_include():
    metrics = [CaseStudyMetric(label="Wait", value="4", unit="min", baseline="22 min")]
    html = parse_html(render_to_string("includes/key_metrics.html", {"metrics": metrics}))
    expected = parse_html(
        '<li class="kb-metric"><span class="kb-metric__value">4 <span class="kb-metric__unit">min</span></span>'
        '<span class="kb-metric__label">Wait</span><span class="kb-metric__baseline">Before: 22 min</span></li>'
    )
    assert html.count(expected) == 1


def test_a_case_studys_key_metrics_block_becomes_its_metrics():
    body, metrics = migration.split_key_metrics([PARAGRAPH, BLOCK], as_metrics=True)
    assert body == [PARAGRAPH]
    assert metrics == [
        {"label": "Wait", "value": "4", "unit": "min", "baseline": "22 min"},
        {"label": "Satisfaction", "value": "87", "unit": "%", "baseline": ""},
    ]


def test_on_other_pages_the_block_becomes_a_table_with_the_same_figures():
    body, metrics = migration.split_key_metrics([BLOCK, PARAGRAPH], as_metrics=False)
    assert metrics == []
    assert [block["type"] for block in body] == ["table", "paragraph"]
    table = body[0]["value"]
    assert table["caption"] == "Pilot at a glance"
    assert table["table"]["data"] == [
        ["Measure", "Result", "Before"],
        ["Wait", "4 min", "22 min"],
        ["Satisfaction", "87 %", ""],
    ]


def test_a_case_study_page_shows_its_metrics_through_the_include(make_page, client):
    page = make_page(CaseStudyPage, title="Measured", metrics=[CaseStudyMetric(label="Wait", value="4")])
    html = client.get(page.url).content.decode()
    assert html.count('class="kb-metric"') == 1
    assert '<span class="kb-metric__label">Wait</span>' in html


def test_the_migration_converts_stored_pages_and_their_latest_revision(make_page):
    study = make_page(CaseStudyPage, title="Study", metrics=[CaseStudyMetric(label="Own", value="1", sort_order=0)])
    tool = make_page(ToolPage, title="Tool")
    CaseStudyPage.objects.filter(pk=study.pk).update(body=[PARAGRAPH, BLOCK])
    ToolPage.objects.filter(pk=tool.pk).update(body=[BLOCK])
    revision = study.latest_revision
    revision.content["body"] = [PARAGRAPH, BLOCK]
    revision.save()
    before = MigrationLoader(connection).project_state(("kb", "0001_initial")).apps

    migration.convert_pages(before, None)
    migration.convert_revisions(before, None)

    study.refresh_from_db()
    assert [metric.label for metric in study.metrics.order_by("sort_order")] == ["Own", "Wait", "Satisfaction"]
    assert [block.block_type for block in study.body] == ["paragraph"]
    tool.refresh_from_db()
    assert [block.block_type for block in tool.body] == ["table"]
    draft = Revision.objects.get(pk=revision.pk).as_object()
    assert [metric.label for metric in draft.metrics.all()] == ["Own", "Wait", "Satisfaction"]
    assert [block.block_type for block in draft.body] == ["paragraph"]

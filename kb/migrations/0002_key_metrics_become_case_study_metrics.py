"""A key metric is modelled once, as CaseStudyMetric: the body's "key_metrics" block goes.

Existing blocks are converted, on the pages and on their revisions (so an editor opening a draft
loses nothing): on a case study each metric becomes a CaseStudyMetric row after the page's own; on
a tool or agency example, which have no metrics, the block becomes a table with the same figures.
"""

import json
import uuid

import wagtail.fields
from django.db import migrations
from django.db.models import Max

KB_PAGE_MODELS = ("casestudypage", "toolpage", "agencyexamplepage")


def split_key_metrics(stream, as_metrics):
    """(stream without key_metrics blocks, metrics taken out of them) for raw StreamField data.

    With ``as_metrics`` false, each block is replaced by a table block in place and no metrics
    are returned."""
    kept, metrics = [], []
    for block in stream:
        if block.get("type") != "key_metrics":
            kept.append(block)
            continue
        items = [
            {name: str(item.get(name) or "") for name in ("label", "value", "unit", "baseline")}
            for item in (entry.get("value", entry) for entry in block["value"].get("metrics", []))
        ]
        if as_metrics:
            metrics.extend(items)
        else:
            kept.append(
                {"type": "table", "value": metrics_table(block["value"].get("heading"), items), "id": str(uuid.uuid4())}
            )
    return kept, metrics


def metrics_table(heading, metrics):
    with_baseline = any(metric["baseline"] for metric in metrics)
    rows = [["Measure", "Result", "Before"] if with_baseline else ["Measure", "Result"]]
    for metric in metrics:
        result = f"{metric['value']} {metric['unit']}".strip()
        rows.append([metric["label"], result, metric["baseline"]] if with_baseline else [metric["label"], result])
    table = {"data": rows, "first_row_is_table_header": True, "first_col_is_header": False, "table_caption": ""}
    return {"caption": heading or "Key results", "table": table}


def stream_data(value):
    """Raw StreamField data, whether stored as a JSON string (older revisions) or as a list."""
    return json.loads(value) if isinstance(value, str) else list(value or [])


def convert_pages(apps, schema_editor):
    CaseStudyMetric = apps.get_model("kb", "CaseStudyMetric")
    for model_name in KB_PAGE_MODELS:
        model = apps.get_model("kb", model_name)
        for page in model.objects.iterator():
            stream = stream_data(page.body.raw_data)
            if not any(block.get("type") == "key_metrics" for block in stream):
                continue
            body, metrics = split_key_metrics(stream, model_name == "casestudypage")
            page.body = body
            page.save(update_fields=["body"])
            last = CaseStudyMetric.objects.filter(page_id=page.pk).aggregate(last=Max("sort_order"))["last"]
            start = 0 if last is None else last + 1
            CaseStudyMetric.objects.bulk_create(
                CaseStudyMetric(page_id=page.pk, sort_order=start + index, **metric)
                for index, metric in enumerate(metrics)
            )


def convert_revisions(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    kinds = dict(ContentType.objects.filter(app_label="kb", model__in=KB_PAGE_MODELS).values_list("pk", "model"))
    for revision in Revision.objects.filter(content_type_id__in=kinds).iterator():
        content = revision.content
        if "key_metrics" not in json.dumps(content.get("body", "")):
            continue
        as_metrics = kinds[revision.content_type_id] == "casestudypage"
        body, metrics = split_key_metrics(stream_data(content["body"]), as_metrics)
        content["body"] = body
        if as_metrics:
            existing = content.get("metrics") or []
            content["metrics"] = existing + [
                {"pk": None, "page": revision.object_id, "sort_order": len(existing) + index, **metric}
                for index, metric in enumerate(metrics)
            ]
        revision.content = content
        revision.save(update_fields=["content"])


class Migration(migrations.Migration):
    dependencies = [
        ("kb", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunPython(convert_pages, migrations.RunPython.noop),
        migrations.RunPython(convert_revisions, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="agencyexamplepage",
            name="body",
            field=wagtail.fields.StreamField(
                [
                    ("heading", 2),
                    ("paragraph", 3),
                    ("image", 7),
                    ("quote", 10),
                    ("alert", 14),
                    ("steps", 18),
                    ("video", 20),
                    ("document", 23),
                    ("table", 26),
                    ("accordion", 29),
                    ("related_links", 35),
                ],
                blank=True,
                block_lookup={
                    0: ("wagtail.blocks.CharBlock", (), {"max_length": 120}),
                    1: (
                        "wagtail.blocks.ChoiceBlock",
                        [],
                        {"choices": [("h2", "Section (h2)"), ("h3", "Subsection (h3)")]},
                    ),
                    2: ("wagtail.blocks.StructBlock", [[("text", 0), ("level", 1)]], {}),
                    3: ("kb.blocks.ParagraphBlock", (), {}),
                    4: ("wagtail.images.blocks.ImageChooserBlock", (), {}),
                    5: (
                        "wagtail.blocks.CharBlock",
                        (),
                        {"help_text": "Describe what the image shows for people who cannot see it.", "max_length": 250},
                    ),
                    6: ("wagtail.blocks.CharBlock", (), {"max_length": 250, "required": False}),
                    7: ("wagtail.blocks.StructBlock", [[("image", 4), ("alt_text", 5), ("caption", 6)]], {}),
                    8: ("wagtail.blocks.TextBlock", (), {}),
                    9: (
                        "wagtail.blocks.CharBlock",
                        (),
                        {
                            "help_text": "e.g. 'Veteran, 64, Ohio' — never a full name.",
                            "max_length": 120,
                            "required": False,
                        },
                    ),
                    10: ("wagtail.blocks.StructBlock", [[("quote", 8), ("attribution", 9)]], {}),
                    11: (
                        "wagtail.blocks.ChoiceBlock",
                        [],
                        {
                            "choices": [
                                ("info", "Information"),
                                ("success", "Tip"),
                                ("warning", "Caution"),
                                ("emergency", "Important"),
                            ]
                        },
                    ),
                    12: ("wagtail.blocks.CharBlock", (), {"max_length": 120, "required": False}),
                    13: (
                        "wagtail.blocks.RichTextBlock",
                        (),
                        {"features": ["bold", "italic", "link", "document-link", "ol", "ul"]},
                    ),
                    14: ("wagtail.blocks.StructBlock", [[("kind", 11), ("heading", 12), ("text", 13)]], {}),
                    15: (
                        "wagtail.blocks.RichTextBlock",
                        (),
                        {"features": ["bold", "italic", "link", "document-link", "ol", "ul"], "required": False},
                    ),
                    16: ("wagtail.blocks.StructBlock", [[("title", 0), ("text", 15)]], {}),
                    17: ("wagtail.blocks.ListBlock", (16,), {"min_num": 1}),
                    18: ("wagtail.blocks.StructBlock", [[("heading", 12), ("steps", 17)]], {}),
                    19: ("wagtail.embeds.blocks.EmbedBlock", (), {"help_text": "A YouTube or Vimeo URL."}),
                    20: ("wagtail.blocks.StructBlock", [[("video", 19), ("caption", 6)]], {}),
                    21: ("wagtail.documents.blocks.DocumentChooserBlock", (), {}),
                    22: (
                        "wagtail.blocks.CharBlock",
                        (),
                        {"help_text": "Defaults to the document's title.", "max_length": 120, "required": False},
                    ),
                    23: ("wagtail.blocks.StructBlock", [[("document", 21), ("title", 22), ("description", 6)]], {}),
                    24: ("wagtail.blocks.CharBlock", (), {"max_length": 200}),
                    25: (
                        "wagtail.contrib.table_block.blocks.TableBlock",
                        (),
                        {"table_options": {"startCols": 3, "startRows": 3}},
                    ),
                    26: ("wagtail.blocks.StructBlock", [[("caption", 24), ("table", 25)]], {}),
                    27: ("wagtail.blocks.StructBlock", [[("title", 0), ("content", 13)]], {}),
                    28: ("wagtail.blocks.ListBlock", (27,), {"min_num": 1}),
                    29: ("wagtail.blocks.StructBlock", [[("items", 28)]], {}),
                    30: ("wagtail.blocks.CharBlock", (), {"default": "Related resources", "max_length": 120}),
                    31: ("wagtail.blocks.PageChooserBlock", (), {"required": False}),
                    32: ("wagtail.blocks.URLBlock", (), {"required": False}),
                    33: ("wagtail.blocks.StructBlock", [[("title", 0), ("page", 31), ("url", 32)]], {}),
                    34: ("wagtail.blocks.ListBlock", (33,), {"min_num": 1}),
                    35: ("wagtail.blocks.StructBlock", [[("heading", 30), ("links", 34)]], {}),
                },
            ),
        ),
        migrations.AlterField(
            model_name="casestudypage",
            name="body",
            field=wagtail.fields.StreamField(
                [
                    ("heading", 2),
                    ("paragraph", 3),
                    ("image", 7),
                    ("quote", 10),
                    ("alert", 14),
                    ("steps", 18),
                    ("video", 20),
                    ("document", 23),
                    ("table", 26),
                    ("accordion", 29),
                    ("related_links", 35),
                ],
                blank=True,
                block_lookup={
                    0: ("wagtail.blocks.CharBlock", (), {"max_length": 120}),
                    1: (
                        "wagtail.blocks.ChoiceBlock",
                        [],
                        {"choices": [("h2", "Section (h2)"), ("h3", "Subsection (h3)")]},
                    ),
                    2: ("wagtail.blocks.StructBlock", [[("text", 0), ("level", 1)]], {}),
                    3: ("kb.blocks.ParagraphBlock", (), {}),
                    4: ("wagtail.images.blocks.ImageChooserBlock", (), {}),
                    5: (
                        "wagtail.blocks.CharBlock",
                        (),
                        {"help_text": "Describe what the image shows for people who cannot see it.", "max_length": 250},
                    ),
                    6: ("wagtail.blocks.CharBlock", (), {"max_length": 250, "required": False}),
                    7: ("wagtail.blocks.StructBlock", [[("image", 4), ("alt_text", 5), ("caption", 6)]], {}),
                    8: ("wagtail.blocks.TextBlock", (), {}),
                    9: (
                        "wagtail.blocks.CharBlock",
                        (),
                        {
                            "help_text": "e.g. 'Veteran, 64, Ohio' — never a full name.",
                            "max_length": 120,
                            "required": False,
                        },
                    ),
                    10: ("wagtail.blocks.StructBlock", [[("quote", 8), ("attribution", 9)]], {}),
                    11: (
                        "wagtail.blocks.ChoiceBlock",
                        [],
                        {
                            "choices": [
                                ("info", "Information"),
                                ("success", "Tip"),
                                ("warning", "Caution"),
                                ("emergency", "Important"),
                            ]
                        },
                    ),
                    12: ("wagtail.blocks.CharBlock", (), {"max_length": 120, "required": False}),
                    13: (
                        "wagtail.blocks.RichTextBlock",
                        (),
                        {"features": ["bold", "italic", "link", "document-link", "ol", "ul"]},
                    ),
                    14: ("wagtail.blocks.StructBlock", [[("kind", 11), ("heading", 12), ("text", 13)]], {}),
                    15: (
                        "wagtail.blocks.RichTextBlock",
                        (),
                        {"features": ["bold", "italic", "link", "document-link", "ol", "ul"], "required": False},
                    ),
                    16: ("wagtail.blocks.StructBlock", [[("title", 0), ("text", 15)]], {}),
                    17: ("wagtail.blocks.ListBlock", (16,), {"min_num": 1}),
                    18: ("wagtail.blocks.StructBlock", [[("heading", 12), ("steps", 17)]], {}),
                    19: ("wagtail.embeds.blocks.EmbedBlock", (), {"help_text": "A YouTube or Vimeo URL."}),
                    20: ("wagtail.blocks.StructBlock", [[("video", 19), ("caption", 6)]], {}),
                    21: ("wagtail.documents.blocks.DocumentChooserBlock", (), {}),
                    22: (
                        "wagtail.blocks.CharBlock",
                        (),
                        {"help_text": "Defaults to the document's title.", "max_length": 120, "required": False},
                    ),
                    23: ("wagtail.blocks.StructBlock", [[("document", 21), ("title", 22), ("description", 6)]], {}),
                    24: ("wagtail.blocks.CharBlock", (), {"max_length": 200}),
                    25: (
                        "wagtail.contrib.table_block.blocks.TableBlock",
                        (),
                        {"table_options": {"startCols": 3, "startRows": 3}},
                    ),
                    26: ("wagtail.blocks.StructBlock", [[("caption", 24), ("table", 25)]], {}),
                    27: ("wagtail.blocks.StructBlock", [[("title", 0), ("content", 13)]], {}),
                    28: ("wagtail.blocks.ListBlock", (27,), {"min_num": 1}),
                    29: ("wagtail.blocks.StructBlock", [[("items", 28)]], {}),
                    30: ("wagtail.blocks.CharBlock", (), {"default": "Related resources", "max_length": 120}),
                    31: ("wagtail.blocks.PageChooserBlock", (), {"required": False}),
                    32: ("wagtail.blocks.URLBlock", (), {"required": False}),
                    33: ("wagtail.blocks.StructBlock", [[("title", 0), ("page", 31), ("url", 32)]], {}),
                    34: ("wagtail.blocks.ListBlock", (33,), {"min_num": 1}),
                    35: ("wagtail.blocks.StructBlock", [[("heading", 30), ("links", 34)]], {}),
                },
                help_text="The full story, with quotes, images and detail.",
            ),
        ),
        migrations.AlterField(
            model_name="toolpage",
            name="body",
            field=wagtail.fields.StreamField(
                [
                    ("heading", 2),
                    ("paragraph", 3),
                    ("image", 7),
                    ("quote", 10),
                    ("alert", 14),
                    ("steps", 18),
                    ("video", 20),
                    ("document", 23),
                    ("table", 26),
                    ("accordion", 29),
                    ("related_links", 35),
                ],
                blank=True,
                block_lookup={
                    0: ("wagtail.blocks.CharBlock", (), {"max_length": 120}),
                    1: (
                        "wagtail.blocks.ChoiceBlock",
                        [],
                        {"choices": [("h2", "Section (h2)"), ("h3", "Subsection (h3)")]},
                    ),
                    2: ("wagtail.blocks.StructBlock", [[("text", 0), ("level", 1)]], {}),
                    3: ("kb.blocks.ParagraphBlock", (), {}),
                    4: ("wagtail.images.blocks.ImageChooserBlock", (), {}),
                    5: (
                        "wagtail.blocks.CharBlock",
                        (),
                        {"help_text": "Describe what the image shows for people who cannot see it.", "max_length": 250},
                    ),
                    6: ("wagtail.blocks.CharBlock", (), {"max_length": 250, "required": False}),
                    7: ("wagtail.blocks.StructBlock", [[("image", 4), ("alt_text", 5), ("caption", 6)]], {}),
                    8: ("wagtail.blocks.TextBlock", (), {}),
                    9: (
                        "wagtail.blocks.CharBlock",
                        (),
                        {
                            "help_text": "e.g. 'Veteran, 64, Ohio' — never a full name.",
                            "max_length": 120,
                            "required": False,
                        },
                    ),
                    10: ("wagtail.blocks.StructBlock", [[("quote", 8), ("attribution", 9)]], {}),
                    11: (
                        "wagtail.blocks.ChoiceBlock",
                        [],
                        {
                            "choices": [
                                ("info", "Information"),
                                ("success", "Tip"),
                                ("warning", "Caution"),
                                ("emergency", "Important"),
                            ]
                        },
                    ),
                    12: ("wagtail.blocks.CharBlock", (), {"max_length": 120, "required": False}),
                    13: (
                        "wagtail.blocks.RichTextBlock",
                        (),
                        {"features": ["bold", "italic", "link", "document-link", "ol", "ul"]},
                    ),
                    14: ("wagtail.blocks.StructBlock", [[("kind", 11), ("heading", 12), ("text", 13)]], {}),
                    15: (
                        "wagtail.blocks.RichTextBlock",
                        (),
                        {"features": ["bold", "italic", "link", "document-link", "ol", "ul"], "required": False},
                    ),
                    16: ("wagtail.blocks.StructBlock", [[("title", 0), ("text", 15)]], {}),
                    17: ("wagtail.blocks.ListBlock", (16,), {"min_num": 1}),
                    18: ("wagtail.blocks.StructBlock", [[("heading", 12), ("steps", 17)]], {}),
                    19: ("wagtail.embeds.blocks.EmbedBlock", (), {"help_text": "A YouTube or Vimeo URL."}),
                    20: ("wagtail.blocks.StructBlock", [[("video", 19), ("caption", 6)]], {}),
                    21: ("wagtail.documents.blocks.DocumentChooserBlock", (), {}),
                    22: (
                        "wagtail.blocks.CharBlock",
                        (),
                        {"help_text": "Defaults to the document's title.", "max_length": 120, "required": False},
                    ),
                    23: ("wagtail.blocks.StructBlock", [[("document", 21), ("title", 22), ("description", 6)]], {}),
                    24: ("wagtail.blocks.CharBlock", (), {"max_length": 200}),
                    25: (
                        "wagtail.contrib.table_block.blocks.TableBlock",
                        (),
                        {"table_options": {"startCols": 3, "startRows": 3}},
                    ),
                    26: ("wagtail.blocks.StructBlock", [[("caption", 24), ("table", 25)]], {}),
                    27: ("wagtail.blocks.StructBlock", [[("title", 0), ("content", 13)]], {}),
                    28: ("wagtail.blocks.ListBlock", (27,), {"min_num": 1}),
                    29: ("wagtail.blocks.StructBlock", [[("items", 28)]], {}),
                    30: ("wagtail.blocks.CharBlock", (), {"default": "Related resources", "max_length": 120}),
                    31: ("wagtail.blocks.PageChooserBlock", (), {"required": False}),
                    32: ("wagtail.blocks.URLBlock", (), {"required": False}),
                    33: ("wagtail.blocks.StructBlock", [[("title", 0), ("page", 31), ("url", 32)]], {}),
                    34: ("wagtail.blocks.ListBlock", (33,), {"min_num": 1}),
                    35: ("wagtail.blocks.StructBlock", [[("heading", 30), ("links", 34)]], {}),
                },
            ),
        ),
    ]

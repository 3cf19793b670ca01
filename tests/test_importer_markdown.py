"""Markdown and Hugo shortcodes → StreamField blocks: one test per mapping, on samples written here."""

import pytest
from django.test.html import parse_html

from importer.markdown import markdown_to_body, markdown_to_rich_text
from importer.rules import load_rules


@pytest.fixture(scope="module")
def rules():
    return load_rules()


def blocks(text, rules):
    return markdown_to_body(text, rules).blocks


def assert_html_equal(actual, expected):
    assert parse_html(actual) == parse_html(expected)


def test_headings_become_heading_blocks_at_h2_or_h3(rules):
    result = blocks("# Top\n\n## Section\n\n### Detail\n\n#### Deeper", rules)
    assert [(block["type"], block["value"]["level"], block["value"]["text"]) for block in result] == [
        ("heading", "h2", "Top"),
        ("heading", "h2", "Section"),
        ("heading", "h3", "Detail"),
        ("heading", "h3", "Deeper"),
    ]


def test_long_headings_are_cut_to_the_block_limit(rules):
    [heading] = blocks("## " + "word " * 60, rules)
    assert len(heading["value"]["text"]) == 120
    assert heading["value"]["text"].endswith("…")


def test_paragraphs_lists_links_and_emphasis_become_one_rich_text_block(rules):
    [paragraph] = blocks("Some **bold** and _italic_ text with [a link](https://example.gov/a).\n\n- one\n- two", rules)
    assert paragraph["type"] == "paragraph"
    assert_html_equal(
        paragraph["value"],
        '<p>Some <b>bold</b> and <i>italic</i> text with <a href="https://example.gov/a">a link</a>.</p>'
        "<ul><li>one</li><li>two</li></ul>",
    )


def test_loose_list_items_hold_text_without_paragraphs(rules):
    [paragraph] = blocks("1. first\n\n2. second", rules)
    assert_html_equal(paragraph["value"], "<ol><li>first</li><li>second</li></ol>")


def test_a_heading_splits_the_rich_text_around_it(rules):
    assert [block["type"] for block in blocks("Before.\n\n## Middle\n\nAfter.", rules)] == [
        "paragraph",
        "heading",
        "paragraph",
    ]


def test_blockquote_becomes_a_quote_with_its_attribution(rules):
    [quote] = blocks("> I finally knew when to come in.\n>\n> — Resident, 41", rules)
    assert quote["type"] == "quote"
    assert quote["value"] == {"quote": "I finally knew when to come in.", "attribution": "Resident, 41"}


def test_blockquote_without_attribution_keeps_every_paragraph(rules):
    [quote] = blocks("> First.\n>\n> Second.", rules)
    assert quote["value"] == {"quote": "First.\n\nSecond.", "attribution": ""}


def test_table_becomes_a_table_block_captioned_by_the_heading_before_it(rules):
    result = blocks("## Waits by month\n\n| Month | Wait |\n|---|---|\n| March | **58** min |\n| April |", rules)
    table = result[1]
    assert table["type"] == "table"
    assert table["value"]["caption"] == "Waits by month"
    assert table["value"]["table"]["data"] == [["Month", "Wait"], ["March", "58 min"], ["April", ""]]
    assert table["value"]["table"]["first_row_is_table_header"] is True


def test_table_without_a_heading_is_captioned_by_the_page_title(rules):
    body = markdown_to_body("| A | B |\n|---|---|\n| 1 | 2 |", rules, table_caption="Queue data")
    assert body.blocks[0]["value"]["caption"] == "Queue data"


def test_youtube_shortcode_becomes_a_video_block(rules):
    [video] = blocks('{{< youtube id="abc123XYZ" title="The new lobby" >}}', rules)
    assert video == {
        "type": "video",
        "value": {"video": "https://www.youtube.com/watch?v=abc123XYZ", "caption": "The new lobby"},
    }


def test_youtube_shortcode_with_a_positional_id(rules):
    [video] = blocks("{{< youtube abc123XYZ >}}", rules)
    assert video["value"]["video"] == "https://www.youtube.com/watch?v=abc123XYZ"


def test_note_shortcode_becomes_an_information_alert_with_rich_text(rules):
    [alert] = blocks("{{< note >}}\nWalk-ins are **still** served.\n{{< /note >}}", rules)
    assert alert["type"] == "alert"
    assert alert["value"]["kind"] == "info"
    assert_html_equal(alert["value"]["text"], "<p>Walk-ins are <b>still</b> served.</p>")


def test_alert_shortcode_takes_its_kind_and_heading(rules):
    [alert] = blocks('{{< alert kind="emergency" heading="Stop" >}}Do not share PII.{{< /alert >}}', rules)
    assert alert["value"]["kind"] == "emergency"
    assert alert["value"]["heading"] == "Stop"


def test_text_around_a_note_stays_in_order(rules):
    result = blocks("Before.\n\n{{< note >}}Inside.{{< /note >}}\n\nAfter.", rules)
    assert [block["type"] for block in result] == ["paragraph", "alert", "paragraph"]
    assert "After" in result[2]["value"]


def test_quote_shortcode_becomes_a_quote_block(rules):
    [quote] = blocks('{{< quote-block text="Listen first." cite="A caseworker" >}}', rules)
    assert quote["value"] == {"quote": "Listen first.", "attribution": "A caseworker"}


def test_image_shortcodes_and_markdown_images_are_dropped_with_a_note(rules):
    body = markdown_to_body(
        'Text {{< img src="lobby-photo" >}} here.\n\n'
        '[{{< legacy-img src="2024/01/lobby.jpg" alt="x" >}}](https://example.gov/big.jpg)\n\n'
        "![A chart](chart.png)",
        rules,
    )
    assert [block["type"] for block in body.blocks] == ["paragraph"]
    assert "<img" not in body.blocks[0]["value"]
    assert "href" not in body.blocks[0]["value"]  # the link around the dropped image goes too
    assert body.notes == ["image dropped: lobby-photo", "image dropped: 2024/01/lobby.jpg", "image dropped: chart.png"]


def test_unknown_shortcodes_are_removed_and_never_shown_raw(rules):
    body = markdown_to_body('Before {{< tweet user="x" id="1" >}} after {{< made-up a="b" >}}.', rules)
    assert "{{" not in body.blocks[0]["value"]
    assert body.notes == ["tweet shortcode removed", "made-up shortcode removed"]


def test_paired_unknown_shortcodes_keep_the_text_between_their_tags(rules):
    [paragraph] = blocks("A {{< highlight >}}marked{{< /highlight >}} word {{% mystery %}}kept{{% /mystery %}}.", rules)
    assert_html_equal(paragraph["value"], "<p>A marked word kept.</p>")


def test_ref_shortcode_inside_a_link_becomes_the_pages_path(rules):
    [paragraph] = blocks('See [the guide]({{< ref "/guides/queues/_index.md" >}} "Guide").', rules)
    assert_html_equal(paragraph["value"], '<p>See <a href="/guides/queues/">the guide</a>.</p>')


def test_button_shortcode_becomes_a_link(rules):
    [paragraph] = blocks('{{< button href="https://example.gov/join" text="Join &mdash; now" >}}', rules)
    assert_html_equal(paragraph["value"], '<p><a href="https://example.gov/join">Join — now</a></p>')


def test_html_entities_are_decoded_exactly_once(rules):
    [paragraph] = blocks("The county&#8217;s office &amp;#8217; stays.", rules)
    assert "’" in paragraph["value"]
    assert "&#8217;" not in paragraph["value"].replace("&amp;#8217;", "")
    assert "&amp;#8217;" in paragraph["value"]  # written escaped in the file, so shown as typed


def test_raw_html_is_sanitised(rules):
    [paragraph] = blocks(
        '<script>alert("x")</script>\n\n<p onclick="steal()" style="color:red">Kept <em>text</em>.</p>\n\n'
        '<a href="javascript:alert(1)">bad link</a> <iframe src="https://evil.example"></iframe>',
        rules,
    )
    value = paragraph["value"]
    for forbidden in ("script", "alert", "onclick", "style", "javascript", "iframe"):
        assert forbidden not in value
    assert "Kept <i>text</i>." in value
    assert "bad link" in value


def test_rich_text_keeps_only_draftail_features(rules):
    html = markdown_to_rich_text('Text with `code`, ~~struck~~ and a [titled](https://example.gov "T") link.')
    assert_html_equal(html, '<p>Text with code, struck and a <a href="https://example.gov">titled</a> link.</p>')


def test_headings_inside_rich_text_become_bold_lines():
    assert_html_equal(markdown_to_rich_text("## Inside\n\nText"), "<p><b>Inside</b></p><p>Text</p>")


def test_first_paragraph_is_kept_for_summaries(rules):
    body = markdown_to_body("## Title\n\nThe **first** paragraph.\n\nThe second.", rules)
    assert body.first_paragraph == "The first paragraph."


def test_horizontal_rules_and_empty_paragraphs_leave_no_blocks(rules):
    assert blocks('---\n\n{{< img src="only-an-image" >}}\n\n***', rules) == []


def test_table_caption_paragraph_names_the_table(rules):
    result = blocks("## Results\n\nTable: Waits by office\n\n| Office | Wait |\n|---|---|\n| North | 18 |", rules)
    assert [block["type"] for block in result] == ["heading", "table"]
    assert result[1]["value"]["caption"] == "Waits by office"


def test_accordion_items_in_a_row_share_one_accordion_block(rules):
    [accordion] = blocks(
        '{{< accordion title="How many people?" >}}Six to **eight**.{{< /accordion >}}\n\n'
        '{{< accordion title="How long?" >}}45 minutes.{{< /accordion >}}',
        rules,
    )
    assert accordion["type"] == "accordion"
    assert [item["title"] for item in accordion["value"]["items"]] == ["How many people?", "How long?"]
    assert_html_equal(accordion["value"]["items"][0]["content"], "<p>Six to <b>eight</b>.</p>")


def test_steps_shortcode_makes_one_step_per_heading(rules):
    [steps] = blocks(
        '{{< steps heading="How to start" >}}\n### Recruit\n\nSix people.\n\n### Listen\n\nTake notes.\n{{< /steps >}}',
        rules,
    )
    assert steps["value"]["heading"] == "How to start"
    assert [(step["title"], step["text"]) for step in steps["value"]["steps"]] == [
        ("Recruit", "<p>Six people.</p>"),
        ("Listen", "<p>Take notes.</p>"),
    ]


def test_related_shortcode_lists_page_and_outside_links(rules):
    [related] = blocks(
        '{{< related heading="Read next" >}}\n- [A tool](page:a-tool)\n- [Elsewhere](https://example.gov/x)\n'
        "{{< /related >}}",
        rules,
    )
    assert related["value"] == {
        "heading": "Read next",
        "links": [
            {"title": "A tool", "page": "a-tool", "url": ""},
            {"title": "Elsewhere", "page": None, "url": "https://example.gov/x"},
        ],
    }


class Library:
    """The media library an importer is given: names of the site's own images and documents."""

    def image(self, name):
        return (7, "A bar chart of waits") if name == "wait-chart" else None

    def document(self, name):
        return 9 if name == "checklist" else None


def test_images_and_documents_in_the_media_library_become_blocks(rules):
    body = markdown_to_body(
        '{{< img src="wait-chart" caption="Waits fell." >}}\n\n{{< img src="not-there" >}}\n\n'
        '{{< document name="checklist" description="Print it." >}}',
        rules,
        media=Library(),
    )
    assert body.blocks == [
        {"type": "image", "value": {"image": 7, "alt_text": "A bar chart of waits", "caption": "Waits fell."}},
        {"type": "document", "value": {"document": 9, "title": "", "description": "Print it."}},
    ]
    assert body.notes == ["image dropped: not-there"]


def test_alt_text_written_in_the_file_wins_over_the_librarys(rules):
    [image] = markdown_to_body('{{< img src="wait-chart" alt="Waits by month" >}}', rules, media=Library()).blocks
    assert image["value"]["alt_text"] == "Waits by month"

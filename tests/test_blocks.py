"""StreamField blocks: the validation editors meet and the USWDS markup visitors get."""

from io import BytesIO

import PIL.Image
import pytest
from django.core.files.images import ImageFile
from wagtail.blocks import StructBlockValidationError
from wagtail.images.models import Image

from kb.blocks import (
    AccordionBlock,
    AlertBlock,
    HeadingBlock,
    ImageBlock,
    LinkBlock,
    QuoteBlock,
    RelatedLinksBlock,
    StepsBlock,
    TableWithCaptionBlock,
    body_blocks,
)
from kb.models import ToolPage


def make_image(title="Journey map"):
    buffer = BytesIO()
    PIL.Image.new("RGB", (40, 30), "white").save(buffer, "PNG")
    return Image.objects.create(title=title, file=ImageFile(buffer, name="journey-map.png"))


def render(block, raw_value):
    return block.render(block.to_python(raw_value))


@pytest.mark.django_db
def test_image_block_without_alt_text_is_rejected():
    block = ImageBlock()

    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"image": make_image().pk, "alt_text": "", "caption": ""}))

    assert set(error.value.block_errors) == {"alt_text"}


@pytest.mark.django_db
def test_image_block_with_alt_text_is_accepted():
    block = ImageBlock()
    image = make_image()

    cleaned = block.clean(block.to_python({"image": image.pk, "alt_text": "A journey map on a wall", "caption": ""}))

    assert cleaned["alt_text"] == "A journey map on a wall"
    assert cleaned["image"] == image


@pytest.mark.django_db
def test_image_block_renders_its_alt_text_and_caption():
    block = ImageBlock()

    html = render(block, {"image": make_image().pk, "alt_text": "Sticky notes on a wall", "caption": "Workshop"})

    assert 'alt="Sticky notes on a wall"' in html
    assert "<figcaption>Workshop</figcaption>" in html


def test_link_block_without_page_or_url_is_rejected():
    block = LinkBlock()

    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"title": "Further reading", "page": None, "url": ""}))

    assert set(error.value.block_errors) == {"url"}
    assert "Choose a page or enter a URL." in str(error.value.block_errors["url"])


def test_link_block_with_a_url_is_accepted():
    block = LinkBlock()

    cleaned = block.clean(
        block.to_python({"title": "Performance.gov", "page": None, "url": "https://performance.gov/cx/"})
    )

    assert cleaned["url"] == "https://performance.gov/cx/"


@pytest.mark.django_db
def test_link_block_with_a_page_is_accepted(make_page):
    tool = make_page(ToolPage, title="Interview guide")
    block = LinkBlock()

    cleaned = block.clean(block.to_python({"title": "Interview guide", "page": tool.pk, "url": ""}))

    assert cleaned["page"].pk == tool.pk


@pytest.mark.django_db
def test_related_links_render_page_links_by_their_url(make_page):
    tool = make_page(ToolPage, title="Interview guide")
    block = RelatedLinksBlock()

    html = render(
        block,
        {
            "heading": "Read next",
            "links": [
                {"title": "Interview guide", "page": tool.pk, "url": ""},
                {"title": "Performance.gov", "page": None, "url": "https://performance.gov/cx/"},
            ],
        },
    )

    assert "<h2>Read next</h2>" in html
    assert f'<a href="{tool.url}">Interview guide</a>' in html
    assert '<a href="https://performance.gov/cx/">Performance.gov</a>' in html


@pytest.mark.parametrize("kind", ["info", "success", "warning", "emergency"])
def test_alert_block_renders_a_uswds_alert_of_its_kind(kind):
    html = render(AlertBlock(), {"kind": kind, "heading": "Before you start", "text": "<p>Get consent first.</p>"})

    assert f'class="usa-alert usa-alert--{kind}"' in html
    assert '<h3 class="usa-alert__heading">Before you start</h3>' in html
    assert '<div class="usa-alert__text"><p>Get consent first.</p></div>' in html


def test_alert_block_without_heading_drops_the_icon_and_heading():
    html = render(AlertBlock(), {"kind": "info", "heading": "", "text": "<p>Note.</p>"})

    assert "usa-alert--no-icon" in html
    assert "usa-alert__heading" not in html


def test_steps_block_renders_a_uswds_process_list_in_order():
    html = render(
        StepsBlock(),
        {
            "heading": "How to run it",
            "steps": [
                {"title": "Recruit participants", "text": "<p>Aim for six to eight.</p>"},
                {"title": "Run the sessions", "text": ""},
            ],
        },
    )

    assert '<ol class="usa-process-list">' in html
    assert html.count('class="usa-process-list__item"') == 2
    assert html.index("Recruit participants") < html.index("Run the sessions")
    assert '<h3 class="usa-process-list__heading">Recruit participants</h3>' in html
    assert "<p>Aim for six to eight.</p>" in html


def test_table_block_renders_caption_and_header_row():
    table = {
        "data": [["Channel", "Wait"], ["Phone", "22 min"], ["Chat", "3 min"]],
        "first_row_is_table_header": True,
        "first_col_is_header": False,
    }

    html = render(TableWithCaptionBlock(), {"caption": "Wait time by channel", "table": table})

    assert '<table class="usa-table">' in html
    assert "<caption>Wait time by channel</caption>" in html
    assert '<thead><tr><th scope="col">Channel</th><th scope="col">Wait</th></tr></thead>' in html
    assert "<tr><td>Phone</td><td>22 min</td></tr>" in html
    assert "<td>Channel</td>" not in html


def test_table_block_without_header_row_puts_every_row_in_the_body():
    table = {"data": [["Phone", "22 min"]], "first_row_is_table_header": False, "first_col_is_header": False}

    html = render(TableWithCaptionBlock(), {"caption": "Waits", "table": table})

    assert "<thead>" not in html
    assert "<tr><td>Phone</td><td>22 min</td></tr>" in html


def test_table_block_requires_a_caption():
    block = TableWithCaptionBlock()
    table = {"data": [["a"]], "first_row_is_table_header": False, "first_col_is_header": False}

    with pytest.raises(StructBlockValidationError) as error:
        block.clean(block.to_python({"caption": "", "table": table}))

    assert "caption" in error.value.block_errors


@pytest.mark.parametrize(("level", "tag"), [("h2", "h2"), ("h3", "h3")])
def test_heading_block_renders_the_chosen_level(level, tag):
    html = render(HeadingBlock(), {"text": "What we learned", "level": level})

    assert html.strip() == f"<{tag}>What we learned</{tag}>"


def test_quote_block_renders_a_blockquote_with_attribution():
    html = render(QuoteBlock(), {"quote": "I didn't know where to start.", "attribution": "Applicant"})

    assert "<blockquote><p>I didn&#x27;t know where to start.</p></blockquote>" in html
    assert "<figcaption>— Applicant</figcaption>" in html


def test_accordion_items_control_their_own_panels():
    html = render(
        AccordionBlock(),
        {"items": [{"title": "How?", "content": "<p>One.</p>"}, {"title": "Why?", "content": "<p>Two.</p>"}]},
    )

    assert 'aria-controls="acc-b-1"' in html and 'id="acc-b-1"' in html
    assert 'aria-controls="acc-b-2"' in html and 'id="acc-b-2"' in html


def test_every_body_block_has_a_template_and_an_icon():
    for name, block in body_blocks():
        assert block.meta.template, name
        assert block.meta.icon, name

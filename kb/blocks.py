"""StreamField blocks for knowledge-base pages.

Each block is small and does one job, so editors compose pages from familiar parts and every part
renders as the matching USWDS component. Blocks that carry text a visitor may search for keep it in
plain CharBlock/TextBlock/RichTextBlock children, which the search index reads.
"""

from django.core.exceptions import ValidationError
from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from .visibility import visible_pages

# Editors get emphasis, links and lists; no headings (the heading block keeps the outline
# accessible) and no embedded media (dedicated blocks require alt text and captions).
RICH_TEXT_FEATURES = ["bold", "italic", "link", "document-link", "ol", "ul"]


class HeadingBlock(blocks.StructBlock):
    """A section heading; level is limited to h2/h3 so page outlines stay valid under the h1 title."""

    text = blocks.CharBlock(max_length=120)
    level = blocks.ChoiceBlock(choices=[("h2", "Section (h2)"), ("h3", "Subsection (h3)")], default="h2")

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        preview_value = {"text": "What we learned", "level": "h2"}
        description = "A heading that starts a new section of the page."


class ParagraphBlock(blocks.RichTextBlock):
    """Body text with the restricted rich-text feature set."""

    def __init__(self, **kwargs):
        super().__init__(features=RICH_TEXT_FEATURES, **kwargs)

    class Meta:
        icon = "pilcrow"
        template = "blocks/paragraph_block.html"
        preview_value = "<p>Teams interviewed customers at each step of the process.</p>"


class ImageBlock(blocks.StructBlock):
    """An image whose alternative text is required: the toolkit must be usable with a screen reader."""

    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(max_length=250, help_text="Describe what the image shows for people who cannot see it.")
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"


class QuoteBlock(blocks.StructBlock):
    """A customer's own words (a verbatim from research), which CX reports lean on."""

    quote = blocks.TextBlock()
    attribution = blocks.CharBlock(
        required=False, max_length=120, help_text="e.g. 'Veteran, 64, Ohio' — never a full name."
    )

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"
        preview_value = {"quote": "I didn't know which form to start with.", "attribution": "Applicant"}


class AlertBlock(blocks.StructBlock):
    """A USWDS alert for notes, cautions and tips that must stand out from the text."""

    kind = blocks.ChoiceBlock(
        choices=[("info", "Information"), ("success", "Tip"), ("warning", "Caution"), ("emergency", "Important")],
        default="info",
    )
    heading = blocks.CharBlock(required=False, max_length=120)
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "warning"
        template = "blocks/alert_block.html"
        preview_value = {"kind": "info", "heading": "Before you start", "text": "<p>Get consent first.</p>"}


class StepBlock(blocks.StructBlock):
    """One instruction in an ordered procedure."""

    title = blocks.CharBlock(max_length=120)
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, required=False)


class StepsBlock(blocks.StructBlock):
    """An ordered procedure rendered as a USWDS process list."""

    heading = blocks.CharBlock(required=False, max_length=120)
    steps = blocks.ListBlock(StepBlock(), min_num=1)

    class Meta:
        icon = "list-ol"
        template = "blocks/steps_block.html"
        preview_value = {"steps": [{"title": "Recruit participants", "text": "<p>Aim for six to eight.</p>"}]}


class VideoBlock(blocks.StructBlock):
    """An embedded video (oEmbed), with a caption that can carry a link to a transcript."""

    video = EmbedBlock(help_text="A YouTube or Vimeo URL.")
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "media"
        template = "blocks/video_block.html"


class DocumentBlock(blocks.StructBlock):
    """A downloadable file (a template, a worksheet) shown with its type and size."""

    document = DocumentChooserBlock()
    title = blocks.CharBlock(required=False, max_length=120, help_text="Defaults to the document's title.")
    description = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "doc-full"
        template = "blocks/document_block.html"


class AccordionItemBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=120)
    content = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)


class AccordionBlock(blocks.StructBlock):
    """Collapsible sections for detail most readers skip (FAQs, methodology)."""

    items = blocks.ListBlock(AccordionItemBlock(), min_num=1)

    class Meta:
        icon = "collapse-down"
        template = "blocks/accordion_block.html"
        preview_value = {"items": [{"title": "How did you recruit?", "content": "<p>Through the call centre.</p>"}]}


class LinkBlock(blocks.StructBlock):
    """A link to another toolkit page or to an outside resource."""

    title = blocks.CharBlock(max_length=120)
    page = blocks.PageChooserBlock(required=False)
    url = blocks.URLBlock(required=False)

    def clean(self, value):
        cleaned = super().clean(value)
        if not cleaned.get("page") and not cleaned.get("url"):
            raise blocks.StructBlockValidationError(
                block_errors={"url": ValidationError("Choose a page or enter a URL.")}
            )
        return cleaned


class RelatedLinksBlock(blocks.StructBlock):
    """A short list of further reading."""

    heading = blocks.CharBlock(default="Related resources", max_length=120)
    links = blocks.ListBlock(LinkBlock(), min_num=1)

    class Meta:
        icon = "link"
        template = "blocks/related_links_block.html"

    def get_context(self, value, parent_context=None):
        """Only the links a visitor can follow: a link to a page the public may not see (a draft,
        an expired or private page) is left out rather than shown as a dead end."""
        context = super().get_context(value, parent_context)
        page_ids = [link["page"].pk for link in value["links"] if link["page"]]
        visible_ids = set(visible_pages().filter(pk__in=page_ids).values_list("pk", flat=True)) if page_ids else set()
        context["links"] = [link for link in value["links"] if not link["page"] or link["page"].pk in visible_ids]
        return context


class TableWithCaptionBlock(blocks.StructBlock):
    """A data table; the caption is required because it names the table for screen readers."""

    caption = blocks.CharBlock(max_length=200)
    table = TableBlock(table_options={"startRows": 3, "startCols": 3})

    class Meta:
        icon = "table"
        template = "blocks/table_block.html"


def body_blocks():
    """The block set every knowledge-base body offers, in the order editors see it."""
    return [
        ("heading", HeadingBlock()),
        ("paragraph", ParagraphBlock()),
        ("image", ImageBlock()),
        ("quote", QuoteBlock()),
        ("alert", AlertBlock()),
        ("steps", StepsBlock()),
        ("video", VideoBlock()),
        ("document", DocumentBlock()),
        ("table", TableWithCaptionBlock()),
        ("accordion", AccordionBlock()),
        ("related_links", RelatedLinksBlock()),
    ]

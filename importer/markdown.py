"""Markdown with Hugo shortcodes → the raw data of a toolkit page's StreamField body.

markdown-it-py parses the Markdown; this module only decides what each top-level piece becomes:
headings → heading blocks, blockquotes → quote blocks, tables → table blocks, and runs of
paragraphs and lists → one paragraph (rich text) block. Shortcodes are handled first, as the rules
say (`importer.rules`). Rich text is cut down to the features the editor offers (bold, italic,
links, lists) with nh3, so raw HTML in a file can never carry a script or a style onto the site,
and an editor opening the page in Draftail sees exactly what visitors see.
"""

import html
import re
from dataclasses import dataclass, field

import nh3
from markdown_it import MarkdownIt

SHORTCODE = re.compile(r"{{[<%]\s*(?P<closing>/)?\s*(?P<name>[\w.-]+)(?P<args>.*?)\s*/?\s*[%>]}}", re.DOTALL)
SHORTCODE_ARGUMENT = re.compile(r"""([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))|"([^"]*)"|(\S+)""")
ALERT_KINDS = ("info", "success", "warning", "emergency")
# What Draftail's features (kb.blocks.RICH_TEXT_FEATURES) store: b, i, links, ordered and unordered lists.
RICH_TEXT_TAGS = {"p", "b", "i", "a", "ul", "ol", "li", "br"}
RICH_TEXT_RENAMES = (
    (re.compile(r"<(/?)strong\b[^>]*>"), r"<\1b>"),
    (re.compile(r"<(/?)em\b[^>]*>"), r"<\1i>"),
    # Headings inside a list, an alert or raw HTML cannot be heading blocks: keep them as bold lines.
    (re.compile(r"<h[1-6]\b[^>]*>"), "<p><b>"),
    (re.compile(r"</h[1-6]>"), "</b></p>"),
)
LINK_WITHOUT_TARGET = re.compile(r'<a(?: href="")?>(.*?)</a>', re.DOTALL)
LINK_WITHOUT_TEXT = re.compile(r"<a\b[^>]*>\s*</a>")
TAG = re.compile(r"<[^>]+>")
HEADING_LENGTH, CAPTION_LENGTH, ATTRIBUTION_LENGTH = 120, 200, 120
ATTRIBUTION_DASHES = ("—", "–", "―", "--")

parser = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


@dataclass
class Body:
    """A converted body: StreamField raw data, plus what the report should tell the person importing."""

    blocks: list = field(default_factory=list)
    notes: list = field(default_factory=list)
    first_paragraph: str = ""


def markdown_to_body(text, rules, table_caption="", media=None):
    """Convert a file's body. `table_caption` names tables that follow no heading (e.g. the page title).

    `media`, if given, resolves the names in image and document shortcodes to the site's own
    images and documents (see `importer.service.MediaLibrary`); without it they are dropped.
    """
    body = Body()
    converter = _BlockConverter(body, table_caption)
    for kind, value in _split_shortcodes(text, rules, body.notes, media):
        if kind == "markdown":
            converter.convert(value)
            continue
        if kind == "paired":
            action, spec, arguments, inner = value
            value = PAIRED_BLOCKS[action](spec, arguments, _replace_inline_shortcodes(inner, rules, body.notes))
            if value is None:
                body.notes.append(f"empty {action} shortcode removed")
                continue
        converter.flush()
        previous = body.blocks[-1] if body.blocks else None
        if value["type"] == "accordion" and previous and previous["type"] == "accordion":
            previous["value"]["items"].extend(value["value"]["items"])  # one accordion per run of items
        else:
            body.blocks.append(value)
    converter.flush()
    return body


def markdown_to_rich_text(text):
    """Markdown → Draftail-safe HTML (for rich-text fields and alert blocks)."""
    tokens = parser.parse(text or "")
    _hide_paragraphs_in_lists(tokens)
    return clean_rich_text(parser.renderer.render(tokens, parser.options, {}))


def clean_rich_text(html_text):
    for pattern, replacement in RICH_TEXT_RENAMES:
        html_text = pattern.sub(replacement, html_text)
    cleaned = nh3.clean(
        html_text,
        tags=RICH_TEXT_TAGS,
        attributes={"a": {"href"}},
        attribute_filter=_only_link_targets,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel=None,
    )
    cleaned = LINK_WITHOUT_TEXT.sub("", LINK_WITHOUT_TARGET.sub(r"\1", cleaned)).strip()
    return cleaned if plain_text(cleaned) else ""


def _only_link_targets(tag, attribute, value):
    # nh3 also allows generic attributes (title, lang) on every tag; the editor keeps none of them.
    return value if attribute == "href" else None


def plain_text(html_text):
    return " ".join(TAG.sub(" ", html_text).split())


# Shortcodes


def _split_shortcodes(text, rules, notes, media):
    """Yield ("markdown", text), ("paired", (action, spec, arguments, inner markdown)) and ("block", block).

    Shortcodes that become blocks of their own split the Markdown around them; every other shortcode
    is replaced inside the text, so a link built from `ref` stays in its sentence.
    """
    pieces, position, opened = [], 0, None
    for match in SHORTCODE.finditer(text):
        pieces.append(text[position : match.start()])
        position = match.end()
        name = match.group("name")
        spec = rules.shortcode(name)
        action = spec["action"]
        if match.group("closing"):
            if opened is not None and opened[0] == name:
                yield "paired", (action, opened[1], opened[2], "".join(pieces))
                pieces, opened = opened[3], None
            continue
        arguments = _arguments(match.group("args"))
        if action in PAIRED_BLOCKS and opened is None:
            yield "markdown", "".join(pieces)
            opened, pieces = (name, spec, arguments, []), []
            continue
        block = _standalone_block(action, arguments, media)
        if block is None:
            pieces.append(_inline_shortcode(name, action, arguments, notes))
            continue
        yield "markdown", "".join(pieces)
        pieces = []
        yield "block", block
    pieces.append(text[position:])
    if opened is not None:  # never closed: it runs to the end of the file
        yield "paired", (rules.shortcode(opened[0])["action"], opened[1], opened[2], "".join(pieces))
        pieces = opened[3]
    yield "markdown", "".join(pieces)


def _replace_inline_shortcodes(text, rules, notes):
    def replace(match):
        if match.group("closing"):
            return ""
        name = match.group("name")
        return _inline_shortcode(name, rules.shortcode(name)["action"], _arguments(match.group("args")), notes)

    return SHORTCODE.sub(replace, text)


def _inline_shortcode(name, action, arguments, notes):
    if action == "link":
        return _hugo_path(arguments.get(0, ""))
    if action == "button":
        href, label = arguments.get("href", ""), arguments.get("text", "")
        return f"[{label}]({href})" if href and label else label
    if action in ("image", "document"):
        notes.append(f"{action} dropped: {arguments.get('src') or arguments.get('name') or arguments.get(0) or name}")
    elif action in ("video", "quote"):
        notes.append(f"{name} shortcode without content removed")
    elif action != "unwrap":
        notes.append(f"{name} shortcode removed")
    return ""


def _standalone_block(action, arguments, media):
    """The block a standalone shortcode becomes, or None when it has nothing to show."""
    if action == "video":
        target = arguments.get("id") or arguments.get(0) or ""
        if not target:
            return None
        url = target if target.startswith("http") else f"https://www.youtube.com/watch?v={target}"
        return {"type": "video", "value": {"video": url, "caption": _truncate(arguments.get("title", ""), 250)}}
    if action == "quote":
        quote = " ".join(arguments.get("text", "").split())
        if not quote:
            return None
        return {"type": "quote", "value": {"quote": quote, "attribution": _truncate(arguments.get("cite", ""), 120)}}
    if action == "image" and media is not None:
        found = media.image(arguments.get("src") or arguments.get(0) or "")
        if found is None:
            return None
        image_id, alt_text = found
        value = {
            "image": image_id,
            "alt_text": _truncate(arguments.get("alt") or alt_text, 250),
            "caption": _truncate(arguments.get("caption", ""), 250),
        }
        return {"type": "image", "value": value}
    if action == "document" and media is not None:
        document_id = media.document(arguments.get("name") or arguments.get(0) or "")
        if document_id is None:
            return None
        value = {
            "document": document_id,
            "title": _truncate(arguments.get("title", ""), 120),
            "description": _truncate(arguments.get("description", ""), 250),
        }
        return {"type": "document", "value": value}
    return None


def _alert_block(spec, arguments, inner):
    rich_text = markdown_to_rich_text(inner)
    if not rich_text:
        return None
    kind = arguments.get("kind") or arguments.get("type") or spec.get("kind", "info")
    value = {
        "kind": kind if kind in ALERT_KINDS else "info",
        "heading": _truncate(arguments.get("heading") or arguments.get("title") or "", 120),
        "text": rich_text,
    }
    return {"type": "alert", "value": value}


def _accordion_block(spec, arguments, inner):
    """One accordion item (its title from the `title` argument); consecutive items share one block."""
    title, content = arguments.get("title") or arguments.get("kicker") or "", markdown_to_rich_text(inner)
    if not title or not content:
        return None
    return {"type": "accordion", "value": {"items": [{"title": _truncate(title, 120), "content": content}]}}


def _steps_block(spec, arguments, inner):
    """Steps written as a ### heading (the step's title) followed by its text."""
    steps = [{"title": _truncate(title, 120), "text": markdown_to_rich_text(text)} for title, text in _sections(inner)]
    if not steps:
        return None
    return {"type": "steps", "value": {"heading": _truncate(arguments.get("heading", ""), 120), "steps": steps}}


def _related_links_block(spec, arguments, inner):
    """A list of Markdown links; ``page:<slug>`` links to a toolkit page, resolved when the page is written."""
    links, current = [], None
    for token in parser.parse(inner):
        for child in token.children or ():
            if child.type == "link_open":
                current = {"href": child.attrGet("href") or "", "words": []}
            elif child.type == "link_close" and current is not None:
                href, title = current["href"], _truncate(" ".join(current["words"]), 120)
                page = href.removeprefix("page:") if href.startswith("page:") else None
                links.append({"title": title, "page": page, "url": "" if page else href})
                current = None
            elif current is not None and child.type in ("text", "code_inline"):
                current["words"].append(child.content)
    if not links:
        return None
    heading = _truncate(arguments.get("heading") or "Related resources", 120)
    return {"type": "related_links", "value": {"heading": heading, "links": links}}


PAIRED_BLOCKS = {
    "alert": _alert_block,
    "accordion": _accordion_block,
    "steps": _steps_block,
    "related": _related_links_block,
}


def _sections(markdown):
    """``(heading text, Markdown under it)`` for each heading of `markdown`."""
    sections, lines = [], markdown.splitlines()
    for line in lines:
        if line.startswith("#"):
            sections.append([line.lstrip("#").strip(), []])
        elif sections:
            sections[-1][1].append(line)
    return [(title, "\n".join(body)) for title, body in sections if title]


def _arguments(raw):
    """Shortcode arguments: named ones by name, positional ones by their index (0, 1...)."""
    arguments, index = {}, 0
    for name, double, single, bare, positional_quoted, positional in SHORTCODE_ARGUMENT.findall(raw):
        if name:
            arguments[name] = html.unescape(double or single or bare)
        else:
            arguments[index] = html.unescape(positional_quoted or positional)
            index += 1
    return arguments


def _hugo_path(target):
    """Hugo's ref "/guides/dap/_index.md" → the page's path "/guides/dap/"."""
    path = target.split("#")[0].strip().removesuffix(".md").removesuffix("_index").removesuffix("/index")
    parts = [part for part in path.split("/") if part]
    return "/" + "/".join(parts) + "/" if parts else ""


def _truncate(text, length):
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


# Markdown blocks


def _hide_paragraphs_in_lists(tokens):
    """Render list items without <p> (as markdown-it does for tight lists): Draftail list items hold text."""
    depth = 0
    for token in tokens:
        if token.type == "list_item_open":
            depth += 1
        elif token.type == "list_item_close":
            depth -= 1
        elif depth and token.type in ("paragraph_open", "paragraph_close"):
            token.hidden = True


def _inline_text(token):
    parts = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return " ".join("".join(parts).split())


class _BlockConverter:
    """Walks markdown-it's top-level tokens, collecting rich text until a block of its own interrupts it."""

    def __init__(self, body, table_caption):
        self.body = body
        self.table_caption = table_caption
        self.last_heading = ""
        self.caption = ""
        self.pending = []

    def convert(self, text):
        tokens = parser.parse(text)
        _hide_paragraphs_in_lists(tokens)
        index = 0
        while index < len(tokens):
            token = tokens[index]
            end = self._closing_index(tokens, index)
            inner = tokens[index : end + 1]
            self._note_images(inner)
            if token.type == "heading_open":
                self._heading(token, tokens[index + 1])
            elif token.type == "blockquote_open":
                self._quote(inner)
            elif token.type == "table_open":
                self._table(inner)
            elif self._is_table_caption(tokens, index, end):
                self.caption = _inline_text(tokens[index + 1]).removeprefix("Table:").strip()
            elif token.type != "hr":
                if token.type == "paragraph_open" and not self.body.first_paragraph:
                    self.body.first_paragraph = _inline_text(tokens[index + 1])
                self.pending.extend(inner)
            index = end + 1

    @staticmethod
    def _is_table_caption(tokens, index, end):
        """A "Table: ..." paragraph right before a table captions it (the convention pandoc reads)."""
        return (
            tokens[index].type == "paragraph_open"
            and tokens[index + 1].content.startswith("Table:")
            and end + 1 < len(tokens)
            and tokens[end + 1].type == "table_open"
        )

    def flush(self):
        if self.pending:
            rich_text = clean_rich_text(parser.renderer.render(self.pending, parser.options, {}))
            if rich_text:
                self.body.blocks.append({"type": "paragraph", "value": rich_text})
            self.pending = []

    @staticmethod
    def _closing_index(tokens, index):
        token = tokens[index]
        if token.nesting != 1:
            return index
        closing = token.type.removesuffix("_open") + "_close"
        for position in range(index + 1, len(tokens)):
            if tokens[position].type == closing and tokens[position].level == token.level:
                return position
        return len(tokens) - 1

    def _note_images(self, tokens):
        for token in tokens:
            for child in token.children or ():
                if child.type == "image":
                    self.body.notes.append(f"image dropped: {child.attrGet('src')}")

    def _heading(self, token, inline):
        text = _inline_text(inline)
        if not text:
            return
        self.flush()
        self.last_heading = text
        level = "h2" if token.tag in ("h1", "h2") else "h3"
        self.body.blocks.append({"type": "heading", "value": {"text": _truncate(text, HEADING_LENGTH), "level": level}})

    def _quote(self, tokens):
        paragraphs = [_inline_text(token) for token in tokens if token.type == "inline"]
        paragraphs = [paragraph for paragraph in paragraphs if paragraph]
        if not paragraphs:
            return
        attribution = ""
        if len(paragraphs) > 1 and paragraphs[-1].startswith(ATTRIBUTION_DASHES):
            attribution = _truncate(paragraphs.pop().lstrip("".join(ATTRIBUTION_DASHES) + " -"), ATTRIBUTION_LENGTH)
        self.flush()
        quote = {"quote": "\n\n".join(paragraphs), "attribution": attribution}
        self.body.blocks.append({"type": "quote", "value": quote})

    def _table(self, tokens):
        rows, row = [], None
        for token in tokens:
            if token.type == "tr_open":
                row = []
            elif token.type == "inline" and row is not None:
                row.append(_inline_text(token))
            elif token.type == "tr_close":
                rows.append(row)
                row = None
        if not rows:
            return
        caption, self.caption = self.caption, ""
        width = max(len(row) for row in rows)
        self.flush()
        self.body.blocks.append(
            {
                "type": "table",
                "value": {
                    "caption": _truncate(caption or self.last_heading or self.table_caption or "Table", CAPTION_LENGTH),
                    "table": {
                        "data": [row + [""] * (width - len(row)) for row in rows],
                        "first_row_is_table_header": True,
                        "first_col_is_header": False,
                        "table_caption": "",
                    },
                },
            }
        )

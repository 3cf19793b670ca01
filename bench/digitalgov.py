"""Read the digital.gov Markdown corpus as plain articles for the search benchmark.

The corpus (``../shared/corpora/digitalgov``, public domain) is real federal web writing, so word
frequencies, lengths and topic spread are realistic in a way random words are not: a common query
matches a few percent of pages, not most of them. It is read at run time and never copied into the
project. Only what a search needs is kept: title, summary, date, topic slugs and body paragraphs,
with Hugo shortcodes and Markdown syntax stripped.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import yaml

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "digitalgov"

SHORTCODE = re.compile(r"{{[<%].*?[%>]}}", re.DOTALL)
IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
HTML_TAG = re.compile(r"<[^>]+>")
MARKUP = re.compile(r"^[#>\-*+ \t]+|[*_`]+", re.MULTILINE)


@dataclass
class Article:
    path: str  # relative to the corpus's content/ folder
    title: str
    summary: str
    date: date
    topics: list
    paragraphs: list


def plain_text(markdown):
    """Markdown and Hugo shortcodes reduced to their words."""
    text = SHORTCODE.sub(" ", markdown)
    text = IMAGE.sub(" ", text)
    text = LINK.sub(r"\1", text)
    text = HTML_TAG.sub(" ", text)
    return MARKUP.sub("", text)


def parse(path, content):
    """One Markdown file as an Article, or None when it is not an article (no title or no text)."""
    source = path.read_text(encoding="utf-8", errors="replace").lstrip()
    if not source.startswith("---"):
        return None
    try:
        _blank, front, body = source.split("---", 2)
        meta = yaml.safe_load(front) or {}
    except (ValueError, yaml.YAMLError):
        return None
    title = str(meta.get("title") or "").strip()
    paragraphs = [" ".join(block.split()) for block in plain_text(body).split("\n\n")]
    paragraphs = [paragraph for paragraph in paragraphs if len(paragraph) > 20]
    # Summaries are sometimes placeholders ("summ"); link-out entries (an article published
    # elsewhere) have no body, and their deck is all the text digital.gov shows of them.
    blurbs = [" ".join(str(meta.get(key) or "").split()) for key in ("summary", "deck")]
    blurb = next((text for text in blurbs if len(text) > 20), "")
    paragraphs = paragraphs or ([blurb] if blurb else [])
    if not title or not paragraphs:
        return None
    published = meta.get("date")
    if isinstance(published, str):
        try:
            published = datetime.fromisoformat(published[:10]).date()
        except ValueError:
            published = None
    if isinstance(published, datetime):
        published = published.date()
    topics = meta.get("topics") or []
    return Article(
        path=path.relative_to(content).as_posix(),
        title=title[:250],
        summary=(blurb or paragraphs[0])[:500],
        date=published if isinstance(published, date) else date(2020, 1, 1),
        topics=[str(topic) for topic in topics if isinstance(topic, str)],
        paragraphs=paragraphs,
    )


def articles(path=DEFAULT_PATH, customer_experience_only=False):
    """Every article of the corpus (or only those cx-files.txt lists), in a stable order."""
    content = Path(path) / "content"
    if not content.is_dir():
        raise SystemExit(f"The digital.gov corpus is not at {path} (expected a content/ folder there).")
    if customer_experience_only:
        listed = (Path(path) / "cx-files.txt").read_text(encoding="utf-8").split()
        files = sorted(Path(path) / name for name in listed)
    else:
        files = sorted(content.rglob("*.md"))
    for file in files:
        article = parse(file, content)
        if article:
            yield article

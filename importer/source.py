"""Reading one Markdown file: its front matter and body, and the front-matter values made tidy.

Real files are messy (a blank line before the opening ``---``, titles wrapped over several lines,
HTML entities in titles, the same topic twice, dates with and without a time), so every value the
importer uses goes through one of the small functions here, which accept what real files hold and
turn it into one clean Python value.
"""

import datetime
import html
import re
from dataclasses import dataclass

import yaml
from django.utils import timezone
from django.utils.text import slugify

FRONT_MATTER = re.compile(r"\A\s*---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)(.*)\Z", re.DOTALL)
DATE_TIME = re.compile(
    r"(?P<date>\d{4}-\d{1,2}-\d{1,2})"
    r"(?:[T ]+(?P<time>\d{1,2}:\d{2}(?::\d{2})?)(?:\.\d+)?\s*(?P<zone>Z|[+-]\d{2}:?\d{2})?)?"
)
FILENAME_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})-")


class SkipFile(Exception):
    """The file cannot be imported; the message is the reason shown in the report."""


@dataclass
class SourceFile:
    key: str  # the path inside the import folder: the page's permanent link to its file
    front_matter: dict
    body: str


def read_source(path, key):
    """Read and split a file, or raise SkipFile saying why it cannot be imported."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SkipFile(f"not UTF-8 text (byte {error.start})") from error
    except OSError as error:
        raise SkipFile(f"cannot be read: {error.strerror}") from error
    match = FRONT_MATTER.match(text)
    if match is None:
        raise SkipFile("no front matter (the file must start with a --- block)")
    try:
        front_matter = yaml.safe_load(match.group(1))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark else ""
        raise SkipFile(f"broken front matter{where}: {getattr(error, 'problem', None) or error}") from error
    if front_matter is None:
        front_matter = {}
    if not isinstance(front_matter, dict):
        raise SkipFile("front matter is not a set of key: value pairs")
    return SourceFile(key=key, front_matter=front_matter, body=match.group(2))


def clean_text(value):
    """Plain text from a front-matter value: entities decoded once, whitespace (wrapped lines) collapsed."""
    if value is None or isinstance(value, (dict, list)):
        return ""
    return " ".join(html.unescape(str(value)).split())


def slug_list(value):
    """Taxonomy slugs from a front-matter list (or a single value), each once, in the order given."""
    values = value if isinstance(value, list) else [value] if value else []
    slugs = [slugify(clean_text(item)) for item in values]
    return list(dict.fromkeys(slug for slug in slugs if slug))


def text_list(value):
    values = value if isinstance(value, list) else [value] if value else []
    return [text for text in (clean_text(item) for item in values) if text]


def parse_datetime(value):
    """An aware datetime from a YAML date, datetime or string ("2024-06-28 16:36:00 -0500"), or None."""
    if isinstance(value, datetime.datetime):
        return value if timezone.is_aware(value) else timezone.make_aware(value)
    if isinstance(value, datetime.date):
        return timezone.make_aware(datetime.datetime.combine(value, datetime.time()))
    match = DATE_TIME.search(str(value or ""))
    if match is None:
        return None
    zone = match.group("zone") or ""
    if zone and zone != "Z" and ":" not in zone:
        zone = f"{zone[:3]}:{zone[3:]}"
    year, month, day = (int(part) for part in match.group("date").split("-"))
    try:
        moment = datetime.datetime.fromisoformat(
            f"{year:04d}-{month:02d}-{day:02d}T{match.group('time') or '00:00'}{zone.replace('Z', '+00:00')}"
        )
    except ValueError:
        return None
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def parse_date(value):
    """The calendar date as written (a time or time zone does not move it to another day)."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    moment = parse_datetime(value)
    return moment.replace(tzinfo=None).date() if moment else None


def date_from_filename(name):
    """Hugo news files are often named 2021-04-06-title.md: the date a file without `date` falls back to."""
    match = FILENAME_DATE.match(name)
    return parse_date(match.group(1)) if match else None

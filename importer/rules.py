"""The import rules: which page type a file becomes, what its old URL was, what each shortcode means.

They are data (``rules.yaml`` next to this module, or a file given with ``--rules``) so that a team
importing another site changes a YAML file, not the importer.
"""

import fnmatch
from dataclasses import dataclass, field
from pathlib import Path

import yaml

DEFAULT_RULES_FILE = Path(__file__).with_name("rules.yaml")
PAGE_TYPES = ("case-study", "tool", "agency-example")
SHORTCODE_ACTIONS = (
    "video",
    "alert",
    "quote",
    "image",
    "document",
    "accordion",
    "steps",
    "related",
    "link",
    "button",
    "unwrap",
    "remove",
)


class RulesError(ValueError):
    """The rules file itself is wrong: the import cannot start."""


@dataclass(frozen=True)
class PageTypeRule:
    page_type: str
    path: str = ""
    has: tuple = ()
    fields: dict = field(default_factory=dict)

    def matches(self, source_key, front_matter):
        if self.path and not fnmatch.fnmatch(source_key, self.path):
            return False
        return all(front_matter.get(key) not in (None, "", [], {}) for key in self.has)


@dataclass(frozen=True)
class Rules:
    skip: tuple  # (path globs, reason)
    page_types: tuple
    default_type: str
    placeholder_summaries: frozenset
    old_urls: tuple
    content_folder: str
    shortcodes: dict

    def skip_reason(self, source_key):
        """Why a file is not imported at all, or "" when it is."""
        for globs, reason in self.skip:
            if any(fnmatch.fnmatch(source_key, glob) for glob in globs):
                return reason
        return ""

    def page_type_for(self, source_key, front_matter):
        """``(page type, default fields)`` for a file: its own `type:` first, then the first matching rule."""
        declared = str(front_matter.get("type") or "").strip().lower()
        if declared in PAGE_TYPES:
            return declared, {}
        for rule in self.page_types:
            if rule.matches(source_key, front_matter):
                return rule.page_type, dict(rule.fields)
        return self.default_type, {}

    def is_placeholder(self, summary):
        return " ".join(summary.split()).lower() in self.placeholder_summaries

    def old_url_for(self, source_key, slug, date):
        """The URL the file had on its old site, or "" when no pattern matches."""
        folder = str(Path(source_key).parent)
        if self.content_folder and (folder + "/").startswith(self.content_folder + "/"):
            folder = folder[len(self.content_folder) + 1 :]
        for path, template in self.old_urls:
            if fnmatch.fnmatch(source_key, path):
                if date is None and any(part in template for part in ("{year}", "{month}", "{day}")):
                    return ""  # a dated permalink for an undated file: there is no way to know it
                days = {"year": f"{date:%Y}", "month": f"{date:%m}", "day": f"{date:%d}"} if date else {}
                url = template.format(slug=slug, folder=folder.strip("/."), **days)
                return "/" + "/".join(part for part in url.split("/") if part) + "/"
        return ""

    def shortcode(self, name):
        """What a shortcode becomes: a dict with at least ``action``."""
        return self.shortcodes.get(name, {"action": "remove"})


def load_rules(path=DEFAULT_RULES_FILE):
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as error:
        raise RulesError(f"Cannot read the rules file {path}: {error}") from error
    page_types = []
    for rule in data.get("page_types") or ():
        if rule.get("type") not in PAGE_TYPES:
            raise RulesError(f"Unknown page type {rule.get('type')!r} in {path}; use one of {', '.join(PAGE_TYPES)}.")
        path_glob, required = str(rule.get("path") or ""), tuple(rule.get("has") or ())
        page_types.append(PageTypeRule(rule["type"], path_glob, required, rule.get("fields") or {}))
    default_type = data.get("default_type", "agency-example")
    if default_type not in PAGE_TYPES:
        raise RulesError(f"Unknown default_type {default_type!r} in {path}.")
    shortcodes = {}
    for name, spec in (data.get("shortcodes") or {}).items():
        if not isinstance(spec, dict) or spec.get("action") not in SHORTCODE_ACTIONS:
            raise RulesError(f"Shortcode {name!r} in {path} needs an action among {', '.join(SHORTCODE_ACTIONS)}.")
        shortcodes[str(name)] = spec
    skip = []
    for entry in data.get("skip") or ():
        globs = entry.get("path") or ()
        globs = (globs,) if isinstance(globs, str) else tuple(globs)
        skip.append((globs, str(entry.get("reason") or "skipped by rule")))
    return Rules(
        skip=tuple(skip),
        page_types=tuple(page_types),
        default_type=default_type,
        placeholder_summaries=frozenset(str(text).lower() for text in data.get("placeholder_summaries") or ()),
        old_urls=tuple((entry["path"], entry["url"]) for entry in data.get("old_urls") or ()),
        content_folder=str(data.get("content_folder") or "").strip("/"),
        shortcodes=shortcodes,
    )

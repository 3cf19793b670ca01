"""Importing Markdown files as toolkit pages: one page per file, found again by the file's path.

Each file is planned first (read, converted, compared with what was imported before) without
writing anything, which is all ``--dry-run`` does. Writing happens in its own transaction per file,
so a file that fails leaves nothing half-written and the others go on.

Pages reach the site the way the admin puts them there: a new revision, then either publication
(``publish=True``) or a submission to the review workflow. A file whose converted content is the same
as last time (its digest matches) is left alone, so a second identical run writes no new revision.
"""

import datetime
import hashlib
import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils import timezone
from django.utils.html import format_html
from django.utils.text import slugify
from wagtail.contrib.redirects.models import Redirect

from kb.models import (
    AgencyExampleIndexPage,
    AgencyExamplePage,
    ArtifactType,
    CaseStudyIndexPage,
    CaseStudyMetric,
    CaseStudyPage,
    CXPhase,
    KnowledgePage,
    SkillLevel,
    ToolDownload,
    ToolIndexPage,
    ToolPage,
    ToolType,
)

from .loads import LOAD_PUBLISH_ACTION, content_load
from .markdown import markdown_to_body, markdown_to_rich_text
from .rules import load_rules
from .source import (
    SkipFile,
    clean_text,
    date_from_filename,
    parse_date,
    parse_datetime,
    read_source,
    slug_list,
    text_list,
)
from .taxonomy import TermFinder

PAGE_MODELS = {
    "case-study": (CaseStudyPage, CaseStudyIndexPage),
    "tool": (ToolPage, ToolIndexPage),
    "agency-example": (AgencyExamplePage, AgencyExampleIndexPage),
}
# Fields of each page type a file may set directly, with the choices that make a value valid.
CHOICE_FIELDS = {
    "case-study": {},
    "tool": {"tool_type": ToolType, "cx_phase": CXPhase, "skill_level": SkillLevel},
    "agency-example": {"artifact_type": ArtifactType},
}
SUMMARY_LENGTH = 500
METRIC_LENGTHS = {"label": 120, "value": 30, "unit": 30, "baseline": 60}
STATUSES = ("created", "updated", "unchanged", "redirected", "skipped", "failed")
is_url = URLValidator(schemes=["http", "https"])


@dataclass
class Outcome:
    """What happened (or, in a dry run, would happen) to one file."""

    key: str
    status: str
    reason: str = ""
    title: str = ""
    page_id: int = None
    notes: list = field(default_factory=list)


@dataclass
class ImportReport:
    outcomes: list = field(default_factory=list)

    def counts(self):
        counts = Counter(outcome.status for outcome in self.outcomes)
        return {status: counts[status] for status in STATUSES}

    def reasons(self, status="skipped"):
        """How many files were skipped (or failed) for each reason, most frequent first."""
        return Counter(outcome.reason for outcome in self.outcomes if outcome.status == status).most_common()

    def notes(self):
        return Counter(note.split(":")[0] for outcome in self.outcomes for note in outcome.notes).most_common()


@dataclass
class PageData:
    """Everything the importer will write for one file, as plain values (so it can be hashed)."""

    page_type: str
    title: str
    slug: str
    summary: str
    publication_date: datetime.date = None
    review_by: datetime.date = None
    expire_at: datetime.datetime = None
    topics: list = field(default_factory=list)
    agencies: list = field(default_factory=list)
    life_events: list = field(default_factory=list)
    source: str = ""
    fields: dict = field(default_factory=dict)
    metrics: list = field(default_factory=list)
    downloads: list = field(default_factory=list)  # [(document id, description)]
    body: list = field(default_factory=list)
    old_paths: list = field(default_factory=list)

    def digest(self):
        return hashlib.sha256(json.dumps(asdict(self), sort_keys=True, default=str).encode()).hexdigest()


def markdown_files(paths, base=None):
    """``(file, key)`` for every Markdown file under `paths`.

    The key (the page's link to its file) is the path inside `base` when given, else inside the
    folder argument, else the file name: import from the same folder to update the same pages.
    """
    base = Path(base).resolve() if base else None
    for given in map(Path, paths):
        found = sorted(given.rglob("*.md")) if given.is_dir() else [given]
        for path in found:
            if base is not None:
                key = path.resolve().relative_to(base)
            else:
                key = path.relative_to(given) if given.is_dir() else Path(path.name)
            yield path, key.as_posix()


class MediaLibrary:
    """The images and documents that files may name in shortcodes (``{{< img src="name" >}}``).

    Markdown never carries the files themselves; whoever runs the import (the demo loader, for one)
    says which of the site's images and documents each name stands for. Names not listed here are
    dropped with a note.
    """

    def __init__(self, images=None, documents=None):
        self.images = images or {}
        self.documents = documents or {}

    def image(self, name):
        """``(image id, default alt text)``, or None."""
        image = self.images.get(name)
        return (image.pk, image.description or image.title) if image else None

    def document(self, name):
        document = self.documents.get(name)
        return document.pk if document else None


# What a content load of the importer's own is called (the demo loader runs it inside "demo content").
LOAD_LABEL = "import_markdown --publish"


class MarkdownImporter:
    def __init__(self, rules=None, publish=False, dry_run=False, user=None, today=None, media=None, adopt=False):
        """`adopt`: a file may take over a page of its section with its slug that no file has claimed
        (the demo loader uses it for demo pages created before the demo was Markdown)."""
        self.rules = rules or load_rules()
        self.media = media
        self.adopt = adopt
        self.publish = publish
        self.dry_run = dry_run
        self.user = user
        self.today = today or timezone.localdate()
        self.terms = TermFinder()

    def run(self, files, progress=None):
        """Import ``(path, key)`` pairs; `progress`, if given, is called with each Outcome. Pages
        published are published as one content load (importer/loads.py), named after the command
        unless the caller runs it inside a load of its own."""
        report = ImportReport()
        with content_load(LOAD_LABEL, user=self.user):
            for path, key in files:
                outcome = self.import_file(path, key)
                report.outcomes.append(outcome)
                if progress:
                    progress(outcome)
        return report

    def import_file(self, path, key):
        try:
            if reason := self.rules.skip_reason(key):
                raise SkipFile(reason)
            source = read_source(Path(path), key)
            if source.front_matter.get("redirectto"):
                return self._import_redirect(source, path)
            data, notes = self.plan(source)
            existing = KnowledgePage.objects.filter(import_source=key).first() or self._adoptable(data)
            status = self._status(data, existing)
            if self.dry_run or status == "unchanged":
                page_id = existing.pk if existing else None
                return Outcome(key, status, title=data.title, page_id=page_id, notes=notes)
            with content_load(LOAD_LABEL, user=self.user) as load:
                with transaction.atomic():
                    page, published = self._write(source, path, data, existing)
                load.published += published
            return Outcome(key, status, title=data.title, page_id=page.pk, notes=notes)
        except SkipFile as reason:
            return Outcome(key, "skipped", reason=str(reason))
        except ValidationError as error:
            return Outcome(key, "skipped", reason="invalid: " + "; ".join(error.messages))
        except Exception as error:  # one file's surprise must not stop a long import: report it and go on
            return Outcome(key, "failed", reason=f"{type(error).__name__}: {error}")

    # Planning: no writes

    def plan(self, source):
        """``(PageData, notes)`` for a file, or SkipFile."""
        meta = source.front_matter
        title = clean_text(meta.get("title"))
        if not title:
            raise SkipFile("no title")
        page_type, rule_fields = self.rules.page_type_for(source.key, meta)
        body = markdown_to_body(source.body, self.rules, table_caption=title, media=self.media)
        notes = list(body.notes) + [f"link to an unknown page dropped: {slug}" for slug in _unknown_pages(body.blocks)]
        source_url = _url(meta.get("source_url"))
        if not body.blocks and source_url:
            # A link-out stub: the article lives elsewhere, so the page says where.
            host = urlsplit(source_url).hostname
            link = format_html('<p>Read the full article on <a href="{}">{}</a>.</p>', source_url, host)
            body.blocks.append({"type": "paragraph", "value": str(link)})
        summary = self._summary(meta, body.first_paragraph) or title
        publication_date = parse_date(meta.get("date")) or date_from_filename(Path(source.key).name)
        if publication_date is None:
            notes.append("no date: the import date is used")
        slug = _slug(meta.get("slug"), source.key)
        data = PageData(
            page_type=page_type,
            title=title[:255],
            slug=slug,
            summary=summary,
            publication_date=publication_date,
            review_by=self._review_by(meta),
            expire_at=parse_datetime(meta.get("expirydate") or meta.get("expire_at")),
            topics=slug_list(meta.get("topics")),
            agencies=slug_list(meta.get("agencies")),
            life_events=slug_list(meta.get("life_events")),
            source=slugify(clean_text(meta.get("source"))),
            fields=self._specific_fields(page_type, rule_fields, meta, source_url, notes),
            metrics=[_metric(metric) for metric in meta.get("metrics") or () if isinstance(metric, dict)],
            downloads=self._downloads(meta.get("downloads"), notes) if page_type == "tool" else [],
            body=body.blocks,
            old_paths=self._old_paths(source.key, meta, slug, publication_date),
        )
        if page_type == "case-study":
            missing = [name for name in ("challenge", "approach", "results") if not data.fields.get(name)]
            if missing:
                raise SkipFile(f"a case study needs {', '.join(missing)}")
        return data, notes

    def _summary(self, meta, first_paragraph):
        for candidate in (meta.get("summary"), meta.get("deck"), meta.get("description"), first_paragraph):
            text = clean_text(candidate)
            if not self.rules.is_placeholder(text):
                return text if len(text) <= SUMMARY_LENGTH else text[: SUMMARY_LENGTH - 1].rstrip() + "…"
        return ""

    def _review_by(self, meta):
        if meta.get("review_in_days") not in (None, ""):
            try:
                return self.today + datetime.timedelta(days=int(meta["review_in_days"]))
            except (TypeError, ValueError):
                raise SkipFile("review_in_days is not a number") from None
        return parse_date(meta.get("review_by"))

    def _specific_fields(self, page_type, rule_fields, meta, source_url, notes):
        values = {}
        for name, choices in CHOICE_FIELDS[page_type].items():
            value = clean_text(meta.get(name) or rule_fields.get(name)).lower()
            if value and value not in choices.values:
                notes.append(f"unknown {name} {value!r}: the default is used")
                value = ""
            if value:
                values[name] = value
        if page_type == "case-study":
            for name in ("challenge", "approach", "results"):
                values[name] = markdown_to_rich_text(str(meta.get(name) or ""))
            values["source_url"] = source_url
            values["source_title"] = clean_text(meta.get("source_title"))[:200]
        elif page_type == "tool":
            values["time_needed"] = clean_text(meta.get("time_needed"))[:60]
            values["instructions"] = _instructions(meta.get("instructions"))
        else:
            values["original_url"] = _url(meta.get("original_url")) or source_url
            values["exemplifies"] = slugify(clean_text(meta.get("exemplifies")))
        return values

    def _downloads(self, value, notes):
        """A tool's downloadable files: ``[{document: name, description: ...}]`` resolved through the media library."""
        downloads = []
        for item in value if isinstance(value, list) else ():
            name = clean_text(item.get("document") if isinstance(item, dict) else item)
            document_id = self.media.document(name) if self.media else None
            if document_id is None:
                notes.append(f"download dropped: {name}")
                continue
            description = clean_text(item.get("description")) if isinstance(item, dict) else ""
            downloads.append((document_id, description[:250]))
        return downloads

    def _adoptable(self, data):
        if not self.adopt:
            return None
        model, section_model = PAGE_MODELS[data.page_type]
        section = section_model.objects.first()
        if section is None:
            return None
        return model.objects.child_of(section).filter(slug=data.slug, import_source__isnull=True).first()

    def _old_paths(self, key, meta, slug, publication_date):
        paths = [_path(alias) for alias in text_list(meta.get("aliases"))]
        paths.append(self.rules.old_url_for(key, slug, publication_date))
        return list(dict.fromkeys(path for path in paths if path))

    def _status(self, data, existing):
        if existing is None:
            return "created"
        model, _section = PAGE_MODELS[data.page_type]
        if existing.specific_class is not model:
            kind = existing.specific_class._meta.verbose_name
            raise SkipFile(f"already imported as a {kind}; delete that page to change its type")
        if existing.import_digest == data.digest() and (
            not self.publish or (existing.live and not existing.has_unpublished_changes) or self._expired(data)
        ):
            return "unchanged"
        return "updated"

    def _expired(self, data):
        return data.expire_at is not None and data.expire_at <= timezone.now()

    # Writing

    def _write(self, source, path, data, existing):
        model, section_model = PAGE_MODELS[data.page_type]
        section = section_model.objects.first()
        if section is None:
            raise SkipFile(f"no {section_model._meta.verbose_name} page to import into (run manage.py setup)")
        page = existing.specific if existing else model(live=False)
        page.import_source = source.key
        page.title = page.draft_title = data.title
        page.slug = _free_slug(section, data.slug, page)
        page.summary = data.summary
        if data.publication_date:
            page.publication_date = data.publication_date
        page.review_by = data.review_by or (page.publication_date + datetime.timedelta(days=365))
        page.expire_at = data.expire_at
        page.import_digest = data.digest()
        for name, value in data.fields.items():
            if name == "exemplifies":
                value = ToolPage.objects.filter(slug=value).first() if value else None
            setattr(page, name, value)
        page.body = _resolve_page_links(data.body)
        if data.page_type == "case-study":
            page.metrics = [CaseStudyMetric(**metric) for metric in data.metrics]
        if data.page_type == "tool":
            page.downloads = [ToolDownload(document_id=pk, description=text) for pk, text in data.downloads]
        page.topics = self.terms.topics(data.topics, path)
        page.agencies = self.terms.agencies(data.agencies, data.source, path)
        page.life_events = self.terms.life_events(data.life_events)
        if existing is None:
            if data.publication_date:
                # Imported pages were first published on their date, not on the day of the import.
                published = datetime.datetime.combine(data.publication_date, datetime.time(10))
                page.first_published_at = timezone.make_aware(published)
            section.add_child(instance=page)
        else:
            page.full_clean()
        revision = page.save_revision(user=self.user, clean=False)
        # A draft revision leaves the page's row alone; these two must be there at once to match the file.
        KnowledgePage.objects.filter(pk=page.pk).update(import_source=source.key, import_digest=page.import_digest)
        published = False
        if self._expired(data):
            if page.live:
                page.unpublish(user=self.user)
        elif self.publish:
            revision.publish(user=self.user, log_action=LOAD_PUBLISH_ACTION)
            published = True
        else:
            workflow = page.get_workflow()
            if workflow is not None and not page.workflow_in_progress:
                workflow.start(page, user=self.user)
        for old_path in data.old_paths:
            _redirect(old_path, page=page)
        return page, published

    def _import_redirect(self, source, path):
        """A file whose page has moved elsewhere: its old URLs redirect to the new place, no page is made."""
        target = _url(source.front_matter.get("redirectto")) or _path(source.front_matter.get("redirectto"))
        if not target:
            raise SkipFile("redirectto is not a URL")
        meta = source.front_matter
        slug = _slug(meta.get("slug"), source.key)
        publication_date = parse_date(meta.get("date")) or date_from_filename(Path(source.key).name)
        old_paths = self._old_paths(source.key, meta, slug, publication_date)
        if not old_paths:
            raise SkipFile("redirectto without an old URL to redirect from")
        title = clean_text(meta.get("title"))
        current = {
            redirect.old_path: redirect.redirect_link
            for redirect in Redirect.objects.filter(old_path__in=[Redirect.normalise_path(p) for p in old_paths])
        }
        if all(current.get(Redirect.normalise_path(old_path)) == target for old_path in old_paths):
            return Outcome(source.key, "unchanged", title=title, reason=f"redirects to {target}")
        if not self.dry_run:
            with transaction.atomic():
                for old_path in old_paths:
                    _redirect(old_path, link=target)
        return Outcome(source.key, "redirected", title=title, reason=f"redirects to {target}")


def _redirect(old_path, page=None, link=""):
    old_path = Redirect.normalise_path(old_path)
    if page is not None and old_path == Redirect.normalise_path(page.url_path.split("/", 2)[-1]):
        return
    Redirect.objects.update_or_create(
        old_path=old_path,
        site=None,
        defaults={"redirect_page": page, "redirect_link": link, "is_permanent": True},
    )


def _unknown_pages(blocks):
    """Slugs of ``page:<slug>`` links that name no toolkit page (yet: files are imported in path order)."""
    slugs = {
        link["page"]
        for block in blocks
        if block["type"] == "related_links"
        for link in block["value"]["links"]
        if link["page"]
    }
    return sorted(slugs - set(KnowledgePage.objects.filter(slug__in=slugs).values_list("slug", flat=True)))


def _resolve_page_links(blocks):
    """Related links written as ``page:<slug>`` point at the toolkit page with that slug (dropped if none)."""
    resolved = []
    for block in blocks:
        if block["type"] == "related_links":
            links = []
            for link in block["value"]["links"]:
                if link["page"]:
                    page = KnowledgePage.objects.filter(slug=link["page"]).first()
                    if page is None:
                        continue
                    link = {**link, "page": page.pk}
                links.append(link)
            if not links:
                continue
            block = {**block, "value": {**block["value"], "links": links}}
        resolved.append(block)
    return resolved


def _slug(value, key):
    name = Path(key)
    fallback = name.parent.name if name.stem in ("_index", "index") else name.stem
    return (slugify(clean_text(value)) or slugify(fallback) or "imported-page")[:255]


def _free_slug(section, slug, page):
    """`slug`, or `slug-2`, `slug-3`... if another page in the section already has it."""
    siblings = section.get_children().exclude(pk=page.pk) if page.pk else section.get_children()
    taken = set(siblings.filter(slug__startswith=slug).values_list("slug", flat=True))
    candidate, number = slug, 1
    while candidate in taken:
        number += 1
        candidate = f"{slug[:250]}-{number}"
    return candidate


def _url(value):
    url = clean_text(value)
    try:
        is_url(url)
    except ValidationError:
        return ""
    return url[:200]


def _path(value):
    """An old URL ("/communities/x/" or "https://digital.gov/communities/x/") as a site path."""
    path = urlsplit(clean_text(value)).path
    return "/" + path.strip("/") + "/" if path.strip("/") else ""


def _metric(metric):
    return {name: clean_text(metric.get(name))[:length] for name, length in METRIC_LENGTHS.items()}


def _instructions(value):
    """Tool instructions from front matter (``{heading, steps: [{title, text}]}``) as StreamField data."""
    if not isinstance(value, dict) or not isinstance(value.get("steps"), list):
        return []
    steps = [
        {"title": clean_text(step.get("title"))[:120], "text": markdown_to_rich_text(str(step.get("text") or ""))}
        for step in value["steps"]
        if isinstance(step, dict) and clean_text(step.get("title"))
    ]
    if not steps:
        return []
    return [{"type": "steps", "value": {"heading": clean_text(value.get("heading"))[:120], "steps": steps}}]

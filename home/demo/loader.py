"""Write the demo content to the database, creating only what is missing.

Taxonomy terms are looked up by slug, images and documents by title inside the "Demo content"
collection, and pages are imported from ``pages/`` by `importer`, which finds each page again by its
file. A second run therefore writes nothing: no duplicate pages or terms, no extra files and no new
page revisions. A demo page an editor has changed is left as it is until its file changes.

Pages are published through the importer (a revision, then ``publish()``), the same path the admin
takes, so the signals that keep the search index up to date fire for demo pages as for any other.
They are published as one content load (importer/loads.py): logged and reported once as "demo
content", not as a publish without review per page.
"""

import csv
import hashlib
import io
from collections import Counter
from pathlib import Path

import yaml
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from home.models import HomePageFeaturedPage
from home.site_structure import ensure_site_structure
from importer.loads import content_load
from importer.markdown import markdown_to_rich_text
from importer.service import MarkdownImporter, MediaLibrary, markdown_files
from kb.models import Agency, KnowledgePage, LifeEvent, Topic

from . import images

DEMO = Path(__file__).parent
PAGES = DEMO / "pages"
COLLECTION_NAME = "Demo content"
# Page folders in the order they are imported: later pages link to and exemplify earlier ones.
PAGE_FOLDERS = (("tools", "tool"), ("case-studies", "case_study"), ("agency-examples", "agency_example"))

# What the progress report calls each kind of thing (singular, plural), in the order it is created.
LABELS = {
    "agency": ("agency", "agencies"),
    "topic": ("topic", "topics"),
    "life_event": ("life event", "life events"),
    "image": ("image", "images"),
    "document": ("document", "documents"),
    "tool": ("tool", "tools"),
    "case_study": ("case study", "case studies"),
    "agency_example": ("agency example", "agency examples"),
    "section_intro": ("section introduction", "section introductions"),
}


def read_data(name):
    return yaml.safe_load((DEMO / name).read_text(encoding="utf-8"))


class DemoImportError(Exception):
    """A demo file could not be imported: the demo itself is wrong, so loading stops."""


class DemoContentLoader:
    """Loads the demo into the database. Call `load()`; it returns a Counter of what it created."""

    def __init__(self, today=None):
        self.today = today or timezone.localdate()
        self.created = Counter()

    @transaction.atomic
    def load(self, progress=None):
        """Create whatever is missing. `progress`, if given, receives a line of text after each step
        that created something, so a long first run is not silent."""
        self.progress = progress or (lambda line: None)
        home, sections = ensure_site_structure()
        self.collection = self.ensure_collection()
        self.load_taxonomy(read_data("taxonomy.yaml"))
        self.report("agency", "topic", "life_event")
        media = read_data("media.yaml")
        library = MediaLibrary(
            images={key: self.ensure_image(spec) for key, spec in media["images"].items()},
            documents={key: self.ensure_document(spec) for key, spec in media["documents"].items()},
        )
        self.report("image", "document")
        importer = MarkdownImporter(publish=True, today=self.today, media=library, adopt=True)
        # One load, logged once as "demo content", not as a publish without review per page.
        with content_load("demo content"):
            for folder, label in PAGE_FOLDERS:
                report = importer.run(markdown_files([PAGES / folder], base=PAGES))
                # The demo is ours: anything the importer had to skip or drop is a mistake in it.
                problems = [
                    f"{outcome.key}: {problem}"
                    for outcome in report.outcomes
                    for problem in ([outcome.reason] if outcome.status in ("skipped", "failed") else []) + outcome.notes
                ]
                if problems:
                    raise DemoImportError("; ".join(problems))
                if created := report.counts()["created"]:
                    self.created[label] += created
                self.report(label)
        site = read_data("site.yaml")
        for model, section in sections.items():
            self.ensure_section_intro(section, site["section_intros"][model.__name__])
        self.ensure_home(home, site)
        self.report("section_intro", "home")
        return self.created

    def report(self, *keys):
        step = Counter({key: self.created[key] for key in keys if self.created[key]})
        if step:
            self.progress(describe(step))

    # Collections, taxonomy, images and documents

    def ensure_collection(self):
        root = Collection.get_first_root_node()
        existing = root.get_children().filter(name=COLLECTION_NAME).first()
        return existing or root.add_child(name=COLLECTION_NAME)

    def load_taxonomy(self, taxonomy):
        for spec in taxonomy["topics"]:
            self.ensure_term(Topic, "topic", spec)
        for spec in taxonomy["life_events"]:
            self.ensure_term(LifeEvent, "life_event", spec)
        # Parents are listed before their sub-agencies, so they already exist when referred to.
        for spec in taxonomy["agencies"]:
            fields = {key: value for key, value in spec.items() if key != "parent"}
            if spec.get("parent"):
                fields["parent"] = Agency.objects.get(slug=spec["parent"])
            self.ensure_term(Agency, "agency", fields)

    def ensure_term(self, model, label, fields):
        """Find a term by slug (or, failing that, by its unique name) and create it only if missing."""
        term = model.objects.filter(slug=fields["slug"]).first() or model.objects.filter(name=fields["name"]).first()
        if term is None:
            term = model.objects.create(**fields)
            self.created[label] += 1
        return term

    def ensure_image(self, spec):
        image_model = get_image_model()
        image = image_model.objects.filter(collection=self.collection, title=spec["title"]).first()
        if image is None:
            data = images.render(spec["kind"], **spec["data"])
            image = image_model(
                title=spec["title"],
                description=spec["alt"],
                collection=self.collection,
                file=ImageFile(io.BytesIO(data), name=spec["filename"]),
                file_size=len(data),
                file_hash=hashlib.sha1(data).hexdigest(),
            )
            image.save()
            self.created["image"] += 1
        return image

    def ensure_document(self, spec):
        document_model = get_document_model()
        document = document_model.objects.filter(collection=self.collection, title=spec["title"]).first()
        if document is None:
            data = document_bytes(spec)
            document = document_model(
                title=spec["title"],
                collection=self.collection,
                file=ContentFile(data, name=spec["filename"]),
                file_size=len(data),
                file_hash=hashlib.sha1(data).hexdigest(),
            )
            document.save()
            self.created["document"] += 1
        return document

    # Section and home pages

    def ensure_section_intro(self, section, intro):
        """Give a section its introduction once; an intro an editor has written is never replaced."""
        # Read afresh: pages were added under it since `section` was loaded, and publishing a stale copy
        # would write back its old tree fields (child count), hiding those pages from URL routing.
        section = section.specific_class.objects.get(pk=section.pk)
        if section.intro:
            return
        section.intro = markdown_to_rich_text(intro)
        section.save_revision().publish()
        self.created["section_intro"] += 1

    def ensure_home(self, home, site):
        """Write the home page introduction and featured pages if the home page has neither yet."""
        home = home.specific_class.objects.get(pk=home.pk)
        changed = False
        if not home.intro:
            home.intro = markdown_to_rich_text(site["home_intro"])
            changed = True
        if not home.featured_pages.exists():
            pages = {
                page.slug: page for page in KnowledgePage.objects.descendant_of(home).filter(slug__in=site["featured"])
            }
            home.featured_pages = [
                HomePageFeaturedPage(featured_page=pages[slug], sort_order=index)
                for index, slug in enumerate(site["featured"])
            ]
            changed = True
        if changed:
            home.save_revision().publish()
            self.created["home"] += 1


def document_bytes(spec):
    """A document's file content: its text as written, or its rows written out as CSV."""
    if "rows" in spec:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerows(spec["rows"])
        return buffer.getvalue().encode("utf-8")
    return spec["text"].encode("utf-8")


def describe(created):
    """The progress line the command prints, e.g. 'Created 12 case studies, 8 tools...'."""
    if not created:
        return "Demo content is already loaded: nothing to do."
    parts = [
        f"{created[key]} {singular if created[key] == 1 else plural}"
        for key, (singular, plural) in LABELS.items()
        if created[key]
    ]
    if created["home"]:
        parts.append("the home page introduction and featured pages")
    return "Created " + ", ".join(parts) + "."

"""Write the demo content to the database, creating only what is missing.

Everything is looked up by a stable key before it is created: taxonomy terms and pages by slug,
images and documents by title inside the "Demo content" collection. A second run therefore finds
everything in place and writes nothing: no duplicate pages or terms, no extra files and no new
page revisions. Pages that already exist are left exactly as they are, so an editor's changes to a
demo page survive a reload.

Pages are published with ``save_revision().publish()``, the same path the admin takes, so the
signals that keep the search index up to date fire for demo pages as for any other.
"""

import csv
import datetime
import hashlib
import io
from collections import Counter

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from home.models import HomePageFeaturedPage
from home.site_structure import ensure_site_structure
from kb.models import (
    Agency,
    AgencyExampleIndexPage,
    AgencyExamplePage,
    CaseStudyIndexPage,
    CaseStudyMetric,
    CaseStudyPage,
    LifeEvent,
    ToolDownload,
    ToolIndexPage,
    ToolPage,
    Topic,
)

from . import content, images

COLLECTION_NAME = "Demo content"

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


class DemoContentLoader:
    """Loads `kb.demo.content` into the database. Call `load()`; it returns a Counter of what it created."""

    def __init__(self, today=None):
        self.today = today or timezone.localdate()
        self.created = Counter()
        self.images = {}
        self.documents = {}
        self.pages = {}

    @transaction.atomic
    def load(self, progress=None):
        """Create whatever is missing. `progress`, if given, receives a line of text after each step
        that created something, so a long first run is not silent."""
        self.progress = progress or (lambda line: None)
        home, sections = ensure_site_structure()
        self.collection = self.ensure_collection()
        self.load_taxonomy()
        self.report("agency", "topic", "life_event")
        for key, spec in content.IMAGES.items():
            self.images[key] = self.ensure_image(spec)
        for key, spec in content.DOCUMENTS.items():
            self.documents[key] = self.ensure_document(spec)
        self.report("image", "document")
        # Tools first, then case studies, then examples: later pages link to and exemplify earlier ones.
        for spec in content.TOOLS:
            self.ensure_page(sections[ToolIndexPage], ToolPage, spec, "tool", self.tool_fields)
        self.report("tool")
        for spec in content.CASE_STUDIES:
            self.ensure_page(sections[CaseStudyIndexPage], CaseStudyPage, spec, "case_study", self.case_study_fields)
        self.report("case_study")
        for spec in content.AGENCY_EXAMPLES:
            section = sections[AgencyExampleIndexPage]
            self.ensure_page(section, AgencyExamplePage, spec, "agency_example", self.agency_example_fields)
        self.report("agency_example")
        for model, section in sections.items():
            self.ensure_section_intro(section, content.SECTION_INTROS[model.__name__])
        self.ensure_home(home)
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

    def load_taxonomy(self):
        for spec in content.TOPICS:
            self.ensure_term(Topic, "topic", spec)
        for spec in content.LIFE_EVENTS:
            self.ensure_term(LifeEvent, "life_event", spec)
        # Parents are listed before their sub-agencies, so they already exist when referred to.
        for spec in content.AGENCIES:
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

    # Pages

    def ensure_page(self, section, model, spec, label, specific_fields):
        """Create and publish the page under `section` unless a page with its slug is already there.

        `specific_fields(spec)` gives the fields of the page type; it is only called for a new page.
        """
        existing = section.get_children().filter(slug=spec["slug"]).first()
        if existing is not None:
            self.pages[spec["slug"]] = existing.specific
            return self.pages[spec["slug"]]
        publication_date = datetime.date.fromisoformat(spec["published"])
        page = model(
            title=spec["title"],
            slug=spec["slug"],
            summary=spec["summary"],
            publication_date=publication_date,
            review_by=self.today + datetime.timedelta(days=spec["review_in_days"]),
            # The demo stands for pages published over several years; say so in the page history too.
            first_published_at=timezone.make_aware(datetime.datetime.combine(publication_date, datetime.time(10))),
            live=False,
            **specific_fields(spec),
        )
        page.topics = list(Topic.objects.filter(slug__in=spec.get("topics", ())))
        page.agencies = list(Agency.objects.filter(slug__in=spec.get("agencies", ())))
        page.life_events = list(LifeEvent.objects.filter(slug__in=spec.get("life_events", ())))
        section.add_child(instance=page)
        page.save_revision().publish()
        self.pages[spec["slug"]] = page
        self.created[label] += 1
        return page

    def tool_fields(self, spec):
        return {
            "tool_type": spec["tool_type"],
            "cx_phase": spec["cx_phase"],
            "time_needed": spec["time_needed"],
            "skill_level": spec["skill_level"],
            "instructions": [{"type": "steps", "value": self.block_value("steps", spec["instructions"])}],
            "body": self.stream(spec.get("body", ())),
            "downloads": [
                ToolDownload(document=self.documents[key], description=description)
                for key, description in spec.get("downloads", ())
            ],
        }

    def case_study_fields(self, spec):
        return {
            "challenge": spec["challenge"],
            "approach": spec["approach"],
            "results": spec["results"],
            "body": self.stream(spec.get("body", ())),
            "source_url": spec.get("source_url", ""),
            "source_title": spec.get("source_title", ""),
            "metrics": [CaseStudyMetric(**metric) for metric in spec.get("metrics", ())],
        }

    def agency_example_fields(self, spec):
        return {
            "artifact_type": spec["artifact_type"],
            "original_url": spec["original_url"],
            "exemplifies": self.pages[spec["exemplifies"]],
            "body": self.stream(spec.get("body", ())),
        }

    def ensure_section_intro(self, section, intro):
        """Give a section its introduction once; an intro an editor has written is never replaced."""
        section = section.specific
        if section.intro:
            return
        section.intro = intro
        section.save_revision().publish()
        self.created["section_intro"] += 1

    def ensure_home(self, home):
        """Write the home page introduction and featured pages if the home page has neither yet."""
        changed = False
        if not home.intro:
            home.intro = content.HOME_INTRO
            changed = True
        if not home.featured_pages.exists():
            home.featured_pages = [
                HomePageFeaturedPage(featured_page=self.pages[slug], sort_order=index)
                for index, slug in enumerate(content.FEATURED)
            ]
            changed = True
        if changed:
            home.save_revision().publish()
            self.created["home"] += 1

    # StreamField values

    def stream(self, blocks):
        """Turn the compact ``(block_type, value)`` pairs of `content` into StreamField data."""
        return [{"type": block_type, "value": self.block_value(block_type, value)} for block_type, value in blocks]

    def block_value(self, block_type, value):
        """Resolve the symbolic references in one block (image, document and page keys) to ids."""
        if block_type == "heading":
            return {"text": value, "level": "h2"} if isinstance(value, str) else value
        if block_type == "image":
            spec = content.IMAGES[value["image"]]
            return {
                "image": self.images[value["image"]].pk,
                "alt_text": value.get("alt_text", spec["alt"]),
                "caption": value.get("caption", ""),
            }
        if block_type == "document":
            return {**value, "document": self.documents[value["document"]].pk}
        if block_type == "table":
            return {
                "caption": value["caption"],
                "table": {
                    "data": value["rows"],
                    "first_row_is_table_header": True,
                    "first_col_is_header": False,
                    "table_caption": "",
                },
            }
        if block_type == "related_links":
            return {**value, "links": [self.link_value(link) for link in value["links"]]}
        return value

    def link_value(self, link):
        if "page" in link:
            return {"title": link["title"], "page": self.pages[link["page"]].pk, "url": ""}
        return {"title": link["title"], "page": None, "url": link["url"]}


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

"""The knowledge-base content model: the taxonomy and the three kinds of toolkit page.

Taxonomy terms are plain Django models (managed with wagtail-modeladmin) rather than tags or
snippets because their slugs are public identifiers: they appear in search URLs, feeds and the
API, so they must be unique, stable when a term is renamed, and described by their own fields
(an agency's level of government, its parent agency...).

All three page types share one concrete parent, `KnowledgePage`, so that search, listings, feeds and
the API can query every toolkit page in one table with one set of filters.
"""

import datetime

from django.apps import apps
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Value
from django.utils.text import slugify
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, PageViewRestriction, get_page_models
from wagtail.search import index

from .api_fields import DocumentLinkField, TaxonomyTermsField, VisiblePageLinkField
from .blocks import RICH_TEXT_FEATURES, StepsBlock, body_blocks
from .taxonomy_chooser import TaxonomyPanel
from .visibility import VisiblePageManager

REVIEW_INTERVAL = datetime.timedelta(days=365)


class GovernmentLevel(models.TextChoices):
    FEDERAL = "federal", "Federal"
    STATE = "state", "State"
    LOCAL = "local", "Local"
    TRIBAL = "tribal", "Tribal"
    TERRITORIAL = "territorial", "Territorial"


class TaxonomyTerm(models.Model):
    """Shared shape of a taxonomy term: a name and a slug that never changes on its own."""

    name = models.CharField(max_length=150, unique=True)
    slug = models.SlugField(
        max_length=80,
        unique=True,
        blank=True,
        help_text="Public identifier used in URLs, feeds and the API. Filled from the name if left "
        "blank; changing it breaks links that others have shared.",
    )

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:80]
        super().save(*args, **kwargs)


class Agency(TaxonomyTerm):
    """A government organisation whose work appears in the toolkit, at any level of government."""

    acronym = models.CharField(max_length=20, blank=True)
    level = models.CharField(
        "level of government", max_length=20, choices=GovernmentLevel.choices, default=GovernmentLevel.FEDERAL
    )
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sub_agencies",
        help_text="The department this agency belongs to, if any.",
    )
    website = models.URLField(blank=True)
    is_high_impact_service_provider = models.BooleanField(
        "High Impact Service Provider",
        default=False,
        help_text="Designated a High Impact Service Provider (HISP) under OMB Circular A-11 section 280.",
    )

    class Meta(TaxonomyTerm.Meta):
        verbose_name_plural = "agencies"

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


class Topic(TaxonomyTerm):
    """A CX practice area (journey mapping, customer feedback...): the main way members browse."""

    description = models.TextField(blank=True)


class LifeEvent(TaxonomyTerm):
    """A moment in a person's life that crosses agency lines, such as having a child."""

    description = models.TextField(blank=True)


VOCABULARIES = (Agency, Topic, LifeEvent)


def taxonomy_terms(page):
    """{vocabulary model: [its terms on ``page``, by name]} in one query: a UNION ALL of the three
    vocabularies, each row padded with empty values for the columns only the others have, then
    turned back into model instances with every field loaded. A toolkit page shows all three on
    every view: one round trip instead of three."""
    columns = {}  # every concrete column of the three vocabularies, with an empty value of its type
    for model in VOCABULARIES:
        for field in model._meta.concrete_fields:
            columns.setdefault(field.attname, Value(None, output_field=field))
    queries = []
    for kind, model in enumerate(VOCABULARIES):
        own = [field.attname for field in model._meta.concrete_fields]
        padding = {f"{column}__none": empty for column, empty in columns.items() if column not in own}
        selected = [column if column in own else f"{column}__none" for column in columns]
        terms = model.objects.filter(pages=page).annotate(vocabulary=Value(kind), **padding)
        queries.append(terms.order_by().values_list("vocabulary", *selected))
    found = {model: [] for model in VOCABULARIES}
    for kind, *values in queries[0].union(*queries[1:], all=True).order_by("vocabulary", "name"):
        model = VOCABULARIES[kind]
        row = dict(zip(columns, values, strict=True))
        own = [field.attname for field in model._meta.concrete_fields]
        found[model].append(model.from_db(page._state.db, own, [row[column] for column in own]))
    return found


class RoutedAncestorsMixin:
    """Pages that know their ancestors when the router found them (``home.models.HomePage.route``
    fetches every page on the way down in one query): Wagtail's privacy check and the breadcrumbs
    use them instead of asking the tree twice more. A page the route cache keeps
    (``caching.routing``) also keeps what ``read_for_serving`` read when it was routed."""

    def read_for_serving(self):
        """Read what serving the page asks the database for and only a change to the site can
        change (a publish, a new restriction, a renamed term: each starts a new page-cache
        generation), so that the route cache keeps it with the page and later requests need no
        query for it. Here, the privacy restrictions on the page and its ancestors, without their
        shared password: a cache is a weaker store than the database (shared, often unauthenticated,
        dumped when debugging), and serving never reads it. Wagtail checks a password on its own
        view, against the restriction it reads afresh there (``wagtail.views.authenticate_with_password``);
        were a kept restriction's password ever read, Django would read it from the database."""
        self.known_view_restrictions = list(self.restrictions_from_database().defer("password"))

    def route_ancestors(self):
        """From the home page down to the parent; the tree is asked only if the router did not say."""
        known = getattr(self, "_route_ancestors", None)
        return known if known is not None else list(self.get_ancestors().filter(depth__gt=1))

    def get_view_restrictions(self):
        restrictions = getattr(self, "known_view_restrictions", None)
        return restrictions if restrictions is not None else self.restrictions_from_database()

    def restrictions_from_database(self):
        """The restrictions as a query: by the paths of the ancestors the router found, without
        asking the tree for them."""
        known = getattr(self, "_route_ancestors", None)
        if known is None or any(page.alias_of_id for page in [*known, self]):
            return super().get_view_restrictions()  # aliases take their original's restrictions
        steps = range(Page.steplen, len(self.path) + 1, Page.steplen)
        return PageViewRestriction.objects.filter(page__path__in=[self.path[:end] for end in steps])


class KnowledgePage(RoutedAncestorsMixin, Page):
    """Fields every toolkit page shares: what it is about, who did it, and when.

    Concrete (not abstract) so that one query covers case studies, tools and agency examples.
    Editors never create it directly; they create one of its subclasses.
    """

    summary = models.TextField(
        max_length=500,
        help_text="One or two plain sentences. Shown in listings, search results and link previews.",
    )
    publication_date = models.DateField(default=datetime.date.today)
    review_by = models.DateField(
        null=True,
        blank=True,
        help_text="When this page should next be checked for accuracy. Defaults to a year after publication.",
    )
    topics = ParentalManyToManyField(Topic, blank=True, related_name="pages")
    agencies = ParentalManyToManyField(Agency, blank=True, related_name="pages")
    life_events = ParentalManyToManyField(LifeEvent, blank=True, related_name="pages")
    # Set by `manage.py import_markdown`: the file a page came from is how a re-import finds it, and
    # the digest of what the importer wrote is how it knows there is nothing new to save.
    import_source = models.CharField(
        max_length=500,
        unique=True,
        null=True,
        blank=True,
        editable=False,
        help_text="The Markdown file this page was imported from, relative to the import folder.",
    )
    import_digest = models.CharField(max_length=64, blank=True, editable=False)

    is_creatable = False
    objects = VisiblePageManager()
    # The public identifier of a kind of page in search filters, feeds and the API; each subclass sets its own.
    type_slug = ""
    # A copy is a new page: it must not claim the original's source file.
    exclude_fields_in_copy = ["import_source", "import_digest"]
    # Not modelsearch's save handler, which re-reads a published page before its taxonomy is written
    # and so needs a second write after it: search.indexing writes toolkit pages' entries itself.
    search_auto_update = False

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.FilterField("publication_date"),
        index.RelatedFields("agencies", [index.SearchField("name"), index.SearchField("acronym")]),
        index.RelatedFields("topics", [index.SearchField("name")]),
        index.RelatedFields("life_events", [index.SearchField("name")]),
    ]

    api_fields = [
        APIField("summary"),
        APIField("publication_date"),
        APIField("agencies", serializer=TaxonomyTermsField()),
        APIField("topics", serializer=TaxonomyTermsField()),
        APIField("life_events", serializer=TaxonomyTermsField()),
    ]

    # What the page is about sits with its summary, where editors decide it, not at the form's end.
    summary_panels = [
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("publication_date"), FieldPanel("review_by")]),
        MultiFieldPanel(
            [
                TaxonomyPanel("agencies"),
                TaxonomyPanel("topics"),
                TaxonomyPanel("life_events"),
            ],
            heading="Taxonomy",
        ),
    ]

    class Meta:
        verbose_name = "toolkit page"

    def save(self, *args, **kwargs):
        if self.review_by is None and self.publication_date:
            self.review_by = self.publication_date + REVIEW_INTERVAL
        super().save(*args, **kwargs)

    @classmethod
    def type_label(cls):
        """ "Case study", "Tool"...: what the public calls this kind of page."""
        return cls._meta.verbose_name.capitalize()

    @property
    def content_type_label(self):
        """The page's type label, read from its content type so listings need no specific() query."""
        return self.specific_class.type_label()

    def read_for_serving(self):
        super().read_for_serving()
        self.known_taxonomy = self.get_taxonomy_context()

    def get_taxonomy_context(self):
        """Taxonomy terms for the page, each vocabulary in its own order (by name), all three in
        one query however many terms the page carries (see ``taxonomy_terms``), or none when the
        route cache kept them with the page."""
        known = getattr(self, "known_taxonomy", None)
        if known is not None:
            return known
        relations = {"page_agencies": "agencies", "page_topics": "topics", "page_life_events": "life_events"}
        if set(relations.values()) & set(getattr(self, "_cluster_related_objects", {})):
            # Terms chosen in the editor but not saved (a preview, a revision): only the page has them.
            return {name: list(getattr(self, relation).all()) for name, relation in relations.items()}
        terms = taxonomy_terms(self)
        return {"page_agencies": terms[Agency], "page_topics": terms[Topic], "page_life_events": terms[LifeEvent]}

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(self.get_taxonomy_context())
        return context


class CaseStudyPage(KnowledgePage):
    """A story of a team improving a service: the challenge, what they did, and what changed."""

    challenge = RichTextField(features=RICH_TEXT_FEATURES, help_text="The problem customers faced.")
    approach = RichTextField(
        "what the team did", features=RICH_TEXT_FEATURES, help_text="The research, design and delivery work."
    )
    results = RichTextField(features=RICH_TEXT_FEATURES, help_text="What changed for customers and the agency.")
    body = StreamField(body_blocks(), blank=True, help_text="The full story, with quotes, images and detail.")
    source_url = models.URLField("source link", blank=True, help_text="The original story, if published elsewhere.")
    source_title = models.CharField(max_length=200, blank=True)

    type_slug = "case-study"
    parent_page_types = ["kb.CaseStudyIndexPage"]
    subpage_types = []
    template = "kb/case_study_page.html"

    search_fields = KnowledgePage.search_fields + [
        index.SearchField("challenge"),
        index.SearchField("approach"),
        index.SearchField("results"),
        index.SearchField("body"),
        index.RelatedFields("metrics", [index.SearchField("label")]),
    ]

    api_fields = KnowledgePage.api_fields + [
        APIField("challenge"),
        APIField("approach"),
        APIField("results"),
        APIField("metrics"),
        APIField("body"),
        APIField("source_url"),
        APIField("source_title"),
    ]

    content_panels = (
        Page.content_panels
        + KnowledgePage.summary_panels
        + [
            FieldPanel("challenge"),
            FieldPanel("approach"),
            FieldPanel("results"),
            InlinePanel("metrics", heading="Key result metrics", label="Metric", max_num=8),
            FieldPanel("body"),
            MultiFieldPanel([FieldPanel("source_url"), FieldPanel("source_title")], heading="Source"),
        ]
    )

    class Meta:
        verbose_name = "case study"
        verbose_name_plural = "case studies"

    def read_for_serving(self):
        super().read_for_serving()
        self.known_metrics = list(self.metrics.all())

    def key_metrics(self):
        """The headline results in the editors' order: as the route cache kept them, else as the
        page has them (in a preview, the editor's unsaved ones)."""
        known = getattr(self, "known_metrics", None)
        return known if known is not None else list(self.metrics.all())


class CaseStudyMetric(Orderable):
    """A headline result of a case study, kept as data so it can be compared and listed."""

    page = ParentalKey(CaseStudyPage, on_delete=models.CASCADE, related_name="metrics")
    label = models.CharField(max_length=120, help_text="e.g. 'Average call wait time'")
    value = models.CharField(max_length=30, help_text="e.g. '4'")
    unit = models.CharField(max_length=30, blank=True, help_text="e.g. 'minutes'")
    baseline = models.CharField(max_length=60, blank=True, help_text="The value before, e.g. '22 minutes'")

    panels = [FieldRowPanel([FieldPanel("label"), FieldPanel("value"), FieldPanel("unit"), FieldPanel("baseline")])]
    api_fields = [APIField("label"), APIField("value"), APIField("unit"), APIField("baseline")]

    def __str__(self):
        return f"{self.label}: {self.value} {self.unit}".strip()


class ToolType(models.TextChoices):
    METHOD = "method", "Method"
    TEMPLATE = "template", "Template"
    CHECKLIST = "checklist", "Checklist"
    GUIDE = "guide", "Guide"
    TRAINING = "training", "Training"


class CXPhase(models.TextChoices):
    """The phases of a CX project, in the order teams go through them."""

    DISCOVER = "discover", "Discover"
    DEFINE = "define", "Define"
    DESIGN = "design", "Design"
    DELIVER = "deliver", "Deliver"
    MEASURE = "measure", "Measure"


class SkillLevel(models.TextChoices):
    BEGINNER = "beginner", "Beginner"
    INTERMEDIATE = "intermediate", "Intermediate"
    ADVANCED = "advanced", "Advanced"


class ToolPage(KnowledgePage):
    """A reusable method, template, checklist, guide or training a team can pick up and use."""

    tool_type = models.CharField(max_length=20, choices=ToolType.choices, default=ToolType.METHOD)
    cx_phase = models.CharField("CX phase", max_length=20, choices=CXPhase.choices, default=CXPhase.DISCOVER)
    time_needed = models.CharField(max_length=60, blank=True, help_text="e.g. '2 to 4 hours'")
    skill_level = models.CharField(max_length=20, choices=SkillLevel.choices, default=SkillLevel.BEGINNER)
    instructions = StreamField([("steps", StepsBlock())], blank=True, max_num=1, help_text="Step-by-step instructions.")
    body = StreamField(body_blocks(), blank=True)

    type_slug = "tool"
    parent_page_types = ["kb.ToolIndexPage"]
    subpage_types = []
    template = "kb/tool_page.html"

    search_fields = KnowledgePage.search_fields + [
        index.SearchField("instructions"),
        index.SearchField("body"),
        index.FilterField("tool_type"),
    ]

    api_fields = KnowledgePage.api_fields + [
        APIField("tool_type"),
        APIField("cx_phase"),
        APIField("time_needed"),
        APIField("skill_level"),
        APIField("instructions"),
        APIField("body"),
        APIField("downloads"),
    ]

    content_panels = (
        Page.content_panels
        + KnowledgePage.summary_panels
        + [
            MultiFieldPanel(
                [
                    FieldRowPanel([FieldPanel("tool_type"), FieldPanel("cx_phase")]),
                    FieldRowPanel([FieldPanel("time_needed"), FieldPanel("skill_level")]),
                ],
                heading="About this tool",
            ),
            FieldPanel("instructions"),
            FieldPanel("body"),
            InlinePanel("downloads", heading="Downloadable documents", label="Document"),
        ]
    )

    class Meta:
        verbose_name = "tool"


class ToolDownload(Orderable):
    """A file that comes with a tool (a template to fill in, a printable checklist)."""

    page = ParentalKey(ToolPage, on_delete=models.CASCADE, related_name="downloads")
    document = models.ForeignKey("wagtaildocs.Document", on_delete=models.CASCADE, related_name="+")
    description = models.CharField(max_length=250, blank=True)

    panels = [FieldPanel("document"), FieldPanel("description")]
    api_fields = [APIField("document", serializer=DocumentLinkField()), APIField("description")]


class ArtifactType(models.TextChoices):
    JOURNEY_MAP = "journey-map", "Journey map"
    SURVEY = "survey", "Survey"
    PERSONAS = "personas", "Persona set"
    SERVICE_BLUEPRINT = "service-blueprint", "Service blueprint"
    DASHBOARD = "dashboard", "Dashboard"
    RESEARCH_PLAN = "research-plan", "Research plan"
    OTHER = "other", "Other"


class AgencyExamplePage(KnowledgePage):
    """A real artifact one agency made (a journey map, a survey...), shown as a model for others."""

    artifact_type = models.CharField(max_length=30, choices=ArtifactType.choices, default=ArtifactType.OTHER)
    original_url = models.URLField("link to the original", blank=True)
    exemplifies = models.ForeignKey(
        ToolPage,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="examples",
        help_text="The toolkit method or template this artifact is an example of.",
    )
    body = StreamField(body_blocks(), blank=True)

    type_slug = "agency-example"
    parent_page_types = ["kb.AgencyExampleIndexPage"]
    subpage_types = []
    template = "kb/agency_example_page.html"

    search_fields = KnowledgePage.search_fields + [
        index.SearchField("body"),
        index.FilterField("artifact_type"),
    ]

    api_fields = KnowledgePage.api_fields + [
        APIField("artifact_type"),
        APIField("original_url"),
        APIField("exemplifies", serializer=VisiblePageLinkField()),
        APIField("body"),
    ]

    content_panels = (
        Page.content_panels
        + KnowledgePage.summary_panels
        + [
            FieldRowPanel([FieldPanel("artifact_type"), FieldPanel("exemplifies")]),
            FieldPanel("original_url"),
            FieldPanel("body"),
        ]
    )

    class Meta:
        verbose_name = "agency example"


class SectionIndexPage(RoutedAncestorsMixin, Page):
    """A section of the toolkit (/case-studies/, /tools/...) listing its pages, newest first."""

    intro = RichTextField(features=RICH_TEXT_FEATURES, blank=True)
    listed_model = None  # "app_label.ModelName" of the pages this section lists
    per_page = 12

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    max_count_per_parent = 1

    class Meta:
        abstract = True

    def listed_pages(self):
        model = apps.get_model(self.listed_model)
        return (
            model.objects.child_of(self)
            .visible()
            .order_by("-publication_date", "-pk")
            .prefetch_related("agencies", "topics")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        paginator = Paginator(self.listed_pages(), self.per_page)
        context["page_obj"] = paginator.page(clamp_page_number(request.GET.get("page"), paginator.num_pages))
        context["paginator"] = paginator
        return context


def clamp_page_number(raw, num_pages):
    """Turn whatever a visitor put in ?page= into a page that exists: junk means the first page,
    numbers past either end mean the nearest end. Listings never answer a bad page with an error."""
    try:
        number = int(raw)
    except (TypeError, ValueError):
        return 1
    return min(max(number, 1), max(num_pages, 1))


class CaseStudyIndexPage(SectionIndexPage):
    listed_model = "kb.CaseStudyPage"
    template = "kb/section_index_page.html"
    subpage_types = ["kb.CaseStudyPage"]

    class Meta:
        verbose_name = "case study index"


class ToolIndexPage(SectionIndexPage):
    listed_model = "kb.ToolPage"
    template = "kb/section_index_page.html"
    subpage_types = ["kb.ToolPage"]

    class Meta:
        verbose_name = "tool index"


class AgencyExampleIndexPage(SectionIndexPage):
    listed_model = "kb.AgencyExamplePage"
    template = "kb/section_index_page.html"
    subpage_types = ["kb.AgencyExamplePage"]

    class Meta:
        verbose_name = "agency example index"


def page_types():
    """{public type slug: page model} for every kind of toolkit page, in the order they are defined:
    search facets, feeds and the API derive the types they offer from the page classes."""
    return {
        model.type_slug: model for model in get_page_models() if issubclass(model, KnowledgePage) and model.type_slug
    }

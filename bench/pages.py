"""Benchmark pages: inserted straight into the tables, thousands a second.

Creating pages through Wagtail's tree API costs a query or more per page; the benchmarks need
thousands of live pages in seconds, so rows go in with bulk inserts, the page tree's paths and
counts computed here.
"""

import uuid
from dataclasses import dataclass


@dataclass
class PageText:
    """What one benchmark page says, and the corpus topics it is filed under (None: random ones)."""

    title: str
    summary: str
    date: object
    paragraphs: list
    topics: list | None = None


def build(texts, rng, words=()):
    """Insert live pages with ``texts`` straight into the tables (the page tree, the three page
    tables, taxonomy); page i gets the slug ``page-i``. Generated agency and topic names take a
    random one of ``words``, if any, so that they share the pages' vocabulary."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.db.models.query import QuerySet
    from django.utils import timezone
    from django.utils.html import escape
    from wagtail.models import Locale, Page

    from home.site_structure import ensure_site_structure
    from kb.models import (
        Agency,
        AgencyExamplePage,
        CaseStudyPage,
        GovernmentLevel,
        KnowledgePage,
        LifeEvent,
        ToolPage,
        Topic,
    )

    def word():
        return rng.choice(words) if words else ""

    _home, sections = ensure_site_structure()
    now = timezone.now()
    corpus_topics = sorted({slug for text in texts for slug in text.topics or ()})
    if corpus_topics:
        names = {slug: slug.replace("-", " ").replace("_", " ").capitalize() for slug in corpus_topics}
        clashes = {name for name in names.values() if list(names.values()).count(name) > 1}
        topics = [
            Topic.objects.create(name=f"{name} ({slug})" if name in clashes else name, slug=slug)
            for slug, name in names.items()
        ]
    else:
        topics = [Topic.objects.create(name=f"Topic {i} {word()}".strip()) for i in range(40)]
    topic_for_slug = {topic.slug: topic for topic in topics}
    levels = GovernmentLevel.values
    agencies = [
        Agency.objects.create(
            name=f"Agency {i} of {word()}".removesuffix(" of "), acronym=f"A{i}", level=rng.choice(levels)
        )
        for i in range(150)
    ]
    events = [LifeEvent.objects.create(name=f"Life event {i}") for i in range(12)]
    locale = Locale.get_default()
    models = [CaseStudyPage, ToolPage, AgencyExamplePage]
    section_for = {
        CaseStudyPage: "CaseStudyIndexPage",
        ToolPage: "ToolIndexPage",
        AgencyExamplePage: "AgencyExampleIndexPage",
    }
    section_by_name = {type(s).__name__: s for s in sections.values()}
    counters = dict.fromkeys(models, 0)
    rows = {model: [] for model in models}
    for i, text in enumerate(texts):
        model = models[i % 3]
        section = section_by_name[section_for[model]]
        counters[model] += 1
        page = Page(
            title=text.title,
            draft_title=text.title,
            slug=f"page-{i}",
            path=Page._get_path(section.path, section.depth + 1, counters[model]),
            depth=section.depth + 1,
            numchild=0,
            url_path=f"{section.url_path}page-{i}/",
            content_type=ContentType.objects.get_for_model(model),
            live=True,
            has_unpublished_changes=False,
            first_published_at=now,
            last_published_at=now,
            locale=locale,
            translation_key=uuid.uuid4(),
        )
        rows[model].append((page, text))
    with transaction.atomic():
        for model in models:
            section = section_by_name[section_for[model]]
            pages = Page.objects.bulk_create([page for page, _text in rows[model]], batch_size=500)
            Page.objects.filter(pk=section.pk).update(numchild=len(pages))
            knowledge = [
                KnowledgePage(
                    page_ptr_id=page.pk, summary=text.summary, publication_date=text.date, review_by=text.date
                )
                for page, text in rows[model]
            ]
            for obj, (page, _text) in zip(knowledge, rows[model], strict=True):
                obj.pk = page.pk
            QuerySet(KnowledgePage)._batched_insert(
                knowledge, fields=KnowledgePage._meta.local_concrete_fields, batch_size=500
            )
            specific = []
            for page, text in rows[model]:
                obj = model(knowledgepage_ptr_id=page.pk)
                paragraphs = [f"<p>{escape(paragraph)}</p>" for paragraph in text.paragraphs]
                if model is CaseStudyPage:
                    obj.challenge, obj.approach, obj.results = (paragraphs + ["", "", ""])[:3]
                    paragraphs = paragraphs[3:]
                obj.body = [("paragraph", paragraph) for paragraph in paragraphs]
                specific.append(obj)
            QuerySet(model)._batched_insert(specific, fields=model._meta.local_concrete_fields, batch_size=500)
            links = {"topics": [], "agencies": [], "life_events": []}
            for page, text in rows[model]:
                if text.topics is None:
                    page_topics = rng.sample(topics, 3)
                else:
                    page_topics = [topic_for_slug[slug] for slug in dict.fromkeys(text.topics)]
                links["topics"].extend((page.pk, topic) for topic in page_topics)
                links["agencies"].extend((page.pk, agency) for agency in rng.sample(agencies, 2))
                links["life_events"].extend((page.pk, event) for event in rng.sample(events, rng.randint(0, 1)))
            for field, column in (("topics", "topic"), ("agencies", "agency"), ("life_events", "lifeevent")):
                through = getattr(KnowledgePage, field).through
                target = through._meta.get_field(column).attname
                through.objects.bulk_create(
                    [through(knowledgepage_id=pk, **{target: term.pk}) for pk, term in links[field]], batch_size=1000
                )

"""Search latency benchmark: the faceted search service against the plain-Wagtail way.

    .venv/bin/python bench/search.py --pages 1000 --database sqlite
    .venv/bin/python bench/search.py --pages 10000 --database postgres

Builds N synthetic toolkit pages in a throwaway database (SQLite file under /tmp, or the
PostgreSQL database ``cxkb_search_bench`` on DATABASE_HOST_URL, default
postgres://postgres@127.0.0.1:5432), indexes them, then prints p50/p95 latency for three kinds of
search, always with all six facets' counts:

- text only;
- text + 2 facets (type and topic);
- facets only (topic and level, no words).

"service" is ``search.service.run_search`` (disjunctive counts for all six facets, the requested
page of results with taxonomy, highlights). "baseline" is the plain Wagtail way: ``.search(q)`` and
one ``.facet()`` per facet (type, topic, agency, life event, date; level cannot be faceted that way)
plus the first page of results. The baseline counts are not disjunctive, so it does less work.
Figures are printed, never asserted.
"""

import argparse
import os
import random
import statistics
import sys
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

WORDS = [
    "customer",
    "experience",
    "journey",
    "map",
    "survey",
    "feedback",
    "service",
    "design",
    "research",
    "interview",
    "usability",
    "accessibility",
    "plain",
    "language",
    "call",
    "centre",
    "wait",
    "time",
    "benefit",
    "claim",
    "application",
    "form",
    "online",
    "digital",
    "website",
    "portal",
    "appointment",
    "booking",
    "veteran",
    "retirement",
    "passport",
    "tax",
    "filing",
    "permit",
    "license",
    "health",
    "clinic",
    "student",
    "loan",
    "disaster",
    "relief",
    "housing",
    "grant",
    "nutrition",
    "child",
    "care",
    "employment",
    "training",
    "measure",
    "satisfaction",
    "trust",
    "effort",
    "metric",
    "dashboard",
    "persona",
    "blueprint",
    "prototype",
    "pilot",
    "workshop",
    "frontline",
    "staff",
    "agency",
    "federal",
    "state",
    "local",
    "partner",
    "community",
    "outreach",
    "mobile",
    "text",
    "message",
    "email",
    "translation",
    "spanish",
    "language",
    "rural",
    "tribal",
    "identity",
    "verification",
    "login",
    "security",
    "privacy",
    "data",
]


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--runs", type=int, default=40, help="searches per kind")
    parser.add_argument("--reuse", action="store_true", help="keep an existing benchmark database of the same size")
    return parser.parse_args()


def configure(args):
    if args.database == "sqlite":
        url = f"sqlite:////tmp/cxkb_search_bench_{args.pages}.sqlite3"
    else:
        host = os.environ.get("DATABASE_HOST_URL", "postgres://postgres@127.0.0.1:5432")
        url = f"{host}/cxkb_search_bench_{args.pages}"
        import psycopg2

        connection = psycopg2.connect(f"{host}/postgres")
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [f"cxkb_search_bench_{args.pages}"])
            if cursor.fetchone() and not args.reuse:
                cursor.execute(f"DROP DATABASE cxkb_search_bench_{args.pages}")
            cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [f"cxkb_search_bench_{args.pages}"])
            if not cursor.fetchone():
                cursor.execute(f"CREATE DATABASE cxkb_search_bench_{args.pages}")
        connection.close()
    if args.database == "sqlite" and not args.reuse:
        Path(url.removeprefix("sqlite:///")).unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    os.environ.pop("ELASTICSEARCH_URL", None)
    os.environ.pop("OPENSEARCH_URL", None)
    import django

    django.setup()
    import logging

    logging.disable(logging.WARNING)


def sentence(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def build(n_pages, rng):
    """Insert N live pages straight into the tables (the page tree, the three page tables, taxonomy)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import transaction
    from django.db.models.query import QuerySet
    from django.utils import timezone
    from wagtail.models import Locale, Page

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
    from kb.site_structure import ensure_site_structure

    _home, sections = ensure_site_structure()
    topics = [Topic.objects.create(name=f"Topic {i} {rng.choice(WORDS)}") for i in range(40)]
    levels = GovernmentLevel.values
    agencies = [
        Agency.objects.create(name=f"Agency {i} of {rng.choice(WORDS)}", acronym=f"A{i}", level=rng.choice(levels))
        for i in range(150)
    ]
    events = [LifeEvent.objects.create(name=f"Life event {i}") for i in range(12)]
    locale = Locale.get_default()
    now = timezone.now()
    models = [CaseStudyPage, ToolPage, AgencyExamplePage]
    section_for = {
        CaseStudyPage: "CaseStudyIndexPage",
        ToolPage: "ToolIndexPage",
        AgencyExamplePage: "AgencyExampleIndexPage",
    }
    section_by_name = {type(s).__name__: s for s in sections.values()}
    counters = dict.fromkeys(models, 0)
    rows = {model: [] for model in models}
    for i in range(n_pages):
        model = models[i % 3]
        section = section_by_name[section_for[model]]
        counters[model] += 1
        title = f"{sentence(rng, 5)[:-1]} {i}"
        date = now.date().replace(year=2015 + i % 11, month=1 + i % 12, day=1 + i % 28)
        page = Page(
            title=title,
            draft_title=title,
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
        extra = {"summary": sentence(rng, 25), "publication_date": date}
        rows[model].append((page, extra))
    with transaction.atomic():
        for model in models:
            section = section_by_name[section_for[model]]
            pages = Page.objects.bulk_create([page for page, _extra in rows[model]], batch_size=500)
            Page.objects.filter(pk=section.pk).update(numchild=len(pages))
            knowledge = [KnowledgePage(page_ptr_id=page.pk, **extra) for page, extra in rows[model]]
            for obj, (page, _extra) in zip(knowledge, rows[model], strict=True):
                obj.pk = page.pk
                obj.review_by = obj.publication_date
            QuerySet(KnowledgePage)._batched_insert(
                knowledge, fields=KnowledgePage._meta.local_concrete_fields, batch_size=500
            )
            specific = []
            for page, _extra in rows[model]:
                obj = model(knowledgepage_ptr_id=page.pk)
                if model is CaseStudyPage:
                    obj.challenge = obj.approach = obj.results = f"<p>{sentence(rng, 30)}</p>"
                obj.body = [("paragraph", f"<p>{sentence(rng, 60)}</p>")]
                specific.append(obj)
            QuerySet(model)._batched_insert(specific, fields=model._meta.local_concrete_fields, batch_size=500)
            ids = [page.pk for page, _extra in rows[model]]
            vocabularies = (
                ("topics", "topic", topics, 3),
                ("agencies", "agency", agencies, 2),
                ("life_events", "lifeevent", events, 1),
            )
            for field, column, terms, k in vocabularies:
                through = getattr(KnowledgePage, field).through
                target = through._meta.get_field(column)
                links = []
                for pk in ids:
                    for term in rng.sample(terms, rng.randint(0, k) if field == "life_events" else k):
                        links.append(through(knowledgepage_id=pk, **{target.attname: term.pk}))
                through.objects.bulk_create(links, batch_size=1000)


def index_all():
    from django.core.management import call_command

    call_command("rebuild_search_index", verbosity=1)


def add_baseline_filter_fields():
    """The plain Wagtail way needs FilterFields on the taxonomies to facet on them."""
    from modelsearch import index

    from kb.models import AgencyExamplePage, CaseStudyPage, KnowledgePage, ToolPage

    extra = [index.FilterField(name) for name in ("content_type", "topics", "agencies", "life_events")]
    for model in (KnowledgePage, CaseStudyPage, ToolPage, AgencyExamplePage):
        model.search_fields = model.search_fields + extra


def baseline(q, type_ct=None, topic_id=None):
    from modelsearch.query import MATCH_ALL

    from kb.models import KnowledgePage

    pages = KnowledgePage.objects.live().public()
    if type_ct:
        pages = pages.filter(content_type_id=type_ct)
    if topic_id:
        pages = pages.filter(
            pk__in=KnowledgePage.topics.through.objects.filter(topic_id=topic_id).values("knowledgepage_id")
        )
    results = pages.search(q or MATCH_ALL, operator="and")
    list(results[:10])
    results.count()
    for field in ("content_type_id", "topics", "agencies", "life_events", "publication_date"):
        results.facet(field)


def measure(fn, runs):
    timings = []
    for i in range(runs + 3):
        start = time.perf_counter()
        fn(i)
        if i >= 3:  # warm-up
            timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    return statistics.median(timings), timings[max(0, int(round(0.95 * len(timings))) - 1)]


def main():
    args = parse_args()
    configure(args)
    from django.core.management import call_command
    from django.db import connection

    from kb.models import GovernmentLevel, KnowledgePage, Topic
    from search.query import SearchQuery
    from search.service import run_search

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    existing = KnowledgePage.objects.count()
    if existing != args.pages:
        rng = random.Random(42)
        build(args.pages, rng)
        index_all()
        print(f"built and indexed {args.pages} pages in {time.perf_counter() - started:.0f}s")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # fresh planner statistics after the bulk load, as autovacuum would give
    add_baseline_filter_fields()

    from django.contrib.contenttypes.models import ContentType

    from kb.models import ToolPage

    rng = random.Random(7)
    topics = list(Topic.objects.values_list("slug", "pk"))
    tool_ct = ContentType.objects.get_for_model(ToolPage).pk
    words = ["customer", "journey map", "survey", "wait time", "benefit claim", "accessibility", "passport", "data"]
    levels = GovernmentLevel.values

    kinds = {
        "text only": (
            lambda i: run_search(SearchQuery(q=words[i % len(words)])),
            lambda i: baseline(words[i % len(words)]),
        ),
        "text + 2 facets": (
            lambda i: run_search(SearchQuery(q=words[i % len(words)], type=("tool",), topic=(topics[i % 40][0],))),
            lambda i: baseline(words[i % len(words)], tool_ct, topics[i % 40][1]),
        ),
        "facets only": (
            lambda i: run_search(SearchQuery(topic=(topics[i % 40][0],), level=(levels[i % 5],))),
            lambda i: baseline("", None, topics[i % 40][1]),
        ),
    }
    rng.shuffle(words)
    print(f"\n{connection.vendor}, {KnowledgePage.objects.live().count()} live pages, {args.runs} runs per kind")
    print(f"{'search':<18}{'service p50':>13}{'p95':>9}{'baseline p50':>15}{'p95':>9}{'ratio p95':>11}")
    for label, (service, plain) in kinds.items():
        s50, s95 = measure(service, args.runs)
        b50, b95 = measure(plain, args.runs)
        print(f"{label:<18}{s50:>11.1f}ms{s95:>7.1f}ms{b50:>13.1f}ms{b95:>7.1f}ms{s95 / b95:>10.2f}x")


if __name__ == "__main__":
    main()

"""Search latency benchmark: the faceted search service against the plain-Wagtail way.

    .venv/bin/python bench/search.py --pages 1000 --database sqlite
    .venv/bin/python bench/search.py --pages 10000 --database postgres --corpus digitalgov
    .venv/bin/python bench/search.py --pages 10000 --database postgres --corpus digitalgov --engine opensearch

Builds N toolkit pages in a throwaway database (SQLite file under /tmp, or a PostgreSQL database
named ``cxkb_search_bench_...`` — ``--name-prefix`` — on DATABASE_HOST_URL, default
postgres://postgres@127.0.0.1:5432), straight into the tables (``pages.build``: real Wagtail pages
with correct tree paths, which the site serves), and prints how long creating them took. Then it
indexes them with ``rebuild_search_index``, timed on its own (pages/s), and prints p50/p95 latency
and queries per search for these kinds of search, always with all six facets' counts:

- text only;
- text + 2 facets (type and topic);
- facets only (topic and level, no words).

"service" is ``search.service.run_search`` (disjunctive counts for all six facets, the requested
page of results with taxonomy, highlights). "baseline" is the plain Wagtail way: ``.search(q)`` and
one ``.facet()`` per facet (type, topic, agency, life event, date; level cannot be faceted that way)
plus the first page of results. The baseline counts are not disjunctive, so it does less work.
Each kind is searched once per query before timing, so the figures are a running site's: on
PostgreSQL the database engine keeps the pages of common words once found
(``DatabaseEngine.matching``); a separate row times the first search of each query in a process,
its common words not kept yet. Then the autocomplete (``search.service.autocomplete``: terms and
titles) for a few prefixes, and the database engine's facet index: full build time, memory held
(tracemalloc), and the first search after one publish in each of ``--workers`` processes
(simulated one after another, each holding the index it had before the publish) next to the full
build every worker would otherwise pay; the same for the first text search, whose typo vocabulary
catches up with the kept word counts, next to counting every page's words from the index entries
(what each worker did before) and to reading every count (a new process).
Figures are printed, never asserted, with the machine's load average before and after the runs.

With ``--engine opensearch`` the same searches run on three engines in one run: the database
engine, the OpenSearch engine (``search.engines.elasticsearch``) and plain Wagtail on OpenSearch
(``.search()`` and one ``.facet()`` per facet), and the index build of each engine is timed on its
own (pages/s, with the load average beside it; ``--index-only`` stops there). The node is
$OPENSEARCH_URL, or one this script starts (``search.opensearch.node``, $OPENSEARCH_VERSION,
default 2) and stops.

Two corpora: ``synthetic`` draws every word from a list of 80, so common words match most pages
(a worst case for text search); ``digitalgov`` uses the real articles in ../shared/corpora/digitalgov
(read at run time; reused with a numbered title when N is larger than the corpus).
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.append(str(ROOT / "bench"))

from pages import PageText, build  # noqa: E402
from throwaway import database_url  # noqa: E402
from timing import p50_p95  # noqa: E402

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


# Searches a visitor might type, per corpus.
QUERIES = {
    "synthetic": ["customer", "journey map", "survey", "wait time", "benefit claim", "accessibility", "passport"],
    "digitalgov": [
        "customer experience",
        "plain language",
        "accessibility",
        "usability testing",
        "survey",
        "mobile",
        "section 508",
        "journey map",
    ],
}


# What a visitor has typed when the autocomplete asks, per corpus.
PREFIXES = {
    "synthetic": ["cus", "journey m", "surv", "acc", "pass", "wait t", "ben"],
    "digitalgov": ["cus", "plain l", "acc", "usab", "surv", "mob", "section 5", "journey m"],
}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--corpus", choices=["synthetic", "digitalgov"], default="synthetic")
    parser.add_argument("--runs", type=int, default=40, help="searches per kind")
    parser.add_argument(
        "--baseline-runs",
        type=int,
        help="plain-Wagtail searches per kind (default: --runs; on SQLite one text search can take a minute)",
    )
    parser.add_argument("--reuse", action="store_true", help="keep an existing benchmark database of the same size")
    parser.add_argument("--engine", choices=["database", "opensearch"], default="database")
    parser.add_argument("--workers", type=int, default=4, help="processes simulated after a publish")
    parser.add_argument(
        "--index-only", action="store_true", help="with --engine opensearch: time the index builds, skip the searches"
    )
    parser.add_argument(
        "--name-prefix", default="cxkb_search_bench", help="the throw-away database is PREFIX_[corpus_]PAGES"
    )
    return parser.parse_args()


def database_name(args):
    corpus = "" if args.corpus == "synthetic" else f"{args.corpus}_"
    return f"{args.name_prefix}_{corpus}{args.pages}"


def configure(args):
    url = database_url(database_name(args), args.database, keep=args.reuse)
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    os.environ.pop("ELASTICSEARCH_URL", None)
    # The test settings search the database; --engine opensearch points at this server itself.
    args.opensearch_url = os.environ.pop("OPENSEARCH_URL", None)
    import django

    django.setup()
    import logging

    logging.disable(logging.WARNING)


def sentence(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def synthetic_texts(n_pages, rng, today):
    for i in range(n_pages):
        yield PageText(
            title=f"{sentence(rng, 5)[:-1]} {i}",
            summary=sentence(rng, 25),
            date=today.replace(year=2015 + i % 11, month=1 + i % 12, day=1 + i % 28),
            paragraphs=[sentence(rng, 30) for _ in range(3)] + [sentence(rng, 60)],
        )


def corpus_texts(n_pages, rng, today):
    """The digital.gov articles in order, again with a numbered title once they run out."""
    from digitalgov import articles

    corpus = list(articles())
    for i in range(n_pages):
        article = corpus[i % len(corpus)]
        round_ = i // len(corpus)
        yield PageText(
            title=article.title if not round_ else f"{article.title} ({round_ + 1})",
            summary=article.summary,
            date=article.date,
            paragraphs=article.paragraphs,
            topics=article.topics,
        )


def build_pages(args, rng=None):
    """The benchmark's N pages, from the chosen corpus; prints how long creating them took."""
    from django.utils import timezone

    started = time.perf_counter()
    rng = rng or random.Random(42)
    texts = corpus_texts if args.corpus == "digitalgov" else synthetic_texts
    build(list(texts(args.pages, rng, timezone.now().date())), rng, WORDS)
    elapsed = time.perf_counter() - started
    print(f"pages: created {args.pages} in {elapsed:.0f}s ({args.pages / elapsed:.0f} pages/s), not indexed yet")


def timed_rebuild(backend_name):
    """Pages per second for one engine's full index build."""
    from django.core.management import call_command

    from kb.models import KnowledgePage

    started = time.perf_counter()
    call_command("rebuild_search_index", backend=backend_name, verbosity=0)
    elapsed = time.perf_counter() - started
    return KnowledgePage.objects.count() / elapsed, elapsed


def start_opensearch(url):
    """The OpenSearch to measure: ``url`` ($OPENSEARCH_URL), or a node started here (to be stopped)."""
    if url:
        return url, os.environ.get("OPENSEARCH_VERSION", "3"), None
    from search.opensearch.node import OpenSearchNode, free_port

    version = os.environ.get("OPENSEARCH_VERSION", "2")
    node = OpenSearchNode(version=version, port=free_port(), heap="2g", out=sys.stdout)
    node.start()
    return node.url, node.version, node


def opensearch_backends(url, version):
    return {
        "default": {
            "BACKEND": f"search.engines.elasticsearch.Opensearch{version}",
            "URLS": [url],
            "INDEX_PREFIX": "cxkb_bench_",
            "TIMEOUT": 30,
            "ATOMIC_REBUILD": True,
        },
        "database": {"BACKEND": "search.engines.database_index", "SEARCH_CONFIG": "english"},
    }


def add_baseline_filter_fields():
    """The plain Wagtail way needs FilterFields on the taxonomies to facet on them."""
    from modelsearch import index

    from kb.models import AgencyExamplePage, CaseStudyPage, KnowledgePage, ToolPage

    extra = [index.FilterField(name) for name in ("content_type", "topics", "agencies", "life_events")]
    for model in (KnowledgePage, CaseStudyPage, ToolPage, AgencyExamplePage):
        model.search_fields = model.search_fields + extra


def baseline(q, type_ct=None, topic_id=None, backend="default"):
    from modelsearch.query import MATCH_ALL

    from kb.models import KnowledgePage

    pages = KnowledgePage.objects.live().public()
    if type_ct:
        pages = pages.filter(content_type_id=type_ct)
    if topic_id:
        pages = pages.filter(
            pk__in=KnowledgePage.topics.through.objects.filter(topic_id=topic_id).values("knowledgepage_id")
        )
    results = pages.search(q or MATCH_ALL, operator="and", backend=backend)
    list(results[:10])
    results.count()
    for field in ("content_type_id", "topics", "agencies", "life_events", "publication_date"):
        results.facet(field)


def measure(fn, runs, warm_up=3):
    timings = []
    warm_up = min(warm_up, runs)
    for i in range(runs + warm_up):
        start = time.perf_counter()
        fn(i)
        if i >= warm_up:
            timings.append((time.perf_counter() - start) * 1000)
    return p50_p95(timings)


def first_searches(words, runs):
    """p50 and p95 of text searches whose words the database engine has not kept yet, as in a
    process's first search of them: the kept words are forgotten before each search."""
    from search.engines.facet_index import current_index
    from search.query import SearchQuery
    from search.service import run_search

    timings = []
    for i in range(max(runs, len(words))):
        current_index().words = ({}, frozenset())
        start = time.perf_counter()
        run_search(SearchQuery(q=words[i % len(words)]))
        timings.append((time.perf_counter() - start) * 1000)
    return p50_p95(timings)


def queries(fn):
    """Database queries one search makes."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        fn(1)
    return len(captured)


def main():
    args = parse_args()
    configure(args)
    from django.core.management import call_command
    from django.db import connection

    from kb.models import GovernmentLevel, KnowledgePage, Topic
    from search.query import SearchQuery
    from search.service import autocomplete, run_search

    if args.engine == "opensearch":
        opensearch_main(args)
        return
    call_command("migrate", verbosity=0)
    existing = KnowledgePage.objects.count()
    if existing != args.pages:
        build_pages(args)
        rate, seconds = timed_rebuild("default")
        print(f"search index: rebuild_search_index {rate:.0f} pages/s ({seconds:.0f}s); {load_average()}")
    with connection.cursor() as cursor:
        # What autovacuum does soon after a bulk load: planner statistics, and on PostgreSQL the GIN
        # indexes' pending lists merged and the visibility map set (index-only scans need it).
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    add_baseline_filter_fields()

    from django.contrib.contenttypes.models import ContentType

    from kb.models import ToolPage

    topics = list(Topic.objects.order_by("slug").values_list("slug", "pk"))
    tool_ct = ContentType.objects.get_for_model(ToolPage).pk
    words = QUERIES[args.corpus]
    levels = GovernmentLevel.values

    def topic(i):
        return topics[i % len(topics)]

    kinds = {
        "text only": (
            lambda i: run_search(SearchQuery(q=words[i % len(words)])),
            lambda i: baseline(words[i % len(words)]),
        ),
        "text + 2 facets": (
            lambda i: run_search(SearchQuery(q=words[i % len(words)], type=("tool",), topic=(topic(i)[0],))),
            lambda i: baseline(words[i % len(words)], tool_ct, topic(i)[1]),
        ),
        "facets only": (
            lambda i: run_search(SearchQuery(topic=(topic(i)[0],), level=(levels[i % 5],))),
            lambda i: baseline("", None, topic(i)[1]),
        ),
        "everything": (
            lambda i: run_search(SearchQuery()),
            lambda i: baseline(""),
        ),
    }
    print(
        f"\n{connection.vendor}, {args.corpus} corpus, {KnowledgePage.objects.live().count()} live pages, "
        f"{args.runs} runs per kind, {load_average()}"
    )
    print(
        f"{'search':<18}{'service p50':>13}{'p95':>9}{'queries':>9}"
        f"{'baseline p50':>15}{'p95':>9}{'queries':>9}{'ratio p95':>11}"
    )
    for label, (service, plain) in kinds.items():
        s50, s95 = measure(service, args.runs, warm_up=len(words))
        b50, b95 = measure(plain, args.baseline_runs or args.runs)
        print(
            f"{label:<18}{s50:>11.1f}ms{s95:>7.1f}ms{queries(service):>9}"
            f"{b50:>13.1f}ms{b95:>7.1f}ms{queries(plain):>9}{s95 / b95:>10.2f}x"
        )
    s50, s95 = first_searches(words, args.runs)
    print(f"{'text, first time':<18}{s50:>11.1f}ms{s95:>7.1f}ms  (each query's first search: its words not kept yet)")
    prefixes = PREFIXES[args.corpus]
    s50, s95 = measure(lambda i: autocomplete(prefixes[i % len(prefixes)]), args.runs)
    print(f"{'suggestions':<18}{s50:>11.1f}ms{s95:>7.1f}ms{queries(lambda i: autocomplete(prefixes[i % 3])):>9}")
    facet_index_figures(args.workers, words)
    print(f"after the run: {load_average()}")


def load_average():
    """The machine's load: figures measured beside other work are inflated by it."""
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.1f} / {five:.1f} / {fifteen:.1f} (1 / 5 / 15 min)"


def facet_index_figures(workers, words):
    """The database engine's facet index: build time and memory, and what the first search after a
    publish costs each worker (processes simulated one after another, each holding the index and
    the typo vocabulary it had before the publish)."""
    import gc
    import tracemalloc

    from kb.models import KnowledgePage
    from search.engines import facet_index, vocabulary
    from search.query import SearchQuery
    from search.service import run_search

    builds = []
    for _ in range(3):
        facet_index._built = None
        started = time.perf_counter()
        index = facet_index.current_index()
        builds.append((time.perf_counter() - started) * 1000)
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    facet_index._built = None
    index = facet_index.current_index()
    held = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    values = sum(len(found) for found in index.bits.values())
    print(
        f"\nfacet index: {index.size} pages, {values} facet values, full build {statistics.median(builds):.0f}ms "
        f"(median of 3), {held / 2**20:.1f} MB held in memory (tracemalloc)"
    )
    recount, read_all = vocabulary_reads(index)
    known = vocabulary._read
    page = KnowledgePage.objects.visible().order_by("pk")[index.size // 2].specific
    started = time.perf_counter()
    page.save_revision().publish()
    published = (time.perf_counter() - started) * 1000
    first, catch_up, first_text, words_catch_up = [], [], [], []
    for worker in range(workers):
        facet_index._built = index  # this worker's index from before the publish
        started = time.perf_counter()
        run_search(SearchQuery())
        first.append((time.perf_counter() - started) * 1000)
        facet_index._built = index
        started = time.perf_counter()
        current = facet_index.current_index()
        catch_up.append((time.perf_counter() - started) * 1000)
        vocabulary._read = known  # ... and its vocabulary
        started = time.perf_counter()
        vocabulary.word_frequencies()
        words_catch_up.append((time.perf_counter() - started) * 1000)
        facet_index._built, vocabulary._read = index, known
        started = time.perf_counter()
        run_search(SearchQuery(q=words[worker % len(words)]))
        first_text.append((time.perf_counter() - started) * 1000)
    facet_index._built = current
    warm = measure(lambda i: run_search(SearchQuery()), 10)[0]
    warm_text = measure(lambda i: run_search(SearchQuery(q=words[i % len(words)])), 10)[0]
    print(
        f"one publish ({published:.0f}ms), then the first search in each of {workers} workers: "
        f"p50 {statistics.median(first):.0f}ms, of which catching up {statistics.median(catch_up):.0f}ms "
        f"(re-reading the one page); a warm search {warm:.0f}ms; "
        f"a full rebuild in every worker would add {statistics.median(builds):.0f}ms to each"
    )
    print(
        f"typo vocabulary ({len(vocabulary.word_frequencies())} words): the first text search after the publish "
        f"in each worker p50 {statistics.median(first_text):.0f}ms (a warm one {warm_text:.0f}ms), of which "
        f"catching up with the word counts {statistics.median(words_catch_up):.1f}ms; reading every count "
        f"(a new process) {read_all:.0f}ms; counting every page's words from the index entries, as every worker "
        f"did after every publish before the counts were kept, {recount:.0f}ms"
    )


def vocabulary_reads(index):
    """(ms to count every public page's words from the index entries, as each process did after
    every publish before the counts were kept; ms to read every kept count), one run each."""
    from collections import Counter

    from search.engines import vocabulary
    from search.engines.database import toolkit_entries

    started = time.perf_counter()
    public, counts = set(index.ids), Counter()
    rows = toolkit_entries().values_list("object_id", *vocabulary.entry_columns()).iterator(chunk_size=500)
    for object_id, title, body in rows:
        if int(object_id) in public:
            counts.update({found.lower() for found in vocabulary.WORD.findall(f"{title} {body or ''}")})
    recount = (time.perf_counter() - started) * 1000
    vocabulary._read = None
    started = time.perf_counter()
    read = vocabulary.word_frequencies()
    read_all = (time.perf_counter() - started) * 1000
    if read != counts:
        print(f"WARNING: the kept counts differ from a fresh count ({len(read)} and {len(counts)} words)")
    return recount, read_all


def opensearch_main(args):
    """Database engine, OpenSearch engine and plain Wagtail on OpenSearch, side by side."""
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.db import connection

    from kb.models import GovernmentLevel, KnowledgePage, ToolPage, Topic
    from search.query import SearchQuery
    from search.service import run_search

    call_command("migrate", verbosity=0)
    if KnowledgePage.objects.count() != args.pages:
        build_pages(args)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")

    url, version, node = start_opensearch(args.opensearch_url)
    try:
        opensearch = opensearch_backends(url, version)
        database = {"default": opensearch["database"], "database": {**opensearch["database"], "AUTO_UPDATE": False}}
        # The plain way needs these FilterFields in the OpenSearch mapping, so before the build.
        add_baseline_filter_fields()
        settings.WAGTAILSEARCH_BACKENDS = opensearch
        database_rate, database_seconds = timed_rebuild("database")
        opensearch_rate, opensearch_seconds = timed_rebuild("default")
        print(
            f"index build: database {database_rate:.0f} pages/s ({database_seconds:.0f}s), "
            f"OpenSearch {version} {opensearch_rate:.0f} pages/s ({opensearch_seconds:.0f}s); {load_average()}"
        )
        if args.index_only:
            return

        topics = list(Topic.objects.order_by("slug").values_list("slug", "pk"))
        tool_ct = ContentType.objects.get_for_model(ToolPage).pk
        words = QUERIES[args.corpus]
        levels = GovernmentLevel.values

        def on(backends, search):
            def run(i):
                settings.WAGTAILSEARCH_BACKENDS = backends
                search(i)

            return run

        kinds = {
            "text only": (lambda i: SearchQuery(q=words[i % len(words)]), lambda i: (words[i % len(words)],)),
            "text + 2 facets": (
                lambda i: SearchQuery(q=words[i % len(words)], type=("tool",), topic=(topics[i % len(topics)][0],)),
                lambda i: (words[i % len(words)], tool_ct, topics[i % len(topics)][1]),
            ),
            "facets only": (
                lambda i: SearchQuery(topic=(topics[i % len(topics)][0],), level=(levels[i % 5],)),
                lambda i: ("", None, topics[i % len(topics)][1]),
            ),
            "everything": (lambda i: SearchQuery(), lambda i: ("",)),
        }
        print(
            f"\n{connection.vendor} + OpenSearch {version}, {args.corpus} corpus, "
            f"{KnowledgePage.objects.live().count()} live pages, {args.runs} runs per kind, all six facets"
        )
        print(
            f"{'search':<18}{'database p50':>14}{'p95':>9}{'OpenSearch p50':>16}{'p95':>9}"
            f"{'plain p50':>12}{'p95':>9}{'OS/plain p95':>14}"
        )
        for label, (query_for, plain_args) in kinds.items():
            d50, d95 = measure(on(database, lambda i, q=query_for: run_search(q(i), fallback=False)), args.runs)
            o50, o95 = measure(on(opensearch, lambda i, q=query_for: run_search(q(i), fallback=False)), args.runs)
            p50, p95 = measure(on(opensearch, lambda i, a=plain_args: baseline(*a(i))), args.baseline_runs or args.runs)
            print(
                f"{label:<18}{d50:>12.1f}ms{d95:>7.1f}ms{o50:>14.1f}ms{o95:>7.1f}ms"
                f"{p50:>10.1f}ms{p95:>7.1f}ms{o95 / p95:>13.2f}x"
            )
    finally:
        if node is not None:
            node.stop()


if __name__ == "__main__":
    main()

"""Relevance benchmark: does search find what members need, however they put it?

    .venv/bin/python bench/relevance.py                        # SQLite, database engine
    .venv/bin/python bench/relevance.py --database postgres    # PostgreSQL (DATABASE_HOST_URL)
    OPENSEARCH_URL=http://127.0.0.1:9271 OPENSEARCH_VERSION=2 SEARCH_INDEX_PREFIX=relevance_ \\
        .venv/bin/python bench/relevance.py --database postgres   # and the OpenSearch engine too

Loads the digital.gov customer-experience articles (cx-files.txt) into a throw-away database
(a SQLite file under /tmp, or the PostgreSQL database ``cxkb_relevance_bench`` on
DATABASE_HOST_URL, default postgres://postgres@127.0.0.1:5432), indexes them, and runs every
information need of the judged set (``bench/relevance/needs.yaml``) through
``search.service.run_search``, as the search page does (first page, ten results).

It prints, per engine, per step and per kind of need: success@10 (a relevant article in the first
ten results), MRR (mean of 1/rank of the first relevant article, 0 past rank ten) and the share of
needs that got no result at all; "all" is the four kinds the search was tuned on, and "held-out"
the natural-language needs of ``bench/relevance/held_out.yaml``, written after the tuning and never
used for it (how far the tuned figures carry to needs they were not tuned on), and "blind" those of
``bench/relevance/blind.yaml``, written and judged by reading the articles only, before any search
was run on them, and never to be used to choose a constant. Steps are cumulative, each switched on
by its setting, so each line shows what one more step adds:

    lexical     every word must match (SEARCH_RELAXED_MATCHING, SEARCH_TYPO_TOLERANCE,
                SEARCH_SYNONYMS and SEARCH_SEMANTIC off)
    +relaxed    pages with most of the words when none has them all
    +typos      unknown words corrected from the index's vocabulary
    +synonyms   the CX glossary's synonyms and acronyms
    +semantic   pages found by meaning (sentence embeddings) join the results, and the two
                rankings are fused (only when the extra is installed)
    -passages   the same without the passage vectors (summaries only)
    -sentence   the same with a sentence's words weighing in the fusion as a short search's

The last column is the latency of a natural-language search (50th and 95th percentile, in
milliseconds, after three warm-up searches), as the service answers it, each search's words embedded
afresh (not from the cache that serves the same words paged or filtered): on a shared machine it
says as much about the other processes as about the search.

After the last step it prints each natural-language set's success@10 as needs found out of needs,
with its 95% Wilson interval, and the three sets together (``print_certainty``): a few dozen needs
measure a share only roughly, and the interval says how roughly.

With semantic search it also prints what the vectors cost: vectors per page (the summary's and
one per passage), embedding time per page, their memory, and the time to score every page
against a search's vector (the embedding of the search itself is part of the latency column);
and, per engine, where a natural-language search's time goes (``semantic_latency``).

Figures are printed, never asserted. ``--verbose`` lists the needs each step still misses;
``--name`` names the throw-away database (for several runs side by side); ``--reuse`` measures
again on the pages and vectors an earlier run of the same ``--name`` left (after a change of
ranking only), ``--last`` measures only the last step.
"""

import argparse
import os
import random
import sys
import time
from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.append(str(ROOT / "bench"))  # after ROOT: bench/search.py must not hide the search app

from throwaway import database_url  # noqa: E402

NEEDS = ROOT / "bench" / "relevance" / "needs.yaml"
HELD_OUT = ROOT / "bench" / "relevance" / "held_out.yaml"
BLIND = ROOT / "bench" / "relevance" / "blind.yaml"
KINDS = ("keyword", "natural", "typo", "acronym")  # tuned on; "all" adds these up
STEPS = {
    "lexical": {},
    "+relaxed": {"SEARCH_RELAXED_MATCHING": True},
    "+typos": {"SEARCH_TYPO_TOLERANCE": True},
    "+synonyms": {"SEARCH_SYNONYMS": True},
    "+semantic": {"SEARCH_SEMANTIC": True},
}
# With everything on, what one part of semantic search adds: the +semantic step again with a
# constant of search.semantic set back (no re-embedding needed).
WITHOUT = {
    "-passages": {"PASSAGE_WEIGHT": 0.0},  # the summaries' vectors only
    "-sentence": {"SENTENCE_WORDS_WEIGHT": 1.0},  # a sentence's words weigh as a short search's
}
ALL_OFF = {"SEARCH_RELAXED_MATCHING": False, "SEARCH_TYPO_TOLERANCE": False, "SEARCH_SYNONYMS": False}
DATABASE_NAME = "cxkb_relevance_bench"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--verbose", action="store_true", help="list the needs each step misses")
    parser.add_argument("--name", default=DATABASE_NAME, help="the throw-away database's name")
    parser.add_argument("--reuse", action="store_true", help="keep the pages and vectors of an earlier run")
    parser.add_argument("--last", action="store_true", help="measure only the last step (everything on)")
    return parser.parse_args()


def configure(database, name, reuse=False):
    """Point Django at the throw-away database (a fresh one unless ``reuse``)."""
    url = database_url(name, database, keep=reuse)
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"  # the test settings force the database engine
    os.environ["DEBUG"] = "false"
    os.environ.pop("ELASTICSEARCH_URL", None)
    import django

    django.setup()
    import logging

    logging.disable(logging.WARNING)


def load_articles(reuse=False):
    """Build a page per CX article (or find those an earlier run built); {article path: page id}."""
    from digitalgov import articles
    from django.core.management import call_command
    from pages import PageText, build
    from wagtail.models import Page

    call_command("migrate", verbosity=0)
    corpus = list(articles(customer_experience_only=True))
    if not reuse:
        texts = [PageText(a.title, a.summary, a.date, a.paragraphs, a.topics) for a in corpus]
        build(texts, random.Random(42))
        started = time.perf_counter()
        call_command("rebuild_search_index", verbosity=0)
        print(f"{len(corpus)} articles indexed in {time.perf_counter() - started:.1f}s")
    page_ids = dict(Page.objects.filter(slug__startswith="page-").values_list("slug", "pk"))
    return {article.path: page_ids[f"page-{i}"] for i, article in enumerate(corpus)}


def judge(needs, page_for_path):
    """Run every need; {kind: [(reciprocal rank, zero results, need)]} and {kind: [milliseconds]}."""
    from search.query import SearchQuery
    from search.service import run_search

    outcomes, timings = defaultdict(list), defaultdict(list)
    for need in needs:
        relevant = {page_for_path[path] for path in need["relevant"]}
        started = time.perf_counter()
        results = run_search(SearchQuery(q=need["query"]))
        timings[need["kind"]].append((time.perf_counter() - started) * 1000)
        ranks = [rank for rank, hit in enumerate(results.hits, 1) if hit.id in relevant]
        outcomes[need["kind"]].append((1 / ranks[0] if ranks else 0.0, results.count == 0, need))
    return outcomes, timings


def percentile(values, share):
    """The value below which ``share`` of ``values`` lie (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def figures(rows):
    n = len(rows) or 1
    success = sum(1 for rr, _zero, _need in rows if rr) / n
    mrr = sum(rr for rr, _zero, _need in rows) / n
    zero = sum(1 for _rr, is_zero, _need in rows if is_zero) / n
    return success, mrr, zero


def engines():
    """{name: WAGTAILSEARCH_BACKENDS} for the database engine and, when configured, OpenSearch."""
    from django.conf import settings

    configured = settings.WAGTAILSEARCH_BACKENDS
    database = {"default": configured["database"], "database": configured["database"]}
    found = {"database": database}
    if "opensearch" in configured["default"]["BACKEND"].lower():
        found["opensearch"] = configured
    return found


def embed_pages(reuse=False):
    """Make the pages' meaning vectors (unless ``reuse``) when the optional extra is installed, and
    print what they cost; whether the extra is installed."""
    import resource

    from search import embeddings, semantic

    if not embeddings.available():
        print("semantic step skipped: the optional extra (requirements-semantic.txt) is not installed")
        return False
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    if not reuse:
        semantic.embed_all()
    elapsed = time.perf_counter() - started
    stored = semantic.vectors()
    pages, rows = len(stored.position), len(stored.matrix)
    if not pages:
        print("semantic step skipped: no page has meaning vectors (run without --reuse)")
        return False
    grown = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    embedded = "" if reuse else f", embedded in {elapsed:.1f}s ({elapsed * 1000 / pages:.0f} ms a page)"
    print(
        f"meaning vectors: {pages} pages, {rows} vectors ({rows / pages:.1f} a page: the summary's and "
        f"{(rows - pages) / pages:.1f} passages){embedded}, {stored.matrix.nbytes / 2**20:.1f} MB in memory; "
        f"the process grew {grown:.0f} MB (model and vectors)"
    )
    vector = embeddings.embed(["how do we tell whether people are happy with our service"])[0]
    semantic.limit_blas_threads()  # as a search scores them
    timings = []
    for _ in range(200):
        started = time.perf_counter()
        stored.similarities(vector)
        timings.append((time.perf_counter() - started) * 1000)
    print(f"scoring every page against a search: p50 {percentile(timings, 0.5):.2f} ms")
    return True


def main():
    args = parse_args()
    configure(args.database, args.name, args.reuse)
    from django.db import connection
    from django.test import override_settings

    print(f"load average {' '.join(f'{load:.2f}' for load in os.getloadavg())}")
    page_for_path = load_articles(args.reuse)
    needs = yaml.safe_load(NEEDS.read_text(encoding="utf-8"))["needs"]
    needs += yaml.safe_load(HELD_OUT.read_text(encoding="utf-8"))["needs"]
    needs += yaml.safe_load(BLIND.read_text(encoding="utf-8"))["needs"]
    counts = {kind: sum(1 for need in needs if need["kind"] == kind) for kind in (*KINDS, "held-out", "blind")}
    print(f"{len(needs)} needs: " + ", ".join(f"{count} {kind}" for kind, count in counts.items()))
    steps = [step for step in STEPS if step != "+semantic" or embed_pages(args.reuse)]

    header = f"{'engine':<12}{'step':<11}" + "".join(f"{kind:>21}" for kind in (*KINDS, "all", "held-out", "blind"))
    header += "  natural p50 / p95 ms"
    print(f"\n{connection.vendor}; each cell: success@10 / MRR / zero-result rate")
    print(header)
    latencies = {}
    for engine, backends in engines().items():
        settings_so_far = {**ALL_OFF, "SEARCH_SEMANTIC": False, "WAGTAILSEARCH_BACKENDS": backends}
        for step in steps:
            settings_so_far.update(STEPS[step])
            if args.last and step != steps[-1]:
                continue
            with override_settings(**settings_so_far):
                outcomes = measure(engine, step, needs, page_for_path, args.verbose)
            if step == steps[-1]:
                print_certainty(engine, outcomes)
        if "+semantic" in steps:
            with override_settings(**settings_so_far):
                for step, constants in WITHOUT.items():
                    with constants_of_semantic(constants):
                        measure(engine, step, needs, page_for_path, args.verbose)
                latencies[engine] = semantic_latency(needs, page_for_path)
    for engine, figures_of in latencies.items():
        print(f"\n{engine}, natural-language searches with everything on, p50 / p95 ms:")
        for label, timings in figures_of.items():
            print(f"  {label:<58}{percentile(timings, 0.5):7.1f} / {percentile(timings, 0.95):.1f}")


def semantic_latency(needs, page_for_path):
    """{what: [milliseconds]} of the natural-language needs' searches, where semantic search's time
    goes: the whole search as served (numpy's BLAS on one thread, ``search.semantic.limit_blas_threads``),
    the same with BLAS on a thread per core (as before that limit), the same words searched again
    (their vector cached), and the parts meaning adds: embedding the words, scoring every page.

    Each way of searching runs every need in turn, twice over in alternation (ABAB), so that a
    drift of the machine's load falls on both alike; not need by need, since OpenBLAS's threads
    go on spinning after a product and would slow the search that follows."""
    from threadpoolctl import threadpool_limits

    from search import embeddings, semantic

    natural = [need for need in needs if need["kind"] in ("natural", "held-out")]
    found = defaultdict(list)

    def searches(label):
        judge(natural[:3], page_for_path)  # the first searches after a switch carry its cost
        for need in natural:
            semantic.query_vector.cache_clear()
            found[label] += judge([need], page_for_path)[1][need["kind"]]

    for _turn in range(2):
        with threadpool_limits(limits=os.cpu_count(), user_api="blas"):
            searches("search, BLAS on a thread per core (before)")
        searches("search, BLAS on one thread (as served)")
    for need in natural:
        semantic.query_vector.cache_clear()
        judge([need], page_for_path)
        found["the same words again (their vector cached)"] += judge([need], page_for_path)[1][need["kind"]]
    stored = semantic.vectors()
    for need in natural:
        started = time.perf_counter()
        vector = embeddings.embed([need["query"]])[0]
        found["  of which: embedding the words"].append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        stored.similarities(vector)
        found["  of which: scoring every page (one BLAS thread)"].append((time.perf_counter() - started) * 1000)
    print(f"(latency measured at load average {' '.join(f'{load:.2f}' for load in os.getloadavg())})")
    return found


@contextmanager
def constants_of_semantic(constants):
    from search import semantic

    saved = {name: getattr(semantic, name) for name in constants}
    for name, value in constants.items():
        setattr(semantic, name, value)
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(semantic, name, value)


def measure(engine, step, needs, page_for_path, verbose):
    """Run the needs as the settings now stand and print their line."""
    from search import embeddings, semantic

    judge(needs[:3], page_for_path)  # warm up: caches, the model, the connection
    if embeddings.available():
        semantic.query_vector.cache_clear()  # every search embeds its words, as a new search would
    outcomes, timings = judge(needs, page_for_path)
    natural = timings["natural"]
    cells = []
    for kind in (*KINDS, "all", "held-out", "blind"):
        rows = [row for k in KINDS for row in outcomes[k]] if kind == "all" else outcomes[kind]
        cells.append("{:.2f} / {:.2f} / {:.2f}".format(*figures(rows)))
    latency = f"{percentile(natural, 0.5):.0f} / {percentile(natural, 0.95):.0f}"
    print(f"{engine:<12}{step:<11}" + "".join(f"{cell:>21}" for cell in cells) + f"  {latency:>20}")
    if verbose:
        for kind in (*KINDS, "held-out", "blind"):
            for rr, _zero, need in outcomes[kind]:
                if not rr:
                    print(f"    missed ({kind}): {need['query']}")
    return outcomes


def wilson_interval(found, total, z=1.96):
    """The 95% Wilson score interval of a share ``found`` / ``total``: how far the share measured on
    a few dozen needs may be from the share over every need members could have."""
    if not total:
        return 0.0, 0.0
    share = found / total
    centre = (share + z * z / (2 * total)) / (1 + z * z / total)
    half = z * ((share * (1 - share) / total + z * z / (4 * total * total)) ** 0.5) / (1 + z * z / total)
    return max(0.0, centre - half), min(1.0, centre + half)


def print_certainty(engine, outcomes):
    """Each natural-language set's success@10 as found / needs with its 95% interval, and the three
    sets together: one need is 1/29 of the tuned set, so a change of one or two needs is noise."""
    sets = {kind: outcomes[kind] for kind in ("natural", "held-out", "blind")}
    sets["all natural"] = [row for rows in sets.values() for row in rows]
    parts = []
    for kind, rows in sets.items():
        found = sum(1 for rr, _zero, _need in rows if rr)
        low, high = wilson_interval(found, len(rows))
        mrr = sum(rr for rr, _zero, _need in rows) / (len(rows) or 1)
        parts.append(f"{kind} {found}/{len(rows)} ({low:.2f}–{high:.2f}), MRR {mrr:.2f}")
    print(f"{'':<12}success@10 with its 95% interval: " + "; ".join(parts))


if __name__ == "__main__":
    main()

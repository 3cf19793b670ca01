"""Pages against a static file of the same bytes, cached and uncached, in one run; and reindexing.

    .venv/bin/python bench/compare.py                      # 3 rounds of 5 s per URL, 16 connections
    .venv/bin/python bench/compare.py --duration 10s --rounds 5 --pages 5000

What a new user would measure: gunicorn (2 workers) with the production settings on a throw-away
SQLite file (/tmp/cxkb_cache_compare.sqlite3, or ``--name``) holding the demo content plus ``--pages`` generated
toolkit pages (bench/pages.py), and wrk against each URL in turn, several rounds. Two servers run side by side on
the same database: one with the page cache (the default), one with ``PAGE_CACHE=false``. The
ceiling is a static file holding the case study's own bytes, served by the same gunicorn and
WhiteNoise. Each row prints its median round: req/s, p50/p99 latency, answers other than 2xx, and
req/s as a fraction of the static file's.

With ``--baseline DIR`` a third server runs another checkout (say, the commit before the page
cache) on the same database, and its uncached pages get rows of their own: before and after in
one run, each right after the row it is compared with, and the ratio of the two (the median of
the rounds' ratios) is printed under the table.

The search page and API are not in the page cache (their answers depend on every query string);
how search compares with plain Wagtail is bench/search.py's table. The last line times
``manage.py rebuild_search_index`` on the same database (pages/s).

Needs wrk (apt-get install wrk). Figures are printed, never judged; a busy machine gives noisy
numbers, so compare rows of one run rather than runs.
"""

import argparse
import datetime
import os
import random
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.append(str(ROOT / "bench"))

from pages import PageText, build  # noqa: E402
from throwaway import database_url  # noqa: E402

# Totals over wrk's threads: requests/s, p50 and p99 in ms, and answers that are not 2xx (wrk's own
# count lets redirects through).
WRK_REPORT = Path(__file__).with_name("wrk_report.lua")  # shared with bench/load.sh
STATIC_COPY = "bench/case-study.html"
WORDS = ["customer", "experience", "journey", "map", "survey", "feedback", "service", "design", "research", "claims"]


def load_average():
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000, help="generated toolkit pages added to the demo content")
    parser.add_argument("--duration", default="5s", help="of each wrk run")
    parser.add_argument("--rounds", type=int, default=3, help="wrk runs per URL, taking turns; the median is shown")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--name", default="cxkb_cache_compare", help="of the throw-away SQLite file, /tmp/NAME.sqlite3")
    parser.add_argument(
        "--baseline",
        type=Path,
        help="a checkout of another commit (git worktree add /tmp/before main): its uncached pages get rows too",
    )
    return parser.parse_args()


def production_environment(work, name="cxkb_cache_compare"):
    os.environ.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DATABASE_URL=database_url(name, "sqlite"),
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SECURE_SSL_REDIRECT="false",  # plain HTTP on the loopback; production sits behind HTTPS
        STATIC_ROOT=str(work / "static"),
        MEDIA_ROOT=str(work / "media"),
        LOG_LEVEL="WARNING",
    )
    for variable in ("REDIS_URL", "OPENSEARCH_URL", "ELASTICSEARCH_URL", "VCAP_SERVICES", "PAGE_CACHE"):
        os.environ.pop(variable, None)


def prepare_site(pages):
    """Migrate, load the demo content and ``pages`` generated pages, collect the static files."""
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("setup_editorial", verbosity=0)
    rng = random.Random(15)
    today = datetime.date.today()

    def sentence(n):
        return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."

    build(
        [
            PageText(
                title=f"{sentence(5)[:-1]} {i}",
                summary=sentence(25),
                date=today.replace(year=2015 + i % 10),
                paragraphs=[sentence(40) for _ in range(5)],
            )
            for i in range(pages)
        ],
        rng,
    )
    # After the generated pages, which are numbered from each section's first child.
    call_command("load_demo_content", verbosity=0)
    subprocess.run(["npm", "run", "--silent", "build:css"], cwd=ROOT, check=True)
    call_command("collectstatic", verbosity=0, interactive=False)


def time_reindex():
    from django.core.management import call_command

    from kb.models import KnowledgePage

    count = KnowledgePage.objects.count()
    started = time.perf_counter()
    call_command("rebuild_search_index", verbosity=0)
    return count, time.perf_counter() - started


def demo_case_study_url():
    from kb.models import CaseStudyPage

    # A demo case study (metrics, images, related links), not a generated one (slug "page-N").
    return CaseStudyPage.objects.visible().exclude(slug__startswith="page-").order_by("pk").first().url


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(workers, tree=ROOT, **env):
    """A gunicorn on a free port; its base URL and the process."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "config.wsgi", "--workers", str(workers), "--bind", f"127.0.0.1:{port}"]
        + ["--log-level", "warning"],
        cwd=tree,
        env={**os.environ, **env},
    )
    for _ in range(150):
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn on port {port} exited")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1)
            return f"http://127.0.0.1:{port}", server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError(f"gunicorn on port {port} did not answer")


def fetch(url):
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read()


def wrk(url, args):
    load = [f"-t{args.threads}", f"-c{args.connections}", f"-d{args.duration}", "--timeout", "10s"]
    output = subprocess.run(
        ["wrk", *load, "-s", str(WRK_REPORT), url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    line = next(line for line in output.splitlines() if line.startswith("RESULT"))
    rps, p50, p99, _errors, non2xx, _requests = line.split()[1:]
    return float(rps), float(p50), float(p99), int(non2xx)


def main():
    args = parse_args()
    work = Path(tempfile.mkdtemp(prefix="cxkb-compare-"))
    production_environment(work, args.name)
    started = time.perf_counter()
    prepare_site(args.pages)
    print(f"Site prepared in {time.perf_counter() - started:.0f} s (demo content + {args.pages} generated pages)")
    reindexed, seconds = time_reindex()
    case_study = demo_case_study_url()

    uncached_base, uncached = serve(args.workers, PAGE_CACHE="false")
    servers = [uncached]
    try:
        # The static copy must exist before WhiteNoise (which indexes files at start-up) starts.
        static_file = Path(os.environ["STATIC_ROOT"]) / STATIC_COPY
        static_file.parent.mkdir(parents=True, exist_ok=True)
        static_file.write_bytes(fetch(uncached_base + case_study))
        cached_base, cached = serve(args.workers)
        servers.append(cached)
        baseline_rows = {}
        if args.baseline:
            baseline_base, baseline = serve(args.workers, tree=args.baseline, PAGE_CACHE="false")
            servers.append(baseline)
            baseline_rows = {
                "case study, uncached": ("case study, baseline", baseline_base, case_study),
                "home, uncached": ("home, baseline", baseline_base, "/"),
                "listing, uncached": ("listing, baseline", baseline_base, "/case-studies/"),
            }
        rows = [
            ("static file, same bytes", cached_base, "/static/" + STATIC_COPY),
            ("case study, cached", cached_base, case_study),
            ("case study, uncached", uncached_base, case_study),
            ("home, cached", cached_base, "/"),
            ("home, uncached", uncached_base, "/"),
            ("listing, cached", cached_base, "/case-studies/"),
            ("listing, uncached", uncached_base, "/case-studies/"),
            ("feed, cached", cached_base, "/feeds/"),
            ("search page (not cached)", cached_base, "/search/?q=customer+journey&type=case-study"),
            ("search API (not cached)", cached_base, "/api/search/?q=customer+journey&type=case-study"),
        ]
        # Each baseline row right after the row it is compared with, so both see the same load.
        rows = [paired for row in rows for paired in (row, baseline_rows.get(row[0])) if paired]
        print(
            f"\nwrk {args.rounds} × {args.duration}, {args.connections} connections, {args.threads} threads;"
            f" gunicorn {args.workers} sync workers, production settings, SQLite; {os.cpu_count()} CPUs;"
            f" case study {case_study} ({static_file.stat().st_size} bytes);"
            f" load average {load_average()} before"
        )
        print(f"{'':32} {'req/s':>9} {'p50 ms':>9} {'p99 ms':>9} {'non-2xx':>8} {'× static':>9}")
        for _label, base, path in rows:
            fetch(base + path)  # the first visitor fills the cache
        # Rows take turns, round after round, and each prints its median round: load from the rest
        # of the machine then falls on every row alike.
        results = {label: [] for label, _base, _path in rows}
        for _round in range(args.rounds):
            for label, base, path in rows:
                results[label].append(wrk(base + path, args))
        static_rps = statistics.median(rps for rps, *_ in results[rows[0][0]])
        for label, *_ in rows:
            rps, p50, p99, non2xx = sorted(results[label])[len(results[label]) // 2]
            print(f"{label:32} {rps:9.1f} {p50:9.2f} {p99:9.2f} {non2xx:8d} {rps / static_rps:9.3f}")
        print(f"load average {load_average()} after")
        for label, (before, *_) in baseline_rows.items():
            # Per round, the two rows ran one after the other: their ratio suffers least from load.
            ratios = [now[0] / then[0] for now, then in zip(results[label], results[before], strict=True)]
            rounds = ", ".join(f"{ratio:.2f}" for ratio in ratios)
            print(f"{label} ÷ baseline: {statistics.median(ratios):.2f}× (rounds: {rounds})")
    finally:
        for server in servers:
            server.terminate()
            server.wait()
    print(f"\nrebuild_search_index: {reindexed} pages in {seconds:.1f} s = {reindexed / seconds:.0f} pages/s (SQLite)")
    print("Search against plain Wagtail: bench/search.py (p50/p95 per kind of search).")


if __name__ == "__main__":
    main()

"""Markdown import benchmark: the whole digital.gov corpus through `import_markdown`, then searches.

    .venv/bin/python bench/import.py                       # SQLite file under /tmp
    .venv/bin/python bench/import.py --database postgres   # cxkb_import_bench on DATABASE_HOST_URL

Imports every Markdown file of ../shared/corpora/digitalgov/content (4,041 files; DIGITALGOV_CORPUS
or --corpus to change) into a throw-away database, published, the way a team moving a Hugo site
would, and prints files per second, what was created, updated, redirected and skipped (each skip
with its reason), any failures, and the notes (dropped images, removed shortcodes). Then it times
the search service on the imported pages: p50/p95 for words only, words and facets, facets only.
Figures are printed, never asserted.
"""

import argparse
import io
import os
import sys
import time
from pathlib import Path

from throwaway import database_url
from timing import p50_p95

REPOSITORY = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = Path(os.environ.get("DIGITALGOV_CORPUS", REPOSITORY.parent / "shared" / "corpora" / "digitalgov"))
DATABASE_NAME = "cxkb_import_bench"
SEARCHES = {
    "words": [{"q": "customer experience"}, {"q": "plain language"}, {"q": "accessibility testing"}],
    "words + facets": [
        {"q": "customer experience", "type": "agency-example", "topic": "customer-experience"},
        {"q": "data", "type": "tool", "topic": "analytics"},
    ],
    "facets only": [{"topic": "customer-experience"}, {"topic": "accessibility", "year": "2020"}],
}


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--runs", type=int, default=20, help="Runs of each search (default 20).")
    return parser.parse_args()


def configure(database):
    """Point Django at a fresh throw-away database."""
    url = database_url(DATABASE_NAME, database)
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    os.environ.pop("ELASTICSEARCH_URL", None)
    os.environ.pop("OPENSEARCH_URL", None)
    sys.path.insert(0, str(REPOSITORY))
    import django

    django.setup()
    import logging

    logging.disable(logging.WARNING)


def main():
    args = parse_args()
    content = args.corpus / "content"
    if not content.is_dir():
        sys.exit(f"No corpus at {args.corpus} (set DIGITALGOV_CORPUS or --corpus).")
    configure(args.database)
    from django.core.management import call_command
    from django.http import QueryDict

    from home.site_structure import ensure_site_structure
    from importer.service import MarkdownImporter, markdown_files
    from search.query import parse_search_query
    from search.service import run_search

    call_command("migrate", verbosity=0)
    ensure_site_structure()
    call_command("setup_editorial", stdout=io.StringIO())

    files = list(markdown_files([content], base=args.corpus))
    print(f"Importing {len(files):,} files from {content} into {args.database}...")
    started = time.perf_counter()
    report = MarkdownImporter(publish=True).run(files)
    elapsed = time.perf_counter() - started
    counts = report.counts()
    print(f"{len(files):,} files in {elapsed:.0f} s: {len(files) / elapsed:.1f} files/s")
    print(", ".join(f"{count:,} {status}" for status, count in counts.items()))
    for status in ("skipped", "failed"):
        for reason, count in report.reasons(status)[:15]:
            print(f"  {status} ({count}): {reason}")
    for note, count in report.notes()[:10]:
        print(f"  note ({count}): {note}")

    print(f"\nSearch over the imported pages ({args.runs} runs each, all six facets counted):")
    for name, searches in SEARCHES.items():
        timings = []
        for params in searches:
            querydict = QueryDict(mutable=True)
            querydict.update(params)
            query, _errors = parse_search_query(querydict)
            run_search(query)  # the first search of a process builds the facet index
            for _ in range(args.runs):
                started = time.perf_counter()
                run_search(query)
                timings.append(time.perf_counter() - started)
        p50, p95 = p50_p95(timings)
        print(f"  {name:15} p50 {p50 * 1000:6.1f} ms   p95 {p95 * 1000:6.1f} ms")


if __name__ == "__main__":
    main()

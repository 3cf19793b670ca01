"""What many searches return, written to a file, to show that a change to the engine changed no result.

    .venv/bin/python bench/snapshot.py --database postgres --name cxkb_searchscale_100000 /tmp/before.json
    (change the code)
    .venv/bin/python bench/snapshot.py --database postgres --name cxkb_searchscale_100000 /tmp/after.json
    .venv/bin/python bench/snapshot.py --compare /tmp/before.json /tmp/after.json

Runs every search of ``QUERIES`` with each set of ``FILTERS``, pages 1 and 2, through
``search.service.run_search`` on an existing benchmark database (``bench/search.py --reuse`` keeps
one; nothing is written to it), and the autocomplete for each of ``PREFIXES``; writes the result
ids, counts, facet counts and notices of each, and each result card as members see it (title, URL,
type, summary, taxonomy, date and the highlighted snippet). ``--compare`` prints how many differ and which.
The queries mix common and rare words, synonyms, stop words and words no page has.
"""

import argparse
import dataclasses
import itertools
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.append(str(ROOT / "bench"))

from throwaway import database_url  # noqa: E402

QUERIES = [
    *("customer", "journey map", "survey", "wait time", "benefit claim", "accessibility", "passport"),
    *("customer experience", "the", "the customer", "questionnaire", "a11y", "map survey service", "xyzzy"),
    *("section 508", "plain language", "usability testing", "mobile", "digital service design", "tax filing online"),
    *("veteran benefit claim form", "customer journey", "CSAT", "login security privacy", "child care"),
    *("of the and", "health clinic appointment booking", "trust", "dashboard metric", "outreach rural tribal"),
]
PREFIXES = ["cus", "journey m", "surv", "acc", "pass", "wait t", "ben", "a", "the", "x", "customer ex", "dig serv"]


def filters():
    """No filter, a type, a topic, both, a level."""
    from kb.models import Topic

    first, second = [*Topic.objects.order_by("slug").values_list("slug", flat=True)[:2], "none", "none"][:2]
    tools = {"type": ("tool",)}
    return [{}, tools, {"topic": (first,)}, {**tools, "topic": (second,)}, {"level": ("federal",)}]


def snapshot():
    from search.query import SearchQuery
    from search.service import autocomplete, run_search

    found = {}
    for q, chosen, page in itertools.product(QUERIES, filters(), (1, 2)):
        results = run_search(SearchQuery(q=q, page=page, **chosen))
        found[f"{q} | {sorted(chosen.items())} | page {page}"] = {
            "ids": [hit.id for hit in results.hits],
            "cards": [dataclasses.asdict(hit) for hit in results.hits],
            "count": results.count,
            "facets": {facet: [(item.value, item.count) for item in items] for facet, items in results.facets.items()},
            "notices": list(results.notices),
        }
    for prefix in PREFIXES:
        found[f"autocomplete | {prefix}"] = autocomplete(prefix)
    return found


def compare(before, after):
    before, after = (json.loads(Path(path).read_text()) for path in (before, after))
    differing = sorted(key for key in before.keys() | after.keys() if before.get(key) != after.get(key))
    print(f"{len(before)} searches before, {len(after)} after, {len(differing)} differ")
    for key in differing:
        print(f"  {key}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="postgres")
    parser.add_argument("--name", help="the benchmark database, e.g. cxkb_searchscale_100000")
    parser.add_argument("--compare", action="store_true", help="compare two snapshot files")
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()
    if args.compare:
        compare(*args.files)
        return
    os.environ["DATABASE_URL"] = database_url(args.name, args.database, keep=True)
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    import django

    django.setup()
    import logging

    logging.disable(logging.WARNING)
    found = snapshot()
    Path(args.files[0]).write_text(json.dumps(found, indent=0, sort_keys=True, default=str))
    print(f"{len(found)} searches written to {args.files[0]}")


if __name__ == "__main__":
    main()

"""What semantic search's vectors cost a process at the toolkit's largest sizes, without a model.

    .venv/bin/python bench/semantic_scale.py                          # 100,000 pages, 10 vectors each
    .venv/bin/python bench/semantic_scale.py --pages 4000 --vectors 10

Embedding 100,000 real pages would take hours (about a second a page on one core,
``bench/relevance.py``), and what this measures does not depend on what the vectors say: it fills
``search.semantic.Vectors`` with random unit vectors, as many per page as asked (a digital.gov
article has its summary's and about 9 passages'), and prints

- the memory they take in each process (every worker keeps its own copy);
- the time to score every page against a search's vector (``Vectors.similarities``: one
  matrix-vector product, then each page's closest passage);
- the time to keep the closest ``FUSION_DEPTH`` pages in order (``semantic.closest_first``, as
  ``semantic.ranking`` does), against sorting every page and making a Python pair of each, as
  ``ranking`` did before, measured in the same run;

each as p50 / p95 over ``--runs`` searches, numpy's BLAS on one thread as a search runs it. No
database is needed: the facet index's filtering is left out (a bitset, timed in ``bench/search.py``).
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.append(str(ROOT / "bench"))

from timing import p50_p95  # noqa: E402


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100_000)
    parser.add_argument("--vectors", type=int, default=10, help="vectors per page (its summary's and passages')")
    parser.add_argument("--runs", type=int, default=30)
    return parser.parse_args()


def timed(function, runs):
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        timings.append((time.perf_counter() - started) * 1000)
    return p50_p95(timings)


def main():
    args = parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()
    import numpy as np

    from search import embeddings, semantic

    generator = np.random.default_rng(42)

    def unit_rows(count):
        rows = generator.standard_normal((count, embeddings.DIMENSIONS)).astype(np.float32)
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)

    started = time.perf_counter()
    stored = semantic.Vectors([(pk, unit_rows(args.vectors)) for pk in range(1, args.pages + 1)])
    built = time.perf_counter() - started
    semantic.limit_blas_threads()
    search = unit_rows(1)[0]
    ids = np.arange(args.pages, 0, -1, dtype=np.int64)  # the facet index's order: newest first
    similarity = stored.similarities(search)

    def every_page_sorted():
        order = similarity.argsort(kind="stable")[::-1]
        return [(int(ids[place]), float(similarity[place])) for place in order]

    def closest_kept():
        order = semantic.closest_first(similarity, semantic.FUSION_DEPTH)
        return list(zip(ids[order].tolist(), similarity[order].tolist(), strict=True))

    assert every_page_sorted()[: semantic.FUSION_DEPTH] == closest_kept()
    print(
        f"{args.pages:,} pages, {args.vectors} vectors each: {stored.matrix.nbytes / 2**20:,.0f} MB of vectors "
        f"per process (built in {built:.1f}s); load average {' '.join(f'{n:.2f}' for n in os.getloadavg())}"
    )
    rows = [
        ("scoring every page (Vectors.similarities)", lambda: stored.similarities(search)),
        (f"keeping the closest {semantic.FUSION_DEPTH} (closest_first)", closest_kept),
        ("sorting every page into Python pairs (before)", every_page_sorted),
    ]
    for label, function in rows:
        p50, p95 = timed(function, args.runs)
        print(f"  {label:<50}p50 {p50:7.1f} ms   p95 {p95:7.1f} ms")


if __name__ == "__main__":
    main()

"""How the benchmarks summarise their timings: the median and the 95th percentile (nearest rank)."""

import statistics


def p50_p95(timings):
    """(median, 95th percentile) of ``timings``, the same figures in every benchmark."""
    ordered = sorted(timings)
    return statistics.median(ordered), ordered[max(0, round(0.95 * len(ordered)) - 1)]

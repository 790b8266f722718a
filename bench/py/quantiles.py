"""Nearest-rank quantiles of latencies, as bench/README.md defines them.

The value at fraction num/den of n sorted values is the one at rank
ceil(num/den * n) (1-based, at least 1), the same rule as bench/c/common.h.
Latencies come in nanoseconds and go out in microseconds.
"""

QUANTILE_STEPS = 200  # 201 values: 0%, 0.5%, ..., 100%


def nearest_rank(sorted_values, num, den):
    """The value at nearest rank ceil(num/den * n) of a non-empty sorted list."""
    n = len(sorted_values)
    rank = max(1, -(-num * n // den))
    return sorted_values[min(rank, n) - 1]


def to_us(ns):
    """Nanoseconds as microseconds, rounded to the nanosecond."""
    return round(ns / 1000, 3)


def percentiles_us(latencies_ns):
    """p50_us and p99_us of latencies in ns (None for both when empty)."""
    ordered = sorted(latencies_ns)
    if not ordered:
        return {"p50_us": None, "p99_us": None}
    return {
        "p50_us": to_us(nearest_rank(ordered, 50, 100)),
        "p99_us": to_us(nearest_rank(ordered, 99, 100)),
    }


def latency_summary(latencies_ns):
    """The latency members of bench/README.md: p50_us, p99_us, p999_us, max_us
    and quantiles_us (201 values); all None / empty when there is no value."""
    ordered = sorted(latencies_ns)
    if not ordered:
        return {"p50_us": None, "p99_us": None, "p999_us": None, "max_us": None,
                "quantiles_us": []}
    summary = percentiles_us(ordered)
    summary["p999_us"] = to_us(nearest_rank(ordered, 999, 1000))
    summary["max_us"] = to_us(ordered[-1])
    summary["quantiles_us"] = [to_us(nearest_rank(ordered, k, QUANTILE_STEPS))
                               for k in range(QUANTILE_STEPS + 1)]
    return summary

package bench

import (
	"math"
	"sort"
)

// QuantileUS is the value at nearest rank ceil(num/den * n) of sorted, in µs.
func QuantileUS(sorted []int64, num, den uint64) float64 {
	n := uint64(len(sorted))
	rank := (num*n + den - 1) / den
	rank = max(1, min(rank, n))
	return float64(sorted[rank-1]) / 1000.0
}

// AddLatencies sorts ns and adds p50_us, p99_us, p999_us, max_us and
// quantiles_us (201 values at 0%, 0.5% ... 100%) to j.
func AddLatencies(j *JSON, ns []int64) {
	sort.Slice(ns, func(a, b int) bool { return ns[a] < ns[b] })
	q := func(num, den uint64) float64 {
		if len(ns) == 0 {
			return math.NaN()
		}
		return QuantileUS(ns, num, den)
	}
	j.Num("p50_us", q(50, 100), 3)
	j.Num("p99_us", q(99, 100), 3)
	j.Num("p999_us", q(999, 1000), 3)
	j.Num("max_us", q(1, 1), 3)
	var all []float64
	for i := uint64(0); len(ns) > 0 && i <= 200; i++ {
		all = append(all, q(i, 200))
	}
	j.Nums("quantiles_us", all, 3)
}

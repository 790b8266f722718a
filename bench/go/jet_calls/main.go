// jet_calls is the Go twin of bench/c/jet_calls.c: JET service calls
// through the Go binding (bench/README.md, "Service calls").
//
//	jet_calls --host H --port P --user U --password W
//	          --case counter-get --calls N [--threads T]
//	jet_calls ... --case filter-1000 [--terms N]
//
// counter-get adds a filter with one counter, then T goroutines sharing one
// *jet.Service read it N times in total, each call timed; filter-1000 adds
// one filter of N counting terms, then reads all its counters. Both delete
// their filter at the end. The session is clear text, jnx generation.
package main

import (
	"context"
	"fmt"
	"os"
	"sort"
	"sync"
	"syscall"

	"libjet.dev/bench/internal/bench"
	"libjet.dev/jet"
)

const usage = "usage: jet_calls --host H --port P --user U --password W\n" +
	"                 --case counter-get --calls N [--threads T]\n" +
	"                 --case filter-1000 [--terms N]\n" +
	"Times JET service calls through libjet and prints one JSON object.\n"

// settings are what the command line asks for.
type settings struct {
	host, user, password, which string
	port, calls, threads, terms int64
}

// cpuSeconds is the process's user + system time so far, libjet's threads included.
func cpuSeconds() float64 {
	var usage syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &usage)
	return float64(usage.Utime.Sec+usage.Stime.Sec) + float64(usage.Utime.Usec+usage.Stime.Usec)/1e6
}

// worker is one counter-get caller: its share of the calls and what it measured.
type worker struct {
	calls      int64
	latencyNS  []int64
	errors     int64
	start, end int64
}

// callCounters makes the worker's calls, each timed.
func (w *worker) callCounters(s *jet.Service, filter string) {
	ctx := context.Background()
	w.start = bench.NowNS()
	for i := range w.latencyNS {
		before := bench.NowNS()
		_, err := s.Counter(ctx, filter, "c0")
		w.latencyNS[i] = bench.NowNS() - before
		if err != nil {
			if w.errors == 0 {
				fmt.Fprintf(os.Stderr, "%s: Counter: %v\n", bench.Program, err)
			}
			w.errors++
		}
	}
	w.end = bench.NowNS()
}

// counterGet is --case counter-get; it returns the exit status.
func counterGet(s *jet.Service, st *settings) int {
	ctx := context.Background()
	filter := fmt.Sprintf("bench-cg-go-%d", os.Getpid())
	bench.Check(s.AddFilter(ctx, jet.Filter{Name: filter, Family: jet.FamilyInet, Terms: []jet.Term{{Name: "t0",
		Matches: &jet.Matches{Protocols: jet.Values("icmp")}, Actions: &jet.Actions{Count: "c0", Accept: true}}}}),
		"AddFilter")
	latencies := make([]int64, st.calls)
	workers := make([]worker, st.threads)
	cpuBefore := cpuSeconds()
	var wg sync.WaitGroup
	offset := int64(0)
	for t := range workers {
		w := &workers[t]
		w.calls = st.calls / st.threads
		if int64(t) < st.calls%st.threads {
			w.calls++
		}
		w.latencyNS = latencies[offset : offset+w.calls]
		offset += w.calls
		wg.Add(1)
		go func() { defer wg.Done(); w.callCounters(s, filter) }()
	}
	wg.Wait()
	cpu := cpuSeconds() - cpuBefore
	errors, start, end := int64(0), workers[0].start, workers[0].end
	for _, w := range workers {
		errors += w.errors
		start, end = min(start, w.start), max(end, w.end)
	}
	bench.Check(s.DeleteFilter(ctx, filter, jet.FamilyInet), "DeleteFilter")

	seconds := float64(end-start) / 1e9
	rate := 0.0
	if seconds > 0 {
		rate = float64(st.calls) / seconds
	}
	var j bench.JSON
	j.Int("calls", st.calls)
	j.Num("seconds", seconds, 6)
	j.Num("calls_per_s", rate, 1)
	sort.Slice(latencies, func(a, b int) bool { return latencies[a] < latencies[b] })
	j.Num("p50_us", bench.QuantileUS(latencies, 50, 100), 3)
	j.Num("p99_us", bench.QuantileUS(latencies, 99, 100), 3)
	j.Int("errors", errors)
	j.Num("cpu_us_per_call", cpu*1e6/float64(st.calls), 2)
	j.Print()
	if errors != 0 {
		return bench.ExitFailed
	}
	return bench.ExitDone
}

// bigFilter is --case filter-1000; it returns the exit status.
func bigFilter(s *jet.Service, st *settings) int {
	ctx := context.Background()
	filter := jet.Filter{Name: fmt.Sprintf("bench-f%d-go-%d", st.terms, os.Getpid()), Family: jet.FamilyInet}
	for i := int64(0); i < st.terms; i++ {
		filter.Terms = append(filter.Terms, jet.Term{Name: fmt.Sprintf("t%d", i),
			Matches: &jet.Matches{Protocols: jet.Values("tcp"), DestinationPorts: jet.Values(fmt.Sprint(i + 1))},
			Actions: &jet.Actions{Count: fmt.Sprintf("c%d", i), Accept: true}})
	}
	t0 := bench.NowNS()
	bench.Check(s.AddFilter(ctx, filter), "AddFilter")
	t1 := bench.NowNS()
	counters, err := s.Counters(ctx, filter.Name)
	t2 := bench.NowNS()
	bench.Check(err, "Counters")
	bench.Check(s.DeleteFilter(ctx, filter.Name, jet.FamilyInet), "DeleteFilter")

	var j bench.JSON
	j.Int("terms", st.terms)
	j.Num("add_ms", float64(t1-t0)/1e6, 3)
	j.Num("counters_ms", float64(t2-t1)/1e6, 3)
	j.Int("counters", int64(len(counters)))
	j.Print()
	if int64(len(counters)) != st.terms {
		fmt.Fprintf(os.Stderr, "%s: %d counters for %d terms\n", bench.Program, len(counters), st.terms)
		return bench.ExitFailed
	}
	return bench.ExitDone
}

func main() {
	st := &settings{host: "127.0.0.1", port: 32767, calls: 10000, threads: 1, terms: 1000}
	bench.Parse(os.Args[1:], []bench.Option{
		{Name: "--host", String: &st.host},
		{Name: "--port", Number: &st.port, Min: 1, Max: 65535},
		{Name: "--user", String: &st.user},
		{Name: "--password", String: &st.password},
		{Name: "--case", String: &st.which},
		{Name: "--calls", Number: &st.calls, Min: 1, Max: 100000000},
		{Name: "--threads", Number: &st.threads, Min: 1, Max: 1024},
		{Name: "--terms", Number: &st.terms, Min: 1, Max: 65535},
	}, usage)
	if st.which != "counter-get" && st.which != "filter-1000" {
		bench.UsageError("--case is counter-get or filter-1000", usage)
	}
	if st.threads > st.calls {
		bench.UsageError("--threads must not exceed --calls", usage)
	}
	s, err := jet.OpenService(context.Background(), jet.ServiceOptions{
		Device: st.host, Port: uint16(st.port), User: st.user, Password: st.password,
		ClearText: true, API: jet.APIJNX, // as grpc_calls.py speaks it
	})
	bench.Check(err, "OpenService")
	fmt.Fprintf(os.Stderr, "%s: connected to %s:%d as %s\n", bench.Program, st.host, st.port, s.ClientID())
	status := bigFilter
	if st.which == "counter-get" {
		status = counterGet
	}
	code := status(s, st)
	s.Close()
	bench.Check(jet.Shutdown(), "Shutdown")
	os.Exit(code)
}

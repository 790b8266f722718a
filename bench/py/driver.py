#!/usr/bin/env python3
"""Runs libjet's benchmarks (bench/README.md) and writes results.json and the report.

    driver.py [--quick] [--bin DIR] [--go-bin DIR] [--jet PATH] [--jet-bench PATH]
              [--stubs DIR] [--results PATH] [--markdown PATH] [--plot PATH]
              [--plot-link LINK] [--cases 1,2,3,4,5,6] [--scale F]

bench/run calls it with the paths of what it built. It starts its own
Mosquitto (and `jet sim` for the service calls), runs the six cases, computes
the targets, writes the results, and has report.py write the markdown and the
plot (the markdown also goes to stdout). Progress goes to stderr. It exits 1
with the reason when a program fails or a subscriber loses messages, and ends
every program it started, also on an error or Ctrl-C. --cases and --scale are
for trying the driver out: a subset of the cases, and every count multiplied
by F.
"""

import argparse
import contextlib
import dataclasses
import datetime
import json
import os
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import cases
import machine
from broker import MOSQUITTO, Mosquitto
from procs import ProgramFailed, stop_all
from sim import JetSim
from targets import targets

PY_DIR = Path(__file__).resolve().parent
REPO = PY_DIR.parents[1]
ALL_CASES = {1, 2, 3, 4, 5, 6}


@dataclasses.dataclass(frozen=True)
class Plan:
    """How much each case measures."""
    events: int          # cases 1 and 6: events per run
    runs: int            # cases 1 and 6: runs per subscriber (mode, QoS) and per caller
    paho_runs: int       # case 1: runs of paho-python (the slowest, by far)
    latency: tuple       # case 2: (rate, count) pairs
    latency_runs: int    # case 2: runs per subscriber and rate
    calls: int           # cases 3 and 6: counter-get calls
    threads: tuple       # cases 3 and 6: counter-get thread counts
    terms: int           # case 3: filter-1000 terms
    sessions: int        # case 4
    callgrind: tuple     # case 5: the two drain sizes
    settle_s: float      # pause between measurements

    def scaled(self, factor):
        """This plan with every count multiplied by `factor` (rates kept)."""
        if factor == 1:
            return self

        def n(value, least):
            """`value` scaled, at least `least`."""
            return max(least, round(value * factor))
        small, large = self.callgrind
        return dataclasses.replace(
            self, events=n(self.events, 10),
            latency=tuple((rate, n(count, 10)) for rate, count in self.latency),
            calls=n(self.calls, 1), terms=n(self.terms, 1), sessions=n(self.sessions, 2),
            callgrind=(n(small, 10), max(n(large, 20), n(small, 10) + 10)))


def latency_count(rate):
    """Messages for a latency run at `rate`: two seconds' worth, 5,000 to 100,000."""
    return min(100_000, max(5000, rate * 2))


FULL = Plan(events=1_000_000, runs=3, paho_runs=1,
            latency=tuple((rate, latency_count(rate)) for rate in (1000, 10000, 50000)),
            latency_runs=11,
            calls=20_000, threads=(1, 8), terms=1000, sessions=1000,
            callgrind=(5000, 25000), settle_s=1.0)
QUICK = Plan(events=50_000, runs=1, paho_runs=1,
             latency=((10000, 5000), (1000, 2000)), latency_runs=1,
             calls=1000, threads=(1, 8), terms=100, sessions=100,
             callgrind=(2000, 6000), settle_s=1.0)


def parse_args(argv):
    """The command line (see the module docstring)."""
    parser = argparse.ArgumentParser(prog="driver.py", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small counts, one run each")
    parser.add_argument("--bin", type=Path, default=REPO / "target/bench/bin",
                        help="the C programs (default %(default)s)")
    parser.add_argument("--go-bin", type=Path, default=REPO / "target/bench/go",
                        help="the Go twins of jet_sub and jet_calls (default %(default)s)")
    parser.add_argument("--jet", type=Path, default=REPO / "target/release/jet",
                        help="the jet command, for jet sim (default %(default)s)")
    parser.add_argument("--jet-bench", type=Path, default=REPO / "target/release/jet-bench",
                        help="the benchmark tool (default %(default)s)")
    parser.add_argument("--stubs", type=Path, default=REPO / "target/bench/stubs",
                        help="grpc_calls.py's stubs (default %(default)s)")
    parser.add_argument("--results", type=Path, help="results.json to write "
                        "(default target/bench/results.json, with --quick under target/bench/quick/)")
    parser.add_argument("--markdown", type=Path, help="the report to write (default: none)")
    parser.add_argument("--plot", type=Path, help="the plot to write (default: none)")
    parser.add_argument("--plot-link", help="the plot's path as the report links it "
                        "(default: --plot relative to the report)")
    parser.add_argument("--notes", type=Path, default=REPO / "bench/notes.md",
                        help="hand-written notes of a full run (default %(default)s)")
    parser.add_argument("--cases", default="1,2,3,4,5,6",
                        help="which cases to run, e.g. 1,3 (default %(default)s)")
    parser.add_argument("--scale", type=float, default=1.0,
                        help="multiply every count by this, to try the driver out")
    args = parser.parse_args(argv)
    try:
        args.cases = {int(c) for c in args.cases.split(",") if c.strip()}
    except ValueError:
        parser.error("--cases takes numbers from 1 to 6, e.g. 1,3")
    if not args.cases or not args.cases <= ALL_CASES:
        parser.error("--cases takes numbers from 1 to 6, e.g. 1,3")
    if args.scale <= 0:
        parser.error("--scale must be positive")
    if args.results is None:
        args.results = REPO / ("target/bench/quick/results.json" if args.quick
                               else "target/bench/results.json")
    return args


def notes(path):
    """The paragraphs of the notes file, each as one line (none if there is no file)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    paragraphs, current = [], []
    for line in text.splitlines() + [""]:
        if line.strip():
            current.append(line.strip())
        elif current:
            paragraphs.append(" ".join(current))
            current = []
    return paragraphs


def command(args, argv):
    """How the run was started: bench/run [--quick], or the driver's own
    command line when cases or counts differ from bench/run's."""
    if args.cases == ALL_CASES and args.scale == 1:
        return "bench/run --quick" if args.quick else "bench/run"
    return shlex.join(["bench/py/driver.py"] + list(argv))


@contextlib.contextmanager
def jet_sim(jet, workdir):
    """A `jet sim` for the service calls, stopped on the way out."""
    sim = JetSim(jet, workdir)
    cases.progress(f"== jet sim: grpc {sim.grpc_host}:{sim.grpc_port}")
    try:
        yield sim
    finally:
        sim.stop()


def measure(args, plan, workdir):
    """Runs the chosen cases; returns their parts of results.json."""
    paths = argparse.Namespace(bin_dir=args.bin, go_bin=args.go_bin, bench_dir=REPO / "bench",
                               jet_bench=args.jet_bench, py_dir=PY_DIR, stubs=args.stubs)
    found = {}
    broker = Mosquitto(workdir)
    cases.progress(f"== mosquitto on {broker.host}:{broker.port}")
    bench = cases.Bench(paths, broker, workdir, plan.settle_s)
    try:
        if 1 in args.cases:
            found["throughput"] = cases.throughput(bench, plan.events, plan.runs,
                                                   plan.paho_runs)
        if 2 in args.cases:
            found["latency"], found["handoff"] = cases.latency(bench, plan.latency,
                                                               plan.latency_runs)
        if 3 in args.cases:
            with jet_sim(args.jet, workdir) as sim:
                found["calls"] = cases.calls(bench, sim, plan.calls, plan.threads, plan.terms)
        if 4 in args.cases:
            found["sessions"] = cases.sessions(bench, plan.sessions)
        if 5 in args.cases:
            small, large = plan.callgrind
            found["instructions"] = cases.instructions(bench, small, large)
        if 6 in args.cases:
            found["bindings"] = {"drains": cases.binding_drains(bench, plan.events, plan.runs)}
            with jet_sim(args.jet, workdir) as sim:
                found["bindings"]["calls"] = cases.binding_calls(bench, sim, plan.calls,
                                                                 plan.threads, plan.runs)
    except ProgramFailed:
        if not broker.program.running():  # the cause, more likely than the program that failed
            cases.progress(broker.program.failure("exited during the benchmark").args[0])
        raise
    finally:
        broker.stop()
    return found


def write_report(args):
    """Has report.py write the markdown and the plot and print the markdown."""
    argv = [sys.executable, str(PY_DIR / "report.py"), str(args.results)]
    if args.markdown:
        argv += ["--markdown", str(args.markdown)]
    if args.plot:
        argv += ["--plot", str(args.plot)]
        link = args.plot_link
        if link is None:
            base = args.markdown.resolve().parent if args.markdown else Path.cwd()
            link = os.path.relpath(args.plot.resolve(), base)
        argv += ["--plot-link", link]
    for path in (args.markdown, args.plot):
        if path:
            path.parent.mkdir(parents=True, exist_ok=True)
    if subprocess.run(argv).returncode != 0:
        raise ProgramFailed(f"report.py failed: {shlex.join(argv)}")


class Terminated(Exception):
    """SIGTERM arrived."""


def on_sigterm(_signum, _frame):
    """Turns SIGTERM into an exception, so that the programs get ended on the way out."""
    raise Terminated()


def main(argv):
    """Runs the benchmark; returns the exit status."""
    args = parse_args(argv)
    plan = (QUICK if args.quick else FULL).scaled(args.scale)
    signal.signal(signal.SIGTERM, on_sigterm)
    started = time.monotonic()
    workdir = Path(tempfile.mkdtemp(prefix="jet-bench-"))
    ok = False
    try:
        results = {
            "quick": args.quick,
            "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "command": command(args, argv),
            "machine": machine.facts(REPO / "Cargo.toml", MOSQUITTO),
        }
        results.update(measure(args, plan, workdir))
        results["targets"] = targets(results)
        results["notes"] = [] if args.quick else notes(args.notes)
        args.results.parent.mkdir(parents=True, exist_ok=True)
        args.results.write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n")
        cases.progress(f"== wrote {args.results} ({time.monotonic() - started:.0f} s)")
        write_report(args)
        ok = True
        return 0
    except ProgramFailed as failure:
        print(f"bench: FAILED: {failure}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("bench: interrupted", file=sys.stderr)
        return 130
    except Terminated:
        print("bench: terminated", file=sys.stderr)
        return 143
    finally:
        stop_all()
        if ok:
            shutil.rmtree(workdir, ignore_errors=True)
        else:
            print(f"bench: the programs' stderr and callgrind files are in {workdir}",
                  file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""The six benchmark cases of bench/README.md, measured through its programs.

`Bench` holds what the cases share (the program paths, the broker, the work
directory, the pause between measurements) and the steps they are made of:
publish, prepare a persistent session, run a subscriber in a drain or live.
Each case function returns its part of results.json. A program that fails, a
subscriber that receives fewer messages than were published or reports a
failed check, and a result without the members the report needs all raise
ProgramFailed: a benchmark that quietly reports half the messages is wrong.
"""

import itertools
import os
import resource
import statistics
import sys
import time
from pathlib import Path

import bindings
from callgrind import function_cost, inclusive_costs, total_instructions
from procs import Program, ProgramFailed, run

TOPIC = "/junos/events/kernel/#"
SUBSCRIBERS = ["libjet-callback", "libjet-inline", "libjet-pull", "libmosquitto", "paho-python",
               "rumqttc"]
# The function whose inclusive cost is Event::parse's: Event::parse itself, or,
# when it is inlined into its callers (it is generic), the parse_body it wraps.
PARSE_FUNCTIONS = ["jet::event::Event::parse", "jet::event::parse_body"]
CALLGRIND_IDLE_MS = 30000


def progress(message):
    """A progress line on stderr."""
    print(message, file=sys.stderr, flush=True)


def num(value):
    """A number with thousands separators, no decimals."""
    return f"{value:,.0f}"


def wait_time(count, per_s, slack=60):
    """Seconds to allow for `count` messages at no less than `per_s` a second."""
    return slack + count / per_s


def children_cpu_seconds():
    """User + system CPU time of the driver's finished children, in seconds.
    The drains run one program at a time, so the difference around a run is
    that program's (all its threads)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def require(name, result, keys):
    """Fails unless the JSON `result` of `name` has every member of `keys`."""
    missing = [k for k in keys if result.get(k) is None]
    if missing:
        raise ProgramFailed(f"{name} printed JSON without {', '.join(missing)}: {result}")


class Bench:
    """What the cases share, and the publish / prepare / subscribe steps."""

    def __init__(self, paths, broker, workdir, settle_s):
        """`paths` has bin_dir, go_bin, bench_dir, jet_bench, py_dir, stubs;
        `broker` is a Mosquitto."""
        self.paths = paths
        self.broker = broker
        self.workdir = Path(workdir)
        self.settle_s = settle_s
        self._ids = itertools.count(1)
        self._last = None  # when the last measurement ended

    def settle(self):
        """Waits until `settle_s` has passed since the last measurement ended."""
        if self._last is not None:
            time.sleep(max(0.0, self._last + self.settle_s - time.monotonic()))

    def measured(self):
        """Marks the end of a measurement (the start of the next settle)."""
        self._last = time.monotonic()

    def client_id(self, what):
        """A client id no other run of this benchmark uses."""
        return f"jetbench-{os.getpid()}-{next(self._ids)}-{what}"

    def mqtt_args(self):
        """--host and --port of the broker."""
        return ["--host", self.broker.host, "--port", str(self.broker.port)]

    def twin(self, language, program):
        """The command of `program` (jet_sub or jet_calls) in `language`: c, or
        a binding's key (Go's is built into go_bin, Java's and C#'s are the
        scripts in bench/java and bench/csharp)."""
        if language == "c":
            return Path(self.paths.bin_dir) / program
        if language == "go":
            return Path(self.paths.go_bin) / program
        return Path(self.paths.bench_dir) / language / program

    def subscriber_argv(self, name, qos, count, client_id=None, persistent=False,
                        latency=False, idle_ms=None):
        """The command line of subscriber `name` (bench/README.md, "Subscribers")."""
        binding = bindings.binding_of(name)
        if binding:
            program = [self.twin(binding.key, "jet_sub"), "--mode", binding.subscribers[name]]
        else:
            bin_dir = Path(self.paths.bin_dir)
            program = {
                "libjet-callback": [bin_dir / "jet_sub", "--mode", "callback"],
                "libjet-pull": [bin_dir / "jet_sub", "--mode", "pull"],
                "libjet": [bin_dir / "jet_sub", "--mode", "callback"],
                "libjet-inline": [bin_dir / "jet_sub", "--mode", "inline"],
                "libmosquitto": [bin_dir / "mosq_sub"],
                "paho-python": [sys.executable, Path(self.paths.py_dir) / "paho_sub.py"],
                "rumqttc": [self.paths.jet_bench, "rumqttc-count"],
            }[name]
        argv = program + self.mqtt_args() + ["--topic", TOPIC, "--qos", str(qos),
                                             "--count", str(count)]
        if client_id:
            argv += ["--client-id", client_id]
        if persistent:
            argv.append("--persistent")
        if latency:
            argv.append("--latency")
        if idle_ms:
            argv += ["--idle-timeout-ms", str(idle_ms)]
        return [str(a) for a in argv]

    def publish(self, count, qos, rate=None, stamp=False):
        """Publishes `count` events with jet-bench and returns its JSON."""
        argv = [self.paths.jet_bench, "publish"] + self.mqtt_args() + [
            "--count", str(count), "--qos", str(qos)]
        if rate:
            argv += ["--rate", str(rate)]
        if stamp:
            argv.append("--stamp")
        result = run("jet-bench publish", argv, self.workdir,
                     wait_time(count, rate / 2 if rate else 2000))
        require("jet-bench publish", result, ["published", "seconds", "rate"])
        if result["published"] != count:
            raise ProgramFailed(f"jet-bench publish published {result['published']} of {count}")
        return result

    def prepare(self, client_id, qos):
        """Makes the persistent session `client_id` at the broker, subscribed to TOPIC."""
        run("jet-bench prepare", [self.paths.jet_bench, "prepare"] + self.mqtt_args() + [
            "--client-id", client_id, "--topic", TOPIC, "--qos", str(qos)], self.workdir, 60)

    def check_received(self, name, result, count, keys):
        """Fails unless subscriber `name` received all `count` messages and every check passed."""
        require(name, result, ["received"] + keys)
        if result["received"] != count:
            raise ProgramFailed(f"{name} lost messages: received {result['received']:,} of "
                                f"{count:,} ({result})")
        for key in ("check_failures", "dropped", "parse_errors"):
            if result.get(key):
                raise ProgramFailed(f"{name} reports {key} = {result[key]} ({result})")

    def drain(self, name, qos, count, prefix=()):
        """Publishes `count` events to a persistent session, then lets subscriber
        `name` (run under `prefix`, e.g. valgrind) drain it. Returns the
        subscriber's and the publisher's JSON."""
        client_id = self.client_id(name)
        self.settle()
        self.prepare(client_id, qos)
        published = self.publish(count, qos)
        idle_ms = CALLGRIND_IDLE_MS if prefix else None
        argv = list(prefix) + self.subscriber_argv(name, qos, count, client_id=client_id,
                                                   persistent=True, idle_ms=idle_ms)
        self.broker.wait_idle()
        broker_before = self.broker.program.cpu_seconds()
        children_before = children_cpu_seconds()
        result = run(name, argv, self.workdir, wait_time(count, 200 if prefix else 2000))
        cpu = {"subscriber_cpu_s": children_cpu_seconds() - children_before,
               "broker_cpu_s": self.broker.program.cpu_seconds() - broker_before}
        self.measured()
        self.broker.forget_session(client_id)
        self.check_received(name, result, count, ["seconds", "rate"])
        return dict(result, **{k: round(v, 3) for k, v in cpu.items()}), published

    def live(self, name, qos, count, rate=None, latency=False):
        """Starts subscriber `name`, waits for `ready`, publishes `count` events
        (paced at `rate` and stamped when measuring latency) and returns the
        subscriber's and the publisher's JSON."""
        self.settle()
        subscriber = Program(name, self.subscriber_argv(name, qos, count,
                                                        client_id=self.client_id(name),
                                                        latency=latency), self.workdir)
        try:
            subscriber.wait_ready()
            published = self.publish(count, qos, rate=rate, stamp=latency)
            result = subscriber.finish(wait_time(count, 2000))
        finally:
            subscriber.stop()
        self.measured()
        self.check_received(name, result, count,
                            ["p50_us", "p99_us", "quantiles_us"] if latency else ["seconds", "rate"])
        return result, published


def interleaved(bench, mode, qos, plan, case):
    """Runs each subscriber of `plan` ({name: (events, runs)}) in `mode` (drain
    or live) at `qos`, taking turns, so that a slow spell of the machine does
    not fall on one subscriber only. Returns one entry per subscriber with
    its runs and their median rate; `case` labels the progress lines."""
    measured = {name: [] for name in plan}
    for k in range(max(r for _, r in plan.values())):
        for name, (count, total) in plan.items():
            if k >= total:
                continue
            progress(f"== {case}: {mode} qos {qos} {name} run {k + 1}/{total} "
                     f"({num(count)} events)")
            step = bench.drain if mode == "drain" else bench.live
            result, published = step(name, qos, count)
            measured[name].append(dict(result, publisher_rate=round(published["rate"], 1)))
            progress(f"   {num(result['rate'])} events/s "
                     f"(publisher {num(published['rate'])}/s)")
    return [{"mode": mode, "qos": qos, "subscriber": name, "events": plan[name][0],
             "runs": results, "rate": statistics.median(r["rate"] for r in results)}
            for name, results in measured.items()]


def throughput(bench, events, runs, paho_runs):
    """Case 1: every subscriber, drain and live, QoS 0 and 1."""
    plan = {name: (events, paho_runs if name == "paho-python" else runs) for name in SUBSCRIBERS}
    return [entry for qos in (0, 1) for mode in ("drain", "live")
            for entry in interleaved(bench, mode, qos, plan, "case 1")]


def median_p99_run(found):
    """The run of `found` with the median p99, and `p99_runs_us`: every run's p99."""
    found.sort(key=lambda r: r["p99_us"])
    return dict(found[(len(found) - 1) // 2], p99_runs_us=[r["p99_us"] for r in found])


def latency(bench, plan, runs):
    """Case 2: publish → delivery latency of libjet (callbacks on its
    dispatcher thread, and inline on its network thread) and libmosquitto,
    QoS 0, at each (rate, count) of `plan`, `runs` times each, the
    subscribers taking turns. A tail percentile moves a lot from one run to the next, so
    each entry is the run with the median p99, and `p99_runs_us` lists all.
    Between them, `handoff` measures one thread waking another at the same
    pace (the step libjet's dispatcher adds): returns (entries, handoffs)."""
    entries, handoffs = [], []
    for rate, count in plan:
        measured = {"libjet": [], "libjet-inline": [], "libmosquitto": []}
        handed = []
        for k in range(runs):
            for name, found in measured.items():
                progress(f"== case 2: latency qos 0 {name} at {num(rate)}/s run {k + 1}/{runs} "
                         f"({num(count)} events)")
                result, published = bench.live(name, 0, count, rate=rate, latency=True)
                found.append(dict(result, publisher_rate=round(published["rate"], 1)))
                progress(f"   p50 {result['p50_us']:.0f} µs, p99 {result['p99_us']:.0f} µs, "
                         f"max {result.get('max_us') or 0:.0f} µs "
                         f"(publisher {num(published['rate'])}/s)")
            handed.append(handoff(bench, rate, count))
        for name, found in measured.items():
            entries.append({"rate": rate, "qos": 0, "subscriber": name, **median_p99_run(found)})
        handoffs.append({"rate": rate, **median_p99_run(handed)})
    return entries, handoffs


def handoff(bench, rate, count):
    """One run of `handoff` (bench/c/handoff.c): `count` hand-offs between two
    threads at `rate` a second; its JSON."""
    bench.settle()
    result = run("handoff", [Path(bench.paths.bin_dir) / "handoff", "--rate", str(rate),
                             "--count", str(count)], bench.workdir, wait_time(count, rate / 2))
    require("handoff", result, ["handoffs", "received", "p50_us", "p99_us"])
    progress(f"   hand-off p50 {result['p50_us']:.1f} µs, p99 {result['p99_us']:.0f} µs")
    return {k: v for k, v in result.items() if k != "quantiles_us"}


def service_call(bench, sim, client, argv, case, args, keys, count):
    """Runs `argv` (a jet_calls twin or grpc_calls.py) on one case against
    `jet sim` and returns its JSON, with the simulator's CPU time over the run."""
    bench.settle()
    sim.check()
    server_before = sim.program.cpu_seconds()
    device = ["--host", sim.grpc_host, "--port", str(sim.grpc_port),
              "--user", sim.user, "--password", sim.password]
    result = run(f"{client} {case}", list(argv) + device + ["--case", case] + args,
                 bench.workdir, wait_time(count, 200))
    result["server_cpu_s"] = round(sim.program.cpu_seconds() - server_before, 3)
    bench.measured()
    require(f"{client} {case}", result, keys)
    if result.get("errors"):
        raise ProgramFailed(f"{client} {case} reports {result['errors']} errors ({result})")
    return result


def counter_get(bench, sim, client, argv, count, threads, case):
    """`count` counter reads by `client` (`argv`) from `threads` callers; its JSON."""
    progress(f"== {case}: counter-get {client} {threads} thread{'s' if threads > 1 else ''} "
             f"({num(count)} calls)")
    result = service_call(bench, sim, client, argv, "counter-get",
                          ["--calls", str(count), "--threads", str(threads)],
                          ["calls", "calls_per_s", "p50_us", "p99_us"], count)
    if result["calls"] != count:
        raise ProgramFailed(f"{client} counter-get made {result['calls']} of {count} calls")
    progress(f"   {num(result['calls_per_s'])} calls/s, p99 {result['p99_us']:.0f} µs")
    return result


def calls(bench, sim, count, threads, terms):
    """Case 3: counter reads and a filter of `terms` counting terms, through
    libjet's C ABI and through grpcio stubs, against `jet sim`."""
    clients = {
        "libjet": [str(bench.twin("c", "jet_calls"))],
        "grpcio": [sys.executable, str(Path(bench.paths.py_dir) / "grpc_calls.py"),
                   "--stubs", str(bench.paths.stubs)],
    }
    entries = []
    for t in threads:
        for client, argv in clients.items():
            result = counter_get(bench, sim, client, argv, count, t, "case 3")
            entries.append({"client": client, "case": "counter-get", "threads": t, **result})
    for client, argv in clients.items():
        progress(f"== case 3: filter-1000 {client} ({num(terms)} terms)")
        result = service_call(bench, sim, client, argv, "filter-1000", ["--terms", str(terms)],
                              ["add_ms", "counters_ms", "counters"], terms)
        if result["counters"] != terms:
            raise ProgramFailed(f"{client} filter-1000 read {result['counters']} of {terms} counters")
        entries.append({"client": client, "case": "filter-1000", "terms": terms, **result})
        progress(f"   add {result['add_ms']:.1f} ms, read all {result['counters_ms']:.1f} ms")
    return entries


def binding_calls(bench, sim, count, threads, runs):
    """Case 6, calls: `count` counter reads from each of `threads` callers, by
    the C caller and each binding's, taking turns `runs` times. An entry is
    the run with the median calls/s; `calls_per_s_runs` lists every run's."""
    clients = [bindings.C_CALLER] + [b.key for b in bindings.BINDINGS]
    entries = []
    for t in threads:
        measured = {client: [] for client in clients}
        for _ in range(runs):
            for client in clients:
                language = "c" if client == bindings.C_CALLER else client
                measured[client].append(counter_get(bench, sim, client,
                                                    [str(bench.twin(language, "jet_calls"))],
                                                    count, t, "case 6"))
        for client, found in measured.items():
            found.sort(key=lambda r: r["calls_per_s"])
            entries.append({"client": client, "case": "counter-get", "threads": t,
                            **found[(len(found) - 1) // 2],
                            "calls_per_s_runs": [r["calls_per_s"] for r in found]})
    return entries


def binding_drains(bench, events, runs):
    """Case 6, events: drains of `events` QoS 0 events through each binding's
    callback and pull, the C callback taking turns with them."""
    plan = {name: (events, runs) for name in [bindings.C_SUBSCRIBER] + bindings.subscribers()}
    return interleaved(bench, "drain", 0, plan, "case 6")


def sessions(bench, count):
    """Case 4: `count` notification sessions in one process, all reached by one event."""
    progress(f"== case 4: {num(count)} sessions")
    bench.settle()
    argv = [str(Path(bench.paths.bin_dir) / "jet_sessions")] + bench.mqtt_args() + [
        "--sessions", str(count), "--topic", TOPIC]
    program = Program("jet_sessions", argv, bench.workdir)
    try:
        program.wait_ready(wait_time(count, 20))
        bench.publish(1, 0)
        result = program.finish(60)
    finally:
        program.stop()
    bench.measured()
    require("jet_sessions", result, ["sessions", "received_by", "rss_per_session_kib",
                                     "threads_one", "threads_after"])
    if result["received_by"] != count:
        raise ProgramFailed(f"jet_sessions: {result['received_by']} of {count} sessions "
                            f"received the event ({result})")
    progress(f"   opened in {result.get('open_seconds', 0):.2f} s, "
             f"{result['rss_per_session_kib']:.1f} KiB per session, "
             f"threads {result['threads_one']} → {result['threads_after']}")
    return result


def instructions(bench, small, large):
    """Case 5: instructions per event of jet_sub (callback, inline) and mosq_sub under
    callgrind: the difference of a drain of `large` and one of `small` QoS 0
    events, over the difference of the counts, so that start-up cancels out."""
    entries = []
    for name in ("libjet-callback", "libjet-inline", "libmosquitto"):
        totals, parse = [], []
        for count in (small, large):
            progress(f"== case 5: callgrind {name} drain of {num(count)} events")
            out = bench.workdir / f"callgrind-{name}-{count}.out"
            bench.drain(name, 0, count, prefix=["valgrind", "--tool=callgrind",
                                                f"--callgrind-out-file={out}"])
            totals.append(total_instructions(out))
            if name.startswith("libjet"):
                cost, symbol = function_cost(inclusive_costs(out), PARSE_FUNCTIONS)
                if cost is None:
                    raise ProgramFailed(f"callgrind_annotate of {out} shows none of "
                                        f"{', '.join(PARSE_FUNCTIONS)}")
                parse.append((cost, symbol))
        entry = {"program": name, "per_event": round((totals[1] - totals[0]) / (large - small), 1),
                 "events": [small, large], "instructions": totals}
        if parse:
            if parse[0][1] != parse[1][1]:
                raise ProgramFailed(f"the parse function differs between the runs: {parse}")
            entry["parse_per_event"] = round((parse[1][0] - parse[0][0]) / (large - small), 1)
            entry["parse_function"] = parse[0][1]
        entries.append(entry)
        progress(f"   {num(entry['per_event'])} instructions/event"
                 + (f", of which {num(entry['parse_per_event'])} in {entry['parse_function']}"
                    if parse else ""))
    return entries

#!/usr/bin/env python3
"""Writes the benchmark report (BENCHMARKS.md and its plot) from the driver's
results file; bench/py/sample-results.json documents the schema.

    report.py RESULTS_JSON [--markdown OUT.md] [--plot OUT.png] [--plot-link PATH]

The markdown also goes to stdout. Any part of the results may be missing (a
quick run, a failed case): what is missing is left out of tables and plot.
"""

import argparse
import json
import math
import sys

import bindings

THROUGHPUT_CASES = [("drain", 0), ("drain", 1), ("live", 0), ("live", 1)]
SUBSCRIBERS = ["libjet-callback", "libjet-inline", "libjet-pull", "libmosquitto", "paho-python",
               "rumqttc"]
SUBSCRIBER_BASELINE = "libmosquitto"
# The bare transport libjet is built on: the most libjet itself could do.
CEILING = "rumqttc"
CALLS_BASELINE = "grpcio"
COLORS = {"libjet-callback": "#1f77b4", "libjet-inline": "#08306b", "libjet-pull": "#6baed6",
          "libmosquitto": "#d62728",
          "paho-python": "#2ca02c", "rumqttc": "#9467bd"}


# ---- formatting ----

def num(value):
    """A number with sensible rounding and thousands separators ("—" if absent)."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "—"
    if isinstance(value, int) or abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:,.1f}"
    return f"{value:,.2f}"


def ratio(value, baseline):
    """value / baseline as "1.42×" ("—" when either is missing or zero)."""
    if not value or not baseline:
        return "—"
    return f"{value / baseline:.2f}×"


def table(header, rows, left=1):
    """A markdown table; the first `left` columns are left-aligned, the others right."""
    lines = ["| " + " | ".join(header) + " |",
             "|" + "|".join([":---"] * left + ["---:"] * (len(header) - left)) + "|"]
    lines += ["| " + " | ".join(str(cell).replace("|", "\\|") for cell in row) + " |"
              for row in rows]
    return "\n".join(lines)


def ordered(names, preferred):
    """`names` with those of `preferred` first, in its order, then the rest sorted."""
    names = set(names)
    first = [n for n in dict.fromkeys(preferred) if n in names]
    return first + sorted(names - set(first))


def case_title(mode, qos):
    """"Drain, QoS 0" for a throughput case."""
    return f"{str(mode).capitalize()}, QoS {qos}"


def throughput_cases(results):
    """The throughput entries grouped by (mode, qos), known cases first."""
    cases = {}
    for entry in results.get("throughput") or []:
        cases.setdefault((entry.get("mode"), entry.get("qos")), []).append(entry)
    known = [c for c in THROUGHPUT_CASES if c in cases]
    return [(c, cases[c]) for c in known + sorted(set(cases) - set(known), key=str)]


def latency_groups(results):
    """The latency entries grouped by (rate, qos), in order."""
    groups = {}
    for entry in results.get("latency") or []:
        groups.setdefault((entry.get("rate") or 0, entry.get("qos") or 0), []).append(entry)
    return sorted(groups.items())


# ---- markdown sections ----

def header_section(results, plot_link):
    """Title, intro, machine, command and date, and the plot."""
    machine = results.get("machine") or {}
    lines = ["# libjet benchmarks", "",
             "libjet side by side with libmosquitto, paho-mqtt with `json.loads`, grpcio "
             "stubs and a bare rumqttc loop, on one machine in one run "
             "(what is measured and how: [bench/README.md](bench/README.md)).", ""]
    facts = [("CPU", machine.get("cpu")), ("Cores", machine.get("cores")),
             ("Memory", machine.get("memory")), ("OS", machine.get("os")),
             ("Kernel", machine.get("kernel"))]
    lines += [f"- **{name}**: {value}" for name, value in facts if value is not None]
    versions = machine.get("versions") or {}
    if versions:
        lines.append("- **Versions**: " + ", ".join(f"{k} {v}" for k, v in versions.items()))
    run = f"`{results.get('command', 'bench/run')}`"
    if results.get("date"):
        run += f" on {results['date']}"
    if results.get("quick"):
        run += " (quick run: small counts, indicative only)"
    lines += [f"- **Command**: {run}", "", f"![throughput and latency]({plot_link})", ""]
    return lines


def median_of_runs(entry, value):
    """The median over an entry's runs of `value(run)`, skipping runs where it
    is None (None when no run has it)."""
    values = sorted(v for v in (value(r) for r in entry.get("runs") or []) if v is not None)
    return values[len(values) // 2] if values else None


def cpu_per_event(key):
    """A run's CPU time `key` per event received, in µs."""
    def value(run):
        if run.get(key) is None or not run.get("received"):
            return None
        return 1e6 * run[key] / run["received"]
    return value


def cores_busy(run):
    """The subscriber's and the broker's CPU time over the drain's duration."""
    if run.get("subscriber_cpu_s") is None or run.get("broker_cpu_s") is None \
            or not run.get("seconds"):
        return None
    return (run["subscriber_cpu_s"] + run["broker_cpu_s"]) / run["seconds"]


def throughput_section(results):
    """One table per throughput case: events/s per subscriber and the ratio."""
    cases = throughput_cases(results)
    if not cases:
        return []
    lines = ["## Receive throughput", "",
             "Events per second from the first message to the last (median of the runs, "
             f"min–max when there were several), and the ratio to {SUBSCRIBER_BASELINE} and to "
             f"{CEILING} (the bare loop of the transport libjet is built on). In the drains, "
             "the CPU time (user + system, all threads) of the subscriber and of the broker "
             "while the subscriber ran, per event, and the two together over the drain's "
             "duration: near the machine's number of cores, every core is busy and the rate is "
             "what the two programs' costs per event allow.", ""]
    for (mode, qos), entries in cases:
        by_name = {e.get("subscriber"): e for e in entries}
        base = (by_name.get(SUBSCRIBER_BASELINE) or {}).get("rate")
        ceiling = (by_name.get(CEILING) or {}).get("rate")
        rows = []
        for name in ordered(by_name, SUBSCRIBERS):
            entry = by_name[name]
            rates = [r.get("rate") for r in entry.get("runs") or [] if r.get("rate") is not None]
            spread = f"{num(min(rates))}–{num(max(rates))}" if len(rates) > 1 else ""
            received = [r.get("received") for r in entry.get("runs") or []
                        if r.get("received") is not None]
            events = num(entry.get("events"))
            if received and entry.get("events") and min(received) < entry["events"]:
                events += f" (received {num(min(received))})"
            row = [name, events, num(entry.get("rate")), spread,
                   ratio(entry.get("rate"), base), ratio(entry.get("rate"), ceiling)]
            if mode == "drain":
                row += [num(median_of_runs(entry, cpu_per_event("subscriber_cpu_s"))),
                        num(median_of_runs(entry, cpu_per_event("broker_cpu_s"))),
                        num(median_of_runs(entry, cores_busy))]
            rows.append(row)
        header = ["Subscriber", "Events", "Events/s", "Runs (min–max)",
                  f"× {SUBSCRIBER_BASELINE}", f"× {CEILING}"]
        if mode == "drain":
            header += ["Subscriber CPU µs/event", "Broker CPU µs/event", "Cores busy"]
        lines += [f"### {case_title(mode, qos)}", "", table(header, rows), ""]
    return lines


def share_higher(runs, base_runs):
    """The share of (run, baseline run) pairs in which the run's value is the
    higher, a tie counting half: about 0.5 when the runs cannot tell the two
    apart, whatever their medians say."""
    if not runs or not base_runs:
        return None
    pairs = [(a > b) + 0.5 * (a == b) for a in runs for b in base_runs]
    return sum(pairs) / len(pairs)


def latency_section(results):
    """One table per publish rate and QoS: the latency percentiles."""
    groups = latency_groups(results)
    if not groups:
        return []
    lines = ["## Latency", "",
             "Publish → delivery, CLOCK_MONOTONIC of the publisher and the subscriber, in µs "
             f"(nearest rank); the ratio is p99 to {SUBSCRIBER_BASELINE}'s p99. Each rate is "
             "run several times, the two subscribers taking turns; a row is the run with the "
             "median p99, and the last column gives the p99 of every run, lowest first. "
             f"\"Runs above\" is the share of pairs of a run and a {SUBSCRIBER_BASELINE} run "
             "at the same rate in which the run's p99 is the higher (a tie counts half): "
             "0.5 when the runs do not tell the two apart.", ""]
    for (rate, qos), entries in groups:
        by_name = {e.get("subscriber"): e for e in entries}
        base_entry = by_name.get(SUBSCRIBER_BASELINE) or {}
        base = base_entry.get("p99_us")
        rows = [[name, num(e.get("received")), num(e.get("p50_us")), num(e.get("p99_us")),
                 num(e.get("p999_us")), num(e.get("max_us")), ratio(e.get("p99_us"), base),
                 share(e, base_entry),
                 ", ".join(num(v) for v in e.get("p99_runs_us") or [])]
                for name, e in ((n, by_name[n])
                                for n in ordered(by_name, ["libjet", "libjet-inline"] + SUBSCRIBERS))]
        lines += [f"### {num(rate)} events/s, QoS {qos}", "",
                  table(["Subscriber", "Received", "p50", "p99", "p99.9", "max",
                         f"p99 × {SUBSCRIBER_BASELINE}", "Runs above", "p99 of every run"],
                        rows), ""]
    return lines + handoff_section(results)


def share(entry, base_entry):
    """`share_higher` of two latency entries' p99 runs, as the table shows it
    ("" for the baseline itself, "n/a" when either has no runs)."""
    if entry is base_entry:
        return ""
    found = share_higher(entry.get("p99_runs_us"), base_entry.get("p99_runs_us"))
    return "n/a" if found is None else f"{found:.2f}"


def handoff_section(results):
    """One thread waking another at each latency rate (bench/c/handoff.c)."""
    handoffs = results.get("handoff") or []
    if not handoffs:
        return []
    rows = [[num(h.get("rate")), num(h.get("handoffs")), num(h.get("received")),
             num(h.get("p50_us")), num(h.get("p99_us")), num(h.get("max_us")),
             ", ".join(num(v) for v in h.get("p99_runs_us") or [])] for h in handoffs]
    return ["### One thread waking another", "",
            "`handoff`: a thread sleeps until each due time of a paced stream, then signals "
            "a condition variable that a second, idle thread waits on (what libjet's network "
            "task does to its dispatcher); the time from the signal to the second thread "
            "running, in µs, taking turns with the subscribers above. \"Received\" is below "
            "\"Hand-offs\" when the waiting thread was still away as the next one came.", "",
            table(["Rate (/s)", "Hand-offs", "Received", "p50", "p99", "max",
                   "p99 of every run"], rows), ""]


def per_call_us(seconds, calls):
    """`seconds` spread over `calls`, in µs (None when either is missing)."""
    if seconds is None or not calls:
        return None
    return 1e6 * seconds / calls


def calls_section(results):
    """Counter reads per case and thread count, and the filter-1000 times."""
    calls = results.get("calls") or []
    reads = [c for c in calls if c.get("case") != "filter-1000"]
    terms = [c for c in calls if c.get("case") == "filter-1000"]
    if not calls:
        return []
    lines = ["## Service calls", "",
             f"`jet sim`, jnx generation, libjet's C ABI against {CALLS_BASELINE} stubs.", ""]
    if reads:
        groups = {}
        for c in reads:
            groups.setdefault((c.get("case"), c.get("threads") or 1), []).append(c)
        rows = []
        for (case, threads), entries in sorted(groups.items(), key=lambda kv: (str(kv[0][0]), kv[0][1])):
            by_client = {e.get("client"): e for e in entries}
            base = (by_client.get(CALLS_BASELINE) or {}).get("calls_per_s")
            for name in ordered(by_client, ["libjet", CALLS_BASELINE]):
                e = by_client[name]
                base_cpu = (by_client.get(CALLS_BASELINE) or {}).get("cpu_us_per_call")
                rows.append([case, name, threads, num(e.get("calls")), num(e.get("calls_per_s")),
                             num(e.get("p50_us")), num(e.get("p99_us")),
                             ratio(e.get("calls_per_s"), base), num(e.get("cpu_us_per_call")),
                             ratio(base_cpu, e.get("cpu_us_per_call")),
                             num(per_call_us(e.get("server_cpu_s"), e.get("calls")))])
        lines += ["### Counter reads", "",
                  "Calls per second over all callers; p50 and p99 of each call, in µs; the "
                  "client's CPU time (user + system, all its threads) per call, in µs. The "
                  "simulator serves both clients on the same two cores, so its time is in "
                  "both wall-clock columns; CPU per call is the client's own cost, and the "
                  "last column the simulator's CPU time per call of that run.", "",
                  table(["Case", "Client", "Threads", "Calls", "Calls/s", "p50", "p99",
                         f"calls/s × {CALLS_BASELINE}", "CPU µs/call",
                         f"{CALLS_BASELINE} CPU ÷ client CPU", "Server CPU µs/call"],
                        rows, left=2), ""]
    if terms:
        by_client = {e.get("client"): e for e in terms}
        base = by_client.get(CALLS_BASELINE) or {}
        rows = [[name, num(e.get("terms")), num(e.get("add_ms")), ratio(e.get("add_ms"), base.get("add_ms")),
                 num(e.get("counters_ms")), ratio(e.get("counters_ms"), base.get("counters_ms")),
                 num(e.get("counters"))]
                for name, e in ((n, by_client[n]) for n in ordered(by_client, ["libjet", CALLS_BASELINE]))]
        lines += ["### A filter of 1000 counting terms", "",
                  "Time to add the filter, then to read every counter (one call per counter on "
                  f"jnx), in ms; the ratios are times to {CALLS_BASELINE}'s (below 1.00× is faster).", "",
                  table(["Client", "Terms", "Add (ms)", f"add × {CALLS_BASELINE}", "Read all (ms)",
                         f"read × {CALLS_BASELINE}", "Counters read"], rows), ""]
    return lines


def sessions_section(results):
    """The many-sessions figures as a two-column table."""
    s = results.get("sessions") or {}
    facts = [("Sessions", s.get("sessions")), ("Opened in (s)", s.get("open_seconds")),
             ("Sessions that received the event", s.get("received_by")),
             ("RSS per session (KiB)", s.get("rss_per_session_kib")),
             ("Threads with one session", s.get("threads_one")),
             ("Threads with all sessions", s.get("threads_after"))]
    rows = [[name, num(value)] for name, value in facts if value is not None]
    if not rows:
        return []
    return ["## Many sessions", "",
            "`jet_sessions`: notification sessions opened one after another in one process.", "",
            table(["", "Value"], rows), ""]


def instructions_section(results):
    """Instructions per event under callgrind, and the ratio to libmosquitto."""
    entries = results.get("instructions") or []
    if not entries:
        return []
    by_name = {e.get("program"): e for e in entries}
    base = (by_name.get(SUBSCRIBER_BASELINE) or {}).get("per_event")
    rows = [[name, num(e.get("per_event")), num(e.get("parse_per_event")),
             ratio(e.get("per_event"), base)]
            for name, e in ((n, by_name[n])
                            for n in ordered(by_name, SUBSCRIBERS))]
    return ["## Cost per event", "",
            "Instructions per event (callgrind, the difference of two drains of different sizes); "
            "`Event::parse` is included in libjet's total.", "",
            table(["Program", "Instructions/event", "of which Event::parse",
                   f"× {SUBSCRIBER_BASELINE}"], rows), ""]


def extra(value, baseline, scale=1000):
    """`value` minus `baseline`, times `scale` (µs to ns by default); None if either is missing."""
    if value is None or baseline is None:
        return None
    return scale * (value - baseline)


def wall_us_per_event(entry):
    """An entry's wall-clock time per event at its median rate, in µs."""
    return 1e6 / entry["rate"] if entry.get("rate") else None


def binding_drains_table(drains):
    """The case 6 drains: each binding subscriber against the C callback."""
    by_name = {e.get("subscriber"): e for e in drains}
    c = by_name.get(bindings.C_SUBSCRIBER) or {}
    c_cpu = median_of_runs(c, cpu_per_event("subscriber_cpu_s")) if c else None
    rows = []
    for name in ordered(by_name, [bindings.C_SUBSCRIBER] + bindings.subscribers()):
        entry = by_name[name]
        binding = bindings.binding_of(name)
        rates = [r.get("rate") for r in entry.get("runs") or [] if r.get("rate") is not None]
        cpu = median_of_runs(entry, cpu_per_event("subscriber_cpu_s"))
        rows.append([binding.title if binding else "C", name, num(entry.get("events")),
                     num(entry.get("rate")),
                     f"{num(min(rates))}–{num(max(rates))}" if len(rates) > 1 else "",
                     ratio(entry.get("rate"), c.get("rate")),
                     f"≥ {binding.target:g}×" if binding else "",
                     num(extra(wall_us_per_event(entry), wall_us_per_event(c))) if binding else "",
                     num(cpu), num(extra(cpu, c_cpu)) if binding else "",
                     num(median_of_runs(entry, cores_busy))])
    return table(["Language", "Subscriber", "Events", "Events/s", "Runs (min–max)",
                  "× C callback", "Target", "Extra wall ns/event", "Subscriber CPU µs/event",
                  "Extra CPU ns/event", "Cores busy"], rows, left=2)


def binding_calls_table(calls):
    """The case 6 counter reads: each binding's caller against the C caller."""
    groups = {}
    for c in calls:
        groups.setdefault(c.get("threads") or 1, {})[c.get("client")] = c
    rows = []
    for threads, by_client in sorted(groups.items()):
        c = by_client.get(bindings.C_CALLER) or {}
        for name in ordered(by_client, [bindings.C_CALLER] + [b.key for b in bindings.BINDINGS]):
            e = by_client[name]
            binding = bindings.binding_of(name)
            rows.append([binding.title if binding else "C", threads, num(e.get("calls")),
                         num(e.get("calls_per_s")),
                         ", ".join(num(v) for v in e.get("calls_per_s_runs") or []),
                         ratio(e.get("calls_per_s"), c.get("calls_per_s")),
                         f"≥ {binding.target:g}×" if binding else "",
                         num(e.get("p50_us")), num(e.get("p99_us")),
                         num(e.get("cpu_us_per_call")),
                         num(extra(e.get("cpu_us_per_call"), c.get("cpu_us_per_call"), 1))
                         if binding else ""])
    return table(["Language", "Threads", "Calls", "Calls/s", "calls/s of every run",
                  "× C", "Target", "p50", "p99", "CPU µs/call", "Extra CPU µs/call"], rows)


def bindings_section(results):
    """Case 6: the Go, Java and C# bindings next to libjet's C programs."""
    part = results.get("bindings") or {}
    lines = []
    if part.get("drains"):
        lines += ["### Receive throughput through the bindings", "",
                  "Drains at QoS 0, each binding's callback and pull call taking turns with the C "
                  "callback (median of the runs). \"Extra wall ns/event\" is the binding's time per "
                  "event at its rate minus the C callback's; \"Extra CPU ns/event\" is the same "
                  "difference of the subscriber's own CPU time (user + system, all threads: "
                  "garbage collector and JIT included). Java's and Mono's figures include JIT "
                  "warm-up: `seconds` starts at the first message.", "",
                  binding_drains_table(part["drains"]), ""]
    if part.get("calls"):
        lines += ["### Service calls through the bindings", "",
                  "counter-get against `jet sim` (jnx), each binding's caller taking turns with "
                  "the C caller; a row is the run with the median calls/s. p50 and p99 per call "
                  "in µs; CPU is the client's own, per call.", "",
                  binding_calls_table(part["calls"]), ""]
    if not lines:
        return []
    return ["## Go, Java and C# bindings", ""] + lines


def targets_section(results):
    """The targets: measured, target, met."""
    targets = results.get("targets") or []
    if not targets:
        return []
    mark = {True: "✓", False: "✗"}
    rows = [[t.get("name", ""),
             num(t["measured"]) if isinstance(t.get("measured"), (int, float)) else t.get("measured", "—"),
             t.get("target", "—"), mark.get(t.get("met"), "—")] for t in targets]
    return ["## Targets", "", table(["Target", "Measured", "Goal", "Met"], rows, left=4), ""]


def notes_section(results):
    """Each note, verbatim, as a list item."""
    notes = results.get("notes") or []
    if not notes:
        return []
    return ["## Notes", ""] + [f"- {note}" for note in notes] + [""]


def markdown(results, plot_link):
    """The whole report."""
    sections = [header_section(results, plot_link), throughput_section(results),
                latency_section(results), calls_section(results), sessions_section(results),
                instructions_section(results), bindings_section(results), targets_section(results),
                notes_section(results)]
    return "\n".join(line for section in sections for line in section).rstrip() + "\n"


# ---- plot ----

NINES_TICKS = [(0.0, "0%"), (math.log10(2), "50%"), (1.0, "90%"), (2.0, "99%"),
               (3.0, "99.9%"), (3.5, "max")]


def nines(fraction):
    """The "nines" position of a quantile: 90% → 1, 99% → 2, 99.9% → 3."""
    return -math.log10(1.0 - fraction)


def log_axis(axis, unit=""):
    """Labels a log axis at 1, 2 and 5 times the powers of ten, in plain numbers."""
    from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

    def label(value, _position):
        """1,000 → "1k" and 1,000,000 → "1M" when `unit` is "k", else "1,000"."""
        if unit == "k" and value >= 1_000_000:
            return f"{value / 1_000_000:,.0f}M"
        if unit == "k" and value >= 1000:
            return f"{value / 1000:,.0f}k"
        return f"{value:,.0f}" if value >= 1 else f"{value:g}"

    axis.set_major_locator(LogLocator(subs=(1.0, 2.0, 5.0)))
    axis.set_major_formatter(FuncFormatter(label))
    axis.set_minor_formatter(NullFormatter())


def plot_throughput(ax, results):
    """Grouped bars: events/s per subscriber for each throughput case."""
    cases = throughput_cases(results)
    if not cases:
        ax.text(0.5, 0.5, "no throughput results", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return
    names = ordered({e.get("subscriber") for _, entries in cases for e in entries}, SUBSCRIBERS)
    width = 0.8 / len(names)
    for i, name in enumerate(names):
        xs, heights, low, high = [], [], [], []
        for x, (_, entries) in enumerate(cases):
            entry = next((e for e in entries if e.get("subscriber") == name), None)
            if not entry or not entry.get("rate"):
                continue
            rates = [r["rate"] for r in entry.get("runs") or [] if r.get("rate")] or [entry["rate"]]
            xs.append(x - 0.4 + width * (i + 0.5))
            heights.append(entry["rate"])
            low.append(max(0.0, entry["rate"] - min(rates)))
            high.append(max(0.0, max(rates) - entry["rate"]))
        if not xs:
            continue
        bars = ax.bar(xs, heights, width, label=name, color=COLORS.get(name),
                      yerr=[low, high], capsize=2, error_kw={"elinewidth": 0.8})
        ax.bar_label(bars, labels=[f"{h / 1000:,.0f}k" if h >= 1000 else f"{h:.0f}" for h in heights],
                     fontsize=7, rotation=90, padding=3)
    ax.set_xticks(range(len(cases)), [case_title(m, q) for (m, q), _ in cases])
    ax.set_yscale("log")
    log_axis(ax.yaxis, "k")
    ax.set_ylabel("events/s (log scale)")
    ax.set_title("Receive throughput (median of runs, min–max bars)")
    ax.margins(y=0.25)
    ax.grid(axis="y", which="both", alpha=0.3)
    ax.legend(fontsize=8, loc="upper right")


def plot_latency(ax, results):
    """Quantile curves per rate and subscriber on a nines scale, µs on log y."""
    groups = latency_groups(results)
    curves = [(rate, qos, e) for (rate, qos), entries in groups for e in entries
              if len(e.get("quantiles_us") or []) >= 3]
    if not curves:
        ax.text(0.5, 0.5, "no latency results", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return
    palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b"]
    styles = {"libjet": "-", "libjet-callback": "-", "libjet-inline": "-.", "libmosquitto": "--"}
    colors = {key: palette[i % len(palette)] for i, (key, _) in enumerate(groups)}
    for rate, qos, entry in curves:
        q = entry["quantiles_us"]
        steps = len(q) - 1
        xs = [nines(k / steps) for k in range(steps)]  # 0% .. the last step below 100%
        ys = list(q[:-1])
        if entry.get("p999_us") is not None:
            xs.append(3.0)
            ys.append(entry["p999_us"])
        xs.append(3.5)
        ys.append(entry.get("max_us") or q[-1])
        name = entry.get("subscriber")
        ax.plot(xs, ys, styles.get(name, ":"), color=colors[(rate, qos)], linewidth=1.5,
                label=f"{name}, {num(rate)}/s QoS {qos}")
    ax.set_xticks([x for x, _ in NINES_TICKS], [label for _, label in NINES_TICKS])
    ax.set_xlim(0, 3.6)
    ax.set_yscale("log")
    log_axis(ax.yaxis)
    ax.set_xlabel("percentile (nines scale)")
    ax.set_ylabel("publish → delivery latency (µs, log scale)")
    ax.set_title("Latency per publish rate (solid: libjet, dash-dot: libjet inline, "
                 "dashed: libmosquitto)")
    ax.grid(which="both", alpha=0.3)
    ax.legend(fontsize=8, loc="upper left")


def ratio_bars(ax, labels, values, baselines, colors, title, ylabel):
    """Bars of `values`, each labelled with its value and its ratio to its baseline."""
    bars = ax.bar(range(len(values)), values, color=colors)
    ax.bar_label(bars, labels=[f"{v:,.0f}\n{ratio(v, b)}" for v, b in zip(values, baselines)],
                 fontsize=8, padding=2)
    ax.set_xticks(range(len(labels)), labels, rotation=30, ha="right", fontsize=8)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.margins(y=0.2)
    ax.grid(axis="y", alpha=0.3)


def language_color(name):
    """The C programs in libjet's blue; each binding a color of its own."""
    binding = bindings.binding_of(name)
    return {"go": "#17becf", "java": "#ff7f0e", "csharp": "#8c564b"}.get(
        binding.key if binding else None, COLORS["libjet-callback"])


def plot_binding_drains(ax, results):
    """Case 6: events/s of the C callback and each binding's subscribers."""
    drains = (results.get("bindings") or {}).get("drains") or []
    by_name = {e.get("subscriber"): e for e in drains if e.get("rate")}
    if not by_name:
        ax.text(0.5, 0.5, "no binding results", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return
    names = ordered(by_name, [bindings.C_SUBSCRIBER] + bindings.subscribers())
    base = (by_name.get(bindings.C_SUBSCRIBER) or {}).get("rate")
    ratio_bars(ax, names, [by_name[n]["rate"] for n in names], [base] * len(names),
               [language_color(n) for n in names],
               "Drain, QoS 0, through the bindings (× C callback)", "events/s")


def plot_binding_calls(ax, results):
    """Case 6: calls/s of the C caller and each binding's, per thread count."""
    calls = [c for c in (results.get("bindings") or {}).get("calls") or [] if c.get("calls_per_s")]
    if not calls:
        ax.text(0.5, 0.5, "no binding results", ha="center", va="center", transform=ax.transAxes)
        ax.set_axis_off()
        return
    order = [bindings.C_CALLER] + [b.key for b in bindings.BINDINGS]
    calls.sort(key=lambda c: (c.get("threads") or 1,
                              order.index(c["client"]) if c.get("client") in order else len(order)))
    base = {c.get("threads"): c["calls_per_s"] for c in calls if c.get("client") == bindings.C_CALLER}
    ratio_bars(ax, [f"{c.get('client')}, {c.get('threads') or 1} thr." for c in calls],
               [c["calls_per_s"] for c in calls], [base.get(c.get("threads")) for c in calls],
               [language_color(c.get("client")) for c in calls],
               "counter-get through the bindings (× C caller)", "calls/s")


def plot(results, path):
    """Writes the four-panel PNG, about 1400×1400 px."""
    import matplotlib  # only needed for the plot
    matplotlib.use("Agg")
    from matplotlib import pyplot

    figure, ((left, right), (low_left, low_right)) = pyplot.subplots(
        2, 2, figsize=(14, 14), dpi=100, gridspec_kw={"height_ratios": [3, 2]})
    plot_throughput(left, results)
    plot_latency(right, results)
    plot_binding_drains(low_left, results)
    plot_binding_calls(low_right, results)
    title = "libjet benchmarks"
    if results.get("date"):
        title += f" — {results['date']}"
    if results.get("quick"):
        title += " (quick run)"
    figure.suptitle(title)
    figure.tight_layout()
    figure.savefig(path)
    pyplot.close(figure)


def main(argv):
    """Reads the results, writes what was asked, prints the markdown."""
    parser = argparse.ArgumentParser(prog="report.py", description=__doc__.splitlines()[0])
    parser.add_argument("results", help="the driver's results.json")
    parser.add_argument("--markdown", help="where to write the report")
    parser.add_argument("--plot", help="where to write the PNG")
    parser.add_argument("--plot-link", default="bench/plot.png",
                        help="the plot's path as the report links it (default %(default)s)")
    args = parser.parse_args(argv)
    with open(args.results, encoding="utf-8") as f:
        results = json.load(f)
    text = markdown(results, args.plot_link)
    if args.markdown:
        with open(args.markdown, "w", encoding="utf-8") as f:
            f.write(text)
    if args.plot:
        plot(results, args.plot)
    sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

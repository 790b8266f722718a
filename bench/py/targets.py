"""The targets libjet is held to, computed from a results object.

Each target is {"name", "measured", "target", "met"}. Ratios are shown with
two decimals and "×", and judged as shown (a ratio printed as 1.30× meets
"≥ 1.3×"). A target whose data is missing (a quick run, a case left out) is
left out.
"""

import operator

import bindings

SYMBOLS = {operator.ge: "≥", operator.le: "≤"}


def target(name, value, compare, goal, unit):
    """One target: `value` rounded as shown, compared with `goal`."""
    shown = round(value, 2)
    return {"name": name, "measured": f"{shown:.2f}{unit}",
            "target": f"{SYMBOLS[compare]} {goal:g}{unit}", "met": compare(shown, goal)}


def ratio_target(name, value, baseline, compare, goal):
    """value / baseline as a "×" target, or None when either is missing or zero."""
    if not value or not baseline:
        return None
    return target(name, value / baseline, compare, goal, "×")


def throughput_targets(results):
    """Drain, QoS 0 and 1: libjet-callback against the others, and pull against callback."""
    rates = {(e["mode"], e["qos"], e["subscriber"]): e.get("rate")
             for e in results.get("throughput") or []}
    found = []
    for qos in (0, 1):
        def rate(subscriber):
            """The drain rate of `subscriber` at this QoS."""
            return rates.get(("drain", qos, subscriber))
        for other, goal in (("libmosquitto", 1.3), ("rumqttc", 0.8), ("paho-python", 10)):
            found.append(ratio_target(f"drain QoS {qos}: libjet-callback / {other}",
                                      rate("libjet-callback"), rate(other), operator.ge, goal))
        found.append(ratio_target(f"drain QoS {qos}: libjet-inline / libmosquitto",
                                  rate("libjet-inline"), rate("libmosquitto"), operator.ge, 1.3))
        found.append(ratio_target(f"drain QoS {qos}: libjet-pull / libjet-callback",
                                  rate("libjet-pull"), rate("libjet-callback"), operator.ge, 0.9))
    return found


def latency_targets(results):
    """libjet's p99 at 10,000/s, and libjet's p99 against libmosquitto's at each rate."""
    p99 = {(e["rate"], e["qos"], e["subscriber"]): e.get("p99_us")
           for e in results.get("latency") or []}
    found = []
    ten_k = p99.get((10000, 0, "libjet"))
    if ten_k is not None:
        found.append(target("latency QoS 0 at 10,000/s: libjet p99", ten_k / 1000,
                            operator.le, 1, " ms"))
    for rate in sorted({r for r, q, _ in p99 if q == 0}):
        for name in ("libjet", "libjet-inline"):
            if (rate, 0, name) in p99:
                found.append(ratio_target(f"latency QoS 0 at {rate:,}/s: {name} p99 / libmosquitto p99",
                                          p99.get((rate, 0, name)),
                                          p99.get((rate, 0, "libmosquitto")), operator.le, 1.1))
    return found


def median_broker_us(entry):
    """The median over a drain entry's runs of the broker's CPU µs per event."""
    values = sorted(1e6 * r["broker_cpu_s"] / r["received"] for r in entry.get("runs") or []
                    if r.get("broker_cpu_s") is not None and r.get("received"))
    return values[len(values) // 2] if values else None


def cost_targets(results):
    """Issue 20: libjet-callback's instructions per event (callgrind), and the
    broker's CPU per event serving it against serving libmosquitto (drain, QoS 0)."""
    found = []
    for e in results.get("instructions") or []:
        if e.get("program") in ("libjet-callback", "libjet-inline") and e.get("per_event"):
            found.append(target(f"instructions per event, {e['program']} (callgrind)",
                                e["per_event"], operator.le, 6000, ""))
    broker = {e["subscriber"]: median_broker_us(e) for e in results.get("throughput") or []
              if e.get("mode") == "drain" and e.get("qos") == 0}
    for name in ("libjet-callback", "libjet-inline"):
        found.append(ratio_target(f"drain QoS 0: broker CPU per event, {name} / libmosquitto",
                                  broker.get(name), broker.get("libmosquitto"), operator.le, 1.0))
    return found


def calls_targets(results):
    """counter-get with 1 and 8 threads: libjet's calls/s against grpcio's."""
    per_s = {(c.get("case"), c.get("threads"), c.get("client")): c.get("calls_per_s")
             for c in results.get("calls") or []}
    found = []
    for threads in (1, 8):
        def calls(client):
            """calls/s of `client` at this thread count."""
            return per_s.get(("counter-get", threads, client))
        found.append(ratio_target(f"counter-get, {threads} thread{'s' if threads > 1 else ''}: "
                                  "libjet / grpcio calls/s",
                                  calls("libjet"), calls("grpcio"), operator.ge, 3))
    return found


def sessions_targets(results):
    """Memory per session, and a thread count that does not grow with sessions."""
    s = results.get("sessions") or {}
    found = []
    if s.get("rss_per_session_kib") is not None:
        found.append(target(f"RSS per session ({s.get('sessions', 0):,} sessions)",
                            s["rss_per_session_kib"], operator.le, 256, " KiB"))
    if s.get("threads_after") is not None and s.get("threads_one") is not None:
        after, one = s["threads_after"], s["threads_one"]
        found.append({"name": f"threads with {s.get('sessions', 0):,} sessions = threads with one",
                      "measured": f"{after} {'=' if after == one else '≠'} {one}",
                      "target": "fixed thread count", "met": after == one})
    return found


def bindings_targets(results):
    """Case 6: each binding's drain rates (callback and pull) against the C
    callback's, and its counter reads against the C caller's, at each thread count."""
    part = results.get("bindings") or {}
    rates = {e.get("subscriber"): e.get("rate") for e in part.get("drains") or []}
    per_s = {(c.get("client"), c.get("threads")): c.get("calls_per_s")
             for c in part.get("calls") or []}
    found = []
    for b in bindings.BINDINGS:
        for name in b.subscribers:
            found.append(ratio_target(f"drain QoS 0: {name} / {bindings.C_SUBSCRIBER}",
                                      rates.get(name), rates.get(bindings.C_SUBSCRIBER),
                                      operator.ge, b.target))
        for threads in sorted({t for _, t in per_s}):
            found.append(ratio_target(
                f"counter-get, {threads} thread{'s' if threads > 1 else ''}: "
                f"{b.title} / C calls/s", per_s.get((b.key, threads)),
                per_s.get((bindings.C_CALLER, threads)), operator.ge, b.target))
    return found


def targets(results):
    """Every target whose data is in `results`, in the order of the cases."""
    found = (throughput_targets(results) + latency_targets(results) + cost_targets(results)
             + calls_targets(results) + sessions_targets(results) + bindings_targets(results))
    return [t for t in found if t is not None]

#!/usr/bin/env python3
"""The paho-mqtt subscriber of bench/README.md: Juniper's Python path.

Each message goes through json.loads and ["jet-event"]["event-id"] is read, as
Juniper's JET library does; a payload without it counts in check_failures.
With --latency, ["jet-event"]["attributes"]["sent-ns"] (the publisher's
CLOCK_MONOTONIC) is compared with time.monotonic_ns(), which is CLOCK_MONOTONIC
on Linux. Prints "ready" once subscribed and one JSON object at the end; exits
0 when --count messages arrived, 3 when fewer did, 2 on a usage error and 1 when
the broker refused or lost the connection.
"""

import argparse
import json
import sys
import threading
import time

import paho.mqtt.client as mqtt

from quantiles import latency_summary

EXIT_DONE, EXIT_FAILED, EXIT_USAGE, EXIT_SHORT = 0, 1, 2, 3


def log(message):
    """Writes one log line to stderr."""
    print(f"paho_sub: {message}", file=sys.stderr, flush=True)


def parse_args(argv):
    """The subscriber arguments of bench/README.md (argparse exits 2 on a mistake)."""
    parser = argparse.ArgumentParser(prog="paho_sub.py", description=__doc__.splitlines()[0])
    parser.add_argument("--host", required=True)
    parser.add_argument("--port", required=True, type=int)
    parser.add_argument("--topic", required=True, help="topic filter")
    parser.add_argument("--qos", required=True, type=int, choices=(0, 1))
    parser.add_argument("--count", required=True, type=int)
    parser.add_argument("--client-id")
    parser.add_argument("--persistent", action="store_true",
                        help="clean_session=0: drain what the broker kept for --client-id")
    parser.add_argument("--latency", action="store_true",
                        help="measure publish -> delivery instead of throughput")
    parser.add_argument("--idle-timeout-ms", type=int, default=10000)
    args = parser.parse_args(argv)
    if not 0 < args.port < 65536:
        parser.error("--port must be 1-65535")
    if args.count < 1:
        parser.error("--count must be at least 1")
    if args.idle_timeout_ms < 1:
        parser.error("--idle-timeout-ms must be at least 1")
    if args.persistent and not args.client_id:
        parser.error("--persistent needs --client-id")
    return args


class Subscriber:
    """Counts (or times) messages until --count arrived or the line went idle."""

    def __init__(self, args):
        """Sets up the counters and the paho client for `args`."""
        self.args = args
        self.received = 0
        self.check_failures = 0
        self.first_ns = self.last_ns = None
        self.latencies_ns = []
        self.event_id = None  # the last event's id
        self.last_activity_ns = time.monotonic_ns()
        self.timed_out = False
        self.failure = None  # why the connection failed, if it did
        self.client = mqtt.Client(
            mqtt.CallbackAPIVersion.VERSION2,
            client_id=args.client_id or "",
            clean_session=not args.persistent,
            reconnect_on_failure=False,
            manual_ack=True,  # so that the last PUBACK goes out before the DISCONNECT
        )
        self.client.on_connect = self.on_connect
        self.client.on_subscribe = self.on_subscribe
        self.client.on_message = self.on_message
        self.client.on_disconnect = self.on_disconnect

    def on_connect(self, client, _userdata, flags, reason_code, _properties):
        """Subscribes once the broker accepted the connection."""
        if reason_code.is_failure:
            self.fail(f"the broker refused the connection: {reason_code}")
            return
        log(f"connected (session present: {flags.session_present})")
        client.subscribe(self.args.topic, qos=self.args.qos)

    def on_subscribe(self, _client, _userdata, _mid, reason_codes, _properties):
        """Prints "ready" once the broker granted the subscription."""
        refused = [code for code in reason_codes if code.is_failure]
        if refused:
            self.fail(f"the broker refused the subscription: {refused[0]}")
            return
        print("ready", flush=True)

    def on_message(self, client, _userdata, message):
        """Parses one event as Juniper's library does and counts it."""
        now = time.monotonic_ns()
        self.last_activity_ns = now
        if self.first_ns is None:
            self.first_ns = now
        self.last_ns = now
        self.received += 1
        try:
            event = json.loads(message.payload)["jet-event"]
            self.event_id = event["event-id"]
            if self.args.latency:
                self.latencies_ns.append(now - int(event["attributes"]["sent-ns"]))
        except (KeyError, ValueError, TypeError):
            self.check_failures += 1
        client.ack(message.mid, message.qos)
        if self.received >= self.args.count:
            client.disconnect()

    def on_disconnect(self, _client, _userdata, _flags, reason_code, _properties):
        """Notes a connection the broker or the network ended."""
        if reason_code.is_failure and self.received < self.args.count and not self.timed_out:
            self.failure = f"connection lost: {reason_code}"

    def fail(self, why):
        """Records why the run cannot go on and ends the loop."""
        self.failure = why
        self.client.disconnect()

    def watch_idle(self):
        """Ends the run when no message came for --idle-timeout-ms (a thread)."""
        limit_ns = self.args.idle_timeout_ms * 1_000_000
        while True:
            idle_ns = time.monotonic_ns() - self.last_activity_ns
            if idle_ns >= limit_ns:
                break
            time.sleep(min(0.1, (limit_ns - idle_ns) / 1e9))
        if self.received < self.args.count and self.failure is None:
            self.timed_out = True
            log(f"no message for {self.args.idle_timeout_ms} ms: giving up")
            self.client.disconnect()

    def run(self):
        """Connects, loops until done, and returns the exit status."""
        try:
            self.client.connect(self.args.host, self.args.port, keepalive=60)
        except OSError as e:
            self.failure = f"cannot connect to {self.args.host}:{self.args.port}: {e}"
        else:
            threading.Thread(target=self.watch_idle, daemon=True).start()
            self.client.loop_forever()
        print(json.dumps(self.result()), flush=True)
        if self.failure:
            log(self.failure)
            return EXIT_FAILED
        if self.check_failures:
            log(f"{self.check_failures} message(s) failed the check")
        if self.received < self.args.count:
            log(f"received {self.received} of {self.args.count}")
            return EXIT_SHORT
        return EXIT_DONE

    def result(self):
        """The JSON object of bench/README.md for throughput or latency."""
        if self.args.latency:
            return {"received": self.received, **latency_summary(self.latencies_ns)}
        seconds = (self.last_ns - self.first_ns) / 1e9 if self.received else 0.0
        rate = self.received / seconds if seconds > 0 else None
        return {"received": self.received, "seconds": round(seconds, 6),
                "rate": None if rate is None else round(rate, 1),
                "check_failures": self.check_failures}


def main(argv):
    """Runs the subscriber and returns its exit status."""
    return Subscriber(parse_args(argv)).run()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

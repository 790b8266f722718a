#!/usr/bin/env python3
"""The grpcio client of bench/README.md ("Service calls"): Juniper's Python path.

Stubs are generated from the repository's proto/jnx by grpcio-tools (into
--stubs, regenerated when missing or older than the .proto files). The client
speaks the jnx generation as libjet does on jnx devices: Authentication/Login
(username, password, a unique client id, empty group id, no metadata) on the
channel's connection, then Firewall calls with a 30 s deadline each.

  counter-get: add a filter with one counter, then --calls FilterCounterGet
               reads from --threads threads sharing one channel and stub.
  filter-1000: add a filter of --terms terms, each with its own counter, then
               read every counter, one FilterCounterGet per counter.

The filter is deleted at the end. Prints one JSON object; exits 0 when every
call succeeded, 1 when one failed (after printing what was measured), 2 on a
usage error.
"""

import argparse
import json
import os
import resource
import sys
import threading
import time
from pathlib import Path

import grpc

from quantiles import percentiles_us

EXIT_DONE, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
DEADLINE_S = 30.0
REPO = Path(__file__).resolve().parents[2]
PROTO_DIR = REPO / "proto" / "jnx"
DEFAULT_STUBS = REPO / "target" / "bench" / "stubs"


class CallFailed(Exception):
    """A call the device refused or did not answer."""


def log(message):
    """Writes one log line to stderr."""
    print(f"grpc_calls: {message}", file=sys.stderr, flush=True)


def parse_args(argv):
    """The arguments of bench/README.md (argparse exits 2 on a mistake)."""
    parser = argparse.ArgumentParser(prog="grpc_calls.py", description=__doc__.splitlines()[0])
    parser.add_argument("--host", required=True)
    parser.add_argument("--port", required=True, type=int)
    parser.add_argument("--user", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--case", required=True, choices=("counter-get", "filter-1000"))
    parser.add_argument("--calls", type=int, help="counter-get: how many reads in all")
    parser.add_argument("--threads", type=int, default=1, help="counter-get: callers")
    parser.add_argument("--terms", type=int, default=1000, help="filter-1000: terms")
    parser.add_argument("--stubs", type=Path, default=DEFAULT_STUBS,
                        help="where the generated stubs go (default %(default)s)")
    args = parser.parse_args(argv)
    if not 0 < args.port < 65536:
        parser.error("--port must be 1-65535")
    if args.case == "counter-get" and (args.calls is None or args.calls < 1):
        parser.error("counter-get needs --calls N (N >= 1)")
    if args.threads < 1:
        parser.error("--threads must be at least 1")
    if not 1 <= args.terms <= 65535:
        parser.error("--terms must be 1-65535 (term i matches destination port i+1)")
    return args


# ---- stubs ----

def ensure_stubs(stubs):
    """Generates the jnx stubs into `stubs` unless they are there and fresh,
    and puts the directory on sys.path."""
    protos = sorted(PROTO_DIR.glob("*.proto"))
    outputs = [stubs / f"{p.stem}_pb2_grpc.py" for p in protos]
    newest = max(p.stat().st_mtime for p in protos)
    if not all(o.exists() and o.stat().st_mtime >= newest for o in outputs):
        import grpc_tools
        from grpc_tools import protoc
        well_known = Path(grpc_tools.__file__).parent / "_proto"
        stubs.mkdir(parents=True, exist_ok=True)
        log(f"generating stubs from {PROTO_DIR} into {stubs}")
        status = protoc.main(["grpc_tools.protoc", f"-I{PROTO_DIR}", f"-I{well_known}",
                              f"--python_out={stubs}", f"--grpc_python_out={stubs}",
                              *map(str, protos)])
        if status != 0:
            raise CallFailed(f"grpc_tools.protoc failed with status {status}")
    sys.path.insert(0, str(stubs))


# ---- the jnx client ----

class Jnx:
    """One channel to the device, logged in, with the Firewall stub."""

    def __init__(self, host, port):
        """Opens the channel (the connection is made by the first call)."""
        # The stubs are importable only once ensure_stubs has run.
        import jnx_authentication_service_pb2 as auth
        import jnx_authentication_service_pb2_grpc as auth_grpc
        import jnx_firewall_service_pb2 as fw
        import jnx_firewall_service_pb2_grpc as fw_grpc
        self.auth_pb, self.fw = auth, fw
        self.installed = []  # the filters added, to delete at the end
        target = f"[{host}]:{port}" if ":" in host and not host.startswith("[") else f"{host}:{port}"
        # The device is reached directly, as libjet does: no HTTP proxy.
        self.channel = grpc.insecure_channel(target, options=[("grpc.enable_http_proxy", 0)])
        self.auth = auth_grpc.AuthenticationStub(self.channel)
        self.firewall = fw_grpc.FirewallStub(self.channel)

    def call(self, method, request):
        """Calls `method` with the deadline; raises CallFailed on a gRPC error
        or an answer whose status is not SUCCESS or whose sub-code is not EOK."""
        try:
            reply = method(request, timeout=DEADLINE_S)
        except grpc.RpcError as e:
            raise CallFailed(f"{e.code().name}: {e.details()}") from e
        status = reply.status  # absent reads as SUCCESS (0), as in libjet
        sub_code = getattr(reply, "sub_code", 0)
        if status.code != 0 or sub_code != 0:
            raise CallFailed(f"refused (status {status.code}, sub-code {sub_code}): {status.message}")
        return reply

    def login(self, user, password):
        """jnx Authentication/Login with a unique client id, as libjet does."""
        client_id = f"grpcio-{os.getpid():x}-{time.time_ns() & 0xffffff:x}"
        self.call(self.auth.Login, self.auth_pb.LoginRequest(
            username=user, password=password, client_id=client_id, group_id=""))
        log(f"logged in as {user} (client {client_id})")

    def term(self, index, previous):
        """Term t<index>: destination port index+1, count c<index>, accept; after
        `previous` (the first term has no adjacency), as libjet's converter."""
        fw = self.fw
        return fw.FilterTerm(inet_term=fw.FilterInetTerm(
            term_name=f"t{index}",
            term_op=fw.TERM_OPERATION_ADD,
            adjacency=fw.FilterAdjacency(type=fw.TERM_AFTER, term_name=previous) if previous else None,
            matches=fw.FilterTermMatchInet(dst_ports=[
                fw.MatchPort(min=index + 1, max=index + 1, operation=fw.OP_EQUAL)]),
            actions=fw.FilterTermInetAction(
                actions_nt=fw.FilterTermInetNonTerminatingAction(
                    count=fw.ActionCounter(counter_name=f"c{index}")),
                action_t=fw.FilterTermInetTerminatingAction(accept=True)),
        ))

    def filter_add(self, name, terms):
        """FilterAdd of an inet classic filter of `terms` counting terms."""
        fw = self.fw
        terms_list = [self.term(i, f"t{i - 1}" if i else None) for i in range(terms)]
        self.call(self.firewall.FilterAdd, fw.FilterAddRequest(
            name=name, type=fw.TYPE_CLASSIC, family=fw.FAMILY_INET, flag=fw.FLAGS_NONE,
            terms_list=terms_list))
        self.installed.append(name)

    def counter_get(self, name, counter):
        """FilterCounterGet of one counter; returns its packet count."""
        request = self.fw.FilterCounterGetRequest(filter_name=name, counter_name=counter)
        return self.call(self.firewall.FilterCounterGet, request).packets

    def delete_installed(self):
        """FilterDelete of every filter added; returns whether all went."""
        deleted = True
        for name in self.installed:
            try:
                self.call(self.firewall.FilterDelete,
                          self.fw.FilterDeleteRequest(name=name, family=self.fw.FAMILY_INET))
            except CallFailed as e:
                log(f"deleting filter {name}: {e}")
                deleted = False
        self.installed.clear()
        return deleted


# ---- the cases ----

def cpu_seconds():
    """CPU time (user + system) of the whole process, grpcio's threads included."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def counter_get(jnx, name, calls, threads):
    """Adds a one-counter filter, then `calls` reads from `threads` threads."""
    jnx.filter_add(name, 1)
    shares = [calls // threads + (1 if i < calls % threads else 0) for i in range(threads)]
    latencies = [[] for _ in range(threads)]
    errors = [0] * threads
    start = threading.Barrier(threads + 1)

    def caller(index):
        """Makes this thread's share of the reads, timing each."""
        start.wait()
        for _ in range(shares[index]):
            before = time.perf_counter_ns()
            try:
                jnx.counter_get(name, "c0")
            except CallFailed as e:
                if not errors[index]:
                    log(f"counter read: {e}")
                errors[index] += 1
            latencies[index].append(time.perf_counter_ns() - before)

    workers = [threading.Thread(target=caller, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    start.wait()
    began = time.perf_counter_ns()
    cpu_before = cpu_seconds()
    for worker in workers:
        worker.join()
    seconds = (time.perf_counter_ns() - began) / 1e9
    cpu = cpu_seconds() - cpu_before
    result = {"calls": calls, "seconds": round(seconds, 6),
              "calls_per_s": round(calls / seconds, 1),
              **percentiles_us([ns for per_thread in latencies for ns in per_thread]),
              "errors": sum(errors),
              "cpu_us_per_call": round(cpu * 1e6 / calls, 2)}
    return result, result["errors"] == 0


def filter_terms(jnx, name, terms):
    """Adds a filter of `terms` counting terms (building the request counts),
    then reads every counter, one call each."""
    began = time.perf_counter_ns()
    jnx.filter_add(name, terms)
    added = time.perf_counter_ns()
    counters = 0
    for i in range(terms):
        try:
            jnx.counter_get(name, f"c{i}")
            counters += 1
        except CallFailed as e:
            log(f"counter c{i}: {e}")
    read = time.perf_counter_ns()
    result = {"terms": terms, "add_ms": round((added - began) / 1e6, 3),
              "counters_ms": round((read - added) / 1e6, 3), "counters": counters}
    return result, counters == terms


def run(args):
    """Logs in, runs the case and deletes the filter; prints the JSON object
    (an "error" member alone when nothing was measured) and returns the exit
    status."""
    try:
        ensure_stubs(args.stubs)
    except CallFailed as e:
        return fail(str(e))
    jnx = Jnx(args.host, args.port)
    name = f"bench-grpcio-{os.getpid()}"
    try:
        jnx.login(args.user, args.password)
        if args.case == "counter-get":
            result, complete = counter_get(jnx, name, args.calls, args.threads)
        else:
            result, complete = filter_terms(jnx, name, args.terms)
    except CallFailed as e:
        return fail(str(e))
    finally:
        deleted = jnx.delete_installed()
        jnx.channel.close()
    print(json.dumps(result), flush=True)
    return EXIT_DONE if complete and deleted else EXIT_FAILED


def fail(why):
    """Logs why the run failed, prints it as the JSON object, returns 1."""
    log(why)
    print(json.dumps({"error": why}), flush=True)
    return EXIT_FAILED


def main(argv):
    """Runs the client and returns its exit status."""
    return run(parse_args(argv))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""`jet sim`, the simulated Junos device the service-call benchmarks talk to.

It is started on free ports (port 0) with the benchmark's user and password,
and announces its ports on stdout: `jet sim: mqtt 127.0.0.1:P grpc 127.0.0.1:Q`.
"""

import re

from procs import Program

USER, PASSWORD = "jet", "jet123"
ANNOUNCEMENT = re.compile(r"^jet sim: mqtt (\S+):(\d+) grpc (\S+):(\d+)\s*$")


class JetSim:
    """A running `jet sim`, with the address of its gRPC server."""

    def __init__(self, jet, workdir):
        """Starts the simulator `jet` (the binary) and waits for its announcement."""
        self.user, self.password = USER, PASSWORD
        self.program = Program("jet sim", [jet, "sim", "--mqtt-port", "0", "--grpc-port", "0",
                                           "--user", USER, "--password", PASSWORD], workdir)
        line = self.program.wait_line(lambda l: ANNOUNCEMENT.match(l) is not None, 60,
                                      "its `jet sim: mqtt ... grpc ...` line")
        match = ANNOUNCEMENT.match(line)
        self.grpc_host, self.grpc_port = match.group(3), int(match.group(4))

    def check(self):
        """Fails when the simulator has exited."""
        if not self.program.running():
            raise self.program.failure("exited during the benchmark")

    def stop(self):
        """Ends the simulator."""
        self.program.stop()

"""The benchmarks' own Mosquitto: a generated config on a free loopback port.

The config lets the broker keep and forward everything (no queue or inflight
limit, QoS 0 queued for offline persistent sessions, no persistence file), so
that a subscriber that misses messages shows a real loss. `forget_session`
ends a persistent session after its drain; otherwise the broker would go on
queueing every later event for it.
"""

import socket
import struct
import time
from pathlib import Path

from procs import Program, ProgramFailed

MOSQUITTO = "/usr/sbin/mosquitto"
HOST = "127.0.0.1"
CONFIG = """\
listener {port} {host}
allow_anonymous true
persistence false
max_queued_messages 0
max_inflight_messages 0
queue_qos0_messages true
set_tcp_nodelay true
max_connections -1
"""


def free_port(host=HOST):
    """A TCP port on `host` that is free now (bound with port 0, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def wait_accepting(program, host, port, timeout=15):
    """Waits until `port` accepts TCP connections; fails if `program` exits first."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with socket.create_connection((host, port), timeout=1):
                return
        except OSError:
            pass
        if not program.running():
            raise program.failure(f"exited before accepting connections on {host}:{port}")
        if time.monotonic() > deadline:
            program.stop()
            raise program.failure(f"did not accept connections on {host}:{port} within {timeout} s")
        time.sleep(0.05)


def mqtt_string(text):
    """An MQTT UTF-8 string: two length bytes, then the bytes."""
    data = text.encode()
    return struct.pack("!H", len(data)) + data


def mqtt_packet(kind, body):
    """An MQTT packet: the first byte, the variable-length remaining length, the body."""
    length, encoded = len(body), bytearray()
    while True:
        digit, length = length % 128, length // 128
        encoded.append(digit | (0x80 if length else 0))
        if not length:
            return bytes([kind]) + bytes(encoded) + body


class Mosquitto:
    """A Mosquitto process with the benchmark config, accepting on `port`."""

    def __init__(self, workdir):
        """Writes the config into `workdir`, starts the broker and waits until it accepts."""
        self.host = HOST
        self.port = free_port()
        config = Path(workdir) / "mosquitto.conf"
        config.write_text(CONFIG.format(port=self.port, host=self.host))
        self.program = Program("mosquitto", [MOSQUITTO, "-c", config], workdir)
        wait_accepting(self.program, self.host, self.port)

    def check(self):
        """Fails when the broker has exited."""
        if not self.program.running():
            raise self.program.failure("exited during the benchmark")

    def wait_idle(self, quiet_s=0.2, timeout=30):
        """Waits until the broker has used no CPU time for `quiet_s` seconds
        (it may still be taking in the last publishes of a QoS 0 run)."""
        deadline = time.monotonic() + timeout
        last, quiet_since = self.program.cpu_seconds(), time.monotonic()
        while time.monotonic() - quiet_since < quiet_s:
            if time.monotonic() > deadline:
                raise self.program.failure(f"was still busy {timeout} s after the publisher ended")
            time.sleep(0.05)
            now = self.program.cpu_seconds()
            if now != last:
                last, quiet_since = now, time.monotonic()

    def forget_session(self, client_id):
        """Connects as `client_id` with clean_session=1 and disconnects, so that
        the broker drops that client's persistent session and its subscription."""
        connect = mqtt_packet(0x10, mqtt_string("MQTT") + bytes([4, 0x02]) + struct.pack("!H", 30)
                              + mqtt_string(client_id))
        with socket.create_connection((self.host, self.port), timeout=10) as s:
            s.sendall(connect)
            connack = b""
            while len(connack) < 4:
                chunk = s.recv(4 - len(connack))
                if not chunk:
                    break
                connack += chunk
            if len(connack) != 4 or connack[0] != 0x20 or connack[3] != 0:
                raise ProgramFailed(f"mosquitto refused the clean session of {client_id!r}: "
                                    f"CONNACK {connack.hex() or 'missing'}")
            s.sendall(mqtt_packet(0xE0, b""))

    def stop(self):
        """Ends the broker."""
        self.program.stop()

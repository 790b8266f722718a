"""Runs the benchmark programs of bench/README.md and holds them to its contract.

A program writes logs to stderr, may print the line `ready`, and ends with
exactly one JSON object on one line of stdout. `Program` starts one, collects
its stdout on a thread (so `ready` can be waited for while it runs), sends its
stderr to a file, and on `finish` checks the exit status and the JSON. Any
breach raises `ProgramFailed` with the command, the exit status, stdout and
the end of stderr, so that the driver can fail loudly. `stop_all` ends every
program still running (the driver calls it at exit, on error and on Ctrl-C).
"""

import itertools
import json
import os
import re
import shlex
import subprocess
import threading
import time
from pathlib import Path

EXIT_MEANINGS = {1: "a library or connection error", 2: "a usage error",
                 3: "it received fewer messages than --count"}
STDERR_LINES = 60  # how much of a failed program's stderr goes into the error

_running = set()
_numbers = itertools.count(1)


class ProgramFailed(Exception):
    """A program failed, broke the output contract, or lost messages."""


class Program:
    """One running program: its stdout lines, its `ready` line, its stderr file."""

    def __init__(self, name, argv, workdir):
        """Starts `argv`; `name` labels it in messages and names its stderr
        file in `workdir`."""
        self.name = name
        self.argv = [str(a) for a in argv]
        slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", name)
        self.stderr_path = Path(workdir) / f"{next(_numbers):03d}-{slug}.stderr"
        self.lines = []
        self._changed = threading.Condition()
        self._eof = False
        with open(self.stderr_path, "wb") as stderr:
            try:
                self.proc = subprocess.Popen(self.argv, stdin=subprocess.DEVNULL,
                                             stdout=subprocess.PIPE, stderr=stderr,
                                             text=True, bufsize=1)
            except OSError as error:
                raise ProgramFailed(f"{name} cannot start: {error}\n"
                                    f"  command: {shlex.join(self.argv)}") from None
        _running.add(self)
        self._reader = threading.Thread(target=self._read, name=f"stdout {name}", daemon=True)
        self._reader.start()

    def _read(self):
        """Collects stdout line by line until it closes."""
        for line in self.proc.stdout:
            with self._changed:
                self.lines.append(line.rstrip("\n"))
                self._changed.notify_all()
        with self._changed:
            self._eof = True
            self._changed.notify_all()

    def wait_line(self, matches, timeout, what):
        """Waits until a stdout line satisfies `matches` and returns it; fails
        when the program exits first or `timeout` seconds pass."""
        deadline = time.monotonic() + timeout
        seen = 0
        with self._changed:
            while True:
                for line in self.lines[seen:]:
                    if matches(line):
                        return line
                seen = len(self.lines)
                if self._eof:
                    break
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                self._changed.wait(min(left, 0.5))
        if self._eof:
            self.proc.wait()
            raise self.failure(f"exited before printing {what}")
        self.stop()
        raise self.failure(f"did not print {what} within {timeout:.0f} s")

    def wait_ready(self, timeout=60):
        """Waits for the subscriber's `ready` line."""
        self.wait_line(lambda line: line.strip() == "ready", timeout, "`ready`")

    def finish(self, timeout):
        """Waits for the exit and returns the final JSON object; fails unless
        the exit status is 0 and stdout is [`ready`] then one JSON line."""
        try:
            self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.stop()
            raise self.failure(f"did not finish within {timeout:.0f} s") from None
        self._reader.join()
        _running.discard(self)
        code = self.proc.returncode
        result, problem = self._result()
        if code != 0:
            meaning = EXIT_MEANINGS.get(code, "killed by a signal" if code < 0 else "failed")
            raise self.failure(f"exited with status {code} ({meaning})")
        if problem:
            raise self.failure(problem)
        return result

    def _result(self):
        """The final JSON object and what is wrong with stdout (None if nothing)."""
        lines = [line for line in self.lines if line.strip()]
        if not lines:
            return None, "printed no JSON result on stdout"
        extra = [line for line in lines[:-1] if line.strip() != "ready"]
        try:
            result = json.loads(lines[-1])
        except ValueError:
            return None, "the last line of stdout is not JSON"
        if not isinstance(result, dict):
            return None, "the JSON result is not an object"
        if extra:
            return result, "printed more than `ready` and one JSON line on stdout"
        return result, None

    def cpu_seconds(self):
        """The CPU time (user + system, all threads) the running program has
        used so far, from /proc/PID/stat, in seconds (1/CLK_TCK resolution)."""
        try:
            with open(f"/proc/{self.proc.pid}/stat") as stat:
                # The fields after the parenthesised command name; utime and
                # stime are fields 14 and 15 of the whole line.
                fields = stat.read().rpartition(")")[2].split()
        except OSError as error:
            raise self.failure(f"has no CPU time to read: {error}") from None
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def running(self):
        """Whether the program has not exited yet."""
        return self.proc.poll() is None

    def stop(self):
        """Ends the program (SIGTERM, then SIGKILL after 3 s) and reaps it."""
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(3)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        _running.discard(self)

    def stderr_tail(self, lines=STDERR_LINES):
        """The last `lines` lines of the program's stderr."""
        try:
            text = self.stderr_path.read_text(errors="replace").splitlines()
        except OSError:
            return []
        if len(text) > lines:
            return [f"[... {len(text) - lines} earlier lines in {self.stderr_path}]"] + text[-lines:]
        return text

    def failure(self, problem):
        """A ProgramFailed that shows `problem`, the command, stdout and stderr."""
        stdout = [line if len(line) <= 400 else line[:400] + " [...]" for line in self.lines[-10:]]
        parts = [f"{self.name} {problem}", f"  command: {shlex.join(self.argv)}"]
        parts += ["  stdout:"] + [f"    {line}" for line in stdout or ["(nothing)"]]
        parts += ["  stderr:"] + [f"    {line}" for line in self.stderr_tail() or ["(nothing)"]]
        return ProgramFailed("\n".join(parts))


def run(name, argv, workdir, timeout):
    """Runs a program to its end and returns its JSON result."""
    return Program(name, argv, workdir).finish(timeout)


def stop_all():
    """Ends every program that is still running, newest first."""
    for program in sorted(_running, key=lambda p: p.stderr_path.name, reverse=True):
        program.stop()

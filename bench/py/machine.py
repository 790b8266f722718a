"""The facts about the machine and the software a benchmark run used.

Every fact is best effort: one that cannot be read is None (and left out of
the report) rather than a reason to fail the run.
"""

import importlib.metadata
import os
import platform
import re
import subprocess
import tomllib


def first_match(path, pattern):
    """Group 1 of the first line of `path` that matches `pattern`, or None."""
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f:
                match = re.match(pattern, line)
                if match:
                    return match.group(1).strip()
    except OSError:
        pass
    return None


def command_output(argv):
    """The stdout and stderr of `argv`, whatever its exit status ("" if it cannot run)."""
    try:
        done = subprocess.run(argv, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return done.stdout + done.stderr


def version_in(text, pattern=r"(\d+(?:\.\d+)+)"):
    """The first version number in `text`, or None."""
    match = re.search(pattern, text)
    return match.group(1) if match else None


def memory():
    """MemTotal of /proc/meminfo in GiB, e.g. "23 GiB"."""
    kib = first_match("/proc/meminfo", r"MemTotal:\s+(\d+)\s+kB")
    return f"{round(int(kib) / 1024 ** 2)} GiB" if kib else None


def package_version(name):
    """The installed version of a Python distribution, or None."""
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None


def libjet_version(cargo_toml):
    """The package version in libjet's Cargo.toml."""
    try:
        with open(cargo_toml, "rb") as f:
            return tomllib.load(f)["package"]["version"]
    except (OSError, KeyError, tomllib.TOMLDecodeError):
        return None


def debian_version(package):
    """The upstream version of an installed Debian package (no epoch, no revision)."""
    text = command_output(["dpkg-query", "-W", "-f=${Version}", package]).strip()
    if not text or "no packages found" in text:
        return None
    return text.split(":", 1)[-1].rsplit("-", 1)[0]


def facts(cargo_toml, mosquitto):
    """The `machine` object of results.json."""
    mosquitto_help = command_output([mosquitto, "-h"]).splitlines()
    return {
        "cpu": first_match("/proc/cpuinfo", r"model name\s*:\s*(.*)"),
        "cores": os.cpu_count(),
        "memory": memory(),
        "os": first_match("/etc/os-release", r'PRETTY_NAME="?([^"\n]*)"?'),
        "kernel": platform.release(),
        "versions": {
            "libjet": libjet_version(cargo_toml),
            "mosquitto": version_in(mosquitto_help[0]) if mosquitto_help else None,
            "libmosquitto": debian_version("libmosquitto1"),
            "rustc": version_in(command_output(["rustc", "--version"])),
            "python": platform.python_version(),
            "paho-mqtt": package_version("paho-mqtt"),
            "grpcio": package_version("grpcio"),
            "go": version_in(command_output(["go", "version"])),
            "java": version_in(command_output(["java", "-version"])),
            "mono": version_in(command_output(["mono", "--version"])),
        },
    }

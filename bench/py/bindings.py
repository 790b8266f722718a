"""The language bindings that case 6 measures beside libjet's C programs.

Each binding has a twin of bench/c/jet_sub and bench/c/jet_calls with the
same command line and JSON output (bench/README.md). Its subscribers drain
through the binding's callback and through its pull call; its caller reads a
counter. Both are held to a fraction of the C callback's events/s and of the
C caller's calls/s: the binding's target.
"""

import dataclasses

C_SUBSCRIBER = "libjet-callback"  # the C callback the subscribers are compared with
C_CALLER = "libjet"               # the C caller (bench/c/jet_calls)


@dataclasses.dataclass(frozen=True)
class Binding:
    """One language binding in the benchmark."""
    key: str           # its directory under bench/, and its caller's name in the results
    title: str         # how the report names it
    target: float      # the least ratio to C it is held to
    subscribers: dict  # subscriber name -> jet_sub --mode (callback or pull)


BINDINGS = [
    Binding("go", "Go", 0.9, {"go-callback": "callback", "go-next": "pull"}),
    Binding("java", "Java", 0.9, {"java-listener": "callback", "java-poll": "pull"}),
    Binding("csharp", "C# on Mono", 0.8, {"csharp-callback": "callback", "csharp-next": "pull"}),
]


def subscribers():
    """Every binding's subscriber names, in order."""
    return [name for b in BINDINGS for name in b.subscribers]


def binding_of(name):
    """The Binding whose subscriber or caller `name` is, or None (a C program)."""
    return next((b for b in BINDINGS if name == b.key or name in b.subscribers), None)

"""Reads instruction counts out of callgrind output files.

`total_instructions` takes the `totals:` (or the older `summary:`) line of the
file. `inclusive_instructions` asks `callgrind_annotate --inclusive=yes` for
the inclusive cost of a function. callgrind_annotate lists a function once per
source file its inlined code came from, each line with the whole inclusive cost
of the calls made from there, so the lines overlap: the largest is the
function's cost (adding them up would count callees twice).
"""

import re
import subprocess

LINE = re.compile(r"^\s*([\d,]+)\s+\(\s*[\d.]+%\)\s+(.+?)(?:\s+\[[^\]]*\])?\s*$")


def total_instructions(path):
    """The total Ir of a callgrind output file."""
    totals = {}
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            for key in ("totals:", "summary:"):
                if line.startswith(key):
                    totals[key] = int(line.split()[1])
    for key in ("totals:", "summary:"):
        if key in totals:
            return totals[key]
    raise ValueError(f"{path}: no totals: or summary: line")


def inclusive_costs(path):
    """Function name → the largest inclusive Ir callgrind_annotate shows for it."""
    text = subprocess.run(["callgrind_annotate", "--inclusive=yes", "--threshold=100",
                           "--auto=no", str(path)],
                          check=True, capture_output=True, text=True).stdout
    costs = {}
    for line in text.splitlines():
        match = LINE.match(line)
        if not match or ":" not in match.group(2):
            continue  # headers and PROGRAM TOTALS
        function = match.group(2).split(":", 1)[1]
        cost = int(match.group(1).replace(",", ""))
        costs[function] = max(cost, costs.get(function, 0))
    return costs


def function_cost(costs, names):
    """The inclusive Ir and the name of the first of `names` found in `costs`.

    A name matches a function whose name contains it as a whole path (so
    `jet::event::Event::parse` matches `jet::event::Event::parse<String>` and
    its closures, but not `jet::event::Event::parse_error`); among several
    matches the largest wins, since the outer function includes the inner
    ones. Returns (None, None) when no name is found.
    """
    for name in names:
        pattern = re.compile(r"(?<![\w:])" + re.escape(name) + r"(?![\w])")
        found = [(cost, function) for function, cost in costs.items() if pattern.search(function)]
        if found:
            return max(found)[0], name
    return None, None

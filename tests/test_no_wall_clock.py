"""Meta-test (issue 13): no test passes or fails on how many seconds something took.

A wall-clock limit fails on a loaded machine (a 5 s limit failed at 7.4 s while other work ran). This
scans every file under tests/ for an `assert` that compares a clock reading (`time.perf_counter()`,
`time.time()`, `monotonic()`..., directly, through a variable, or through a helper function's return
value) against a number, and for Hypothesis deadlines. Guard growth with `scaling.growth` (a ratio of
two sizes) or `scaling.count_calls`; keep timings in benchmarks/. A generous time-out that only stops a
hang (a subprocess's `timeout=`) is not an assertion and is allowed, as is polling against a deadline.
"""
from __future__ import annotations

import ast
from pathlib import Path

import hypothesis
import pytest

TESTS = Path(__file__).resolve().parent
CLOCKS = {"perf_counter", "perf_counter_ns", "time", "time_ns", "monotonic", "monotonic_ns", "process_time",
          "process_time_ns", "thread_time", "thread_time_ns", "default_timer"}
"""Functions of `time` (and timeit's default_timer) that read a clock."""


class _Taint:
    """Which names and functions in one module carry a clock reading."""

    def __init__(self, tree: ast.Module) -> None:
        self.clock_names = {a.asname or a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)
                            and n.module in ("time", "timeit") for a in n.names if a.name in CLOCKS}
        self.names: set[str] = set()
        self.functions: set[str] = set()
        self._spread(tree)

    def carries(self, node: ast.AST) -> bool:
        """True when the expression reads a clock, a variable that holds a reading, or a timing helper."""
        for sub in ast.walk(node):
            if isinstance(sub, ast.Call):
                f = sub.func
                if isinstance(f, ast.Attribute) and f.attr in CLOCKS and isinstance(f.value, ast.Name) \
                        and f.value.id in ("time", "timeit"):
                    return True
                if isinstance(f, ast.Name) and (f.id in self.clock_names or f.id in self.functions):
                    return True
            if isinstance(sub, ast.Name) and isinstance(sub.ctx, ast.Load) and sub.id in self.names:
                return True
        return False

    def _spread(self, tree: ast.Module) -> None:
        """Assignments from a tainted value taint their targets; a function returning one is tainted."""
        changed = True
        while changed:
            changed = False
            for node in ast.walk(tree):
                if isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)) and node.value is not None \
                        and self.carries(node.value):
                    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                    for t in targets:
                        for name in ast.walk(t):
                            if isinstance(name, ast.Name) and name.id not in self.names:
                                self.names.add(name.id)
                                changed = True
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name not in self.functions \
                        and any(isinstance(r, ast.Return) and r.value is not None and self.carries(r.value)
                                for r in ast.walk(node)):
                    self.functions.add(node.name)
                    changed = True


def _has_number(node: ast.AST) -> bool:
    return any(isinstance(n, ast.Constant) and type(n.value) in (int, float) for n in ast.walk(node))


def wall_clock_asserts(source: str) -> list[int]:
    """Line numbers of asserts comparing a clock reading against a number, and of Hypothesis deadlines."""
    tree = ast.parse(source)
    taint = _Taint(tree)
    lines: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Assert):
            for cmp in (n for n in ast.walk(node.test) if isinstance(n, ast.Compare)):
                sides = [cmp.left, *cmp.comparators]
                if any(taint.carries(s) for s in sides) and any(_has_number(s) and not taint.carries(s)
                                                                 for s in sides):
                    lines.add(node.lineno)
        if isinstance(node, ast.Call) and any(
                k.arg == "deadline" and not (isinstance(k.value, ast.Constant) and k.value.value is None)
                for k in node.keywords):
            lines.add(node.lineno)
    return sorted(lines)


ASSERT, PERF = "assert", "time.perf_counter"
"""Spelled apart in the sources below so that they, as text, are not themselves a wall-clock assertion
(to this scan or to a reviewer's grep)."""

CASES = [
    # (why, source, lines flagged)
    ("direct limit", "import time\ndef test():\n    t = time.perf_counter()\n    f()\n"
                     f"    {ASSERT} {PERF}() - t < 5\n", [5]),
    ("through a variable", "import time\ndef test():\n    t0 = time.time()\n    f()\n    elapsed = time.time() - t0\n"
                           "    assert items and elapsed < 0.5, elapsed\n", [6]),
    ("through a helper's return", "import time\ndef _draw(d):\n    s = time.perf_counter()\n    r = render(d)\n"
                                  "    return time.perf_counter() - s, r\ndef test():\n    secs, texts = _draw(1)\n"
                                  "    assert secs < 5 and texts\n", [8]),
    ("imported under another name", "from time import monotonic as mono\ndef test():\n    t0 = mono()\n"
                                    "    assert 2.0 > mono() - t0\n", [4]),
    ("a Hypothesis deadline", "@settings(max_examples=5, deadline=200)\ndef test(x):\n    pass\n", [1]),
    ("the ratio helper", "from scaling import LINEAR_BOUND, growth\ndef test():\n    g = growth(run, 1000)\n"
                         "    assert g.ratio < LINEAR_BOUND, str(g)\n", []),
    ("counted operations", "def test(mp):\n    calls = count_calls(mp, G, ['targets'])\n"
                           "    assert sum(calls.values()) <= 5 * 4\n", []),
    ("polling against a deadline", "import time\ndef wait():\n    end = time.monotonic() + 30\n"
                                   "    while time.monotonic() < end:\n        poll()\n", []),
    ("no deadline", "@settings(max_examples=5, deadline=None)\ndef test(x):\n    pass\n", []),
    ("a hang guard", "import subprocess\ndef test():\n    p = subprocess.run(['dot'], timeout=90)\n"
                     "    assert p.returncode == 0\n", []),
    ("dates are not clocks", "import datetime as dt\ndef test():\n    assert (dt.date.today() - due).days < 5\n", []),
]


@pytest.mark.parametrize("why, source, flagged", CASES, ids=[c[0] for c in CASES])
def test_the_scan_finds_wall_clock_asserts(why: str, source: str, flagged: list[int]) -> None:
    assert wall_clock_asserts(source) == flagged


def test_no_test_file_asserts_a_wall_clock_limit() -> None:
    files = sorted(TESTS.rglob("*.py"))
    assert len(files) > 20 and Path(__file__) in files
    found = {str(p.relative_to(TESTS)): lines for p in files
             if (lines := wall_clock_asserts(p.read_text(encoding="utf-8")))}
    assert found == {}, ("asserts on wall-clock time (use scaling.growth or scaling.count_calls; timings go in "
                         f"benchmarks/): {found}")


def test_hypothesis_has_no_deadline() -> None:
    """Hypothesis fails an example slower than its deadline (200 ms unless told): on a loaded machine that
    is a wall-clock limit too, so tests/conftest.py loads a profile without one."""
    assert hypothesis.settings.default.deadline is None

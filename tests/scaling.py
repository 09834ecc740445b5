"""Complexity guards a loaded machine cannot fail: ratios of two sizes and counts of operations.

A test must not assert how many seconds something takes: on the shared 2-core machine the same run
takes two or three times longer while other work runs (issue 13: a 5 s limit failed at 7.4 s and
5.5 s). How work grows is a property of the code, not of the machine, so the guards here compare:

- `growth`: the same work at n and at FACTOR x n, in CPU seconds of this process (which other processes
  do not inflate), taking turns, best of k, the collector paused, the fixed cost (size 0) taken off.
  Linear work grows by about FACTOR, quadratic by about FACTOR squared; LINEAR_BOUND sits between.
  A quadratic part is caught once it is at least half the linear part at n: choose n accordingly.
- `count_calls`: how often methods ran, which does not vary at all. Prefer it where the work goes
  through functions a counter can wrap.

This module is the one place under tests/ that reads the clock (tests/test_no_wall_clock.py).
Timings in seconds belong in benchmarks/ (benchmarks/regressions.py measures what tests once timed).

Imported directly (`from scaling import ...`): tests/ is on sys.path under pytest's default import mode.
"""
from __future__ import annotations

import gc
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest

FACTOR = 4
"""The large size is FACTOR times the small one."""
LINEAR_BOUND = 8.0
"""Between linear growth (about FACTOR = 4) and quadratic (about FACTOR ** 2 = 16)."""


@dataclass(frozen=True)
class Growth:
    """Best CPU seconds at size 0, n and factor x n; `ratio` is what a test compares, the rest is for the
    message. The size-0 run is the fixed cost (imports, vocabulary, the rest of the document), taken off
    both sizes so that it does not hide how the size-dependent part grows."""

    n: int
    factor: int
    base_s: float
    small_s: float
    large_s: float

    @property
    def ratio(self) -> float:
        return max(self.large_s - self.base_s, 0.0) / max(self.small_s - self.base_s, 1e-6)

    def __str__(self) -> str:
        return (f"{self.base_s:.3f} s at 0, {self.small_s:.3f} s at n = {self.n:,}, {self.large_s:.3f} s at "
                f"{self.factor} x n: {self.ratio:.1f}x over the fixed cost (linear is about {self.factor}x, "
                f"quadratic {self.factor ** 2}x)")


def _timed(run: Callable[[int], Any], size: int) -> float:
    started = time.process_time()
    run(size)
    return time.process_time() - started


def growth(run: Callable[[int], Any], n: int, *, factor: int = FACTOR, repeats: int = 3) -> Growth:
    """Time `run(0)`, `run(n)` and `run(factor * n)` in turn, `repeats` times; keep the best of each.

    CPU time of this process, not wall time: other processes on the machine do not add to it. Taking
    turns puts what load remains (caches, memory bandwidth) on every size alike, and the best of several
    runs is the least disturbed. The collector is paused while timing (as the CLI runs): its passes grow
    with the heap and would make linear work look super-linear.
    """
    was_enabled = gc.isenabled()
    best = {0: float("inf"), n: float("inf"), factor * n: float("inf")}
    try:
        gc.collect()
        gc.disable()
        for _ in range(repeats):
            for size in best:
                best[size] = min(best[size], _timed(run, size))
    finally:
        if was_enabled:
            gc.enable()
    return Growth(n=n, factor=factor, base_s=best[0], small_s=best[n], large_s=best[factor * n])


def count_calls(monkeypatch: pytest.MonkeyPatch, owner: Any, names: Iterable[str]) -> Counter[str]:
    """Wrap `owner.<name>` for each name (plain functions or methods) so their work is counted.

    Each call counts one, and so does each item it returns (a list, dict, set or tuple) or yields (an
    iterator, counted as the caller consumes it): a single call that scans the whole graph costs as much
    as the scan. The Counter fills as the code under test runs; monkeypatch restores the originals.
    """
    calls: Counter[str] = Counter()
    for name in names:
        monkeypatch.setattr(owner, name, _counting(getattr(owner, name), name, calls))
    return calls


def _counting(original: Callable[..., Any], name: str, calls: Counter[str]) -> Callable[..., Any]:
    def counted(*args: Any, **kwargs: Any) -> Any:
        calls[name] += 1
        result = original(*args, **kwargs)
        if isinstance(result, (list, dict, set, frozenset, tuple)):
            calls[name] += len(result)
        elif isinstance(result, Iterator):
            return _counted_items(result, name, calls)
        return result

    return counted


def _counted_items(items: Iterator[Any], name: str, calls: Counter[str]) -> Iterator[Any]:
    for item in items:
        calls[name] += 1
        yield item

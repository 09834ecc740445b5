"""Pause the cyclic garbage collector while building large, acyclic results.

Answers, push plans and rows are trees of fresh objects without cycles, so the collector can free
none of them while they are being built; but each pass it makes meanwhile rescans whatever else is
young, and a freshly loaded programme is several hundred thousand objects. Up to 60% of a
15,000-item answer went on such passes. The collector resumes afterwards and sees the result once.
"""
from __future__ import annotations

import functools
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ParamSpec, TypeVar

_P = ParamSpec("_P")
_R = TypeVar("_R")


@contextmanager
def paused() -> Iterator[None]:
    """The collector off for the block, then back as it was (an outer pause is left to the outer)."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def collector_paused(fn: Callable[_P, _R]) -> Callable[_P, _R]:
    """`fn` run inside `paused()`."""
    @functools.wraps(fn)
    def run(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        with paused():
            return fn(*args, **kwargs)
    return run

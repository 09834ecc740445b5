"""Reading order of printed refs and names: '2' before '10', 'WS1P3' before 'WS1P10'.

Shared by the questions, the diagrams and the Cypher twins' post-processing; it lives in `model/` so that
none of them reaches into another's module for it.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

_NUM = re.compile(r"(\d+)")


def natural_key(text: str | None) -> tuple[Any, ...]:
    """Sort '2' before '10' and 'WS1P3' before 'WS1P10'.

    >>> sorted(["WS1P10", "ws1p3", "2", "10"], key=natural_key)
    ['2', '10', 'ws1p3', 'WS1P10']
    """
    return _natural_key(str(text or ""))


@lru_cache(maxsize=100_000)
def _natural_key(text: str) -> tuple[Any, ...]:  # sorting big results asks for the same keys often
    parts = _NUM.split(text.casefold())
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts)

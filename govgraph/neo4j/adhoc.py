"""Ad-hoc reads (`govgraph cypher`): parameters from the command line, rows as plain data."""
from __future__ import annotations

import json
import re
from typing import Any

from govgraph.errors import GovgraphError

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def parse_params(items: list[str]) -> dict[str, Any]:
    """`k=v` pairs: v as JSON when it parses (numbers, null, lists), else as text.

    >>> parse_params(["id=demo/action/1", "depth=2", "names=[\\"a\\"]"])
    {'id': 'demo/action/1', 'depth': 2, 'names': ['a']}
    """
    out: dict[str, Any] = {}
    for item in items:
        key, sep, raw = item.partition("=")
        if not sep or not _NAME.match(key):
            raise GovgraphError(f"--param {item!r} is not NAME=VALUE", hint="For example --param id=001/42.")
        try:
            out[key] = json.loads(raw)
        except json.JSONDecodeError:
            out[key] = raw
    return out


def plain(value: Any) -> Any:
    """Driver values (dates, spatial, temporal) as JSON-friendly data."""
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    return str(value)

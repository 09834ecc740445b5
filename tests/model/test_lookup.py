"""The graph's look-up by ref and whole name (issue 15, point 5): the maps answer what a scan answers."""
from __future__ import annotations

from typing import Any

import pytest

from govgraph.model.lookup import SCANS, NodeLookup, names_of, norm_ref, ref_key

RECORDS: dict[str, dict[str, Any]] = {
    "p/act/1": {"label": "Action", "ref": "1.", "name": "Action 1"},
    "q/act/1": {"label": "Action", "ref": 1, "name": "Action 1"},
    "b/scb": {"label": "Board", "name": "Safeguarding Board", "aliases": ["SCB", "safeguarding board"]},
    "r/dcs": {"label": "Role", "name": "Director", "title": "DCS", "short_name": "dcs"},
    "wp/x": {"label": "WorkPackage", "ref": " WS1P1WP1 ", "name": "WS1P1WP1"},
    "n/none": {"label": "Board", "name": ""},
}


def brute(key: str, what: str) -> list[str]:
    """What a scan finds: the reference for the maps."""
    if what == "ref":
        return [n for n, d in RECORDS.items() if ref_key(d) == norm_ref(key)]
    return [n for n, d in RECORDS.items() if any(x.casefold() == key.casefold() for x in names_of(d))]


@pytest.mark.parametrize("key, what", [("1", "ref"), ("1.", "ref"), ("ws1p1wp1", "ref"), ("2", "ref"),
                                       ("scb", "name"), ("SAFEGUARDING BOARD", "name"), ("dcs", "name"),
                                       ("action 1", "name"), ("", "name"), ("nobody", "name")])
def test_scan_and_map_agree(key: str, what: str) -> None:
    """The first asks scan, later ones use the map; both give the scan's ids, each once, in graph order."""
    lk = NodeLookup(RECORDS)
    ask = lk.with_ref if what == "ref" else lk.named
    answers = [ask(key) for _ in range(SCANS + 2)]
    assert lk._by_ref is not None or lk._by_name is not None  # the map was built on the way
    assert all(a == brute(key, what) for a in answers), answers


def test_labels_narrow_a_scan_only() -> None:
    lk = NodeLookup(RECORDS)
    assert lk.named("scb", ["Role"]) == []             # a scan reads the asked labels only
    assert lk.named("dcs", ["Role", "Board"]) == ["r/dcs"]


def test_norm_ref() -> None:
    assert norm_ref(" 17. ") == norm_ref("17") == "17"
    assert norm_ref("WS1P1WP1") == "ws1p1wp1"

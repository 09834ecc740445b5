"""Issue 14: a column whose header names no role is reported once and kept on each action under `extra`,
never dropped; text in a column with no header at all is still warned about cell by cell."""
from __future__ import annotations

from pathlib import Path

from govgraph.loaders import load_documents

FIXTURE = Path(__file__).parent / "fixtures" / "recognition3" / "extra_column.txt"


def test_unknown_column_is_kept_as_an_extra_field_and_reported() -> None:
    gg = load_documents([FIXTURE]).graph
    extras = {d["ref"]: d.get("extra") for _, d in gg.nodes("Action")}
    assert extras == {"1-1": {"Partner agencies": "Police; NHS trust"}, "2-1": None}
    reported = [w for w in gg.warnings if w["rule"] == "extra-column"]
    assert len(reported) == 1 and "'Partner agencies'" in reported[0]["message"] and reported[0]["source_line"] == 3


def test_known_columns_read_as_before() -> None:
    gg = load_documents([FIXTURE]).graph
    got = {d["ref"]: (d["rag"], d["due"]) for _, d in gg.nodes("Action")}
    assert got == {"1-1": ("AMBER", "2025-03-31"), "2-1": ("RED", "2025-06-30")}

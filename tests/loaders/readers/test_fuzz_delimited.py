"""Fuzz tests for the CSV/TSV reader (issue 17, 7): damaged or hostile delimited files never end in a traceback.

A small tracker is written with the csv module at test time; hypothesis flips its bytes, cuts it short,
splices quotes, delimiters and control bytes into it, puts hostile text (Rich markup, terminal sequences,
DOT, Cypher, formulas, 200,000-character fields) in cells and writes it in other encodings. Each must
load, or be refused with one GovgraphError naming the file (fuzzing.verdict).
"""
from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parent))
from fuzzing import FUZZ, HEADER, ROWS, TITLE, cell_text, cut, flip, flips, verdict  # noqa: E402


def build(cells: dict[tuple[int, int], str] | None = None, delimiter: str = ",") -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow([TITLE])
    for r, row in enumerate([HEADER, *ROWS]):
        writer.writerow([(cells or {}).get((r, c), text) for c, text in enumerate(row)])
    return out.getvalue()


VALID = build().encode("utf-8")


@pytest.mark.parametrize("delimiter", [",", ";", "\t", "|"])
def test_the_valid_tracker_loads(tmp_path: Path, delimiter: str) -> None:
    result = verdict(tmp_path / "plan.csv", build(delimiter=delimiter).encode("utf-8"))
    assert result is not None and result.reports[0].counts["actions"] == 3


@FUZZ
@given(spots=flips)
def test_bytes_flipped(tmp_path: Path, spots: list[tuple[int, int]]) -> None:
    verdict(tmp_path / "plan.csv", flip(VALID, spots))


@FUZZ
@given(at=st.integers(min_value=0))
def test_cut_short(tmp_path: Path, at: int) -> None:
    verdict(tmp_path / "plan.csv", cut(VALID, at))


@FUZZ
@given(spots=st.lists(st.tuples(st.integers(min_value=0), st.sampled_from(
    ['"', '""', ",", ";", "\t", "|", "\n", "\r", "\r\n", "\x00", "\x1b[2J", "sep=;\n", "\ufeff", "\u2028", '"\n"'])),
    min_size=1, max_size=10))
@example(spots=[(0, "sep=;\n")])
@example(spots=[(40, '"')])
def test_quotes_and_delimiters_spliced_in(tmp_path: Path, spots: list[tuple[int, str]]) -> None:
    text = list(VALID.decode("utf-8"))
    for pos, junk in spots:
        text.insert(pos % (len(text) + 1), junk)
    verdict(tmp_path / "plan.csv", "".join(text).encode("utf-8", "surrogatepass"))


@FUZZ
@given(cells=st.dictionaries(st.tuples(st.integers(0, len(ROWS)), st.integers(0, len(HEADER) - 1)),
                             st.one_of(cell_text, st.just("x" * 200_000)), min_size=1, max_size=4),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]))
def test_hostile_text_in_cells(tmp_path: Path, cells: dict[tuple[int, int], str], encoding: str) -> None:
    """A field longer than the csv module's limit (131,072) is read leniently or refused, never a crash."""
    verdict(tmp_path / "plan.csv", build(cells).encode(encoding, "replace"))

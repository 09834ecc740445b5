"""Fuzz tests for the PDF reader (issue 17, 7): damaged PDFs never end in a traceback.

A small ruled tracker is written by hand at test time (minipdf.py), and a real one made by LibreOffice is
read from the fixtures; hypothesis flips their bytes, cuts them short, splices operators and junk into
the page's content stream, and writes hostile text (Rich markup, DOT, Cypher) into cells. Each must load,
or be refused with one GovgraphError naming the file (fuzzing.verdict).
"""
from __future__ import annotations

import sys
from pathlib import Path

from hypothesis import example, given
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parent))
from fuzzing import FUZZ, HEADER, ROWS, TITLE, cell_text, cut, flip, flips, verdict  # noqa: E402
from minipdf import pdf, table, text_lines  # noqa: E402

REAL = (Path(__file__).parents[1] / "fixtures" / "pdf" / "ashcombe_tracker.pdf").read_bytes()
WIDTHS = [30, 110, 110, 80, 60, 40]


def page(rows: list[list[str]] | None = None) -> bytes:
    return text_lines([(40, 60, 12, TITLE)]) + b"\n" + table([HEADER, *(rows or ROWS)], WIDTHS, height=30)


VALID = pdf([page()])

OPERATORS = [b" q ", b" Q ", b" cm ", b" 1e308 0 0 1e308 0 0 cm ", b" BT ", b" ET ", b" Tj ", b" (x) Tj ", b" TJ ",
             b" [(a) -1e9 (b)] TJ ", b" /F9 12 Tf ", b" /F1 -0 Tf ", b" /F1 1e30 Tf ", b" re f ", b" 0 0 1e38 1e38 re f ",
             b" -1 -1 m 1e30 1e30 l S ", b" /Nope Do ", b" BI /W 9999999 /H 9999999 ID x EI ", b" 1 0 0 rg ",
             b" NaN ", b" ) ", b" ( ", b" << ", b" >> ", b" [ ", b" ] ", b"\x00", b"\xff\xfe", b" % "]
"""Content-stream operators out of place, with absurd numbers (huge matrices, fonts, images), unknown
resources and unbalanced delimiters."""


def test_the_valid_tracker_loads(tmp_path: Path) -> None:
    result = verdict(tmp_path / "plan.pdf", VALID)
    assert result is not None and result.reports[0].counts["actions"] == 3


@FUZZ
@given(spots=flips, real=st.booleans())
def test_bytes_flipped(tmp_path: Path, spots: list[tuple[int, int]], real: bool) -> None:
    verdict(tmp_path / "plan.pdf", flip(REAL if real else VALID, spots))


@FUZZ
@given(at=st.integers(min_value=0), real=st.booleans())
def test_cut_short(tmp_path: Path, at: int, real: bool) -> None:
    verdict(tmp_path / "plan.pdf", cut(REAL if real else VALID, at))


@FUZZ
@given(spots=st.lists(st.tuples(st.integers(min_value=0), st.sampled_from(OPERATORS)), min_size=1, max_size=8))
@example(spots=[(0, b" 1e308 0 0 1e308 0 0 cm ")])
@example(spots=[(0, b" /F1 1e30 Tf ")])
def test_operators_spliced_into_the_page(tmp_path: Path, spots: list[tuple[int, bytes]]) -> None:
    content = bytearray(page())
    for pos, junk in spots:
        p = pos % (len(content) + 1)
        content[p:p] = junk
    verdict(tmp_path / "plan.pdf", pdf([bytes(content)]))


@FUZZ
@given(cells=st.dictionaries(st.tuples(st.integers(0, len(ROWS) - 1), st.integers(0, len(HEADER) - 1)), cell_text,
                             min_size=1, max_size=4))
def test_hostile_text_in_cells(tmp_path: Path, cells: dict[tuple[int, int], str]) -> None:
    rows = [[cells.get((r, c), text) for c, text in enumerate(row)] for r, row in enumerate(ROWS)]
    verdict(tmp_path / "plan.pdf", pdf([page(rows)]))

"""Fuzz tests for the Word reader (issue 17, 7): damaged .docx files never end in a traceback.

A small tracker is written with python-docx at test time; hypothesis flips its bytes, cuts it short,
corrupts one of its parts (flipped, cut, dropped, emptied, 50,000 elements deep or wide, junk, huge
numbers, an XML entity bomb) or puts hostile text (Rich markup, terminal sequences, DOT, Cypher) in a
cell. Each must load, or be refused with one GovgraphError naming the file (fuzzing.verdict).
"""
from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parent))
from fuzzing import (  # noqa: E402
    FUZZ, HEADER, PART_DAMAGE, ROWS, TITLE, cell_text, cut, damage_part, flip, flips, members, read_member, rezip,
    stable, verdict, xml_text,
)


def build(cells: dict[tuple[int, int], str] | None = None) -> bytes:
    """The tracker as a .docx: a title, then a table of HEADER and ROWS; `cells` overrides (row, column)."""
    from docx import Document

    doc = Document()
    doc.add_heading(TITLE, level=1)
    rows = [HEADER, *ROWS]
    table = doc.add_table(rows=len(rows), cols=len(HEADER))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = (cells or {}).get((r, c), text)
    out = io.BytesIO()
    doc.save(out)
    return stable(out.getvalue())


VALID = build()
PARTS = [m for m in members(VALID) if m.endswith((".xml", ".rels"))]


def test_the_valid_tracker_loads(tmp_path: Path) -> None:
    result = verdict(tmp_path / "plan.docx", VALID)
    assert result is not None and result.reports[0].counts["actions"] == 3


@FUZZ
@given(spots=flips)
def test_bytes_flipped(tmp_path: Path, spots: list[tuple[int, int]]) -> None:
    verdict(tmp_path / "plan.docx", flip(VALID, spots))


@FUZZ
@given(at=st.integers(min_value=0))
def test_cut_short(tmp_path: Path, at: int) -> None:
    verdict(tmp_path / "plan.docx", cut(VALID, at))


@FUZZ
@given(part=st.sampled_from(PARTS), how=st.sampled_from(PART_DAMAGE), spots=flips, at=st.integers(min_value=0))
def test_a_part_damaged(tmp_path: Path, part: str, how: str, spots: list[tuple[int, int]], at: int) -> None:
    verdict(tmp_path / "plan.docx", rezip(VALID, {part: damage_part(read_member(VALID, part), how, spots, at)}))


@FUZZ
@given(cells=st.dictionaries(st.tuples(st.integers(1, len(ROWS)), st.integers(0, len(HEADER) - 1)),
                             cell_text.filter(lambda t: "\x00" not in t), min_size=1, max_size=4))
def test_hostile_text_in_cells(tmp_path: Path, cells: dict[tuple[int, int], str]) -> None:
    """Text python-docx would write: loads (a plan word in the Ref column may cost a row), never a crash."""
    try:
        data = build(cells)
    except ValueError:  # python-docx refuses characters XML cannot hold: injected at the XML level below
        return
    verdict(tmp_path / "plan.docx", data)


@FUZZ
@given(text=cell_text)
def test_any_characters_in_the_xml(tmp_path: Path, text: str) -> None:
    """Characters XML 1.0 forbids (NUL, ESC...) written straight into the body: refused, never a crash."""
    body = read_member(VALID, "word/document.xml").replace(b"Review caseloads", xml_text(text).encode("utf-8",
                                                                                                     "surrogatepass"))
    verdict(tmp_path / "plan.docx", rezip(VALID, {"word/document.xml": body}))


@pytest.mark.parametrize("how", PART_DAMAGE)
def test_every_damage_to_the_body(tmp_path: Path, how: str) -> None:
    """Each kind of damage at least once on word/document.xml, whatever hypothesis draws."""
    damaged = damage_part(read_member(VALID, "word/document.xml"), how, [(7, 0x3c), (99, 0xff)], 500)
    verdict(tmp_path / "plan.docx", rezip(VALID, {"word/document.xml": damaged}))

"""Fuzz tests for the Excel reader (issue 17, 7): damaged .xlsx files never end in a traceback.

A small tracker (a title merged over the table, a RAG fill, a hidden row) is written with openpyxl at test
time; hypothesis flips its bytes, cuts it short, corrupts one of its parts (see fuzzing.damage_part) or
puts hostile text in a cell. Each must load, or be refused with one GovgraphError naming the file.
Below them, the sheet-size bounds: a value or a merge far to the right stays bounded.
"""
from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from govgraph.errors import InputFileError
from govgraph.loaders.readers import read_document
from govgraph.loaders.readers.xlsx import MAX_SHEET_CELLS

sys.path.insert(0, str(Path(__file__).parent))
from fuzzing import (  # noqa: E402
    FUZZ, HEADER, PART_DAMAGE, ROWS, TITLE, cell_text, cut, damage_part, flip, flips, members, read_member, rezip,
    stable, verdict, xml_text,
)


def build(cells: dict[tuple[int, int], str] | None = None, rows: int = 0, extra: str = "") -> bytes:
    """The tracker as an .xlsx; `cells` overrides (row, column) of the table (0-based, header row 0), `rows`
    adds that many more actions, `extra` is a merge range or a cell given a stray value."""
    from openpyxl import Workbook
    from openpyxl.styles import PatternFill

    wb = Workbook()
    ws = wb.active
    ws.title = "Action Tracker"
    ws.append([TITLE])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    more = [[f"3.{i}", "Improve return home interviews.", f"Action {i}", "DCS", "31/03/2026", "Green"]
            for i in range(rows)]
    for r, row in enumerate([HEADER, *ROWS, *more]):
        ws.append([(cells or {}).get((r, c), text) for c, text in enumerate(row)])
    ws.cell(3, 6).fill = PatternFill("solid", fgColor="FFFF0000")
    ws.append(["9.9", "Hidden recommendation", "Hidden action", "DCS", "31/03/2025", "Red"])
    ws.row_dimensions[ws.max_row].hidden = True
    if ":" in extra:
        ws.merge_cells(extra)
    elif extra:
        ws[extra] = "stray"
    out = io.BytesIO()
    wb.save(out)
    return stable(out.getvalue())


VALID = build()
PARTS = [m for m in members(VALID) if m.endswith((".xml", ".rels"))]
SHEET = "xl/worksheets/sheet1.xml"


def test_the_valid_tracker_loads(tmp_path: Path) -> None:
    result = verdict(tmp_path / "plan.xlsx", VALID)
    assert result is not None and result.reports[0].counts["actions"] == 3


@FUZZ
@given(spots=flips)
@example(spots=[(2154, 0)])  # inside the sheet's deflate stream: zlib.error was a traceback
def test_bytes_flipped(tmp_path: Path, spots: list[tuple[int, int]]) -> None:
    verdict(tmp_path / "plan.xlsx", flip(VALID, spots))


@FUZZ
@given(at=st.integers(min_value=0))
def test_cut_short(tmp_path: Path, at: int) -> None:
    verdict(tmp_path / "plan.xlsx", cut(VALID, at))


@FUZZ
@given(part=st.sampled_from(PARTS), how=st.sampled_from(PART_DAMAGE), spots=flips, at=st.integers(min_value=0))
def test_a_part_damaged(tmp_path: Path, part: str, how: str, spots: list[tuple[int, int]], at: int) -> None:
    verdict(tmp_path / "plan.xlsx", rezip(VALID, {part: damage_part(read_member(VALID, part), how, spots, at)}))


@pytest.mark.parametrize("how", PART_DAMAGE)
@pytest.mark.parametrize("part", [SHEET, "xl/workbook.xml", "xl/styles.xml"])
def test_every_damage_to_the_main_parts(tmp_path: Path, part: str, how: str) -> None:
    damaged = damage_part(read_member(VALID, part), how, [(7, 0x3c), (99, 0xff)], 700)
    verdict(tmp_path / "plan.xlsx", rezip(VALID, {part: damaged}))


@FUZZ
@given(cells=st.dictionaries(st.tuples(st.integers(1, len(ROWS)), st.integers(0, len(HEADER) - 1)), cell_text,
                             min_size=1, max_size=4))
def test_hostile_text_in_cells(tmp_path: Path, cells: dict[tuple[int, int], str]) -> None:
    from openpyxl.utils.exceptions import IllegalCharacterError

    try:
        data = build(cells)
    except (IllegalCharacterError, ValueError):  # characters XML cannot hold: written into the XML below
        return
    verdict(tmp_path / "plan.xlsx", data)


@FUZZ
@given(text=cell_text)
def test_any_characters_in_the_xml(tmp_path: Path, text: str) -> None:
    body = read_member(VALID, SHEET).replace(b"Audit supervision", xml_text(text).encode("utf-8", "surrogatepass"))
    verdict(tmp_path / "plan.xlsx", rezip(VALID, {SHEET: body}))


# ---- sheet size: found by review while writing the fuzz tests ----------------------------------------
def test_a_title_merged_across_every_column_is_carried_only_over_the_sheet(tmp_path: Path) -> None:
    """A 53 KB workbook whose title was merged over all 16,384 columns, above 2,000 rows: every row was padded
    to 16,384 cells (MemoryError under a 1.5 GB cap; 11 s for 200 rows). Merges now stop at the sheet's last
    cell, so the rows are as wide as the table."""
    path = tmp_path / "plan.xlsx"
    path.write_bytes(build(rows=2_000, extra="A1:XFD1"))
    doc = read_document(path)
    assert {len(r.cells) for r in doc.rows()} == {len(HEADER)}
    assert doc.rows()[0].texts() == [TITLE] * len(HEADER)


def test_a_stray_value_far_to_the_right_is_refused_naming_the_sheet(tmp_path: Path) -> None:
    """A value at XFD1 over 2,000 rows would be 32 million cells: refused, saying where, before padding."""
    path = tmp_path / "plan.xlsx"
    path.write_bytes(build(rows=2_000, extra="XFD1"))
    with pytest.raises(InputFileError) as err:
        read_document(path)
    assert str(err.value).startswith(f"{path}: sheet 'Action Tracker': its text runs from column A to XFD over ")
    assert f"more than the {MAX_SHEET_CELLS:,} cells" in str(err.value) and "Ctrl+End" in err.value.user_message()


def test_a_stray_value_on_a_short_sheet_still_loads(tmp_path: Path) -> None:
    result = verdict(tmp_path / "plan.xlsx", build(extra="Z2"))
    assert result is not None and result.reports[0].counts["actions"] == 3

"""The Excel reader (issue 12): each spreadsheet quirk read into the neutral Document, bad files refused,
and a 200,000-row sheet read without holding more than its output.

Fixtures: tests/loaders/fixtures/sheets/make_sheets.py writes tracker.xlsx (a fictional council's tracker);
expected values are what that script put in the cells, looked up by the row's action number.
"""
from __future__ import annotations

import sys
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from govgraph.errors import InputFileError
from govgraph.loaders.document import Document, Paragraph, Row
from govgraph.loaders.readers import read_document
from govgraph.loaders.readers.xlsx import display, read
from govgraph.loaders.readers.xlsx_parts import scan_layout, workbook_sheets

SHEETS = Path(__file__).resolve().parents[1] / "fixtures" / "sheets"
sys.path.insert(0, str(SHEETS))
from big_sheet import write_big_xlsx  # noqa: E402

TRACKER = SHEETS / "tracker.xlsx"
HEADER = ["Rec", "Recommendation", "Action No", "Action", "Lead", "Due date", "RAG"]


@pytest.fixture(scope="module")
def doc() -> Document:
    return read(TRACKER)


def plan_rows(doc: Document) -> list[Row]:
    return [r for r in doc.rows() if r.table == 1]


def action(doc: Document, number: str) -> Row:
    """The plan row whose 'Action No' cell reads `number`."""
    (row,) = [r for r in plan_rows(doc) if r.cells[2].text == number]
    return row


def test_sheets_in_workbook_order_each_headed_by_its_name(doc: Document) -> None:
    heads = [(u.text, u.level) for u in doc.units if isinstance(u, Paragraph)]
    assert heads == [("Action Plan", 1), ("Notes", 1)]
    assert isinstance(doc.units[0], Paragraph)
    notes_at = next(i for i, u in enumerate(doc.units) if isinstance(u, Paragraph) and u.text == "Notes")
    assert all(isinstance(u, Row) and u.table == 2 for u in doc.units[notes_at + 1:])
    assert {r.table for r in doc.units[1:notes_at] if isinstance(r, Row)} == {1}


def test_ordinals_count_units_one_by_one(doc: Document) -> None:
    assert [u.loc.ordinal for u in doc.units] == list(range(1, len(doc.units) + 1))
    assert {u.loc.file for u in doc.units} == {"tracker.xlsx"}


def test_title_block_comes_out_as_rows_above_the_header(doc: Document) -> None:
    rows = plan_rows(doc)
    assert rows[0].cells[0].text.startswith("Oakhollow Borough Council")
    assert rows[1].texts()[0] == "Tracker as at 31 March 2025"
    assert rows[2].texts() == HEADER


@pytest.mark.parametrize("sheet, header, label", [
    (1, HEADER, "'Action Plan'!A4:G4"),  # the last frozen row (freeze panes at A5)
    (2, ["Date", "Note", "By"], "Notes!A3:C3"),  # the first row of an Excel table
])
def test_header_row_is_the_one_the_workbook_marks(doc: Document, sheet: int, header: list[str],
                                                   label: str) -> None:
    marked = [r for r in doc.rows() if r.table == sheet and r.header]
    assert [(r.texts(), r.loc.label) for r in marked] == [(header, label)]


def test_every_row_of_a_table_is_as_wide_as_the_text_of_its_sheet(doc: Document) -> None:
    # the white fill in H5 is neither a colour nor a column
    assert {len(r.cells) for r in plan_rows(doc)} == {7}
    assert {len(r.cells) for r in doc.rows() if r.table == 2} == {3}
    assert all(c.fill is None for r in plan_rows(doc) for c in r.cells[:6])


def test_merged_title_is_carried_across(doc: Document) -> None:
    title = plan_rows(doc)[0].cells
    assert [c.merged for c in title] == [False] + [True] * 6
    assert len({c.text for c in title}) == 1


@pytest.mark.parametrize("number, rec, recommendation", [
    ("1.1", "1", "Strengthen multi-agency safeguarding arrangements"),  # the merged cell itself
    ("1.2", "1", "Strengthen multi-agency safeguarding arrangements"),  # carried down
    ("1.10", "1", "Strengthen multi-agency safeguarding arrangements"),  # carried down
    ("2.2", "2", "Improve the quality of supervision"),  # carried down, the merge's last row
])
def test_merged_recommendation_is_carried_down(doc: Document, number: str, rec: str,
                                               recommendation: str) -> None:
    row = action(doc, number)
    assert row.texts()[:2] == [rec, recommendation]
    assert [c.merged for c in row.cells[:2]] == [number not in ("1.1", "2.1")] * 2
    assert not any(c.merged for c in row.cells[2:])


@pytest.mark.parametrize("number, fill", [
    ("1.1", "#FFC000"),  # amber, rgb
    ("1.2", "#00B050"),  # green, rgb
    ("1.10", "#FF0000"),  # red, rgb
    ("2.1", "#FF0000"),  # indexed colour 10
    ("2.2", "#C0504D"),  # theme colour 5 = accent2 in the workbook's theme1.xml
])
def test_colour_only_rag_cells_keep_their_fill(doc: Document, number: str, fill: str) -> None:
    rag = action(doc, number).cells[6]
    assert (rag.text, rag.fill) == ("", fill)


@pytest.mark.parametrize("number, due", [
    ("1.1", "2025-06-30"),  # a date
    ("1.2", "2025-09-30"),  # a datetime at midnight: the date only
    ("1.10", "2025-12-31 17:30"),  # a datetime with a time
    ("2.1", "2026-03-31"),
])
def test_real_dates_come_out_as_iso_text(doc: Document, number: str, due: str) -> None:
    assert action(doc, number).cells[5].text == due


def test_notes_sheet_dates_and_quotes(doc: Document) -> None:
    notes = [r.texts() for r in doc.rows() if r.table == 2]
    assert notes[-2:] == [["2025-04-14", "Threshold review started early", "Head of Early Help"],
                          ["2025-05-12", 'The board asked for "monthly" reports', "Chair"]]


def test_numbers_as_written_and_refs_stored_as_text_kept(doc: Document) -> None:
    numbers = [r.cells[2].text for r in plan_rows(doc)[3:]]
    assert numbers == ["1.1", "1.2", "1.10", "2.1", "2.2", ""]  # 1.10 was text; 2.0 in column A reads "2"
    assert action(doc, "2.1").cells[0].text == "2"
    assert plan_rows(doc)[-1].texts()[3] == "75%"


def test_cell_text_single_spaced_with_bullet_lines_as_items(doc: Document) -> None:
    assert action(doc, "2.1").cells[4].text == "Service Manager, Quality"
    train = action(doc, "1.2").cells[3]
    assert train.items == ["Train all social workers", "on the threshold", "on escalation"]
    assert train.text == "Train all social workers\non the threshold\non escalation"


def test_hidden_row_left_out_with_a_note(doc: Document) -> None:
    assert not any("Withdrawn" in t for r in doc.rows() for t in r.texts())
    (note,) = [(loc, msg) for loc, msg in doc.notes if "hidden row" in msg]
    assert note[0].label == "'Action Plan'!A8:F8"
    assert "Withdrawn: pilot a duty hub" in note[1]


def test_hidden_sheet_left_out_with_a_note(doc: Document) -> None:
    assert not any("Off track" in t for r in doc.rows() for t in r.texts())
    assert any("'Lookups' is hidden" in msg for _, msg in doc.notes)


def test_trailing_empty_rows_trimmed_and_labels_name_the_used_cells(doc: Document) -> None:
    labels = [r.loc.label for r in plan_rows(doc)]
    assert labels == ["'Action Plan'!A1:G1", "'Action Plan'!A2:A2", "'Action Plan'!A4:G4",
                      "'Action Plan'!A5:G5", "'Action Plan'!A6:G6", "'Action Plan'!A7:G7",
                      "'Action Plan'!A9:G9", "'Action Plan'!A10:G10", "'Action Plan'!A12:D12"]


def test_layout_scan_agrees_with_openpyxl_full_load() -> None:
    """The streaming pre-pass finds the merges and hidden rows openpyxl's normal mode finds."""
    from openpyxl import load_workbook

    wb = load_workbook(TRACKER)
    with zipfile.ZipFile(TRACKER) as zf:
        for sheet in workbook_sheets(zf):
            ws, lay = wb[sheet.title], scan_layout(zf, sheet.part)
            merges = {(m.min_row, m.min_col, m.max_row, m.max_col) for m in ws.merged_cells.ranges}
            assert set(lay.merges) == merges
            assert lay.hidden == {n for n, d in ws.row_dimensions.items() if d.hidden}
    assert sum(1 for _ in wb["Action Plan"].merged_cells.ranges) == 5


@pytest.mark.parametrize("title, ref", [
    ("Tracker", "Tracker"),
    ("Action Plan", "'Action Plan'"),  # a space
    ("O'Neill's plan", "'O''Neill''s plan'"),  # quotes doubled
    ("2025", "'2025'"),  # starts with a digit
    ("AB12", "'AB12'"),  # looks like a cell
    ("Plan_v2.1", "Plan_v2.1"),
])
def test_sheet_names_quoted_as_excel_does(tmp_path: Path, title: str, ref: str) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = title
    wb.active["B3"] = "Review"
    wb.save(tmp_path / "q.xlsx")
    assert read(tmp_path / "q.xlsx").rows()[0].loc.label == f"{ref}!B3:B3"


@pytest.mark.parametrize("value, fmt, shown", [
    (1, "General", "1"),
    (1.0, "General", "1"),
    (1.1, "General", "1.1"),
    (0.1 + 0.2, "General", "0.3"),  # 15 significant digits, as Excel keeps
    (1.1, "0.00", "1.10"),
    (1234.5, "#,##0", "1,235"),
    (0.75, "0%", "75%"),
    (0.755, "0.0%", "75.5%"),
    (True, "General", "TRUE"),
    ("1.10", "@", "1.10"),
])
def test_display_shows_numbers_as_their_format_does(value: object, fmt: str, shown: str) -> None:
    assert display(value, fmt) == shown


def _not_a_workbook_zip(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("hello.txt", "not a workbook")


def _broken_sheet_xml(path: Path) -> None:
    with zipfile.ZipFile(TRACKER) as src, zipfile.ZipFile(path, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            dst.writestr(info, data[:200] if info.filename == "xl/worksheets/sheet1.xml" else data)


@pytest.mark.parametrize("make, says", [
    (lambda p: p.write_bytes(b""), "is empty (0 bytes)"),
    (lambda p: p.write_bytes((SHEETS / "corrupt.xlsx").read_bytes()), "is not a readable Excel workbook"),
    (lambda p: p.write_bytes((SHEETS / "encrypted.xlsx").read_bytes()), "is password-protected"),
    (_not_a_workbook_zip, "is not a readable Excel workbook"),
    (_broken_sheet_xml, "is not a readable Excel workbook"),
    (lambda p: None, "file not found"),
])
def test_bad_files_raise_input_file_error_naming_the_file(tmp_path: Path, make, says: str) -> None:
    path = tmp_path / "plan.xlsx"
    make(path)
    with pytest.raises(InputFileError) as err:
        read(path)
    assert str(err.value).startswith(f"{path}: {says}")
    assert err.value.source_file == str(path)


def test_the_registry_reads_workbooks_with_this_reader() -> None:
    assert [r.texts() for r in read_document(TRACKER).rows()] == [r.texts() for r in read(TRACKER).rows()]


def test_200000_rows_read_in_bounded_memory(tmp_path: Path) -> None:
    """Beyond the Document it returns, the reader holds about a row: read-only openpyxl streams the cells,
    the layout pass builds no tree, rows go straight into the output (a normal-mode openpyxl load, or rows
    kept aside until the sheet's width is known, would hold the sheet a second time). One column keeps the
    test short; benchmarks/sheet_rows.py measures seven."""
    path = tmp_path / "big.xlsx"
    rows = 200_000
    write_big_xlsx(path, rows, columns=("Recommendation",))  # merged every ten rows
    tracemalloc.start()
    try:
        big = read(path)
        retained, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    got = big.rows()
    assert len(got) == rows + 1
    assert got[-1].loc.label == f"'Big Tracker'!A{rows + 1}:A{rows + 1}"
    assert [c.merged for r in got[1:12] for c in r.cells] == [False] + [True] * 9 + [False]
    assert {r.texts()[0] for r in got[1:]} == {"Improve the quality of practice"}
    assert peak - retained < 16 * 2**20, f"reader held {(peak - retained) / 2**20:.0f} MB beyond its output"

"""The CSV/TSV reader (issue 12): encodings, dialects, quoted newlines and quotes as Excel writes them.

Fixtures: tests/loaders/fixtures/sheets/make_sheets.py writes the same fictional tracker (CSV_ROWS) in four
encodings and dialects; every one must read back as those rows, at the lines they start on.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from govgraph.errors import InputFileError
from govgraph.loaders.document import Cell, Row
from govgraph.loaders.readers import reader_for
from govgraph.loaders.readers.delimited import read, sheet_cell, sniff_delimiter

SHEETS = Path(__file__).resolve().parents[1] / "fixtures" / "sheets"
sys.path.insert(0, str(SHEETS))
from make_sheets import CSV_ROWS, csv_text  # noqa: E402


def expected_rows() -> list[tuple[str, list[str]]]:
    """(label, cell texts) of the non-blank CSV_ROWS: a record starts one line after the last one's end."""
    out, line = [], 1
    for fields in CSV_ROWS:
        if any(fields):
            out.append((f"row {line}", [sheet_cell(f).text for f in fields]))
        line += 1 + sum(f.count("\n") for f in fields)
    return out


@pytest.mark.parametrize("name, fmt", [
    ("tracker_cp1252.csv", "csv"),  # cp1252: £, ’ and – are single bytes
    ("tracker_bom.csv", "csv"),  # UTF-8 with a BOM
    ("tracker_semicolon.csv", "csv"),  # ';' with commas inside the text
    ("tracker_utf16.tsv", "tsv"),  # Excel's "Unicode Text": UTF-16 with a BOM, tabs
])
def test_each_encoding_and_dialect_reads_back_the_same_rows(name: str, fmt: str) -> None:
    doc = read(SHEETS / name)
    assert doc.format == fmt
    assert [(r.loc.label, r.texts()) for r in doc.rows()] == expected_rows()
    assert [u.loc.ordinal for u in doc.units] == [int(r.loc.label.split()[1]) for r in doc.rows()]
    assert {r.table for r in doc.rows()} == {1}
    assert not doc.notes


def test_quoted_newlines_and_doubled_quotes_stay_in_one_cell() -> None:
    doc = read(SHEETS / "tracker_bom.csv")
    cell = next(r for r in doc.rows() if r.cells[0].text == "1.2").cells[2]
    assert cell.text == 'Publish a "you said, we did" report\nquarterly\nonline'
    assert cell.items == ['Publish a "you said, we did" report', "quarterly", "online"]


def test_rows_as_wide_as_the_widest_text_trailing_separators_dropped(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("Plan title,,,,\n\nRef,Action,,,\n1.1,Review,,,\n,,,,\n", encoding="utf-8")
    doc = read(path)
    assert [(r.loc.label, r.texts()) for r in doc.rows()] == [
        ("row 1", ["Plan title", ""]), ("row 3", ["Ref", "Action"]), ("row 4", ["1.1", "Review"])]


def test_excel_sep_line_sets_the_delimiter_and_counts_as_line_one(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("sep=;\r\nRef;Action, with comma\r\n1.1;Review\r\n", encoding="utf-8")
    assert [(r.loc.label, r.texts()) for r in read(path).rows()] == [
        ("row 2", ["Ref", "Action, with comma"]), ("row 3", ["1.1", "Review"])]


@pytest.mark.parametrize("text, suffix, delimiter", [
    ("Ref;Action;Lead\n1.1;Review, update, publish;Head of X\n1.2;Train;Heads of X, Y\n", ".csv", ";"),
    ('Ref,Action,Lead\n1.1,"Review; update",Head of X\n1.2,Train,Head of Y\n', ".csv", ","),
    ("Ref\tAction\n1.1\tReview, then publish; report\n", ".csv", "\t"),
    ("Ref|Action|Lead\n1.1|Review|Head of X\n", ".csv", "|"),
    ("Ref,Action\n1.1,Review\n", ".tsv", ","),  # a .tsv that holds commas: the content decides
    ("Just one column\nof text\n", ".csv", ","),
])
def test_delimiter_sniffed_from_the_records(text: str, suffix: str, delimiter: str) -> None:
    assert sniff_delimiter(text, prefer_tab=suffix == ".tsv") == delimiter


def test_unclosed_quote_read_leniently_with_a_note(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text('Ref,Action\n1.1,Review\n1.2,"Train staff\n1.3,Publish\n', encoding="utf-8")
    doc = read(path)
    assert [r.texts() for r in doc.rows()] == [["Ref", "Action"], ["1.1", "Review"],
                                               ["1.2", "Train staff\n1.3,Publish"]]
    ((loc, message),) = doc.notes
    assert (loc.label, message.split(" (")[0]) == ("row 3", "not well-formed CSV from here")


@pytest.mark.parametrize("content, says", [
    (b"", "is empty"),
    (b"\r\n , \r\n", "is empty"),
    (None, "file not found"),
])
def test_empty_or_missing_files_raise_input_file_error(tmp_path: Path, content: bytes | None, says: str) -> None:
    path = tmp_path / "plan.csv"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(InputFileError) as err:
        read(path)
    assert str(err.value).startswith(f"{path}: {says}")


@pytest.mark.parametrize("raw, text, items", [
    ("Head of  Housing\u00a0Services ", "Head of Housing Services", []),
    ("• Review\n• Publish", "Review\nPublish", ["Review", "Publish"]),
    ("Actions:\n- Review\n  the policy\n- Publish", "Actions:\nReview\nthe policy\nPublish",
     ["Actions:", "Review the policy", "Publish"]),  # a lead-in is an item; an unmarked line runs on
    ("1. Review\n2) Publish\n(c) Report", "Review\nPublish\nReport", ["Review", "Publish", "Report"]),
    ("- one dash line\nand more", "- one dash line\nand more", []),  # one marker is not a list
    ("31.03.2026\n1.1", "31.03.2026\n1.1", []),  # no space after the dot: not a marker
    ("Line one\r\n\r\nLine two", "Line one\nLine two", []),
])
def test_sheet_cell_lines_spaces_and_lists(raw: str, text: str, items: list[str]) -> None:
    assert sheet_cell(raw) == Cell(text, items=items)


@pytest.mark.parametrize("name", ["tracker_cp1252.csv", "tracker_utf16.tsv"])
def test_the_registry_reads_csv_and_tsv_with_this_reader(name: str) -> None:
    spec = reader_for(SHEETS / name)
    assert spec.module == "delimited"
    assert all(isinstance(u, Row) for u in spec.read(SHEETS / name).units)


def test_fixture_files_are_what_the_script_writes() -> None:
    """The committed CSV fixtures match make_sheets.py (rerun it after changing it)."""
    assert (SHEETS / "tracker_bom.csv").read_bytes() == b"\xef\xbb\xbf" + csv_text(CSV_ROWS, ",").encode()
    assert (SHEETS / "tracker_semicolon.csv").read_bytes() == csv_text(CSV_ROWS, ";").encode("cp1252")

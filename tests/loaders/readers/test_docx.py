"""The Word reader (issue 12): each Word construct read into the neutral Document, and bad files refused.

Fixtures are built by scripts/make_fixtures.py (fictional councils); word_quirks.docx holds each construct
once, the others are whole plans. Expected values come from the fixture's own text (expected.json), never
from what the reader printed.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from govgraph.errors import InputFileError
from govgraph.loaders.document import Break, Document, Paragraph, Row
from govgraph.loaders.readers import read_document
from govgraph.loaders.readers.docx import read

ROOT = Path(__file__).resolve().parents[3]
FORMATS = ROOT / "tests" / "loaders" / "fixtures" / "formats"
QUIRKS = FORMATS / "word_quirks.docx"
EXPECTED = json.loads((FORMATS / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def quirks() -> Document:
    return read(QUIRKS)


def table(doc: Document, n: int) -> list[Row]:
    return [r for r in doc.rows() if r.table == n]


def column(rows: list[Row], name: str) -> list[str]:
    """The texts of one column below the header, by the header's name."""
    i = rows[0].texts().index(name)
    return [r.cells[i].text for r in rows[1:]]


# ---- paragraphs -----------------------------------------------------------------------------------
@pytest.mark.parametrize("text, level", [
    ("Quirkton Council Plan", 1),        # Title style
    ("Theme A", 2),                      # Heading 2
    ("Recommendation 1", 1),             # a custom style based on Heading 1
    ("Outline level three", 3),          # outline level 2 set on a Normal paragraph (0-based)
    ("First line second line", 0),       # a soft line break and a run of spaces, single-spaced
    ("Kept inserted", 0),                # tracked deletion left out, tracked insertion kept
    ("Inside a content control", 0),     # a paragraph wrapped in w:sdt
])
def test_paragraph_text_and_heading_level(quirks: Document, text: str, level: int) -> None:
    found = [p for p in quirks.paragraphs() if p.text == text]
    assert [p.level for p in found] == [level]


def test_empty_paragraphs_and_running_heads_are_not_units(quirks: Document) -> None:
    texts = [p.text for p in quirks.paragraphs()] + [c.text for r in quirks.rows() for c in r.cells]
    assert all(p.text.strip() for p in quirks.paragraphs())
    assert not [t for t in texts if "RUNNING HEAD" in t or re.search(r"Page \d", t)]


def test_units_follow_document_order(quirks: Document) -> None:
    kinds = [(type(u).__name__, getattr(u, "table", 0)) for u in quirks.units]
    last_para = next(i for i, u in enumerate(quirks.units)
                     if isinstance(u, Paragraph) and u.text == "Inside a content control")
    assert kinds[last_para + 1] == ("Row", 1)
    i_before = next(i for i, u in enumerate(quirks.units) if getattr(u, "text", "") == "Before the break")
    assert [type(u) for u in quirks.units[i_before:i_before + 3]] == [Paragraph, Break, Paragraph]
    assert quirks.units[i_before + 2].text == "After the break"  # type: ignore[union-attr]
    assert kinds[i_before + 3] == ("Row", 2)


def test_locations_are_ordinals_and_word_labels(quirks: Document) -> None:
    ordinals = [u.loc.ordinal for u in quirks.units]
    assert ordinals == list(range(1, len(ordinals) + 1))
    assert {u.loc.file for u in quirks.units} == {"word_quirks.docx"}
    paras = quirks.paragraphs()
    assert [p.loc.label for p in paras] == [f"paragraph {i}" for i in range(1, len(paras) + 1)]
    assert [r.loc.label for r in table(quirks, 2)] == ["table 2, row 1", "table 2, row 2"]


# ---- tables ---------------------------------------------------------------------------------------
def test_every_row_has_one_cell_per_grid_column(quirks: Document) -> None:
    for n in (1, 2):
        widths = {len(r.cells) for r in table(quirks, n)}
        assert widths == {len(table(quirks, n)[0].cells)}


def test_repeated_header_row_is_marked(quirks: Document) -> None:
    assert [r.header for r in table(quirks, 1)] == [True, False, False, False, False]
    assert table(quirks, 1)[0].texts() == ["No.", "Action", "Lead", "RAG", "Notes"]


def test_horizontal_span_repeats_across(quirks: Document) -> None:
    theme = table(quirks, 1)[1]
    assert theme.texts() == ["Theme A: spans every column"] * 5
    assert [c.merged for c in theme.cells] == [False, True, True, True, True]


def test_vertical_merge_carries_down(quirks: Document) -> None:
    rows = table(quirks, 1)[2:]
    assert [r.cells[2].text for r in rows] == ["Merged lead"] * 3
    assert [r.cells[2].merged for r in rows] == [False, True, True]


def test_automatic_numbers_are_written_out(quirks: Document) -> None:
    """Word's list numbering is not in the paragraph's text; an empty numbered cell shows '1.'."""
    assert column(table(quirks, 1), "No.")[1:] == ["1.", "2.", "3."]


@pytest.mark.parametrize("row, text, items", [
    (2, "Two items:\nFirst item\nSecond item", ["First item", "Second item"]),  # List Bullet style
    (3, "• Glyph item one\n• Glyph item two", ["Glyph item one", "Glyph item two"]),  # typed bullets
    (4, "Paragraph shading", []),
])
def test_cell_paragraphs_and_list_items(quirks: Document, row: int, text: str, items: list[str]) -> None:
    cell = table(quirks, 1)[row].cells[4]
    assert (cell.text, cell.items) == (text, items)


@pytest.mark.parametrize("row, col, fill", [
    (2, 3, "#FFC000"),   # shd fill written lower-case
    (3, 3, None),        # fill="auto"
    (4, 3, None),        # white
    (4, 4, "#92D050"),   # shading on the cell's paragraph, not the cell
    (2, 1, None),        # no shading
])
def test_cell_fill(quirks: Document, row: int, col: int, fill: str | None) -> None:
    assert table(quirks, 1)[row].cells[col].fill == fill


def test_nested_table_is_flattened_into_its_cell_with_a_note(quirks: Document) -> None:
    row = table(quirks, 1)[4]
    assert row.cells[1].text == "Action C\nMilestone; Date\nPilot; May 2025"
    assert [(loc, "nested" in msg) for loc, msg in quirks.notes] == [(row.loc, True)]


# ---- whole plans ----------------------------------------------------------------------------------
def test_tracker_rows_match_the_fixture_text() -> None:
    doc = read(FORMATS / "fernhallow_tracker.docx")
    rows = doc.rows()
    want = EXPECTED["fernhallow_tracker"]
    assert [r.header for r in rows] == [True] + [False] * len(want)
    assert column(rows, "No.") == [a["number"] for a in want]
    assert column(rows, "Lead") == [" / ".join(a["leads"]) for a in want]
    assert column(rows, "By when") == [a["due"] for a in want]
    rec = rows[0].texts().index("Recommendation")
    heads = [r.cells[rec] for r in rows[1:]]
    assert [c.text.split(":")[0] for c in heads] == [f"Recommendation {a['recommendation']}" for a in want]
    assert [not c.merged for c in heads] == [i == 0 or want[i - 1]["recommendation"] != a["recommendation"]
                                             for i, a in enumerate(want)]


def test_tracker_colour_only_rag_cells_keep_their_fill() -> None:
    rows = read(FORMATS / "fernhallow_tracker.docx").rows()
    rag = rows[0].texts().index("RAG")
    want = EXPECTED["fernhallow_tracker"]
    colour_only = [(r.cells[rag].text, r.cells[rag].fill is not None) for r, a in zip(rows[1:], want)
                   if a["rag_from"] == "colour only"]
    assert colour_only and all(c == ("", True) for c in colour_only)
    assert all(re.fullmatch(r"#[0-9A-F]{6}", r.cells[rag].fill or "#000000") for r in rows)


def test_tracker_bullets_in_progress_cells() -> None:
    rows = read(FORMATS / "fernhallow_tracker.docx").rows()
    progress = rows[0].texts().index("Progress")
    listed = [r.cells[progress] for r in rows if r.cells[progress].items]
    assert len(listed) == 7
    assert all(c.text == "\n".join(c.items) for c in listed)


def test_narrative_heading_then_its_table_numbered_again_from_one() -> None:
    doc = read(FORMATS / "coldwater_narrative.docx")
    per_rec: dict[str, list[str]] = {}
    heading = ""
    for unit in doc.units:
        if isinstance(unit, Paragraph) and unit.level == 1 and unit.text.startswith("Recommendation"):
            heading = unit.text
        elif isinstance(unit, Row) and not unit.header:
            per_rec.setdefault(heading, []).append(unit.cells[0].text.split(" ")[0])
    assert list(per_rec) == ["Recommendation 1 – for immediate improvement", "Recommendation 2",
                             "Recommendation 3"]
    assert list(per_rec.values()) == [["1.", "2.", "3."], ["1.", "2.", "3."], ["1.", "2."]]
    leads = [" / ".join(a["leads"]) for a in EXPECTED["coldwater_narrative"]]
    assert [r.cells[2].text for r in doc.rows() if not r.header] == leads


def test_northmoor_docx_keeps_the_text_of_the_txt() -> None:
    """The bundled NSCB plan as Word: the prose lines and every table cell of the .txt, page furniture gone."""
    txt = (ROOT / "examples/northmoor/northmoor_nscb_plan_2025.txt").read_text(encoding="utf-8").splitlines()
    doc = read(ROOT / "examples/northmoor/formats/northmoor_nscb_plan_2025.docx")
    prose = [ln.strip() for ln in txt if ln.strip() and "\t" not in ln and not ln.startswith("Page **")]
    assert [p.text for p in doc.paragraphs()] == prose
    by_number = {r.cells[0].text: r.texts() for r in doc.rows()}
    txt_rows = [ln.split("\t") for ln in txt if "\t" in ln and ln.split("\t")[0].strip()]
    assert len(doc.rows()) == len(txt_rows) + 1  # one header row, marked, not repeated
    for cells in txt_rows:
        # startswith: a row the .txt split over its page break is whole in Word
        assert all(got.startswith(want) for got, want in zip(by_number[cells[0]], cells)), cells[0]


def test_registry_sends_word_files_here() -> None:
    assert read_document(QUIRKS).format == "Word"


# ---- bad files ------------------------------------------------------------------------------------
def _rewrite(src: Path, dst: Path, change: dict[str, bytes | None]) -> None:
    """Copy a .docx, replacing (or, with None, leaving out) the named members."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for info in zin.infolist():
            data = change.get(info.filename, zin.read(info.filename))
            if data is not None:
                zout.writestr(info.filename, data)


def _xml(name: str) -> bytes:
    with zipfile.ZipFile(QUIRKS) as z:
        return z.read(name)


def _make(kind: str, path: Path) -> None:
    raw = QUIRKS.read_bytes()
    ct = "[Content_Types].xml"
    if kind == "zero bytes":
        path.write_bytes(b"")
    elif kind == "truncated":
        path.write_bytes(raw[: len(raw) // 2])
    elif kind == "password-protected":  # an encrypted OOXML file is an OLE2 compound file
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504)
    elif kind == "zip of something else":
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("notes/readme.txt", "not a Word document")
    elif kind == "broken XML":
        _rewrite(QUIRKS, path, {"word/document.xml": _xml("word/document.xml")[:3000]})
    elif kind == "spreadsheet content type":
        _rewrite(QUIRKS, path, {ct: _xml(ct).replace(b"wordprocessingml.document.main", b"spreadsheetml.sheet.main")})
    elif kind == "no body":
        _rewrite(QUIRKS, path, {"word/document.xml": re.sub(rb"<w:body>.*</w:body>", b"",
                                                            _xml("word/document.xml"), flags=re.S)})
    elif kind == "no content types":
        _rewrite(QUIRKS, path, {ct: None})


@pytest.mark.parametrize("kind, message", [
    ("zero bytes", "is empty (0 bytes)"),
    ("truncated", "is damaged or not a Word document (it is not a complete ZIP package)"),
    ("password-protected", "is password-protected or a legacy Word file (.doc)"),
    ("zip of something else", "is a ZIP archive but not a Word document (it holds no word/document.xml)"),
    ("broken XML", "is not a readable Word document ("),
    ("spreadsheet content type", "is a ZIP package but not a Word document (its main part is application/"),
    ("no body", "is not a readable Word document (it has no document body)"),
    ("no content types", "is not a readable Word document ("),
])
def test_bad_files_are_refused_with_one_message(tmp_path: Path, kind: str, message: str) -> None:
    path = tmp_path / "plan.docx"
    _make(kind, path)
    with pytest.raises(InputFileError) as err:
        read(path)
    assert err.value.source_file == str(path)
    assert str(err.value).startswith(f"{path}: {message}")
    assert err.value.__cause__ is None and err.value.hint


def test_macro_enabled_document_reads_as_word(tmp_path: Path) -> None:
    path = tmp_path / "plan.docm"
    ct = "[Content_Types].xml"
    _rewrite(QUIRKS, path, {ct: _xml(ct).replace(
        b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
        b"application/vnd.ms-word.document.macroEnabled.main+xml")})
    assert b"macroEnabled" in zipfile.ZipFile(path).read(ct)
    docm, docx = read(path), read(QUIRKS)
    assert [(type(u), getattr(u, "text", None), getattr(u, "cells", None)) for u in docm.units] == \
           [(type(u), getattr(u, "text", None), getattr(u, "cells", None)) for u in docx.units]


def test_python_docx_is_imported_only_when_reading() -> None:
    code = ("import sys, govgraph.loaders.readers.docx as m; "
            "print(sorted(k for k in sys.modules if k.split('.')[0] in ('docx', 'lxml')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def _first_cell_props(tmp_path: Path, props: bytes) -> Document:
    """The quirks file with `props` added to the first cell of its first table (the header's 'No.')."""
    path = tmp_path / "odd.docx"
    body = _xml("word/document.xml")
    i = body.index(b"<w:tc>")
    j = body.index(b"<w:tcPr>", i) + len(b"<w:tcPr>")
    _rewrite(QUIRKS, path, {"word/document.xml": body[:j] + props + body[j:]})
    return read(path)


def test_merge_continued_from_nothing_keeps_the_text_and_says_so(tmp_path: Path) -> None:
    doc = _first_cell_props(tmp_path, b"<w:vMerge/>")
    header = table(doc, 1)[0]
    assert header.cells[0].text == "No." and not header.cells[0].merged
    assert [(loc.label, "no cell above" in msg) for loc, msg in doc.notes][0] == ("table 1, row 1", True)


def test_absurd_span_is_held_to_words_column_limit(tmp_path: Path) -> None:
    doc = _first_cell_props(tmp_path, b'<w:gridSpan w:val="4000000000"/>')
    assert {len(r.cells) for r in table(doc, 1)} == {63 + 4}  # the span, then the header's other 4 cells

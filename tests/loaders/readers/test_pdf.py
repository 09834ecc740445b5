"""The PDF reader (issue 12): each quirk of a published PDF read into the neutral Document, bad files refused.

Fixtures are Word files turned into PDF by LibreOffice, made by tests/loaders/fixtures/pdf/make_pdfs.py
(fictional councils); expected values come from that script's own data, never from what the reader printed.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from govgraph.errors import InputFileError
from govgraph.loaders.document import Break, Document, Paragraph, Row
from govgraph.loaders.readers import read_document
from govgraph.loaders.readers.pdf import PAGE_NUMBER, _Assembler, _Page, continuation, read
from govgraph.loaders.readers.pdf_layout import (
    Line, RawCell, RawRow, RawTable, Word, heading_levels, join_lines, to_cell, unruled_tables,
)

ROOT = Path(__file__).resolve().parents[3]
PDFS = ROOT / "tests" / "loaders" / "fixtures" / "pdf"
sys.path.insert(0, str(PDFS))
import make_pdfs as source  # noqa: E402  (the fixtures' own data)

HEADER = ["Ref", "Action", "Lead", "Due date", "RAG"]
FILLS = {letter: f"#{hex_}" for letter, hex_ in source.RAG_FILLS.items()}


@pytest.fixture(scope="module")
def tracker() -> Document:
    return read(PDFS / "ashcombe_tracker.pdf")


@pytest.fixture(scope="module")
def narrative() -> Document:
    return read(PDFS / "brackley_narrative.pdf")


def body(doc: Document) -> list[Row]:
    return [r for r in doc.rows() if not r.header]


# ---- the ruled tracker: a table across a page break ----------------------------------------------------

def test_every_row_reads_as_written(tracker: Document) -> None:
    """Ref, action, lead and due date of every row, with dates and words the narrow columns broke mended
    ('30/06/202' + '5', 'Safeguardin' + 'g', 'Performanc' + 'e Lead')."""
    got = [r.texts()[:4] for r in body(tracker)]
    want = [[ref, "\n".join([action, *(f"• {item}" for item in items)]), lead, due]
            for ref, action, lead, due, _, items in source.tracker_rows()]
    assert got == want


def test_one_table_through_the_page_break(tracker: Document) -> None:
    assert {r.table for r in tracker.rows()} == {1}
    assert all(len(r.cells) == len(HEADER) for r in tracker.rows())


def test_repeated_header_row_is_marked(tracker: Document) -> None:
    headers = [r for r in tracker.rows() if r.header]
    assert [r.texts() for r in headers] == [HEADER, HEADER]
    assert [r.loc.label for r in headers] == ["page 1, table 1, row 1", "page 2, table 1, row 1"]


def test_row_split_by_the_break_is_one_row(tracker: Document) -> None:
    """Row 2.1 starts one line above the break: its date and lead are broken across the pages."""
    split = [r for r in body(tracker) if r.texts()[0] == "2.1"]
    assert len(split) == 1
    ref, action, lead, due, rag = split[0].texts()
    assert (action, lead, due) == (source.SPLIT_ACTION, "Safeguarding", source.SPLIT_DATE)
    assert split[0].loc.label == "pages 1-2, table 1, row 15"
    assert split[0].cells[4].fill == FILLS["A"]
    assert all(r.texts()[0] for r in body(tracker)), "no continuation fragment left as a row of its own"


def test_page_furniture_is_one_break_per_boundary(tracker: Document) -> None:
    breaks = [u for u in tracker.units if isinstance(u, Break)]
    assert [b.loc.label for b in breaks] == ["page 1", "pages 1-2", "page 2"]
    assert breaks[1].text == f"Page 1 of 2 | {source.HEAD}"
    texts = [p.text for p in tracker.paragraphs()]
    assert not any("Page " in t or source.HEAD in t for t in texts)
    at = tracker.units.index(breaks[1])
    assert tracker.units[at - 1].texts()[0] == "2.1"  # type: ignore[union-attr]  # the merged row, then the break


def test_shaded_status_cells_give_their_fill(tracker: Document) -> None:
    got = [(r.cells[4].text, r.cells[4].fill) for r in body(tracker)]
    assert got == [("", FILLS[rag]) for *_, rag, _ in source.tracker_rows()]
    assert all(c.fill is None for r in tracker.rows() for c in r.cells[:4])


def test_list_in_a_cell(tracker: Document) -> None:
    row = next(r for r in body(tracker) if r.texts()[0] == "1.3")
    assert row.cells[1].items == source.LIST_ITEMS
    assert row.cells[1].text.split("\n")[1:] == [f"• {item}" for item in source.LIST_ITEMS]
    assert all(not c.items for r in body(tracker) if r is not row for c in r.cells)


def test_text_outside_tables_in_reading_order(tracker: Document) -> None:
    paragraphs = tracker.paragraphs()
    assert [(p.text[:24], p.level) for p in paragraphs] == [
        ("Improvement plan tracker", 1), ("This tracker lists every", 0), ("Progress is reviewed mon", 0)]
    assert paragraphs[1].text.endswith("in March 2026."), "the intro's two lines are one paragraph"
    assert tracker.units.index(paragraphs[1]) < tracker.units.index(tracker.rows()[0])
    assert tracker.units.index(paragraphs[2]) > tracker.units.index(tracker.rows()[-1])


def test_ordinals_count_units_and_labels_name_pages(tracker: Document) -> None:
    assert [u.loc.ordinal for u in tracker.units] == list(range(1, len(tracker.units) + 1))
    assert {u.loc.file for u in tracker.units} == {"ashcombe_tracker.pdf"}
    assert tracker.paragraphs()[0].loc.label == "page 1, line 2"  # line 1 is the running head
    assert tracker.format == "PDF" and tracker.whole_rows and tracker.notes == []


def test_pages_stored_sideways_read_as_displayed(tracker: Document) -> None:
    """/Rotate 90 with the content turned back: the same units, cells, fills and places as the original."""
    turned = read(PDFS / "ashcombe_rotated.pdf")

    def units(doc: Document) -> list[tuple[str, str, object]]:
        return [(type(u).__name__, u.loc.label, [(c.text, c.fill, c.items) for c in u.cells]
                 if isinstance(u, Row) else u.text) for u in doc.units]
    assert units(turned) == units(tracker)


# ---- the narrative plan: headings, prose, small tables --------------------------------------------------

def test_a_heading_per_recommendation(narrative: Document) -> None:
    headings = [(p.text, p.level) for p in narrative.paragraphs() if p.level]
    recs = [t for t, _ in headings if t.startswith("Recommendation")]
    assert recs == ["Recommendation 1: Strengthen management oversight",
                    "Recommendation 2: Improve the quality of assessments",
                    "Recommendation 3: Stabilise the workforce"]
    assert headings[0] == ("Brackley Borough Council: improvement plan", 1)  # the title, larger still
    assert {lvl for t, lvl in headings if t in recs} == {2}
    # a bold heading whose 'ff' is one ligature glyph (two letters in one box) reads as one word
    assert ("Outcome: what difference will these actions make?", 2) in headings


def test_each_recommendation_then_its_table(narrative: Document) -> None:
    order = [(u.text[:16] if isinstance(u, Paragraph) else u.table) for u in narrative.units
             if isinstance(u, Paragraph) and u.text.startswith("Recommendation") or isinstance(u, Row)]
    assert order == ["Recommendation 1", 1, 1, "Recommendation 2", 2, 2, 2, "Recommendation 3", 3, 3]


def test_vertically_merged_cell_is_carried_down(narrative: Document) -> None:
    rows = [r for r in narrative.rows() if r.table == 2]
    assert [r.texts()[2] for r in rows[1:]] == ["30/09/2025", "30/09/2025"]
    assert [c.merged for c in rows[2].cells] == [False, False, True]


def test_bulleted_lines_are_paragraphs_of_their_own(narrative: Document) -> None:
    bullets = [p.text for p in narrative.paragraphs() if p.text.startswith("•")]
    assert bullets == ["• Progress is reported to the board every month",
                       "• Exceptions are escalated to the Chief Executive"]


def test_running_head_dropped_on_every_page(narrative: Document) -> None:
    breaks = [u.text for u in narrative.units if isinstance(u, Break)]
    assert breaks == ["Brackley Borough Council Improvement Plan",
                      "Page 1 of 2 | Brackley Borough Council Improvement Plan", "Page 2 of 2"]


# ---- unruled tables and scans ---------------------------------------------------------------------------

def test_unruled_table_read_by_alignment() -> None:
    doc = read(PDFS / "corfe_unruled.pdf")
    assert [r.texts() for r in doc.rows()] == [
        ["Ref", "Action", "Lead", "Due date"],
        ["C1", "Refresh the early help strategy with partners and publish it", "Head of Early Help", "30/04/2026"],
        ["C2", "Review the front door", "Service Manager", "31/05/2026"],
        ["C3", "Set up a neglect sub-group of the partnership board", "Partnership Manager", "30/06/2026"]]
    assert {r.table for r in doc.rows()} == {1}
    assert doc.paragraphs()[-1].text.startswith("The board will review these actions")


def test_scan_is_refused_with_what_to_do() -> None:
    with pytest.raises(InputFileError) as err:
        read(PDFS / "scanned.pdf")
    assert str(err.value) == (f"{PDFS / 'scanned.pdf'}: has no text layer (a scanned image?): govgraph needs "
                              "the PDF as published, with text, or the Word original")


def test_a_scanned_page_among_text_pages_is_noted() -> None:
    doc = read(PDFS / "corfe_with_scan.pdf")
    assert len(doc.rows()) == 4
    notes = [(loc.label, msg.split(":")[0]) for loc, msg in doc.notes]
    assert notes == [("page 2", "no text layer (a scanned image?)")]


# ---- bad files ------------------------------------------------------------------------------------------

def test_password_protected_pdf_is_refused() -> None:
    with pytest.raises(InputFileError, match="is password-protected, so govgraph cannot read it"):
        read(PDFS / "locked.pdf")


@pytest.mark.parametrize("content", [
    b"",                                                     # zero bytes
    b"%PDF-1.7\n%\xe2\xe3\n1 0 obj\n<< /Type /Catalog",      # a header and nothing usable
    (PDFS / "corfe_unruled.pdf").read_bytes()[:3000],        # cut off while downloading
])
def test_damaged_pdf_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "plan.pdf"
    path.write_bytes(content)
    with pytest.raises(InputFileError) as err:
        read(path)
    assert str(err.value).startswith(f"{path}: is not a readable PDF (damaged or incomplete")
    assert err.value.source_file == str(path)


def test_too_many_pages_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    path = PDFS / "ashcombe_tracker.pdf"
    with pytest.raises(InputFileError, match="has 2 pages, more than the 1 govgraph reads from one PDF"):
        read(path, max_pages=1)
    monkeypatch.setenv("GOVGRAPH_PDF_MAX_PAGES", "1")
    with pytest.raises(InputFileError, match="more than the 1 govgraph") as err:
        read(path)
    assert "set GOVGRAPH_PDF_MAX_PAGES to read more" in err.value.user_message()


def test_registry_reads_pdf_by_content(tmp_path: Path) -> None:
    renamed = tmp_path / "plan.txt"
    renamed.write_bytes((PDFS / "corfe_unruled.pdf").read_bytes())
    assert read_document(renamed).format == "PDF"


def test_pdf_libraries_load_only_when_reading() -> None:
    code = ("import sys, govgraph.loaders.readers.pdf; "
            "print(sorted(m for m in ('pdfplumber', 'pypdfium2', 'pdfminer') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


# ---- the rules, on hand-made words ----------------------------------------------------------------------

@pytest.mark.parametrize("before, forced, after, joined", [
    ("31/03/202", True, "6", "31/03/2026"),             # a date the cell was too narrow for
    ("Safeguardin", True, "g", "Safeguarding"),         # a word likewise
    ("Performanc", True, "e Lead", "Performance Lead"),
    ("Head of", False, "Safeguarding", "Head of Safeguarding"),  # an ordinary wrap
    ("Safeguarding", True, "Board", "Safeguarding Board"),       # next line starts a capital: a new word
    ("due", False, "2026", "due 2026"),                 # not broken: a line that did not fill the cell
    ("a multi-", False, "agency audit", "a multi-agency audit"),  # a hyphen ending the line
    ("see 4 -", False, "below", "see 4 - below"),       # a dash standing alone is no hyphenation
    # a word that merely filled a narrow cell, then a function word: not a broken word (issue 14, a
    # LibreOffice PDF gave 'timelinessof strategy')
    ("Improve the timeliness", True, "of strategy", "Improve the timeliness of strategy"),
    ("Independent", True, "and Reviewing", "Independent and Reviewing"),
    ("discussion", True, "s", "discussions"),           # the rest of a word is still joined
])
def test_lines_joined_and_broken_words_mended(before: str, forced: bool, after: str, joined: str) -> None:
    assert join_lines(before, forced, after) == joined


def _row(*cells: str, forced: bool = False) -> RawRow:
    return RawRow([RawCell([c] if c else [], [forced] if c else []) for c in cells], 0.0, 10.0, 1)


@pytest.mark.parametrize("before, after, verdict", [
    # the rest of a sentence, lower case: the same row
    (_row("2.1", "Commission a review of", "Head of", "31/03/2026"), _row("", "supervision practice", "Service", ""),
     "merge"),
    # a number the narrow cell broke ('31/03/202' + '6'), even where nothing else runs on
    (_row("2.1", "Review supervision.", "Head", "31/03/202", forced=True), _row("", "", "", "6"), "merge"),
    # one cell's tail of many (the rest of 'report to the NSCB' + 'Executive.'): the same row
    (_row("5.", "2.1", "Chair", "Run two audits and report to the NSCB", "March 2026", "Done"),
     _row("", "", "", "Executive.", "", ""), "merge"),
    # a full row of its own at the top of the page
    (_row("1.4", "Set up a panel", "Lawyer", "31/10/2025"), _row("1.5", "Report visits", "Lead", "30/11/2025"), ""),
    # a row with no reference of its own (the recommendation's next action): not merged, not noted
    (_row("1", "Audit cases.", "Head", "31/03/2025"), _row("", "Train managers.", "Head", "30/04/2025"), ""),
    # text where the row before had none cannot be its continuation
    (_row("1", "Audit cases.", "", "31/03/2025"), _row("", "", "Head", ""), ""),
    # capitalised text in fewer columns: could be either, so kept apart and noted
    (_row("1", "Audit cases.", "Head", "31/03/2025"), _row("", "Then report.", "Head", ""), "maybe"),
])
def test_row_split_by_a_page_break(before: RawRow, after: RawRow, verdict: str) -> None:
    assert continuation(before, after) == verdict


def test_possible_continuation_kept_apart_noted_and_its_list_left_open() -> None:
    """A page's first row that may be the rest of the last one: two rows, a note, and the list cell of the
    first marked open_item so recognition may join the next line to its last item."""
    def part(rows: list[RawRow], top: float, bottom: float) -> RawTable:
        return RawTable(rows, [50.0, 100.0, 300.0, 400.0], (50.0, top, 450.0, bottom))
    header = _row("Ref", "Action", "Lead", "Due")
    first = RawRow([RawCell(["1"], [False]), RawCell(["Tasks:", "• Audit cases"], [False, False]),
                    RawCell(["Head"], [False]), RawCell(["31/03/2026"], [False])], 0.0, 10.0, 2)
    pages = [_Page(1, 792.0, [], [part([header, first], 100.0, 700.0)]),
             _Page(2, 792.0, [], [part([_row("Ref", "Action", "Lead", "Due"), _row("", "Then report.", "Deputy", "")],
                                       72.0, 200.0)])]
    doc = _Assembler("plan.pdf").document(pages)
    rows = doc.rows()
    assert [r.texts() for r in rows if not r.header] == [["1", "Tasks:\n• Audit cases", "Head", "31/03/2026"],
                                                         ["", "Then report.", "Deputy", ""]]
    assert [r.header for r in rows] == [True, False, True, False] and {r.table for r in rows} == {1}
    assert [c.open_item for c in rows[1].cells] == [False, True, False, False]
    assert [(loc.label, msg) for loc, msg in doc.notes] == [(
        "page 2, table 1, row 1", "this row may continue the last row of the page before; read as a row of its own")]


@pytest.mark.parametrize("lines, text, items", [
    (["Recruit staff", "• one", "• two"], "Recruit staff\n• one\n• two", ["one", "two"]),
    (["1. Audit cases", "2. Report to", "the board"], "1. Audit cases\n2. Report to the board",
     ["Audit cases", "Report to the board"]),
    (["▪ alone"], "▪ alone", []),                      # one bulleted line is not a list (as in the Word reader)
    (["- first", "– second"], "- first\n– second", ["first", "second"]),
    (["1.1 Audit"], "1.1 Audit", []),                  # a reference number, not a numbered item
])
def test_cell_lists(lines: list[str], text: str, items: list[str]) -> None:
    cell = to_cell(RawCell(lines=lines, forced=[False] * len(lines)))
    assert (cell.text, cell.items) == (text, items)


@pytest.mark.parametrize("text, furniture", [
    ("page # of #", True), ("#", True), ("page #", True), ("- # -", True), ("#/#", True),
    ("recommendation #", False), ("# actions are overdue", False),
])
def test_page_number_shapes(text: str, furniture: bool) -> None:
    assert bool(PAGE_NUMBER.match(text)) is furniture


def _line(*runs: tuple[float, str], top: float) -> Line:
    words = []
    for x, text in runs:
        for part in text.split():
            words.append(Word(part, x, x + 5 * len(part), top, top + 10))
            x += 5 * len(part) + 3
    return Line(words)


def _styled(text: str, size: float, bold: bool) -> Line:
    return Line([Word(text, 50, 50 + 5 * len(text), 100, 100 + size, size, bold)])


@pytest.mark.parametrize("lines, want", [
    # the body at 10 pt; a 16 pt title, 14 pt headings and bold 10 pt labels
    ([("x" * 400, 10, False), ("Title", 16, True), ("Recommendation 1", 14, True), ("Actions", 10, True)],
     {(16.0, True): 1, (14.0, True): 2, (10.0, True): 2}),
    # nothing larger than the body: bold lines are the top level
    ([("x" * 400, 10, False), ("Recommendation 1", 10, True)], {(10.0, True): 1}),
    # a document set in bold throughout has bold body text, not headings
    ([("x" * 400, 10, True), ("Recommendation 1", 13, True)], {(13.0, True): 1}),
    # small print (footnotes) is never a heading
    ([("x" * 400, 10, False), ("Source: audit", 8, True)], {}),
])
def test_heading_levels_by_font(lines: list[tuple[str, float, bool]], want: dict[tuple[float, bool], int]) -> None:
    assert heading_levels([_styled(*spec) for spec in lines]) == want


def test_unruled_rows_split_by_row_spacing() -> None:
    """Rows spaced wider than their lines: a wrapped first column stays in its row."""
    lines = [_line((50, "Ref"), (200, "Action"), (350, "Lead"), top=100),
             _line((50, "1 Improve"), (200, "Audit"), (350, "Head"), top=120),
             _line((50, "practice"), (200, "cases"), top=133),
             _line((200, "Train"), (350, "Manager"), top=153)]
    [(start, end, table)] = unruled_tables(lines)
    assert (start, end) == (0, 4)
    assert [[" ".join(c.lines) for c in r.cells] for r in table.rows] == [
        ["Ref", "Action", "Lead"], ["1 Improve practice", "Audit cases", "Head"], ["", "Train", "Manager"]]


def test_prose_is_not_an_unruled_table() -> None:
    lines = [_line((50, "The board met in March and agreed the plan"), top=100 + 13 * i) for i in range(4)]
    assert unruled_tables(lines) == []

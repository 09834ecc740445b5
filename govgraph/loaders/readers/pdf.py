"""The PDF reader: a published plan's pages as paragraphs, table rows and page breaks, with pdfplumber.

Read page by page (each page's layout is dropped once its words, rules and fills are taken), then put
together across pages: running heads and footers that repeat on most pages become one `Break` per page
boundary; a ruled table that runs on over a page keeps its number, its repeated header row is marked
`header=True`, and a row the page break split is merged back into one `Row` (a word or number broken
across the break mended: `31/03/202` + `6`). Text outside tables is read top to bottom; a line in a
larger or bold font than the body is a heading. A page without ruled tables may hold a table drawn
without rules, read by its columns' alignment (pdf_layout.unruled_tables). A PDF with no text layer
(a scan) is refused: there is nothing to read without OCR.
"""
from __future__ import annotations

import math
import os
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from govgraph.errors import InputFileError
from govgraph.loaders.document import Break, Document, Location, Paragraph, Row, Unit
from govgraph.loaders.readers.pdf_layout import (
    CONTINUES, ITEM, Line, RawCell, RawRow, RawTable, heading_levels, inside, join_lines, ruled_table, same_paragraph,
    style, to_cell, to_lines, unruled_tables,
)

MAX_PAGES = 2000
"""Pages read from one PDF at most; GOVGRAPH_PDF_MAX_PAGES or `read(max_pages=)` changes it."""
MAX_PAGE_LETTERS = 50_000
"""Letters on one page at most (GOVGRAPH_PDF_MAX_PAGE_LETTERS): a dense A3 page of 6 pt text holds about
20,000, a plan's page 1,000 to 3,000. Reading a letter costs about 25 µs, so 200,000 on a page took 5 s."""
MAX_LETTERS = 1_000_000
"""Letters in one PDF at most (GOVGRAPH_PDF_MAX_LETTERS): 200 dense pages, a published plan holding 20,000 to
300,000; a million pages' worth took 14 s to read."""
MAX_PAGE_OBJECTS = 50_000
"""Page objects plus path segments one page may draw before its drawings (rules and fills) are left out
(GOVGRAPH_PDF_MAX_PAGE_OBJECTS): a plan's page draws a few hundred."""
MARGIN = 0.1
"""Running heads and footers are looked for in this fraction of the page at its top and bottom."""
NO_TEXT = ("has no text layer (a scanned image?): govgraph needs the PDF as published, with text, "
           "or the Word original")
HINT = "Give govgraph the plan as published (PDF with text, or the Word or Excel original)."
PAGE_NUMBER = re.compile(r"^(?:page\s*)?#(?:\s*(?:of|/)\s*#)?$|^[-–]\s*#\s*[-–]$")
RUNS_ON = (",", ";", ":", "-", "–", "(", " and", " or", " to", " of", " the", " for", " with", " by", " in")


@dataclass
class _Page:
    """One page as read: text lines outside tables, its tables' parts, and what was set aside."""

    number: int
    height: float
    lines: list[Line]
    tables: list[RawTable]
    head: list[Line] = field(default_factory=list)
    foot: list[Line] = field(default_factory=list)
    scanned: bool = False
    unmapped: bool = False
    drawings_skipped: int = 0


def read(path: Path, *, max_pages: int | None = None) -> Document:
    """Read a PDF into the neutral document shape; refuse a scan, a locked or damaged file, or too many pages."""
    from govgraph.loaders.readers import pdf_extract

    limit = max_pages or _env_limit("GOVGRAPH_PDF_MAX_PAGES", MAX_PAGES)
    try:
        document = pdf_extract.open_document(str(path))
    except pdf_extract.library_errors() as exc:
        raise _open_error(path, exc, pdf_extract.password_error(exc)) from None
    try:
        pages = [_layout(n, raw) for n, raw in _extracted_pages(pdf_extract, document, path, limit)]
    finally:
        document.close()
    if not any(p.lines or p.tables for p in pages):
        raise InputFileError(NO_TEXT, hint=HINT, source_file=str(path))
    return _Assembler(path.name).document(pages)


def _env_limit(name: str, default: int) -> int:
    value = os.environ.get(name, "").strip()
    return int(value) if value.isdigit() and int(value) > 0 else default


def _open_error(path: Path, exc: Exception, locked: bool) -> InputFileError:
    if locked:
        return InputFileError("is password-protected, so govgraph cannot read it",
                              hint="Save a copy without the password, or give the Word original.",
                              source_file=str(path))
    return InputFileError(f"is not a readable PDF (damaged or incomplete: {exc})",
                          hint="Download it again, or give the Word original.", source_file=str(path))


def _extracted_pages(extract: Any, document: Any, path: Path, limit: int) -> Iterator[tuple[int, Any]]:
    """Yield (page number, raw page) one page at a time; each page is closed once read."""
    count = extract.page_count(document)
    if count == 0:
        raise InputFileError("has no pages", hint=HINT, source_file=str(path))
    if count > limit:
        raise InputFileError(f"has {count:,} pages, more than the {limit:,} govgraph reads from one PDF",
                             hint="Give the plan's own pages, or set GOVGRAPH_PDF_MAX_PAGES to read more.",
                             source_file=str(path))
    page_letters = _env_limit("GOVGRAPH_PDF_MAX_PAGE_LETTERS", MAX_PAGE_LETTERS)
    letters_left = _env_limit("GOVGRAPH_PDF_MAX_LETTERS", MAX_LETTERS)
    objects = _env_limit("GOVGRAPH_PDF_MAX_PAGE_OBJECTS", MAX_PAGE_OBJECTS)
    for number in range(1, count + 1):
        try:
            raw = extract.extract(document, number - 1, min(page_letters, letters_left), objects)
        except extract.library_errors() as exc:
            raise InputFileError(f"page {number} cannot be read (damaged: {exc})",
                                 hint="Download it again, or give the Word original.",
                                 source_file=str(path)) from None
        except extract.TooManyLetters as exc:
            raise _too_many_letters(path, number, exc.count, page_letters, letters_left) from None
        letters_left -= raw.letters
        yield number, raw


def _too_many_letters(path: Path, page: int, count: int, page_limit: int, left: int) -> InputFileError:
    if count > page_limit:
        what, env = f"more than the {page_limit:,} govgraph reads from one page", "GOVGRAPH_PDF_MAX_PAGE_LETTERS"
    else:
        what, env = (f"past the {_env_limit('GOVGRAPH_PDF_MAX_LETTERS', MAX_LETTERS):,} govgraph reads from one "
                     f"PDF ({left:,} were left)"), "GOVGRAPH_PDF_MAX_LETTERS"
    return InputFileError(f"page {page} holds {count:,} letters, {what}: a plan's page holds a few thousand",
                          hint=f"Give the plan as published; if this is one, set {env} to read more.",
                          source_file=str(path))


def _layout(number: int, raw: Any) -> _Page:
    """Sort a page's words into table cells and text lines; look for unruled tables if nothing is ruled."""
    lines = to_lines(raw.words)
    for n, line in enumerate(lines, start=1):
        line.number = n
    tables = [t for t in (ruled_table(bbox, rows, raw.words, raw.fills) for bbox, rows in raw.tables) if t]
    text = [Line(kept, ln.number) for ln in lines
            if (kept := [w for w in ln.words if not any(inside(w, t.bbox) for t in tables)])]
    if not tables:
        found = unruled_tables(text)
        tables = [table for _, _, table in found]
        used = {i for start, end, _ in found for i in range(start, end)}
        text = [ln for i, ln in enumerate(text) if i not in used]
    return _Page(number, raw.height, text, tables, scanned=not raw.words and raw.images, unmapped=raw.unmapped,
                 drawings_skipped=raw.drawings_skipped)


class _Assembler:
    """Puts the pages together: furniture, tables across pages, headings, then units in reading order."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.units: list[Unit] = []
        self.notes: list[tuple[Location, str]] = []

    def document(self, pages: list[_Page]) -> Document:
        _set_aside_furniture(pages)
        self._join_tables(pages)
        levels = heading_levels([ln for p in pages for ln in p.lines])
        for page in pages:
            self._page_notes(page)
            if page.number == 1 and page.head:
                self._add(Break, "page 1", text=_joined(page.head))
            elif page.number > 1:
                before = pages[page.number - 2]
                self._add(Break, f"pages {page.number - 1}-{page.number}", text=_joined(before.foot + page.head))
            self._page_units(page, levels)
        if pages[-1].foot:
            self._add(Break, f"page {pages[-1].number}", text=_joined(pages[-1].foot))
        return Document(self.file, "PDF", units=self.units, whole_rows=True, notes=self.notes)

    def _add(self, kind: type, label: str, **fields: Any) -> None:
        self.units.append(kind(loc=Location(self.file, len(self.units) + 1, label), **fields))

    def _note(self, label: str, message: str) -> None:
        self.notes.append((Location(self.file, max(len(self.units), 1), label), message))

    def _page_notes(self, page: _Page) -> None:
        if page.scanned:
            self._note(f"page {page.number}", "no text layer (a scanned image?): nothing on this page was read")
        if page.drawings_skipped:
            limit = _env_limit("GOVGRAPH_PDF_MAX_PAGE_OBJECTS", MAX_PAGE_OBJECTS)
            self._note(f"page {page.number}", f"draws more than {limit:,} objects and path segments: its "
                                              "drawings (table rules and fills) were not read, only its text")
        if page.unmapped:
            self._note(f"page {page.number}", "some text is in a font without a Unicode map ('(cid:NN)'); "
                                              "it cannot be read as words")

    def _page_units(self, page: _Page, levels: dict[tuple[float, bool], int]) -> None:
        blocks: list[tuple[float, Line | RawTable]] = [(ln.top, ln) for ln in page.lines]
        blocks += [(t.bbox[1], t) for t in page.tables]
        blocks.sort(key=lambda b: b[0])
        run: list[Line] = []
        for _, block in blocks:
            if isinstance(block, Line):
                if run and not same_paragraph(run[-1], block, levels):
                    self._paragraph(page, run, levels)
                    run = []
                run.append(block)
                continue
            if run:
                self._paragraph(page, run, levels)
                run = []
            for row in block.rows:
                pages = f"pages {page.number}-{row.last_page}" if row.last_page else f"page {page.number}"
                self._add(Row, f"{pages}, table {block.number}, row {row.number}",
                          cells=[to_cell(c) for c in row.cells], table=block.number, header=row.header)
                self._open_items(row)
        if run:
            self._paragraph(page, run, levels)

    def _open_items(self, row: RawRow) -> None:
        last = self.units[-1]
        assert isinstance(last, Row)
        for col in row.open_cols:
            last.cells[col].open_item = True

    def _paragraph(self, page: _Page, lines: list[Line], levels: dict[tuple[float, bool], int]) -> None:
        text = ""
        for line in lines:
            text = join_lines(text, False, line.text)
        self._add(Paragraph, f"page {page.number}, line {lines[0].number}", text=" ".join(text.split()),
                  level=levels.get(style(lines[0]), 0))

    def _join_tables(self, pages: list[_Page]) -> None:
        """Number tables; a table's part at the top of a page continues the one that ended the page before."""
        number = 0
        previous: RawTable | None = None
        for page in pages:
            for i, table in enumerate(page.tables):
                if i == 0 and previous is not None and _first_block(page, table) and _same_grid(previous, table):
                    table.number = previous.number
                    self._continue(page, previous, table)
                else:
                    number += 1
                    table.number = number
            last = page.tables[-1] if page.tables else None
            previous = last if last is not None and _last_block(page, last) else None

    def _continue(self, page: _Page, previous: RawTable, table: RawTable) -> None:
        """Mark a repeated header row; merge the row the page break split, or say it may be split."""
        rows = table.rows
        if rows and previous.rows and _texts(rows[0]) == _texts(previous.rows[0]):
            rows[0].header = True
            previous.rows[0].header = True
        body = [r for r in rows if not r.header]
        if not body or not previous.rows or previous.rows[-1].header:
            return
        before, after = previous.rows[-1], body[0]
        verdict = continuation(before, after)
        if not verdict:
            return
        if verdict == "merge":
            carried = [list(c.lines) for c in after.cells]
            for mine, more in zip(before.cells, after.cells):
                mine.extend(more)
            before.last_page = page.number
            at = rows.index(after)
            rows.remove(after)
            _carry_whole(rows[at:], before, carried)
            return
        before.open_cols = [c for c, (mine, more) in enumerate(zip(before.cells, after.cells))
                            if _has_items(mine) and not more.empty and not ITEM.match(more.lines[0])]
        self._note(f"page {page.number}, table {table.number}, row {after.number}",
                   "this row may continue the last row of the page before; read as a row of its own")


def continuation(before: RawRow, after: RawRow) -> str:
    """Whether `after`, the first row under a table's header on a page, is the rest of `before`, the last
    row of the page before: 'merge' when plainly so, 'maybe' when it could be (text in half the columns
    or fewer: noted), '' when it is not."""
    if not _fits_inside(before, after):
        return ""
    if _runs_on(before, after) or _sparse(before, after):
        return "merge"
    return "maybe" if 2 * _filled(after) <= _filled(before) else ""


def _filled(row: RawRow) -> int:
    return sum(1 for c in row.cells if not c.empty)


def _texts(row: RawRow) -> tuple[str, ...]:
    return tuple(" ".join(" ".join(c.lines).split()) for c in row.cells)


def _has_items(cell: RawCell) -> bool:
    return any(ITEM.match(line) for line in cell.lines)


def _fits_inside(before: RawRow, after: RawRow) -> bool:
    """A split row's continuation has text only in columns the first part has text in, and in fewer of
    them (short cells end on the first page)."""
    pairs = list(zip(before.cells, after.cells))
    if len(before.cells) != len(after.cells) or all(c.empty for c in after.cells):
        return False
    return (all(not mine.empty or more.empty for mine, more in pairs)
            and any(not mine.empty and more.empty for mine, more in pairs))


def _runs_on(before: RawRow, after: RawRow) -> bool:
    """Some cell's text plainly runs on: a broken word mended, a lower-case start, a line ending mid-phrase."""
    for mine, more in zip(before.cells, after.cells):
        if more.empty or mine.empty:
            continue
        first, last = more.lines[0].strip(), mine.lines[-1].rstrip()
        if (mine.forced[-1] and CONTINUES.match(first)) or first[:1].islower() or last.endswith(RUNS_ON):
            return True
    return False


def _sparse(before: RawRow, after: RawRow) -> bool:
    """The continuation has no text in the first column (the row before has) and text in at most a third
    of the columns the row before has text in: the tail of a long cell, not a row of its own."""
    return not before.cells[0].empty and after.cells[0].empty and 3 * _filled(after) <= _filled(before)


def _carry_whole(rows: list[RawRow], joined: RawRow, carried: list[list[str]]) -> None:
    """Rows below a merged continuation carried its page's fragment down; carry the whole cell instead."""
    for col, fragment in enumerate(carried):
        for row in rows:
            cell = row.cells[col]
            if not (cell.merged and cell.lines == fragment):
                break
            whole = joined.cells[col]
            row.cells[col] = RawCell(list(whole.lines), list(whole.forced), whole.fill, merged=True)


def _first_block(page: _Page, table: RawTable) -> bool:
    return not any(ln.bottom <= table.bbox[1] + 1 for ln in page.lines)


def _last_block(page: _Page, table: RawTable) -> bool:
    return not any(ln.top >= table.bbox[3] - 1 for ln in page.lines)


def _same_grid(a: RawTable, b: RawTable) -> bool:
    """Same columns at the same places (within 3 pt), drawn the same way."""
    return (a.ruled == b.ruled and len(a.columns) == len(b.columns)
            and all(abs(x - y) <= 3 for x, y in zip(a.columns, b.columns)))


def _set_aside_furniture(pages: list[_Page]) -> None:
    """Move running heads and footers off the pages: lines in the top or bottom margin that repeat
    (digits aside) on most pages, or that are only a page number."""
    def key(line: Line) -> str:
        return re.sub(r"\d+", "#", " ".join(line.text.lower().split()))

    def zone(page: _Page, line: Line) -> str:
        if line.bottom <= page.height * MARGIN:
            return "head"
        return "foot" if line.top >= page.height * (1 - MARGIN) else ""

    seen = Counter(k for p in pages for k in {key(ln) for ln in p.lines if zone(p, ln)})
    needed = max(2, math.ceil(len(pages) / 2))
    for page in pages:
        kept = []
        for line in page.lines:
            where = zone(page, line)
            if where and (seen[key(line)] >= needed or PAGE_NUMBER.match(key(line))):
                (page.head if where == "head" else page.foot).append(line)
            else:
                kept.append(line)
        page.lines = kept


def _joined(lines: list[Line]) -> str:
    return " | ".join(ln.text for ln in lines)

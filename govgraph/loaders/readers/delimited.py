"""CSV and TSV as Excel and council systems write them: one table, one Row per record.

Encoding by BOM, else UTF-8, else cp1252 (UTF-16 "Unicode Text" exports have a BOM); the delimiter is
sniffed among comma, semicolon, tab and pipe by which one splits the first records most consistently
(Excel writes semicolons in locales whose decimal mark is a comma, and may put a `sep=;` line first).
Quoted fields keep their embedded newlines and doubled quotes. A record's location is the line it starts
on ("row 12"), which is also its ordinal, so `source_line` is the line a text editor shows.

`sheet_cell` (one cell's text into a `Cell`, bullet lines as items) is shared with the Excel reader.
"""
from __future__ import annotations

import csv
import io
import re
from collections import Counter
from pathlib import Path

from govgraph.errors import InputFileError
from govgraph.loaders.document import Cell, Document, Location, Row
from govgraph.loaders.text import read_lines

DELIMITERS = (",", ";", "\t", "|")
"""Tried in this order; a tie goes to the earlier one."""
SAMPLE_RECORDS = 200
_SEP_LINE = re.compile(r"^sep=(.)$")
_SPACE = re.compile(r"[ \t\u00a0]+")
_IRREGULAR = re.compile(r"[\n\r\t\u00a0]|  ")
_MARKER = re.compile(r"^(?:[\u2022\u25e6\u25aa\u25ab\u2023\u25cf\u25cb\u25a0\u25a1\u25c6\u25ba\u25b8\u2043\u2219"
                     r"\u00b7*\-\u2013\u2014]|\(?\d{1,2}[.)]|\(?[a-z][.)])\s+(?=\S)")
"""A bullet glyph, dash or asterisk, or '1.', '2)', '(a)', 'b.' followed by a space and text."""


def read(path: Path) -> Document:
    """Read a .csv or .tsv file; raises InputFileError for a missing, unreadable or empty file."""
    text = "\n".join(read_lines(path))
    first = 0
    m = _SEP_LINE.match(text.split("\n", 1)[0])
    if m:  # Excel's delimiter directive: not data, but it is line 1
        delimiter, first = m.group(1), 1
        text = text.split("\n", 1)[1] if "\n" in text else ""
    else:
        delimiter = sniff_delimiter(text, prefer_tab=path.suffix.lower() == ".tsv")
    doc = Document(source_file=path.name, format="tsv" if delimiter == "\t" else "csv")
    doc.units.extend(_rows(text, delimiter, path.name, first, doc))
    if not doc.units:
        raise InputFileError("is empty: no field holds any text", hint="Export the tracker again from Excel.",
                             source_file=str(path))
    return doc


def sniff_delimiter(text: str, prefer_tab: bool = False) -> str:
    """The delimiter that gives the first records the most consistent field count (two or more fields).

    Score: how many non-blank sampled records have the modal field count, then that count. A comma inside
    prose makes comma-split rows ragged, so a semicolon file is not read as a comma file."""
    best, best_score = ",", (0, 0)
    for d in (("\t",) if prefer_tab else ()) + DELIMITERS:
        counts = Counter(len(r) for r in _sample(text, d) if any(f.strip() for f in r))
        if not counts:
            continue
        width, agree = counts.most_common(1)[0]
        if width >= 2 and (agree, width) > best_score:
            best, best_score = d, (agree, width)
        if prefer_tab and d == "\t" and width >= 2:
            return d
    return best


def _sample(text: str, delimiter: str) -> list[list[str]]:
    out: list[list[str]] = []
    try:
        for rec in csv.reader(io.StringIO(text[:65536]), delimiter=delimiter):
            out.append(rec)
            if len(out) >= SAMPLE_RECORDS:
                break
    except csv.Error:
        pass
    return out[:-1] if len(text) > 65536 and len(out) > 1 else out  # the last may be cut off


def _rows(text: str, delimiter: str, name: str, first: int, doc: Document) -> list[Row]:
    """One Row per record holding text, all as wide as the widest record's last non-empty field. A malformed
    file (a quote never closed, a field past the csv module's limit) is read leniently, with a note at the
    record where strict reading stopped."""
    rows: list[Row] = []
    at = [first + 1]
    try:
        width = _parse(text, delimiter, first, True, name, rows, at)
    except csv.Error as exc:
        doc.notes.append((Location(name, at[0], f"row {at[0]}"),
                          f"not well-formed CSV from here ({exc}); read leniently: check its quotes"))
        rows = []
        try:
            width = _parse(text, delimiter, first, False, name, rows, at)
        except csv.Error as exc:
            raise InputFileError(f"cannot be read as CSV ({exc})", hint="Export the tracker again from Excel.",
                                 source_file=name) from None
    for row in rows:
        del row.cells[width:]
        row.cells.extend(Cell("") for _ in range(width - len(row.cells)))
    return rows


def _parse(text: str, delimiter: str, first: int, strict: bool, name: str, rows: list[Row], at: list[int]) -> int:
    """Append a Row per record with text to `rows` (cells not yet cut to width); `at[0]` is the line the
    record being read starts on, so a caller can say where parsing failed. Returns the width in use."""
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=strict)
    width = 0
    for fields in reader:
        used = _used_width(fields)
        if used:  # a blank line or a row of empty fields holds nothing to read
            width = max(width, used)
            rows.append(Row([sheet_cell(f) for f in fields], Location(name, at[0], f"row {at[0]}"), table=1))
        at[0] = first + reader.line_num + 1
    return width


def _used_width(fields: list[str]) -> int:
    for i in range(len(fields), 0, -1):
        if fields[i - 1].strip():
            return i
    return 0


def sheet_cell(raw: str, fill: str | None = None, merged: bool = False) -> Cell:
    """A spreadsheet cell's text as a Cell: lines (Alt+Enter) kept, spaces single, and when two or more
    lines start with a bullet or number the cell holds a list: its items are those lines without the
    marker (a line without one continues the item above; a lead-in line is an item of its own, as in the
    text dialect), and the markers leave the text too."""
    if not _IRREGULAR.search(raw):  # one line, single spaces: most cells
        return Cell(raw.strip(), fill=fill, merged=merged)
    lines = [_SPACE.sub(" ", ln).strip() for ln in raw.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    lines = [ln for ln in lines if ln]
    marked = [bool(_MARKER.match(ln)) for ln in lines]
    if sum(marked) < 2:
        return Cell("\n".join(lines), fill=fill, merged=merged)
    items: list[str] = []
    text: list[str] = []
    for ln, is_item in zip(lines, marked):
        if is_item:
            ln = _MARKER.sub("", ln, count=1)
            items.append(ln)
        elif len(items) > marked.index(True):  # after the first item: it runs on
            items[-1] = f"{items[-1]} {ln}"
        else:
            items.append(ln)
        text.append(ln)
    return Cell("\n".join(text), items=items, fill=fill, merged=merged)

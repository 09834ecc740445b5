"""Excel workbooks (.xlsx, .xlsm) with openpyxl: every visible sheet, in workbook order, as one table.

Each sheet starts with a Paragraph (its name, level 1), then one Row per row holding text or a fill, all as
wide as the sheet's text: a title block above the header comes out as rows too (recognition finds the
header). What a person sees is what comes out: merged cells carried down and across (`merged=True` on the
continuation cells), dates as ISO text, numbers as their format shows them, fills as `#RRGGBB` (theme and
indexed colours resolved), hidden rows and sheets left out with a note each. Locations read `Tracker!A12:G12`.

Memory stays bounded for any size: cells are streamed by openpyxl's read-only mode, which does not report
merged ranges, hidden rows or header marks, so `xlsx_parts` collects those in a first streaming pass over
each sheet's XML. One path for every size: a 200,000-row tracker keeps its merges too. Beyond the Document
it returns, the reader holds about one row at a time.
"""
from __future__ import annotations

import colorsys
import datetime as dt
import re
import warnings
import zipfile
import zlib
from array import array
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET
from xml.parsers import expat

from govgraph.errors import InputFileError
from govgraph.loaders.document import Cell, Document, Location, Paragraph, Row
from govgraph.loaders.readers.delimited import sheet_cell
from govgraph.loaders.readers.zipcheck import check_zip
from govgraph.loaders.readers.xlsx_parts import Layout, SheetPart, scan_layout, workbook_sheets
from govgraph.loaders.text import read_bytes

_OLE2 = b"\xd0\xcf\x11\xe0"
_PLAIN_NAME = re.compile(r"[^\W\d][\w.]*")
_CELL_LIKE = re.compile(r"[A-Za-z]{1,3}\d+|[Rr]\d*[Cc]\d*")
_FIXED = re.compile(r"^(#,##)?0(\.0+)?(%)?$")
_THEME_ORDER = ("lt1", "dk1", "lt2", "dk2", "accent1", "accent2", "accent3", "accent4", "accent5", "accent6",
                "hlink", "folHlink")
"""Excel's theme colour indices 0..11 (light and dark swap places against the theme file's order)."""
_HELP = "Open it in Excel and save it again as .xlsx (without a password)."
_PENDING = Location("", 0, "")
"""The location of a Row until its sheet is read to the end."""
MAX_SHEET_CELLS = 2_000_000
"""Cells one sheet may come out as (rows times the width of its text, merged copies included): a 100,000-row
tracker of 20 columns (3.3 million took 12 s). A 53 KB workbook with one value far to the right (or a title merged across all 16,384
columns) over 2,000 rows would otherwise be 32 million cells: it ran out of memory."""


def read(path: Path) -> Document:
    """Read a workbook; raises InputFileError for a corrupt, password-protected or unreadable file."""
    _check_container(path)
    check_zip(path, "Excel")
    doc = Document(source_file=path.name, format="xlsx")
    try:
        with zipfile.ZipFile(path) as zf:
            sheets = workbook_sheets(zf)
            layouts = {s.part: scan_layout(zf, s.part) for s in sheets if s.kind == "worksheet"}
    except (zipfile.BadZipFile, zlib.error, KeyError, OSError, ET.ParseError, expat.ExpatError, ValueError,
            OverflowError, EOFError) as exc:
        raise _corrupt(path, exc) from None
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", module="openpyxl")
        wb = _open(path)
        try:
            _Reader(doc, wb, path).read(sheets, layouts)
        finally:
            wb.close()
    return doc


def _check_container(path: Path) -> None:
    head = read_bytes(path, 4)
    if not head:
        raise InputFileError("is empty (0 bytes), not an Excel workbook", hint=_HELP, source_file=str(path))
    if head == _OLE2:
        raise InputFileError("is password-protected or an old .xls workbook, which govgraph cannot read",
                             hint=_HELP, source_file=str(path))


def _corrupt(path: Path, exc: BaseException) -> InputFileError:
    return InputFileError(f"is not a readable Excel workbook ({type(exc).__name__}: {exc})", hint=_HELP,
                          source_file=str(path))


def _open(path: Path) -> Any:
    from openpyxl import load_workbook

    try:
        return load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except Exception as exc:  # openpyxl raises many kinds on bad XML; none may escape as a traceback
        raise _corrupt(path, exc) from None


class _Reader:
    """Turns the workbook's visible sheets into units; one instance per file."""

    def __init__(self, doc: Document, wb: Any, path: Path) -> None:
        self.doc, self.wb, self.path = doc, wb, path
        self.ordinal = 0
        self.named = True
        self.colours = Colours(getattr(wb, "loaded_theme", None))

    def read(self, sheets: list[SheetPart], layouts: dict[str, Layout]) -> None:
        readable = [s for s in sheets if s.kind == "worksheet" and s.state == "visible" and s.title in self.wb.sheetnames]
        self.named = len(readable) > 1  # a lone sheet's name ("Sheet1") says nothing about the plan
        for index, sheet in enumerate(sheets, 1):
            where = Location(self.path.name, self.ordinal, f"sheet {sheet.title}")
            if sheet.kind != "worksheet":
                self.doc.notes.append((where, f"sheet '{sheet.title}' is a {sheet.kind or 'part'} with no "
                                              "cells; left out"))
            elif sheet.state != "visible":
                self.doc.notes.append((where, f"sheet '{sheet.title}' is {sheet.state}; left out (unhide it "
                                              "in Excel to have it read)"))
            elif sheet.title not in self.wb.sheetnames:
                self.doc.notes.append((where, f"sheet '{sheet.title}' could not be opened; left out"))
            else:
                self._sheet(sheet.title, index, layouts[sheet.part])

    def _next(self, label: str) -> Location:
        self.ordinal += 1
        return Location(self.path.name, self.ordinal, label)

    def _sheet(self, title: str, table: int, layout: Layout) -> None:
        """The sheet's rows, streamed into Rows (the output, so nothing else grows with the sheet); their
        width, labels and ordinals are set once the sheet's last text column is known."""
        if self.named:  # several sheets: each starts with its name, which tells them apart
            self.doc.units.append(Paragraph(title, self._next(f"sheet {title}"), level=1))
        self.colours.issues.clear()
        rows: list[Row] = []
        numbers = array("l")
        hidden: list[tuple[int, list[Cell]]] = []
        lo = hi = held = 0
        for row_no, cells in self._rows(title, layout):
            held += len(cells)
            if held > MAX_SHEET_CELLS:
                raise self._too_wide(title, f"its rows hold over {MAX_SHEET_CELLS:,} cells by row {row_no:,} "
                                            f"(which reaches column {_col(len(cells))})")
            if row_no in layout.hidden:
                hidden.append((row_no, cells))
                continue
            for i, c in enumerate(cells, 1):
                if c.text or c.items:
                    lo, hi = min(lo or i, i), max(hi, i)
            rows.append(Row(cells, _PENDING, table=table, header=row_no in layout.headers))
            numbers.append(row_no)
        ref = _sheet_ref(title)
        if len(rows) * (hi - (lo or 1) + 1) > MAX_SHEET_CELLS:
            raise self._too_wide(title, f"its text runs from column {_col(lo or 1)} to {_col(hi)} over "
                                        f"{len(rows):,} rows ({len(rows) * (hi - (lo or 1) + 1):,} cells)")
        hidden.reverse()
        for row, row_no in zip(rows, numbers):
            while hidden and hidden[-1][0] < row_no:
                self._hidden(ref, *hidden.pop())
            used = _fit(row.cells, lo or 1, hi)
            if used:
                row.loc = self._next(f"{ref}!{_col(used[0])}{row_no}:{_col(used[1])}{row_no}")
                self.doc.units.append(row)
        while hidden:
            self._hidden(ref, *hidden.pop())
        for message, (row_no, col, count) in self.colours.issues.items():
            more = f" (and {count - 1} more cells)" if count > 1 else ""
            self.doc.notes.append((Location(self.path.name, self.ordinal, f"{ref}!{_col(col)}{row_no}"),
                                   f"{message}{more}"))

    def _too_wide(self, title: str, what: str) -> InputFileError:
        return InputFileError(f"sheet {title!r}: {what}, more than the {MAX_SHEET_CELLS:,} cells govgraph reads "
                              "from one sheet", source_file=str(self.path),
                              hint="A value or merge far to the right or below the tracker? Ctrl+End in Excel "
                                   "shows the last cell in use: delete what is beyond the tracker.")

    def _hidden(self, ref: str, row_no: int, cells: list[Cell]) -> None:
        """A note for a hidden row, showing its text, at the place it would have been."""
        used = _fit(cells, 1, len(cells))
        shown = " | ".join(c.text for c in cells if c.text and not c.merged)
        shown = shown if len(shown) <= 120 else shown[:119] + "…"
        label = f"{ref}!{_col(used[0])}{row_no}:{_col(used[1])}{row_no}" if used else f"{ref}!{row_no}:{row_no}"
        self.doc.notes.append((Location(self.path.name, self.ordinal, label), f"hidden row left out: {shown!r}"))

    def _rows(self, title: str, layout: Layout) -> Iterator[tuple[int, list[Cell]]]:
        """(row number, cells) for rows holding any text or fill, merges carried, not yet trimmed."""
        ws = self.wb[title]
        ws.reset_dimensions()  # a wrong <dimension> would otherwise cut rows short
        starts: dict[int, list[tuple[int, int, int, int]]] = {}
        for r1, c1, r2, c2 in layout.merges:  # carried no further than the sheet's last cell
            starts.setdefault(r1, []).append((r1, c1, r2, max(c1, min(c2, layout.last_col or c2))))
        active: list[tuple[int, int, int, int]] = []
        origin: dict[tuple[int, int], Cell] = {}
        copies = 0
        for row_no, raw in enumerate(self._guarded(ws.iter_rows()), 1):
            active = [m for m in active if m[2] >= row_no] + starts.pop(row_no, [])
            cells = [self._cell(c, row_no, col) for col, c in enumerate(raw, 1)]
            for r1, c1, r2, c2 in active:
                copies += c2 - c1 + 1
                if copies > MAX_SHEET_CELLS:
                    raise self._too_wide(title, f"its merged ranges (the last {_col(c1)}{r1}:{_col(c2)}{r2}) "
                                                f"cover {copies:,} cells")
                cells += [Cell("") for _ in range(c2 - len(cells))]
                top = origin.setdefault((r1, c1), cells[c1 - 1]) if row_no == r1 else origin[(r1, c1)]
                for col in range(c1, c2 + 1):
                    if (row_no, col) != (r1, c1):
                        cells[col - 1] = Cell(top.text, list(top.items), top.fill, merged=True)
                if row_no == r2:
                    origin.pop((r1, c1), None)
            if any(c.text or c.items or c.fill for c in cells):
                yield row_no, cells

    def _guarded(self, rows: Iterator[Any]) -> Iterator[Any]:
        """openpyxl's rows, with its errors on a damaged sheet turned into InputFileError."""
        while True:
            try:
                row = next(rows)
            except StopIteration:
                return
            except Exception as exc:  # bad XML deep in a sheet surfaces only while streaming
                raise _corrupt(self.path, exc) from None
            yield row

    def _cell(self, c: Any, row: int, col: int) -> Cell:
        try:  # openpyxl looks a cell's style up only when asked: a damaged styles part fails here
            value, fill, number_format = c.value, c.fill, c.number_format if c.value is not None else None
        except Exception as exc:
            raise _corrupt(self.path, exc) from None
        if fill is not None:
            fill = self.colours.fill(fill, row, col)
        if value is None:
            return Cell("", fill=fill)
        if isinstance(value, str):
            return sheet_cell(value, fill=fill)
        return Cell(display(value, number_format), fill=fill)


def display(value: object, number_format: str | None) -> str:
    """A cell value as Excel shows it: dates ISO (a date alone at midnight), whole numbers without '.0',
    fixed decimals, thousands and percentages as the format asks, 15 significant digits otherwise."""
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0, 0):
            return value.date().isoformat()
        return value.isoformat(sep=" ", timespec="minutes" if not value.second else "seconds")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        m = _FIXED.match(number_format or "")
        if m:
            places = len(m.group(2) or ".") - 1
            number = Decimal(repr(value)) * (100 if m.group(3) else 1)  # Excel rounds halves up: 1,234.5 -> 1,235
            number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
            return f"{number:{',' if m.group(1) else ''}.{places}f}{m.group(3) or ''}"
        if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return f"{value:.15g}" if isinstance(value, float) else str(value)
    return str(value)


class Colours:
    """Cell fills as '#RRGGBB': rgb, indexed and theme colours (with tint); white, auto and no fill are None.

    What cannot be resolved is counted per sheet in `issues` (message -> first row, column, count)."""

    def __init__(self, theme_xml: bytes | None) -> None:
        self.theme = _theme_colours(theme_xml)
        self.issues: dict[str, tuple[int, int, int]] = {}
        self._cache: dict[int, tuple[str | None, str]] = {}

    def fill(self, fill: Any, row: int, col: int) -> str | None:
        key = id(fill)
        if key not in self._cache:
            self._cache[key] = self._resolve(fill)
        hexa, issue = self._cache[key]
        if issue:
            first = self.issues.get(issue, (row, col, 0))
            self.issues[issue] = (first[0], first[1], first[2] + 1)
        return hexa

    def _resolve(self, fill: Any) -> tuple[str | None, str]:
        kind = getattr(fill, "fill_type", None) if getattr(fill, "tagname", "") != "gradientFill" else "gradient"
        if kind is None or kind == "none":
            return None, ""
        if kind == "gradient":
            return None, "gradient fill not read as a colour"
        hexa, issue = self.colour(getattr(fill, "fgColor", None))
        if kind != "solid" and hexa:
            return hexa, f"{kind} pattern fill read as its colour {hexa}"
        return hexa, issue

    def colour(self, c: Any) -> tuple[str | None, str]:
        """(#RRGGBB or None, what could not be resolved or '')."""
        kind = getattr(c, "type", None)
        if kind == "rgb" and isinstance(c.rgb, str) and re.fullmatch(r"[0-9A-Fa-f]{6,8}", c.rgb):
            return _not_white("#" + c.rgb[-6:].upper()), ""
        if kind == "indexed" and isinstance(c.indexed, int):
            from openpyxl.styles.colors import COLOR_INDEX

            if c.indexed < len(COLOR_INDEX) and c.indexed < 64:
                return _not_white("#" + COLOR_INDEX[c.indexed][-6:].upper()), ""
            return None, ""  # 64 and 65: the system's window colours
        if kind == "theme" and isinstance(c.theme, int):
            if c.theme < len(self.theme):
                return _not_white(_tinted(self.theme[c.theme], float(c.tint or 0))), ""
            return None, f"theme colour {c.theme} not in the workbook's theme; fill not read"
        return None, ""


def _theme_colours(theme_xml: bytes | None) -> list[str]:
    """The theme's colours in Excel's index order, as 'RRGGBB'; [] when the workbook has no theme."""
    if not theme_xml:
        return []
    try:
        root = ET.fromstring(theme_xml)
    except ET.ParseError:
        return []
    scheme = next((el for el in root.iter() if el.tag.endswith("}clrScheme")), None)
    if scheme is None:
        return []
    found: dict[str, str] = {}
    for slot in scheme:
        for spec in slot:
            value = spec.get("lastClr") or spec.get("val") or ""
            if re.fullmatch(r"[0-9A-Fa-f]{6}", value):
                found[slot.tag.rsplit("}", 1)[-1]] = value.upper()
    return [found.get(name, "000000") for name in _THEME_ORDER]


def _tinted(rgb: str, tint: float) -> str:
    """Excel's tint: lightness scaled towards black (tint < 0) or white (tint > 0)."""
    r, g, b = (int(rgb[i:i + 2], 16) / 255 for i in (0, 2, 4))
    h, lum, s = colorsys.rgb_to_hls(r, g, b)
    lum = lum * (1 + tint) if tint < 0 else lum * (1 - tint) + tint
    return "#" + "".join(f"{round(v * 255):02X}" for v in colorsys.hls_to_rgb(h, lum, s))


def _not_white(hexa: str) -> str | None:
    return None if hexa == "#FFFFFF" else hexa


def _fit(cells: list[Cell], lo: int, hi: int) -> tuple[int, int] | None:
    """Cut a row to columns lo..hi in place (padding with empty cells); its first and last column holding
    text or a fill, or None when it holds none."""
    del cells[hi:]
    del cells[:lo - 1]
    cells.extend(Cell("") for _ in range(hi - lo + 1 - len(cells)))
    used = [i for i, c in enumerate(cells, lo) if c.text or c.items or c.fill]
    return (used[0], used[-1]) if used else None


def _sheet_ref(title: str) -> str:
    """A sheet name as Excel writes it in a reference: quoted when it has spaces or looks like a cell."""
    if _PLAIN_NAME.fullmatch(title) and not _CELL_LIKE.fullmatch(title):
        return title
    return "'" + title.replace("'", "''") + "'"


def _col(index: int) -> str:
    letters = ""
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters

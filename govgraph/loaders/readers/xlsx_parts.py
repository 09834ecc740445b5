"""The parts of a workbook that openpyxl's read-only mode does not report, read straight from the ZIP.

Read-only openpyxl streams cells (bounded memory for any size) but gives no merged ranges, hidden rows,
header marks or sheet part names. These come from workbook.xml, its relationships and one streaming pass
(expat, no tree) over each sheet's XML, so a 200,000-row sheet keeps its merges too.
"""
from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass, field
from typing import Any
from xml.etree import ElementTree as ET
from xml.parsers import expat

_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


@dataclass
class SheetPart:
    """One sheet as workbook.xml lists it."""

    title: str
    state: str
    part: str
    kind: str


@dataclass
class Layout:
    """What read-only openpyxl does not give: merged ranges, hidden rows, rows marked as headers."""

    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    """(first row, first column, last row, last column), 1-based."""
    hidden: set[int] = field(default_factory=set)
    headers: set[int] = field(default_factory=set)
    last_col: int = 0
    """The last column any cell of the sheet stands in (1-based): merged ranges are carried no further."""


def _rels(zf: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """Relationship id -> (target part path, relationship type) of a part ('' for the package)."""
    folder, name = posixpath.split(part)
    rels_path = posixpath.join(folder, "_rels", f"{name}.rels")
    if rels_path not in zf.NameToInfo:
        return {}
    out = {}
    for rel in ET.fromstring(zf.read(rels_path)).iter(_REL):
        target = rel.get("Target", "")
        full = target[1:] if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
        out[rel.get("Id", "")] = (full, rel.get("Type", "").rsplit("/", 1)[-1])
    return out


def workbook_sheets(zf: zipfile.ZipFile) -> list[SheetPart]:
    """The sheets in workbook order with their state (visible, hidden, veryHidden) and XML part."""
    book = next((t for t, kind in _rels(zf, "").values() if kind == "officeDocument"), "xl/workbook.xml")
    rels = _rels(zf, book)
    out = []
    for el in ET.fromstring(zf.read(book)).iter():
        if el.tag.rsplit("}", 1)[-1] == "sheet":
            part, kind = rels.get(el.get(_R_ID, ""), ("", ""))
            out.append(SheetPart(el.get("name", ""), el.get("state", "visible"), part, kind))
    return out


def scan_layout(zf: zipfile.ZipFile, part: str) -> Layout:
    """One streaming pass over a sheet's XML for merges, hidden rows and header rows (bounded memory).

    A header row is the first row of an Excel table or of the sheet's filter; failing those, the last
    frozen row."""
    from openpyxl.utils.cell import range_boundaries

    lay = Layout()
    state = {"row": 0, "frozen": 0, "filter": 0}
    tables: list[str] = []
    cell: list[Any] = [None, 0]  # the row's last cell's attributes, and how many cells the row has

    def end_row() -> None:
        ref = cell[0].get("r") if cell[0] else None
        col = column_index(ref) if ref else cell[1]
        if col > MAX_COLUMN:
            raise ValueError(f"a cell in column {col:,}, beyond Excel's last column XFD ({MAX_COLUMN:,})")
        lay.last_col = max(lay.last_col, col)
        cell[0], cell[1] = None, 0

    def start(name: str, attrs: dict[str, str]) -> None:
        if name == "c" or name.endswith(":c"):
            cell[0] = attrs
            cell[1] += 1
            return
        if name == "v":
            return
        tag = name.rpartition(":")[2]
        if tag == "row":
            end_row()
            state["row"] = row_number(attrs["r"]) if "r" in attrs else state["row"] + 1
            if attrs.get("hidden") in ("1", "true"):
                lay.hidden.add(state["row"])
        elif tag == "mergeCell" and attrs.get("ref"):
            c1, r1, c2, r2 = range_boundaries(attrs["ref"])
            lay.merges.append((r1, c1, r2, c2))
        elif tag == "pane" and attrs.get("state") in ("frozen", "frozenSplit"):
            state["frozen"] = int(float(attrs.get("ySplit", "0")))
        elif tag == "autoFilter" and attrs.get("ref") and not state["filter"]:
            state["filter"] = range_boundaries(attrs["ref"])[1]
        elif tag == "tablePart":
            tables.extend(v for k, v in attrs.items() if k.endswith(":id") or k == "id")

    parser = expat.ParserCreate()
    parser.StartElementHandler = start
    with zf.open(part) as src:
        parser.ParseFile(src)
    end_row()
    lay.headers = _table_headers(zf, part, tables) | ({state["filter"]} if state["filter"] else set())
    if not lay.headers and state["frozen"]:
        lay.headers = {state["frozen"]}
    return lay


MAX_ROW = 1_048_576
MAX_COLUMN = 16_384
"""Excel's last row and column: a sheet naming one beyond them is damaged, and openpyxl would walk every
row up to it (a row numbered 10**40 in a 4 KB file never finished)."""


def row_number(text: str) -> int:
    """A row element's number; ValueError when it is not a row Excel can have."""
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"row number {text[:20]!r} is not a number") from None
    if not 1 <= value <= MAX_ROW:
        raise ValueError(f"row number {text[:20]!r} is outside Excel's rows 1 to {MAX_ROW:,}")
    return int(value)


def column_index(ref: str) -> int:
    """The column of a cell reference ('C7' -> 3; 'XFD1' -> 16384), 0 when it names none.

    >>> column_index("AB12"), column_index("12")
    (28, 0)
    """
    n = 0
    for ch in ref:
        if "A" <= ch <= "Z" or "a" <= ch <= "z":
            n = n * 26 + (ord(ch.upper()) - 64)
        else:
            break
    return n


def _table_headers(zf: zipfile.ZipFile, part: str, ids: list[str]) -> set[int]:
    from openpyxl.utils.cell import range_boundaries

    rels = _rels(zf, part)
    rows = set()
    for rid in ids:
        target = rels.get(rid, ("", ""))[0]
        if target in zf.NameToInfo:
            root = ET.fromstring(zf.read(target))
            if root.get("ref") and root.get("headerRowCount", "1") != "0":
                rows.add(range_boundaries(root.get("ref", ""))[1])
    return rows

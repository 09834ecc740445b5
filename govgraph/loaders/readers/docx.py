"""Word (.docx, .docm) reader: the body in document order as paragraphs, headings and table rows.

Tables and paragraphs are read from the body XML in the order they stand, so the narrative layout (a
heading per recommendation, then its table) keeps its shape. Word's own structure is trusted where it
exists: heading styles and outline levels give heading levels, `w:tblHeader` marks repeated header rows,
`w:vMerge`/`w:gridSpan` merges are carried down and across (one Cell per grid column, `merged=True` on
the copies), cell shading becomes `fill`, and automatic list numbers are written out ("1.", "2.") because
a tracker's No. column is often nothing but Word numbering. Running headers and footers live outside
the body and are never read. python-docx is imported inside `read()` so `govgraph --help` stays fast.
"""
from __future__ import annotations

import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from govgraph.errors import InputFileError
from govgraph.loaders.document import Break, Cell, Document, Location, Paragraph, Row, Unit
from govgraph.loaders.readers.wordnum import Numbering
from govgraph.loaders.readers.zipcheck import check_zip
from govgraph.loaders.readers.wordnum import int_attr as _int

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_MACRO_TYPES = (
    "application/vnd.ms-word.document.macroEnabled.main+xml",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml",
    "application/vnd.ms-word.template.macroEnabledTemplate.main+xml",
)
_SKIP_TEXT = {W + "del", W + "instrText", W + "delInstrText", MC + "Fallback", W + "txbxContent",
              W + "footnoteReference", W + "endnoteReference", W + "commentReference"}
"""Subtrees whose text is not the paragraph's: deletions, field codes, duplicate fallbacks, text boxes."""
_WRAPPERS = {W + "sdt", W + "sdtContent", W + "customXml", W + "smartTag"}
_BULLET = re.compile(r"^\s*[•·▪▫◦●○■□➢➤►▶✓✔\-–—*]\s+")
_WHITE = {"", "AUTO", "FFFFFF"}
_ON = {"", "1", "true", "on"}
_MAX_COLS = 63
"""Word's own limit on table columns: a larger span is a corrupt file, not a reason to allocate."""


def read(path: Path) -> Document:
    """Read a Word file into the neutral Document; a corrupt or non-Word file raises InputFileError."""
    check_zip(path, "Word")
    try:
        package = _open(path)
        return _Reader(path.name, package).read(str(path))
    except InputFileError:
        raise
    except (zipfile.BadZipFile, zlib.error, KeyError, ValueError, EOFError, OSError) as exc:
        raise _corrupt(path, exc) from None
    except Exception as exc:  # lxml's XMLSyntaxError and python-docx's own errors, named lazily
        if type(exc).__module__.split(".")[0] in ("lxml", "docx"):
            raise _corrupt(path, exc) from None
        raise


def _corrupt(path: Path, exc: BaseException) -> InputFileError:
    detail = str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__
    return InputFileError(f"is not a readable Word document ({detail})",
                          hint="Open it in Word and save it again as .docx, or give govgraph the PDF.",
                          source_file=str(path))


def _open(path: Path) -> Any:
    """The python-docx Document, accepting macro-enabled documents and templates as plain ones."""
    from docx.opc.constants import CONTENT_TYPE as CT
    from docx.opc.part import PartFactory
    from docx.package import Package
    from docx.parts.document import DocumentPart

    for ct in _MACRO_TYPES:  # python-docx maps only .docx's type; the XML of these is the same
        PartFactory.part_type_for.setdefault(ct, DocumentPart)
    if path.stat().st_size == 0:
        raise InputFileError("is empty (0 bytes), not a Word document", source_file=str(path),
                             hint="Check the file was saved or downloaded completely.")
    if not zipfile.is_zipfile(path):
        with path.open("rb") as f:
            if f.read(4) == b"\xd0\xcf\x11\xe0":
                raise InputFileError("is password-protected or a legacy Word file (.doc), which govgraph "
                                     "cannot read", hint="Remove the password, or save it as .docx.",
                                     source_file=str(path))
        raise InputFileError("is damaged or not a Word document (it is not a complete ZIP package)",
                             hint="Download or copy it again, or open it in Word and save it as .docx.",
                             source_file=str(path))
    with zipfile.ZipFile(path) as z:
        if "word/document.xml" not in z.namelist():
            raise InputFileError("is a ZIP archive but not a Word document (it holds no word/document.xml)",
                                 hint="govgraph reads .docx files saved by Word or LibreOffice.",
                                 source_file=str(path))
    part = Package.open(str(path)).main_document_part
    if part.content_type != CT.WML_DOCUMENT_MAIN and part.content_type not in _MACRO_TYPES:
        raise InputFileError(f"is a ZIP package but not a Word document (its main part is {part.content_type})",
                             hint="govgraph reads .docx files saved by Word or LibreOffice.",
                             source_file=str(path))
    return part.document


@dataclass
class _Style:
    name: str = ""
    based_on: str | None = None
    outline: int | None = None
    num: tuple[str, int] | None = None


def _val(el: Any) -> str | None:
    return None if el is None else el.get(W + "val")


def _on(el: Any) -> bool:
    """A Word toggle element: present means on unless its val says false."""
    return el is not None and (el.get(W + "val") or "").lower() in _ON


def _children(el: Any) -> Iterator[Any]:
    """An element's children, seeing through content controls and custom XML wrappers."""
    for child in el:
        if child.tag in _WRAPPERS:
            yield from _children(child)
        else:
            yield child


def _single(text: str) -> str:
    return " ".join(text.split())


@dataclass
class _Para:
    """One paragraph as read: its text (with any automatic number), list-ness and page breaks."""

    text: str
    bare: str
    """The text without its automatic number or leading bullet glyph: what a list item holds."""
    item: bool
    level: int
    break_before: bool
    break_after: bool
    boxes: list[Any]


class _Reader:
    """Walks one document body, numbering units and tables as it goes."""

    def __init__(self, file: str, document: Any) -> None:
        self.file = file
        self.body = document.element.body
        if self.body is None:
            raise ValueError("it has no document body")
        self.styles = self._styles(document)
        numbering = None
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError):
            pass
        self.numbering = Numbering.parse(numbering)
        self.units: list[Unit] = []
        self.notes: list[tuple[Location, str]] = []
        self.paragraphs = 0
        self.tables = 0

    @staticmethod
    def _styles(document: Any) -> dict[str, _Style]:
        styles: dict[str, _Style] = {}
        for s in document.styles.element.iterfind(W + "style"):
            if s.get(W + "type") not in ("paragraph", None):
                continue
            ppr = s.find(W + "pPr")
            st = _Style(name=(_val(s.find(W + "name")) or "").lower(), based_on=_val(s.find(W + "basedOn")))
            if ppr is not None:
                outline = _val(ppr.find(W + "outlineLvl"))
                st.outline = int(outline) if outline and outline.isdigit() else None
                num = ppr.find(W + "numPr")
                if num is not None and _val(num.find(W + "numId")) not in (None, "0"):
                    st.num = (_val(num.find(W + "numId")) or "", _int(_val(num.find(W + "ilvl")), 0, 8))
            styles[s.get(W + "styleId") or ""] = st
            if s.get(W + "default") in ("1", "true"):
                styles.setdefault("", st)
        return styles

    def _style_chain(self, style_id: str | None) -> Iterator[_Style]:
        seen: set[str] = set()
        sid = style_id if style_id is not None else ""
        while sid is not None and sid not in seen and sid in self.styles:
            seen.add(sid)
            yield self.styles[sid]
            sid = self.styles[sid].based_on  # type: ignore[assignment]

    # ---- paragraphs -------------------------------------------------------------------------------
    def _paragraph(self, p: Any) -> _Para:
        ppr = p.find(W + "pPr")
        style_id = _val(ppr.find(W + "pStyle")) if ppr is not None else None
        chain = list(self._style_chain(style_id))
        level = self._level(ppr, chain)
        num = self._num(ppr, chain)
        parts: list[str] = []
        boxes: list[Any] = []
        breaks: list[int] = []
        self._walk(p, parts, boxes, breaks)
        raw = "".join(parts)
        label = self.numbering.label(*num) if num else ""
        text = _single(raw) if level else "\n".join(_single(x) for x in raw.split("\n") if x.strip())
        style_list = any(s.name.startswith("list") and "continue" not in s.name for s in chain[:1])
        bare = _BULLET.sub("", text, count=1)
        item = not level and bool(num or style_list or bare != text) and bool(bare)
        full = f"{label} {text}".strip() if label else text
        before = _on(ppr.find(W + "pageBreakBefore")) if ppr is not None else False
        sect = ppr.find(W + "sectPr") if ppr is not None else None
        after = sect is not None and _val(sect.find(W + "type")) not in ("continuous",)
        before = before or bool(breaks and breaks[0] == 0 and raw.strip())
        after = after or bool(breaks and (not raw.strip() or breaks[-1] > 0))
        return _Para(full, bare, item, level, before, after, boxes)

    def _level(self, ppr: Any, chain: list[_Style]) -> int:
        """Heading level: the paragraph's outline level, else its style's (Heading N, Title, outline)."""
        own = _val(ppr.find(W + "outlineLvl")) if ppr is not None else None
        if own is not None and own.isdigit():
            return int(own) + 1 if int(own) < 9 else 0
        for st in chain:
            m = re.fullmatch(r"heading (\d)", st.name)
            if m:
                return int(m.group(1))
            if st.name == "title":
                return 1
            if st.outline is not None:
                return st.outline + 1 if st.outline < 9 else 0
        return 0

    def _num(self, ppr: Any, chain: list[_Style]) -> tuple[str, int] | None:
        num = ppr.find(W + "numPr") if ppr is not None else None
        if num is not None:
            num_id = _val(num.find(W + "numId"))
            if num_id == "0":
                return None
            ilvl = _val(num.find(W + "ilvl"))
            if num_id is not None:
                return num_id, _int(ilvl, 0, 8)
            style_num = next((s.num for s in chain if s.num), None)
            return (style_num[0], _int(ilvl, 0, 8)) if style_num else None
        return next((s.num for s in chain if s.num), None)

    def _walk(self, el: Any, parts: list[str], boxes: list[Any], breaks: list[int]) -> None:
        """Collect a paragraph's visible text, its text boxes (read after it) and page-break positions."""
        for child in el:
            tag = child.tag
            if tag == W + "txbxContent":
                boxes.append(child)
            elif tag in _SKIP_TEXT:
                continue
            elif tag == W + "t":
                parts.append(child.text or "")
            elif tag in (W + "tab", W + "noBreakHyphen", W + "softHyphen"):
                parts.append({W + "tab": " ", W + "noBreakHyphen": "-"}.get(tag, ""))
            elif tag in (W + "br", W + "cr"):
                if child.get(W + "type") == "page":
                    breaks.append(len("".join(parts).strip()))
                else:
                    parts.append("\n")
            else:
                self._walk(child, parts, boxes, breaks)

    # ---- body -------------------------------------------------------------------------------------
    def read(self, source: str) -> Document:
        self._blocks(self.body)
        return Document(source_file=source, format="Word", units=self.units, notes=self.notes)

    def _loc(self, label: str) -> Location:
        return Location(self.file, len(self.units) + 1, label)

    def _add(self, unit: Unit) -> None:
        self.units.append(unit)

    def _break(self) -> None:
        if self.units and not isinstance(self.units[-1], Break):
            self._add(Break(self._loc(f"page break after paragraph {self.paragraphs}"), ""))

    def _blocks(self, container: Any) -> None:
        for el in _children(container):
            if el.tag == W + "p":
                self._body_paragraph(el)
            elif el.tag == W + "tbl":
                self._table(el)
            elif el.tag == W + "altChunk":
                self.notes.append((self._loc(f"after paragraph {self.paragraphs}"),
                                   "an embedded document (altChunk) was not read; paste its text into the file"))

    def _body_paragraph(self, p: Any) -> None:
        para = self._paragraph(p)
        if para.break_before:
            self._break()
        if para.text:
            self.paragraphs += 1
            self._add(Paragraph(para.text.replace("\n", " "), self._loc(f"paragraph {self.paragraphs}"), para.level))
        for box in para.boxes:
            self._blocks(box)
        if para.break_after:
            self._break()

    # ---- tables -----------------------------------------------------------------------------------
    def _table(self, tbl: Any) -> None:
        self.tables += 1
        table = self.tables
        base = len(self.units) + 1

        def locate(r: int) -> Location:
            return Location(self.file, base + r - 1, f"table {table}, row {r}")

        for r, (cells, header) in enumerate(self._grid(tbl, locate), 1):
            self._add(Row(cells, locate(r), table, header))

    def _grid(self, tbl: Any, locate: Callable[[int], Location]) -> list[tuple[list[Cell], bool]]:
        """The table as rows of grid cells: spans repeated across, vertical merges carried down.

        `locate(r)` is where row r will stand, for notes (a nested table's rows all stand in its parent's)."""
        grid = tbl.find(W + "tblGrid")
        width = len(grid.findall(W + "gridCol")) if grid is not None else 0
        rows: list[tuple[list[Cell], bool]] = []
        for r, tr in enumerate((c for c in _children(tbl) if c.tag == W + "tr"), 1):
            trpr = tr.find(W + "trPr")
            header = trpr is not None and _on(trpr.find(W + "tblHeader"))
            before = _int(_val(trpr.find(W + "gridBefore")), 0, _MAX_COLS) if trpr is not None else 0
            cells: list[Cell] = [Cell("") for _ in range(before)]
            above = rows[-1][0] if rows else []
            for tc in (c for c in _children(tr) if c.tag == W + "tc"):
                cells.extend(self._cell(tc, cells, above, locate(r)))
            rows.append((cells, header))
            width = max(width, len(cells))
        for cells, _ in rows:
            cells.extend(Cell("") for _ in range(width - len(cells)))
        return rows

    def _cell(self, tc: Any, left: list[Cell], above: list[Cell], where: Location) -> list[Cell]:
        """The grid cells one w:tc fills: itself, then merged copies for its span."""
        col = len(left)
        tcpr = tc.find(W + "tcPr")
        span = _int(_val(tcpr.find(W + "gridSpan")), 1, _MAX_COLS) if tcpr is not None else 1
        vmerge = tcpr.find(W + "vMerge") if tcpr is not None else None
        hmerge = tcpr.find(W + "hMerge") if tcpr is not None else None
        if vmerge is not None and _val(vmerge) != "restart":
            if col < len(above):
                src = above[col]
                return [Cell(src.text, list(src.items), src.fill, merged=True) for _ in range(max(span, 1))]
            self.notes.append((where, f"column {col + 1} continues a merge with no cell above; "
                                                 "read as empty"))
        cell = self._content(tc, tcpr, where)
        if hmerge is not None and _val(hmerge) != "restart" and left:
            cell = Cell(left[-1].text, list(left[-1].items), left[-1].fill, merged=True)  # legacy merge
        copies = [Cell(cell.text, list(cell.items), cell.fill, merged=True) for _ in range(max(span, 1) - 1)]
        return [cell, *copies]

    def _content(self, tc: Any, tcpr: Any, where: Location) -> Cell:
        """A cell's paragraphs (nested tables flattened in place), list items and shading."""
        lines: list[str] = []
        items: list[str] = []
        fills: list[str | None] = []
        for el in _children(tc):
            if el.tag == W + "p":
                para = self._paragraph(el)
                fills.append(_fill(el.find(W + "pPr")))
                if para.text:
                    lines.append(para.text)
                if para.item:
                    items.append(para.bare)
            elif el.tag == W + "tbl":
                self.notes.append((where, "a table nested in a cell was read as that cell's text"))
                for cells, _ in self._grid(el, lambda _r: where):
                    line = "; ".join(c.text.replace("\n", " ") for c in cells if c.text and not c.merged)
                    if line:
                        lines.append(line)
                    for c in cells:
                        items.extend([] if c.merged else c.items)
        if len(items) == 1 and len(lines) == 1:
            items = []  # one numbered or bulleted paragraph is a row's number, not a list in the cell
        fill = _fill(tcpr)
        if fill is None and fills and len(set(fills)) == 1:
            fill = fills[0]  # shading applied to the paragraphs rather than the cell
        return Cell("\n".join(lines), items, fill)


def _fill(pr: Any) -> str | None:
    """`#RRGGBB` from a w:shd (solid pattern colour, else fill), None for none, auto or white."""
    shd = pr.find(W + "shd") if pr is not None else None
    if shd is None:
        return None
    colour = shd.get(W + "color") if shd.get(W + "val") == "solid" else shd.get(W + "fill")
    colour = (colour or "").upper()
    if colour in _WHITE or not re.fullmatch(r"[0-9A-F]{6}", colour):
        return None
    return "#" + colour

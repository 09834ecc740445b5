"""What the PDF reader takes from each page: words with their font, filled rectangles, ruled tables.

The page content is read with PDFium (`pypdfium2`, which pdfplumber itself depends on) because
pdfplumber's own parsing costs about 0.3 s of CPU per page of a dense tracker (pdfminer's interpreter
alone 0.13 s), too slow for a 30-page plan in under 5 s; PDFium reads the same page in about 0.03 s.
Ruled tables are found by pdfplumber's `TableFinder` with the lines strategy, fed the page's rules:
every horizontal or vertical stretch of a drawn path, as pdfplumber makes edges from lines, rectangles
and curves. Coordinates are points from the page's top-left as displayed (its /Rotate applied).
Only imported by `pdf.read`, so `govgraph --help` does not load PDFium or pdfplumber.

Bounded per page: letters are counted before any is read (`TooManyLetters` past the caller's limit), and
page objects plus path segments are counted before any drawing is read; past the limit the page's
drawings are left out (`RawPage.drawings_skipped`), its text still read. Table finding on the edges grows
faster than linearly (40,000 rectangles: 6 s), and a plan's page draws a few hundred.
"""
from __future__ import annotations

import ctypes
from collections.abc import Iterator
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import Any

import pdfplumber.table
import pypdfium2 as pdfium
import pypdfium2.raw as raw

from govgraph.loaders.readers.pdf_layout import BOLD, Word

Box = tuple[float, float, float, float]
Fill = tuple[float, float, float, float, "str | None"]
Grid = list[tuple[Box, list[tuple[Box, list["Box | None"]]]]]
"""Tables as (table box, rows as (row box, cell boxes with None where a merged cell covers the grid))."""
LINES = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}
X_TOLERANCE = 3.0
"""Letters further apart than this start a new word (pdfplumber's default)."""
HYPHENS = {0x02: "-", 0xFFFE: "-", 0xAD: "-", 0x2010: "-", 0x2011: "-"}
"""PDFium reports a hyphen that ends a line as U+0002 (U+FFFE in page text); soft and non-breaking
hyphens read as '-'."""


@dataclass
class RawPage:
    """A page as plain values: words, filled rectangles (box and colour), ruled tables' cell grids."""

    height: float
    words: list[Word] = field(default_factory=list)
    fills: list[Fill] = field(default_factory=list)
    tables: Grid = field(default_factory=list)
    images: bool = False
    unmapped: bool = False
    letters: int = 0
    """Characters in the page's text, spaces included (PDFium's count)."""
    drawings_skipped: int = 0
    """When the page drew more than the object limit: how many objects and path segments it had at least."""


class TooManyLetters(ValueError):
    """A page with more letters than the caller allows: `count`, checked before a letter is read."""

    def __init__(self, count: int) -> None:
        super().__init__(f"{count:,} letters")
        self.count = count


class _View:
    """Maps PDF user space (origin bottom-left, unrotated) to the displayed page (origin top-left)."""

    def __init__(self, page: Any) -> None:
        self.left, self.bottom, self.right, self.top = page.get_cropbox()
        self.rotation = page.get_rotation() % 360

    @property
    def size(self) -> tuple[float, float]:
        w, h = self.right - self.left, self.top - self.bottom
        return (h, w) if self.rotation in (90, 270) else (w, h)

    def point(self, x: float, y: float) -> tuple[float, float]:
        if self.rotation == 90:
            return y - self.bottom, x - self.left
        if self.rotation == 180:
            return self.right - x, y - self.bottom
        if self.rotation == 270:
            return self.top - y, self.right - x
        return x - self.left, self.top - y

    def box(self, left: float, bottom: float, right: float, top: float) -> Box:
        (ax, ay), (bx, by) = self.point(left, bottom), self.point(right, top)
        return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)


def open_document(path: str) -> Any:
    """The PDFium document; raises pdfium.PdfiumError (with err_code) when it cannot be opened."""
    return pdfium.PdfDocument(path)


def page_count(document: Any) -> int:
    return len(document)


def password_error(exc: Exception) -> bool:
    return getattr(exc, "err_code", None) in (raw.FPDF_ERR_PASSWORD, raw.FPDF_ERR_SECURITY)


def library_errors() -> tuple[type[Exception], ...]:
    return (pdfium.PdfiumError,)


def extract(document: Any, index: int, max_letters: int | None = None, max_objects: int | None = None) -> RawPage:
    """Read page `index` (0-based) and close it; TooManyLetters past `max_letters`, and no drawings read past
    `max_objects` page objects and path segments."""
    page = document[index]
    textpage = page.get_textpage()
    try:
        letters = raw.FPDFText_CountChars(textpage)
        if max_letters is not None and letters > max_letters:
            raise TooManyLetters(letters)
        view = _View(page)
        result = RawPage(height=view.size[1], letters=letters)
        result.words = list(_words(textpage, view))
        result.unmapped = any(w.text.count("\ufffd") for w in result.words)
        drawn = _count_objects(page.raw, max_objects) if max_objects is not None else 0
        if max_objects is not None and drawn > max_objects:
            result.drawings_skipped = drawn
            return result
        edges: list[dict[str, Any]] = []
        for obj, matrix in _objects(page.raw):
            kind = raw.FPDFPageObj_GetType(obj)
            if kind == raw.FPDF_PAGEOBJ_IMAGE:
                result.images = True
            elif kind == raw.FPDF_PAGEOBJ_PATH:
                _path(obj, matrix, view, edges, result.fills)
        result.tables = _tables(edges, view.size)
        return result
    finally:
        textpage.close()
        page.close()


def _words(textpage: Any, view: _View) -> Iterator[Word]:
    """Letters into words: a space, a gap wider than X_TOLERANCE or a step back (a new line or column;
    kerned and ligature letters overlap but never start before the letter before) ends a word. The font's
    name and weight (for bold) and its Unicode map are asked once a word, the box and size once a letter."""
    rect = raw.FS_RECTF()
    count = raw.FPDFText_CountChars(textpage)
    text = textpage.get_text_range()
    if len(text) != count:  # a letter outside the BMP takes two UTF-16 units: ask letter by letter
        text = "".join(chr(c) if 0 < c < 0x110000 else "\ufffd"
                       for c in (raw.FPDFText_GetUnicode(textpage, i) for i in range(count)))
    letters: list[tuple[str, Box, float]] = []
    style = (False, False)
    for i, char in enumerate(text):
        char = HYPHENS.get(ord(char), char)
        if char.isspace() or not raw.FPDFText_GetLooseCharBox(textpage, i, rect):
            if letters:
                yield _word(letters, *style)
                letters = []
            continue
        box = view.box(rect.left, rect.bottom, rect.right, rect.top)
        size = float(raw.FPDFText_GetFontSize(textpage, i))
        if letters and (abs(box[1] - letters[-1][1][1]) > 3
                        or not letters[-1][1][0] - 0.5 <= box[0] <= letters[-1][1][2] + X_TOLERANCE):
            yield _word(letters, *style)
            letters = []
        if not letters:
            style = (_bold(textpage, i), raw.FPDFText_HasUnicodeMapError(textpage, i) == 1)
        letters.append((char, box, size))
    if letters:
        yield _word(letters, *style)


def _bold(textpage: Any, i: int) -> bool:
    if raw.FPDFText_GetFontWeight(textpage, i) >= 600:
        return True
    name = ctypes.create_string_buffer(96)
    raw.FPDFText_GetFontInfo(textpage, i, name, len(name), None)
    return bool(BOLD.search(name.value.decode("latin-1")))


def _word(letters: list[tuple[str, Box, float]], bold: bool, unmapped: bool) -> Word:
    boxes = [b for _, b, _ in letters]
    text = "\ufffd" * len(letters) if unmapped else "".join(t for t, _, _ in letters)
    return Word(text, min(b[0] for b in boxes), max(b[2] for b in boxes), min(b[1] for b in boxes),
                max(b[3] for b in boxes), max(s for _, _, s in letters), bold)


Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _times(m: Matrix, n: Matrix) -> Matrix:
    """m then n (PDF row-vector convention)."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (a * p + b * r, a * q + b * s, c * p + d * r, c * q + d * s, e * p + f * r + t, e * q + f * s + u)


def _matrix(obj: Any) -> Matrix:
    m = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(obj, m):
        return IDENTITY
    return (m.a, m.b, m.c, m.d, m.e, m.f)


def _objects(page: Any) -> Iterator[tuple[Any, Matrix]]:
    """Every page object with the matrix of the forms around it (form XObjects opened)."""
    stack: list[tuple[Any, Matrix]] = [(raw.FPDFPage_GetObject(page, i), IDENTITY)
                                       for i in range(raw.FPDFPage_CountObjects(page))]
    stack.reverse()
    while stack:
        obj, outer = stack.pop()
        if raw.FPDFPageObj_GetType(obj) == raw.FPDF_PAGEOBJ_FORM:
            inner = _times(_matrix(obj), outer)
            children = [(raw.FPDFFormObj_GetObject(obj, i), inner) for i in range(raw.FPDFFormObj_CountObjects(obj))]
            stack.extend(reversed(children))
        else:
            yield obj, outer


def _count_objects(page: Any, limit: int) -> int:
    """Page objects (inside forms too) plus path segments, counted until past `limit`."""
    count = 0
    for obj, _ in _objects(page):
        count += 1
        if raw.FPDFPageObj_GetType(obj) == raw.FPDF_PAGEOBJ_PATH:
            count += max(0, raw.FPDFPath_CountSegments(obj))
        if count > limit:
            break
    return count


def _path(obj: Any, outer: Matrix, view: _View, edges: list[dict[str, Any]], fills: list[Fill]) -> None:
    """A drawn path's horizontal and vertical stretches as edges; a filled rectangle also as a fill."""
    mode, stroke = ctypes.c_int(), ctypes.c_int()
    raw.FPDFPath_GetDrawMode(obj, ctypes.byref(mode), ctypes.byref(stroke))
    if not mode.value and not stroke.value:
        return
    m = _times(_matrix(obj), outer)
    for points in _subpaths(obj):
        shown = [view.point(m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]) for x, y in points]
        for (x0, y0), (x1, y1) in zip(shown, shown[1:]):
            if abs(x0 - x1) < 0.1 or abs(y0 - y1) < 0.1:
                edges.append(_edge(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)))
        if mode.value and _rectangle(shown):
            xs, ys = [p[0] for p in shown], [p[1] for p in shown]
            fills.append((min(xs), min(ys), max(xs), max(ys), _colour(obj)))


def _subpaths(obj: Any) -> Iterator[list[tuple[float, float]]]:
    points: list[tuple[float, float]] = []
    x, y = ctypes.c_float(), ctypes.c_float()
    for i in range(raw.FPDFPath_CountSegments(obj)):
        segment = raw.FPDFPath_GetPathSegment(obj, i)
        raw.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y))
        if raw.FPDFPathSegment_GetType(segment) == raw.FPDF_SEGMENT_MOVETO and points:
            yield points
            points = []
        points.append((x.value, y.value))
        if raw.FPDFPathSegment_GetClose(segment) and points:
            points.append(points[0])
    if points:
        yield points


def _rectangle(points: list[tuple[float, float]]) -> bool:
    """Four corners (repeated points aside), every side horizontal or vertical, with some area."""
    corners = [p for i, p in enumerate(points) if i == 0 or not _near(p, points[i - 1])]
    if len(corners) > 1 and _near(corners[0], corners[-1]):
        corners.pop()
    if len(corners) != 4:
        return False
    ring = corners + [corners[0]]
    straight = all(abs(a[0] - b[0]) < 0.1 or abs(a[1] - b[1]) < 0.1 for a, b in zip(ring, ring[1:]))
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    return straight and max(xs) - min(xs) > 1 and max(ys) - min(ys) > 1


def _near(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return abs(a[0] - b[0]) < 0.1 and abs(a[1] - b[1]) < 0.1


def _colour(obj: Any) -> str | None:
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    if not raw.FPDFPageObj_GetFillColor(obj, ctypes.byref(r), ctypes.byref(g), ctypes.byref(b), ctypes.byref(a)):
        return None
    if a.value == 0 or min(r.value, g.value, b.value) >= 250:
        return None
    return f"#{r.value:02X}{g.value:02X}{b.value:02X}"


def _edge(x0: float, top: float, x1: float, bottom: float) -> dict[str, Any]:
    return {"object_type": "line", "x0": x0, "x1": x1, "top": top, "bottom": bottom, "doctop": top,
            "width": x1 - x0, "height": bottom - top, "orientation": "h" if bottom - top < 0.1 else "v"}


def _tables(edges: list[dict[str, Any]], size: tuple[float, float]) -> Grid:
    """pdfplumber's lines strategy on the page's edges: each table's box and its rows of cell boxes."""
    if len(edges) < 4:
        return []
    stand_in = SimpleNamespace(edges=edges, bbox=(0.0, 0.0, size[0], size[1]))
    finder = pdfplumber.table.TableFinder(stand_in, LINES)  # type: ignore[arg-type]
    return [(t.bbox, [(row.bbox, list(row.cells)) for row in t.rows]) for t in finder.tables]

"""Page geometry for the PDF reader: words into lines, ruled tables' cells into text (merged cells carried,
fills behind them), unruled tables by alignment, headings by font.

Pure functions over plain records (no pdfplumber here), so each rule can be tested on hand-made
words. Coordinates are PDF points from the top-left of the page, as pdfplumber gives them.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from govgraph.loaders.document import Cell

Box = tuple[float, float, float, float]
BULLETS = "•·▪▫◦●○■□‣∙➢➤►▶✓✔\uf0b7\uf0a7\uf0d8\\-–—*"
ITEM = re.compile(rf"^(?:[{BULLETS}](?=\s)|\d{{1,2}}[.)](?=\s))\s*")
"""A list item's start: a bullet glyph (Word's Symbol bullet U+F0B7 included) or '1.' / '1)'."""
CONTINUES = re.compile(r"^[a-z0-9]")
HYPHENATED = re.compile(r"[^\W\d_]-$")
"""A line ending in a word and a hyphen ('multi-'): the next line's word joins it without a space."""
BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)


@dataclass
class Word:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float = 10.0
    bold: bool = False


@dataclass
class Line:
    """Words on one baseline, left to right; `number` counts the page's lines from the top (1-based)."""

    words: list[Word]
    number: int = 0

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def top(self) -> float:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> float:
        return max(w.bottom for w in self.words)

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def size(self) -> float:
        return max(w.size for w in self.words)

    @property
    def bold(self) -> bool:
        return all(w.bold for w in self.words)


@dataclass
class RawCell:
    """A cell's lines as printed; `forced[i]` says line i ends in a word broken for want of room."""

    lines: list[str] = field(default_factory=list)
    forced: list[bool] = field(default_factory=list)
    fill: str | None = None
    merged: bool = False

    @property
    def empty(self) -> bool:
        return not any(line.strip() for line in self.lines)

    def extend(self, other: RawCell) -> None:
        """Append a continuation (the same cell's lines on the next page)."""
        self.lines += other.lines
        self.forced += other.forced
        self.fill = self.fill or other.fill


@dataclass
class RawRow:
    cells: list[RawCell]
    top: float
    bottom: float
    number: int
    """The row's position in the table's part on its page (1-based), as a reader counts it there."""
    header: bool = False
    last_page: int = 0
    """Set when the row was merged with its continuation on a later page."""
    open_cols: list[int] = field(default_factory=list)
    """Columns whose list runs on into a row on the next page that was not merged with this one."""


@dataclass
class RawTable:
    """A table's part on one page: rows, its column boundaries (x) and bounding box."""

    rows: list[RawRow]
    columns: list[float]
    bbox: tuple[float, float, float, float]
    ruled: bool = True
    number: int = 0


def to_lines(words: Iterable[Word]) -> list[Line]:
    """Group words into lines: a word whose vertical middle falls inside the current line's band joins it."""
    lines: list[Line] = []
    for word in sorted(words, key=lambda w: (round(w.top, 1), w.x0)):
        middle = (word.top + word.bottom) / 2
        if lines and lines[-1].top <= middle <= lines[-1].bottom:
            lines[-1].words.append(word)
        else:
            lines.append(Line([word]))
    for line in lines:
        line.words.sort(key=lambda w: w.x0)
    return lines


def cell_lines(words: Sequence[Word], left: float, right: float) -> RawCell:
    """A ruled cell's words as lines; a line holding one word that reaches the cell's right padding was
    broken there by the layout (LibreOffice and Word break a word longer than the cell)."""
    cell = RawCell()
    if not words:
        return cell
    pad = max(min(w.x0 for w in words) - left, 0.0)
    for line in to_lines(words):
        last = line.words[-1]
        cell.lines.append(line.text)
        cell.forced.append(len(line.words) == 1 and last.x1 >= right - pad - 0.6 * last.size)
    return cell


_FUNCTION_WORD = re.compile(r"^(?:of|and|the|to|for|in|on|with|by|at|from|or|as|is|are|be|will|an?)\b")
"""Words that start a line after a word that merely filled a narrow cell ('timeliness' / 'of strategy'), where
the break looks forced: never the rest of a word the layout broke."""


def join_lines(before: str, forced: bool, after: str) -> str:
    """Join two lines of one paragraph, mending a word or number the layout broke across them."""
    if (forced and CONTINUES.match(after) and not _FUNCTION_WORD.match(after)) or (
            HYPHENATED.search(before) and after[:1].islower()):
        return before + after
    return f"{before} {after}" if before else after


def to_cell(raw: RawCell) -> Cell:
    """The neutral cell: paragraphs (each list item its own) joined by newlines, as printed; `items` the
    list items without their bullet or number. One bulleted or numbered line alone is not a list (as the
    Word reader has it: a row's number, not a list in the cell)."""
    paragraphs: list[str] = []
    items: list[str] = []
    in_item = False
    for i, line in enumerate(raw.lines):
        line = " ".join(line.split())
        if not line:
            continue
        if ITEM.match(line):
            paragraphs.append(line)
            items.append(ITEM.sub("", line))
            in_item = True
        elif paragraphs:
            forced = raw.forced[i - 1] if i else False
            paragraphs[-1] = join_lines(paragraphs[-1], forced, line)
            if in_item:
                items[-1] = join_lines(items[-1], forced, line)
        else:
            paragraphs.append(line)
    if len(items) == 1 and len(paragraphs) == 1:
        items = []
    return Cell(text="\n".join(paragraphs), items=items, fill=raw.fill, merged=raw.merged)


def segments(line: Line) -> list[list[Word]]:
    """The line's runs of words separated by a gap wider than a space (a column gap)."""
    runs: list[list[Word]] = []
    for word in line.words:
        if runs and word.x0 - runs[-1][-1].x1 <= 0.8 * word.size:
            runs[-1].append(word)
        else:
            runs.append([word])
    return runs


def _column_of(starts: Sequence[float], run: list[Word], tol: float) -> int | None:
    """The column a run of words sits in: starts at a column start and ends before the next one."""
    for i, start in enumerate(starts):
        if abs(run[0].x0 - start) <= tol:
            limit = starts[i + 1] if i + 1 < len(starts) else float("inf")
            return i if run[-1].x1 <= limit + tol else None
    return None


def unruled_tables(lines: Sequence[Line], *, min_columns: int = 3) -> list[tuple[int, int, RawTable]]:
    """Tables drawn without rules, found by alignment: a line of 3+ column runs, then the lines whose runs
    all start at those columns and fit within them. Returns (first line index, end index, table)."""
    found: list[tuple[int, int, RawTable]] = []
    i = 0
    while i < len(lines):
        runs = segments(lines[i])
        if len(runs) < min_columns:
            i += 1
            continue
        starts = [run[0].x0 for run in runs]
        placed_lines: list[tuple[Line, list[list[list[Word]]]]] = []
        end = i
        while end < len(lines):
            line = lines[end]
            if end > i and line.top - lines[end - 1].bottom > 2 * line.size:
                break
            placed = _place(segments(line), starts)
            if placed is None:
                break
            placed_lines.append((line, placed))
            end += 1
        rows = _rows(placed_lines, len(starts))
        if len(rows) >= 2 and sum(1 for r in rows if sum(1 for c in r if c) >= min_columns) >= 2:
            found.append((i, end, _unruled_table(rows, starts, lines[i:end])))
            i = end
        else:
            i += 1
    return found


def _rows(placed: list[tuple[Line, list[list[list[Word]]]]], width: int) -> list[list[list[list[Word]]]]:
    """Lines into rows. Where rows are spaced wider than their lines, a wide gap starts a row; else a line
    with text in the first column (or in all columns but one) does."""
    gaps = [line.top - before.bottom for (before, _), (line, _) in zip(placed, placed[1:])]
    size = placed[0][0].size if placed else 10.0
    spaced = bool(gaps) and max(gaps) > min(gaps) + 0.3 * size
    rows: list[list[list[list[Word]]]] = []
    for k, (_, cells) in enumerate(placed):
        if spaced:
            starts_row = k == 0 or gaps[k - 1] > min(gaps) + 0.3 * size
        else:
            starts_row = not rows or bool(cells[0]) or sum(1 for c in cells if c) >= max(2, width - 1)
        if starts_row:
            rows.append([[] for _ in range(width)])
        for col, runs in enumerate(cells):
            rows[-1][col].extend(runs)
    return rows


def _place(runs: list[list[Word]], starts: Sequence[float]) -> list[list[list[Word]]] | None:
    placed: list[list[list[Word]]] = [[] for _ in starts]
    for run in runs:
        col = _column_of(starts, run, tol=3.0)
        if col is None:
            return None
        placed[col].append(run)
    return placed


def _unruled_table(rows: list[list[list[list[Word]]]], starts: list[float], lines: Sequence[Line]) -> RawTable:
    """The rows as cells; a cell line of one word as wide as its column's widest text was broken there."""
    widths = [max((run[-1].x1 - run[0].x0 for row in rows for run in row[c]), default=0.0) for c in range(len(starts))]
    raw_rows = []
    for n, row in enumerate(rows, start=1):
        cells = [RawCell(lines=[" ".join(w.text for w in run) for run in runs],
                         forced=[len(run) == 1 and run[0].x1 - run[0].x0 >= 0.95 * widths[c] for run in runs])
                 for c, runs in enumerate(row)]
        words = [w for runs in row for run in runs for w in run]
        raw_rows.append(RawRow(cells, min(w.top for w in words), max(w.bottom for w in words), n))
    bbox = (min(ln.x0 for ln in lines), lines[0].top, max(ln.words[-1].x1 for ln in lines), lines[-1].bottom)
    return RawTable(raw_rows, list(starts), bbox, ruled=False)


def inside(word: Word, bbox: Box) -> bool:
    cx, cy = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
    return bbox[0] - 1 <= cx <= bbox[2] + 1 and bbox[1] - 1 <= cy <= bbox[3] + 1


def ruled_table(bbox: Box, rows: list[tuple[Box, list[Box | None]]], words: list[Word],
           fills: list[tuple[float, float, float, float, str | None]]) -> RawTable | None:
    """A ruled table's rows of cells (one per grid column), spanned cells carried down or across."""
    if not rows or len(rows[0][1]) < 2:
        return None  # a single box round some text is a frame, not a table
    mine = [w for w in words if inside(w, bbox)]
    boxes = [c for _, cells in rows for c in cells if c]
    by_box: dict[Box, list[Word]] = {b: [] for b in boxes}
    for word in mine:
        cx, cy = (word.x0 + word.x1) / 2, (word.top + word.bottom) / 2
        for b in boxes:
            if b[0] <= cx <= b[2] and b[1] <= cy <= b[3]:
                by_box[b].append(word)
                break
    grid: list[list[tuple[Box | None, RawCell]]] = []
    for r, (row_box, cells) in enumerate(rows):
        line: list[tuple[Box | None, RawCell]] = []
        for c, b in enumerate(cells):
            if b is None:
                line.append((None, _carried(grid, line, r, c, row_box)))
                continue
            cell = cell_lines(by_box[b], b[0], b[2])
            cell.fill = _fill_behind(b, fills)
            line.append((b, cell))
        grid.append(line)
    columns = sorted({b[0] for b in boxes})
    table_rows = [RawRow([cell for _, cell in line], row_box[1], row_box[3], n)
                  for n, (line, (row_box, _)) in enumerate(zip(grid, rows), start=1)]
    return RawTable(table_rows, columns, bbox)


def _carried(grid: list[list[tuple[Box | None, RawCell]]], line: list[tuple[Box | None, RawCell]], r: int,
             c: int, row_box: Box) -> RawCell:
    """The cell a merge covers: the one above whose box reaches this row, else the one to the left."""
    for above in reversed(grid):
        box, cell = above[c] if c < len(above) else (None, RawCell())
        if box is not None and box[3] > row_box[1] + 1:
            return RawCell(list(cell.lines), list(cell.forced), cell.fill, merged=True)
        if box is not None:
            break
    for box, cell in reversed(line):
        if box is not None:
            return RawCell(list(cell.lines), list(cell.forced), cell.fill, merged=True)
        if cell.merged:
            return RawCell(list(cell.lines), list(cell.forced), cell.fill, merged=True)
    return RawCell(merged=True)


def _fill_behind(box: Box, fills: list[tuple[float, float, float, float, str | None]]) -> str | None:
    """The colour of the last-drawn filled rectangle behind the cell's middle (not a page-sized one)."""
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    area = max((box[2] - box[0]) * (box[3] - box[1]), 1.0)
    colour = None
    for x0, top, x1, bottom, hex_ in fills:
        if x0 <= cx <= x1 and top <= cy <= bottom and (x1 - x0) * (bottom - top) <= 4 * area:
            colour = hex_
    return colour


def style(line: Line) -> tuple[float, bool]:
    return (round(line.size * 2) / 2, line.bold)


def heading_levels(lines: list[Line]) -> dict[tuple[float, bool], int]:
    """Heading level by font: the largest size above the body's is 1, other larger sizes 2, bold body 2
    (1 when nothing is larger). The body is the font most characters outside tables are in (never a
    heading, even when the whole document is set in bold)."""
    weights: Counter[tuple[float, bool]] = Counter()
    for line in lines:
        weights[style(line)] += len(line.text)
    if not weights:
        return {}
    body = weights.most_common(1)[0][0]
    larger = sorted({size for size, _ in weights if size >= body[0] + 1}, reverse=True)
    levels = {}
    for size, bold in weights:
        if size >= body[0] + 1:
            levels[(size, bold)] = 1 if size == larger[0] else 2
        elif bold and not body[1] and size >= body[0] - 0.5:
            levels[(size, bold)] = 2 if larger else 1
    return levels


def same_paragraph(before: Line, line: Line, levels: dict[tuple[float, bool], int]) -> bool:
    """The next line of one paragraph: the same style, close below, and not a list item's start."""
    if style(before) != style(line) or ITEM.match(line.text):
        return False
    gap = 0.6 if levels.get(style(line)) else 0.5
    return line.top - before.bottom <= gap * line.size

"""Plain text as extracted from a published plan (.txt), and markdown (.md) as PDF-to-markdown tools write it.

One unit per line, its ordinal the line number. The text dialect: cells separated by tabs, HTML lists and
entities inside cells (`<ul><li>…</li></ul>`, `&amp;`), page numbers ("Page 3 of 31") and running heads
(a line repeated on most pages) as page furniture, blank lines between pages. Markdown adds pipe tables
(`| a | b |`, the `|---|` rule under the header) and `#` headings. All of that is resolved here: what
comes out is the neutral document shape.
"""
from __future__ import annotations

import html
import re
from collections import Counter
from pathlib import Path

from govgraph.loaders.document import Break, Cell, Document, Location, Paragraph, Row, Unit
from govgraph.loaders.text import html_items, is_page_furniture, plain, read_lines

_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
MD_RULE = re.compile(r"^\s*+\|?+\s*+:?+-{3,}+:?+\s*+(?:\|\s*+:?+-{3,}+:?+\s*+)*+\|?+\s*+$")
"""A markdown table rule (`|---|:--:|`); possessive, so a long run of spaces cannot make it backtrack."""
_UL = re.compile(r"<ul\b[^>]{0,500}>(.*?)(?:</ul>|$)", re.I | re.S)
_TAG = re.compile(r"<[^>]{0,200}>")
_GAP = re.compile(r"[ \t\u00a0]{2,}")


def read(path: Path) -> Document:
    lines = read_lines(path)
    if lines and lines[-1] == "":
        lines = lines[:-1]  # the newline ending the last line starts no line of its own
    markdown = path.suffix.lower() == ".md" or _looks_markdown(lines)
    doc = Document(source_file=path.name, format="markdown" if markdown else "text")
    heads = running_heads(lines)
    seen: set[str] = set()
    table = 0
    in_table = False
    for no, raw in enumerate(lines, 1):
        loc = Location(path.name, no, f"line {no}")
        unit, starts_table = _unit(raw, loc, markdown, heads, seen)
        if isinstance(unit, Row):
            if not in_table or starts_table:
                table += 1
            unit.table = table
            in_table = True
        elif isinstance(unit, Paragraph):
            in_table = False
        doc.units.append(unit)
    return doc


def _unit(raw: str, loc: Location, markdown: bool, heads: set[str], seen: set[str]) -> tuple[Unit, bool]:
    """The unit one line is, and whether it starts a new table."""
    text = raw.strip()
    if not text or is_page_furniture(raw):
        return Break(loc, text), False
    if "\t" not in raw and text in heads:
        if text in seen:
            return Break(loc, text), False
        seen.add(text)
    if markdown:
        if MD_RULE.match(text) and "|" in text:
            return Break(loc, text, page=False), False
        m = _MD_HEADING.match(text)
        if m:
            return Paragraph(plain(m.group(2)), loc, level=len(m.group(1))), False
        if text.startswith("|") and text.count("|") >= 2:
            cells = [c.strip() for c in text.strip("|").split("|")]
            return Row([cell(c) for c in cells], loc), False
    if "\t" in raw:
        return Row([cell(c) for c in raw.split("\t")], loc), False
    parts = [plain(p) for p in _GAP.split(text) if p.strip()]
    return Paragraph(plain(text), loc, parts=parts if len(parts) >= 3 else []), False


def cell(raw: str) -> Cell:
    """A text-dialect cell: HTML lists become items (text before a list is an item of its own, text after
    it continues its last item), tags and entities go. A run of two or more spaces is where extraction
    flattened a line break inside the cell: it becomes a line break (leads and bullets are split there)."""
    raw = raw.strip()
    items = _items(raw) if "<li" in raw.lower() else []
    lines = [plain(part) for part in _GAP.split(_untagged(raw))]
    return Cell("\n".join(p for p in lines if p), items=items)


def _untagged(raw: str) -> str:
    if "<" in raw or "&" in raw:
        return html.unescape(_TAG.sub(" ", raw))
    return raw


def _items(raw: str) -> list[str]:
    items: list[str] = []
    pos = 0
    for m in _UL.finditer(raw):
        before = plain(raw[pos:m.start()])
        if before:
            _continue(items, before)
        items.extend(html_items(m.group(0)) or [])
        pos = m.end()
    after = plain(raw[pos:]) if pos < len(raw) else ""
    if after:
        _continue(items, after)
    return [i for i in items if i]


def _continue(items: list[str], text: str) -> None:
    if items:
        items[-1] = f"{items[-1]} {text}"
    else:
        items.append(text)


def running_heads(lines: list[str]) -> set[str]:
    """Lines (not table rows) repeated three times or more and long enough to be a running head."""
    counts = Counter(line.strip() for line in lines if line.strip() and "\t" not in line)
    return {t for t, c in counts.items() if c >= 3 and len(t) > 20}


def _looks_markdown(lines: list[str]) -> bool:
    """A .txt that is markdown (PDF-to-markdown output): a pipe table rule under a pipe row."""
    return any(MD_RULE.match(ln) and "|" in ln and i > 0 and lines[i - 1].lstrip().startswith("|")
               for i, ln in enumerate(lines[:5000]))

"""The neutral document shape every format reader produces, and the only one recognition reads.

A reader turns a file (text, Word, PDF, spreadsheet, CSV) into a `Document`: its units in reading
order. A unit is a paragraph (a heading or body text), a table row (cells in column order), or a
break (page furniture the reader dropped, or a blank line: a row after a break may continue the row
before it). Every unit carries a `Location`: an ordinal within the file, which becomes the graph's
integer `source_line`, and a label a person can find ("line 12", "page 3, line 14", "table 2, row 5",
"Tracker!A12:G12"). Nothing after the readers knows about tabs, HTML in cells, XML or page geometry.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Union


@dataclass(frozen=True)
class Location:
    """Where a unit was read: `ordinal` orders units within the file (1-based); `label` is for people."""

    file: str
    ordinal: int
    label: str

    def __str__(self) -> str:
        return f"{self.file} {self.label}"


@dataclass(slots=True)
class Cell:
    """One table cell: its text, its list items when it holds a list, and its fill colour if any.

    `text` is plain (no markup, single-spaced). `items` are the bullet or numbered items of a cell that
    holds a list (each plain); `open_item` says the last item runs on past the end of the cell (a list
    cut by a page break), so a continuation cell's first line joins it. `fill` is `#RRGGBB`.
    """

    text: str
    items: list[str] = field(default_factory=list)
    fill: str | None = None
    open_item: bool = False
    merged: bool = False
    """True for a cell that continues a vertical or horizontal merge; its text repeats the merged cell's."""

    @property
    def empty(self) -> bool:
        return not self.text.strip() and not self.items


@dataclass
class Paragraph:
    """Body text or a heading (`level` 1.. for headings, 0 for body text)."""

    text: str
    loc: Location
    level: int = 0
    parts: list[str] = field(default_factory=list)
    """For plain text: the line's pieces where it was spaced into columns (3+ pieces), else []. A table that
    lost its structure in extraction shows here (`loaders/empty.py`)."""


@dataclass
class Row:
    """One table row. `table` numbers the tables of the document (1-based); `header` is set when the
    format marks the row as a header (Word's repeated header row, a spreadsheet's frozen row)."""

    cells: list[Cell]
    loc: Location
    table: int = 0
    header: bool = False

    def texts(self) -> list[str]:
        return [c.text for c in self.cells]


@dataclass
class Break:
    """Page furniture the reader set aside (a page number, a running head) or a blank line."""

    loc: Location
    text: str = ""
    page: bool = True
    """False for a break that is only layout (a markdown table rule): no page boundary, nothing continues."""


Unit = Union[Paragraph, Row, Break]


@dataclass
class Document:
    """A file as the reader found it: units in reading order, and what the reader noticed."""

    source_file: str
    format: str
    units: list[Unit] = field(default_factory=list)
    whole_rows: bool = False
    """True when the format knows where a table row ends (Word, Excel, CSV, a PDF reader that joins rows a
    page break split): a row with an empty key cell is then another row of the one above, never the rest of
    it. Text extraction wraps one row over several lines, so there it may be the rest."""
    notes: list[tuple[Location, str]] = field(default_factory=list)
    """Things the reader could not use or had to guess, each with where (they become load warnings)."""

    def rows(self) -> list[Row]:
        return [u for u in self.units if isinstance(u, Row)]

    def paragraphs(self) -> list[Paragraph]:
        return [u for u in self.units if isinstance(u, Paragraph)]

    def location(self, ordinal: int) -> str:
        """The readable location of the unit with this ordinal ('' when there is none)."""
        for u in self.units:
            if u.loc.ordinal == ordinal:
                return u.loc.label
        return ""

"""Table rows to logical records: continuation rows merged, keys recognised, typed cells validated."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from govgraph.loaders.document import Cell
from govgraph.loaders.layout import REC_HEADING, Table
from govgraph.loaders.refs import ACTION_REF, NUMBER_REF, parse_paragraphs
from govgraph.loaders.text import normalise_spaces

_DOTTED = re.compile(r"^\s*(\d{1,3}(?:\.\d{1,3})+)\s*\.?\s*$")
_INT = re.compile(r"^\s*(\d{1,3})\s*\.?\s*$")
_LETTERED = re.compile(r"^\s*[A-Za-z]{1,4}\s?\d{1,3}[a-z]?\s*\.?\s*$")
"""A recommendation ref with a letter prefix: 'R1', 'AFI 4', 'Rec 2'."""
NUMBERED_TEXT = re.compile(r"^\s*(\d{1,3})\s*[.)]\s+(?=\S)")
_PARA_CONT = re.compile(r"^\(?[\d,\s?]+\)?$")
_REF_SHAPE = re.compile(r"^\s*[A-Za-z]{0,4}\s?\d{1,4}[a-z]?(?:[.\-]\d{1,4}[a-z]?)*\.?\s*(?:\(.*\))?\s*$")
"""What a recommendation ref looks like: '3', '1.1', 'R2', 'AFI 4', '17. (57, 138)'."""
EXTRA = "extra:"
"""Record key prefix of a column whose header names no role: `extra:Comments`."""
_SAME_AS_ABOVE = frozenset({"rec_ref", "paragraphs", "rec_text", "action_no"})
"""Roles whose merged (carried-down) cell means the row belongs to the record above."""


@dataclass
class Record:
    """One logical row: its cells by role (the row's cell, then the cells of rows continuing it) and lines."""

    lines: list[int]
    frags: dict[str, list[Cell]] = field(default_factory=dict)
    section: str | None = None
    sub_row: bool = False

    def get(self, role: str) -> str:
        """The role's text, continuation fragments on lines of their own."""
        return "\n".join(c.text for c in self.frags.get(role, ()))

    def cells(self, role: str) -> list[Cell]:
        """The role's cell and the cells continuing it (a row split by a page break gives two)."""
        return self.frags.get(role, [])

    def first(self, role: str) -> str:
        """The role's own cell (not its continuations), on one line: refs and numbers are read from it."""
        cells = self.frags.get(role)
        return normalise_spaces(cells[0].text.replace("\n", " ")) if cells else ""

    def lines_of(self, role: str) -> str:
        """The role's cells joined with a space, line breaks inside a cell kept as a double space (the
        lead separators split there; the break between a cell and its continuation joins words)."""
        return " ".join(c.text.replace("\n", "  ") for c in self.frags.get(role, ()))


@dataclass
class Section:
    ref: str
    title: str
    line: int


def group_records(table: Table, warn: "WarnFn") -> list[Record | Section]:
    out: list[Record | Section] = []
    current: Record | None = None
    roles = table.roles
    dotted_refs = "rec_ref" in roles and any(
        _DOTTED.match(r.cells[roles.index("rec_ref")].text) for r in table.rows if len(r.cells) > roles.index("rec_ref"))
    for row in table.rows:
        vals: dict[str, str] = {}
        cells: dict[str, Cell] = {}
        extras: dict[str, Cell] = {}
        for i, cell in enumerate(row.cells):
            role = roles[i] if i < len(roles) else None
            if cell.empty and not (role == "rag" and cell.fill):
                continue
            if cell.merged and (role in _SAME_AS_ABOVE or (i and row.cells[i - 1].text == cell.text)):
                continue  # a merged recommendation cell carried down (or a span carried across) says "as above"
            if role is None:
                header = table.headers[i].strip() if i < len(table.headers) else ""
                if header:  # a headed column with no role: kept on the record as an extra field
                    extras[f"{EXTRA}{normalise_spaces(header)}"] = cell
                    continue
                warn(row.line, f"text {cell.text[:60]!r} in an unnamed column {i + 1} ignored")
                continue
            vals[role], cells[role] = normalise_spaces(cell.text.replace("\n", " ")), cell
        if not vals:
            for key, cell in extras.items():
                warn(row.line, f"text {cell.text[:60]!r} in column {key[len(EXTRA):]!r}, on a row with nothing "
                               "else, ignored")
            continue
        cells.update(extras)
        if table.whole_rows and vals.get("rec_ref") and not _REF_SHAPE.match(vals["rec_ref"]):
            # a total or note row ("Progress | 75%"): its ref cell holds words, not a ref
            warn(row.line, "row not read as an action: its ref cell holds "
                           f"{vals['rec_ref'][:40]!r}, not a ref ({' | '.join(vals.values())[:80]!r})")
            continue
        ref = vals.get("rec_ref", "")
        if dotted_refs and _INT.match(ref) and not _DOTTED.match(ref):
            title = " ".join(v for r, v in vals.items() if r != "rec_ref")
            out.append(Section(_INT.match(ref).group(1), title, row.line))  # type: ignore[union-attr]
            current = None
            continue
        if _is_key(vals, table):
            current = Record([row.line], {r: [c] for r, c in cells.items()})
            out.append(current)
            continue
        if current is None:
            current = Record([row.line], {r: [c] for r, c in cells.items()}, sub_row=True)
            out.append(current)
            continue
        if table.whole_rows:  # a whole row with no key of its own is another row of the one above
            current = Record([row.line], {r: [c] for r, c in cells.items()}, sub_row=True)
            out.append(current)
            continue
        explicit_keys = table.has("action_no") or table.has("rec_ref")
        if (not row.after_break and not table.has("action_no") and "lead" in vals
                and "action_text" in vals and explicit_keys):
            current = Record([row.line], {r: [c] for r, c in cells.items()}, sub_row=True)
            out.append(current)
            continue
        _merge(current, cells, row.line, warn)
    return out


def _is_key(vals: dict[str, str], table: Table) -> bool:
    if table.has("action_no"):
        return bool(NUMBER_REF.match(vals.get("action_no", "")) or ACTION_REF.match(vals.get("action_no", "")))
    if table.has("rec_ref"):
        ref = vals.get("rec_ref", "")
        return bool(_DOTTED.match(ref) or _INT.match(ref) or _LETTERED.match(ref))
    if table.has("paragraphs") and parse_paragraphs(vals.get("paragraphs", "")):
        return True
    if table.has("rec_text") and (REC_HEADING.match(vals.get("rec_text", ""))
                                  or NUMBERED_TEXT.match(vals.get("rec_text", ""))):
        return True  # "Recommendation 3 ..." or "3. Strengthen ...": a numbered recommendation starts here
    if not table.has("rec_text") and NUMBERED_TEXT.match(vals.get("action_text", "")):
        return True
    return False


def _merge(rec: Record, cells: dict[str, Cell], line: int, warn: "WarnFn") -> None:
    rec.lines.append(line)
    for role, cell in cells.items():
        text = normalise_spaces(cell.text.replace("\n", " "))
        if role in ("action_no", "rec_ref"):
            warn(line, f"text {text[:60]!r} in the {role.replace('_', ' ')} column of a continuation row ignored")
            continue
        if role == "paragraphs":
            if not _PARA_CONT.match(text):
                warn(line, f"text {text[:60]!r} in the Ofsted paragraph column not understood; ignored")
                continue
        rec.frags.setdefault(role, []).append(cell)


class WarnFn:  # pragma: no cover - typing helper
    def __call__(self, line: int, message: str) -> None: ...

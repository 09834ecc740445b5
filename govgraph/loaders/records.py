"""Table rows to logical records: continuation rows merged, keys recognised, typed cells validated."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from govgraph.loaders.layout import REC_HEADING, Table
from govgraph.loaders.refs import parse_paragraphs
from govgraph.loaders.text import plain

_NUM = re.compile(r"^\s*(\d{1,4})\s*\.?\s*$")
_DOTTED = re.compile(r"^\s*(\d{1,3}(?:\.\d{1,3})+)\s*\.?\s*$")
_INT = re.compile(r"^\s*(\d{1,3})\s*\.?\s*$")
NUMBERED_TEXT = re.compile(r"^\s*(\d{1,3})\s*[.)]\s+(?=\S)")
_PARA_CONT = re.compile(r"^\(?[\d,\s?]+\)?$")


@dataclass
class Record:
    """One logical row: its cells by role (raw text, continuation fragments joined) and lines."""

    lines: list[int]
    cells: dict[str, str] = field(default_factory=dict)
    section: str | None = None
    sub_row: bool = False

    def get(self, role: str) -> str:
        return self.cells.get(role, "")


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
        _DOTTED.match(r.cells[roles.index("rec_ref")]) for r in table.rows if len(r.cells) > roles.index("rec_ref"))
    for row in table.rows:
        vals: dict[str, str] = {}
        for i, cell in enumerate(row.cells):
            if not cell:
                continue
            role = roles[i] if i < len(roles) else None
            if role is None:
                warn(row.line, f"text {cell[:60]!r} in an unnamed column {i + 1} ignored")
                continue
            vals[role] = cell
        if not vals:
            continue
        ref = vals.get("rec_ref", "")
        if dotted_refs and _INT.match(ref) and not _DOTTED.match(ref):
            title = " ".join(v for r, v in vals.items() if r != "rec_ref")
            out.append(Section(_INT.match(ref).group(1), plain(title), row.line))  # type: ignore[union-attr]
            current = None
            continue
        if _is_key(vals, table):
            current = Record([row.line], dict(vals))
            out.append(current)
            continue
        if current is None:
            current = Record([row.line], dict(vals), sub_row=True)
            out.append(current)
            continue
        explicit_keys = table.has("action_no") or table.has("rec_ref")
        if (not row.after_break and not table.has("action_no") and "lead" in vals
                and "action_text" in vals and explicit_keys):
            current = Record([row.line], dict(vals), sub_row=True)
            out.append(current)
            continue
        _merge(current, vals, row.line, warn)
    return out


def _is_key(vals: dict[str, str], table: Table) -> bool:
    if table.has("action_no"):
        return bool(_NUM.match(vals.get("action_no", "")))
    if table.has("rec_ref"):
        return bool(_DOTTED.match(vals.get("rec_ref", "")) or _INT.match(vals.get("rec_ref", "")))
    if table.has("paragraphs") and parse_paragraphs(vals.get("paragraphs", "")):
        return True
    if table.has("rec_text") and REC_HEADING.match(plain(vals.get("rec_text", ""))):
        return True
    if not table.has("rec_text") and NUMBERED_TEXT.match(plain(vals.get("action_text", ""))):
        return True
    return False


def _merge(rec: Record, vals: dict[str, str], line: int, warn: "WarnFn") -> None:
    rec.lines.append(line)
    for role, text in vals.items():
        if role in ("action_no", "rec_ref"):
            warn(line, f"text {text[:60]!r} in the {role.replace('_', ' ')} column of a continuation row ignored")
            continue
        if role == "paragraphs":
            if not _PARA_CONT.match(text):
                warn(line, f"text {text[:60]!r} in the Ofsted paragraph column not understood; ignored")
                continue
        old = rec.cells.get(role, "")
        rec.cells[role] = f"{old}\n{text}" if old else text


class WarnFn:  # pragma: no cover - typing helper
    def __call__(self, line: int, message: str) -> None: ...

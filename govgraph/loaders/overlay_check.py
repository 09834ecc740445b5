"""Checks on an overlay that need more than the types: names declared twice, references that name
nothing that looks like a board or a post, a board as a chair, boards part of each other.

Also the guess of what an undeclared name is ('Board', 'Role'), which applying an overlay shares.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from govgraph.loaders.names import expanded, name_key, simple_form
from govgraph.loaders.overlay_read import loc_path, raise_problems
from govgraph.loaders.overlay_schema import Loc, Overlay
from govgraph.loaders.vocab import Vocabulary


@dataclass(frozen=True)
class Decl:
    """One declared board or post, found by any of its names."""

    label: str  # "Board" or "Role"
    index: int  # position in boards / roles
    name: str


@dataclass(frozen=True)
class Reference:
    """A name one entry uses for another (its chair, what it is part of, reports or escalates to)."""

    field: str  # chair, part_of, reports_to, escalates_to
    name: str
    loc: Loc


def declared_names(overlay: Overlay) -> dict[str, Decl]:
    """simple_form of every declared name and alias -> its declaration; a clash is an error."""
    out: dict[str, Decl] = {}
    problems: list[tuple[int | None, str]] = []
    entries: list[tuple[str, str, int, Any]] = [("Board", "boards", i, b) for i, b in enumerate(overlay.boards)]
    entries += [("Role", "roles", i, r) for i, r in enumerate(overlay.roles)]
    for label, section, i, entry in entries:
        decl = Decl(label, i, entry.name)
        names = [(entry.name, (section, i, "name"))]
        names += [(a, (section, i, "aliases", j)) for j, a in enumerate(entry.aliases)]
        for name, loc in names:
            key = simple_form(name)
            prev = out.get(key)
            if prev is not None and prev != decl:
                first = loc_path(("boards" if prev.label == "Board" else "roles", prev.index))
                problems.append((overlay.line_of(*loc),
                                 f"{loc_path(loc)}: '{name}' is already declared in {first} ('{prev.name}')"))
                continue
            out[key] = decl
    if problems:
        raise_problems(problems, overlay.source_file)
    return out


def references(overlay: Overlay) -> Iterator[tuple[str, int, Reference]]:
    """Every name an entry uses for another: (section, entry index, reference), in file order."""
    for section, entries in (("boards", overlay.boards), ("roles", overlay.roles)):
        for i, entry in enumerate(entries):
            for fld in ("chair", "part_of"):
                value = getattr(entry, fld, None)
                if value:
                    yield section, i, Reference(fld, value, (section, i, fld))
            for fld in ("reports_to", "escalates_to"):
                for j, value in enumerate(getattr(entry, fld)):
                    yield section, i, Reference(fld, value, (section, i, fld, j))


def check_overlay(overlay: Overlay, vocab: Vocabulary) -> None:
    """What the types cannot say: clashing names, references to nothing plausible, a chair that is a
    board, part_of cycles. All problems raise one `OverlayError`."""
    declared = declared_names(overlay)
    problems: list[tuple[int | None, str]] = []
    for section, i, ref in references(overlay):
        line = overlay.line_of(*ref.loc)
        where = loc_path(ref.loc)
        own = overlay.boards[i] if section == "boards" else overlay.roles[i]
        decl = declared.get(simple_form(ref.name))
        label = decl.label if decl else guess_label(ref.name, vocab)
        if decl is None and label is None and name_key(ref.name, vocab):
            # 'chair' can only be a post and 'part_of' only a board: any real name will do
            label = {"chair": "Role", "part_of": "Board"}.get(ref.field)
        if decl is not None and decl.label == ("Board" if section == "boards" else "Role") \
                and decl.index == i:
            problems.append((line, f"{where}: '{ref.name}' is this entry itself"))
        elif label is None:
            problems.append((line, f"{where}: '{ref.name}' is not declared in this overlay and does not look "
                                   f"like a board or a post; declare it under 'boards:' or 'roles:'"))
        elif ref.field == "chair" and label != "Role":
            problems.append((line, f"{where}: '{ref.name}' is a board; 'chair' must name a post "
                                   f"(e.g. 'Chair of {own.name}')"))
        elif ref.field == "part_of" and label != "Board":
            problems.append((line, f"{where}: '{ref.name}' is a post; 'part_of' must name a board"))
    problems += _part_of_cycles(overlay, declared)
    if problems:
        raise_problems(problems, overlay.source_file)


def _part_of_cycles(overlay: Overlay, declared: dict[str, Decl]) -> list[tuple[int | None, str]]:
    parent: dict[int, int] = {}
    for i, b in enumerate(overlay.boards):
        d = declared.get(simple_form(b.part_of)) if b.part_of else None
        if d is not None and d.label == "Board" and d.index != i:
            parent[i] = d.index
    out: list[tuple[int | None, str]] = []
    reported: set[int] = set()
    for start in range(len(overlay.boards)):
        chain, cur = [start], start
        while cur in parent:
            cur = parent[cur]
            if cur == start:
                if not reported & set(chain):
                    names = " -> ".join(overlay.boards[k].name for k in chain + [start])
                    out.append((overlay.line_of("boards", start, "part_of"),
                                f"boards[{start}].part_of: boards are part of each other ({names})"))
                reported |= set(chain)
                break
            if cur in chain:
                break
            chain.append(cur)
    return out


_ACRONYM = re.compile(r"^[A-Z][A-Za-z&]{1,9}$")
_CHAIR_WORD = re.compile(r"\b(?:chair(?:man|person|s)?|vice[- ]chair)\b", re.I)


def _looks_like_role(name: str, vocab: Vocabulary) -> bool:
    if _CHAIR_WORD.search(name):
        return True
    s = simple_form(name)
    return any(s == h or s.startswith(h + " ") for h in vocab.role_heads)


def board_head(name: str, vocab: Vocabulary, *, anywhere: bool) -> str | None:
    s = expanded(name, vocab)
    for head, kind in vocab.board_heads:
        h = expanded(head, vocab)
        if s == h or s.endswith(" " + h) or (anywhere and f" {h} " in f" {s} "):
            return kind
    return None


def guess_label(name: str, vocab: Vocabulary) -> str | None:
    """'Role', 'Board', or None when an undeclared name looks like neither."""
    if not name_key(name, vocab):
        return None
    if _looks_like_role(name, vocab):
        return "Role"
    s = simple_form(name)
    if s in vocab.not_boards:
        return None
    if board_head(name, vocab, anywhere=False):
        return "Board"
    if any(s == h or s.endswith(" " + h) for h in vocab.role_heads):
        return "Role"
    if _ACRONYM.match(name.strip()) and sum(c.isupper() for c in name) >= 2:
        # an acronym: a board if it expands to one ('NSCB', 'DLT'), else a post ('DCS', 'LADO')
        return "Board" if _is_scb_acronym(name) else "Role"
    if board_head(name, vocab, anywhere=True):
        return "Board"
    if any(f" {h} " in f" {s} " for h in vocab.role_heads):
        return "Role"
    return None


def _is_scb_acronym(name: str) -> bool:
    return bool(re.fullmatch(r"[A-Z]{0,2}L?SCB", name.strip()))


__all__ = ["Decl", "Reference", "declared_names", "references", "check_overlay", "guess_label", "board_head"]

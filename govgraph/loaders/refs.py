"""References printed in cells: Ofsted paragraphs, programme refs (WS/P/WP), cross-references."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

_PARA_CELL = re.compile(r"^\s*(\d{1,3})\s*\.?\s*(?:\((?P<sup>[^)]*)\)?)?\s*$")


@dataclass(frozen=True)
class Paragraphs:
    ref: str
    numbers: tuple[int, ...]
    uncertain: tuple[int, ...] = ()


def parse_paragraphs(cell: str) -> Paragraphs | None:
    """'17. (57, 138)' -> ref '17', [17, 57, 138]; '23. (67?, 80)' flags 67 as uncertain."""
    m = _PARA_CELL.match(cell.replace("\u00a0", " "))
    if not m:
        return None
    own = int(m.group(1))
    nums, unsure = [own], []
    for part in re.split(r"[,;]", m.group("sup") or ""):
        pm = re.match(r"\s*(\d{1,3})\s*(\?)?\s*$", part)
        if pm:
            n = int(pm.group(1))
            if n not in nums:
                nums.append(n)
            if pm.group(2):
                unsure.append(n)
    return Paragraphs(str(own), tuple(nums), tuple(unsure))


# ---- programme refs ----------------------------------------------------------------------------
_PROG = re.compile(
    r"(?<![A-Za-z0-9])(?:WS\s?(?P<ws>\d{1,3}))?\s?P\s?(?P<p>\d{1,3})(?:\s?WP\s?(?P<wp>\d{1,3}(?:/\d{1,3})*))?"
    r"(?P<suffix>-[A-Z]{2,})?(?![A-Za-z0-9])", re.I)


@dataclass
class ProgrammeRef:
    """One printed programme ref; `wps` empty means the ref names a project."""

    raw: str
    ws: int | None
    project: int
    wps: list[int] = field(default_factory=list)
    suffix: str | None = None


def find_programme_refs(text: str) -> list[ProgrammeRef]:
    """'CHIPP Ref: WS3P20WP1/2 or P16WP1' -> refs; a range WP1/2 names both work packages."""
    out = []
    for m in _PROG.finditer(text):
        if not (m.group("ws") or m.group("wp")):
            continue  # a bare 'P16' is too ambiguous to be a ref
        wps = [int(x) for x in m.group("wp").split("/")] if m.group("wp") else []
        out.append(ProgrammeRef(m.group(0).strip(), int(m.group("ws")) if m.group("ws") else None,
                                int(m.group("p")), wps, m.group("suffix")[1:].upper() if m.group("suffix") else None))
    return out


_PROG_NAME = re.compile(r"\b([A-Z][A-Z0-9]{2,})\s+ref\b", re.I)


def programme_acronym(text: str) -> str | None:
    m = _PROG_NAME.search(text)
    if m and m.group(1).isupper():
        return m.group(1)
    return None


# ---- cross-references ----------------------------------------------------------------------------
XREF = re.compile(
    r"(?P<quote>(?:(?:the\s+)?same\s+as(?:\s+in)?|as\s+in|see(?:\s+also)?|as\s+per|refer\s+to|response\s+to)\s+"
    r"recommendations?\s+(?:no\.?\s*)?(?P<n>\d+(?:\.\d+)?[a-z]?))", re.I)
DEPENDS = re.compile(
    r"(?P<quote>(?:depend(?:s|ent|ant)?\s+(?:up)?on|following(?:\s+completion\s+of)?|once|after|subject\s+to)"
    r"\s+(?:the\s+)?(?:completion\s+of\s+)?actions?\s+(?:no\.?\s*)?(?P<n>\d+(?:\.\d+)?))", re.I)
POINTER_ONLY = re.compile(r"^\s*(?:the\s+)?(?:action\s+taken|response)\s+is\s+(?:the\s+)?(?:same\s+as|as)\s+"
                          r"(?:in\s+)?recommendation\s+\d+\.?\s*$", re.I)

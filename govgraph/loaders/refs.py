"""References printed in cells: Ofsted paragraphs, programme refs (WS/P/WP), cross-references."""
from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from dataclasses import dataclass, field

NUMBER_REF = re.compile(r"^\s*(\d{1,4})\s*\.?\s*$")
"""A plain number in a ref cell: '3', '12.'."""
ACTION_REF = re.compile(r"^\s*(?:\d{1,3}(?:\.\d{1,3})+|\d{1,3}[a-z]|[A-Z]{1,2}\d{1,3}(?:\.\d{1,3})*)\s*\.?\s*$")
"""A number with structure, as actions are numbered: '1.1', '2.1.3', '1a', 'A1' (a plain one is NUMBER_REF).
Column typing (`columns.Kind.SUBREF`) and the record keys (`records`) read refs with these two."""

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
@dataclass(frozen=True)
class ProgrammeScheme:
    """The letters of a programme's three levels, top first (work stream, project, work package): WS/P/WP
    unless the plan's key or refs show others ('S = strand, T = theme, A = activity' gives S/T/A)."""

    levels: tuple[str, str, str] = ("WS", "P", "WP")

    def pattern(self) -> re.Pattern[str]:
        return _scheme_pattern(self.levels)


DEFAULT_SCHEME = ProgrammeScheme()


@functools.lru_cache(maxsize=32)
def _scheme_pattern(levels: tuple[str, str, str]) -> re.Pattern[str]:
    """The WS/P/WP grammar with the scheme's letters; the usual letters in any case, a plan's own as printed."""
    a, b, c = (re.escape(x) for x in levels)
    return re.compile(
        rf"(?<![A-Za-z0-9])(?:{a}\s?(?P<ws>\d{{1,3}}))?\s?{b}\s?(?P<p>\d{{1,3}})"
        rf"(?:\s?{c}\s?(?P<wp>\d{{1,3}}(?:/\d{{1,3}})*))?"
        r"(?P<suffix>-[A-Z]{2,})?(?![A-Za-z0-9])", re.I if levels == DEFAULT_SCHEME.levels else 0)


@dataclass
class ProgrammeRef:
    """One printed programme ref; `wps` empty means the ref names a project."""

    raw: str
    ws: int | None
    project: int
    wps: list[int] = field(default_factory=list)
    suffix: str | None = None
    scheme: ProgrammeScheme = DEFAULT_SCHEME


def find_programme_refs(text: str, schemes: tuple[ProgrammeScheme, ...] = (DEFAULT_SCHEME,)) -> list[ProgrammeRef]:
    """'CHIPP Ref: WS3P20WP1/2 or P16WP1' -> refs; a range WP1/2 names both work packages. With a plan's
    own scheme too, 'S2T3A1 or T4A2' reads the same way; where two schemes match one span the first wins."""
    found: list[tuple[int, ProgrammeRef]] = []
    taken: list[tuple[int, int]] = []  # spans of earlier schemes' refs, sorted (one scheme's never overlap)
    for scheme in schemes:
        mine: list[tuple[int, int]] = []
        for m in scheme.pattern().finditer(text):
            if not (m.group("ws") or m.group("wp")):
                continue  # a bare 'P16' is too ambiguous to be a ref
            if _overlaps(taken, m.span()):
                continue
            mine.append(m.span())
            wps = [int(x) for x in m.group("wp").split("/")] if m.group("wp") else []
            found.append((m.start(), ProgrammeRef(
                m.group(0).strip(), int(m.group("ws")) if m.group("ws") else None, int(m.group("p")), wps,
                m.group("suffix")[1:].upper() if m.group("suffix") else None, scheme)))
        taken = sorted(taken + mine)
    return [ref for _, ref in sorted(found, key=lambda f: f[0])]


def _overlaps(spans: list[tuple[int, int]], span: tuple[int, int]) -> bool:
    """Whether `span` overlaps one of the sorted, disjoint `spans` (a bisection, for cells of many refs)."""
    i = bisect.bisect_left(spans, span)
    return any(lo < span[1] and span[0] < hi for lo, hi in spans[max(i - 1, 0):i + 1])


_KEY_PAIR = re.compile(r"\b([A-Z]{1,3})\s*(?:=|:|-|–)\s*([A-Za-z][a-z]+(?: [a-z]+)?)")
_FULL_REF = re.compile(r"(?<![A-Za-z0-9])([A-Z]{1,3})\d{1,3}([A-Z]{1,3})\d{1,3}([A-Z]{1,3})\d{1,3}(?![A-Za-z0-9])")


def programme_schemes(lines: list[str], declared: tuple[tuple[str, str, str], ...] = ()) -> tuple[ProgrammeScheme, ...]:
    """The schemes a document's programme refs follow: WS/P/WP, then the plan's own when its key line
    ('Programme key: S = strand, T = theme, A = activity') or its refs (`S2T3A1` at least twice) show one.
    A key is believed only when some ref of the document uses its letters (a RAG key 'R = red' is no scheme).
    Schemes the user's vocabulary declares (`programme_levels`) follow the document's own."""
    found = _document_schemes(lines)
    extra = tuple(ProgrammeScheme(levels) for levels in declared if ProgrammeScheme(levels) not in found)
    return found + extra


def _document_schemes(lines: list[str]) -> tuple[ProgrammeScheme, ...]:
    text = "\n".join(lines)
    own: tuple[str, str, str] | None = None
    for line in lines:
        if "key" not in line.casefold():
            continue
        pairs = _KEY_PAIR.findall(line)
        letters = tuple(dict.fromkeys(p[0] for p in pairs))
        if len(pairs) == 3 and len(letters) == 3:
            cand = ProgrammeScheme(letters)  # type: ignore[arg-type]
            if any(r.ws is not None or r.wps for r in find_programme_refs(text, (cand,))):
                own = cand.levels
                break
    if own is None:
        triples = Counter(m.groups() for m in _FULL_REF.finditer(text))
        triples = Counter({t: n for t, n in triples.items() if len(set(t)) == 3 and t != DEFAULT_SCHEME.levels})
        if triples and triples.most_common(1)[0][1] >= 2:
            own = triples.most_common(1)[0][0]
    if own is None or own == DEFAULT_SCHEME.levels:
        return (DEFAULT_SCHEME,)
    return (DEFAULT_SCHEME, ProgrammeScheme(own))


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

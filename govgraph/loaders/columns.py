"""Column roles from the header and the cells together.

The header vocabulary (`layout.HeaderMatcher`) finds the header row and proposes a role per column. Some
header words are ambiguous (`Ref`, `No.`, `Status`, `Update`, `Comments`, ...): the same word names the
recommendation ref in one council's plan and the action number in another's, a RAG rating in one and a
prose update in another. Here each column's cells (up to `SAMPLE_ROWS` rows under the header) are typed,
and the header's proposal is kept unless the contents clearly show another role. Every decision carries a
score and the evidence, so `load --explain` can say why.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from enum import Enum
from typing import Sequence

from govgraph.loaders.colours import rag_from_fill
from govgraph.loaders.dates import parse_due
from govgraph.loaders.document import Cell
from govgraph.loaders.names import names_post
from govgraph.loaders.rag import parse_rag
from govgraph.loaders.refs import ACTION_REF, NUMBER_REF
from govgraph.loaders.text import normalise_spaces
from govgraph.loaders.vocab import Vocabulary
from govgraph.model.nodes import Rag

SAMPLE_ROWS = 50
"""How many rows under the header the contents are read from."""


class Kind(str, Enum):
    """What one cell holds."""

    EMPTY = "empty"
    NUMBER = "number"        # '3', '12.'
    SUBREF = "sub-ref"       # '1.1', '2.1.3', '1a', 'A1'
    PARAREF = "para-ref"     # '17. (57, 138)'
    RAG = "rag"              # 'R', 'Amber', 'On track', or a coloured empty cell
    DATE = "date"            # '31/03/2026', 'Q2 2025', 'Ongoing'
    INITIALS = "initials"    # 'AB', 'JS/KT'
    POST = "post"            # 'Head of Housing'
    BOARD = "board"          # 'Improvement Board', 'QA Sub Group / Cabinet'
    PROGREF = "programme-ref"  # 'WS1P2WP3', 'S2T3A1 / S2T3A2'
    PROSE = "prose"          # eight words or more
    TEXT = "text"            # anything else


_DOTTED_DATE = re.compile(r"^(?:\d{2}\.\d{1,2}|\d{1,2}\.\d{2})\.(?:\d{2}|\d{4})$")
"""A date written with dots, day or month zero-padded or two-digit: '31.07.26', '1.07.2026'."""
_PARAREF = re.compile(r"^\d{1,4}\.?\s*\(\s*\d[\d,\s?]*\)$")
_INITIALS = re.compile(r"^[A-Z]{2,4}(?:\s*[/,&]\s*[A-Z]{2,4})*$")
_WORD = re.compile(r"[^\W\d_]+")


def cell_kind(cell: Cell | str, vocab: Vocabulary) -> Kind:
    """Type one cell by its text (and its fill colour when it has no text)."""
    if isinstance(cell, str):
        cell = Cell(cell)
    text = normalise_spaces(cell.text.replace("\n", " ")).strip()
    if not text:
        return Kind.RAG if cell.fill and rag_from_fill(cell.fill) is not None else Kind.EMPTY
    if NUMBER_REF.match(text):
        return Kind.NUMBER
    if _DOTTED_DATE.match(text) and parse_due(text, vocab.no_date_words) is not None:
        return Kind.DATE  # '31.07.26' is a date, '2.1.3' a sub-ref
    if ACTION_REF.match(text):
        return Kind.SUBREF
    if _PARAREF.match(text):
        return Kind.PARAREF
    if len(text) <= 25 and parse_rag(text, vocab) != Rag.UNKNOWN:
        return Kind.RAG
    if len(text) <= 40 and (text.casefold() in vocab.no_date_words
                            or parse_due(text, vocab.no_date_words) is not None):
        return Kind.DATE
    if _INITIALS.match(text):
        return Kind.INITIALS
    if len(text) <= 80 and _programme_refs(text):
        return Kind.PROGREF
    words = _WORD.findall(text.casefold())
    if len(words) >= 8:
        return Kind.PROSE
    if len(text) <= 80 and names_post(text, vocab):
        return Kind.POST
    if len(text) <= 80 and _names_board(text, vocab):
        return Kind.BOARD
    return Kind.TEXT


def _names_board(text: str, vocab: Vocabulary) -> bool:
    """Board names, one or several ('Improvement Board / Cabinet', 'QA Sub Group (quarterly)'): each part a
    short name in capitals, one at least ending in a board head noun. 'Report themes to the panel' is a
    sentence."""
    parts = [x for x in _NAME_SPLIT.split(re.sub(r"\([^)]*\)", " ", text)) if _WORD.search(x)]
    if not parts:
        return False
    for part in parts:
        words = [w for w in _WORD.findall(part) if w.casefold() not in _SMALL]
        if len(words) > 6 or sum(w[0].isupper() for w in words) < len(words) / 2:
            return False
    return any(f" {' '.join(_WORD.findall(x.casefold()))}".endswith(f" {head}")
               for x in parts for head, _ in vocab.board_heads)


_SMALL = frozenset({"of", "the", "for", "and", "to", "on", "in"})
_NAME_SPLIT = re.compile(r"\s*(?:/|,|;|&|\band\b|\+)\s*")


_PROG_CELL = re.compile(r"^(?:[A-Z]{1,3}\d{1,3}){2,3}(?:/\d{1,3})*$")
"""One programme ref in any letter scheme: 'WS1P2WP3', 'S2T3A1', 'P16WP1/2'."""


def _programme_refs(text: str) -> bool:
    """A cell made only of programme refs (with 'or', commas or slashes between)."""
    parts = [p for p in re.split(r"\s*(?:,|;|\bor\b|\band\b|&|\s/\s|\s)\s*", text) if p]
    return bool(parts) and len(parts) <= 12 and all(_PROG_CELL.match(p) for p in parts)


@dataclass
class Profile:
    """One column's contents: kinds of its non-empty cells, and how its values run down the rows."""

    kinds: Counter[Kind] = field(default_factory=Counter)
    values: list[str] = field(default_factory=list)
    """The cell text of each sampled row ('' for an empty cell), in row order."""
    undated: int = 0
    """Cells typed RAG whose word also says a due date has none ('Ongoing'): a date column may hold them."""

    @property
    def filled(self) -> int:
        return sum(n for k, n in self.kinds.items() if k is not Kind.EMPTY)

    def share(self, *kinds: Kind) -> float:
        """Fraction of the non-empty cells of these kinds (0 for an empty column)."""
        return sum(self.kinds[k] for k in kinds) / self.filled if self.filled else 0.0

    def share_due(self) -> float:
        """Fraction of the non-empty cells that a due-date column may hold: dates, and 'Ongoing'."""
        return (self.kinds[Kind.DATE] + self.undated) / self.filled if self.filled else 0.0

    def distinct(self) -> bool:
        """Every non-empty value differs from the others (a ref that changes with every row)."""
        vals = [v for v in self.values if v]
        return len(vals) == len(set(vals))

    def summary(self) -> str:
        parts = [f"{n} {k.value}" for k, n in self.kinds.most_common() if k is not Kind.EMPTY]
        return ", ".join(parts) or "no cells"


def profile(rows: Sequence[Sequence[Cell]], col: int, vocab: Vocabulary) -> Profile:
    """The profile of column `col` over the first `SAMPLE_ROWS` rows."""
    p = Profile()
    for cells in rows[:SAMPLE_ROWS]:
        cell = cells[col] if col < len(cells) else Cell("")
        kind = cell_kind(cell, vocab)
        p.kinds[kind] += 1
        if kind is Kind.RAG and cell.text.strip().casefold() in vocab.no_date_words:
            p.undated += 1
        p.values.append("" if cell.merged else normalise_spaces(cell.text.replace("\n", " ")).strip())
    return p


@dataclass
class Decision:
    """The role chosen for one column, its score (header score 0-3 plus contents fit 0-3) and why."""

    role: str | None
    score: float
    evidence: str


_FIT: dict[str, tuple[Kind, ...]] = {
    "action_no": (Kind.NUMBER, Kind.SUBREF),
    "rec_ref": (Kind.NUMBER, Kind.SUBREF, Kind.PARAREF),
    "paragraphs": (Kind.PARAREF, Kind.NUMBER, Kind.TEXT),
    "due": (Kind.DATE,),
    "rag": (Kind.RAG,),
    "lead": (Kind.POST, Kind.INITIALS, Kind.TEXT, Kind.BOARD),
    "monitoring": (Kind.BOARD, Kind.POST, Kind.TEXT),
    "programme": (Kind.PROGREF,),
    "progress": (Kind.PROSE, Kind.TEXT, Kind.DATE),
    "rec_text": (Kind.PROSE, Kind.TEXT),
    "action_text": (Kind.PROSE, Kind.TEXT),
}
"""The kinds of cell a column of each role is expected to hold (the contents' fit to a role)."""

AMBIGUOUS = frozenset({"ref", "reference", "no", "no.", "#", "status", "update", "updates", "owner",
                       "comments", "comment", "evidence", "owners"})
"""Header words that name different roles in different councils' plans: their contents decide."""


def fit(role: str | None, p: Profile) -> float:
    """How well a column's contents fit a role (0..1; 0.5 when the role has no expected kinds)."""
    if role is None or not p.filled:
        return 0.0
    kinds = _FIT.get(role)
    return p.share(*kinds) if kinds else 0.5


def decide(headers: Sequence[str], header: Sequence[tuple[float, str | None]], roles: Sequence[str | None],
           rows: Sequence[Sequence[Cell]], vocab: Vocabulary) -> list[Decision]:
    """One decision per column: the header's role (`roles`, from `HeaderMatcher.header_roles`) unless an
    ambiguous header's contents show another role. `header` is each header cell's (score, role)."""
    profiles = [profile(rows, i, vocab) for i in range(len(roles))]
    out = [Decision(r, (header[i][0] if r else 0.0) + 3 * fit(r, profiles[i]),
                    f"header {headers[i]!r}" + (f" names {r}" if r else " not in the vocabulary")
                    + f"; cells: {profiles[i].summary()}")
           for i, r in enumerate(roles)]
    _refs_are_not_text(headers, out, profiles)
    _ref_is_action_no(headers, out, profiles)
    _status_by_contents(headers, out, profiles)
    _owner_by_contents(headers, out, profiles)
    _evidence_by_contents(headers, out, profiles, vocab)
    _unnamed_by_contents(headers, out, profiles)
    _freed_roles(headers, header, out, profiles)
    return out


def _refs_are_not_text(headers: Sequence[str], out: list[Decision], profiles: list[Profile]) -> None:
    """A column whose header begins like a text column's ('Action ID', 'Recommendation No') but whose cells
    are refs numbers the actions (or the recommendations): it gives the text role up to a column that holds
    text (see `_freed_roles`)."""
    roles = [d.role for d in out]
    for i, d in enumerate(out):
        p = profiles[i]
        if d.role not in ("action_text", "rec_text") or p.filled < 2 or p.share(Kind.NUMBER, Kind.SUBREF) < 0.8:
            continue
        role = "action_no" if d.role == "action_text" else "rec_ref"
        if role in roles:
            continue
        out[i] = Decision(role, 1.0 + 3 * p.share(Kind.NUMBER, Kind.SUBREF),
                          f"header {headers[i]!r} names {d.role} but its cells are refs ({p.summary()}): "
                          f"the {role.replace('_', ' ')}")
        roles = [x.role for x in out]


def ambiguous(header: str) -> bool:
    """A header word that names different roles in different plans (`AMBIGUOUS`)."""
    return normalise_spaces(header).strip().casefold().rstrip(":") in AMBIGUOUS


def _ref_is_action_no(headers: Sequence[str], out: list[Decision], profiles: list[Profile]) -> None:
    """A `Ref` column of numbers or sub-refs (1, 2 or 1.1, 1.2), a new one on every row, beside a recommendation text
    column that repeats or is left blank below its first row, numbers the actions, not the recommendations."""
    roles = [d.role for d in out]
    if "rec_ref" not in roles or "action_no" in roles or "rec_text" not in roles:
        return
    i, t = roles.index("rec_ref"), roles.index("rec_text")
    p, text = profiles[i], profiles[t]
    if not ambiguous(headers[i]) or p.filled < 2 or p.share(Kind.SUBREF, Kind.NUMBER) < 0.8 or not p.distinct():
        return
    same = sum(1 for k, (ref, txt) in enumerate(zip(p.values, text.values))
               if k and ref and (not txt or txt == _last_filled(text.values, k)))
    if not same:
        return
    out[i] = Decision("action_no", 1.0 + 3 * p.share(Kind.SUBREF, Kind.NUMBER),
                      f"header {headers[i]!r} is ambiguous; cells: {p.summary()}, a new one on every row, "
                      f"while {headers[t]!r} repeats or is blank on {same} of them: the action number")


def _last_filled(values: list[str], k: int) -> str:
    return next((v for v in reversed(values[:k]) if v), "")


def _status_by_contents(headers: Sequence[str], out: list[Decision], profiles: list[Profile]) -> None:
    """`Status` holding prose is the progress update; `Update` or `Comments` holding R/A/G is the rating."""
    roles = [d.role for d in out]
    for i, d in enumerate(out):
        p = profiles[i]
        if not ambiguous(headers[i]) or p.filled < 2:
            continue
        if d.role == "rag" and "progress" not in roles and p.share(Kind.PROSE) >= 0.6 and p.share(Kind.RAG) <= 0.2:
            out[i] = Decision("progress", 1.0 + 3 * p.share(Kind.PROSE),
                              f"header {headers[i]!r} is ambiguous; cells: {p.summary()}: a progress update")
        elif d.role == "progress" and "rag" not in roles and p.share(Kind.RAG) >= 0.8:
            out[i] = Decision("rag", 1.0 + 3 * p.share(Kind.RAG),
                              f"header {headers[i]!r} is ambiguous; cells: {p.summary()}: a RAG rating")
        roles = [x.role for x in out]


def _owner_by_contents(headers: Sequence[str], out: list[Decision], profiles: list[Profile]) -> None:
    """`Owner` naming boards ('Improvement Board', 'QA Sub Group') is who monitors the action, not who leads it,
    when the table has no monitoring column; naming posts or initials it stays the lead."""
    roles = [d.role for d in out]
    for i, d in enumerate(out):
        p = profiles[i]
        if d.role != "lead" or not ambiguous(headers[i]) or p.filled < 2 or "monitoring" in roles:
            continue
        if p.share(Kind.BOARD) >= 0.6:
            out[i] = Decision("monitoring", 1.0 + 3 * p.share(Kind.BOARD),
                              f"header {headers[i]!r} is ambiguous; cells: {p.summary()}: boards that monitor")
            roles = [x.role for x in out]


_REPORTED_SHARE = 0.5
"""Share of an `Evidence` column's cells that must report what happened for it to be the progress update."""


def _evidence_by_contents(headers: Sequence[str], out: list[Decision], profiles: list[Profile],
                          vocab: Vocabulary) -> None:
    """`Evidence` is a success measure ('Audits show 90% of plans are good') unless its cells report what has
    happened ('Audit completed in May; report to the board in June') and the table has no progress column."""
    roles = [d.role for d in out]
    if "progress" in roles:
        return
    for i, d in enumerate(out):
        p = profiles[i]
        if d.role != "success" or not ambiguous(headers[i]) or p.filled < 2:
            continue
        from govgraph.loaders.plandates import DateWords

        past = DateWords(vocab).past
        vals = [v for v in p.values if v]
        reported = sum(1 for v in vals if past.search(v)) / len(vals)
        if reported >= _REPORTED_SHARE:
            out[i] = Decision("progress", 1.0 + 3 * reported,
                              f"header {headers[i]!r} is ambiguous; {round(100 * reported)}% of its cells report "
                              "what has happened: the progress update")
            return


_BY_CONTENTS: tuple[tuple[str, tuple[Kind, ...]], ...] = (
    ("due", (Kind.DATE,)), ("rag", (Kind.RAG,)), ("programme", (Kind.PROGREF,)), ("monitoring", (Kind.BOARD,)))
"""Roles a column with no header role takes when nearly all its cells are of these kinds."""


def _unnamed_by_contents(headers: Sequence[str], out: list[Decision], profiles: list[Profile]) -> None:
    """A column whose header names no role (a header in other words, or none) but whose cells are nearly all
    dates or ratings is the due date or the rating, when the table has no such column yet."""
    for i, d in enumerate(out):
        p = profiles[i]
        if d.role is not None or p.filled < 2:
            continue
        taken = {x.role for x in out}
        for role, kinds in _BY_CONTENTS:
            share = p.share_due() if role == "due" else p.share(*kinds)
            if role not in taken and share >= 0.8:
                out[i] = Decision(role, 3 * share,
                                  f"header {headers[i]!r} names no role; cells: {p.summary()}: the {role} column")
                break


def _freed_roles(headers: Sequence[str], header: Sequence[tuple[float, str | None]], out: list[Decision],
                 profiles: list[Profile]) -> None:
    """A column whose header named a role another column held first ('Owner' and 'Lead officer' both name
    the lead) takes that role once the contents moved the other column elsewhere ('Owner' holds boards)."""
    for i, d in enumerate(out):
        score, role = header[i]
        if d.role is not None or role is None or role in {x.role for x in out}:
            continue
        out[i] = Decision(role, score + 3 * fit(role, profiles[i]),
                          f"header {headers[i]!r} names {role}, which another column held until its contents "
                          f"moved it; cells: {profiles[i].summary()}")


def sectioned_refs(headers: Sequence[str], out: list[Decision], rows: Sequence[Sequence[Cell]],
                   vocab: Vocabulary) -> None:
    """In a table that recommendation headings interrupt, an ambiguous `Ref` whose cells are refs, a new one on
    every row, numbers the actions: the headings give the recommendations."""
    for i, d in enumerate(out):
        if d.role != "rec_ref" or not ambiguous(headers[i]) or "action_no" in {x.role for x in out}:
            continue
        p = profile(rows, i, vocab)
        if p.filled >= 1 and p.share(Kind.NUMBER, Kind.SUBREF) >= 0.8 and p.distinct():
            out[i] = Decision("action_no", 1.0 + 3 * p.share(Kind.NUMBER, Kind.SUBREF),
                              f"header {headers[i]!r} is ambiguous; cells: {p.summary()}, a new one on every row "
                              "between recommendation headings: the action number")

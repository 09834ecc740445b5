"""Segment a document (the neutral shape) into tables and prose: headers recognised by the column
vocabulary, repeated headers set aside, continuation rows kept with the page break they follow."""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from govgraph.loaders.columns import Decision, ambiguous, decide, sectioned_refs
from govgraph.loaders.document import Break, Cell, Document, Paragraph
from govgraph.loaders.text import normalise_spaces
from govgraph.loaders.vocab import Vocabulary

REC_HEADING = re.compile(r"^\s*recommendation\s*(?:no\.?|number)?\s*(?P<n>\d+[a-z]?)\b\s*(?P<rest>.*)$", re.I)
AREA_HEADING = re.compile(r"^\s*(?:area\s+(?:for|of)\s+(?:improvement|development)|afi|priority|finding)\s*"
                          r"(?:no\.?|number)?\s*(?P<n>\d{1,3}[a-z]?)\b[\s:.\-–—]*(?P<rest>.*)$", re.I)
"""'Area for improvement 2: Care leavers ...' on a line or row of its own: a recommendation and its text."""


def section_heading(text: str) -> bool:
    """A recommendation's heading on a line of its own ('Recommendation 3', 'Area for improvement 2: ...')."""
    return bool(REC_HEADING.match(text) or AREA_HEADING.match(text))
KEY_ROLES = ("action_no", "rec_ref", "paragraphs", "rec_text")


@dataclass
class Row:
    line: int
    cells: list[Cell]
    after_break: bool


@dataclass
class Table:
    header_line: int
    roles: list[str | None]
    rows: list[Row] = field(default_factory=list)
    whole_rows: bool = False
    """Rows are whole logical rows (see `Document.whole_rows`)."""
    headers: list[str] = field(default_factory=list)
    """The header row's cell texts."""
    decisions: list[Decision] = field(default_factory=list)
    """Per column: the role chosen from the header and the contents, its score and evidence."""
    continues: "Table | None" = None
    """The table this one goes on from after a recommendation heading interrupted it (same columns)."""

    def has(self, role: str) -> bool:
        return role in self.roles


@dataclass
class Prose:
    line: int
    text: str
    cells: list[str]
    level: int = 0
    """Heading level (0: body text)."""
    row: bool = False
    """True for a table row outside any recognised table (its cells are `cells`)."""


@dataclass
class Layout:
    blocks: list[Table | Prose]
    furniture: set[int]
    notes: list[tuple[int, str]]  # (line, warning)


def _norm(cell: str) -> str:
    s = re.sub(r"\([^)]*\)", " ", normalise_spaces(cell.replace("\n", " ")).casefold())
    s = re.sub(r"[^a-z0-9/ ]+", " ", s)
    return re.sub(r"\s+", " ", s).strip()


class HeaderMatcher:
    """Map header cells to column roles by the synonym vocabulary (not by position)."""

    def __init__(self, vocab: Vocabulary) -> None:
        self._scores: dict[str, tuple[float, str | None]] = {}  # cells repeat (dates, ratings, leads)
        self.syn: list[tuple[str, str, str]] = []  # (normalised synonym, squashed, role)
        for role, words in vocab.columns.items():
            for w in words:
                n = _norm(w)
                self.syn.append((n, n.replace(" ", ""), role))

    def score(self, cell: str) -> tuple[float, str | None]:
        """How well a cell names a column role (3 exact ... 1 a prefix), and the role."""
        if cell not in self._scores:
            if len(self._scores) > 100_000:
                self._scores.clear()
            self._scores[cell] = self._score(cell)
        return self._scores[cell]

    def _score(self, cell: str) -> tuple[float, str | None]:
        n = _norm(cell)
        if not n:
            return 0.0, None
        sq = n.replace(" ", "")
        best: tuple[float, str | None] = (0.0, None)
        for syn, syn_sq, role in self.syn:
            if n == syn or sq == syn_sq:
                s = 3.0
            elif n.startswith(syn + " ") or sq.startswith(syn_sq) and len(syn_sq) >= 4:
                s = 2.0
            elif len(n) >= 4 and syn.startswith(n):
                s = 1.0
            elif len(syn) >= 6 and f" {syn} " in f" {n} ":
                s = 1.5
            else:
                continue
            if s > best[0]:
                best = (s, role)
        return best

    def header_roles(self, cells: list[str]) -> list[str | None] | None:
        nonempty = [c for c in cells if c.strip()]
        if len(nonempty) < 3 or any(len(c) > 60 for c in nonempty):
            return None
        scored = [self.score(c) for c in cells]
        strong = sum(1 for s, _ in scored if s >= 2)
        matched = sum(1 for s, _ in scored if s > 0)
        if strong < 3 or matched < 0.6 * len(nonempty):
            return None
        roles: list[str | None] = []
        taken: set[str] = set()
        for s, r in scored:
            if r and r not in taken:
                roles.append(r)
                taken.add(r)
            else:
                roles.append(None)
        if roles and roles[0] is None and not cells[0].strip() and not taken & {"action_no", "rec_ref"}:
            roles[0] = "action_no"
        return roles

    def is_header_fragment(self, cell: str, role: str | None = None) -> bool:
        """Is `cell` the rest of a header word split over two lines? With `role`, only that column's words
        count: 'September 2013' under 'Timescale' is a date, not the rest of 'Update September 2013'."""
        n = _norm(cell)
        if not n or len(n) > 30:
            return False
        for syn, _, syn_role in self.syn:
            if role is not None and syn_role != role:
                continue
            if n == syn or syn.endswith(" " + n) or difflib.SequenceMatcher(None, n, syn).ratio() >= 0.8:
                return True
        return False


def segment(doc: Document, vocab: Vocabulary, matcher: HeaderMatcher | None = None) -> Layout:
    """Tables (a recognised header and the rows under it) and prose, in reading order.

    Works on the neutral document shape only: a row whose cells name column roles starts a table; the same
    header again (repeated after a page break) is set aside; a row after a page break is marked so the
    records can join it to the row it continues."""
    matcher = matcher or HeaderMatcher(vocab)
    furniture: set[int] = set()
    notes: list[tuple[int, str]] = []
    blocks: list[Table | Prose] = []
    table: Table | None = None
    resume: Table | None = None  # a table a recommendation heading interrupted: its columns go on after it
    pending_break = False
    expect_header_cont = False
    for unit in doc.units:
        no = unit.loc.ordinal
        if isinstance(unit, Break):
            furniture.add(no)
            if unit.page:
                pending_break = pending_break or bool(unit.text) or table is not None
            continue
        if isinstance(unit, Paragraph):
            resume = _interrupted(table, [unit.text]) or (resume if section_heading(unit.text) else None)
            table = None
            blocks.append(Prose(no, unit.text, [unit.text], level=unit.level))
            pending_break = False
            continue
        cells = unit.cells
        texts = [normalise_spaces(c.text.replace("\n", " ")) for c in cells]
        roles = matcher.header_roles(texts)
        if roles is not None:
            if table is not None and _same_header(table.roles, roles):
                furniture.add(no)
                pending_break, expect_header_cont = True, True
                continue
            table = Table(no, roles, whole_rows=doc.whole_rows, headers=texts)
            blocks.append(table)
            pending_break = expect_header_cont = False
            resume = None
            continue
        if (table is None and resume is not None and abs(len(cells) - len(resume.roles)) <= 1
                and len({t for t in texts if t}) >= 2):  # an action's row, not the recommendation's text
            table = Table(no, list(resume.roles), whole_rows=doc.whole_rows, headers=resume.headers,
                          continues=resume.continues or resume)
            blocks.append(table)
        if table is not None:
            if expect_header_cont and _is_header_cont(texts, table, matcher):
                furniture.add(no)
                for c, role in zip(texts, table.roles + [None] * len(texts)):
                    if c and not matcher.is_header_fragment(c, role):
                        notes.append((no, f"stray text {c!r} beside a repeated header ignored"))
                expect_header_cont = False
                continue
            expect_header_cont = False
            if _interrupted(table, texts):
                resume, table = _interrupted(table, texts), None
            else:
                width = max(len(table.roles), len(cells))
                table.rows.append(Row(no, cells + [Cell("")] * (width - len(cells)), pending_break))
                pending_break = False
                continue
        nonempty = [t for i, t in enumerate(texts)  # a title merged across the row counts once
                    if t and not (cells[i].merged and i and texts[i - 1] == t)]
        blocks.append(Prose(no, " ".join(nonempty), nonempty, row=True))
        pending_break = False
    continued: dict[int, list[Row]] = {}
    for block in blocks:
        if isinstance(block, Table) and block.continues is not None:
            continued.setdefault(id(block.continues), []).extend(block.rows)
    for block in blocks:
        if isinstance(block, Table) and block.continues is None:
            refine_roles(block, matcher, vocab, continued.get(id(block)))
    for block in blocks:
        if isinstance(block, Table) and block.continues is not None:
            block.roles, block.decisions = list(block.continues.roles), block.continues.decisions
    if not any(isinstance(b, Table) for b in blocks):
        blocks = _headerless_tables(doc, blocks, vocab)
    return Layout(blocks, furniture, notes)


def _headerless_tables(doc: Document, blocks: list[Table | Prose], vocab: Vocabulary) -> list[Table | Prose]:
    """A document with no header row anywhere: runs of rows whose cells show a plan's columns become tables
    (`headerless`), in place of the rows read as prose."""
    from govgraph.loaders.headerless import headerless_roles, row_runs

    tables: dict[int, Table] = {}
    inside: set[int] = set()
    for run in row_runs(doc):
        decisions = headerless_roles([u.cells for u in run], vocab)
        if decisions is None:
            continue
        first = run[0].loc.ordinal
        rows = [Row(u.loc.ordinal, list(u.cells), False) for u in run]
        tables[first] = Table(first, [d.role for d in decisions], rows, whole_rows=doc.whole_rows,
                              headers=[""] * len(decisions), decisions=decisions)
        inside |= {u.loc.ordinal for u in run}
    if not tables:
        return blocks
    out: list[Table | Prose] = []
    for b in blocks:
        if b.line in tables:
            out.append(tables[b.line])
        elif not (isinstance(b, Prose) and b.row and b.line in inside):
            out.append(b)
    return out


def refine_roles(table: Table, matcher: HeaderMatcher, vocab: Vocabulary, more: list[Row] | None = None) -> None:
    """Settle each column's role from its header and the cells under it (`columns.decide`): the header
    row was found by its words; the contents only refine the roles of that table's columns. `more` are
    the rows of the tables continuing it after recommendation headings: there the headings give the
    recommendations, so an ambiguous `Ref` of a new ref on every row numbers the actions."""
    headers = table.headers + [""] * (len(table.roles) - len(table.headers))
    scores = [matcher.score(h) for h in headers]
    rows = [r.cells for r in table.rows + (more or [])]
    table.decisions = decide(headers, scores, table.roles, rows, vocab)
    if more is not None:
        sectioned_refs(headers, table.decisions, rows, vocab)
    table.roles = [d.role for d in table.decisions]


def _interrupted(table: Table | None, texts: list[str]) -> Table | None:
    """The table a recommendation's heading row or line interrupts: one with no recommendation column, whose
    actions the heading's recommendation owns ('Area for improvement 2: ...' between its rows)."""
    distinct = {t for t in texts if t}
    if (table is None or len(distinct) != 1 or any(table.has(r) for r in ("rec_text", "paragraphs"))
            or (table.has("rec_ref") and not ambiguous(table.headers[table.roles.index("rec_ref")]))
            or not section_heading(next(iter(distinct)))):
        return None
    return table


def _same_header(a: list[str | None], b: list[str | None]) -> bool:
    if abs(len(a) - len(b)) > 1:
        return False
    same = sum(1 for x, y in zip(a, b) if x == y and x is not None)
    known = max(1, sum(1 for x in a if x is not None))
    return same >= 0.5 * known


def _is_header_cont(cells: list[str], table: Table, matcher: HeaderMatcher) -> bool:
    for c, role in zip(cells, table.roles):
        if role in ("action_no", "rec_ref") and c:
            return False
    return any(c and matcher.is_header_fragment(c, role) for c, role in zip(cells, table.roles))

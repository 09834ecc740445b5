"""`govgraph vocab suggest`: vocabulary entries for what a plan used that govgraph could not place.

The learning loop of issue 14: a user loads a plan from a council govgraph has not seen, asks for
suggestions, reviews the YAML and passes it back with `--vocab`. Suggested are column headers whose role
the cells show clearly (dates -> due, R/A/G words or colours -> rag, post titles or initials -> lead, a new
sub-ref on every row -> action_no), and R/A/G cells whose words are not in `rag_spellings`, listed for the
user to give a status. Nothing is guessed that the contents do not show: the rest is listed as comments.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from govgraph.loaders.columns import Kind, Profile, profile
from govgraph.loaders.document import Cell, Document
from govgraph.loaders.layout import HeaderMatcher, Table, segment
from govgraph.loaders.rag import parse_rag
from govgraph.loaders.readers import read_document
from govgraph.loaders.text import normalise_spaces
from govgraph.loaders.vocab import Vocabulary
from govgraph.model.nodes import Rag

_CLEAR = 0.8
"""Share of a column's filled cells that must be of one kind before its role is suggested."""


@dataclass
class Suggestions:
    """Column headers to teach, by role; headers that stay unplaced; status words to give a status to."""

    columns: dict[str, list[str]] = field(default_factory=dict)
    unplaced: list[tuple[str, str]] = field(default_factory=list)
    """(header, where) of headed columns whose contents show no clear role."""
    rag_words: dict[str, str] = field(default_factory=dict)
    """Unknown R/A/G cell text -> where it was first seen."""

    def add_column(self, role: str, header: str) -> None:
        names = self.columns.setdefault(role, [])
        if header not in names:
            names.append(header)

    def to_yaml(self) -> str:
        """A vocabulary file to review and pass back with `--vocab`."""
        lines = ["# Suggested by `govgraph vocab suggest`: review, then load with --vocab THIS_FILE.", ""]
        if self.columns:
            lines.append(yaml.safe_dump({"columns": self.columns}, allow_unicode=True, sort_keys=True).rstrip())
        else:
            lines.append("# No column header to suggest: every headed column was placed, or its cells show no role.")
        if self.rag_words:
            lines += ["", "# Status words seen in R/A/G cells that govgraph does not know: give each a status",
                      "# (RED, AMBER, GREEN, BLUE for complete, GREY for not started) and uncomment.",
                      "# rag_spellings:"]
            lines += [f"#   {yaml.safe_dump(w, allow_unicode=True).splitlines()[0]}: AMBER   # {where}"
                      for w, where in self.rag_words.items()]
        if self.unplaced:
            lines += ["", "# Headed columns whose cells show no clear role (kept on each action under `extra`):"]
            lines += [f"#   {h!r} at {where}" for h, where in self.unplaced]
        return "\n".join(lines) + "\n"


def suggest(paths: Iterable[Path], vocab: Vocabulary | None = None) -> Suggestions:
    """Read each file and suggest vocabulary entries for what could not be placed."""
    vocab = vocab or Vocabulary.default()
    matcher = HeaderMatcher(vocab)
    out = Suggestions()
    for path in paths:
        doc = read_document(Path(path))
        tables = [b for b in segment(doc, vocab, matcher).blocks if isinstance(b, Table)]
        for table in tables:
            _known_table(doc, table, vocab, out)
        if not tables:
            _unknown_tables(doc, vocab, matcher, out)
    return out


def _known_table(doc: Document, table: Table, vocab: Vocabulary, out: Suggestions) -> None:
    rows = [r.cells for r in table.rows]
    for i, (header, role) in enumerate(zip(table.headers, table.roles)):
        if role is None and header.strip():
            _place(header, profile(rows, i, vocab), set(table.roles), doc, table.header_line, out)
        if role == "rag":
            for r in table.rows:
                text = normalise_spaces(r.cells[i].text.replace("\n", " ")) if i < len(r.cells) else ""
                if text and parse_rag(text, vocab) == Rag.UNKNOWN:
                    out.rag_words.setdefault(text, _where(doc, r.line))


def _unknown_tables(doc: Document, vocab: Vocabulary, matcher: HeaderMatcher, out: Suggestions) -> None:
    """No table was recognised: each table's first row of short cells is taken as its header; headers the
    vocabulary already knows are left as they are."""
    by_table: dict[int, list[Sequence[Cell]]] = {}
    lines: dict[int, list[int]] = {}
    for row in doc.rows():
        by_table.setdefault(row.table, []).append(row.cells)
        lines.setdefault(row.table, []).append(row.loc.ordinal)
    first = {number: ordinals[0] for number, ordinals in lines.items()}
    for number, rows in by_table.items():
        head, body = rows[0], rows[1:]
        texts = [normalise_spaces(c.text) for c in head]
        if len([t for t in texts if t]) < 3 or any(len(t) > 60 for t in texts):
            continue
        known = {matcher.score(t)[1] for t in texts if t and matcher.score(t)[0] >= 2}
        for i, header in enumerate(texts):
            if header and matcher.score(header)[0] < 2:
                placed = _place(header, profile(body, i, vocab), known, doc, first[number], out)
                if placed == "rag":
                    _unknown_rag_words(doc, [(c[i], ln) for c, ln in zip(body, lines[number][1:]) if i < len(c)],
                                       vocab, out)


def _place(header: str, p: Profile, taken: set[str | None], doc: Document, line: int,
           out: Suggestions) -> str | None:
    role = _clear_role(p, taken)
    if role:
        out.add_column(role, normalise_spaces(header))
    else:
        out.unplaced.append((normalise_spaces(header), _where(doc, line)))
    return role


def _unknown_rag_words(doc: Document, cells: list[tuple[Cell, int]], vocab: Vocabulary, out: Suggestions) -> None:
    for cell, line in cells:
        text = normalise_spaces(cell.text.replace("\n", " "))
        if text and parse_rag(text, vocab) == Rag.UNKNOWN:
            out.rag_words.setdefault(text, _where(doc, line))


def _clear_role(p: Profile, taken: set[str | None]) -> str | None:
    """The role a column's cells show beyond doubt, if the table does not have it already."""
    if not p.filled:
        return None
    for role, kinds in (("due", (Kind.DATE,)), ("rag", (Kind.RAG,)), ("lead", (Kind.POST, Kind.INITIALS))):
        if role not in taken and p.share(*kinds) >= _CLEAR:
            return role
    short = all(len(v.split()) <= 3 for v in p.values if v)
    if "rag" not in taken and p.share(Kind.RAG) >= 0.5 and short:  # status words, some of a council's own
        return "rag"
    if "action_no" not in taken and p.share(Kind.SUBREF) >= _CLEAR and p.distinct():
        return "action_no"
    return None


def _where(doc: Document, ordinal: int) -> str:
    return f"{doc.source_file} {doc.location(ordinal) or f'line {ordinal}'}"

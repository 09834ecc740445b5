"""The document being built: what every build step (tables, prose, plans, cross-references) reads and adds to.

One `BuildState` per document. The steps share it rather than each other's internals: the plans so far
(the last is the current one), their recommendations and actions, which unit (line) each node used and
which were warned about, and the report.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from govgraph.loaders.coverage import DocumentReport, unit_texts
from govgraph.loaders.document import Document
from govgraph.loaders.entities import AuthorityEntities, EntityKey
from govgraph.loaders.layout import Layout
from govgraph.loaders.programme import ProgrammeCollector
from govgraph.loaders.text import Lexicon, normalise_spaces
from govgraph.loaders.vocab import Vocabulary
from govgraph.model.edges import Edge
from govgraph.model.graph import GovGraph
from govgraph.model.ids import doc_key
from govgraph.model.nodes import Action, Plan, Recommendation


WARNINGS_CAP = 1_000
"""Warnings stored per document; past it one last warning counts the rest (a file of 100,000-column rows
stored five million)."""


class BuildState:
    """One document's build so far; line numbers are unit ordinals (1-based)."""

    def __init__(self, path: Path, document: Document, layout: Layout, vocab: Vocabulary, lexicon: Lexicon,
                 graph: GovGraph, entities: AuthorityEntities, programme: ProgrammeCollector) -> None:
        self.file = path.name
        self.doc = doc_key(path.name)
        self.document = document
        self.lines = unit_texts(document)
        """Each unit's text by ordinal - 1 (a row's cells joined by tabs), for warnings and date finding."""
        self.layout = layout
        self.vocab = vocab
        self.lex = lexicon
        self.g = graph
        self.reg = entities
        self.prog = programme
        self.used: dict[int, str] = {}
        self.warned: set[int] = set()
        self.report = DocumentReport(self.file, entities.authority_id)
        self.plans: list[Plan] = []
        self.guessed_title: str | None = None
        """The plan whose title is the document's first long line, not a PLAN heading (a heading replaces it)."""
        self.plan_owner: dict[str, EntityKey | None] = {}
        self.recs: dict[str, list[Recommendation]] = {}
        self.actions: dict[str, Action] = {}
        self.rec_actions: dict[str, list[str]] = {}
        self.pending_xrefs: list[tuple[str, str, str, str, int]] = []  # (src id, plan id, target ref, quote, line)
        self.pending_deps: list[tuple[str, str, str, str, int]] = []
        self.plan_edges: list[Edge] = []
        self._over_cap: tuple[int, dict[str, Any]] | None = None  # (count, the stored summary warning)

    @property
    def plan(self) -> Plan:
        """The plan being read: the last one a heading started (or the untitled first)."""
        return self.plans[-1]

    def warn(self, line: int, message: str, rule: str = "unused-text") -> None:
        """A load warning at `line`; the line then counts as accounted for. Past WARNINGS_CAP the warning
        is counted in one summary warning instead of stored."""
        self.warned.add(line)
        if len(self.report.warnings) < WARNINGS_CAP:
            self.report.warnings.append((line, message))
            self.g.warn(self.file, line, message, rule)
        else:
            self._count_over_cap(line)

    def _count_over_cap(self, line: int) -> None:
        """Add one to the summary warning (stored at the first warning over the cap, updated in place)."""
        if self._over_cap is None:
            self.report.warnings.append((line, ""))
            self.g.warn(self.file, line, "", "warnings-capped")
            self._over_cap = (0, self.g.warnings[-1])
        count, stored = self._over_cap
        count += 1
        stored["message"] = (f"{count:,} more warnings not stored: the first {WARNINGS_CAP:,} of this document "
                             f"are kept")
        self.report.warnings[-1] = (self.report.warnings[-1][0], stored["message"])
        self._over_cap = (count, stored)

    def attribute(self, lines: list[int] | int, node_id: str) -> None:
        """Say which node these lines went into (the first node to claim a line keeps it)."""
        for ln in [lines] if isinstance(lines, int) else lines:
            self.used.setdefault(ln, node_id)

    def text(self, raw: str) -> str:
        """A cell's text as one line, spaces normalised and words broken by the layout mended."""
        return self.lex.mend(normalise_spaces(raw.replace("\n", " ")))

    def where(self, line: int | None) -> tuple[str, int | None]:
        return (self.file, line)


def short_name(text: str, n: int = 80) -> str:
    """A node's display name: its text cut at a word boundary to at most `n` characters."""
    text = text.strip()
    return text if len(text) <= n else text[: n - 1].rsplit(" ", 1)[0] + "…"


__all__ = ["BuildState", "short_name"]

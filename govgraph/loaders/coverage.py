"""Coverage accounting: every line of a document is used by a node, reported as a warning, or furniture.

A builder records which lines each node came from (`used`) and which it warned about (`warned`);
`account` reports every other content line as unused and fills in the report's line counts.
"""
from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from typing import Any

from govgraph.loaders.document import Document
from govgraph.loaders.document import Row as DocRow


@dataclass
class DocumentReport:
    """What one document gave, and how much of it is accounted for."""

    source_file: str
    authority: str
    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[tuple[int, str]] = field(default_factory=list)
    lines_total: int = 0
    lines_furniture: int = 0
    lines_accounted: int = 0
    tables: list[dict[str, Any]] = field(default_factory=list)
    """Per recognised table, for `load --explain`: where its header is and, per column, the header text, the
    role chosen, its score and the evidence (not stored in the graph)."""

    @property
    def coverage(self) -> float:
        content = self.lines_total - self.lines_furniture
        return 100.0 if content <= 0 else round(100.0 * self.lines_accounted / content, 1)

    def as_dict(self) -> dict[str, Any]:
        return {"source_file": self.source_file, "authority": self.authority, "counts": self.counts,
                "warnings": len(self.warnings), "lines": self.lines_total, "furniture": self.lines_furniture,
                "accounted": self.lines_accounted, "coverage": self.coverage}


def unit_texts(document: Document) -> list[str]:
    """Each unit's text in ordinal order: a paragraph's text, a row's cells joined by tabs, a break's text."""
    out = [""] * max((u.loc.ordinal for u in document.units), default=0)
    for u in document.units:
        out[u.loc.ordinal - 1] = "\t".join(u.texts()) if isinstance(u, DocRow) else u.text
    return out


def account(report: DocumentReport, lines: list[str], furniture: Iterable[int], used: Collection[int],
            warned: Collection[int], warn: Callable[[int, str, str], None]) -> None:
    """Warn about every content line nothing used (`warn` must add the line to `warned`), then record
    the line counts in `report`. Line numbers are unit ordinals, 1-based, as `lines` is indexed + 1."""
    total = len(lines)
    skip = {ln for ln in furniture if ln <= total}
    content = [ln for ln in range(1, total + 1) if ln not in skip]
    for ln in content:
        if ln not in used and ln not in warned:
            warn(ln, f"line not used: {lines[ln - 1].strip()[:80]!r}", "unused-line")
    report.lines_total = total
    report.lines_furniture = len(skip)
    report.lines_accounted = sum(1 for ln in content if ln in used or ln in warned)


__all__ = ["DocumentReport", "unit_texts", "account"]

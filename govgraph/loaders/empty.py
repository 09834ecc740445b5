"""No silent empty load: a document that gives no recommendation and no action is refused, with what was
seen and what to do, unless it gave other plan content (a RAG scheme, work streams, reference documents:
an executive summary) or the caller allows empty documents.

Text that lost its table structure (pdftotext output, a text export of a Word file: header words on lines
of their own, or columns kept apart by runs of spaces) is told apart and refused with the advice to give
govgraph the original PDF or Word file.
"""
from __future__ import annotations

from govgraph.errors import UnknownLayout
from govgraph.loaders.document import Document, Paragraph
from govgraph.loaders.layout import HeaderMatcher
from govgraph.model.graph import GovGraph

OTHER_CONTENT = ("Workstream", "ReferenceDocument", "Programme")
"""Labels that make a document without actions worth loading (an executive summary's work streams)."""


def check_not_empty(graph: GovGraph, document: Document, matcher: HeaderMatcher, counts: dict[str, int],
                    *, allow_empty: bool = False) -> str | None:
    """Raise UnknownLayout for a document that gave nothing; with `allow_empty`, return the message instead."""
    if counts.get("recommendations", 0) or counts.get("actions", 0) or _other_content(graph, document):
        return None
    message = describe(document, matcher)
    if allow_empty:
        return message
    raise UnknownLayout(message, source_file=document.source_file, hint=_hint(document, matcher))


def _other_content(graph: GovGraph, document: Document) -> bool:
    for _, d in graph.nodes():
        if d.get("source_file") != document.source_file:
            continue
        if d.get("label") in OTHER_CONTENT or (d.get("label") == "Plan" and d.get("rag_scheme")):
            return True
    return False


def describe(document: Document, matcher: HeaderMatcher) -> str:
    """What was seen: the first row of each table (none recognised as a header), or that there was no table."""
    if lost_structure(document, matcher):
        return ("no recommendation or action found: the text has lost its table structure (column headers "
                "on lines of their own or spaced apart, as pdftotext or a text export of a Word file writes)")
    firsts: dict[int, list[str]] = {}
    for row in document.rows():
        firsts.setdefault(row.table, [c.text for c in row.cells if c.text.strip()])
    if not firsts:
        kinds = "no table" if document.units else "nothing at all"
        return f"no recommendation or action found: {kinds} in the {document.format} file"
    seen = "; ".join(" | ".join(_clip(c) for c in cells[:8]) for cells in list(firsts.values())[:3])
    return f"no table with a recognisable header; headers seen: {seen}"


def _hint(document: Document, matcher: HeaderMatcher) -> str:
    if lost_structure(document, matcher):
        return ("Give govgraph the original PDF or Word file (or the spreadsheet), which keep the table; "
                "formats read: .txt/.md with tab-separated cells, .docx, .pdf, .xlsx, .csv.")
    return ("Teach govgraph the plan's column headers with `govgraph load --vocab FILE` (see README, "
            "'Vocabularies'), or pass --allow-empty for a document that holds no actions (a summary).")


def lost_structure(document: Document, matcher: HeaderMatcher) -> bool:
    """Plain text with no table rows whose lines still show a table's header: three or more column names
    on one line kept apart by spaces, or on three lines in a row."""
    if document.rows():
        return False
    run = 0
    for unit in document.units:
        if not isinstance(unit, Paragraph):
            continue
        if len(unit.parts) >= 3 and matcher.header_roles(unit.parts) is not None:
            return True
        score, _ = matcher.score(unit.text) if len(unit.text) <= 40 else (0.0, None)
        run = run + 1 if score >= 2 else 0
        if run >= 3:
            return True
    return False


def _clip(text: str, n: int = 30) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


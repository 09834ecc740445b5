"""One document to graph content: plans, recommendations, actions, leads, boards, refs and prose.

The same general steps run for every layout; what differs between councils lives in the
vocabulary. Every non-furniture line ends up attributed to a node or reported as a warning.

The loader's flow: readers -> document -> recognition (layout, records) -> build -> entities -> overlay.
The build is this module (the order of blocks, table rows to recommendations and actions) and its
steps, each sharing one `BuildState`: `plans` (plan titles, inspections), `prose_blocks` (prose
between tables), `leads` (lead and monitoring cells), `xrefs` (cross-references), `coverage` (the
line accounting and `DocumentReport`).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from govgraph.loaders.build_state import BuildState, short_name
from govgraph.loaders.colours import rag_from_fill
from govgraph.loaders.coverage import DocumentReport, account, unit_texts
from govgraph.loaders.dates import parse_due
from govgraph.loaders.document import Cell, Document
from govgraph.loaders.entities import AuthorityEntities
from govgraph.loaders.layout import REC_HEADING, Layout, Table
from govgraph.loaders.leads import lead_refs, monitor_refs, scb_mentions
from govgraph.loaders.plans import finish_plans, new_plan
from govgraph.loaders.programme import ProgrammeCollector
from govgraph.loaders.prose import Context, read_governance
from govgraph.loaders.prose_blocks import read_prose
from govgraph.loaders.rag import parse_rag, read_progress
from govgraph.loaders.records import EXTRA, NUMBERED_TEXT, Record, Section, group_records
from govgraph.loaders.refs import POINTER_ONLY, find_programme_refs, parse_paragraphs, programme_acronym
from govgraph.loaders.text import Lexicon, normalise_spaces
from govgraph.loaders.vocab import Vocabulary
from govgraph.loaders.xrefs import note_dependencies, note_references, link_references
from govgraph.model.graph import GovGraph
from govgraph.model.ids import make_id, slug
from govgraph.model.nodes import Action, Rag, Recommendation


class DocumentBuilder(BuildState):
    """Reads one document's layout blocks in order into the graph: tables here, prose in `prose_blocks`,
    plans in `plans`, cross-references in `xrefs`, the line accounting in `coverage`."""

    def __init__(self, path: Path, document: Document, layout: Layout, vocab: Vocabulary, lexicon: Lexicon,
                 graph: GovGraph, entities: AuthorityEntities, programme: ProgrammeCollector) -> None:
        super().__init__(path, document, layout, vocab, lexicon, graph, entities, programme)
        self.has_rag_column = any(isinstance(b, Table) and b.has("rag") for b in layout.blocks)

    # ---- run ------------------------------------------------------------------------------
    def _explained(self, table: Table, parts: list[Table]) -> dict[str, Any]:
        """How a table's columns were read: header text, role, score, evidence (`load --explain`); `parts`
        are the tables continuing it after recommendation headings, counted in with it."""
        where = self.document.location(table.header_line) or f"line {table.header_line}"
        heads = table.headers + [""] * (len(table.roles) - len(table.headers))
        return {"at": where, "rows": len(table.rows) + sum(len(p.rows) for p in parts),
                **({"parts": len(parts) + 1} if parts else {}), "columns": [
            {"header": h, "role": d.role, "score": d.score, "evidence": d.evidence}
            for h, d in zip(heads, table.decisions)]}

    def run(self) -> DocumentReport:
        for loc, msg in self.document.notes:  # what the reader could not use or had to guess
            self.warn(loc.ordinal, msg, "reader-note")
        for line, msg in self.layout.notes:
            self.warn(line, msg, "header-fragment")
        tables = [b for b in self.layout.blocks if isinstance(b, Table)]
        self.report.tables = [self._explained(t, [c for c in tables if c.continues is t])
                              for t in tables if t.continues is None]
        new_plan(self, None, None)
        current_rec: Recommendation | None = None
        mode = ""
        for block in self.layout.blocks:
            if isinstance(block, Table):
                current_rec = self._table(block, current_rec)
                mode = ""
            else:
                current_rec, mode = read_prose(self, block, current_rec, mode)
        finish_plans(self)
        link_references(self)
        self._account()
        return self.report

    # ---- tables ---------------------------------------------------------------------------
    def _table(self, table: Table, current_rec: Recommendation | None) -> Recommendation | None:
        self.attribute(table.header_line, self.plan.id)
        for header, role in zip(table.headers, table.roles):
            if role is None and header.strip():
                self.warn(table.header_line, f"column {header.strip()!r} has no role govgraph knows: its text is "
                          "kept on each action under `extra`", "extra-column")
        section: str | None = None
        items = group_records(table, self.warn)
        rec_ref_qualify = not any(r in table.roles for r in ("action_no",))
        for item in items:
            if isinstance(item, Section):
                section = self.lex.mend(item.title)
                self.attribute(item.line, self.plan.id)
                continue
            rec = self._record_rec(item, table, current_rec, section)
            if rec is None:
                self.warn(item.lines[0], "a row with no recommendation to attach to; kept as an action only",
                          "orphan-row")
            current_rec = rec
            self._record_actions(item, table, rec, qualify=rec_ref_qualify)
        return current_rec

    def _record_rec(self, rec: Record, table: Table, current: Recommendation | None,
                    section: str | None) -> Recommendation | None:
        ref = None
        paras = None
        text = self.text(rec.get("rec_text")) if rec.get("rec_text") else ""
        if rec.get("rec_ref"):
            ref = re.sub(r"\.$", "", rec.first("rec_ref"))
        if rec.get("paragraphs"):
            paras = parse_paragraphs(rec.first("paragraphs"))
            if paras is None:
                self.warn(rec.lines[0], f"Ofsted paragraph cell {rec.get('paragraphs')[:40]!r} not understood")
            elif ref is None:
                ref = paras.ref
        m = REC_HEADING.match(text) if text else None
        if ref is None and m:
            ref = m.group("n")
        numbered = NUMBERED_TEXT.match(text) if text and ref is None else None
        if numbered:  # "3. Strengthen management oversight": the number is the ref, the rest the text
            ref, text = numbered.group(1), text[numbered.end():]
        if ref is None and text and not rec.sub_row and current is None:
            ref = self._next_rec_ref(rec)
        if ref is None and text and not (table.has("rec_ref") or table.has("paragraphs")):
            # no ref or paragraph column: the recommendation's text is its identity
            known = self._rec_by_text(text)
            if known is not None:
                self.attribute(rec.lines, known.id)
                return known
            if not rec.sub_row and not _continues_cell(text):
                ref = self._next_rec_ref(rec)
        if ref is not None and current is not None and ref == current.ref and (
                not text or not current.text or _text_key(text) == _text_key(current.text)):
            ref = None  # the same recommendation printed again on its next row ('R1' beside each action)
        if ref is None:
            if current is not None:
                self.attribute(rec.lines, current.id)
                if text and current.text and text not in current.text:
                    current.text = f"{current.text} {text}"
            return current
        plan_recs = self.recs[self.plan.id]
        base = make_id(self.plan.id, "rec", slug(ref))
        rid, n = base, 2
        while any(r.id == rid for r in plan_recs):
            rid, n = f"{base}-{n}", n + 1
        node = Recommendation(
            id=rid, ref=ref, name=short_name(text) or f"Recommendation {ref}", text=text,
            ofsted_paragraphs=list(paras.numbers) if paras else [],
            uncertain_paragraphs=list(paras.uncertain) if paras else [], section=section,
            business_plan_ref=self.text(rec.get("business_ref")) or None,
            source_file=self.file, source_line=rec.lines[0], source_lines=rec.lines,
            authority=self.reg.authority_id)
        plan_recs.append(node)
        self.attribute(rec.lines, rid)
        return node

    def _next_rec_ref(self, rec: Record) -> str:
        """A ref for a recommendation known by its text: the prefix its first action's number shows ('2' for
        action 2.1, 'B' for B3), else the next number in the plan."""
        taken = {r.ref for r in self.recs[self.plan.id]}
        m = _ACTION_PREFIX.match(rec.first("action_no"))
        prefix = m and (m.group(1) or m.group(2))
        if prefix and prefix not in taken:
            return prefix
        n = len(taken) + 1
        while str(n) in taken:
            n += 1
        return str(n)

    def _rec_by_text(self, text: str) -> Recommendation | None:
        """The plan's recommendation already stated in these words (a text cell repeated on later rows)."""
        key = _text_key(text)
        return next((r for r in self.recs[self.plan.id] if r.text and _text_key(r.text) == key), None)

    def _record_actions(self, rec: Record, table: Table, parent: Recommendation | None, qualify: bool) -> None:
        items = cell_items(rec.cells("action_text"))
        items = [self.lex.mend(i) for i in items]
        if not items and not any(rec.get(r) for r in ("lead", "due", "progress", "rag")):
            return
        if len(items) == 1 and POINTER_ONLY.match(items[0]) and parent is not None:
            note_references(self, parent.id, items[0], rec.lines[0])
            if rec.get("progress"):
                parent.evidence = self.text(rec.get("progress"))
            return
        number = None
        if rec.get("action_no"):
            number = rec.first("action_no").rstrip(".")
        elif items and NUMBERED_TEXT.match(items[0]):
            m = NUMBERED_TEXT.match(items[0])
            number = m.group(1)  # type: ignore[union-attr]
            items[0] = items[0][m.end():]  # type: ignore[union-attr]
        if not items:
            items = [""]
        existing = self.rec_actions.setdefault(parent.id, []) if parent else []
        own = self._per_item(rec, len(items))
        for i, item in enumerate(items):
            if number is not None and len(items) == 1:
                ref = f"{parent.ref}.{number}" if (qualify and parent) else number
            elif parent is not None and len(items) == 1 and table.has("rec_text") and not table.has("rec_ref"):
                ref = parent.ref
            else:
                ref = f"{parent.ref}-{len(existing) + 1}" if parent else f"{len(self.actions) + 1}"
            base = make_id(self.plan.id, "action", slug(ref))
            aid, n = base, 2
            while aid in self.actions:
                aid, n = f"{base}-{n}", n + 1
            self._action(aid, ref, item, rec, parent, {role: cells[i] for role, cells in own.items()})
            if parent is not None:
                existing.append(aid)

    def _per_item(self, rec: Record, n: int) -> dict[str, list[str]]:
        """The due and lead cells that list one entry per bullet action: each action gets its own. A list
        of another length is reported, and every action keeps the whole cell."""
        out: dict[str, list[str]] = {}
        for role in ("due", "lead", "programme") if n > 1 else ():
            entries = cell_items(rec.cells(role))
            if len(entries) == n:
                out[role] = entries
            elif len(entries) > 1:
                self.warn(rec.lines[0], f"the {role} cell lists {len(entries)} entries for {n} bullet actions: "
                          "each action keeps the whole cell", "per-bullet-mismatch")
        return out

    def _action(self, aid: str, ref: str, text: str, rec: Record, parent: Recommendation | None,
                own: dict[str, str] | None = None) -> None:
        """One action; `own` holds this bullet's own due and lead entries when the cells list one per bullet."""
        own = own or {}
        due_raw = self.text(own.get("due", rec.get("due"))) or None
        due = parse_due(due_raw, self.vocab.no_date_words)
        progress = self.text(rec.get("progress")) or None
        rag_raw = normalise_spaces(rec.get("rag").replace("\n", " ")) if rec.get("rag") else None
        rag_basis: str | None = None
        fill = next((c.fill for c in rec.cells("rag") if c.fill), None)
        rag_fill = rag_from_fill(fill)
        if self.has_rag_column:
            rag, inferred = parse_rag(rag_raw, self.vocab), False
            if rag_raw and rag == Rag.UNKNOWN:
                self.warn(rec.lines[0], f"RAG value {rag_raw!r} not recognised", "rag-unknown")
            if not rag_raw and rag_fill is not None:  # a coloured cell with no text: the colour is the status
                rag, rag_raw = rag_fill, f"fill:{fill}"
        else:
            reading = read_progress(progress, self.vocab)
            rag, inferred, rag_basis = reading.rag, True, reading.basis
        lead_raw = self.text(own.get("lead", rec.get("lead"))) or None
        monitoring = self.text(rec.get("monitoring")) or None
        action = Action(id=aid, ref=ref, text=text, name=short_name(text) or f"Action {ref}",
                        due=due.isoformat() if due else None,
                        due_raw=due_raw, rag=rag, rag_raw=rag_raw, rag_inferred=inferred, rag_basis=rag_basis,
                        rag_fill=f"fill:{fill}" if fill and rag_fill not in (None, rag) else None,
                        progress=progress,
                        success_indicator=self.text(rec.get("success")) or None,
                        resources=self.text(rec.get("resources")) or None, monitoring=monitoring,
                        extra={k[len(EXTRA):]: self.text(rec.get(k)) for k in rec.frags if k.startswith(EXTRA)}
                        or None,
                        lead_raw=lead_raw, source_file=self.file, source_line=rec.lines[0],
                        source_lines=rec.lines, authority=self.reg.authority_id)
        self.actions[aid] = action
        self.attribute(rec.lines, aid)
        where = self.where(rec.lines[0])
        owner = self.plan_owner.get(self.plan.id)
        if lead_raw:
            for lead in lead_refs(own.get("lead", rec.lines_of("lead")), where, owner, self.reg, self.vocab, self.lex):
                self.reg.edge(lead, aid, "LEADS", where, quote=lead_raw)
        if monitoring:
            for monitor in monitor_refs(monitoring, where, owner, self.reg, self.vocab):
                self.reg.edge(monitor, aid, "MONITORS", where, quote=monitoring[:200])
        ctx = Context(aid, "Action", owner)
        for cell in (monitoring, progress, text):
            if cell:
                read_governance(cell, self.reg, where, ctx)
                scb_mentions(cell, where, self.reg)
        programme = self.text(own.get("programme", rec.get("programme"))) or None
        refs_text = " ".join(c for c in (programme, monitoring, progress, text) if c)
        acr = programme_acronym(refs_text)
        for pref in find_programme_refs(refs_text, self.prog.schemes(self.file, self.lines)):
            action.programme_refs.append(pref.raw)
            self.prog.use(aid, pref, where, refs_text[:200], acr)
        for cell in (text, progress):
            if cell:
                note_references(self, aid, cell, rec.lines[0])
                note_dependencies(self, aid, cell, rec.lines[0])

    # ---- coverage -------------------------------------------------------------------------
    def _account(self) -> None:
        account(self.report, self.lines, self.layout.furniture, self.used, self.warned, self.warn)
        self.report.counts = {
            "plans": len(self.plans),
            "recommendations": sum(len(r) for r in self.recs.values()),
            "actions": len(self.actions),
            "cross_references": len(self.pending_xrefs) + len(self.pending_deps),
        }


_ACTION_PREFIX = re.compile(r"^\s*(\d{1,3}(?:\.\d{1,3})*)(?:\.\d{1,3}|[a-z])\.?\s*$|^\s*([A-Z]{1,2})\d{1,3}\.?\s*$")
"""An action number and the recommendation part it shows: '2.1' -> '2', '2.1.3' -> '2.1', '1a' -> '1', 'B3' -> 'B'."""


def _text_key(text: str) -> str:
    return re.sub(r"[^\w]+", " ", text.casefold()).strip()


def _continues_cell(text: str) -> bool:
    """A text cell that is the rest of the cell above (wrapped or split by a page break): it starts mid-sentence."""
    first = text.lstrip(" \t-–—•")[:1]
    return bool(first) and (first.islower() or first in ",;:)")


def cell_items(cells: list[Cell]) -> list[str]:
    """The items (one action each) of a cell and the cells continuing it: list items as they are, plain text
    before a list an item of its own, plain text after one the rest of its last item, a cell with no list
    one item; a list item a page break cut (`open_item`) runs on into the next cell's first item."""
    items: list[str] = []
    pending: list[str] = []
    open_item = False
    for cell in cells:
        if cell.items:
            if pending:
                items.append(" ".join(pending))
                pending = []
            first, rest = _elaborated(cell.items)
            if open_item and items:
                items[-1] = f"{items[-1]} {first}"
            else:
                items.append(first)
            items.extend(rest)
            open_item = cell.open_item
        elif cell.text:
            lines = [normalise_spaces(ln) for ln in cell.text.split("\n") if ln.strip()]
            if items:  # text after a list: its first line ends the last item, further lines are items
                items[-1] = f"{items[-1]} {lines[0]}"
                items.extend(lines[1:])
            else:
                pending.append(" ".join(lines))
    if pending:
        items.append(" ".join(pending))
    return [i for i in items if i]


def _elaborated(items: list[str]) -> tuple[str, list[str]]:
    """A list whose later items all start in lower case elaborates its first ('Train all social workers' /
    'on the threshold' / 'on escalation'): one action. Otherwise each item is an action."""
    rest = items[1:]
    if rest and all(i[:1].islower() for i in rest):
        return f"{items[0]}: {'; '.join(rest)}", []
    return items[0], rest


__all__ = ["DocumentBuilder", "DocumentReport", "unit_texts", "cell_items"]

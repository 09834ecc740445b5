"""Prose between tables: plan titles, recommendation headings and their text, and the plan's own lines.

Prose is read as a small state machine over the blocks in order. `mode` says where the next line goes:
"rec_text", "outcome" or "evidence" of the current recommendation (after a 'Recommendation 3' heading),
"workstreams" (rows after a 'work streams' line name work streams), or "" (the plan's notes). A table
resets the mode. Lines that define aliases, a programme, the version, reference documents or a RAG
scheme are read as such; every other line becomes a plan note.
"""
from __future__ import annotations

import re

from govgraph.loaders.build_state import BuildState, short_name
from govgraph.loaders.rag import parse_rag
from govgraph.loaders.layout import AREA_HEADING, REC_HEADING, Prose
from govgraph.loaders.leads import scb_mentions
from govgraph.loaders.plans import read_plan_title
from govgraph.loaders.prose import Context, read_alias_definition, read_governance
from govgraph.model.edges import Edge
from govgraph.model.ids import make_id, slug
from govgraph.model.nodes import Programme, Recommendation, ReferenceDocument, Workstream

_REFDOC = re.compile(r"^\s*[-•]?\s*(?P<code>[A-Z]{1,4}\d{1,3})\s*[:\-–]\s*(?P<title>.+)$")
_PROG_DEF = re.compile(r"(?P<name>\b[A-Z][\w'’ ]{1,120}?)\s*\((?P<acr>[A-Z]{3,})\)"
                       r"\s+is\s+the\s+[\w ]*programme", re.I)
_OUTCOME = re.compile(r"^\s*outcomes?\s*:", re.I)
_HOW = re.compile(r"^\s*\.{2,}\s*and how will we know\??", re.I)
_VERSION = re.compile(r"^\s*V(?:ersion)?\s*(\d+(?:\.\d+)*)\s*$", re.I)
_WORKSTREAMS = re.compile(r"\bwork\s*streams?\b", re.I)
_RAG_WORDS = {"RED", "AMBER", "GREEN", "GREY", "GRAY", "BLUE"}
_REC_TEXT_MODES = ("rec_text", "outcome", "evidence")


def read_prose(state: BuildState, block: Prose, rec: Recommendation | None,
               mode: str) -> tuple[Recommendation | None, str]:
    """Read one prose block; returns the current recommendation and the mode for the next block."""
    text = state.lex.mend(block.text)
    line = block.line
    where = state.where(line)
    if _rag_key_row(state, block):
        return rec, mode
    if read_plan_title(state, text, line):
        return rec, ""
    heading = _rec_heading(state, block, text, line)
    if heading is not None:
        return heading, "rec_text"
    owner = state.plan_owner.get(state.plan.id)
    read_governance(text, state.reg, where, Context(state.plan.id, "Plan", owner))
    scb_mentions(text, where, state.reg)
    if rec is not None and mode in _REC_TEXT_MODES:
        state.attribute(line, rec.id)
        return rec, _rec_prose(rec, text, mode)
    state.attribute(line, state.plan.id)
    return rec, _plan_prose(state, block, text, mode)


def _rag_key_row(state: BuildState, block: Prose) -> bool:
    """A row of the plan's RAG key ('Red | Off track', 'R | Red - off track', in a key table or sheet): the
    plan's meaning of that status, not a title or a note."""
    if len(block.cells) < 2:
        return False
    word = block.cells[0].strip()
    status = word.upper().replace("GRAY", "GREY") if word.upper() in _RAG_WORDS else None
    if status is None and len(word) <= 2:
        status = parse_rag(word, state.vocab).value
    if status in (None, "UNKNOWN"):
        return False
    state.plan.rag_scheme[status] = block.cells[1]
    state.attribute(block.line, state.plan.id)
    return True


def _rec_heading(state: BuildState, block: Prose, text: str, line: int) -> Recommendation | None:
    """A 'Recommendation 3 - urgent' heading on a line of its own starts a recommendation of the plan."""
    m = REC_HEADING.match(text)
    area = None if m else AREA_HEADING.match(text)
    if not ((m or area) and len(set(block.cells)) == 1):
        return None
    if area is not None:  # 'Area for improvement 2: Care leavers ...': the rest is the recommendation's text
        ref, rest = area.group("n"), area.group("rest").strip()
        node = Recommendation(id=make_id(state.plan.id, "rec", slug(ref)), ref=ref,
                              name=short_name(rest) or f"Recommendation {ref}", text=rest or None,
                              source_file=state.file, source_line=line, source_lines=[line],
                              authority=state.reg.authority_id)
    else:
        ref = m.group("n")  # type: ignore[union-attr]
        urgency = re.sub(r"^[\s\-–—:]+", "", m.group("rest")).strip() or None  # type: ignore[union-attr]
        node = Recommendation(id=make_id(state.plan.id, "rec", slug(ref)), ref=ref, name=f"Recommendation {ref}",
                              urgency=urgency, source_file=state.file, source_line=line,
                              source_lines=[line], authority=state.reg.authority_id)
    state.recs[state.plan.id].append(node)
    state.attribute(line, node.id)
    return node


def _plan_prose(state: BuildState, block: Prose, text: str, mode: str) -> str:
    """A line of the plan's own: a definition, its version, a cited document, its RAG scheme, a work stream
    row, or else a note. Returns the mode for the next block."""
    where = state.where(block.line)
    line = block.line
    if read_alias_definition(text, state.reg, where):
        state.plan.notes.append(text)
        return mode
    pm = _PROG_DEF.search(text)
    if pm:
        state.prog.define(pm.group("acr"), pm.group("name").strip(), where)
    vm = _VERSION.match(text)
    if vm:
        state.plan.version = vm.group(1)
        return mode
    rm = _REFDOC.match(text)
    if rm and len(block.cells) == 1:
        _refdoc(state, rm.group("code"), rm.group("title").strip(), line)
        return mode
    if mode == "workstreams" and len(block.cells) >= 1 and block.row:
        for cell in block.cells:
            _workstream(state, cell, line)
        return mode
    if _WORKSTREAMS.search(text):
        mode = "workstreams"
    state.plan.notes.append(text)
    return mode


def _rec_prose(rec: Recommendation, text: str, mode: str) -> str:
    """Add a line to the recommendation's text, outcome or evidence (by `mode`); the template's prompts
    ('Outcomes: what difference...', '...and how will we know?') switch the mode. Returns the new mode."""
    parts = re.split(r"(?i)(outcomes?\s*:\s*what difference will these actions make\??"
                     r"|\.{2,}\s*and how will we know\??)", text)
    for part in parts:
        part = part.strip(" -•")
        if not part:
            continue
        if _OUTCOME.match(part):
            mode = "outcome"
            continue
        if _HOW.match(part):
            mode = "evidence"
            continue
        if mode == "rec_text":
            rec.text = f"{rec.text} {part}".strip()
            rec.name = short_name(rec.text)
        elif mode == "outcome":
            rec.outcome = f"{rec.outcome or ''} {part}".strip()
        else:
            rec.evidence = f"{rec.evidence or ''} {part}".strip()
    return mode


def _refdoc(state: BuildState, code: str, title: str, line: int) -> None:
    """A listed reference document ('D3: Threshold guidance'), cited by the plan."""
    rid = make_id(state.reg.authority_id, "document", slug(code))
    state.g.add_node(ReferenceDocument(id=rid, ref=code, title=title, name=f"{code}: {title}",
                                       source_file=state.file, source_line=line, authority=state.reg.authority_id))
    state.plan_edges.append(Edge(source=state.plan.id, target=rid, type="CITES", source_file=state.file,
                                 source_line=line))
    state.attribute(line, rid)


def _workstream(state: BuildState, name: str, line: int) -> None:
    """A work stream named in a row after a 'work streams' line: part of the plan's programme."""
    if not name:
        return
    prog_id = make_id(state.reg.authority_id, "programme", slug(state.plan.title or state.doc))
    if prog_id not in state.g:
        state.g.add_node(Programme(id=prog_id, name=state.plan.title or state.doc, source_file=state.file,
                                   source_line=state.plan.source_line or line, authority=state.reg.authority_id))
    wid = f"{prog_id}/{slug(name)}"
    state.g.add_node(Workstream(id=wid, name=name, source_file=state.file, source_line=line,
                                authority=state.reg.authority_id))
    state.g.add_edge(Edge(source=wid, target=prog_id, type="PART_OF", source_file=state.file, source_line=line))
    state.attribute(line, wid)


__all__ = ["read_prose"]

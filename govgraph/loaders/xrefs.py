"""Cross-references between recommendations and actions: queued while reading, resolved at the end.

'See recommendation 3' in an action or a pointer row gives REFERS_TO (and the referred recommendation's
actions also address the referring one); 'dependent on action 2.1' gives DEPENDS_ON. A reference is
resolved within its own plan only, once the whole document is read, so forward references work.
"""
from __future__ import annotations

from govgraph.loaders.build_state import BuildState
from govgraph.loaders.refs import DEPENDS, XREF
from govgraph.model.edges import Edge
from govgraph.model.graph import GovGraph


def note_references(state: BuildState, src: str, text: str, line: int) -> None:
    """Queue the recommendations `text` refers to ('see recommendation 3') from node `src`."""
    for m in XREF.finditer(text):
        state.pending_xrefs.append((src, state.plan.id, m.group("n"), m.group("quote"), line))


def note_dependencies(state: BuildState, src: str, text: str, line: int) -> None:
    """Queue the actions `text` says action `src` depends on ('dependent on action 2.1')."""
    for m in DEPENDS.finditer(text):
        state.pending_deps.append((src, state.plan.id, m.group("n"), m.group("quote"), line))


def link_references(state: BuildState) -> None:
    """Once every recommendation and action is known: REFERS_TO and DEPENDS_ON edges, and ADDRESSES from the
    referred recommendation's actions to the referring one; a target not found is noted on the source node
    (`dangling_refs`), never guessed."""
    for src, plan_id, target, quote, line in state.pending_xrefs:
        recs = [r for r in state.recs[plan_id] if r.ref == target]
        if not recs:
            _dangling(state.g, src, f"{quote!r} (line {line}): recommendation {target} not found")
            continue
        tgt = recs[0]
        state.g.add_edge(Edge(source=src, target=tgt.id, type="REFERS_TO", source_file=state.file,
                              source_line=line, quote=quote))
        referring = src if src.split("/")[-2] == "rec" else None
        if referring is None and src in state.actions:
            referring = next((r for r, acts in state.rec_actions.items() if src in acts), None)
        if referring and referring != tgt.id:
            for aid in state.rec_actions.get(tgt.id, []):
                if aid != src:
                    state.g.add_edge(Edge(source=aid, target=referring, type="ADDRESSES", source_file=state.file,
                                          source_line=line, quote=quote))
    for src, plan_id, target, quote, line in state.pending_deps:
        hits = [a for a in state.actions.values() if a.ref == target and a.id.startswith(plan_id + "/")]
        if hits:
            state.g.add_edge(Edge(source=src, target=hits[0].id, type="DEPENDS_ON", source_file=state.file,
                                  source_line=line, quote=quote))
        else:
            _dangling(state.g, src, f"{quote!r} (line {line}): action {target} not found")


def _dangling(graph: GovGraph, node_id: str, message: str) -> None:
    """A reference that names nothing stays visible on the node that made it (lint reports it)."""
    graph.node(node_id).setdefault("dangling_refs", []).append(message)


__all__ = ["note_references", "note_dependencies", "link_references"]

"""Programme refs (WS/P/WP, or the letters a plan's key shows) collected across an authority's documents, then built as one hierarchy.

Shorthand refs (`P16WP1`) take the workstream their project has in full refs elsewhere; a ref that
contradicts that hierarchy, or names a project seen nowhere else with an implausible number, is
kept as printed and reported on the action (`programme_ref_issues`) for lint.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from govgraph.loaders.refs import ProgrammeRef, ProgrammeScheme, programme_schemes
from govgraph.model.edges import Edge
from govgraph.model.graph import GovGraph
from govgraph.model.ids import make_id, slug
from govgraph.model.nodes import Programme, Project, WorkPackage, Workstream

Where = tuple[str, int | None]


@dataclass
class _Use:
    action: str
    ref: ProgrammeRef
    where: Where
    quote: str


class ProgrammeCollector:
    def __init__(self, authority_id: str, declared: tuple[tuple[str, str, str], ...] = ()) -> None:
        self.authority_id = authority_id
        self.declared = declared
        """Programme schemes the user's vocabulary declares (`programme_levels`)."""
        self.acronym: str | None = None
        self.name: str | None = None
        self.name_where: Where | None = None
        self.uses: list[_Use] = []
        self._schemes: dict[str, tuple[ProgrammeScheme, ...]] = {}

    def schemes(self, source_file: str, lines: list[str]) -> tuple[ProgrammeScheme, ...]:
        """The ref schemes of one document, read once from its key and refs (see `programme_schemes`)."""
        if source_file not in self._schemes:
            self._schemes[source_file] = programme_schemes(lines, self.declared)
        return self._schemes[source_file]

    def define(self, acronym: str, name: str, where: Where) -> None:
        self.acronym, self.name, self.name_where = acronym, name, where

    def use(self, action_id: str, ref: ProgrammeRef, where: Where, quote: str, acronym: str | None) -> None:
        if acronym and not self.acronym:
            self.acronym = acronym
        self.uses.append(_Use(action_id, ref, where, quote))

    def finalise(self, graph: GovGraph) -> dict[str, list[str]]:
        """Write the hierarchy and DELIVERED_BY edges; returns action id -> issues."""
        issues: dict[str, list[str]] = defaultdict(list)
        if not self.uses:
            return issues
        acr = self.acronym or "PROGRAMME"
        first = min(self.uses, key=lambda u: (u.where[0], u.where[1] or 0))
        pwhere = self.name_where or first.where
        prog_id = make_id(self.authority_id, "programme", slug(acr))
        graph.add_node(Programme(id=prog_id, name=self.name or acr, ref=acr, aliases=[acr] if self.name else [],
                                 source_file=pwhere[0], source_line=pwhere[1], authority=self.authority_id))
        ws_of: dict[tuple[ProgrammeScheme, int], Counter[int]] = defaultdict(Counter)
        for u in self.uses:
            if u.ref.ws is not None:
                ws_of[(u.ref.scheme, u.ref.project)][u.ref.ws] += 1
        per_ws = _numbered_per_workstream(self.uses)
        for u in sorted(self.uses, key=lambda u: (u.where[0], u.where[1] or 0, u.ref.raw)):
            r = u.ref
            ws = r.ws
            lws, lp, lwp = r.scheme.levels
            known = ws_of.get((r.scheme, r.project))
            if ws is None:
                if known and len(known) == 1:
                    ws = next(iter(known))
                else:
                    issues[u.action].append(f"{r.raw}: the work stream of project {lp}{r.project} is not known")
            elif r.scheme not in per_ws and known and len(known) > 1 and known[ws] == min(known.values()) and known.most_common(1)[0][1] > known[ws]:
                right = known.most_common(1)[0][0]
                issues[u.action].append(f"{r.raw}: project {lp}{r.project} belongs to {lws}{right} elsewhere, "
                                        f"not {lws}{ws}")
                ws = right
            if r.project >= 100:
                issues[u.action].append(f"{r.raw}: project number {r.project} is out of the usual range (typo?)")
            parent = prog_id
            if ws is not None:
                ws_id = f"{prog_id}/{lws}{ws}"
                graph.add_node(Workstream(id=ws_id, name=f"{acr} {lws}{ws}", ref=f"{lws}{ws}", source_file=u.where[0],
                                          source_line=u.where[1], authority=self.authority_id))
                graph.add_edge(Edge(source=ws_id, target=prog_id, type="PART_OF", source_file=u.where[0],
                                    source_line=u.where[1], quote=u.quote))
                parent = ws_id
            pref = f"{lws}{ws}{lp}{r.project}" if ws is not None else f"{lp}{r.project}"
            proj_id = f"{prog_id}/{pref}"
            graph.add_node(Project(id=proj_id, name=f"{acr} {pref}", ref=pref, source_file=u.where[0],
                                   source_line=u.where[1], authority=self.authority_id))
            if parent != prog_id:
                graph.add_edge(Edge(source=proj_id, target=parent, type="PART_OF", source_file=u.where[0],
                                    source_line=u.where[1], quote=u.quote))
            targets = []
            if not r.wps:
                targets.append(proj_id)
            for wp in r.wps:
                wref = f"{pref}{lwp}{wp}"
                wp_id = f"{prog_id}/{wref}"
                graph.add_node(WorkPackage(id=wp_id, name=f"{acr} {wref}", ref=wref, suffix=r.suffix,
                                           aliases=[r.raw.upper()] if r.raw.upper() != wref else [],
                                           source_file=u.where[0], source_line=u.where[1], authority=self.authority_id))
                graph.add_edge(Edge(source=wp_id, target=proj_id, type="PART_OF", source_file=u.where[0],
                                    source_line=u.where[1], quote=u.quote))
                targets.append(wp_id)
            for t in targets:
                graph.add_edge(Edge(source=u.action, target=t, type="DELIVERED_BY", source_file=u.where[0],
                                    source_line=u.where[1], quote=u.quote))
        return issues


def _numbered_per_workstream(uses: list[_Use]) -> set[ProgrammeScheme]:
    """The schemes whose projects are numbered afresh in each work stream (S1T1, S1T2, S2T1): two work streams
    or more begin at the same project number. Elsewhere a project number names one project programme-wide
    (WS1P1..P5, WS2P6..), and a full ref giving it another work stream is a typo."""
    first: dict[ProgrammeScheme, dict[int, int]] = defaultdict(dict)
    for u in uses:
        if u.ref.ws is not None:
            lows = first[u.ref.scheme]
            lows[u.ref.ws] = min(lows.get(u.ref.ws, u.ref.project), u.ref.project)
    return {scheme for scheme, lows in first.items() if max(Counter(lows.values()).values(), default=0) >= 2}

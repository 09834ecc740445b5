"""Every named question answered on the server by its Cypher twin, as the embedded result model.

The twin statement does the graph work (matching, filtering, walking); the functions here only turn
rows into the result model and order them as the embedded query does, including which of several
equally short walks a breadth-first search would meet first. Each imports its own question's module when
called, so asking one question on a server loads only that question. Names are resolved as the embedded
commands resolve them (`govgraph.queries.resolve`), over the names the server holds.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from govgraph.neo4j.fetch import frontier, nodes, resolve_node, resolve_remote
from govgraph.neo4j.remote import Remote, Walk, attrs, ref, step
from govgraph.queries.base import NodeRef, Step, natural_key, rag_of, ref_sort_key, sort_refs
from govgraph.queries.monitoring import WATCHERS
from govgraph.queries.registry import QUERIES, cypher_statements

if TYPE_CHECKING:
    from govgraph.queries.accountability import AccountabilityResult, ActionLine
    from govgraph.queries.blockers import BlockersResult
    from govgraph.queries.escalation import Chain, EscalationResult
    from govgraph.queries.gaps import GapsResult
    from govgraph.queries.impact import ImpactResult
    from govgraph.queries.overdue import OverdueResult, PlanDay
    from govgraph.queries.path import PathResult
    from govgraph.queries.rollup import RollupResult

def _twin(filename: str, name: str) -> str:
    return cypher_statements(filename)[name]


# ---- questions ----------------------------------------------------------------------------------
def watcher_ids(remote: Remote, watcher: str, with_parts: bool = False) -> list[str]:
    """The watcher and, with parts, the boards PART_OF it (`monitoring.watchers` on the server)."""
    parts = remote.twin("monitoring.cypher", "parts", id=watcher) if with_parts else []
    return [watcher] + sorted((str(r["id"]) for r in parts), key=natural_key)


def blockers(remote: Remote, plan: str | None = None, board: str | None = None,
             lead: str | None = None, with_parts: bool = False) -> BlockersResult:
    from govgraph.queries.blockers import VIA_ORDER, BlockedRecommendation, Blocker, BlockersResult

    board_id = resolve_remote(remote, board, list(WATCHERS)) if board else None
    params = {"plan": resolve_remote(remote, plan, ["Plan"]) if plan else None,
              "boards": watcher_ids(remote, board_id, with_parts) if board_id else None,
              "lead": resolve_remote(remote, lead, ["Role", "Person"]) if lead else None}
    reds = remote.twin("blockers.cypher", "red_actions", **params)
    best: dict[str, dict[str, tuple[tuple[Any, ...], Walk, str]]] = {}
    recs: dict[str, dict[str, Any]] = {}
    plans: dict[str, list[dict[str, Any]]] = {}
    for row in remote.twin("blockers.cypher", "blockers", **params):
        w = Walk(row["nodes"], row["links"])
        rec = str(row["recommendation"]["id"])
        recs[rec], plans[rec] = row["recommendation"], row["plans"]
        key = (VIA_ORDER[row["via"]], len(w.links), w.ids)
        have = best.setdefault(rec, {}).get(row["blocker"])
        if have is None or key < have[0]:
            best[rec][row["blocker"]] = (key, w, row["via"])
    items = []
    for rec, by in best.items():
        blocked = [Blocker(action=ref(w.nodes[0]), via=via, path=w.steps()) for _, w, via in by.values()]
        blocked.sort(key=lambda b: (VIA_ORDER[b.via], ref_sort_key(b.action)))
        items.append(BlockedRecommendation(recommendation=ref(recs[rec]),
                                           plans=sorted((ref(p) for p in _unique(plans[rec])), key=ref_sort_key),
                                           blocked_by=blocked))
    items.sort(key=lambda i: ref_sort_key(i.recommendation))
    return BlockersResult(red_actions=len(reds), items=items)


def impact(remote: Remote, start: str, depth: int | None = None) -> ImpactResult:
    """Breadth first, one `hops` round trip per layer; depth, order and seen-set as in the embedded walk."""
    from govgraph.queries.impact import ImpactItem, impact_result

    first = resolve_node(remote, start)
    sid = str(first["id"])
    seen: dict[str, tuple[int, list[Step], dict[str, Any]]] = {sid: (0, [], first)}
    layer, d = [sid], 0
    while layer and (depth is None or d < depth):
        hops: dict[str, list[tuple[tuple[Any, ...], list[dict[str, Any]], list[dict[str, Any]]]]] = {}
        for row in frontier(remote, _twin("impact.cypher", "hops"), layer):
            nodes, links = row["nodes"], row["links"]
            target = str(nodes[-1]["id"])
            key = (natural_key(target), len(links), [str(n["id"]) for n in nodes])
            hops.setdefault(str(row["from"]), []).append((key, nodes, links))
        nxt: list[str] = []
        for cur in layer:
            _, path, props = seen[cur]
            for _, nodes, links in sorted(hops.get(cur, []), key=lambda h: h[0]):
                target = str(nodes[-1]["id"])
                if target in seen:
                    continue
                steps, prev = list(path), props
                for nd, link in zip(nodes, links):
                    steps.append(step(prev, nd, link, str(link["source"]) == str(prev["id"])))
                    prev = nd
                seen[target] = (d + 1, steps, nodes[-1])
                if nodes[-1].get("label") not in WATCHERS:
                    nxt.append(target)
        layer, d = nxt, d + 1
    items = [ImpactItem(node=ref(props), depth=dp, path=p) for n, (dp, p, props) in seen.items() if n != sid]
    return impact_result(ref(first), depth, items)


def escalation(remote: Remote, name: str, down: bool = False) -> EscalationResult:
    from govgraph.queries.escalation import MAX_CHAINS, escalation_result, route_tree

    start = resolve_node(remote, name, ["Board", "Role"])
    sid = str(start["id"])
    rows = remote.twin("escalation.cypher", "down" if down else "up", id=sid)
    chains, truncated = _chains([start], [Walk(r["nodes"], r["links"]) for r in rows], MAX_CHAINS)
    tree = route_tree(ref(start), lambda layer: _route_hops(remote, "down_links" if down else "up_links", layer),
                      "down" if down else "up")
    return escalation_result(ref(start), "down" if down else "up", chains, truncated, {sid}, tree)


def _route_hops(remote: Remote, statement: str, layer: list[str]) -> dict[str, list[Step]]:
    """One breadth-first layer's links for `route_tree`, in the embedded order (target id, then type)."""
    hops: dict[str, list[tuple[tuple[Any, ...], Step]]] = {}
    for row in frontier(remote, _twin("escalation.cypher", statement), layer):
        a, b, link = row["from"], row["node"], row["link"]
        key = (natural_key(str(b["id"])), str(link["type"]))
        hops.setdefault(str(a["id"]), []).append((key, step(a, b, link, str(link["source"]) == str(a["id"]))))
    return {n: [s for _, s in sorted(got, key=lambda h: h[0])] for n, got in hops.items()}


def escalation_lines(remote: Remote) -> EscalationResult:
    from govgraph.queries.escalation import MAX_CHAINS, escalation_result

    rows = remote.twin("escalation.cypher", "all")
    walks: dict[str, list[Walk]] = {}
    firsts: dict[str, dict[str, Any]] = {}
    bottom: dict[str, bool] = {}
    for r in rows:
        w = Walk(r["nodes"], r["links"])
        walks.setdefault(str(r["start"]), []).append(w)
        firsts[str(r["start"])] = r["nodes"][0]
        bottom[str(r["start"])] = bool(r["bottom"])
    has_up = sorted(walks, key=natural_key)
    chains: list[Chain] = []
    truncated = False
    for s in [n for n in has_up if bottom[n]]:
        more, t = _chains([firsts[s]], walks[s], MAX_CHAINS - len(chains))
        chains += more
        truncated = truncated or t
    covered = {c.links[0].from_node.id for c in chains} | {s.to_node.id for c in chains for s in c.links}
    for n in has_up:
        if n not in covered:
            more, t = _chains([firsts[n]], walks[n], MAX_CHAINS - len(chains))
            chains += more
            truncated = truncated or t
            covered |= {n} | {s.to_node.id for c in more for s in c.links}
    return escalation_result(None, "up", chains, truncated, set(), None)


def _chains(starts: list[dict[str, Any]], walks: list[Walk], room: int) -> tuple[list[Chain], bool]:
    """Rebuild the embedded depth-first walk from every walk the twin returned."""
    from govgraph.queries.escalation import Chain

    kids: dict[tuple[str, ...], dict[tuple[str, str, bool], tuple[dict[str, Any], dict[str, Any]]]] = {}
    for w in walks:
        ids = w.ids
        for i, link in enumerate(w.links):
            prefix = tuple(ids[: i + 1])
            kids.setdefault(prefix, {})[(ids[i + 1], str(link["type"]), w.forward(i))] = (w.nodes[i + 1], link)
    chains: list[Chain] = []

    def walk(path: list[str], props: dict[str, Any], links: list[Any]) -> Iterator[Chain]:
        nexts = kids.get(tuple(path), {})
        if not nexts and links:
            yield Chain(links=links)
        for key in sorted(nexts, key=lambda k: (natural_key(k[0]), k[1])):
            nxt, link = nexts[key]
            s = step(props, nxt, link, key[2])
            if key[0] in path:
                yield Chain(links=links + [s], cycle=path[path.index(key[0]):])
            else:
                yield from walk(path + [key[0]], nxt, links + [s])

    for start in starts:
        for chain in walk([str(start["id"])], start, []):
            if len(chains) >= room:
                return chains, True
            chains.append(chain)
    return chains, False


def accountability(remote: Remote, name: str) -> AccountabilityResult:
    from govgraph.queries.accountability import ActionLine, accountability_result

    subject = resolve_node(remote, name, ["Role", "Person", "Board"])
    sid = str(subject["id"])
    is_board = subject.get("label") == "Board"
    rows = remote.twin("accountability.cypher", "board_monitors" if is_board else "lead", id=sid)
    groups: dict[str | None, list[ActionLine]] = {}
    recs: dict[str, NodeRef] = {}
    plans = []
    for row in rows:
        t = row["target"]
        if t.get("label") == "Plan":
            plans.append(ref(t))
        if t.get("label") != "Action":
            continue
        line = ActionLine(action=ref(t), rag=t.get("rag") or "UNKNOWN", due=t.get("due"),
                          leads=sorted((ref(x) for x in _unique(row["leads"])), key=lambda r: r.name),
                          boards=sorted((ref(x) for x in _unique(row["boards"])), key=lambda r: (r.name, r.id)),
                          via=row["via"])
        rec_rows = _unique(row["recommendations"])
        for rec in rec_rows:
            recs[str(rec["id"])] = ref(rec)
        for key in [str(r["id"]) for r in rec_rows] or [None]:
            groups.setdefault(key, []).append(line)
    chairs = [ref(r["chair"]) for r in remote.twin("accountability.cypher", "board_chairs", id=sid)] \
        if is_board else []
    return accountability_result(ref(subject), is_board, groups, recs.__getitem__, plans, chairs)


def overdue(remote: Remote, as_of: dt.date | str | None = None, plan: str | None = None, board: str | None = None,
            lead: str | None = None, with_parts: bool = False, today: dt.date | None = None) -> OverdueResult:
    """The server filters and compares dates; the plan each action is judged by is chosen as embedded."""
    from govgraph.queries.overdue import OverdueAction, due_date, judging_day, overdue_result, plan_day

    given = dt.date.fromisoformat(as_of) if isinstance(as_of, str) else as_of
    today = today or dt.date.today()
    board_id = resolve_remote(remote, board, list(WATCHERS)) if board else None
    params = {"plan": resolve_remote(remote, plan, ["Plan"]) if plan else None,
              "boards": watcher_ids(remote, board_id, with_parts) if board_id else None,
              "lead": resolve_remote(remote, lead, ["Role", "Person"]) if lead else None}
    nobody = plan_day(None, None, given, today)

    def day_of(plans: list[dict[str, Any]]) -> PlanDay:
        refs = sort_refs(ref(p) for p in _unique(plans))
        props = {str(p["id"]): attrs(p) for p in plans if p}
        return judging_day((plan_day(r, props[r.id], given, today) for r in refs), nobody)

    items = []
    for row in remote.twin("overdue.cypher", "overdue", asOf=given.isoformat() if given else None,
                           today=today.isoformat(), **params):
        day, due = day_of(row["plans"]), due_date(row["due"])
        if due is None or not due < day.as_of:
            continue
        items.append(OverdueAction(
            action=ref(row["action"]), due=str(row["due"]), rag=rag_of({"rag": row["rag"]}),
            days_late=(day.as_of - due).days, as_of=day.as_of, plan=day.plan,
            leads=sorted((ref(x) for x in _unique(row["leads"])), key=lambda r: r.name),
            recommendations=sorted((ref(x) for x in _unique(row["recommendations"])), key=ref_sort_key)))
    in_view: dict[str | None, PlanDay] = {}
    undated = 0
    for r in remote.twin("overdue.cypher", "open_actions", **params):
        day = day_of(r["plans"])
        in_view.setdefault(day.plan.id if day.plan else None, day)
        undated += due_date(r["due"]) is None
    return overdue_result(given, list(in_view.values()), items, undated)


def rollup(remote: Remote, by: str = "recommendation") -> RollupResult:
    from govgraph.model.nodes import RAG_ORDER
    from govgraph.queries.rollup import BY_VALUES, RollupGroup, rollup_result

    if by not in BY_VALUES:
        raise ValueError(f"rollup by {by!r}: choose one of {', '.join(BY_VALUES)}")
    groups = []
    for row in remote.twin("rollup.cypher", by):
        counts = {r: int(row[r.lower()]) for r in RAG_ORDER}
        g = row["groupNode"]
        groups.append(RollupGroup(group=ref(g) if g else None, counts=counts, total=int(row["total"]),
                                  worst=row["worst"]))
    return rollup_result(by, groups)  # type: ignore[arg-type]


def gaps(remote: Remote) -> GapsResult:
    from govgraph.queries.gaps import GapsResult

    def listed(name: str) -> list[NodeRef]:
        return sorted((ref(r["node"]) for r in remote.twin("gaps.cypher", name)), key=ref_sort_key)

    return GapsResult(**{name: listed(name) for name in GapsResult.model_fields})


def path(remote: Remote, a: str, b: str) -> PathResult:
    """Breadth first over the undirected view, one `neighbours` round trip per layer, in id order."""
    from govgraph.queries.path import PathResult

    src_props, dst_props = resolve_node(remote, a), resolve_node(remote, b)
    src, dst = str(src_props["id"]), str(dst_props["id"])
    start, end = ref(src_props), ref(dst_props)
    prev: dict[str, tuple[str, dict[str, Any], bool] | None] = {src: None}
    layer = [src]
    while layer and dst not in prev:
        around: dict[str, list[tuple[tuple[Any, ...], str, dict[str, Any], bool]]] = {}
        for row in frontier(remote, _twin("path.cypher", "neighbours"), layer):
            to, fwd = str(row["to"]), bool(row["forward"])
            around.setdefault(str(row["from"]), []).append(
                ((natural_key(to), str(row["type"]), not fwd), to, row["link"], fwd))
        nxt: list[str] = []
        for cur in layer:
            for _, to, link, fwd in sorted(around.get(cur, []), key=lambda x: x[0]):
                if to not in prev:
                    prev[to] = (cur, link, fwd)
                    nxt.append(to)
            if dst in prev:
                break
        layer = nxt
    if dst not in prev:
        return PathResult(start=start, end=end, found=False, steps=[])
    chain: list[tuple[str, str, dict[str, Any], bool]] = []
    cur = dst
    while (link := prev[cur]) is not None:
        chain.append((link[0], cur, link[1], link[2]))
        cur = link[0]
    props = nodes(remote, sorted({nid for hop in chain for nid in hop[:2]}))
    steps = [step(props[x], props[y], lk, fwd) for x, y, lk, fwd in reversed(chain)]
    return PathResult(start=start, end=end, found=True, steps=steps)


def _unique(props: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: dict[str, dict[str, Any]] = {}
    for p in props:
        if p:
            seen.setdefault(str(p["id"]), p)
    return list(seen.values())


class _Twins(Mapping[str, Callable[..., BaseModel]]):
    """Each question's twin, as its spec names it (`QuerySpec.twin`)."""

    def __getitem__(self, name: str) -> Callable[..., BaseModel]:
        return QUERIES[name].twin

    def __iter__(self) -> Iterator[str]:
        return iter(QUERIES)

    def __len__(self) -> int:
        return len(QUERIES)


TWINS: Mapping[str, Callable[..., BaseModel]] = _Twins()
"""Same names as `govgraph.queries.registry.QUERIES`; a question's variants have `twin_variants`."""

"""What a board (or a post) monitors: the one definition every question, diagram and pack uses.

A watcher (a Board, or a Role named in a monitoring cell) monitors an action in one of two ways:

- `direct`: a MONITORS edge to the action itself (the action's monitoring column names it);
- `plan`: a MONITORS edge to a plan, which means every action addressing one of that plan's
  recommendations ("This plan is monitored bi-monthly by the HSCB Executive").

With parts, a board also monitors what every board PART_OF it (transitively) monitors. A watcher that
monitors an action both ways counts it once, as `direct`. The Cypher twins spell the same rule as
`(w)-[:MONITORS]->(a)` or `(w)-[:MONITORS]->(:Plan)-[:HAS_RECOMMENDATION]->(:Recommendation)<-[:ADDRESSES]-(a)`.

A board that monitors a plan answers for that plan's actions everywhere: it is their monitoring board
in accountability, roll-ups, blockers, overdue, gaps, diagrams and packs, and so the first step of
their escalation route.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from govgraph.queries.base import natural_key

if TYPE_CHECKING:
    from govgraph.model.graph import GovGraph

Via = Literal["direct", "plan"]

WATCHERS = ("Board", "Role")
"""Labels that may MONITOR (a post named in a monitoring cell monitors like a board)."""


def board_parts(gg: GovGraph, board: str) -> list[str]:
    """Boards PART_OF `board`, transitively, in id order (the board itself excluded)."""
    seen: set[str] = set()
    frontier = [board]
    nodes = gg.attrs
    while frontier:
        cur = frontier.pop()
        for s in gg.sources(cur, "PART_OF"):
            if nodes[s].get("label") == "Board" and s not in seen and s != board:
                seen.add(s)
                frontier.append(s)
    return sorted(seen, key=natural_key)


def watchers(gg: GovGraph, watcher: str, with_parts: bool = False) -> list[str]:
    """The watcher, then (with parts) the boards that are part of it."""
    return [watcher] + (board_parts(gg, watcher) if with_parts else [])


def plan_actions(gg: GovGraph, plan: str) -> list[str]:
    """Every action addressing one of the plan's recommendations, each once, in graph order."""
    seen: dict[str, None] = {}
    for rec in gg.targets(plan, "HAS_RECOMMENDATION"):
        for a in gg.sources(rec, "ADDRESSES"):
            seen[a] = None
    return list(seen)


def monitored_actions(gg: GovGraph, watcher: str, with_parts: bool = False) -> dict[str, Via]:
    """Action id -> how `watcher` (and, with parts, its sub-groups) monitors it.

    >>> from govgraph.queries._example import demo_graph
    >>> sorted(monitored_actions(demo_graph(), "demo/board/executive").items())
    [('demo/action/1', 'direct'), ('demo/action/2', 'direct')]
    """
    out: dict[str, Via] = {}
    nodes = gg.attrs
    for w in watchers(gg, watcher, with_parts):
        for target in gg.targets(w, "MONITORS"):
            label = nodes[target].get("label")
            if label == "Action":
                out[target] = "direct"
            elif label == "Plan":
                for a in plan_actions(gg, target):
                    out.setdefault(a, "plan")
    return out


def monitored_plans(gg: GovGraph, watcher: str, with_parts: bool = False) -> list[str]:
    """Plans `watcher` (and, with parts, its sub-groups) monitors as a whole."""
    nodes = gg.attrs
    return [t for w in watchers(gg, watcher, with_parts) for t in gg.targets(w, "MONITORS")
            if nodes[t].get("label") == "Plan"]


def action_watchers(gg: GovGraph) -> dict[str, dict[str, Via]]:
    """Every monitored action -> {watcher: via}, for the whole graph in one pass over the MONITORS edges.

    Programme-wide questions (roll-up by board, gaps) use this rather than asking per action."""
    out: dict[str, dict[str, Via]] = {}
    nodes = gg.attrs
    plans: list[tuple[str, str]] = []
    for w_label in WATCHERS:
        for w in gg.ids_by_label(w_label)[w_label]:
            for target in gg.targets(w, "MONITORS"):
                label = nodes[target].get("label")
                if label == "Action":
                    out.setdefault(target, {})[w] = "direct"
                elif label == "Plan":
                    plans.append((w, target))
    for w, plan in plans:
        for a in plan_actions(gg, plan):
            out.setdefault(a, {}).setdefault(w, "plan")
    return out


def watchers_of(gg: GovGraph, action: str) -> dict[str, Via]:
    """Who monitors one action, and how (direct wins over plan)."""
    out: dict[str, Via] = {w: "direct" for w in gg.sources(action, "MONITORS")}
    for rec in gg.targets(action, "ADDRESSES"):
        for plan in gg.sources(rec, "HAS_RECOMMENDATION"):
            for w in gg.sources(plan, "MONITORS"):
                out.setdefault(w, "plan")
    return out

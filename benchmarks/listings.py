"""Programme-wide listings, the whole `query --json` command and `--help` against their floors (issue 15, point 5).

    .venv/bin/python benchmarks/listings.py [--size 150] [--work DIR] [--repeat 5] [--runs 5] [--help-runs 10]

With `--work DIR` the synthetic graph is kept there as `graph{N}.json` and reused by the next run (the
same files `benchmarks/one_node.py --work DIR` keeps).

Three measurements, each against a floor measured in the same run, taking turns so load from other
processes falls on both:

1. **Listings in process** (best of `--repeat`, the collector off as `govgraph` runs): overdue as of
   2017-06-30 (the date `benchmarks/run.py` uses) and as of each plan's own date, blockers with no
   filter, gaps, roll-up by recommendation, workload as of 2017-06-30. A floor is a minimal plain function
   over the same GovGraph's plain dicts (`gg.attrs`, `gg.successors`, `gg.predecessors`) computing the
   answer's identity: the ids, with what decides them (days late, the blocking reason and its length,
   the counts), without names, sources, paths, models or ordering. Each floor's answer is checked equal
   to the question's, so a floor cannot get cheaper by computing less. Target: within 4x.
2. **The whole command** `govgraph query overdue --as-of 2017-06-30 --json -g FILE` (stdout to
   /dev/null; its JSON checked once against the floor) against merely parsing the graph file in a
   fresh interpreter: `json.loads` of the file's bytes (the floor), and `GovGraph.load` shown beside
   (parse, check every record, build the networkx graph), each with the collector off as the CLI runs.
   Subprocesses, best of `--runs`, CPU (user + system, `resource.getrusage(RUSAGE_CHILDREN)`) and wall.
   Target: within 1.5x.
3. **`govgraph --help`** against `python -c "import typer"`, subprocesses, best of `--help-runs`. Target:
   within 1.5x.

Interpreter start-up is in every subprocess timing, the floors' included. Children run without
PYTHONDONTWRITEBYTECODE (with it set every `govgraph` run recompiles its sources), after one untimed run.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from govgraph.model.graph import GovGraph  # noqa: E402
from one_node import best_of, graph_file  # noqa: E402  (the same graphs and timing as one_node.py)

AS_OF = "2017-06-30"  # as benchmarks/run.py
TODAY = dt.date(2017, 6, 30)  # stands in for today for plans that state no date
WATCHERS = ("Board", "Role")  # as govgraph.queries.monitoring
RAG_ORDER = {"RED": 0, "AMBER": 1, "GREY": 2, "UNKNOWN": 3, "GREEN": 4, "BLUE": 5}  # as govgraph.model.codes
DONE = ("GREEN", "BLUE")
PYTHON = sys.executable
GOVGRAPH = str(Path(PYTHON).parent / "govgraph")
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
"""Children run with bytecode caching on, as an installed govgraph runs (with it off every run recompiles)."""


# ---- the floors ------------------------------------------------------------------------------------
def _rag(d: dict[str, Any]) -> str:
    r = d.get("rag") or "UNKNOWN"
    return r if r in RAG_ORDER else "UNKNOWN"


def overdue_floor(gg: GovGraph, as_of: dt.date | None, today: dt.date = TODAY) -> tuple[dict[str, int], int]:
    """Open actions due before their judging day -> days late, and the open actions with no readable due
    date. The judging day is `as_of` when given, else the latest stated date of the plans holding a
    recommendation the action addresses (today for a plan stating none, or an action in no plan), as
    `govgraph.queries.overdue`. Due dates are read with its `due_date` (the rule, memoised by text as the
    question does)."""
    from govgraph.queries.overdue import due_date

    nodes, succ, pred = gg.attrs, gg.successors, gg.predecessors
    dues: dict[Any, dt.date | None] = {}
    plan_days: dict[str, dt.date] = {}
    late, undated = {}, 0
    for a, d in nodes.items():
        if d.get("label") != "Action" or _rag(d) in DONE:
            continue
        text = d.get("due")
        due = dues[text] if text in dues else dues.setdefault(text, due_date(text))
        if due is None:
            undated += 1
            continue
        if as_of is not None:
            day = as_of
        else:
            day = None
            for rec, k in succ[a].items():
                if "ADDRESSES" in k:
                    for p, k2 in pred[rec].items():
                        if "HAS_RECOMMENDATION" in k2:
                            pd = plan_days.get(p)
                            if pd is None:
                                pd = plan_days[p] = due_date(nodes[p].get("as_of")) or today
                            if day is None or pd > day:
                                day = pd
            day = day or today
        if due < day:
            late[a] = (day - due).days
    return late, undated


def blockers_floor(gg: GovGraph) -> tuple[dict[tuple[str, str], tuple[int, int]], int]:
    """(recommendation, RED action) -> (reason rank, steps) of the best reason, and the RED actions
    counted: addresses (0), actions depending on it transitively, shortest first (1), other actions
    delivered by its work package (2) or project (3), as `govgraph.queries.blockers`."""
    nodes, succ, pred = gg.attrs, gg.successors, gg.predecessors
    found: dict[tuple[str, str], tuple[int, int]] = {}
    reds = [n for n, d in nodes.items() if d.get("label") == "Action" and d.get("rag") == "RED"]
    for red in reds:
        best: dict[str, tuple[int, int]] = {}
        for rec, k in succ[red].items():
            if "ADDRESSES" in k:
                best[rec] = (0, 1)
        seen, frontier, steps = {red}, [red], 1
        while frontier:  # breadth first, a level at a time: the first sighting is the shortest
            steps += 1
            nxt = []
            for cur in frontier:
                for dep, k in pred[cur].items():
                    if "DEPENDS_ON" in k and dep not in seen:
                        seen.add(dep)
                        nxt.append(dep)
                        for rec, k2 in succ[dep].items():
                            if "ADDRESSES" in k2 and rec not in best:
                                best[rec] = (1, steps)
            frontier = nxt
        for box, k in succ[red].items():
            if "DELIVERED_BY" in k:
                why = (3 if nodes[box].get("label") == "Project" else 2, 3)
                for other, k2 in pred[box].items():
                    if "DELIVERED_BY" in k2 and other != red:
                        for rec, k3 in succ[other].items():
                            if "ADDRESSES" in k3 and (rec not in best or why < best[rec]):
                                best[rec] = why
        for rec, why in best.items():
            found[rec, red] = why
    return found, len(reds)


def gaps_floor(gg: GovGraph) -> tuple[set[str], set[str], set[str], set[str]]:
    """Recommendations nothing addresses; actions nobody leads; actions no board or post monitors, directly
    or through a plan holding their recommendation; boards with no route up (as `govgraph.queries.gaps`)."""
    nodes, succ, pred = gg.attrs, gg.successors, gg.predecessors
    monitored: set[str] = set()  # from the watchers' side: one pass over their MONITORS edges
    for w, d in nodes.items():
        if d.get("label") in WATCHERS:
            for t, k in succ[w].items():
                if "MONITORS" in k:
                    lab = nodes[t].get("label")
                    if lab == "Action":
                        monitored.add(t)
                    elif lab == "Plan":
                        monitored.update(a for r, k2 in succ[t].items() if "HAS_RECOMMENDATION" in k2
                                         for a, k3 in pred[r].items() if "ADDRESSES" in k3)
    recs, no_lead, no_board, stuck = set(), set(), set(), set()
    for n, d in nodes.items():
        lab = d.get("label")
        if lab == "Recommendation":
            if not any("ADDRESSES" in k for k in pred[n].values()):
                recs.add(n)
        elif lab == "Action":
            if not any("LEADS" in k for k in pred[n].values()):
                no_lead.add(n)
            if n not in monitored:
                no_board.add(n)
        elif lab == "Board":
            if any("REPORTS_TO" in k or "ESCALATES_TO" in k or "PART_OF" in k for k in succ[n].values()):
                continue
            if not any("REPORTS_TO" in k2 or "ESCALATES_TO" in k2
                       for c, k in pred[n].items() if "CHAIRS" in k for k2 in succ[c].values()):
                stuck.add(n)
    return recs, no_lead, no_board, stuck


def rollup_floor(gg: GovGraph) -> dict[str | None, dict[str, int]]:
    """Recommendation (None: an action addressing none) -> status -> actions, as `rollup(gg, "recommendation")`."""
    nodes, succ = gg.attrs, gg.successors
    counts: dict[str | None, dict[str, int]] = {}
    for a, d in nodes.items():
        if d.get("label") != "Action":
            continue
        rag = _rag(d)
        for rec in [r for r, k in succ[a].items() if "ADDRESSES" in k] or [None]:
            c = counts.get(rec)
            if c is None:
                c = counts[rec] = {}
            c[rag] = c.get(rag, 0) + 1
    return counts


def workload_floor(gg: GovGraph, as_of: dt.date) -> dict[str, tuple[int, int, int]]:
    """Post -> (actions it leads, RED, open and due before `as_of`), as `workload(gg, as_of)`."""
    from govgraph.queries.overdue import due_date

    nodes, succ = gg.attrs, gg.successors
    dues: dict[Any, dt.date | None] = {}
    out = {}
    for lead, d in nodes.items():
        if d.get("label") != "Role":
            continue
        n = red = late = 0
        for a, k in succ[lead].items():
            if "LEADS" not in k:
                continue
            ad = nodes[a]
            rag = _rag(ad)
            n += 1
            red += rag == "RED"
            if rag not in DONE:
                text = ad.get("due")
                due = dues[text] if text in dues else dues.setdefault(text, due_date(text))
                late += due is not None and due < as_of
        if n:
            out[lead] = (n, red, late)
    return out


# ---- the answers' identities, for the check ----------------------------------------------------------
def overdue_id(res: Any) -> tuple[dict[str, int], int]:
    return {i.action.id: i.days_late for i in res.items}, res.undated


def blockers_id(res: Any) -> tuple[dict[tuple[str, str], tuple[int, int]], int]:
    from govgraph.queries.blockers import VIA_ORDER

    return ({(i.recommendation.id, b.action.id): (VIA_ORDER[b.via], len(b.path))
             for i in res.items for b in i.blocked_by}, res.red_actions)


def gaps_id(res: Any) -> tuple[set[str], ...]:
    return tuple({r.id for r in refs} for refs in (res.recommendations_without_actions, res.actions_without_lead,
                                                  res.actions_without_board, res.boards_without_route_up))


def rollup_id(res: Any) -> dict[str | None, dict[str, int]]:
    out = {}
    for g in res.groups:
        counts = {r: c for r, c in g.counts.items() if c}
        assert g.worst == min(counts, key=RAG_ORDER.__getitem__) and g.total == sum(counts.values())
        out[g.group.id if g.group else None] = counts
    return out


def workload_id(res: Any) -> dict[str, tuple[int, int, int]]:
    return {i.lead.id: (i.actions, i.red, i.overdue) for i in res.items}


def size_of(answer: Any) -> int:
    """Items in a floor's answer, for the table."""
    first = answer[0] if isinstance(answer, tuple) else answer
    return sum(map(len, answer)) if isinstance(answer, tuple) and isinstance(first, set) else len(first)


# ---- timing ------------------------------------------------------------------------------------------
def listings(gg: GovGraph, repeat: int) -> list[dict[str, Any]]:
    """Each listing: best question time, best floor time, the ratio; answers checked equal."""
    from govgraph.queries.blockers import blockers
    from govgraph.queries.gaps import gaps
    from govgraph.queries.overdue import overdue
    from govgraph.queries.rollup import rollup
    from govgraph.queries.workload import workload

    as_of = dt.date.fromisoformat(AS_OF)
    cases = [
        (f"overdue as of {AS_OF}", lambda: overdue(gg, AS_OF), lambda: overdue_floor(gg, as_of), overdue_id),
        ("overdue as of each plan's date", lambda: overdue(gg, today=TODAY), lambda: overdue_floor(gg, None),
         overdue_id),
        ("blockers, no filter", lambda: blockers(gg), lambda: blockers_floor(gg), blockers_id),
        ("gaps", lambda: gaps(gg), lambda: gaps_floor(gg), gaps_id),
        ("rollup by recommendation", lambda: rollup(gg, "recommendation"), lambda: rollup_floor(gg), rollup_id),
        (f"workload as of {AS_OF}", lambda: workload(gg, AS_OF), lambda: workload_floor(gg, as_of), workload_id),
    ]
    rows = []
    for name, ask, floor, ident in cases:
        (q_s, q_ans), (f_s, f_ans) = best_of([ask, floor], repeat)
        if ident(q_ans) != f_ans:
            raise AssertionError(f"{name}: the floor's answer differs from the question's")
        rows.append({"case": name, "items": size_of(f_ans), "q_ms": q_s * 1000, "f_ms": f_s * 1000,
                     "ratio": q_s / f_s})
    return rows


def child(cmd: list[str]) -> tuple[float, float]:
    """(wall s, CPU s) of one subprocess, its output discarded."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True, env=ENV)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def best_children(cmds: list[list[str]], runs: int) -> list[tuple[float, float]]:
    """Best wall and best CPU seconds of each command over `runs` turns taken in alternation, after one
    untimed run each (bytecode written, files in the page cache)."""
    for cmd in cmds:
        child(cmd)
    best = [(float("inf"), float("inf"))] * len(cmds)
    for _ in range(runs):
        for i, cmd in enumerate(cmds):
            wall, cpu = child(cmd)
            best[i] = (min(best[i][0], wall), min(best[i][1], cpu))
    return best


def whole_commands(graph: Path, gg: GovGraph, runs: int, help_runs: int) -> list[dict[str, Any]]:
    """The whole `query overdue --json` against parsing the graph file; `--help` against importing Typer."""
    query = [GOVGRAPH, "query", "overdue", "--as-of", AS_OF, "--json", "-g", str(graph)]
    got = json.loads(subprocess.run(query, capture_output=True, check=True, env=ENV).stdout)
    if {i["action"]["id"]: i["days_late"] for i in got["items"]} != overdue_floor(gg, dt.date.fromisoformat(AS_OF))[0]:
        raise AssertionError("the command's JSON differs from the floor's answer")
    parse = [PYTHON, "-c", "import gc, json, sys; gc.disable(); json.loads(open(sys.argv[1], 'rb').read())",
             str(graph)]
    load = [PYTHON, "-c", "import gc, sys; gc.disable(); from govgraph.model.graph import GovGraph; "
            "GovGraph.load(sys.argv[1])", str(graph)]
    (q_w, q_c), (p_w, p_c), (l_w, l_c) = best_children([query, parse, load], runs)
    (h_w, h_c), (t_w, t_c) = best_children([[GOVGRAPH, "--help"], [PYTHON, "-c", "import typer"]], help_runs)
    return [
        {"what": f"`govgraph query overdue --as-of {AS_OF} --json -g FILE` ({len(got['items']):,} items)",
         "floor": "`json.loads` of the file's bytes, fresh interpreter", "runs": runs, "target": 1.5,
         "q": (q_w, q_c), "f": (p_w, p_c)},
        {"what": "the same command", "floor": "`GovGraph.load(FILE)` (parse, check, build), fresh interpreter",
         "runs": runs, "target": None, "q": (q_w, q_c), "f": (l_w, l_c)},
        {"what": "`GovGraph.load(FILE)`", "floor": "`json.loads` of the file's bytes", "runs": runs, "target": None,
         "q": (l_w, l_c), "f": (p_w, p_c)},
        {"what": "`govgraph --help`", "floor": "`python -c \"import typer\"`", "runs": help_runs, "target": 1.5,
         "q": (h_w, h_c), "f": (t_w, t_c)},
    ]


def report(n: int, nodes: int, graph: Path, load_before: str, load_after: str, rows: list[dict[str, Any]],
           cmds: list[dict[str, Any]], repeat: int) -> str:
    lines = [f"At {n} authorities ({nodes:,} nodes; graph file {graph.stat().st_size / 2**20:.0f} MiB), "
             f"{os.cpu_count()} cores; load average before {load_before}, after {load_after}.", "",
             f"| listing (in process, best of {repeat}) | items | question ms | floor ms | **question / floor** "
             "| target |", "|---|---:|---:|---:|---:|---:|"]
    lines += [f"| {r['case']} | {r['items']:,} | {r['q_ms']:.0f} | {r['f_ms']:.1f} | **{r['ratio']:.1f}×** | 4× |"
              for r in rows]
    lines += ["", "| whole command (subprocess) | floor | best of | wall s | floor wall s | **ratio wall** | "
              "CPU s | floor CPU s | **ratio CPU** | target |", "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for c in cmds:
        (qw, qc), (fw, fc) = c["q"], c["f"]
        target = f"{c['target']}×" if c["target"] else "(shown beside)"
        lines.append(f"| {c['what']} | {c['floor']} | {c['runs']} | {qw:.3f} | {fw:.3f} | **{qw / fw:.2f}×** | "
                     f"{qc:.3f} | {fc:.3f} | **{qc / fc:.2f}×** | {target} |")
    return "\n".join(lines) + "\n"


def loadavg() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--size", type=int, default=150, help="number of authorities")
    ap.add_argument("--work", type=Path, help="keep (and reuse) graph{N}.json here; default a temp directory")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--repeat", type=int, default=5, help="turns per in-process timing; the best is reported")
    ap.add_argument("--runs", type=int, default=5, help="turns per `query --json` subprocess timing")
    ap.add_argument("--help-runs", type=int, default=10, help="turns per `--help` subprocess timing")
    opts = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="govgraph-listings-") as tmp:
        work = opts.work or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        graph = graph_file(opts.size, opts.seed, work)
        before = loadavg()
        gg = GovGraph.load(graph)
        rows = listings(gg, opts.repeat)
        cmds = whole_commands(graph, gg, opts.runs, opts.help_runs)
        print(report(opts.size, len(gg), graph, before, loadavg(), rows, cmds, opts.repeat))
    return 0


if __name__ == "__main__":
    sys.exit(main())

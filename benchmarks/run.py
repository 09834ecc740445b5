"""Programme-scale benchmarks: synth N authorities, load, save, reload, query, draw, start up.

Run on demand (not part of the test suite):

    .venv/bin/python benchmarks/run.py [--sizes 1,10,150] [--seed 0] [--out benchmarks/RESULTS.md]

For each size it writes a synthetic programme (`govgraph synth`) into a temp directory, loads it in a
fresh process (wall time inside the process, and peak RSS from the kernel), saves the graph, times a
reload, runs every named query in `govgraph.queries.registry.QUERIES` on the embedded graph with
arguments drawn from the graph (the busiest board and lead, a RED action on a shared work package...),
renders the accountability diagram of the busiest board through the CLI, and times `govgraph --help`.
Results go to a markdown table with the machine's description.
"""
from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
GOVGRAPH = str(Path(sys.executable).parent / "govgraph")
TARGETS = {"load_s": 20.0, "query_ms": 200.0, "reload_s": 2.0, "help_ms": 300.0}

_LOAD_CHILD = """
import json, sys, time
from pathlib import Path
t0 = time.perf_counter()
from govgraph.loaders import load_documents
files = sorted(Path(sys.argv[1]).glob("*.txt"))
t1 = time.perf_counter()
result = load_documents(files)
t2 = time.perf_counter()
result.graph.save(sys.argv[2])
t3 = time.perf_counter()
print(json.dumps({"import_s": t1 - t0, "load_s": t2 - t1, "save_s": t3 - t2, "files": len(files)}))
"""


def machine() -> dict[str, str]:
    """CPU model, cores, RAM, Python and library versions, and the commit measured."""
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "unknown"
    try:
        kb = int(next(ln for ln in Path("/proc/meminfo").read_text().splitlines()
                      if ln.startswith("MemTotal")).split()[1])
        ram = f"{kb / 1024 / 1024:.1f} GiB"
    except (OSError, StopIteration, ValueError):
        pass
    import networkx

    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip() or "unknown"
    return {"CPU": cpu, "cores": str(os.cpu_count()), "RAM": ram, "Python": platform.python_version(),
            "OS": f"{platform.system()} {platform.release()}", "networkx": networkx.__version__,
            "commit": commit}


def load_in_child(plans: Path, graph: Path) -> dict[str, float]:
    pid = os.fork()
    if pid == 0:  # child: exec a fresh interpreter so imports and memory start from nothing
        out_fd = os.open(graph.with_suffix(".timings"), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(out_fd, 1)
        os.execv(sys.executable, [sys.executable, "-c", _LOAD_CHILD, str(plans), str(graph)])
    _, status, usage = os.wait4(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError("the load process failed")
    data = json.loads(graph.with_suffix(".timings").read_text())
    data["peak_rss_mib"] = usage.ru_maxrss / 1024  # Linux reports KiB
    return data


def best(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """Best wall time of `repeat` runs (seconds) and the last result."""
    times, result = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return min(times), result


def query_arguments(gg: Any) -> dict[str, tuple[tuple[Any, ...], dict[str, Any], str]]:
    """Sensible arguments for each named query, picked from the graph: (args, kwargs, shown)."""
    monitors = Counter(s for s, _, _ in gg.edges("MONITORS"))
    leads = Counter(s for s, _, _ in gg.edges("LEADS"))
    board = monitors.most_common(1)[0][0]
    lead = leads.most_common(1)[0][0]
    delivered = Counter(t for _, t, _ in gg.edges("DELIVERED_BY"))
    red = sorted((n for n, d in gg.nodes("Action") if d.get("rag") == "RED"),
                 key=lambda n: (-max((delivered[t] for t, _ in gg.out(n, "DELIVERED_BY")), default=0), n))[0]
    escal = Counter(s for s, _, _ in gg.edges("ESCALATES_TO"))
    start = sorted(escal, key=lambda n: (gg.node(n)["label"] != "Role", -escal[n], n))[0]
    auth = gg.node(lead).get("authority")
    target = next((t for s, t, _ in gg.edges("ESCALATES_TO") if gg.node(t).get("authority") == auth), board)
    plan = sorted(gg.ids("Plan"))[0]
    return {
        "blockers": ((), {"board": board}, f"board={gg.node(board)['name']}"),
        "impact": ((red,), {}, f"RED action {red}"),
        "escalation": ((start,), {}, gg.node(start)["name"]),
        "accountability": ((board,), {}, gg.node(board)["name"]),
        "overdue": ((), {"as_of": "2017-06-30"}, "as of 2017-06-30"),
        "workload": ((), {"as_of": "2017-06-30"}, "as of 2017-06-30"),
        "rollup": ((), {}, "by recommendation"),
        "gaps": ((), {}, ""),
        "path": ((lead, target), {}, f"{gg.node(lead)['name']} -> {gg.node(target)['name']}"),
        "_plan": ((plan,), {}, ""),
    }


def bench_size(n: int, seed: int, repeat: int, work: Path) -> dict[str, Any]:
    from govgraph.model.graph import GovGraph
    from govgraph.queries.registry import QUERIES
    from govgraph.synth import synthesise

    plans = work / f"plans{n}"
    t = time.perf_counter()
    totals = synthesise(n, plans, seed=seed).totals
    synth_s = time.perf_counter() - t
    graph = work / f"graph{n}.json"
    load = load_in_child(plans, graph)
    reload_s, gg = best(lambda: GovGraph.load(graph), repeat)
    args = query_arguments(gg)
    jobs: list[tuple[str, Callable[[], Any], str]] = []
    for name, spec in QUERIES.items():
        a, kw, shown = args[name]
        jobs.append((name, lambda f=spec.function, a=a, kw=kw: f(gg, *a, **kw), shown))
        jobs += [(f"{name} ({v.__name__})", lambda v=v: v(gg), "every line") for v in spec.variants]
    from govgraph.queries.blockers import blockers
    from govgraph.queries.rollup import rollup

    jobs += [("blockers (all)", lambda: blockers(gg), ""), ("rollup (by lead)", lambda: rollup(gg, "lead"), ""),
             ("rollup (by board)", lambda: rollup(gg, "board"), "")]
    queries = {label: (best(fn, repeat)[0] * 1000, shown) for label, fn, shown in jobs}
    gc.disable()  # then as the CLI runs them, with the collector off (govgraph.cli.app.main)
    try:
        cli_queries = {label: best(fn, repeat)[0] * 1000 for label, fn, _ in jobs}
    finally:
        gc.enable()
    diagram = diagram_time(graph, gg, args["accountability"][0][0], work / f"board{n}.svg")
    bolt = push_time(gg)
    cli_overdue = command_time([GOVGRAPH, "query", "overdue", "--as-of", "2017-06-30", "--json", "-g", str(graph)],
                               repeat)
    return {"bolt": bolt, "cli_overdue": cli_overdue, "cli_queries": cli_queries, "n": n, "totals": totals,
            "synth_s": synth_s, "load": load, "reload_s": reload_s, "size_mib": graph.stat().st_size / 2**20,
            "queries": queries, "diagram": diagram, "nodes": len(gg), "edges": gg.g.number_of_edges()}


def diagram_time(graph: Path, gg: Any, board: str, out: Path) -> tuple[float | None, str]:
    """Seconds to draw the accountability diagram of the busiest board via the CLI, or why not."""
    have = subprocess.run([GOVGRAPH, "diagram", "--help"], capture_output=True, text=True)
    if have.returncode != 0 or "accountability" not in have.stdout:
        return None, "`govgraph diagram accountability` is not available yet"
    cmd = [GOVGRAPH, "diagram", "accountability", "--board", board, "--out", str(out), "--graph", str(graph)]
    t = time.perf_counter()
    res = subprocess.run(cmd, capture_output=True, text=True)
    secs = time.perf_counter() - t
    if res.returncode != 0:
        return None, f"failed: {(res.stderr or res.stdout).strip().splitlines()[-1:]}"
    return secs, f"{gg.node(board)['name']}, {len(gg.out(board, 'MONITORS'))} actions, whole command"


def push_time(gg: Any, single: int = 600) -> dict[str, Any] | str:
    """Bolt push of the loaded programme into a fresh local FalkorDB: batched, and one row per transaction
    on a sample of whole documents with at least `single` nodes (`push_throughput.measure`); or why it
    could not run."""
    from govgraph.neo4j import falkordb_server
    from govgraph.neo4j.connection import Settings

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from push_throughput import measure

    try:
        with falkordb_server.start() as server:
            return measure(Settings(uri=server.uri, connection_acquisition_timeout=2.0), gg, single)
    except falkordb_server.FalkorDBUnavailable as exc:
        return f"not run: {exc}"


def command_time(cmd: list[str], repeat: int) -> float:
    """Best wall time of a whole command (start-up, graph read, answer, output to a pipe), seconds."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - t)
    return min(times)


def help_time(repeat: int = 5) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        subprocess.run([GOVGRAPH, "--help"], capture_output=True, check=True)
        times.append(time.perf_counter() - t)
    return min(times) * 1000


def _bolt(result: dict[str, Any], key: str) -> str:
    bolt = result["bolt"]
    if isinstance(bolt, str):
        return "n/a"
    return f"{bolt[key]:.1f}×" if key == "ratio" else f"{bolt[key]:,.0f}"


def mark(value: float, target: float) -> str:
    return "✅" if value < target else "❌"


def report(results: list[dict[str, Any]], help_ms: float, info: dict[str, str], seed: int) -> str:
    sizes = [r["n"] for r in results]
    lines = ["# Benchmarks", "",
             f"Measured by `benchmarks/run.py --sizes {','.join(map(str, sizes))} --seed {seed}` "
             f"on {time.strftime('%Y-%m-%d')}. Targets (at 150 authorities): full load under "
             f"{TARGETS['load_s']:.0f} s, every named query under {TARGETS['query_ms']:.0f} ms, reload under "
             f"{TARGETS['reload_s']:.0f} s, `govgraph --help` under {TARGETS['help_ms']:.0f} ms.", "",
             "## Machine", "", "| | |", "|---|---|"]
    lines += [f"| {k} | {v} |" for k, v in info.items()]
    head = "| | " + " | ".join(f"N = {n}" for n in sizes) + " |"
    rule = "|---|" + "---:|" * len(sizes)
    big = results[-1]

    def row(label: str, cells: list[str]) -> str:
        return f"| {label} | " + " | ".join(cells) + " |"

    lines += ["", "## Size and load", "", head, rule,
              row("documents", [str(r["totals"]["documents"]) for r in results]),
              row("actions", [f"{r['totals']['actions']:,}" for r in results]),
              row("recommendations", [f"{r['totals']['recommendations']:,}" for r in results]),
              row("graph nodes / edges", [f"{r['nodes']:,} / {r['edges']:,}" for r in results]),
              row("synth (write the text files)", [f"{r['synth_s']:.2f} s" for r in results]),
              row("load (parse + build, in process)", [f"{r['load']['load_s']:.2f} s" for r in results]),
              row("peak memory of the load process (RSS)", [f"{r['load']['peak_rss_mib']:.0f} MiB" for r in results]),
              row("save graph file", [f"{r['load']['save_s']:.2f} s" for r in results]),
              row("graph file size", [f"{r['size_mib']:.1f} MiB" for r in results]),
              row("reload graph file (best of 3)", [f"{r['reload_s']:.2f} s" for r in results]),
              row("diagram: accountability of the busiest board (CLI, whole command)",
                  [f"{r['diagram'][0]:.2f} s" if r["diagram"][0] is not None else "n/a" for r in results]),
              row("`query overdue --json` as of 2017-06-30 (CLI, whole command, best of 3)",
                  [f"{r['cli_overdue']:.2f} s" for r in results]),
              row("Bolt push to local FalkorDB, batched (elements/s)", [_bolt(r, "per_s") for r in results]),
              row("… one row per transaction, a sample of whole documents (elements/s)",
                  [_bolt(r, "single_per_s") for r in results]),
              row("… batched / one row per transaction", [_bolt(r, "ratio") for r in results]),
              "", "## Named queries on the embedded graph (best of 3, ms)", "",
              "Each column calls the library function with the collector as Python leaves it (the question pauses",
              "it while building its answer; the pass it then makes over the answer is counted). The last column",
              f"is N = {big['n']} run as the CLI runs them: collector off for the process.", "",
              head[:-1] + f" | N = {big['n']}, collector off | arguments (largest N) |", rule + "---:|---|"]
    for name in big["queries"]:
        cells = [f"{r['queries'][name][0]:.1f}" for r in results] + [f"{big['cli_queries'][name]:.1f}"]
        lines.append(row(name, cells) + f" {big['queries'][name][1]} |")
    worst = max((v[0], k) for k, v in big["queries"].items() if v[0] == v[0])
    worst_cli = max((v, k) for k, v in big["cli_queries"].items() if v == v)
    lines += ["", f"`govgraph --help` start-up (best of 5): {help_ms:.0f} ms", "",
              "## Targets at the largest size", "",
              f"- load {big['load']['load_s']:.1f} s (target < {TARGETS['load_s']:.0f} s) "
              f"{mark(big['load']['load_s'], TARGETS['load_s'])}",
              f"- slowest named query: {worst[1]}, {worst[0]:.0f} ms (target < {TARGETS['query_ms']:.0f} ms) "
              f"{mark(worst[0], TARGETS['query_ms'])}; with the collector off, as the CLI runs it: "
              f"{worst_cli[1]}, {worst_cli[0]:.0f} ms {mark(worst_cli[0], TARGETS['query_ms'])}",
              f"- reload {big['reload_s']:.2f} s (target < {TARGETS['reload_s']:.0f} s) "
              f"{mark(big['reload_s'], TARGETS['reload_s'])}",
              f"- `--help` {help_ms:.0f} ms (target < {TARGETS['help_ms']:.0f} ms) {mark(help_ms, TARGETS['help_ms'])}"]
    notes = [r["diagram"][1] for r in results if r["diagram"][0] is None]
    if notes:
        lines += ["", f"Diagram: {notes[-1]}."]
    return "\n".join(lines) + "\n"


HAND_WRITTEN = "<!-- written by hand below: run.py keeps it -->"


def hand_written(path: Path) -> str:
    """The part of an earlier RESULTS.md after the marker (push numbers, analysis), kept on rewrite."""
    try:
        old = path.read_text(encoding="utf-8")
    except OSError:
        return f"\n{HAND_WRITTEN}\n"
    at = old.find(HAND_WRITTEN)
    return "\n" + (old[at:] if at >= 0 else f"{HAND_WRITTEN}\n")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1,10,150", help="comma-separated numbers of authorities")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--repeat", type=int, default=3, help="runs per timing; the best is reported")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "RESULTS.md")
    ap.add_argument("--keep", type=Path, help="keep the synthetic plans and graphs in this directory")
    opts = ap.parse_args(argv)
    sizes = [int(s) for s in opts.sizes.split(",")]
    results = []
    with tempfile.TemporaryDirectory(prefix="govgraph-bench-") as tmp:
        work = opts.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        for n in sizes:
            print(f"N = {n} ...", file=sys.stderr, flush=True)
            r = bench_size(n, opts.seed, opts.repeat, work)
            print(f"  load {r['load']['load_s']:.2f} s, reload {r['reload_s']:.2f} s, slowest query "
                  f"{max(v[0] for v in r['queries'].values() if v[0] == v[0]):.0f} ms", file=sys.stderr, flush=True)
            results.append(r)
    text = report(results, help_time(), machine(), opts.seed) + hand_written(opts.out)
    opts.out.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Wall-clock times the test suite used to assert, measured here instead (issue 13).

Run on demand (not part of the test suite):

    .venv/bin/python benchmarks/regressions.py [--repeat 3]

Tests now guard how these grow (tests/scaling.py: a CPU-time ratio of two sizes, or counted graph
reads) and the box limit of a drawing; the seconds they once asserted are printed here as a markdown
table (best of --repeat, wall clock, in this process) for RESULTS.md. Their old limits are shown beside
them for reference: 5 s for the issue-6 huge cells, 10 s for a 60,000-character cell, 0.5 s for
blockers on a 500-node graph, 20 s for the 600-action drawing, 5 s for each corpus diagram.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "queries"), str(ROOT / "tests" / "viz")]

from graphs import big_graph  # noqa: E402
from vizgraphs import AS_OF, big_board_graph  # noqa: E402

from govgraph.errors import UnknownLayout  # noqa: E402
from govgraph.loaders import load_documents  # noqa: E402
from govgraph.queries.blockers import blockers  # noqa: E402
from govgraph.viz.accountability import accountability_diagram  # noqa: E402
from govgraph.viz.diagram import DiagramOptions  # noqa: E402
from govgraph.viz.governance import governance  # noqa: E402
from govgraph.viz.programme import programme  # noqa: E402
from govgraph.viz.render import render  # noqa: E402

FUZZ = ROOT / "tests" / "loaders" / "fixtures" / "fuzz"
CORPUS = ROOT.parent / "shared" / "corpus"
HUGE_WORDS = ["WS1P1WP1", "Board", "Head of", "report to", "Xxxxxx", "R", "monitored by"]


def best_of(repeat: int, work: Callable[[], object]) -> float:
    """Best wall-clock seconds of `repeat` runs of `work`."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return best


def load_text(tmp: Path, name: str, text: str) -> None:
    path = tmp / name
    path.write_text(text, encoding="utf-8")
    try:
        load_documents([path])
    except UnknownLayout:
        pass


def loader_cases(tmp: Path) -> dict[str, tuple[Callable[[], object], str]]:
    """The issue-6 regressions and a 60,000-character cell of each of a few words."""
    rows = (FUZZ / "numbered_table.txt").read_text(encoding="utf-8").split("\n")
    i = next(k for k, ln in enumerate(rows) if ln.startswith("1.\t"))
    refs = "\n".join([*rows[:i], rows[i] + " WS1P1WP1" * 20_000, *rows[i + 1:]])
    prose = "Plan of Xxxxxx Council\n" + "Xxxxxx " * 30_000 + "Children First (CHF) is the programme\n"
    cases = {"load: 'WS1P1WP1' x 20,000 in one monitoring cell (issue 6)":
             (lambda: load_text(tmp, "numbered_table.txt", refs), "5 s"),
             "load: a programme defined after 30,000 words (issue 6)":
             (lambda: load_text(tmp, "prose.txt", prose), "5 s")}
    for word in HUGE_WORDS:
        cells = [ln.split("\t") for ln in rows]
        cells[i][-1] += " " + (word + " ") * (60_000 // (len(word) + 1))
        text = "\n".join("\t".join(c) for c in cells)
        cases[f"load: a 60,000-character cell of '{word}'"] = (
            lambda text=text: load_text(tmp, "numbered_table.txt", text), "10 s")
    return cases


def query_and_drawing_cases(tmp: Path) -> dict[str, tuple[Callable[[], object], str]]:
    gg, board = big_graph(), big_board_graph(actions=600, recs=40)

    def big_drawing() -> None:
        d = accountability_diagram(board, board="Big Board", options=DiagramOptions(as_of=AS_OF))
        render(d.to_dot(), tmp / "big.svg")

    return {f"blockers on a {len(gg)}-node graph": (lambda: blockers(gg), "0.5 s"),
            "diagram: a 600-action remit, summarised and drawn as SVG": (big_drawing, "20 s")}


def corpus_cases(tmp: Path) -> dict[str, tuple[Callable[[], object], str]]:
    """The three corpus diagrams of issue 4, each drawn as SVG and PNG (skipped without the corpus)."""
    if not CORPUS.is_dir():
        return {}
    g = load_documents(sorted(CORPUS.glob("*.txt"))).graph
    opts = DiagramOptions(as_of=AS_OF)
    diagrams = {"HSCB accountability (with parts)": lambda: accountability_diagram(g, board="HSCB", options=opts,
                                                                                 with_parts=True),
                "Herefordshire governance": lambda: governance(g, "Herefordshire", opts),
                "CHIPP programme": lambda: programme(g, "CHIPP", opts)}

    def draw(make: Callable[[], object]) -> None:
        dot = make().to_dot()  # type: ignore[attr-defined]
        render(dot, tmp / "d.svg")
        render(dot, tmp / "d.png")

    return {f"corpus diagram: {name}, SVG and PNG": (lambda make=make: draw(make), "5 s")
            for name, make in diagrams.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing; the best is kept")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        cases = {**loader_cases(tmp), **query_and_drawing_cases(tmp), **corpus_cases(tmp)}
        print(f"| what (best of {args.repeat}, wall clock) | seconds | old test limit |")
        print("|---|---:|---:|")
        for name, (work, limit) in cases.items():
            print(f"| {name} | {best_of(args.repeat, work):.2f} | {limit} |", flush=True)


if __name__ == "__main__":
    main()

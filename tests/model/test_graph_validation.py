"""Issue 17 (3): a graph file is checked against the model as it loads, and refused with one message
naming the node or edge; a FIFO, a device or an oversized file is refused without being read."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from govgraph.errors import GraphFileError
from govgraph.model.edges import Edge
from govgraph.model.graph import GovGraph
from govgraph.model.nodes import Action, Board, Project, Recommendation, Role, WorkPackage
from govgraph.model.validate import MAX_GRAPH_ENV

GOVGRAPH = str(Path(sys.executable).parent / "govgraph")


def tiny() -> GovGraph:
    """A fictional council's plan: one recommendation, one action led by a post, monitored by a board,
    delivered by a work package of a project."""
    g = GovGraph()
    for node in (Recommendation(id="p/rec/1", ref="1", source_file="p.txt", source_line=2),
                 Action(id="p/act/1", ref="1.1", text="Audit", source_file="p.txt", source_line=3, rag="RED",
                        aliases=["A1"]),
                 Role(id="a/role/dcs", name="DCS", source_file="p.txt", source_line=3),
                 Board(id="a/board/ib", name="Improvement Board", source_file="p.txt", source_line=1),
                 WorkPackage(id="a/wp/1", ref="WP1", source_file="p.txt", source_line=4),
                 Project(id="a/proj/1", ref="P1", source_file="p.txt", source_line=4)):
        g.add_node(node)
    for s, t, rel in (("p/act/1", "p/rec/1", "ADDRESSES"), ("a/role/dcs", "p/act/1", "LEADS"),
                      ("a/board/ib", "p/act/1", "MONITORS"), ("p/act/1", "a/wp/1", "DELIVERED_BY"),
                      ("a/wp/1", "a/proj/1", "PART_OF")):
        g.add_edge(Edge(source=s, target=t, type=rel, source_file="p.txt", source_line=3))
    g.warn("p.txt", 9, "line not used", "unused-line")
    return g


Data = dict[str, Any]


def node(data: Data, nid: str) -> Data:
    return next(n for n in data["nodes"] if n["id"] == nid)


def edge(data: Data, rel: str) -> Data:
    return next(e for e in data["edges"] if e["key"] == rel)


def _set(record: Callable[[Data], Data], key: str, value: Any) -> Callable[[Data], None]:
    return lambda d: record(d).__setitem__(key, value)


def _reverse_part_of(d: Data) -> None:
    e = edge(d, "PART_OF")
    e["source"], e["target"] = e["target"], e["source"]


def _duplicate_as_board(d: Data) -> None:
    d["nodes"].append({"id": "p/act/1", "label": "Board", "name": "x", "source_file": "p.txt"})


def _unknown_type(d: Data) -> None:
    e = edge(d, "LEADS")
    e["key"] = e["type"] = "OWNS"


def _twice(d: Data) -> None:
    d["edges"].append(dict(edge(d, "LEADS")))


def _self_loop(d: Data) -> None:
    d["edges"].append({"source": "p/act/1", "target": "p/act/1", "key": "DEPENDS_ON", "type": "DEPENDS_ON",
                       "source_file": "p.txt"})


ACT = lambda d: node(d, "p/act/1")  # noqa: E731
# (what is wrong, how to break the data, words the one message must hold)
CASES: list[tuple[str, Callable[[Data], None], str]] = [
    ("rag a number", _set(ACT, "rag", 5), "node 'p/act/1' (Action): 'rag' is 5, not one of RED, AMBER"),
    ("rag unknown", _set(ACT, "rag", "PURPLE"), "'rag' is 'PURPLE', not one of RED"),
    ("source_line text", _set(ACT, "source_line", "x"), "'source_line' is 'x', not an integer or null"),
    ("source_line true", _set(ACT, "source_line", True), "'source_line' is True, not an integer"),
    ("aliases a number", _set(ACT, "aliases", 5), "'aliases' is 5, not a list of strings"),
    ("aliases of numbers", _set(ACT, "aliases", [5]), "'aliases' is [5], not a list of strings"),
    ("text a list", _set(ACT, "text", ["x"]), "'text' is ['x'], not a string"),
    ("rag_inferred text", _set(ACT, "rag_inferred", "no"), "'rag_inferred' is 'no', not true or false"),
    ("board kind unknown", _set(lambda d: node(d, "a/board/ib"), "kind", "cabal"), "'kind' is 'cabal'"),
    ("huge line number", _set(ACT, "source_line", 10**30), "'source_line' is an integer of about 31 digits, "
                                                           "not an integer out of range"),
    ("huge in a list", _set(ACT, "source_lines", [3, 2**60]), "'source_lines' is [3, 1152921504606846976]"),
    ("extra nested", _set(ACT, "x", [[[]]]), "'x' is [[[]]], not nested more than one level"),
    ("no ref", lambda d: ACT(d).pop("ref"), "node 'p/act/1' (Action): no 'ref'"),
    ("unknown label", _set(ACT, "label", "Wizard"), "node 'p/act/1': label 'Wizard' is not one of Authority"),
    ("duplicate id", _duplicate_as_board, "node 'p/act/1' appears twice (as Action and as Board)"),
    ("reversed PART_OF", _reverse_part_of, "edge 'a/proj/1' -[PART_OF]-> 'a/wp/1': Project -> WorkPackage is "
                                           "not allowed for PART_OF"),
    ("unknown edge type", _unknown_type, "edge 'a/role/dcs' -['OWNS']-> 'p/act/1': 'OWNS' is not a relationship"),
    ("type and key differ", _set(lambda d: edge(d, "LEADS"), "type", "MONITORS"), "its 'type' is 'MONITORS'"),
    ("edge twice", _twice, "edge 'a/role/dcs' -[LEADS]-> 'p/act/1' appears twice"),
    ("edge to itself", _self_loop, "-[DEPENDS_ON]-> 'p/act/1': joins a node to itself"),
    ("edge line text", _set(lambda d: edge(d, "LEADS"), "source_line", "3"), "'source_line' is '3', not an int"),
    ("edge quote a map", _set(lambda d: edge(d, "LEADS"), "quote", {"a": 1}), "'quote' is {'a': 1}, not a str"),
    ("warning line text", lambda d: d["graph"]["warnings"][0].__setitem__("source_line", "x"),
     "a warning's 'source_line' is 'x'"),
    ("documents a map", lambda d: d["graph"].__setitem__("documents", {}), "'graph.documents' is not a list"),
]


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.json"
    tiny().save(path)
    return path


def test_the_fixture_loads(good: Path) -> None:
    assert GovGraph.load(good).to_json() == tiny().to_json()


@pytest.mark.parametrize(("why", "breaks", "words"), CASES, ids=[c[0] for c in CASES])
def test_record_that_does_not_fit_the_model_is_named(good: Path, why: str, breaks: Callable[[Data], None],
                                                     words: str) -> None:
    data = json.loads(good.read_text(encoding="utf-8"))
    breaks(data)
    bad = good.with_name("bad.json")
    bad.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(GraphFileError) as exc:
        GovGraph.load(bad)
    assert str(exc.value).startswith(f"{bad}: "), str(exc.value)
    assert words in str(exc.value)


def test_5000_digit_integer_is_one_message(good: Path) -> None:
    bad = good.with_name("bad.json")
    bad.write_text(good.read_text(encoding="utf-8").replace('"source_line": 2,', '"source_line": ' + "9" * 5000
                                                            + ",", 1), encoding="utf-8")
    with pytest.raises(GraphFileError, match="a number has too many digits"):
        GovGraph.load(bad)


BROKEN_FOR = {"rag a number": ["query", "overdue", "--as-of", "2024-01-01"],
              "reversed PART_OF": ["diagram", "programme", "--out", "{tmp}/p.dot"],
              "duplicate id": ["report", "board", "Improvement Board", "--out", "{tmp}/pack"],
              "aliases a number": ["query", "accountability", "DCS"]}
"""Commands that failed later, with a traceback, on files like these before they were checked on load."""


@pytest.mark.parametrize("why", sorted(BROKEN_FOR))
def test_cli_gives_one_error_line_not_a_traceback(good: Path, tmp_path: Path, why: str) -> None:
    data = json.loads(good.read_text(encoding="utf-8"))
    dict((c[0], c[1]) for c in CASES)[why](data)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    args = [a.replace("{tmp}", str(tmp_path)) for a in BROKEN_FOR[why]]
    out = subprocess.run([GOVGRAPH, *args, "-g", str(bad)], capture_output=True, text=True, timeout=120)
    assert out.returncode == 1, out.stderr
    assert out.stderr.startswith(f"Error: {bad}: "), out.stderr
    assert "Traceback" not in out.stderr and out.stdout == ""
    assert not (tmp_path / "p.dot").exists() and not (tmp_path / "pack").exists()


# ---- what is read at all -----------------------------------------------------------------------
def test_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "g.json"
    os.mkfifo(fifo)
    out = subprocess.run([GOVGRAPH, "stats", "-g", str(fifo)], capture_output=True, text=True, timeout=60)
    assert out.returncode == 1
    assert out.stderr.startswith(f"Error: {fifo}: is a FIFO (named pipe), not a regular file"), out.stderr


def _memory_capped() -> None:
    """Run with 2 GiB of address space: a regression that reads /dev/zero fails fast instead of filling RAM."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (2 * 2**30, 2 * 2**30))


def test_device_is_refused_without_reading() -> None:
    out = subprocess.run([GOVGRAPH, "stats", "-g", "/dev/zero"], capture_output=True, text=True, timeout=60,
                         preexec_fn=_memory_capped)
    assert out.returncode == 1
    assert out.stderr.startswith("Error: /dev/zero: is a character device, not a regular file"), out.stderr


def test_size_limit_and_the_variable_that_raises_it(good: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(MAX_GRAPH_ENV, "0.001")  # 1 KiB
    with pytest.raises(GraphFileError, match=r"over the 1\.0 KiB limit for graph files") as exc:
        GovGraph.load(good)
    assert MAX_GRAPH_ENV in exc.value.user_message() and "--max-size graphs=SIZE" in exc.value.user_message()
    monkeypatch.setenv(MAX_GRAPH_ENV, "1")
    assert len(GovGraph.load(good)) == 6

"""`escalation` (issue 3): chains up (and down) through REPORTS_TO, ESCALATES_TO, PART_OF, CHAIRS;
(issue 13) the route as one tree, on the command line and in the board pack."""
from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from graphs import governance_graph, route_graph
from rich.console import Console
from typer.testing import CliRunner

from govgraph.cli import tables
from govgraph.cli.app import app
from govgraph.errors import UnknownNode
from govgraph.loaders import load_documents
from govgraph.model.graph import GovGraph
from govgraph.queries._example import demo_graph
from govgraph.queries.base import in_k
from govgraph.queries.escalation import (AGAIN_WORDS, RouteNode, down_links, escalation, escalation_lines,
                                         link_words, up_links)
from govgraph.queries.resolve import resolve
from govgraph.viz.boardpack import board_pack_html, build_board_pack


def chains(res):  # type: ignore[no-untyped-def]
    return [[s.from_node.name for s in c.links[:1]] + [s.to_node.name for s in c.links] for c in res.chains]


def test_chain_up_to_the_top() -> None:
    res = escalation(governance_graph(), "QA Sub Group")
    assert chains(res) == [  # next steps in id order
        ["QA Sub Group", "Exec", "SCB", "Independent Chair", "DCS", "Chief Executive"],
        ["QA Sub Group", "SCB", "Independent Chair", "DCS", "Chief Executive"],
        # its own chair escalates nowhere: a chain of one link
        ["QA Sub Group", "Chair of QA"],
    ]
    assert [n.name for n in res.reached] == ["Exec", "SCB", "Chair of QA", "Independent Chair", "DCS",
                                             "Chief Executive"]
    assert res.cycles == [] and res.direction == "up"


def test_each_link_has_its_source() -> None:
    res = escalation(governance_graph(), "board/qa-sub-group")
    first = res.chains[0].links[0]
    assert (first.type, first.forward) == ("REPORTS_TO", True)
    assert first.source.source_file == "p.txt" and first.source.source_line
    assert first.source.quote == "sub groups providing written updates to the Exec"
    # the chair link runs against the CHAIRS edge
    chair = res.chains[0].links[2]
    assert (chair.type, chair.forward, chair.to_node.name) == ("CHAIRS", False, "Independent Chair")


def test_cycle_reported_not_followed() -> None:
    res = escalation(governance_graph(), "Panel A")
    assert chains(res) == [["Panel A", "Panel B", "Panel A"]]
    assert res.chains[0].cycle == ["board/panel-a", "board/panel-b"]
    assert res.cycles == [["board/panel-a", "board/panel-b"]]


def test_down_lists_who_escalates_here() -> None:
    res = escalation(governance_graph(), "DCS", down=True)
    assert res.direction == "down"
    assert {n.name for n in res.reached} == {"Independent Chair", "SCB", "Exec", "QA Sub Group"}
    assert escalation(governance_graph(), "QA Sub Group", down=True).chains == []


@pytest.mark.parametrize("name, reached", [
    ("Forum", []),                      # no route up at all
    ("Chief Executive", []),            # already the top
    ("Independent Chair", ["DCS", "Chief Executive"]),
])
def test_ends(name, reached):  # type: ignore[no-untyped-def]
    assert [n.name for n in escalation(governance_graph(), name).reached] == reached


def test_all_lines_cover_every_link_including_loops() -> None:
    res = escalation_lines(governance_graph())
    starts = [c.links[0].from_node.name for c in res.chains]
    assert starts == ["QA Sub Group"] * 3 + ["Panel A"]
    assert res.start is None and res.cycles == [["board/panel-a", "board/panel-b"]]


def test_only_boards_and_roles() -> None:
    with pytest.raises(UnknownNode):
        escalation(governance_graph(), "p.txt-nothing")


# ---- issue 13: one readable route (the tree) -------------------------------------------------------
def outline(node: RouteNode, depth: int = 0) -> list[str]:
    """The tree as indented lines: link words, node name, where it repeats, its chairs."""
    words = " and ".join(link_words(s) for s in node.links)
    again = f" ({AGAIN_WORDS[node.again]})" if node.again else ""
    chairs = "".join(f" [chaired by {s.to_node.name}]" for s in node.chairs)
    lines = ["  " * depth + f"{words + ' ' if words else ''}{node.node.name}{again}{chairs}"]
    for c in node.children:
        lines += outline(c, depth + 1)
    return lines


@pytest.mark.parametrize("build, name, down, expected", [
    # parallel links share a line; Exec's link to the Board comes before the Board's own line: "see below";
    # the chairs with no line upward (Sub Chair, Leader) are named, not steps; Director -> Chair is a loop;
    # the Improvement Board's chair reached first from the Director: the chair link is "see below"
    (route_graph, "Sub Group", False, [
        "Sub Group [chaired by Sub Chair]",
        "  reports to and escalates to Exec",
        "    is part of and reports to Safeguarding Board (see below)",
        "  is part of Safeguarding Board",
        "    is chaired by Independent Chair",
        "      escalates to Director",
        "        reports to Improvement Board",
        "          escalates to Cabinet [chaired by Leader]",
        "          is chaired by Chief Executive (see below)",
        "        reports to Chief Executive",
        "          reports to Cabinet (see above)",
        "        escalates to Independent Chair (loops back)",
    ]),
    # downward a chaired board is a step: its business reaches the role through its chair
    (route_graph, "Chief Executive", True, [
        "Chief Executive",
        "  chairs Improvement Board",
        "    is reported to by Director (see below)",
        "  is reported to by Director",
        "    is escalated to by Independent Chair",
        "      chairs Safeguarding Board",
        "        includes and is reported to by Exec",
        "          is reported to by and is escalated to by Sub Group (see below)",
        "        includes Sub Group",
        "      is escalated to by Director (loops back)",
    ]),
    (route_graph, "Cabinet", False, ["Cabinet [chaired by Leader]"]),  # the top: only its chair named
    (route_graph, "Leader", False, ["Leader"]),
    (governance_graph, "QA Sub Group", False, [
        "QA Sub Group [chaired by Chair of QA]",
        "  reports to Exec",
        "    is part of SCB (see below)",
        "  is part of SCB",
        "    is chaired by Independent Chair",
        "      escalates to DCS",
        "        reports to Chief Executive",
    ]),
    (governance_graph, "Panel A", False, ["Panel A", "  reports to Panel B", "    escalates to Panel A (loops back)"]),
    (governance_graph, "Forum", False, ["Forum"]),
])
def test_route_tree(build, name, down, expected):  # type: ignore[no-untyped-def]
    res = escalation(build(), name, down=down)
    assert outline(res.tree) == expected
    assert res.chains or len(expected) == 1, "the enumeration is kept beside the tree"


GRAPHS = [route_graph, governance_graph, demo_graph]


def starts() -> list[tuple[Callable[[], GovGraph], str, bool]]:
    out = []
    for build in GRAPHS:
        ids = build().ids_by_label("Board", "Role")
        out += [(build, n, d) for n in ids["Board"] + ids["Role"] for d in (False, True)]
    return out


@pytest.mark.parametrize("build, name, down", starts())
def test_tree_shows_each_node_once_and_loses_no_link(build, name, down):  # type: ignore[no-untyped-def]
    """Every node reachable appears once (others are `again` leaves), and every one-hop link out of a
    reachable node is on the tree exactly once: as a step, a repeat leaf, or a chair named."""
    gg = build()
    res = escalation(gg, name, down=down)
    nodes: list[RouteNode] = []

    def walk(n: RouteNode) -> None:
        nodes.append(n)
        for c in n.children:
            assert not (c.again and c.children), "a repeat is a leaf"
            walk(c)

    walk(res.tree)
    first = [n.node.id for n in nodes if not n.again]
    assert len(first) == len(set(first))
    links_of = down_links if down else up_links
    expect = {(n, t, k) for n in first for t, k, _ in links_of(gg, n)}
    on_tree = [(n.node.id, s.to_node.id, s.type) for n in nodes for c in n.children for s in c.links] + \
        [(n.node.id, s.to_node.id, s.type) for n in nodes for s in n.chairs]
    assert sorted(on_tree) == sorted(expect)
    assert {r.id for r in res.reached} - {s.to_node.id for n in nodes for s in n.chairs} <= set(first)


def test_tree_links_carry_their_sources() -> None:
    res = escalation(route_graph(), "Sub Group")
    ex = res.tree.children[0]
    assert [(s.type, s.source.source_file, s.source.quote) for s in ex.links] == [
        ("REPORTS_TO", "fernhill.txt", "board/sub-group REPORTS_TO board/exec"),
        ("ESCALATES_TO", "fernhill.txt", "board/sub-group ESCALATES_TO board/exec")]
    assert ex.links[0].source.source_line < ex.links[1].source.source_line, "parallel links in source order"
    assert [(s.type, s.forward, s.to_node.name) for s in res.tree.chairs] == [("CHAIRS", False, "Sub Chair")]


def test_json_keeps_chains_and_adds_the_tree() -> None:
    data = escalation(route_graph(), "Sub Group").model_dump(mode="json")
    assert {"start", "direction", "chains", "reached", "cycles", "truncated", "tree"} <= set(data)
    assert data["tree"]["children"][0]["links"][0]["type"] == "REPORTS_TO"
    assert escalation_lines(route_graph()).tree is None, "every line in the graph stays a list of chains"


# ---- the command and the pack ------------------------------------------------------------------------
DEMO = Path(__file__).resolve().parents[2] / "examples" / "northmoor"


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo") / "northmoor.json"
    load_documents(sorted(DEMO.glob("*.txt")), overlays=[DEMO / "overlay.yaml"]).graph.save(out)
    return out


def cli(monkeypatch: pytest.MonkeyPatch, *args: str, width: int = 120) -> str:
    """`govgraph query escalation ...` as printed on a terminal `width` columns wide."""
    monkeypatch.setattr(tables, "console", lambda: Console(width=width, highlight=False, soft_wrap=False))
    res = CliRunner().invoke(app, ["query", "escalation", *args])
    assert res.exit_code == 0, res.output
    return res.stdout


def test_demo_qa_sub_group_fits_one_screen(monkeypatch: pytest.MonkeyPatch, demo_file: Path) -> None:
    out = cli(monkeypatch, "QA Sub Group", "-g", str(demo_file))
    lines = out.rstrip("\n").splitlines()
    assert len(lines) <= 25, out
    names = ["Northmoor Safeguarding Children Board", "NSCB Executive", "Independent Chair of NSCB",
             "Director of Children's Services", "Northmoor Improvement Board", "Chief Executive", "Cabinet"]
    for name in names:  # each reached node has exactly one line of its own (repeats say "see above/below")
        own = [ln for ln in lines if re.search(rf" {re.escape(name)}( \(top\))?(  | ·|$)", ln.rstrip())]
        assert len(own) == 1, (name, own)
    assert "reports to Cabinet (top)" in out and "chaired by Leader of the Council" in out
    assert not any(ln.rstrip().endswith("Leader of the Council  overlay.yaml:66") and "is chaired by" in ln
                   for ln in lines), "a chair with no line upward is not a step"
    assert "reports to and escalates to Chief Executive (see above)  overlay.yaml:94,95" in out
    assert "33 routes in all: --all-paths lists each." in out


def test_demo_all_paths_keeps_the_enumeration(monkeypatch: pytest.MonkeyPatch, demo_file: Path) -> None:
    out = cli(monkeypatch, "QA Sub Group", "-g", str(demo_file), "--all-paths", "--limit", "0", width=200)
    assert [ln.split("│")[1].strip() for ln in out.splitlines() if ln.startswith("│ 33 ")] == ["33"]
    quoted = cli(monkeypatch, "QA Sub Group", "-g", str(demo_file), "--sources", width=400)
    assert "“NSCB independent chair will escalate to Director of Children's Services”" in quoted


@pytest.mark.skipif(not shutil.which("dot"), reason="Graphviz `dot` is not installed")
def test_pack_shows_the_same_tree(demo_file: Path) -> None:
    gg = GovGraph.load(demo_file)
    pack = build_board_pack(gg, "NSCB", as_of=dt.date(2025, 6, 30), with_parts=True)
    html = board_pack_html(gg, pack)
    section = html[html.index("<h2>Escalation route</h2>"):html.index("<h2>Accountability diagram</h2>")]
    tree = escalation(gg, "NSCB").tree
    assert pack.escalation.tree == tree
    assert section.count("<li>") == len(outline(tree)), "one list item per line of the tree"
    assert section.count('<ul class="route">') == 1 + sum(1 for n in _all(tree) if n.children), \
        "one list for the tree, and a nested list under each node that leads further"
    assert "<ol" not in section and "is chaired by Leader" not in section
    assert "chaired by Leader of the Council" in section, "a chair with no line upward is named, not a step"


def _all(n: RouteNode) -> list[RouteNode]:
    return [n] + [x for c in n.children for x in _all(c)]


CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"corpus folder {CORPUS} is absent")
def test_corpus_hscb_sub_groups_reach_the_executive_and_the_director() -> None:
    gg = load_documents(sorted(CORPUS.glob("*.txt"))).graph
    exec_id = resolve(gg, "HSCB Executive", ["Board"])
    subs = [s for s, k in in_k(gg, exec_id, "REPORTS_TO") if gg.node(s).get("kind") == "sub_group"]
    assert len(subs) >= 4
    for sub in subs:
        tree = escalation(gg, sub).tree
        where = {n.node.id: n for n in _all(tree) if not n.again}
        ex = next(c for c in tree.children if c.node.id == exec_id)
        assert [link_words(s) for s in ex.links] == ["reports to"]
        # from the Executive the route continues (through the Board it is part of and the Board's chair)
        # to the Director for Children's Wellbeing: follow each repeat to where it is shown
        seen, todo, names = set(), [ex], set()
        while todo:
            n = todo.pop()
            n = where.get(n.node.id, n) if n.again else n
            if n.node.id in seen:
                continue
            seen.add(n.node.id)
            names.add(n.node.name)
            todo += n.children
        assert "Director for Children's Wellbeing" in names, sub
        assert all(s.source.source_file for n in _all(tree) for s in n.links + n.chairs)


def test_readme_tree_example_is_what_the_command_prints(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    shown = re.search(r"```console\n\$ govgraph query escalation 'QA Sub Group'\n(.*?)```", readme, re.S)
    assert shown, "the README's escalation section shows the tree"
    demo_graph().save(tmp_path / "demo.json")
    assert cli(monkeypatch, "QA Sub Group", "-g", str(tmp_path / "demo.json")) == shown.group(1)


def test_a_very_long_line_is_walked_without_recursion() -> None:
    """3,000 boards each reporting to the next: one chain of 2,999 links, no RecursionError."""
    from govgraph.model.edges import Edge
    from govgraph.model.graph import GovGraph
    from govgraph.model.nodes import Board
    from govgraph.queries.escalation import escalation

    gg = GovGraph()
    n = 3000
    for i in range(n):
        gg.add_node(Board(id=f"b/{i}", name=f"Board {i}", source_file="p.txt"))
    for i in range(n - 1):
        gg.add_edge(Edge(source=f"b/{i}", target=f"b/{i + 1}", type="REPORTS_TO", source_file="p.txt"))
    res = escalation(gg, "b/0")
    assert len(res.chains) == 1 and len(res.chains[0].links) == n - 1
    node, depth = res.tree, 0
    while node is not None and node.children:
        node, depth = node.children[0], depth + 1
    assert depth == n - 1 and node is not None and node.node.id == f"b/{n - 1}"

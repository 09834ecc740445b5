"""Issue 13 item 3: boards and posts in monitoring cells, and posts that monitor.

A monitoring cell often runs post and board names together ("Performance and Intelligence Manager Children's
Services Leadership Team"); before this, the post's words were glued onto the board's name and made a phantom
board. Posts that monitor (a cell naming "Lead Member DCS", prose "monitored by both the Lead Member and DCS")
now give `(Role)-[:MONITORS]->(Action|Plan)`. The fixture plan (fictional Larkhollow) is in
fixtures/monitoring/; its expected edges are read off it by hand.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from govgraph.export.cypher_script import to_cypher
from govgraph.export.neo4j_admin import admin_files
from govgraph.loaders import load_documents
from govgraph.loaders.leads import board_phrases
from govgraph.loaders.entities import AuthorityEntities
from govgraph.loaders.names import cell_mentions
from govgraph.loaders.vocab import Vocabulary
from govgraph.model.edges import ALLOWED, Edge
from govgraph.model.graph import GovGraph, SchemaViolation
from govgraph.neo4j.rows import graph_rows
from govgraph.neo4j.statements import merge_rels

FIX = Path(__file__).parent / "fixtures" / "monitoring"
DEMO = Path(__file__).resolve().parents[2] / "examples" / "northmoor"
CORPUS = Path(__file__).resolve().parents[3] / "shared" / "corpus"
VOCAB = Vocabulary.default()

CELLS = [
    # (cell, boards, posts), in the order the cell names them
    # the demo's cell (issue 13): the post's words made a phantom board "Intelligence Manager ... Team"
    ("Performance and Intelligence Manager Children's Services Leadership Team NIPP Ref: WS1P3WP1",
     ["Children's Services Leadership Team"], ["Performance and Intelligence Manager"]),
    # corpus 004's prose: two posts after a monitoring verb, the second joined by 'and'
    ("monitored by both the Lead Member and DCS on a bi-weekly basis", [], ["Lead Member", "DCS"]),
    # two posts run together: an acronym is a post by itself, not part of the title before it
    ("Lead Member DCS", [], ["Lead Member", "DCS"]),
    ("Lead Member Director of Children's Services", [], ["Lead Member", "Director of Children's Services"]),
    # two boards, no post
    ("Corporate Parenting Panel Improvement Board", ["Corporate Parenting Panel", "Improvement Board"], []),
    ("Joint Senior Management Team Corporate Parenting Panel",
     ["Joint Senior Management Team", "Corporate Parenting Panel"], []),
    # a board and a programme reference (corpus 001): the ref is not a name
    ("Improvement Board CHIPP Ref: WS3P21WP1", ["Improvement Board"], []),
    ("Safeguarding and Family Support Heads of Service HSCB Steering Group CHIPP Ref: WS3P21WP1",
     ["Safeguarding and Family Support Heads of Service", "HSCB Steering Group"], []),
    # a board, then a post whose head follows a board's name (corpus 001, action 41)
    ("Policy approval: Cabinet/Cabinet Member CHIPP ref: WS3P18WP5", ["Cabinet"], ["Cabinet Member"]),
    # a post with a dash complement inside prose run together (corpus 001, action 4)
    ("QA Framework and performance management reports will focus on impact of changes to practice "
     "Service Manager – ICT Strategy and Commissioning The quality of analysis gives confidence to LSCB.",
     ["LSCB"], ["Service Manager – ICT Strategy and Commissioning"]),
    # 'of' carries a post on; a chair's complement names the board chaired, so it stays one post
    ("Head of Fieldwork Corporate Parenting Panel", ["Corporate Parenting Panel"], ["Head of Fieldwork"]),
    ("Chair of the QA Sub Group Improvement Board", ["Improvement Board"], ["Chair of the QA Sub Group"]),
    ("Head of Service Head of LAC", [], ["Head of Service", "Head of LAC"]),
    # 'Chief Executive' is a post, 'HSCB Executive' a board (same head word)
    ("Chief Executive HSCB Executive", ["HSCB Executive"], ["Chief Executive"]),
    ("Virtual Head Teacher Corporate Parenting Panel", ["Corporate Parenting Panel"], ["Virtual Head Teacher"]),
    ("Corporate Parenting Panel Chair", [], ["Corporate Parenting Panel Chair"]),
    ("Improvement Board and DCS", ["Improvement Board"], ["DCS"]),
    ("Quarterly reports to the Director of Children's Services and Cabinet", ["Cabinet"],
     ["Director of Children's Services"]),
    # a post a sentence talks about is not a monitor: it is escalated to, or does the escalating
    ("Improvement Board. The Independent Chair will escalate to the Director of Children's Services",
     ["Improvement Board"], []),
    ("If performance dips, HSCB independent chair will escalate to Director for Children's Wellbeing to act.",
     [], []),
    # lower-case words are not names
    ("Half yearly report to Joint SMT and members", [], []),
    # a generic head after another head ends the same name: 'Board' was dropped, naming the board
    # 'Safeguarding Partnership' (issue 14, seen loading a tracker with an Owner column of boards)
    ("Safeguarding Partnership Board", ["Safeguarding Partnership Board"], []),
    ("Children's Trust Board Cabinet", ["Children's Trust Board", "Cabinet"], []),
    ("Corporate Parenting Panel Meeting", ["Corporate Parenting Panel Meeting"], []),
    ("Improvement Board Cabinet", ["Improvement Board", "Cabinet"], []),
]


def _split(cell: str, known: set[str] = frozenset()) -> tuple[list[str], list[str]]:
    reg = AuthorityEntities("x", "Larkhollow", VOCAB)
    found = cell_mentions(cell, VOCAB, reg.is_scb_name, known.__contains__)
    return [m.text for m in found if m.label == "Board"], [m.text for m in found if m.label == "Role"]


@pytest.mark.parametrize(("cell", "boards", "posts"), CELLS, ids=[c[0][:40] for c in CELLS])
def test_cell_splits_into_boards_and_posts(cell: str, boards: list[str], posts: list[str]) -> None:
    assert _split(cell) == (boards, posts)


@pytest.mark.parametrize(("known", "post", "board"), [
    # nothing known: the post keeps the words before the last 'and'
    (set(), "Head of Safeguarding", "Quality Improvement Board"),
    # a post already named (as a lead) ends where that post ends
    ({"Head of Safeguarding and Quality"}, "Head of Safeguarding and Quality", "Improvement Board"),
])
def test_a_known_post_decides_where_a_post_run_into_a_board_ends(known: set[str], post: str, board: str) -> None:
    assert _split("Head of Safeguarding and Quality Improvement Board", known) == ([board], [post])


def test_board_phrases_keeps_only_the_boards() -> None:
    reg = AuthorityEntities("x", "Larkhollow", VOCAB)
    cell = "Performance and Intelligence Manager Children's Services Leadership Team"
    assert board_phrases(cell, VOCAB, reg) == ["Children's Services Leadership Team"]


# ---- end to end ---------------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def larkhollow() -> GovGraph:
    return load_documents([FIX / "larkhollow_plan.txt"]).graph


def monitors(g: GovGraph) -> set[tuple[str, str, str, str, int | None]]:
    """(source label, source name, target action ref or 'plan', file, line) of every MONITORS edge."""
    out = set()
    for s, t, d in g.edges("MONITORS"):
        target = g.node(t)
        out.add((g.node(s)["label"], g.node(s)["name"], target.get("ref") or target["label"].lower(),
                 d["source_file"], d.get("source_line")))
    return out


def test_fixture_monitors_edges_and_their_sources(larkhollow: GovGraph) -> None:
    f = "larkhollow_plan.txt"
    assert monitors(larkhollow) == {
        ("Role", "Performance and Intelligence Manager", "1", f, 6),
        ("Board", "Children's Services Leadership Team", "1", f, 6),
        ("Board", "Corporate Parenting Panel", "2", f, 7),
        ("Board", "Improvement Board", "2", f, 7),
        ("Board", "Improvement Board", "3", f, 8),
        ("Role", "Lead Member", "4", f, 9),
        ("Role", "DCS", "4", f, 9),
        ("Board", "Improvement Board", "5", f, 10),  # the chair and director it escalates between do not monitor
        ("Role", "Lead Member", "plan", f, 3),  # 'This plan is monitored fortnightly by both the Lead Member and DCS'
        ("Role", "DCS", "plan", f, 3),
    }
    plan = next(n for n, _ in larkhollow.nodes("Plan"))
    assert {d.get("frequency") for _, d in larkhollow.into(plan, "MONITORS")} == {"fortnightly"}


def test_fixture_has_no_phantom_board_and_one_role_per_post(larkhollow: GovGraph) -> None:
    boards = sorted(d["name"] for _, d in larkhollow.nodes("Board"))
    assert boards == ["Children's Services Leadership Team", "Corporate Parenting Panel", "Improvement Board"]
    roles = [d["name"] for _, d in larkhollow.nodes("Role")]
    assert roles.count("Performance and Intelligence Manager") == 1  # the lead and the monitor are one post
    [manager] = [n for n, d in larkhollow.nodes("Role") if d["name"] == "Performance and Intelligence Manager"]
    assert [larkhollow.node(t)["ref"] for t, _ in larkhollow.out(manager, "LEADS")] == ["1"]


def test_fixture_programme_refs_still_read_from_the_monitoring_cell(larkhollow: GovGraph) -> None:
    refs = {larkhollow.node(a)["ref"]: {larkhollow.node(t)["ref"] for t, _ in larkhollow.out(a, "DELIVERED_BY")}
            for a, _ in larkhollow.nodes("Action")}
    assert refs["1"] == {"WS1P1WP1"} and refs["3"] == {"WS3P21WP1"}


def _board_names_are_not_run_together(g: GovGraph) -> list[str]:
    """Board names that read as a post run into a board (what the phantom was)."""
    reg = AuthorityEntities("x", "Larkhollow", VOCAB)
    return [d["name"] for _, d in g.nodes("Board")
            if any(m.label == "Role" for m in cell_mentions(d["name"], VOCAB, reg.is_scb_name))]


def test_demo_has_no_phantom_board() -> None:
    g = load_documents(sorted(DEMO.glob("*.txt")), overlays=[DEMO / "overlay.yaml"]).graph
    assert _board_names_are_not_run_together(g) == []
    action6 = next(n for n, d in g.nodes("Action")
                   if d["ref"] == "6" and d["source_file"] == "northmoor_improvement_plan_2025.txt")
    assert {(g.node(s)["label"], g.node(s)["name"]) for s, _ in g.into(action6, "MONITORS")} == {
        ("Role", "Performance and Intelligence Manager"), ("Board", "Children's Services Leadership Team")}


def test_corpus_posts_that_monitor() -> None:
    files = sorted(CORPUS.glob("*.txt"))
    if not files:
        pytest.skip(f"corpus not found at {CORPUS}")
    g = load_documents(files).graph
    assert _board_names_are_not_run_together(g) == []
    by_role = {(g.node(s)["name"], d["source_file"][:3], d["source_line"])
               for s, _, d in g.edges("MONITORS") if g.node(s)["label"] == "Role"}
    assert {("Lead Member", "004", 26), ("DCS", "004", 26), ("Cabinet Member", "001", 143),
            ("Service Manager – ICT Strategy and Commissioning", "001", 30)} <= by_role
    # 'HSCB independent chair will escalate to Director for Children's Wellbeing' (001:30's neighbour) is not one
    assert not any(name.startswith("Director for Children") for name, _, _ in by_role)


# ---- schema and the Neo4j side --------------------------------------------------------------------------------

def test_schema_allows_a_post_to_monitor_actions_and_plans_only(larkhollow: GovGraph) -> None:
    assert {("Role", "Action"), ("Role", "Plan"), ("Board", "Action"), ("Board", "Plan")} == ALLOWED["MONITORS"]
    role = next(n for n, _ in larkhollow.nodes("Role"))
    rec = next(n for n, _ in larkhollow.nodes("Recommendation"))
    with pytest.raises(SchemaViolation, match="Role-\\[:MONITORS\\]->Recommendation"):
        larkhollow.add_edge(Edge(source=role, target=rec, type="MONITORS", source_file="x.txt"))


def test_neo4j_rows_statements_and_exports_carry_role_monitors(larkhollow: GovGraph) -> None:
    rows = graph_rows(larkhollow)
    shapes = {(r.type, r.source_label, r.target_label) for r in rows.rels if r.type == "MONITORS"}
    assert shapes == {("MONITORS", "Role", "Action"), ("MONITORS", "Role", "Plan"), ("MONITORS", "Board", "Action")}
    assert "MATCH (a:`Role` {id: row.source})" in merge_rels("MONITORS", "Role", "Plan")
    script = to_cypher(larkhollow)
    assert "MATCH (a:`Role` {id: 'larkhollow/role/dcs'}), (b:`Plan` {id: 'larkhollow_plan/plan'})" in script
    csv_rows = admin_files(larkhollow)["rels_MONITORS.csv"].splitlines()
    assert any(r.startswith("larkhollow/role/lead-member,larkhollow_plan/plan,MONITORS") for r in csv_rows)


def test_readme_relationship_table_names_every_monitor_label() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    [row] = [ln for ln in readme.splitlines() if ln.startswith("| `MONITORS` |")]
    sources, targets = zip(*ALLOWED["MONITORS"])
    frm, to = row.split("|")[2].split("→")
    assert all(label in frm for label in sources) and all(label in to for label in targets)

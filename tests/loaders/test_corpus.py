"""The facts of ../shared/corpus/README.md, each asserted on a real load of the corpus."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from govgraph.loaders import load_documents
from govgraph.model.graph import GovGraph

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"corpus folder {CORPUS} is absent")


@pytest.fixture(scope="module")
def loaded():
    return load_documents(sorted(CORPUS.glob("*.txt")))


@pytest.fixture(scope="module")
def g(loaded) -> GovGraph:
    return loaded.graph


def of(g: GovGraph, label: str, prefix: str) -> list[dict]:
    return [dict(d, id=n) for n, d in g.nodes(label) if d["source_file"].startswith(prefix)]


def rec(g: GovGraph, prefix: str, ref: str) -> dict:
    [r] = [r for r in of(g, "Recommendation", prefix) if r["ref"] == ref][:1]
    return r


def actions_of(g: GovGraph, rec_id: str) -> set[str]:
    return {s for s, _ in g.into(rec_id, "ADDRESSES")}


def part1_action(g: GovGraph, ref: str) -> dict:
    cands = sorted((a for a in of(g, "Action", "001_") if a["ref"] == ref), key=lambda a: a["source_line"])
    return cands[0]


def lead_names(g: GovGraph, action_id: str) -> list[str]:
    return [g.node(s)["name"] for s, _ in g.into(action_id, "LEADS")]


def wp_actions(g: GovGraph, code: str) -> set[str]:
    out = set()
    for n, d in g.nodes():
        if d["label"] in ("WorkPackage", "Project") and d.get("ref", "").upper() == code:
            out |= {g.node(s)["ref"] for s, _ in g.into(n, "DELIVERED_BY")}
    return out


def test_000_recommendations_and_cross_references(g):
    assert len(of(g, "Recommendation", "000_")) == 22
    for a, b in (("3", "2"), ("10", "9"), ("14", "7")):
        ra, rb = rec(g, "000_", a), rec(g, "000_", b)
        sources = {ra["id"]} | actions_of(g, ra["id"])
        targets = {rb["id"]} | actions_of(g, rb["id"])
        assert any(s in sources and t in targets for s, t, _ in g.edges("REFERS_TO")), (a, b)
    assert actions_of(g, rec(g, "000_", "2")["id"]) & actions_of(g, rec(g, "000_", "3")["id"])
    assert all(actions_of(g, r["id"]) for r in of(g, "Recommendation", "000_"))


def test_001_counts_and_rag(g):
    recs = of(g, "Recommendation", "001_")
    assert len(recs) == 38
    part1 = [r for r in recs if int(r["ref"]) < 100]
    assert sorted({int(r["ref"]) for r in part1}) == list(range(17, 45))
    assert Counter(r["ref"] for r in part1)["23"] == 2
    acts = of(g, "Action", "001_")
    assert len(acts) == 102
    assert Counter(a["rag"] for a in acts) == Counter(GREEN=46, AMBER=39, RED=15, UNKNOWN=2)
    greek = [a for a in acts if a.get("rag_raw") == "\u0391"]
    assert len(greek) == 4 and {a["rag"] for a in greek} == {"AMBER"}
    assert {a["ref"] for a in acts if a["rag"] == "RED" and a["source_line"] < 250} == {"1", "4", "5", "42"}
    assert "11" not in {a["ref"] for a in acts if a["source_line"] < 250}


def test_001_part2_red_actions_by_paragraph(g):
    acts = [a for a in of(g, "Action", "001_") if a["source_line"] > 250]
    assert len(acts) == 26
    red = {}
    for a in acts:
        if a["rag"] == "RED":
            [(r, _)] = g.out(a["id"], "ADDRESSES")
            red.setdefault(g.node(r)["ref"], set()).add(a["ref"])
    assert red == {"150": {"2", "4"}, "154": {"12", "13", "14", "17"}, "155": {"19", "20", "21", "22", "23"}}


def test_001_paragraph_cells(g):
    r17 = [r for r in of(g, "Recommendation", "001_") if r["ref"] == "17"][0]
    assert r17["ofsted_paragraphs"] == [17, 57, 138]
    uncertain = [r for r in of(g, "Recommendation", "001_") if r.get("uncertain_paragraphs")]
    assert {r["ref"] for r in uncertain} == {"23", "40"}


@pytest.mark.parametrize("code,refs", [
    ("WS1P3WP1", {"4", "27", "42"}), ("WS3P21WP1", {"1", "19"}), ("WS2P16WP1", {"3", "21"}),
    ("WS3P18WP3", {"23", "24", "25"}), ("WS3P17", {"2", "34", "40"}),
])
def test_001_work_packages(g, code, refs):
    assert wp_actions(g, code) == refs


def test_001_suspicious_refs_reported(g):
    issues = [i for _, d in g.nodes("Action") for i in d.get("programme_ref_issues", [])]
    assert any("WS18p18WP7" in i for i in issues)
    assert any("WS2P210WP4" in i for i in issues)


@pytest.mark.parametrize("ref,expected", [
    ("15", "head of children with disabilities and practice development"),
    ("51", "virtual head teacher"),
    ("68", "strategic business intelligence manager"),
])
def test_001_leads_mended_across_page_breaks(g, ref, expected):
    assert [n.lower() for n in lead_names(g, part1_action(g, ref)["id"])] == [expected]


def test_001_joint_lead_and_one_role_per_post(g):
    assert sorted(lead_names(g, part1_action(g, "31")["id"])) == ["Head of Fieldwork", "Head of LAC"]
    roles = [d for _, d in g.nodes("Role")]
    qa = [r for r in roles if "qa sub group" in r["name"].lower() and "chair" in r["name"].lower()]
    assert len(qa) == 1
    ad = [r for r in roles if "assistant director" in r["name"].lower() and "family support" in r["name"].lower()]
    assert len(ad) == 1
    lac = [r for r in roles if r["name"] == "Head of LAC"][0]
    assert "Head of Looked Children" in lac["aliases"]


def test_002_sections_and_bullets(g):
    recs = of(g, "Recommendation", "002_")
    assert sorted(r["ref"] for r in recs) == sorted(
        [f"1.{i}" for i in range(1, 5)] + [f"2.{i}" for i in range(1, 18)] + [f"3.{i}" for i in range(1, 8)]
        + [f"4.{i}" for i in range(1, 16)])
    assert len({r["section"] for r in recs}) == 4
    assert len(actions_of(g, rec(g, "002_", "2.2")["id"])) == 5
    assert len(actions_of(g, rec(g, "002_", "1.2")["id"])) == 6
    [loc] = [a for a in of(g, "Action", "002_") if a["text"] == "Implement Locality Teams."]
    assert lead_names(g, loc["id"]) == ["Head of Community Operations"]


def test_003_narrative(g):
    recs = of(g, "Recommendation", "003_")
    assert len(recs) == 14
    urg = Counter(r["urgency"].split("for ")[-1].split("within ")[-1] for r in recs)
    assert urg == Counter({"immediate improvement": 3, "3 months": 4, "6 months": 7})
    assert len(of(g, "Action", "003_")) == 58
    three = [a for a in of(g, "Action", "003_") if len(g.into(a["id"], "LEADS")) == 3]
    assert three and sorted(lead_names(g, three[0]["id"])) == ["KS", "MG", "RB"]
    assert all(a["rag_inferred"] for a in of(g, "Action", "003_"))


def test_004_summary(g):
    [plan] = of(g, "Plan", "004_")
    assert set(plan["rag_scheme"]) == {"RED", "AMBER", "GREEN", "GREY", "BLUE"}
    assert plan["rag_scheme"]["GREY"] == "Not yet started"
    ws = {d["name"].lower() for d in of(g, "Workstream", "004_")}
    assert ws == {"practice", "commissioning", "hscb", "lac", "workforce", "qa", "mash", "strengthening governance"}
    docs = {d["ref"] for _, d in g.nodes("ReferenceDocument")}
    assert docs == {f"AA{i}" for i in range(1, 8)}
    assert {t for _, t, _ in g.edges("CITES")} == {n for n, _ in g.nodes("ReferenceDocument")}


def test_one_hscb_and_stockton_apart(g):
    boards = {n: d for n, d in g.nodes("Board")}
    hscb = [n for n, d in boards.items() if "HSCB" in d.get("aliases", []) or d["name"] == "HSCB"]
    assert len(hscb) == 1
    files = {f[:3] for f in boards[hscb[0]]["sources"]}
    assert {"000", "001", "002", "004"} <= files
    assert "LSCB" in boards[hscb[0]]["aliases"]
    slscb = [n for n, d in boards.items() if "SLSCB" in d.get("aliases", []) + [d["name"]]]
    assert len(slscb) == 1 and slscb[0] != hscb[0]


def test_hscb_governance_from_prose(g):
    boards = {d["name"]: n for n, d in g.nodes("Board")}
    execu = boards["HSCB Executive"]
    assert "HSCB Steering Group" in g.node(execu)["aliases"]
    subgroups = [s for s, _ in g.into(boards["Herefordshire Safeguarding Children Board"], "PART_OF")
                 if g.node(s)["kind"] == "sub_group"]
    assert subgroups
    reporting = {s for s, _ in g.into(execu, "REPORTS_TO")}
    assert set(subgroups) <= reporting
    chair = [s for s, d in g.into(boards["Herefordshire Safeguarding Children Board"], "CHAIRS")]
    [(director, edge)] = g.out(chair[0], "ESCALATES_TO")
    assert g.node(director)["name"] == "Director for Children's Wellbeing"
    assert edge["source_file"].startswith("001_") and "escalate" in edge["quote"]
    monitors = [(s, d) for s, d in g.into(
        next(n for n, d in g.nodes("Plan") if d["source_file"].startswith("001_") and "HSCB" in d["title"]),
        "MONITORS")]
    assert any(s == execu and d.get("frequency") == "bi-monthly" for s, d in monitors)


def test_every_line_accounted_for(loaded):
    for rep in loaded.reports:
        assert rep.coverage == 100.0, rep.source_file
        assert rep.lines_accounted == rep.lines_total - rep.lines_furniture


def test_every_node_and_edge_has_provenance(g):
    assert all(d.get("source_file") for _, d in g.nodes())
    assert all(d.get("source_file") for _, _, d in g.edges())


def test_two_loads_are_byte_identical(loaded, tmp_path):
    again = load_documents(sorted(CORPUS.glob("*.txt")))
    assert again.graph.to_json() == loaded.graph.to_json()

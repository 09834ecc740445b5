"""The questions' answers on the real corpus, as the queries issue states them."""
from __future__ import annotations

from pathlib import Path

import pytest

from govgraph.errors import AmbiguousNode
from govgraph.loaders import load_documents
from govgraph.model.graph import GovGraph
from govgraph.queries.accountability import accountability
from govgraph.queries.blockers import blockers
from govgraph.queries.escalation import escalation, escalation_lines
from govgraph.queries.gaps import gaps
from govgraph.queries.impact import impact
from govgraph.queries.overdue import overdue
from govgraph.queries.path import path
from govgraph.queries.resolve import resolve
from govgraph.queries.rollup import rollup

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"corpus folder {CORPUS} is absent")

PART1 = "001_2c5f850f182f6109/plan"
"""001 holds two plans; part 1 (the council's) has the recommendations at paragraphs 17-43."""


@pytest.fixture(scope="module")
def g() -> GovGraph:
    return load_documents(sorted(CORPUS.glob("*.txt"))).graph


def part1_action(g: GovGraph, ref: str) -> str:
    return resolve(g, f"{PART1}/action/{ref}", ["Action"])


def blocked(g: GovGraph, via: set[str]) -> set[str]:
    res = blockers(g)
    return {i.recommendation.ref for i in res.items
            if i.recommendation.id.startswith("001_") and any(b.via in via for b in i.blocked_by)}


def test_blockers_direct(g: GovGraph) -> None:
    assert {"17", "18", "31", "150", "154", "155"} <= blocked(g, {"addresses"})


def test_blockers_through_shared_work_packages(g: GovGraph) -> None:
    res = blockers(g)
    by_ref = {i.recommendation.ref: i for i in res.items if i.recommendation.id.startswith(PART1 + "/")}
    for ref, package in (("23", "WS3P21WP1"), ("26", "WS1P3WP1")):
        [shared] = [b for b in by_ref[ref].blocked_by if b.via == "shared_work_package"][:1]
        assert package in shared.path[0].to_node.name
        assert shared.path[-1].to_node.ref == ref
        assert not any(b.via == "addresses" for b in by_ref[ref].blocked_by), "23 and 26 have no RED action"


def test_blockers_plan_filter_keeps_that_plan(g: GovGraph) -> None:
    res = blockers(g, plan=PART1)
    assert res.items and all(any(p.id == PART1 for p in i.plans) for i in res.items)
    assert "150" not in {i.recommendation.ref for i in res.items}


def test_ambiguous_ref_lists_both_parts(g: GovGraph) -> None:
    with pytest.raises(AmbiguousNode) as err:
        resolve(g, "001/4", ["Action"])
    assert len(err.value.candidates) >= 2


def test_impact_of_part1_action_4(g: GovGraph) -> None:
    res = impact(g, part1_action(g, "4"))
    hit = {(i.node.label, i.node.ref) for i in res.items}
    assert {("Action", "27"), ("Action", "42")} <= hit
    assert {("Recommendation", "26"), ("Recommendation", "31")} <= hit
    assert any(i.node.label == "Plan" for i in res.items)
    deepest = max(i.depth for i in res.items)
    assert deepest >= 2 and all(len(i.path) >= i.depth for i in res.items), "a shared package is one hop, two links"
    assert all(i.path[0].from_node.id == res.start.id and i.path[-1].to_node.id == i.node.id for i in res.items)


def test_impact_depth_limit(g: GovGraph) -> None:
    res = impact(g, part1_action(g, "4"), depth=1)
    assert res.items and all(i.depth == 1 for i in res.items)
    assert ("Recommendation", "26") not in {(i.node.label, i.node.ref) for i in res.items}


def test_escalation_of_qa_sub_group(g: GovGraph) -> None:
    res = escalation(g, "HSCB QA Sub Group")
    reached = {n.name for n in res.reached}
    assert {"HSCB Executive", "Herefordshire Safeguarding Children Board",
            "Director for Children's Wellbeing"} <= reached
    assert all(step.source.source_file for chain in res.chains for step in chain.links)


def test_escalation_down_from_the_director(g: GovGraph) -> None:
    res = escalation(g, "Director for Children's Wellbeing", down=True)
    reached = {n.name for n in res.reached}
    assert {"HSCB Chair", "HSCB Executive", "HSCB QA Sub Group"} <= reached, "the chair escalates; sub-groups report up"
    assert res.direction == "down"


def test_every_escalation_line_terminates(g: GovGraph) -> None:
    res = escalation_lines(g)
    assert res.chains and not res.truncated


def test_accountability_of_a_joint_lead(g: GovGraph) -> None:
    res = accountability(g, "Head of LAC")
    refs = {grp.recommendation.ref for grp in res.groups if grp.recommendation}
    assert "31" in refs, "31 has two leads, Head of LAC among them"
    joint = [a for grp in res.groups for a in grp.actions if len(a.leads) > 1]
    assert joint and res.boards


def test_accountability_of_a_board(g: GovGraph) -> None:
    res = accountability(g, "HSCB Executive")
    assert res.kind == "board" and res.groups


def test_overdue_as_of_mid_2015(g: GovGraph) -> None:
    res = overdue(g, "2015-06-01")
    assert res.items and all(i.rag not in ("GREEN", "BLUE") and i.days_late > 0 for i in res.items)
    lates = [i.days_late for i in res.items]
    assert lates == sorted(lates, reverse=True)


def test_rollup_worst_status_per_plan(g: GovGraph) -> None:
    res = rollup(g, "plan")
    hscb = [grp for grp in res.groups if grp.group and grp.group.id.endswith("/plan2")]
    assert hscb and hscb[0].worst == "RED" and hscb[0].counts.get("RED", 0) >= 1
    assert sum(grp.total for grp in res.groups) >= len(list(g.nodes("Action")))


def test_gaps_every_recommendation_has_actions(g: GovGraph) -> None:
    res = gaps(g)
    assert res.recommendations_without_actions == []


def test_path_from_sub_group_to_director(g: GovGraph) -> None:
    res = path(g, "HSCB QA Sub Group", "Director for Children's Wellbeing")
    assert res.found and res.steps[-1].to_node.name == "Director for Children's Wellbeing"


# ---- issue 13: a board that monitors a plan answers for its actions ---------------------------------
PART2 = "001_2c5f850f182f6109/plan2"
"""001 part 2, the HSCB's plan: "monitored bi - monthly by the HSCB Executive" (001:256)."""


def part2_reds(g: GovGraph) -> set[str]:
    return {a for r in g.targets(PART2, "HAS_RECOMMENDATION") for a in g.sources(r, "ADDRESSES")
            if g.node(a).get("rag") == "RED"}


def test_issue_13_hscb_executive_answers_for_its_plans_red_actions(g: GovGraph) -> None:
    reds = part2_reds(g)
    assert len(reds) == 11  # the corpus README's count
    assert {i.recommendation.ref for i in blockers(g, board="HSCB Executive").items} == {"150", "154", "155"}
    exec_row = next(x for x in rollup(g, "board").groups if x.group and x.group.name == "HSCB Executive")
    assert exec_row.counts["RED"] >= 11
    acc = accountability(g, "HSCB Executive")
    assert reds <= {a.action.id for grp in acc.groups for a in grp.actions}
    assert not reds & {a.id for a in gaps(g).actions_without_board}


def test_issue_13_hscb_pack_with_parts_counts_the_hscb_plan(g: GovGraph) -> None:
    from govgraph.viz.accountability import remit

    r = remit(g, board="HSCB", with_parts=True)
    assert part2_reds(g) <= set(r.actions())
    assert r.counts()["RED"] >= 11

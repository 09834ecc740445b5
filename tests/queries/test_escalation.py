"""`escalation` (issue 3): chains up (and down) through REPORTS_TO, ESCALATES_TO, PART_OF, CHAIRS."""
from __future__ import annotations

import pytest
from graphs import governance_graph

from govgraph.errors import UnknownNode
from govgraph.queries.escalation import escalation, escalation_lines


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

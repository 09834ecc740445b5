"""`accountability` (issue 3): a lead's actions by recommendation and their boards; a board's remit."""
from __future__ import annotations

import pytest
from graphs import delivery_graph

from govgraph.errors import AmbiguousNode
from govgraph.queries.accountability import accountability


def groups(res):  # type: ignore[no-untyped-def]
    return [(g.recommendation.ref if g.recommendation else None, [(a.action.ref, a.rag, a.due) for a in g.actions])
            for g in res.groups]


@pytest.mark.parametrize("name, kind, expected, boards", [
    ("Head of Fieldwork", "lead", [("17", [("1", "RED", "2024-01-31"), ("2", "AMBER", "2024-03")])], ["Exec"]),
    ("Head of LAC", "lead", [("17", [("2", "AMBER", "2024-03")]), ("18", [("3", "GREEN", "2023-12-01")])],
     ["Exec"]),
    # a person; an action addressing nothing is grouped under None; an unreadable due date is kept raw
    ("KP", "lead", [(None, [("5", "UNKNOWN", "summer")])], []),
    # Exec monitors 1 and 3 by name and plan p as a whole, so 2 (in that plan) too (issue 13)
    ("Exec", "board", [("17", [("1", "RED", "2024-01-31"), ("2", "AMBER", "2024-03")]),
                       ("18", [("3", "GREEN", "2023-12-01")])], []),
])
def test_accountability(name, kind, expected, boards):  # type: ignore[no-untyped-def]
    res = accountability(delivery_graph(), name)
    assert res.kind == kind
    assert groups(res) == expected
    assert [b.name for b in res.boards] == boards


def test_joint_leads_are_listed() -> None:
    res = accountability(delivery_graph(), "Head of Fieldwork")
    line = res.groups[0].actions[1]
    assert [l.name for l in line.leads] == ["Head of Fieldwork", "Head of LAC"]
    assert [b.name for b in line.boards] == ["Exec"]  # 2 is not named, but its plan is monitored by Exec


def test_issue_13_board_remit_says_how_each_action_is_monitored() -> None:
    res = accountability(delivery_graph(), "Exec")
    vias = {a.action.ref: a.via for g in res.groups for a in g.actions}
    assert vias == {"1": "direct", "2": "plan", "3": "direct"}
    assert accountability(delivery_graph(), "Head of LAC").groups[0].actions[0].via is None


def test_board_plans_and_chairs() -> None:
    res = accountability(delivery_graph(), "board/exec")
    assert [p.id for p in res.plans] == ["p/plan"]
    assert [c.name for c in res.chairs] == ["Chair of Exec"]


def test_ambiguous() -> None:
    with pytest.raises(AmbiguousNode):
        accountability(delivery_graph(), "head of")

"""`workload` (issue 15): actions per post with their RED and overdue counts, overdue judged as `overdue` judges."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from graphs import copies_graph, delivery_graph
from test_overdue import TODAY, dated_graph
from typer.testing import CliRunner

from govgraph.cli.app import app
from govgraph.queries.overdue import overdue
from govgraph.queries.workload import workload


def counts(res):  # type: ignore[no-untyped-def]
    return [(i.lead.name, i.actions, i.red, i.overdue) for i in res.items]


@pytest.mark.parametrize("as_of, expected", [
    ("2024-02-15", [("Head of Fieldwork", 2, 1, 1), ("Head of LAC", 2, 0, 0)]),
    # 2 (due "2024-03": the end of March) is late now and counts for both its leads; 3 is GREEN so never late
    ("2024-04-02", [("Head of Fieldwork", 2, 1, 2), ("Head of LAC", 2, 0, 1)]),
    (dt.date(2023, 1, 1), [("Head of Fieldwork", 2, 1, 0), ("Head of LAC", 2, 0, 0)]),
])
def test_counts_per_post(as_of, expected) -> None:  # type: ignore[no-untyped-def]
    """Posts only: KP (a person) leads 5 and is not listed; the Chair of Exec leads nothing."""
    assert counts(workload(delivery_graph(), as_of)) == expected


def test_each_plan_judged_as_of_its_own_date_as_overdue_does() -> None:
    """No --as-of: p/1 is late by its plan's stated date, r/1 by today (its plan states none)."""
    gg = dated_graph()
    res = workload(gg, today=TODAY)
    assert res.as_of is None
    for load in res.items:
        late = overdue(gg, lead=load.lead.id, today=TODAY).items
        assert load.overdue == len(late), load.lead.name
    assert ("Head of LAC", 2, 0, 2) in counts(res)


def test_worst_first_on_a_programme() -> None:
    res = workload(copies_graph(3), "2030-01-01")
    keys = [(-i.overdue, -i.red, -i.actions) for i in res.items]
    assert keys == sorted(keys) and len(res.items) == 15
    assert sum(i.actions for i in res.items) == sum(len(copies_graph(3).targets(r, "LEADS"))
                                                   for r in copies_graph(3).ids("Role"))


def test_command_table_and_json(tmp_path: Path) -> None:
    graph = tmp_path / "g.json"
    delivery_graph().save(graph)
    runner = CliRunner()
    res = runner.invoke(app, ["query", "workload", "--as-of", "2024-04-02", "-g", str(graph), "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["as_of"] == "2024-04-02"
    assert [(i["lead"]["name"], i["overdue"]) for i in data["items"]] == [("Head of Fieldwork", 2), ("Head of LAC", 1)]
    table = runner.invoke(app, ["query", "workload", "--as-of", "2024-04-02", "-g", str(graph), "--limit", "1"])
    assert table.exit_code == 0 and "Head of Fieldwork" in table.stdout and "1 more row(s) not shown" in table.stdout
    bad = runner.invoke(app, ["query", "workload", "--as-of", "April", "-g", str(graph)])
    assert bad.exit_code == 2

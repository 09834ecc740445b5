"""`govgraph neo4j query`, `govgraph neo4j push` and `govgraph cypher` through the CLI."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from bolt_db import wipe
from graphs import delivery_graph, governance_graph
from typer.testing import CliRunner

from govgraph.cli.app import app
from govgraph.neo4j.connection import Settings
from govgraph.neo4j.remote import Remote

runner = CliRunner()


def conn(settings: Settings) -> list[str]:
    return ["--uri", settings.uri, "--timeout", str(settings.connection_acquisition_timeout)]


def test_push_then_query_prints_what_the_embedded_command_prints(
        remote: Remote, bolt_settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEO4J_USERNAME", raising=False)
    wipe(remote)
    graph = tmp_path / "g.json"
    delivery_graph().save(graph)
    res = runner.invoke(app, ["neo4j", "push", "-g", str(graph), *conn(bolt_settings), "--json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout)["nodes"] == len(delivery_graph())
    for args in (["accountability", "Head of Fieldwork"], ["overdue", "--as-of", "2024-04-02"], ["gaps"],
                 ["rollup", "--by", "workstream"], ["path", "Head of LAC", "Chair of Exec"]):
        here = runner.invoke(app, ["query", *args, "-g", str(graph)])
        there = runner.invoke(app, ["neo4j", "query", *args, *conn(bolt_settings)])
        assert there.exit_code == 0, there.output
        assert there.stdout == here.stdout
        here = runner.invoke(app, ["query", *args, "-g", str(graph), "--json"])
        there = runner.invoke(app, ["neo4j", "query", *args, *conn(bolt_settings), "--json"])
        assert json.loads(there.stdout) == json.loads(here.stdout)


def test_escalation_all_and_cypher_with_params(remote: Remote, bolt_settings: Settings, tmp_path: Path) -> None:
    wipe(remote)
    graph = tmp_path / "g.json"
    governance_graph().save(graph)
    assert runner.invoke(app, ["neo4j", "push", "-g", str(graph), *conn(bolt_settings), "-q"]).exit_code == 0
    there = runner.invoke(app, ["neo4j", "query", "escalation", "--all", *conn(bolt_settings), "--json"])
    here = runner.invoke(app, ["query", "escalation", "--all", "-g", str(graph), "--json"])
    assert json.loads(there.stdout) == json.loads(here.stdout)
    res = runner.invoke(app, ["cypher", "MATCH (b:Board {name: $name}) RETURN b.id AS id, b.kind AS kind",
                              "--param", "name=Panel A", *conn(bolt_settings), "--json"])
    assert res.exit_code == 0, res.output
    assert json.loads(res.stdout) == [{"id": "board/panel-a", "kind": "board"}]
    res = runner.invoke(app, ["cypher", "MATCH (b:Board) RETURN count(b) AS boards", *conn(bolt_settings)])
    assert res.exit_code == 0 and "boards" in res.stdout and "6" in res.stdout  # QA, Exec, SCB, Panel A, Panel B, Forum


@pytest.mark.parametrize("make, args", [
    (delivery_graph, ["overdue", "--as-of", "2024-04-02", "--lead", "Head of Fieldwork"]),
    (delivery_graph, ["overdue", "--as-of", "2024-04-02", "--plan", "Plan p"]),
    (delivery_graph, ["overdue", "--as-of", "2024-04-02", "--board", "Exec", "--with-parts"]),
    (governance_graph, ["escalation", "QA Sub Group", "--all-paths"]),
    (governance_graph, ["escalation", "Exec", "--down", "--all-paths", "--sources"]),
])
def test_issue16_overdue_filters_and_escalation_all_paths_match_the_embedded_command(
        remote: Remote, bolt_settings: Settings, tmp_path: Path, make: object, args: list[str]) -> None:
    wipe(remote)
    graph = tmp_path / "g.json"
    make().save(graph)  # type: ignore[operator]
    assert runner.invoke(app, ["neo4j", "push", "-g", str(graph), *conn(bolt_settings), "-q"]).exit_code == 0
    here = runner.invoke(app, ["query", *args, "-g", str(graph)])
    there = runner.invoke(app, ["neo4j", "query", *args, *conn(bolt_settings)])
    assert here.exit_code == 0, here.output
    assert there.exit_code == 0, there.output
    assert there.stdout == here.stdout

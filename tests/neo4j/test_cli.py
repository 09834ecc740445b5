"""`govgraph query NAME --neo4j URI`, `govgraph neo4j push` and `govgraph cypher` through the CLI."""
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


def on(settings: Settings) -> list[str]:
    """A question's options to ask the server rather than a graph file."""
    return ["--neo4j", settings.uri, "--timeout", str(settings.connection_acquisition_timeout)]


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
        there = runner.invoke(app, ["query", *args, *on(bolt_settings)])
        assert there.exit_code == 0, there.output
        assert there.stdout == here.stdout
        here = runner.invoke(app, ["query", *args, "-g", str(graph), "--json"])
        there = runner.invoke(app, ["query", *args, *on(bolt_settings), "--json"])
        assert json.loads(there.stdout) == json.loads(here.stdout)


def test_escalation_all_and_cypher_with_params(remote: Remote, bolt_settings: Settings, tmp_path: Path) -> None:
    wipe(remote)
    graph = tmp_path / "g.json"
    governance_graph().save(graph)
    assert runner.invoke(app, ["neo4j", "push", "-g", str(graph), *conn(bolt_settings), "-q"]).exit_code == 0
    there = runner.invoke(app, ["query", "escalation", "--all", *on(bolt_settings), "--json"])
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
    there = runner.invoke(app, ["query", *args, *on(bolt_settings)])
    assert here.exit_code == 0, here.output
    assert there.exit_code == 0, there.output
    assert there.stdout == here.stdout


def test_neo4j_uri_in_the_environment_asks_the_server_unless_g_is_given(
        remote: Remote, bolt_settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    wipe(remote)
    graph = tmp_path / "g.json"
    delivery_graph().save(graph)
    assert runner.invoke(app, ["neo4j", "push", "-g", str(graph), *conn(bolt_settings), "-q"]).exit_code == 0
    monkeypatch.setenv("NEO4J_URI", bolt_settings.uri)
    monkeypatch.chdir(tmp_path)  # no govgraph.json here: only the server can answer
    there = runner.invoke(app, ["query", "gaps", "--json"])
    assert there.exit_code == 0, there.output
    here = runner.invoke(app, ["query", "gaps", "-g", str(graph), "--json"])
    assert json.loads(there.stdout) == json.loads(here.stdout)
    wipe(remote)  # -g wins over the environment: the file still answers with the server empty
    here = runner.invoke(app, ["query", "gaps", "-g", str(graph), "--json"])
    assert json.loads(here.stdout)["recommendations_without_actions"]


def test_the_old_neo4j_query_commands_forward_and_say_they_are_deprecated(
        remote: Remote, bolt_settings: Settings, tmp_path: Path) -> None:
    wipe(remote)
    graph = tmp_path / "g.json"
    delivery_graph().save(graph)
    assert runner.invoke(app, ["neo4j", "push", "-g", str(graph), *conn(bolt_settings), "-q"]).exit_code == 0
    old = runner.invoke(app, ["neo4j", "query", "overdue", "--as-of", "2024-04-02", *conn(bolt_settings)])
    new = runner.invoke(app, ["query", "overdue", "--as-of", "2024-04-02", *on(bolt_settings)])
    assert old.exit_code == 0, old.output
    assert old.stdout == new.stdout
    assert old.stderr.splitlines() == [
        "Deprecated: `govgraph neo4j query overdue` is now `govgraph query overdue --neo4j URI`; "
        "this alias goes in the next release."]
    assert "query" not in runner.invoke(app, ["neo4j", "--help"]).stdout.split("Commands:")[1].split()

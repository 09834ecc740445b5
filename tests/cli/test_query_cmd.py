"""`govgraph query ...` (issue 3): every question as a table and as `--json`."""
from __future__ import annotations

import json
import re
import shlex
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from govgraph.cli.app import app
from govgraph.errors import AmbiguousNode, UnknownNode
from govgraph.queries._example import demo_graph
from govgraph.queries.registry import QUERIES

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "queries"))
from graphs import blockers_graph, delivery_graph, governance_graph  # noqa: E402

runner = CliRunner()


@pytest.fixture
def files(tmp_path: Path) -> dict[str, str]:
    out = {}
    for name, build in (("blockers", blockers_graph), ("delivery", delivery_graph), ("gov", governance_graph)):
        path = tmp_path / f"{name}.json"
        build().save(path)
        out[name] = str(path)
    return out


def run(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, ["query", *args])


def as_json(*args: str):  # type: ignore[no-untyped-def]
    res = run(*args, "--json")
    assert res.exit_code == 0, res.output
    return json.loads(res.stdout)


def test_blockers_json(files) -> None:  # type: ignore[no-untyped-def]
    data = as_json("blockers", "-g", files["blockers"])
    assert [i["recommendation"]["ref"] for i in data["items"]] == ["17", "18", "23", "26", "31", "40", "44"]
    data = as_json("blockers", "-g", files["blockers"], "--lead", "Head of LAC", "--plan", "q")
    assert [(i["recommendation"]["ref"], i["blocked_by"][0]["via"]) for i in data["items"]] == [
        ("40", "shared_project")]


@pytest.mark.parametrize("args, check", [
    (["impact", "p/act/1", "--depth", "1"], lambda d: d["counts"] == {"Action": 3, "Recommendation": 1, "Board": 1}),
    (["accountability", "Head of Fieldwork"], lambda d: d["kind"] == "lead" and len(d["groups"]) == 1),
    (["overdue", "--as-of", "2024-04-02"], lambda d: [i["days_late"] for i in d["items"]] == [62, 2]),
    (["rollup", "--by", "workstream"], lambda d: d["groups"][0]["group"]["name"] == "Practice"),
    (["gaps"], lambda d: [r["ref"] for r in d["recommendations_without_actions"]] == ["19"]),
    (["path", "Head of LAC", "Chair of Exec"], lambda d: d["found"] and len(d["steps"]) == 3),
])
def test_json(files, args, check) -> None:  # type: ignore[no-untyped-def]
    graph = files["blockers"] if args[0] == "impact" else files["delivery"]
    assert check(as_json(*args, "-g", graph))


def test_escalation_modes(files) -> None:  # type: ignore[no-untyped-def]
    up = as_json("escalation", "QA Sub Group", "-g", files["gov"])
    assert up["reached"][-1]["name"] == "Chief Executive"
    assert up["chains"][0]["links"][0]["source"]["quote"] == "sub groups providing written updates to the Exec"
    down = as_json("escalation", "DCS", "--down", "-g", files["gov"])
    assert down["direction"] == "down"
    every = as_json("escalation", "--all", "-g", files["gov"])
    assert every["start"] is None and every["cycles"] == [["board/panel-a", "board/panel-b"]]


def test_tables_spell_out_rag_and_show_sources_on_request(files) -> None:  # type: ignore[no-untyped-def]
    res = run("accountability", "Head of Fieldwork", "-g", files["delivery"])
    assert res.exit_code == 0 and "RED" in res.stdout and "AMBER" in res.stdout
    assert "p.txt:" not in res.stdout
    res = run("accountability", "Head of Fieldwork", "-g", files["delivery"], "--sources")
    assert "p.txt:" in res.stdout
    res = run("escalation", "Panel A", "-g", files["gov"])
    assert "cycle" in res.stdout


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_every_question_has_a_command_and_a_table(files, name) -> None:  # type: ignore[no-untyped-def]
    args = {"impact": ["p/act/1"], "escalation": ["QA Sub Group"], "accountability": ["Exec"],
            "path": ["p/act/1", "p/rec/17"]}.get(name, [])
    graph = files["gov"] if name == "escalation" else files["blockers"]
    assert run(name, "--help").exit_code == 0
    res = run(name, *args, "-g", graph)
    assert res.exit_code == 0, res.output


def test_name_errors(files) -> None:  # type: ignore[no-untyped-def]
    res = run("impact", "head", "-g", files["delivery"])
    assert isinstance(res.exception, AmbiguousNode)
    res = run("accountability", "Nobody", "-g", files["delivery"])
    assert isinstance(res.exception, UnknownNode)


def test_escalation_needs_a_name(files) -> None:  # type: ignore[no-untyped-def]
    res = run("escalation", "-g", files["gov"])
    assert res.exit_code != 0 and "--all" in str(res.exception.hint)  # type: ignore[union-attr]


def readme_sections() -> dict[str, str]:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    return {m.group(1): m.group(2) for m in re.finditer(r"^### `(\w+)`\n(.*?)(?=^##)", readme, re.M | re.S)}


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_readme_shows_each_question_s_example_as_the_command_prints_it(name: str, tmp_path: Path) -> None:
    """Each spec's `example`, run on the demo graph, prints what its README section shows, up to the first
    line the README cuts (`…`)."""
    spec = QUERIES[name]
    body = readme_sections().get(name, "")
    shown = re.search(rf"```console\n\$ govgraph query {re.escape(spec.example)}\n(.*?)```", body, re.S)
    assert shown, f"README's {name} section has no `$ govgraph query {spec.example}` example"
    fields = set(re.findall(r'^  "(\w+)":', shown.group(1), re.M))
    assert fields and fields <= set(spec.result.model_fields), f"README shows fields {name} does not return"
    demo_graph().save(tmp_path / "demo.json")
    res = run(*shlex.split(spec.example), "-g", str(tmp_path / "demo.json"))
    assert res.exit_code == 0, res.output
    lines = shown.group(1).splitlines()
    kept = lines[:next((i for i, ln in enumerate(lines) if "…" in ln), len(lines))]
    assert res.stdout.splitlines()[:len(kept)] == kept


def test_tables_stop_at_limit_and_say_how_many_rows_they_left_out(files) -> None:  # type: ignore[no-untyped-def]
    res = run("blockers", "-g", files["blockers"], "--limit", "2")
    assert res.exit_code == 0, res.output
    whole = run("blockers", "-g", files["blockers"], "--limit", "0")
    rows = sum(len(i["blocked_by"]) for i in as_json("blockers", "-g", files["blockers"])["items"])
    assert rows > 2
    assert f"{rows - 2} more row(s) not shown" in res.stdout
    assert "not shown" not in whole.stdout
    assert len(whole.stdout.splitlines()) > len(res.stdout.splitlines())
    # --json is never cut
    assert len(as_json("overdue", "-g", files["delivery"], "--as-of", "2030-01-01", "--limit", "1")["items"]) > 1


def test_a_question_on_a_server_starts_without_the_graph_library() -> None:
    """What keeps `query NAME --neo4j` near a raw driver script, checked without a stopwatch: a question given
    node ids never imports networkx (nothing listens on the port: the command stops at its one error line)."""
    import socket
    import subprocess

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    code = ("import sys\nfrom govgraph.cli.app import main\nsys.argv = ['govgraph', *sys.argv[1:]]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\nprint('networkx' in sys.modules, file=sys.stderr)\n")
    for args in (["blockers"], ["impact", "demo/action/1", "--depth", "1"]):
        proc = subprocess.run([sys.executable, "-c", code, "query", *args, "--neo4j", f"bolt://127.0.0.1:{port}"],
                              capture_output=True, text=True, timeout=120)  # a hang guard, not a limit
        assert proc.stderr.startswith("Error: cannot reach a Neo4j server"), proc.stderr
        assert proc.stderr.splitlines()[-1] == "False", proc.stderr


def test_commands_are_the_registry_s_and_refuse_what_the_spec_refuses(files) -> None:  # type: ignore[no-untyped-def]
    listed = run("--help").stdout
    assert all(f"  {name} " in listed for name in QUERIES)
    res = run("rollup", "--by", "colour", "-g", files["delivery"])
    assert res.exit_code == 2 and "colour" in res.output
    res = run("overdue", "--as-of", "31/03/2024", "-g", files["delivery"])
    assert res.exit_code == 2 and "is not a date (use YYYY-MM-DD)" in res.output
    assert as_json("rollup", "--by", "LEAD", "-g", files["delivery"])["by"] == "lead"

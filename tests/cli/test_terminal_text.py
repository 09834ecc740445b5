"""Issue 17 (6): no markup and no control sequence from a document or a file name reaches the terminal.

Plan text and file names holding Rich markup (`[/]`, `[bold red]`, `[link=...]`) and terminal sequences
(ESC, an OSC-8 hyperlink, C1 CSI, BEL, CR) go through every `govgraph query` command (from the query
registry), `load`, `stats`, `lint` and the error line: the commands succeed, nothing is parsed as markup,
and no control character but newline reaches the output."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from govgraph.cli.app import app
from govgraph.cli.common import inert
from govgraph.model.graph import GovGraph
from govgraph.queries.registry import QUERIES

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "queries"))
from graphs import blockers_graph, governance_graph  # noqa: E402

PAYLOAD = ("[/] [bold red]x[/bold red] [link=https://example.org]x[/link] \x1b]8;;https://x\x07click\x1b]8;;\x07 "
           "\x1b[31mred\x1b[0m \x9b2J \r")
CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
PLAN = Path(__file__).resolve().parents[2] / "examples" / "northmoor" / "northmoor_action_plan_2024.txt"
runner = CliRunner()


def hostile(gg: GovGraph) -> GovGraph:
    """Every name, text, quote and file name prefixed with PAYLOAD; ids kept so commands can name nodes."""
    for _, data in gg.g.nodes(data=True):
        for key in ("name", "text", "source_file", "progress"):
            if isinstance(data.get(key), str):
                data[key] = f"{PAYLOAD}{data[key]}"
    for _, _, data in gg.g.edges(data=True):
        data["quote"] = f"{PAYLOAD}{data.get('quote') or ''}"
        data["source_file"] = f"{PAYLOAD}{data['source_file']}"
    for w in gg.warnings:
        w["message"] = f"{PAYLOAD}{w['message']}"
    return gg


def _id(gg: GovGraph, name: str) -> str:
    return next(n for n, d in gg.nodes() if d.get("name", "").endswith(name))


@pytest.fixture(scope="module")
def graphs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[str, GovGraph]]:
    folder = tmp_path_factory.mktemp("hostile")
    out = {}
    for key, build in (("blockers", blockers_graph), ("gov", governance_graph)):
        gg = hostile(build())
        gg.warn(f"{PAYLOAD}plan.txt", 3, f"{PAYLOAD}line not used", "unused-line")
        path = folder / f"{key}.json"
        gg.save(path)
        out[key] = (str(path), gg)
    return out


def _args(name: str, graphs: dict[str, tuple[str, GovGraph]]) -> list[str]:
    gov = graphs["gov"][1]
    return {"impact": ["p/act/1", "--sources"], "accountability": [_id(gov, "Exec"), "--sources"],
            "escalation": [_id(gov, "QA Sub Group"), "--sources"], "path": ["p/act/1", "p/rec/17", "--sources"],
            "blockers": ["--sources"], "gaps": ["--sources"], "overdue": ["--sources", "--as-of", "2030-01-01"],
            }.get(name, [])


def assert_inert(output: str) -> None:
    assert not CONTROLS.search(output), repr(CONTROLS.search(output))
    assert "\\x1b]8;;https://x\\x07" in output.replace("\n", "") or "[bold red]" in output


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_every_query_prints_document_text_inert(graphs: dict[str, tuple[str, GovGraph]], name: str) -> None:
    key = "gov" if name in ("escalation", "accountability") else "blockers"
    res = runner.invoke(app, ["query", name, *_args(name, graphs), "-g", graphs[key][0]])
    assert res.exit_code == 0, (res.output, res.exception)
    assert_inert(res.stdout)
    if name in ("impact", "path"):  # their titles hold a node's name: once a MarkupError on `[/]`
        assert "[/]" in res.stdout


def test_escalation_chains_and_lines_are_inert(graphs: dict[str, tuple[str, GovGraph]]) -> None:
    for extra in (["--all"], [_id(graphs["gov"][1], "QA Sub Group"), "--all-paths", "--sources"]):
        res = runner.invoke(app, ["query", "escalation", *extra, "-g", graphs["gov"][0]])
        assert res.exit_code == 0, res.exception
        assert_inert(res.stdout)


@pytest.mark.parametrize("command", [["stats"], ["lint"]])
def test_stats_and_lint_are_inert(graphs: dict[str, tuple[str, GovGraph]], command: list[str]) -> None:
    res = runner.invoke(app, [*command, "-g", graphs["blockers"][0]])
    assert res.exit_code == 0, res.exception
    assert_inert(res.stdout)


def test_load_with_a_hostile_file_name(tmp_path: Path) -> None:
    name = "[bold red]plan \x1b]8;;https:x\x07link\x1b]8;;\x07 \x9b2J.txt"
    plan = tmp_path / name
    plan.write_text(PLAN.read_text(encoding="utf-8") + "\nA line no rule reads [/] \x1b[31m\n", encoding="utf-8")
    res = runner.invoke(app, ["load", str(plan), "--out", str(tmp_path / "g.json"), "--warnings"])
    assert res.exit_code == 0, res.exception
    assert_inert(res.stdout)
    assert "[bold red]plan" in res.stdout and "\\x1b]8;;https:x\\x07link" in res.stdout


def test_error_line_with_a_hostile_file_name(tmp_path: Path) -> None:
    missing = tmp_path / "[link=https:x]g\x1b]8;;https:x\x07.json"
    out = subprocess.run([sys.executable, "-c", "from govgraph.cli.app import main; main()", "stats", "-g",
                          str(missing)], capture_output=True, text=True, timeout=120)
    assert out.returncode == 1
    assert out.stderr.startswith(f"Error: {inert(missing)}: graph file not found"), out.stderr
    assert not CONTROLS.search(out.stderr)


@pytest.mark.parametrize(("raw", "shown"), [
    ("\x1b]8;;https://x\x07", "\\x1b]8;;https://x\\x07"),
    ("a\r\nb\tc", "a\\x0d\nb\tc"),
    ("\x9b2J \x7f", "\\x9b2J \\x7f"),
    ("\u202eevil", "\\u202eevil"),
    ("[bold red]x[/bold red] é “q”", "[bold red]x[/bold red] é “q”"),
    (None, ""),
])
def test_inert_shows_controls_and_keeps_text(raw: str | None, shown: str) -> None:
    assert inert(raw) == shown


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_every_query_json_reads_back_verbatim_with_no_raw_controls(graphs: dict[str, tuple[str, GovGraph]],
                                                                   name: str) -> None:
    """JSON escapes C0 itself; C1 (CSI) and bidi overrides are written as \\u escapes too."""
    import json

    key = "gov" if name in ("escalation", "accountability") else "blockers"
    res = runner.invoke(app, ["query", name, *_args(name, graphs), "-g", graphs[key][0], "--json"])
    assert res.exit_code == 0, res.exception
    assert not CONTROLS.search(res.stdout.replace("\n", ""))
    assert any(PAYLOAD in v for v in _strings(json.loads(res.stdout)))


def _strings(obj: object) -> list[str]:
    if isinstance(obj, str):
        return [obj]
    items = obj.values() if isinstance(obj, dict) else obj if isinstance(obj, list) else []
    return [s for v in items for s in _strings(v)]


BIDI = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@pytest.mark.parametrize("argv", [
    ["query", "impact", "[bold red]x", "--\u202ebad[/]-option"],
    ["query", "impact", "[bold red]x", "extra \x1b]8;;https://x\x07click\x1b]8;;\x07 \u2066"],
    ["query", "imp\u202eact"],
    ["load", "plan.txt", "--max-size", "[link=https://x]plans\u202e=5\x1b[2J"],
], ids=["unknown-option", "extra-argument", "unknown-command", "bad-value"])
def test_usage_errors_print_what_was_typed_inert(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                                                 argv: list[str]) -> None:
    """Click quotes the typed option, value or command in a usage error and escapes only C0/C1 controls:
    bidi overrides (which reorder the line shown) reached the terminal raw. Markup stays plain text."""
    import gc

    from govgraph.cli.app import main

    monkeypatch.setattr("sys.argv", ["govgraph", *argv])
    try:
        with pytest.raises(SystemExit) as info:
            main()
    finally:
        gc.enable()  # main() turns the collector off for its (normally whole) process
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "Error: " in err and "Traceback" not in err
    assert not CONTROLS.search(err) and not BIDI.search(err), err
    assert "\\u202e" in err or "\\u2066" in err or "\\x1b" in err

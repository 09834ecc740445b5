"""CLI habits (issue 13 item 10), checked over every registered command by walking the Click tree built
from the Typer app, never over a list kept by hand: -g/--graph wherever a graph is read, --version,
shell completion, and help that shows no value placeholder after a flag."""
from __future__ import annotations

import inspect
import os
import re
import subprocess
import sys
from importlib.metadata import version
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from govgraph.cli.app import app

runner = CliRunner()
ROOT = typer.main.get_command(app)


def leaf_commands(cmd: Any = ROOT, path: tuple[str, ...] = ()) -> dict[str, Any]:
    """'query blockers' -> its Click command, for every command that runs (groups walked, not listed)."""
    if hasattr(cmd, "commands"):
        out: dict[str, Any] = {}
        for name, sub in sorted(cmd.commands.items()):
            out.update(leaf_commands(sub, (*path, name)))
        return out
    return {" ".join(path): cmd}


COMMANDS = leaf_commands()


def reads_graph_file(cmd: Any) -> bool:
    """The command opens a graph file: its callback calls open_graph or GovGraph.load, or it has a graph option."""
    source = inspect.getsource(cmd.callback) if cmd.callback else ""
    return bool(re.search(r"\bopen_graph\(|GovGraph\.load\(", source)) or any(
        p.name == "graph" or {"-g", "--graph"} & set(p.opts) for p in cmd.params)


def help_text(path: str) -> str:
    res = runner.invoke(app, [*path.split(), "--help"], terminal_width=200)
    assert res.exit_code == 0, res.output
    return res.output


def test_the_walk_finds_the_commands() -> None:
    assert {"load", "query blockers", "export browser-style", "neo4j query overdue"} <= set(COMMANDS)
    assert len(COMMANDS) > 25


@pytest.mark.parametrize("path", [p for p, c in COMMANDS.items() if reads_graph_file(c)])
def test_every_command_reading_a_graph_takes_g_and_graph(path: str) -> None:
    [opt] = [p for p in COMMANDS[path].params if "--graph" in p.opts]
    assert set(opt.opts) == {"-g", "--graph"}
    assert re.search(r"^\s+-g, --graph <path>\s", help_text(path), re.M)


@pytest.mark.parametrize("path", [p for p in COMMANDS if p.startswith("export ")])
def test_every_export_takes_g(path: str) -> None:
    """One script may pass the same -g to every export (browser-style and browser-favorites refused it)."""
    assert reads_graph_file(COMMANDS[path])


def test_browser_style_output_is_the_same_with_g(tmp_path) -> None:  # type: ignore[no-untyped-def]
    plain, with_g = tmp_path / "a.grass", tmp_path / "b.grass"
    assert runner.invoke(app, ["export", "browser-style", "-o", str(plain)]).exit_code == 0
    res = runner.invoke(app, ["export", "browser-style", "-g", str(tmp_path / "g.json"), "-o", str(with_g)])
    assert res.exit_code == 0, res.output
    assert with_g.read_text(encoding="utf-8") == plain.read_text(encoding="utf-8")


def test_version() -> None:
    res = runner.invoke(app, ["--version"])
    assert res.exit_code == 0 and res.output == f"govgraph {version('govgraph')}\n"


def _run_main(args: list[str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The real entry point in a fresh process; prints the heavy modules it imported on stderr's last line."""
    code = ("import sys\nfrom govgraph.cli.app import main\nsys.argv = ['govgraph', *sys.argv[1:]]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('networkx', 'rich', 'pydantic', 'neo4j', 'yaml') if m in sys.modules),"
            " file=sys.stderr)\n")
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=120)  # a hang guard, not a limit


@pytest.mark.parametrize("args", [["--version"], ["--help"]])
def test_version_and_help_import_nothing_heavy(args: list[str]) -> None:
    """What keeps them fast, checked without a stopwatch: no graph library, no Rich, no pydantic."""
    proc = _run_main(args)
    assert proc.stdout.startswith("govgraph 0" if args == ["--version"] else "Usage: govgraph")
    assert proc.stderr.splitlines()[-1] == "[]"


def test_completion_options_and_answers() -> None:
    assert {"--install-completion", "--show-completion"} <= {o for p in ROOT.params for o in p.opts}
    proc = _run_main([], env={"_GOVGRAPH_COMPLETE": "complete_bash", "COMP_WORDS": "govgraph query bl",
                              "COMP_CWORD": "2"})
    assert proc.stdout.split() == ["blockers"]


FLAG_CASES = [(path, opt) for path, cmd in COMMANDS.items()
              for opt in cmd.params if opt.param_type_name == "option" and getattr(opt, "is_flag", False)]


@pytest.mark.parametrize("path, flag", FLAG_CASES, ids=[f"{p} {o.opts[-1]}" for p, o in FLAG_CASES])
def test_no_flag_shows_a_value_placeholder(path: str, flag: Any) -> None:
    names = ", ".join(sorted(flag.opts, key=len))
    [line] = [ln for ln in help_text(path).splitlines() if re.match(rf"\s+{re.escape(names)}(\s|$)", ln)]
    assert re.match(rf"\s+{re.escape(names)}(\s{{2,}}\S|$)", line), line


@pytest.mark.parametrize("path", sorted(COMMANDS))
def test_no_option_placeholder_reads_like_a_python_type(path: str) -> None:
    """'<int>' rather than '<int range>' (the range is printed after the help), '<path>' rather than
    '<list[Path]>'. Options only: Typer prints a variadic argument's type as it is annotated."""
    options = [ln for ln in help_text(path).splitlines() if re.match(r"\s+-", ln)]
    assert options and not re.search(r"<bool>|<list\[|range>|\bBOOLEAN\b|\bTEXT\b|\bINTEGER\b", "\n".join(options))

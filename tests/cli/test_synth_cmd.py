"""`govgraph synth` writes what the library writes, loads with `govgraph load`, and fails in one line."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from govgraph.cli.app import app
from govgraph.errors import GovgraphError
from govgraph.synth import MANIFEST, synthesise

runner = CliRunner()
GOVGRAPH = str(Path(sys.executable).parent / "govgraph")


def test_synth_writes_the_library_output(tmp_path: Path) -> None:
    result = runner.invoke(app, ["synth", "--authorities", "3", "--out", str(tmp_path / "cli"), "--seed", "5"])
    assert result.exit_code == 0, result.output
    manifest = synthesise(3, tmp_path / "lib", seed=5)
    cli = {p.name: p.read_bytes() for p in (tmp_path / "cli").iterdir()}
    lib = {p.name: p.read_bytes() for p in (tmp_path / "lib").iterdir()}
    assert cli == lib and MANIFEST in cli
    t = manifest.totals
    assert f"{t['actions']} actions" in result.output and f"{t['escalates_to']} escalation lines" in result.output


def test_synth_json_totals(tmp_path: Path) -> None:
    result = runner.invoke(app, ["synth", "-n", "2", "-o", str(tmp_path), "--json"])
    assert result.exit_code == 0
    assert json.loads(result.output) == synthesise(2, tmp_path / "again").totals


def test_synth_then_load_then_stats(tmp_path: Path) -> None:
    out = tmp_path / "plans"
    subprocess.run([GOVGRAPH, "synth", "-n", "2", "--out", str(out), "--seed", "3"], check=True, capture_output=True)
    totals = json.loads((out / MANIFEST).read_text(encoding="utf-8"))["totals"]
    graph = tmp_path / "g.json"
    subprocess.run([GOVGRAPH, "load", *map(str, sorted(out.glob("*.txt"))), "--out", str(graph)], check=True,
                   capture_output=True)
    stats = json.loads(subprocess.run([GOVGRAPH, "stats", "--graph", str(graph), "--json"], check=True,
                                      capture_output=True, text=True).stdout)
    assert stats["nodes"]["Action"] == totals["actions"]
    assert stats["relationships"]["ESCALATES_TO"] == totals["escalates_to"]


def test_out_is_a_file(tmp_path: Path) -> None:
    f = tmp_path / "file"
    f.write_text("x")
    out = subprocess.run([GOVGRAPH, "synth", "-n", "1", "--out", str(f)], capture_output=True, text=True)
    assert out.returncode != 0 and "Traceback" not in out.stderr


def test_too_many_authorities_is_one_error(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr("govgraph.synth.vocab.place_names", lambda *a: (_ for _ in ()).throw(
        ValueError("at most 3 synthetic authorities can be named")))
    result = runner.invoke(app, ["synth", "-n", "5", "-o", str(tmp_path)])
    assert isinstance(result.exception, GovgraphError)
    assert "at most 3" in str(result.exception)


def test_help_is_there() -> None:
    result = runner.invoke(app, ["synth", "--help"])
    assert result.exit_code == 0 and "--authorities" in result.output and "--seed" in result.output

"""Outputs are whole files or nothing, and a wrong place is one clear message (not a traceback)."""
from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from govgraph.cli.app import app
from govgraph.errors import OutputError
from govgraph.outputs import write_file, write_folder


def test_write_file_replaces_whole_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "x.txt"
    target.write_text("old")
    write_file(target, "new é")
    assert target.read_text(encoding="utf-8") == "new é"
    assert [p.name for p in tmp_path.iterdir()] == ["x.txt"]
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~_umask()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_missing_folder_and_folder_as_file(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="does not exist"):
        write_file(tmp_path / "nope" / "x.txt", "a")
    with pytest.raises(OutputError, match="is a folder"):
        write_file(tmp_path, "a")
    (tmp_path / "f").write_text("keep")
    with pytest.raises(OutputError, match="is a file"):
        write_folder(tmp_path / "f", {"a.csv": "1"})
    assert (tmp_path / "f").read_text() == "keep"


def test_write_folder_creates_and_sorts(tmp_path: Path) -> None:
    paths = write_folder(tmp_path / "new" / "dir", {"b.csv": "2", "a.csv": b"1"})
    assert [p.name for p in paths] == ["a.csv", "b.csv"] and paths[0].read_bytes() == b"1"


@pytest.mark.parametrize("args", [["export", "cypher"], ["export", "graphml"], ["export", "neo4j-admin"],
                                  ["export", "browser-style"], ["export", "browser-favorites"],
                                  ["synth", "--authorities", "1"]])
def test_cli_bad_out_is_one_error(tmp_path: Path, args: list[str]) -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent / "viz"))
    from vizgraphs import small_graph

    graph = tmp_path / "g.json"
    small_graph().save(graph)
    blocker = tmp_path / "file"
    blocker.write_text("x")
    out = blocker / "sub" if args[0] == "synth" or args[1] in ("neo4j-admin", "browser-favorites") else \
        tmp_path / "missing" / "out"
    graph_args = ["-g", str(graph)] if args[0] == "export" and not args[1].startswith("browser") else []
    res = CliRunner().invoke(app, [*args, *graph_args, "--out", str(out)])
    assert res.exit_code != 0
    assert isinstance(res.exception, OutputError), res.exception
    assert not (tmp_path / "missing").exists()

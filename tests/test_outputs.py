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


# ---- issue 17 (4): an output that is an input, or not a regular file, is refused before writing ----------
PLAN = Path(__file__).resolve().parent.parent / "examples" / "northmoor" / "northmoor_action_plan_2024.txt"


def _small_graph_file(folder: Path) -> Path:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent / "viz"))
    from vizgraphs import small_graph

    graph = folder / "g.json"
    small_graph().save(graph)
    return graph


def _run(args: list[str]) -> "subprocess.CompletedProcess[str]":
    import subprocess
    import sys

    return subprocess.run([str(Path(sys.executable).parent / "govgraph"), *args], capture_output=True, text=True,
                          timeout=120)


def _fifo(folder: Path) -> Path:
    path = folder / "out.dot"
    os.mkfifo(path)
    return path


# (why, arguments with {plan} {graph} {tmp}, what the one error line says)
SAME_AS_INPUT = [
    ("load onto its plan", ["load", "{plan}", "--out", "{plan}"], "it is also an input of this command"),
    ("load onto its plan by a link", ["load", "{plan}", "--out", "{tmp}/link.txt"], "it is also an input"),
    ("diagram onto its graph", ["diagram", "governance", "-g", "{graph}", "--out", "{graph}.dot"], "also an input"),
    ("cypher onto its graph", ["export", "cypher", "-g", "{graph}", "--out", "{graph}"], "also an input"),
    ("graphml onto its graph", ["export", "graphml", "-g", "{graph}", "--out", "{graph}"], "also an input"),
    ("load onto a FIFO", ["load", "{plan}", "--out", "{fifo}"], "it is a FIFO (named pipe), not a regular file"),
    ("diagram onto a FIFO", ["diagram", "governance", "-g", "{graph}", "--out", "{fifo}"], "a FIFO"),
    ("load onto a folder", ["load", "{plan}", "--out", "{tmp}"], "it is a folder"),
    ("pack onto a file", ["report", "board", "board/exec", "-g", "{graph}", "--out", "{graph}"], "it is a file"),
    ("pack onto a FIFO", ["report", "board", "board/exec", "-g", "{graph}", "--out", "{fifo}"], "it is a FIFO"),
]


@pytest.mark.parametrize(("why", "args", "words"), SAME_AS_INPUT, ids=[c[0] for c in SAME_AS_INPUT])
def test_output_onto_an_input_or_a_special_file_is_refused(tmp_path: Path, why: str, args: list[str],
                                                           words: str) -> None:
    plan = tmp_path / "plan.txt"
    plan.write_bytes(PLAN.read_bytes())
    (tmp_path / "link.txt").hardlink_to(plan)
    graph = _small_graph_file(tmp_path)
    if "{graph}.dot" in args:  # the graph file itself, named .dot so the suffix check passes
        graph = graph.rename(tmp_path / "g.json.dot")
        args = [a.replace("{graph}.dot", "{graph}") for a in args]
    fifo = _fifo(tmp_path) if any("{fifo}" in a for a in args) else None
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    filled = [a.format(plan=plan, graph=graph, tmp=tmp_path, fifo=fifo) for a in args]
    out = _run(filled)
    assert out.returncode == 1, out.stderr
    assert out.stderr.startswith("Error: cannot write") and words in out.stderr.splitlines()[0], out.stderr
    assert "Traceback" not in out.stderr
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()} == before
    if fifo is not None:
        assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_character_device_is_not_replaced(tmp_path: Path) -> None:
    """As root, renaming the temp file over `--out /dev/null` replaced the device node; a node of our own
    (the same device numbers as /dev/null) shows it without risking the machine's."""
    node = tmp_path / "null"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (PermissionError, OSError):
        pytest.skip("making a device node needs root")
    out = _run(["load", str(PLAN), "--out", str(node)])
    assert out.returncode == 1
    assert out.stderr.startswith(f"Error: cannot write '{node}': it is a character device, not a regular file")
    assert stat.S_ISCHR(os.stat(node).st_mode)


def test_pack_into_a_folder_it_cannot_write_is_one_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A read-only folder (root may write anywhere, so the refusal is simulated where the first file is made)."""
    from govgraph import outputs

    graph = _small_graph_file(tmp_path)

    def denied(target: Path) -> tuple[int, str]:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(outputs, "_create_beside", denied)
    res = CliRunner().invoke(app, ["report", "board", "board/exec", "-g", str(graph), "--out", str(tmp_path / "p")])
    assert res.exit_code != 0 and isinstance(res.exception, OutputError), res.exception
    assert str(res.exception) == f"cannot write into folder '{tmp_path / 'p'}': Permission denied"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_pack_under_a_read_only_folder_for_real(tmp_path: Path) -> None:
    graph = _small_graph_file(tmp_path)
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o555)
    out = _run(["report", "board", "board/exec", "-g", str(graph), "--out", str(locked / "pack")])
    assert out.returncode == 1 and out.stderr.startswith("Error: cannot write into folder"), out.stderr


def test_two_plans_with_one_name_are_refused_naming_both(tmp_path: Path) -> None:
    for folder, text in (("a", PLAN.read_text(encoding="utf-8")), ("b", PLAN.read_text(encoding="utf-8") + "\n")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "plan.txt").write_text(text, encoding="utf-8")
    out = _run(["load", str(tmp_path / "a" / "plan.txt"), str(tmp_path / "b" / "plan.txt"),
                "--out", str(tmp_path / "g.json")])
    assert out.returncode == 1
    assert out.stderr.startswith(f"Error: '{tmp_path / 'a' / 'plan.txt'}' and '{tmp_path / 'b' / 'plan.txt'}' "
                                 "would both be document 'plan'\n  Rename one of them"), out.stderr
    assert not (tmp_path / "g.json").exists()


def test_the_same_plan_twice_loads_once(tmp_path: Path) -> None:
    from govgraph.loaders import load_documents

    once = load_documents([PLAN]).graph.to_json()
    assert load_documents([PLAN, PLAN.parent / ".." / PLAN.parent.name / PLAN.name]).graph.to_json() == once

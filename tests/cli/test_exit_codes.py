"""Issue 17 (5): Ctrl-C exits 130 and SIGTERM 143, each with one line saying nothing was written and no
temporary file left; a full disk (the output file, or standard output) is one message and exit 1.

Each run is a real process signalled at a known point (tests/cli/stall_driver.py), with bounded waits."""
from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

DRIVER = Path(__file__).with_name("stall_driver.py")
PLAN = Path(__file__).resolve().parents[2] / "examples" / "northmoor" / "northmoor_action_plan_2024.txt"


def _start(tmp_path: Path, mode: str, args: list[str]) -> tuple["subprocess.Popen[str]", Path]:
    marker = tmp_path / "stalled"
    proc = subprocess.Popen([sys.executable, str(DRIVER), str(marker), mode, *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    for _ in range(1200):  # up to 120 s on a busy machine
        if marker.exists() or proc.poll() is not None:
            break
        time.sleep(0.1)
    assert marker.exists(), proc.communicate(timeout=60)
    marker.unlink()
    return proc, marker


# (signal, where it arrives, exit code, the one line on stderr)
CASES = [
    (signal.SIGINT, "load", 130, "Interrupted: nothing was written."),
    (signal.SIGINT, "save", 130, "Interrupted: nothing was written."),
    (signal.SIGTERM, "load", 143, "Terminated: nothing was written."),
    (signal.SIGTERM, "save", 143, "Terminated: nothing was written."),
]


@pytest.mark.parametrize(("sig", "mode", "code", "line"), CASES,
                         ids=[f"{signal.Signals(c[0]).name}-during-{c[1]}" for c in CASES])
def test_signal_exit_code_message_and_no_temp_file(tmp_path: Path, sig: int, mode: str, code: int,
                                                   line: str) -> None:
    out = tmp_path / "g.json"
    out.write_text("previous graph")
    proc, _ = _start(tmp_path, mode, ["load", str(PLAN), "--out", str(out)])
    proc.send_signal(sig)
    stdout, stderr = proc.communicate(timeout=60)
    assert proc.returncode == code, stderr
    assert stderr.strip().splitlines() == [line], stderr
    assert "Traceback" not in stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.json"]  # no .g.json.*.tmp left
    assert out.read_text() == "previous graph"


def test_full_disk_on_the_output_file_is_one_message(tmp_path: Path) -> None:
    out = tmp_path / "g.json"
    proc = subprocess.run([sys.executable, str(DRIVER), str(tmp_path / "m"), "full", "load", str(PLAN),
                           "--out", str(out)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    assert proc.stderr.startswith(f"Error: {out}: cannot write the graph file (No space left on device)"), proc.stderr
    assert "Traceback" not in proc.stderr and list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("args", [["stats"], ["lint"], ["query", "gaps"], ["query", "gaps", "--json"]])
def test_full_disk_on_stdout_is_one_message(tmp_path: Path, args: list[str]) -> None:
    graph = tmp_path / "g.json"
    subprocess.run([sys.executable, "-c", "from govgraph.cli.app import main; main()", "load", str(PLAN), "--out", str(graph)],
                   capture_output=True, check=True, timeout=120)
    with open("/dev/full", "w") as full:
        proc = subprocess.run([sys.executable, "-c", "from govgraph.cli.app import main; main()", *args,
                               "-g", str(graph)], stdout=full, stderr=subprocess.PIPE, text=True, timeout=120)
    assert proc.returncode == 1
    assert proc.stderr == ("Error: cannot write the output: No space left on device; what was printed is "
                           "incomplete.\n"), proc.stderr

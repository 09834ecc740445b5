"""The `govgraph` entry point: one process per command, run without the cyclic collector."""
from __future__ import annotations

import gc
import sys
from pathlib import Path

import pytest

from govgraph.cli.app import main

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "queries"))
from graphs import delivery_graph  # noqa: E402


def test_main_runs_the_command_with_the_collector_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    graph = tmp_path / "g.json"
    delivery_graph().save(graph)
    monkeypatch.setattr(sys, "argv", ["govgraph", "query", "overdue", "--as-of", "2024-04-02", "-g", str(graph)])
    main()  # a successful command returns; tests/conftest.py turns the collector back on
    assert not gc.isenabled()
    assert "Overdue as of 2024-04-02" in capsys.readouterr().out

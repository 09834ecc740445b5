"""The collector is paused while large acyclic results are built, and always restored."""
from __future__ import annotations

import gc

from govgraph.collector import collector_paused, paused


def test_collector_paused_while_a_question_runs_and_restored_after() -> None:
    seen: list[bool] = []

    @collector_paused
    def question() -> None:
        seen.append(gc.isenabled())

    @collector_paused
    def failing() -> None:
        raise RuntimeError("boom")

    assert gc.isenabled()
    question()
    try:
        failing()
    except RuntimeError:
        pass
    assert seen == [False] and gc.isenabled()
    gc.disable()
    try:
        question()
        assert not gc.isenabled()  # left as the caller had it
    finally:
        gc.enable()


def test_paused_block_restores_after_an_error() -> None:
    try:
        with paused():
            assert not gc.isenabled()
            raise ValueError("x")
    except ValueError:
        pass
    assert gc.isenabled()

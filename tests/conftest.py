"""Suite-wide fixtures."""
from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest
from hypothesis import settings

# No Hypothesis deadline (200 ms an example by default): on a loaded machine it is a wall-clock limit that
# fails good code (issue 13; tests/test_no_wall_clock.py checks it stays off).
settings.register_profile("govgraph", deadline=None)
settings.load_profile("govgraph")


@pytest.fixture(autouse=True)
def _collector_restored() -> Iterator[None]:
    """`govgraph.cli.app.main` turns the cyclic collector off for its process; in the test process that
    would outlive the test that called it, so every test starts with the collector on."""
    gc.enable()
    yield
    gc.enable()

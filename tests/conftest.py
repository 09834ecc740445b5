"""Suite-wide fixtures."""
from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _collector_restored() -> Iterator[None]:
    """`govgraph.cli.app.main` turns the cyclic collector off for its process; in the test process that
    would outlive the test that called it, so every test starts with the collector on."""
    gc.enable()
    yield
    gc.enable()

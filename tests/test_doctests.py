"""Every docstring example in the package runs and gives what it shows."""
from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import govgraph

MODULES = sorted(m.name for m in pkgutil.walk_packages(govgraph.__path__, "govgraph."))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0

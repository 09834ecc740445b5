"""Every question (issue 3) has a function, a result model, a Cypher twin in the common subset,
a docstring example that runs, and a CLI command."""
from __future__ import annotations

import doctest
import importlib
import re

import pytest

from govgraph.queries.registry import QUERIES, cypher_statements, cypher_text

FORBIDDEN = ["shortestPath", "allShortestPaths", "EXISTS {", "EXISTS{", "COUNT {", "COUNT{", "=~", "elementId",
             "datetime(", "apoc."]
MODULES = ["resolve", "blockers", "impact", "escalation", "accountability", "overdue", "rollup", "gaps", "path",
           "registry"]


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_cypher_twin(name: str) -> None:
    spec = QUERIES[name]
    text = cypher_text(spec.cypher_file)
    statements = spec.cypher()
    assert statements, f"{spec.cypher_file} has no `// query:` statement"
    for bad in FORBIDDEN:
        assert bad not in text, f"{spec.cypher_file} uses {bad}"
    used = {p for body in statements.values() for p in re.findall(r"\$(\w+)", body)}
    assert used == set(spec.params)
    for body in statements.values():
        assert body.count("(") == body.count(")") and body.count("[") == body.count("]")
        assert ";" not in body
        # node properties are camelCase in Neo4j
        assert not re.search(r"\.\b(source_file|source_line|rag_raw|ofsted_paragraphs)\b", body)


def test_statement_names() -> None:
    assert sorted(cypher_statements("rollup.cypher")) == sorted(
        ["recommendation", "lead", "board", "workstream", "plan"])
    assert sorted(cypher_statements("escalation.cypher")) == ["all", "down", "down_links", "up", "up_links"]


@pytest.mark.parametrize("module", MODULES)
def test_docstring_examples_run(module: str) -> None:
    mod = importlib.import_module(f"govgraph.queries.{module}")
    result = doctest.testmod(mod, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_result_model_matches_function(name: str) -> None:
    spec = QUERIES[name]
    assert spec.function.__annotations__["return"] in (spec.result.__name__, spec.result)

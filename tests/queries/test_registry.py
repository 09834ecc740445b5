"""Every question (issue 3) has a function, a result model, a Cypher twin in the common subset,
a docstring example that runs, and a CLI command."""
from __future__ import annotations

import doctest
import importlib
import re
from pathlib import Path

import pytest

from govgraph.queries.registry import QUERIES, QUESTIONS, cypher_statements, cypher_text

FORBIDDEN = ["shortestPath", "allShortestPaths", "EXISTS {", "EXISTS{", "COUNT {", "COUNT{", "=~", "elementId",
             "datetime(", "apoc."]
MODULES = ["resolve", "blockers", "impact", "escalation", "accountability", "overdue", "rollup", "gaps", "path",
           "workload", "registry", "spec"]


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


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_each_spec_lives_in_its_registered_module_and_is_whole(name: str) -> None:
    """One declaration per question: the registry line names the module whose SPEC it is, and the spec
    brings everything the command line, the server side and the tests take from it."""
    spec = QUERIES[name]
    assert spec.name == name and spec.function.__module__ == QUESTIONS[name]
    assert spec.help.strip() and spec.example.split()[0] == name and callable(spec.render)
    assert callable(spec.twin) and len(spec.twin_variants) == len(spec.variants)
    from govgraph.queries._example import demo_graph
    from govgraph.queries.spec import Sample

    assert list(spec.cases(Sample(demo_graph()))), f"{name} gives its parity test no case"


def test_no_private_name_crosses_modules() -> None:
    """Twins and commands use what the question modules export (`VIA_ORDER`, `escalation_result`)."""
    root = Path(__file__).resolve().parents[2] / "govgraph"
    for path in [*root.glob("neo4j/*.py"), *root.glob("cli/*.py")]:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"from govgraph\.queries\.\w+ import [^\n]*\b_[A-Za-z]", text), path

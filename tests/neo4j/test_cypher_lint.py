"""Issue 16 item 4: every statement govgraph can send to Neo4j passes Neo4j's own Cypher front-end
(`lintCypherQuery` from the npm package @neo4j-cypher/language-support, installed by `make test` into
.venv/cypher-lint), with our labels, relationship types, property keys and each statement's parameters
declared, and Neo4j's procedure and function signatures (shipped with the package). No error allowed, nor a
warning that a label or relationship type is unknown (ours are all declared, so one would be a typo). Other
warnings stay allowed: the cartesian-product notice on `path`'s two anchored MATCHes is a planner hint.
Property keys are not declared: `row.source` on a parameter map reads to the linter as a property key.

Covered: the push's statements in its Neo4j mode (constraints, every MERGE form, compact and general,
pre-steps, value parts, --replace, the probes), every Cypher twin, the exported script and the Browser
favourites. Not covered: FalkorDB-mode statements (`db.indexes()`), which are never sent to Neo4j.

The linter costs 0.3-3 s a statement (Neo4j's semantic analysis compiled to JavaScript), so statements are
linted once per shape (`shapes`), and results are cached in .venv/cypher-lint/cache/ by the sha256 of the
statement, its parameters, the schema, the package's version and cypher_lint.mjs: a second run lints only
what changed. The cache is never committed (it lives in the venv); delete it to lint everything again."""
from __future__ import annotations

import atexit
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest

from govgraph.export.cypher_script import to_cypher
from govgraph.export.favorites import favourites
from govgraph.model.edges import ALLOWED
from govgraph.model.graph import GovGraph
from govgraph.model.nodes import LABELS, Action
from govgraph.neo4j import statements as st
from govgraph.neo4j import fetch
from govgraph.neo4j.batching import plan
from govgraph.neo4j.probe import NEO4J_BATCH_BYTES, SMALL_BATCH_BYTES
from govgraph.neo4j.rows import RAG_LABELS, graph_rows
from govgraph.queries.registry import QUERIES, cypher_statements

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "queries"))
from graphs import delivery_graph, governance_graph  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
LINT_DIR = Path(os.environ.get("GOVGRAPH_CYPHER_LINT", ROOT / ".venv" / "cypher-lint"))
PACKAGE = LINT_DIR / "node_modules" / "@neo4j-cypher" / "language-support" / "package.json"
SCRIPT = Path(__file__).with_name("cypher_lint.mjs")
CACHE = LINT_DIR / "cache"

pytestmark = [
    pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed"),
    pytest.mark.skipif(not PACKAGE.exists(), reason=f"@neo4j-cypher/language-support is not installed in {LINT_DIR} "
                                                    "(`make cypher-lint` installs it; needs the npm registry)"),
]

EVIL = "it's \"quoted\" {x} `y` \\ \n\t }) DETACH DELETE n // \u00e9 \x01"
Item = tuple[str, str, dict[str, Any]]
"""(where it comes from, statement text, parameters it is sent with)."""


def graph() -> GovGraph:
    gg = delivery_graph()
    for n, d in governance_graph().g.nodes(data=True):
        if n not in gg.g:
            gg.g.add_node(n, **d)
    for s, t, k, d in governance_graph().g.edges(keys=True, data=True):
        gg.g.add_edge(s, t, key=k, **d)
    gg.add_node(Action(id="p/act/long", ref="L", text="x" * 20_000, rag="RED", source_file="p.txt"))
    gg.add_node(Action(id="p/act/evil", ref="E", text=EVIL, rag="AMBER", source_file="p.txt", source_line=2))
    return gg


def push_statements(gg: GovGraph) -> list[Item]:
    rows = graph_rows(gg)
    out: list[Item] = [("probe", "RETURN 1", {}), ("probe", "RETURN $x AS x", {"x": "a"}),
                       ("probe", "CALL dbms.components() YIELD name, versions, edition RETURN name, versions, edition", {}),
                       ("push", st.any_node("Action"), {})]
    out += [(f"push schema {label}", text, {}) for label in LABELS
            for text in (st.constraint(label), st.fallback_index(label), st.docs_index(label))]
    for stmt in (st.UNTAG_RELS, st.UNTAG_NODES):
        out.append(("push --replace", stmt, {"docs": ["a"], "limit": 1000}))
    for stmt in (st.DELETE_UNTAGGED_RELS, st.DELETE_UNTAGGED_NODES):
        out.append(("push --replace", stmt, {"limit": 1000}))
    for size in (NEO4J_BATCH_BYTES, SMALL_BATCH_BYTES):  # the default, and a small --batch-bytes (value parts)
        for compact in (True, False):
            for s in plan(rows, batch_size=500, batch_bytes=size, relabel=True, compact=compact):
                out.append((f"push {s.what} ({size} bytes, compact={compact})", s.text, s.params))
    return out


_LITERAL = re.compile(r"'(?:[^'\\]|\\.)*'|`(?:[^`]|``)*`|\b\d+\b")
_COMMENT_LINE = re.compile(r"^\s*//.*\n?", re.M)


def shape(text: str) -> str:
    """The statement with names, strings and numbers blanked, `//` comment lines and the final `;` dropped.

    >>> shape("// govgraph gaps\\n// No parameters.\\nMATCH (a:`Action` {ref: '4'}) RETURN a LIMIT 10;\\n")
    'MATCH (a:_ {ref: _}) RETURN a LIMIT _'
    """
    return _LITERAL.sub("_", _COMMENT_LINE.sub("", text)).strip().rstrip(";").strip()


def shapes(items: list[Item]) -> list[Item]:
    """Per shape (`shape`), the longest statement and the one with the most escapes (the longest of those),
    each with the union of the shape's parameters: the linter costs about a second a statement, and
    statements of one shape differ only in names from the model's schema (checked when the text is built),
    in literals, and in comment lines and a final `;`. So a Browser favourite (its twin statement under a
    comment header, ended by `;`) and its twin are one shape: the favourite, the longer, is linted, and the
    twin's text is in it whole."""
    groups: dict[str, list[Item]] = {}
    for item in items:
        groups.setdefault(shape(item[1]), []).append(item)
    out: list[Item] = []
    for group in groups.values():
        params = {k: v for _, _, p in group for k, v in p.items()}
        longest = max(group, key=lambda i: len(i[1]))[1]
        escapes = max(group, key=lambda i: (i[1].count("\\"), len(i[1])))[1]
        keep = {longest: None, escapes: None}
        out += [(w, t, params) for w, t, _ in group if t in keep and keep.pop(t, 1) is None]
    return out


def twin_statements() -> list[Item]:
    """Every statement the twins send: their look-ups' (`fetch`, its upper-case constants) and the .cypher
    files'."""
    out: list[Item] = [(f"fetch {name}", text, {p: None for p in re.findall(r"\$(\w+)", text)})
                       for name, text in sorted(vars(fetch).items())
                       if name.isupper() and isinstance(text, str) and "MATCH" in text]
    assert len(out) >= 3, "the look-ups' own statements were not found"
    files = {q.cypher_file: q.params for q in QUERIES.values()} | {"monitoring.cypher": ("id",)}
    for file, params in sorted(files.items()):
        for name, text in cypher_statements(file).items():
            out.append((f"{file} {name}", text, {p: None for p in params}))
    return out


def exported(gg: GovGraph) -> list[Item]:
    return [(f"load.cypher line {i}", line.rstrip(";"), {})
            for i, line in enumerate(to_cypher(gg).splitlines(), 1) if line and not line.startswith("//")]


def favourite_files() -> list[Item]:
    params = {q.name: q.params for q in QUERIES.values()}
    return [(f"favourite {name}", text, {p: None for p in params[name.split("_")[0]]})
            for name, text in sorted(favourites().items())]


LINT_INPUTS = Path(tempfile.mkdtemp(prefix="govgraph-lint-"))


class Linting:
    """`items` being linted: cached results read (`CACHE`), the rest sent to node processes at once (one
    per CPU, up to 4: the linter costs 3 s to load, then about a second a statement); `results` waits."""

    def __init__(self, items: list[Item]) -> None:
        self.items = items
        self.schema = {"labels": list(LABELS) + list(RAG_LABELS.values()), "relationshipTypes": sorted(ALLOWED)}
        statements = [{"name": str(i), "text": text, "parameters": json.loads(json.dumps(params, default=str))}
                      for i, (_, text, params) in enumerate(items)]
        salt = json.dumps([json.loads(PACKAGE.read_text(encoding="utf-8")).get("version"),
                           hashlib.sha256(SCRIPT.read_bytes()).hexdigest(), self.schema], sort_keys=True)
        self.keys = [hashlib.sha256(json.dumps([salt, s["text"], s["parameters"]], sort_keys=True).encode())
                     .hexdigest() for s in statements]
        self.cached = {i: json.loads(path.read_text(encoding="utf-8"))
                       for i, path in enumerate(CACHE / f"{k}.json" for k in self.keys) if path.exists()}
        self.fresh = [s for i, s in enumerate(statements) if i not in self.cached]
        self.procs = self._start(self.fresh)

    def _start(self, statements: list[dict[str, Any]]) -> list[subprocess.Popen[str]]:
        if not statements:
            return []
        workers = max(1, min(os.cpu_count() or 1, 4, len(statements) // 8 or 1))
        chunks: list[list[dict[str, Any]]] = [[] for _ in range(workers)]
        load = [0] * workers
        for s in sorted(statements, key=lambda s: -len(s["text"])):  # longest first, each to the least loaded:
            k = load.index(min(load))  # the linter's time grows with the statement's length
            chunks[k].append(s)
            load[k] += len(s["text"]) + 300
        procs = []
        for chunk in chunks:
            fd, name = tempfile.mkstemp(suffix=".json", dir=LINT_INPUTS)
            with os.fdopen(fd, "w", encoding="utf-8") as f:
                json.dump({"schema": self.schema, "statements": chunk}, f)
            with open(name, "rb") as f:
                procs.append(subprocess.Popen(["node", str(SCRIPT), str(LINT_DIR)], stdin=f, stdout=subprocess.PIPE,
                                              stderr=subprocess.PIPE, text=True, preexec_fn=_yielding))
        _RUNNING.extend(procs)
        return procs

    def results(self) -> list[tuple[str, str, list[dict[str, Any]]]]:
        """(where, text, diagnostics) in the order of `items`; fresh results written to the cache."""
        fresh: list[dict[str, Any]] = []
        for proc in self.procs:
            out, err = proc.communicate(timeout=600)
            assert proc.returncode == 0, err[-2000:]
            fresh += json.loads(out)
        assert sorted(r["name"] for r in fresh) == sorted(s["name"] for s in self.fresh)
        CACHE.mkdir(parents=True, exist_ok=True)
        for r in fresh:
            i = int(r["name"])
            tmp = CACHE / f"{self.keys[i]}.{os.getpid()}.tmp"
            tmp.write_text(json.dumps(r["diagnostics"]), encoding="utf-8")
            tmp.replace(CACHE / f"{self.keys[i]}.json")
            self.cached[i] = r["diagnostics"]
        assert sorted(self.cached) == list(range(len(self.items)))
        return [(where, text, self.cached[i]) for i, (where, text, _) in enumerate(self.items)]


def _yielding() -> None:
    """In the linter's process: the lowest CPU priority, so that it fills the cores the other tests leave idle
    (they mostly wait on one process or the server) instead of slowing them down."""
    os.nice(19)


_RUNNING: list[subprocess.Popen[str]] = []
_STARTED: dict[tuple[str, ...], Linting] = {}
"""Lintings started before their test ran (`start_in_background`), by their statements' texts."""


@atexit.register
def _stop_running() -> None:
    for proc in _RUNNING:
        if proc.poll() is None:
            proc.kill()


def lint(items: list[Item]) -> list[tuple[str, str, list[dict[str, Any]]]]:
    """Lint `items` (or collect the linting `start_in_background` began for them)."""
    key = tuple(text for _, text, _ in items)
    return (_STARTED.pop(key, None) or Linting(items)).results()


def every_statement() -> list[Item]:
    gg = graph()
    return push_statements(gg) + twin_statements() + exported(gg) + favourite_files()


BAD: list[Item] = [("label", "MATCH (a:Actoin) RETURN a", {}), ("param", "MATCH (a {id: $nid}) RETURN a", {"id": 1}),
                   ("syntax", "MATCH (a RETURN a", {}), ("procedure", "CALL db.indexes() YIELD label RETURN label", {})]


def start_in_background() -> None:
    """Start linting what this module's tests lint, so it runs while the other tests do (tests/neo4j/
    conftest.py calls this after collection when these tests are selected, and runs them last)."""
    if shutil.which("node") is None or not PACKAGE.exists():
        return
    for items in (shapes(every_statement()), BAD):
        _STARTED[tuple(text for _, text, _ in items)] = Linting(items)


def test_every_statement_we_can_send_to_neo4j_passes_its_front_end() -> None:
    every = every_statement()
    items = shapes(every)
    assert len(every) > 300 and len(items) > 60
    linted = [text for _, text, _ in items]
    assert all(any(text in whole for whole in linted) for _, text, _ in twin_statements())  # each twin, whole
    found = [(where, text[:300], [d for d in diags if problem(d)]) for where, text, diags in lint(items)]
    assert [f for f in found if f[2]] == []


def problem(diagnostic: dict[str, Any]) -> bool:
    """An error, or a warning that a label or relationship type is not in the declared schema."""
    message = diagnostic["message"]
    return diagnostic["severity"] == 1 or (message.startswith(("Label ", "Relationship type "))
                                           and "is not present" in message)


def test_the_linter_does_catch_what_we_would_get_wrong() -> None:
    """The same check on statements with a misspelt label, an undeclared parameter and a syntax error."""
    results = lint(BAD)
    assert all(any(problem(d) for d in diags) for _, _, diags in results), results

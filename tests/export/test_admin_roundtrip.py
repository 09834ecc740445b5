"""Issue 16 item 5: `export neo4j-admin` round-trips any text. The CSV is read back the way
`neo4j-admin database import full` reads it (RFC 4180 quoting with `"`, multiline fields, typed headers,
arrays and labels split on the array delimiter named in import.sh, empty fields absent) and compared
with what `push` writes (`graph_rows`). A NUL is refused by push and every export alike."""
from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import pytest

from govgraph.errors import GraphFileError
from govgraph.export.cypher_script import to_cypher
from govgraph.export.graphml import to_networkx
from govgraph.export.neo4j_admin import admin_files
from govgraph.model.graph import GovGraph
from govgraph.model.nodes import Board
from govgraph.neo4j.rows import DOCS_PROP, graph_rows

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "queries"))
from graphs import delivery_graph  # noqa: E402

HOSTILE_ALIASES = ["Panel; the board", "A|B", 'the "Exec"', "two\nlines", "comma, here", "back\\slash",
                   "unit\x1fsep", "Ünïcödé ✓", "  spaced  "]


def parse_csv(text: str) -> list[list[str | None]]:
    """RFC 4180 as the import tool reads it: `""` inside quotes is a quote, a quoted field may span lines,
    and an unquoted empty field is None (no property) while a quoted one is the empty string."""
    rows: list[list[str | None]] = []
    row: list[str | None] = []
    i, n = 0, len(text)
    while i < n:
        if text[i] == '"':
            j, buf = i + 1, []
            while True:
                k = text.index('"', j)
                buf.append(text[j:k])
                if text[k + 1:k + 2] == '"':
                    buf.append('"')
                    j = k + 2
                    continue
                break
            row.append("".join(buf))
            i = k + 1
        else:
            m = re.compile(r"[^,\r\n]*").match(text, i)
            assert m is not None
            row.append(m.group() or None)
            i = m.end()
        if text.startswith("\r\n", i) or i >= n:
            rows.append(row)
            row = []
            i += 2
        else:
            assert text[i] == ",", (i, text[i - 20:i + 20])
            i += 1
    return rows


def convert(kind: str, text: str, delimiter: str) -> Any:
    base, array = kind.removesuffix("[]"), kind.endswith("[]")
    one = {"long": int, "int": int, "double": float, "boolean": lambda t: t == "true", "string": str,
           "ID": str}[base]  # `id:ID` is also stored as the property `id`
    return [one(x) for x in text.split(delimiter)] if array else one(text)


def delimiter_of(script: str) -> str:
    opt = re.search(r"--array-delimiter='([^']+)'", script)
    assert opt, script
    value = opt.group(1)
    return chr(int(value[2:], 16)) if value.startswith("U+") else value


def read_back(files: dict[str, str]) -> tuple[dict[str, Any], set[Any]]:
    """Nodes {id: (labels, props)} and relationships {(start, type, end, props)} as the tool would load them."""
    assert "--multiline-fields=true" in files["import.sh"]
    delim = delimiter_of(files["import.sh"])
    nodes: dict[str, Any] = {}
    rels: set[Any] = set()
    for name, text in files.items():
        if not name.endswith(".csv"):
            continue
        rows = parse_csv(text)
        head = [str(h) for h in rows[0]]
        for row in rows[1:]:
            props: dict[str, Any] = {}
            for col, cell in zip(head, row):
                field, _, kind = col.partition(":")
                if field and cell is not None:
                    props[field] = convert(kind or "string", cell, delim)
            if name.startswith("nodes_"):
                nid = row[head.index("id:ID")]
                nodes[nid] = (frozenset(row[head.index(":LABEL")].split(delim)), props)
            else:
                rels.add((row[0], row[2], row[1], _frozen(props)))
    return nodes, rels


def _frozen(props: dict[str, Any]) -> frozenset[Any]:
    return frozenset((k, tuple(v) if isinstance(v, list) else v) for k, v in props.items())


def expected(gg: GovGraph) -> tuple[dict[str, Any], set[Any]]:
    rows = graph_rows(gg)
    nodes = {r.id: (frozenset([r.label] + ([r.rag_label] if r.rag_label else [])),
                    {**r.props, "id": r.id, DOCS_PROP: r.docs}) for r in rows.nodes}
    rels = {(e.source, e.type, e.target, _frozen({**e.props, DOCS_PROP: e.docs})) for e in rows.rels}
    return nodes, rels


def with_board(aliases: list[str]) -> GovGraph:
    gg = delivery_graph()
    gg.add_node(Board(id="board/hostile", name="Hostile; Board", aliases=aliases, source_file="p.txt",
                      source_line=3))
    return gg


@pytest.mark.parametrize("aliases, delimiter", [
    (["Panel A", "PA"], ";"),  # nothing to avoid: the tool's default
    (["Panel; A"], "|"),
    (HOSTILE_ALIASES, "\x1e"),  # ; | and U+001F all taken
])
def test_admin_csv_reads_back_as_the_graph(aliases: list[str], delimiter: str) -> None:
    gg = with_board(aliases)
    files = admin_files(gg)
    assert delimiter_of(files["import.sh"]) == delimiter
    nodes, rels = read_back(files)
    want_nodes, want_rels = expected(gg)
    assert nodes == want_nodes
    assert rels == want_rels
    assert nodes["board/hostile"][1]["aliases"] == aliases


NUL_CASES = [
    ("aliases", ["ok", "cut\x00here"]),
    ("name", "Board\x00name"),
]


@pytest.mark.parametrize("field, value", NUL_CASES)
@pytest.mark.parametrize("export", [admin_files, to_cypher, to_networkx, graph_rows],
                         ids=["neo4j-admin", "cypher", "graphml", "push rows"])
def test_a_nul_is_refused_alike_by_push_and_every_export(field: str, value: Any, export: Any) -> None:
    gg = delivery_graph()
    gg.add_node(Board(id="board/nul", **{"name": "Nul Board", field: value}, source_file="p.txt"))
    with pytest.raises(GraphFileError, match=rf"node 'board/nul': property '{field}' holds a NUL character"):
        export(gg)

"""CSV files for `neo4j-admin database import full`: one nodes file per label, one per relationship type.

Headers follow the import tool: `id:ID`, `:LABEL`, typed properties (`sourceLine:int`,
`aliases:string[]`), `:START_ID`, `:END_ID`, `:TYPE`; `import.sh` next to the files holds the command line.

The import tool has no escape for its array delimiter inside an array item: it splits on every one.
So the delimiter is chosen per export as the first of `DELIMITERS` that no array item (nor label)
holds: `;` (the tool's default) for ordinary plans, else `|`, else control and private-use characters,
written in import.sh as `U+XXXX`. Fields with line breaks need `--multiline-fields=true`, always passed.
"""
from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from govgraph.neo4j.rows import DOCS_PROP, graph_rows

if TYPE_CHECKING:
    from govgraph.model.graph import GovGraph

ARRAY_DELIMITER = ";"
"""The import tool's default, used whenever no array item holds it."""
DELIMITERS = (";", "|", "\x1f", "\x1e", "\x1d", "\x1c") + tuple(chr(c) for c in range(0xE000, 0xE100))
"""Candidates in order of preference: readable first, then characters plan text does not hold."""


def _kind(values: list[Any]) -> str:
    sample = [v for v in values if v is not None]
    scalars = [x for v in sample for x in (v if isinstance(v, list) else [v])]
    if scalars and all(isinstance(x, bool) for x in scalars):
        base = "boolean"
    elif scalars and all(isinstance(x, int) and not isinstance(x, bool) for x in scalars):
        base = "long"
    elif scalars and all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in scalars):
        base = "double"
    else:
        base = "string"
    return base + ("[]" if any(isinstance(v, list) for v in sample) else "")


def _cell(value: Any, delimiter: str) -> str | None:
    if value is None:
        return None
    if isinstance(value, list):
        return delimiter.join(str(_cell(v, delimiter)) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def array_delimiter(items: Any) -> str:
    r"""The first of `DELIMITERS` in none of the `items` (strings of every array in the export).

    >>> array_delimiter(["a", "b"]), array_delimiter(["a;b"]), array_delimiter(["a;b", "c|d"])
    (';', '|', '\x1f')
    """
    seen = set("".join(items))
    for d in DELIMITERS:
        if d not in seen:
            return d
    raise ValueError("every candidate array delimiter occurs in the graph's lists")


def delimiter_option(delimiter: str) -> str:
    """How import.sh names it: printable as itself, else `U+XXXX` (the tool accepts both)."""
    return delimiter if delimiter.isprintable() and delimiter not in "'\\" else f"U+{ord(delimiter):04X}"


def _array_items(rows: Any) -> list[str]:
    return [str(x) for r in rows for v in r.props.values() if isinstance(v, list) for x in v] + \
           [d for r in rows for d in r.docs]


def write_admin_csv(gg: "GovGraph", out_dir: Path) -> list[Path]:
    """Write the CSV files and import.sh into `out_dir`; returns the paths written."""
    from govgraph.outputs import write_folder

    return write_folder(out_dir, admin_files(gg))


def _field(value: str | None) -> str:
    """One CSV field as the import tool reads it: an unquoted empty field is no property, `""` an empty string."""
    if value is None:
        return ""
    if value == "" or any(c in value for c in ',"\r\n'):
        return '"' + value.replace('"', '""') + '"'
    return value


def _csv(rows: list[list[str | None]]) -> str:
    return "".join(",".join(_field(v) for v in row) + "\r\n" for row in rows)


def admin_files(gg: "GovGraph") -> dict[str, str]:
    """The CSV files and import.sh, by file name."""
    rows = graph_rows(gg)
    delim = array_delimiter(_array_items(rows.nodes) + _array_items(rows.rels))
    files: dict[str, str] = {}
    node_files, rel_files = [], []
    by_label: dict[str, list[Any]] = {}
    for r in rows.nodes:
        by_label.setdefault(r.label, []).append(r)
    for label, group in sorted(by_label.items()):
        data = [{**r.props, DOCS_PROP: r.docs} for r in group]
        keys = sorted({k for d in data for k in d} - {"id"})
        header = ["id:ID", ":LABEL"] + [f"{k}:{_kind([d.get(k) for d in data])}" for k in keys]
        name = f"nodes_{label}.csv"
        lines = [header]
        for r, d in zip(group, data):
            labels = delim.join([label] + ([r.rag_label] if r.rag_label else []))
            lines.append([r.id, labels] + [_cell(d.get(k), delim) for k in keys])
        files[name] = _csv(lines)
        node_files.append(name)
    by_type: dict[str, list[Any]] = {}
    for e in rows.rels:
        by_type.setdefault(e.type, []).append(e)
    for rel, egroup in sorted(by_type.items()):
        data = [{**e.props, DOCS_PROP: e.docs} for e in egroup]
        keys = sorted({k for d in data for k in d})
        header = [":START_ID", ":END_ID", ":TYPE"] + [f"{k}:{_kind([d.get(k) for d in data])}" for k in keys]
        name = f"rels_{rel}.csv"
        files[name] = _csv([header] + [[e.source, e.target, rel] + [_cell(d.get(k), delim) for k in keys]
                                       for e, d in zip(egroup, data)])
        rel_files.append(name)
    args = " ".join(f"--nodes={n}" for n in node_files) + " " + " ".join(f"--relationships={r}" for r in rel_files)
    files["import.sh"] = ("#!/bin/sh\n# Run from this directory with the database stopped; DATABASE defaults to neo4j.\n"
                          f"neo4j-admin database import full --array-delimiter='{delimiter_option(delim)}' "
                          f"--multiline-fields=true --overwrite-destination {args} \"${{DATABASE:-neo4j}}\"\n")
    return files

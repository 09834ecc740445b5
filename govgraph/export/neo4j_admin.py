"""CSV files for `neo4j-admin database import full`: one nodes file per label, one per relationship type.

Headers follow the import tool: `id:ID`, `:LABEL`, typed properties (`sourceLine:int`,
`aliases:string[]`), `:START_ID`, `:END_ID`, `:TYPE`. Arrays use `;` between items (the tool's
default `--array-delimiter`); `import.sh` next to the files holds the command line.
"""
from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

from govgraph.neo4j.rows import DOCS_PROP, graph_rows

if TYPE_CHECKING:
    from govgraph.model.graph import GovGraph

ARRAY_DELIMITER = ";"


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


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ARRAY_DELIMITER.join(_cell(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def write_admin_csv(gg: "GovGraph", out_dir: Path) -> list[Path]:
    """Write the CSV files and import.sh into `out_dir`; returns the paths written."""
    from govgraph.outputs import write_folder

    return write_folder(out_dir, admin_files(gg))


def _csv(rows: list[list[str]]) -> str:
    buf = io.StringIO(newline="")
    csv.writer(buf).writerows(rows)
    return buf.getvalue()


def admin_files(gg: "GovGraph") -> dict[str, str]:
    """The CSV files and import.sh, by file name."""
    rows = graph_rows(gg)
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
            labels = ";".join([label] + ([r.rag_label] if r.rag_label else []))
            lines.append([r.id, labels] + [_cell(d.get(k)) for k in keys])
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
        files[name] = _csv([header] + [[e.source, e.target, rel] + [_cell(d.get(k)) for k in keys]
                                       for e, d in zip(egroup, data)])
        rel_files.append(name)
    args = " ".join(f"--nodes={n}" for n in node_files) + " " + " ".join(f"--relationships={r}" for r in rel_files)
    files["import.sh"] = ("#!/bin/sh\n# Run from this directory with the database stopped; DATABASE defaults to neo4j.\n"
                          f"neo4j-admin database import full --array-delimiter='{ARRAY_DELIMITER}' "
                          f"--overwrite-destination {args} \"${{DATABASE:-neo4j}}\"\n")
    return files

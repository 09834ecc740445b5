"""The Cypher twins as `.cypher` files Neo4j Browser imports as favourites (one per statement).

Browser names a favourite after the file's first `//` comment line; the header also says what
the statement answers and which parameters to set first with `:param`.
"""
from __future__ import annotations

import re
from pathlib import Path

from govgraph.queries.registry import QUERIES, cypher_statements

PARAM_HINTS: dict[str, str] = {
    "id": ":param id => 'a node id, e.g. 001_2c5f850f182f6109/plan/action/4'",
    "depth": ":param depth => null   // or a number of hops",
    "plan": ":param plan => null   // or a Plan id",
    "board": ":param board => null   // or a Board id",
    "lead": ":param lead => null   // or a Role or Person id",
    "asOf": ":param asOf => '2015-06-30'",
    "a": ":param a => 'a node id'",
    "b": ":param b => 'another node id'",
}


def favourites() -> dict[str, str]:
    """File name -> text for every twin statement."""
    out: dict[str, str] = {}
    for name, spec in QUERIES.items():
        doc = (spec.function.__doc__ or "").strip().splitlines()[0]
        for stmt, body in cypher_statements(spec.cypher_file).items():
            params = sorted(set(re.findall(r"\$(\w+)", body)))
            title = f"govgraph {name}" + ("" if stmt == name else f" ({stmt})")
            head = [f"// {title}", f"// {doc}", f"// Twin of `govgraph query {name}` (govgraph/queries/{spec.cypher_file})."]
            if params:
                head.append("// Set first: " + "; ".join(PARAM_HINTS.get(p, f":param {p} => ...") for p in params))
            else:
                head.append("// No parameters.")
            out[f"{name}_{stmt}.cypher"] = "\n".join(head) + "\n" + body + ";\n"
    return out


def write_favourites(out_dir: Path) -> list[Path]:
    from govgraph.outputs import write_folder

    return write_folder(out_dir, favourites())

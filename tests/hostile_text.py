"""Hostile document text, shared by the text-is-data tests of every output (issue 6)."""
from __future__ import annotations

import sys
from pathlib import Path

from govgraph.model.graph import GovGraph

HOSTILE = ('Q&A "Panel" {x} <script>alert(1)</script> \\N back\\slash; [a=b] -> |pipe| \'q\' '
           '`tick` $param }) DETACH DELETE n // %s é')
"""Quotes, braces, markup, Graphviz escapes (\\N), DOT, Cypher and shell metacharacters, non-ASCII."""

KEEP = {"id", "label", "rag", "due", "authority", "source_file", "kind", "ref", "initials"}
"""Fields that are keys, enums or dates rather than free text (they are validated, not echoed)."""

def hostile_graph() -> GovGraph:
    """The diagram tests' small graph with HOSTILE (tagged by field) in every free-text field."""
    sys.path.insert(0, str(Path(__file__).resolve().parent / "viz"))
    from vizgraphs import small_graph

    gg = small_graph()
    for nid, data in gg.g.nodes(data=True):
        for key, value in list(data.items()):
            if isinstance(value, str) and key not in KEEP:
                data[key] = f"{HOSTILE} {key}@{nid}"
    for _, _, data in gg.g.edges(data=True):
        data["quote"] = f"{HOSTILE} quote"
    return gg


def texts(gg: GovGraph) -> set[str]:
    """Every hostile value in the graph, as written."""
    out = {v for _, d in gg.g.nodes(data=True) for v in d.values() if isinstance(v, str) and HOSTILE in v}
    return out | {d["quote"] for _, _, d in gg.g.edges(data=True)}

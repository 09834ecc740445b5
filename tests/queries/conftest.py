"""Tiny graphs built with the model classes, for the query tests."""
from __future__ import annotations

from typing import Any

import pytest

from govgraph.model.edges import Edge
from govgraph.model.graph import GovGraph
from govgraph.model.nodes import Action, Recommendation, Role


class Builder:
    """Adds nodes and edges to one GovGraph; ids are `<doc>/<kind>/<ref>`."""

    def __init__(self) -> None:
        self.graph = GovGraph()

    def rec(self, ref: str, *, doc: str = "plan.txt", line: int | None = 1, **kw: Any) -> str:
        return self.graph.add_node(Recommendation(id=f"{doc}/rec/{ref}", ref=ref, name=f"Recommendation {ref}",
                                                  source_file=doc, source_line=line, **kw))

    def action(self, ref: str, *, doc: str = "plan.txt", line: int | None = 10, **kw: Any) -> str:
        return self.graph.add_node(Action(id=f"{doc}/action/{ref}", ref=ref, name=f"Action {ref}",
                                          source_file=doc, source_line=line, **kw))

    def role(self, name: str, *, doc: str = "plan.txt", line: int | None = 5) -> str:
        return self.graph.add_node(Role(id=f"role/{name.lower().replace(' ', '-')}", name=name,
                                        source_file=doc, source_line=line))

    def edge(self, source: str, target: str, rel: str, *, doc: str = "plan.txt", line: int | None = None) -> None:
        self.graph.add_edge(Edge(source=source, target=target, type=rel, source_file=doc, source_line=line))

    def clean_action(self, ref: str = "1.1", *, doc: str = "plan.txt", line: int | None = 10,
                     lead: bool = True, rec: bool = True, **overrides: Any) -> str:
        """An action no rule should flag (as of 2024-06-01), with `overrides` applied."""
        fields: dict[str, Any] = {"due": "2030-01-31", "due_raw": "Jan 2030", "rag": "GREEN", "rag_raw": "G",
                                  "progress": "On track."}
        fields.update(overrides)
        aid = self.action(ref, doc=doc, line=line, **fields)
        if lead:
            self.edge(self.role("Director of Children's Services", doc=doc), aid, "LEADS", doc=doc, line=line)
        if rec:
            self.edge(aid, self.rec(ref.split(".")[0], doc=doc), "ADDRESSES", doc=doc, line=line)
        return aid


@pytest.fixture
def builder() -> Builder:
    return Builder()

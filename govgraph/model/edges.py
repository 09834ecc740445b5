"""Relationship types and the edge record; `ALLOWED` is the schema the graph enforces."""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

ALLOWED: dict[str, set[tuple[str, str]]] = {
    "RESPONDS_TO": {("Plan", "Inspection")},
    "HAS_RECOMMENDATION": {("Plan", "Recommendation")},
    "ADDRESSES": {("Action", "Recommendation")},
    "LEADS": {("Role", "Action"), ("Person", "Action")},
    "MONITORS": {(a, b) for a in ("Board", "Role") for b in ("Action", "Plan")},
    "DELIVERED_BY": {("Action", "WorkPackage"), ("Action", "Project")},
    "PART_OF": {("WorkPackage", "Project"), ("Project", "Workstream"), ("Workstream", "Programme"),
                ("Board", "Board")},
    "REPORTS_TO": {(a, b) for a in ("Board", "Role") for b in ("Board", "Role")},
    "ESCALATES_TO": {(a, b) for a in ("Board", "Role") for b in ("Board", "Role")},
    "CHAIRS": {("Role", "Board")},
    "REFERS_TO": {(a, b) for a in ("Action", "Recommendation") for b in ("Action", "Recommendation")},
    "DEPENDS_ON": {("Action", "Action")},
    "CITES": {("Plan", "ReferenceDocument")},
}
REL_TYPES: tuple[str, ...] = tuple(ALLOWED)


class Edge(BaseModel):
    """A typed, sourced relationship. `quote` keeps the words the edge was read from."""

    model_config = ConfigDict(extra="allow")

    source: str
    target: str
    type: str
    source_file: str
    source_line: int | None = None
    quote: str | None = None
    frequency: str | None = None

    @property
    def key(self) -> str:
        return self.type

    def attrs(self) -> dict[str, Any]:
        data = self.model_dump(exclude_none=True)
        data.pop("source")
        data.pop("target")
        return data

"""Node types of the governance graph; their field names are the graph file's attribute names."""
from __future__ import annotations

from enum import Enum
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field

from govgraph.model.codes import RAG_ORDER  # noqa: F401  (severity order, worst first; defined apart: no pydantic)


class Rag(str, Enum):
    RED = "RED"
    AMBER = "AMBER"
    GREEN = "GREEN"
    BLUE = "BLUE"
    GREY = "GREY"
    UNKNOWN = "UNKNOWN"


RAG_WORDS: dict[str, str] = {"RED": "RED", "AMBER": "AMBER", "GREEN": "GREEN", "BLUE": "COMPLETE",
                             "GREY": "NOT STARTED", "UNKNOWN": "NO RATING"}
"""The one set of status words people read, in tables, diagrams and packs alike. The stored and JSON
values stay the codes (`BLUE`, `UNKNOWN`...), which scripts and Cypher match on."""


def rag_word(rag: str | None) -> str:
    """The status word for a code: 'BLUE' -> 'COMPLETE', None or anything unknown -> 'NO RATING'."""
    return RAG_WORDS.get(rag or "UNKNOWN", RAG_WORDS["UNKNOWN"])

BoardKind = Literal["board", "sub_group", "executive", "committee", "panel", "programme_board", "team"]


class Node(BaseModel):
    """Common fields: a stable id, the label, a display name and provenance."""

    model_config = ConfigDict(extra="allow", use_enum_values=True)
    LABEL: ClassVar[str] = "Node"

    id: str
    label: str = ""
    name: str = ""
    aliases: list[str] = Field(default_factory=list)
    source_file: str
    source_line: int | None = None
    source_lines: list[int] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list)
    authority: str | None = None

    def model_post_init(self, __context: Any) -> None:
        if not self.label:
            self.label = self.LABEL

    def attrs(self) -> dict[str, Any]:
        """Attributes as stored on the graph node (no Nones, no empty lists)."""
        data = self.model_dump(exclude_none=True)
        return {k: v for k, v in data.items() if v != [] and k != "id"}


class Authority(Node):
    LABEL: ClassVar[str] = "Authority"


class Inspection(Node):
    LABEL: ClassVar[str] = "Inspection"
    date: str | None = None
    date_raw: str | None = None


class Plan(Node):
    LABEL: ClassVar[str] = "Plan"
    title: str = ""
    version: str | None = None
    date: str | None = None
    notes: list[str] = Field(default_factory=list)
    rag_scheme: dict[str, str] = Field(default_factory=dict)
    as_of: str | None = None
    """The ISO date the plan speaks as of (a month means its last day); None when it states none."""
    as_of_raw: str | None = None
    as_of_basis: Literal["stated", "progress"] | None = None
    """Where `as_of` came from: the plan's title block or headers, or the latest position in its progress notes."""
    as_of_line: int | None = None


class Recommendation(Node):
    LABEL: ClassVar[str] = "Recommendation"
    ref: str
    text: str = ""
    ofsted_paragraphs: list[int] = Field(default_factory=list)
    uncertain_paragraphs: list[int] = Field(default_factory=list)
    urgency: str | None = None
    section: str | None = None
    business_plan_ref: str | None = None
    outcome: str | None = None
    evidence: str | None = None


class Action(Node):
    LABEL: ClassVar[str] = "Action"
    ref: str
    text: str = ""
    due: str | None = None
    due_raw: str | None = None
    rag: Rag = Rag.UNKNOWN
    rag_raw: str | None = None
    rag_inferred: bool = False
    # With rag_inferred: the words of the progress text that decided the status ("has not yet been completed").
    rag_basis: str | None = None
    # Set when the status cell's text and its fill colour disagree (text wins): the colour, "fill:#FF0000".
    rag_fill: str | None = None
    # Columns whose header names no role, by header: kept, never dropped ("Comments": "...").
    extra: dict[str, str] | None = None
    progress: str | None = None
    success_indicator: str | None = None
    resources: str | None = None
    monitoring: str | None = None
    lead_raw: str | None = None
    programme_refs: list[str] = Field(default_factory=list)


class Role(Node):
    LABEL: ClassVar[str] = "Role"
    holders: list[str] = Field(default_factory=list)


class Person(Node):
    LABEL: ClassVar[str] = "Person"
    initials: str = ""


class Board(Node):
    LABEL: ClassVar[str] = "Board"
    kind: BoardKind = "board"


class Programme(Node):
    LABEL: ClassVar[str] = "Programme"
    ref: str | None = None


class Workstream(Node):
    LABEL: ClassVar[str] = "Workstream"
    ref: str | None = None


class Project(Node):
    LABEL: ClassVar[str] = "Project"
    ref: str


class WorkPackage(Node):
    LABEL: ClassVar[str] = "WorkPackage"
    ref: str
    suffix: str | None = None


class ReferenceDocument(Node):
    LABEL: ClassVar[str] = "ReferenceDocument"
    ref: str
    title: str = ""


NODE_TYPES: dict[str, type[Node]] = {
    cls.LABEL: cls
    for cls in (Authority, Inspection, Plan, Recommendation, Action, Role, Person, Board,
                Programme, Workstream, Project, WorkPackage, ReferenceDocument)
}
LABELS: tuple[str, ...] = tuple(NODE_TYPES)

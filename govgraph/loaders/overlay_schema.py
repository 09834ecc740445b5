"""The overlay file's shape: pydantic models of boards, posts and plan names, and the JSON Schema made
from them (`govgraph overlay-schema`, the committed `schema/overlay.schema.json`).

Each model forbids unknown keys; where each value was written (its YAML line) is attached by the
reader (`overlay_read`) so every later message can name the line.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, StringConstraints, model_validator

from govgraph.model.nodes import BoardKind

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schema" / "overlay.schema.json"
JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Initials = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^[A-Z]{1,4}$")]

Loc = tuple[str | int, ...]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class BoardEntry(_Strict):
    """A governance body: board, sub-group, executive, committee, panel, programme board or team."""

    model_config = ConfigDict(title="Board")

    name: Name = Field(description="The board's full name, as it should be displayed.")
    kind: BoardKind = Field("board", description="What sort of body it is.")
    aliases: list[Name] = Field(default_factory=list,
                                description="Other names and acronyms the plans use for this board.")
    chair: Name | None = Field(None, description="The post that chairs this board, e.g. 'Independent Chair "
                                                 "of NSCB'. A bare 'Chair' or 'Independent Chair' is read "
                                                 "as the chair of this board.")
    part_of: Name | None = Field(None, description="The board this one is part of (a sub-group's parent).")
    reports_to: list[Name] = Field(default_factory=list, description="Boards or posts this board reports to.")
    escalates_to: list[Name] = Field(default_factory=list,
                                     description="Boards or posts this board escalates concerns to.")


class RoleEntry(_Strict):
    """A post (a role, not a person)."""

    model_config = ConfigDict(title="Role")

    name: Name = Field(description="The post's title, e.g. 'Director of Children's Services'.")
    aliases: list[Name] = Field(default_factory=list, description="Other titles and acronyms for the post.")
    holders: list[Initials] = Field(default_factory=list,
                                    description="Initials of the people holding the post, as the plans "
                                                "write them in lead cells (e.g. 'AB').")
    reports_to: list[Name] = Field(default_factory=list, description="Boards or posts this post reports to.")
    escalates_to: list[Name] = Field(default_factory=list,
                                     description="Boards or posts this post escalates concerns to.")


class PlanEntry(_Strict):
    """What to call one plan: its title and the short label shown when several plans are in view."""

    model_config = ConfigDict(title="Plan")

    file: Name | None = Field(None, description="The plan's file name, e.g. 'nscb_plan_2025.docx' (or give id).")
    id: Name | None = Field(None, description="The plan's id in the graph, e.g. 'nscb_plan_2025/plan2'.")
    title: Name | None = Field(None, description="The plan's full title.")
    short: Name | None = Field(None, description="A short label such as 'NSCB plan', shown before action and "
                                                 "recommendation names when several plans are in view.")

    @model_validator(mode="after")
    def _names_one_plan(self) -> "PlanEntry":
        if bool(self.file) == bool(self.id):
            raise ValueError("give exactly one of file or id")
        if not (self.title or self.short):
            raise ValueError("give a title, a short label, or both")
        return self


class Overlay(_Strict):
    """A governance overlay for one authority."""

    model_config = ConfigDict(title="GovgraphOverlay")

    authority: Name = Field(description="The authority (council) whose governance this describes.")
    boards: list[BoardEntry] = Field(default_factory=list, description="Boards and other governance bodies.")
    roles: list[RoleEntry] = Field(default_factory=list, description="Posts.")
    plans: list[PlanEntry] = Field(default_factory=list, description="Names for plans (by file or id).")

    _source_file: str = PrivateAttr(default="<overlay>")
    _lines: dict[Loc, int] = PrivateAttr(default_factory=dict)

    @property
    def source_file(self) -> str:
        return self._source_file

    def line_of(self, *loc: str | int) -> int | None:
        """Line of the YAML node at `loc` (e.g. 'boards', 0, 'reports_to', 1), or of its nearest parent."""
        return line_at(self._lines, loc)

    def attach_source(self, source_file: str, lines: dict[Loc, int]) -> None:
        """Record the file this overlay was read from and the line of every YAML node (by its path)."""
        self._source_file = source_file
        self._lines = lines


def line_at(lines: dict[Loc, int], loc: Loc) -> int | None:
    """The line recorded for `loc`, or for its nearest parent that has one."""
    for n in range(len(loc), -1, -1):
        if loc[:n] in lines:
            return lines[loc[:n]]
    return None


def overlay_json_schema() -> dict[str, Any]:
    """The JSON Schema of an overlay file, generated from the pydantic models."""
    schema = Overlay.model_json_schema()
    return {"$schema": JSON_SCHEMA_DIALECT, **schema}


def overlay_schema_text() -> str:
    """The JSON Schema as the committed file holds it (indented, UTF-8, a final newline)."""
    return json.dumps(overlay_json_schema(), indent=2, ensure_ascii=False) + "\n"


def write_overlay_schema(path: str | Path = SCHEMA_PATH) -> Path:
    """Write the JSON Schema to `path` (default: the committed file) and return it."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(overlay_schema_text(), encoding="utf-8")
    return target


__all__ = ["BoardEntry", "RoleEntry", "PlanEntry", "Overlay", "Loc", "line_at", "overlay_json_schema",
           "overlay_schema_text", "write_overlay_schema", "SCHEMA_PATH", "JSON_SCHEMA_DIALECT"]

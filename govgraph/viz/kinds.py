"""The diagram kinds: each one declaration of its options, its builder and its README example.

`govgraph diagram KIND` is generated from `DIAGRAMS` (govgraph/cli/diagram_cmd.py), one command per
kind carrying only that kind's options, so the parser refuses an option that does not apply
(`diagram governance --board X` is a usage error). The tests parametrise over `DIAGRAMS` too. Adding a
kind is one builder (a function `(gg, ..., options=DiagramOptions) -> Diagram`) and one declaration here.

This module imports nothing heavy: the CLI reads it at start-up, and a builder (with networkx and the
queries behind it) is imported only when its kind is drawn.
"""
from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from govgraph.model.graph import GovGraph
    from govgraph.viz.diagram import Diagram, DiagramOptions


@dataclass(frozen=True)
class Opt:
    """One option of a kind: a `--flag` (or, with `positional`, an argument) and the builder keyword it fills."""

    name: str
    """The builder's keyword; the flag is `--` and the name with dashes (`with_parts`: `--with-parts`)."""
    type: type
    """str, int or bool (a bool is a flag that takes no value)."""
    help: str
    required: bool = False
    positional: bool = False
    """An argument (`diagram impact NODE`) rather than a `--flag`."""
    flag: str | None = None
    """The flag when it is not the name's (`--actions` fills `show_actions`)."""
    min: int | None = None
    """For an int: the smallest value the parser accepts."""

    @property
    def cli(self) -> str:
        """`--with-parts`, or `NODE` for a positional argument."""
        if self.positional:
            return self.name.upper()
        return self.flag or "--" + self.name.replace("_", "-")

    def argv(self, value: Any) -> list[str]:
        """The command-line words that give this option `value` (nothing for an unset one).

        >>> Opt("with_parts", bool, "").argv(True), Opt("depth", int, "").argv(2)
        (['--with-parts'], ['--depth', '2'])
        >>> Opt("node", str, "", positional=True).argv("p/act/1"), Opt("name", str, "", flag="--programme").argv(None)
        (['p/act/1'], [])
        """
        if value is None or value is False:
            return []
        if self.positional:
            return [str(value)]
        return [self.cli] if self.type is bool else [self.cli, str(value)]


@dataclass(frozen=True)
class DiagramKind:
    """A diagram kind: what it draws, its options, its builder (`module:function`), its README examples."""

    name: str
    help: str
    options: tuple[Opt, ...]
    builder: str
    examples: tuple[str, ...]
    """The README's example command lines for this kind (after `govgraph diagram`, on the corpus)."""

    def draw(self, gg: GovGraph, options: DiagramOptions, values: Mapping[str, Any] | None = None) -> Diagram:
        """Build the diagram with these option values (by `Opt.name`; unset options take their defaults)."""
        given = dict(values or {})
        unknown = set(given) - {o.name for o in self.options}
        if unknown:
            raise TypeError(f"diagram {self.name} has no option {', '.join(sorted(unknown))}")
        module, _, function = self.builder.partition(":")
        build = getattr(importlib.import_module(module), function)
        return build(gg, options=options, **given)  # type: ignore[no-any-return]

    def argv(self, values: Mapping[str, Any]) -> list[str]:
        """`govgraph diagram` words for these values: the kind, its arguments, then its flags."""
        opts = sorted(self.options, key=lambda o: not o.positional)
        return [self.name, *(w for o in opts for w in o.argv(values.get(o.name)))]


DIAGRAMS: dict[str, DiagramKind] = {k.name: k for k in (
    DiagramKind(
        "governance",
        "Boards, their parts, chairs and reporting and escalation lines, for one authority.",
        (Opt("authority", str, "Which authority (needed when the graph holds several; the error lists them)."),
         Opt("all_boards", bool, "Draw boards with no stated line as boxes, not one list.")),
        "govgraph.viz.governance:governance",
        ("governance --authority Herefordshire -g corpus.json --out governance.png",)),
    DiagramKind(
        "accountability",
        "The actions a board monitors or a post or person leads, one cluster per recommendation.",
        (Opt("board", str, "The board (name exactly one of --board or --lead)."),
         Opt("lead", str, "The post or person."),
         Opt("with_parts", bool, "With --board: include the actions its sub-groups and executive monitor.")),
        "govgraph.viz.accountability:accountability_diagram",
        ("accountability --board HSCB --with-parts -g corpus.json --out hscb.svg",
         'accountability --lead "Head of LAC" -g corpus.json --out head-of-lac.pdf')),
    DiagramKind(
        "impact",
        "What slips if NODE slips (the impact question), its shortest paths in bold.",
        (Opt("node", str, "The node to start from (id, ref such as 001/42, or part of a name).", required=True,
             positional=True),
         Opt("depth", int, "Hops to follow.", min=1)),
        "govgraph.viz.impact:impact_diagram",
        ("impact 001_2c5f850f182f6109/plan/action/4 -g corpus.json --out impact.svg",)),
    DiagramKind(
        "blockers",
        "Recommendations held up by RED actions (the blockers question), path edges emphasised.",
        (Opt("plan", str, "Only recommendations of this plan."),
         Opt("board", str, "Only RED actions this board monitors."),
         Opt("lead", str, "Only RED actions this post or person leads.")),
        "govgraph.viz.impact:blockers_diagram",
        ("blockers --plan plan2 -g corpus.json --out blockers.png",)),
    DiagramKind(
        "programme",
        "Programme, workstreams, projects and work packages, each coloured by the worst status it delivers.",
        (Opt("name", str, "Which programme (default: all).", flag="--programme"),
         Opt("show_actions", bool, "Draw actions as leaves.", flag="--actions")),
        "govgraph.viz.programme:programme",
        ("programme --programme CHIPP -g corpus.json --out chipp.png",)),
)}
"""Every diagram kind, by the name `govgraph diagram NAME` takes."""

"""The fixed RAG palette and the house style shared by every diagram.

RAG colours come from the Okabe-Ito palette, chosen to stay distinguishable with the common forms
of colour blindness. Colour is never the only signal: every coloured node also spells its status
("RED", "NO RATING"), so a grey photocopy still reads. Change these constants, not the builders.
"""
from __future__ import annotations

from dataclasses import dataclass

from govgraph.model.nodes import RAG_WORDS


@dataclass(frozen=True)
class RagStyle:
    fill: str
    """The status badge colour (Okabe-Ito)."""
    text: str
    """Badge text colour with enough contrast on `fill`."""
    tint: str
    """A light version of `fill` for the body of a node, so long text stays readable."""
    word: str
    """What the badge says."""


RAG: dict[str, RagStyle] = {
    "RED": RagStyle("#D55E00", "#000000", "#F7DCCB", RAG_WORDS["RED"]),        # vermillion
    "AMBER": RagStyle("#E69F00", "#000000", "#FAEBC8", RAG_WORDS["AMBER"]),    # orange
    "GREEN": RagStyle("#009E73", "#000000", "#CCECE3", RAG_WORDS["GREEN"]),    # bluish green
    "BLUE": RagStyle("#0072B2", "#FFFFFF", "#CCE3F0", RAG_WORDS["BLUE"]),      # blue: completed
    "GREY": RagStyle("#BBBBBB", "#000000", "#EEEEEE", RAG_WORDS["GREY"]),
    "UNKNOWN": RagStyle("#FFFFFF", "#000000", "#FFFFFF", RAG_WORDS["UNKNOWN"]),
}
"""Badge and tint per RAG status; UNKNOWN also gets a dashed border."""

LEGEND_ORDER: tuple[str, ...] = ("RED", "AMBER", "GREEN", "BLUE", "GREY", "UNKNOWN")

FONT = "Helvetica"
INK = "#222222"
MUTED = "#777777"
EDGE = "#555555"
ESCALATE = "#CC79A7"  # reddish purple: escalation lines, distinct from every RAG colour
EMPHASIS = "#000000"
CLUSTER_SHADES: tuple[str, ...] = ("#F4F6F8", "#E6EAEE", "#D7DDE3", "#C9D0D8")
"""Cluster fills, deepening with nesting (as mingrammer/diagrams does)."""
NOTE_FILL = "#FFF8D6"

KIND_FILL: dict[str, str] = {
    "board": "#DCE9F5",
    "executive": "#C9DDF0",
    "sub_group": "#EEF3F9",
    "committee": "#E8E1F0",
    "panel": "#E8E1F0",
    "programme_board": "#E2EFE0",
    "team": "#F2F2F2",
    "role": "#FFFFFF",
}
KIND_WORD: dict[str, str] = {
    "board": "Board", "executive": "Executive", "sub_group": "Sub-group", "committee": "Committee",
    "panel": "Panel", "programme_board": "Programme board", "team": "Team",
}


def rag_style(rag: str | None) -> RagStyle:
    return RAG.get(rag or "UNKNOWN", RAG["UNKNOWN"])


def shade(depth: int) -> str:
    return CLUSTER_SHADES[min(depth, len(CLUSTER_SHADES) - 1)]

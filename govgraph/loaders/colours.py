"""Status from a cell's fill colour: trackers often colour the status cell and leave it empty.

Matched by nearest hue, not exact hex, since every council's red, amber and green differ: `#FF0000`,
`#C00000` and `#E06666` are all red; `#FFC000`, `#FFFF00` and `#F4B183` amber; `#00B050` and `#92D050`
green; `#0070C0` blue (complete); a grey grey (not started). White, black and near-white are no status.
"""
from __future__ import annotations

import colorsys

from govgraph.model.nodes import Rag

_HUES: tuple[tuple[float, float, Rag], ...] = (
    (0, 20, Rag.RED), (20, 70, Rag.AMBER), (70, 175, Rag.GREEN), (175, 265, Rag.BLUE), (265, 330, Rag.UNKNOWN),
    (330, 361, Rag.RED),
)
"""Hue ranges in degrees; purple and magenta (265-330) name no status."""


def parse_fill(fill: str | None) -> tuple[float, float, float] | None:
    """'#FFC000' -> (h, s, v) with h in degrees; None when not a colour."""
    if not fill:
        return None
    text = fill.strip().lstrip("#")
    if len(text) == 8:  # ARGB as Excel writes it
        text = text[2:]
    if len(text) != 6:
        return None
    try:
        r, g, b = (int(text[i:i + 2], 16) / 255 for i in (0, 2, 4))
    except ValueError:
        return None
    h, s, v = colorsys.rgb_to_hsv(r, g, b)
    return h * 360, s, v


def rag_from_fill(fill: str | None) -> Rag | None:
    """The status a fill colour stands for, or None for white, black, near-white or an unrelated colour.

    >>> [rag_from_fill(c) for c in ("#FF0000", "#FFC000", "#00B050", "#0070C0", "#A6A6A6", "#FFFFFF")]
    [<Rag.RED: 'RED'>, <Rag.AMBER: 'AMBER'>, <Rag.GREEN: 'GREEN'>, <Rag.BLUE: 'BLUE'>, <Rag.GREY: 'GREY'>, None]
    """
    hsv = parse_fill(fill)
    if hsv is None:
        return None
    h, s, v = hsv
    if v < 0.2:
        return None  # black or nearly: text colour, not a status
    if s < 0.15:
        return Rag.GREY if v < 0.9 else None  # greys; white and near-white are no fill
    for lo, hi, rag in _HUES:
        if lo <= h < hi:
            return None if rag == Rag.UNKNOWN else rag
    return None

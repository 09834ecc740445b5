"""Word's automatic list numbers ("1.", "a)", "iv."), which are not in a paragraph's text.

A tracker's No. column is often nothing but Word numbering, and narrative plans number their actions the
same way; without the numbers the actions lose their names. Counted as Word counts them: per abstract
list (list instances sharing one continue each other), a level restarting when a shallower one advances,
a `startOverride` restarting an instance at its first use.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _val(el: Any) -> str | None:
    return None if el is None else el.get(W + "val")

@dataclass
class Numbering:
    """Word's automatic list numbers, counted as Word counts them (per abstract list, levels nested)."""

    nums: dict[str, tuple[str, dict[int, int]]] = field(default_factory=dict)
    levels: dict[tuple[str, int], tuple[int, str, str]] = field(default_factory=dict)
    counters: dict[str, list[int]] = field(default_factory=dict)
    started: set[tuple[str, int]] = field(default_factory=set)

    @classmethod
    def parse(cls, root: Any) -> Numbering:
        self = cls()
        if root is None:
            return self
        for ab in root.iterfind(W + "abstractNum"):
            aid = ab.get(W + "abstractNumId")
            for lvl in ab.iterfind(W + "lvl"):
                self.levels[(aid, int_attr(lvl.get(W + "ilvl"), 0, 8))] = (
                    int_attr(_val(lvl.find(W + "start")), 1, 32767), _val(lvl.find(W + "numFmt")) or "decimal",
                    _val(lvl.find(W + "lvlText")) or "")
        for num in root.iterfind(W + "num"):
            overrides = {int_attr(o.get(W + "ilvl"), 0, 8): int_attr(_val(o.find(W + "startOverride")), 1, 32767)
                         for o in num.iterfind(W + "lvlOverride") if o.find(W + "startOverride") is not None}
            self.nums[num.get(W + "numId") or ""] = (_val(num.find(W + "abstractNumId")) or "", overrides)
        return self

    def is_bullet(self, num_id: str, ilvl: int) -> bool:
        aid = self.nums.get(num_id, ("", {}))[0]
        return self.levels.get((aid, ilvl), (1, "bullet", ""))[1] in ("bullet", "none")

    def label(self, num_id: str, ilvl: int) -> str:
        """The next number of this list at this level ('' for bullets), advancing Word's counters."""
        aid, overrides = self.nums.get(num_id, ("", {}))
        if (aid, ilvl) not in self.levels:
            return ""
        counts = self.counters.setdefault(aid, [0] * 9)
        if ilvl in overrides and (num_id, ilvl) not in self.started:
            self.started.add((num_id, ilvl))
            counts[ilvl] = overrides[ilvl] - 1
        elif counts[ilvl] == 0:
            counts[ilvl] = self.levels[(aid, ilvl)][0] - 1
        counts[ilvl] += 1
        for deeper in range(ilvl + 1, 9):
            counts[deeper] = 0
        _, fmt, text = self.levels[(aid, ilvl)]
        if fmt in ("bullet", "none"):
            return ""
        for lvl in range(ilvl + 1):
            lvl_fmt = self.levels.get((aid, lvl), (1, "decimal", ""))[1]
            text = text.replace(f"%{lvl + 1}", _format(max(counts[lvl], 1), lvl_fmt))
        return text.strip()


def _format(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        s = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return s.upper() if fmt == "upperLetter" else s
    if fmt in ("lowerRoman", "upperRoman"):
        s = _roman(n)
        return s.lower() if fmt == "lowerRoman" else s
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, sym in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                       (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + sym, n - value
    return out


def int_attr(value: str | None, default: int, most: int = 10**6) -> int:
    """A number from an attribute, the default when absent or not a number, never above `most`."""
    return min(int(value), most) if value and value.isdigit() else default

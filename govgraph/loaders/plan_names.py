"""Which plan: a title for every plan and a short label that tells two plans apart in one view.

When two plans are in view, "Action 4" is ambiguous; tables, diagrams and packs then say
"HSCB plan · Action 4". The short label is made once, at load time, and stored on the plan
(`short_name`, and `plan_label` like its contents) and on each of its recommendations and actions
(`plan_label`), so both engines show the
same words without a walk. The rules, in order:

- an overlay's `plans:` entry (matched by file name or plan id) gives the title and/or the label;
- a plan whose title starts with the acronym of a board the graph knows ("HSCB OFSTED INSPECTION ...")
  is that board's plan: "HSCB plan";
- otherwise the authority and the plan's year (its inspection, else its stated date, else its first due
  date): "Herefordshire 2014 plan";
- labels still shared by two plans get " (2)", " (3)" in reading order.

A plan with no title in its document is named from its inspection or its date, never its file name.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from govgraph.model.graph import GovGraph

_ACRONYM = re.compile(r"^[A-Z][A-Z&]{1,7}$")
_YEAR = re.compile(r"\b(19|20)\d{2}\b")


@dataclass(frozen=True)
class PlanNaming:
    """An overlay's `plans:` entry: which plan (`file` or `id`) and what to call it."""

    file: str | None = None
    id: str | None = None
    title: str | None = None
    short: str | None = None
    source_file: str | None = None
    source_line: int | None = None

    def matches(self, pid: str, data: dict[str, object]) -> bool:
        if self.id:
            return self.id == pid
        return bool(self.file) and str(data.get("source_file") or "").casefold() == str(self.file).casefold()


def name_plans(gg: GovGraph, namings: Iterable[PlanNaming] = ()) -> None:
    """Give every plan a title and a unique short label, and stamp the label on its contents."""
    namings = list(namings)
    plans = sorted(gg.ids("Plan"), key=lambda p: (str(gg.node(p).get("source_file")), gg.node(p).get("source_line") or 0, p))
    acronyms = _board_acronyms(gg)
    labels: dict[str, str] = {}
    for pid in plans:
        d = gg.node(pid)
        chosen = next((n for n in namings if n.matches(pid, d)), None)
        if chosen and chosen.title:
            d["title"] = d["name"] = chosen.title
            d["title_source"] = f"{chosen.source_file}:{chosen.source_line}"
        elif not d.get("title"):
            d["title"] = d["name"] = _untitled_name(gg, pid)
        labels[pid] = chosen.short if chosen and chosen.short else _short_label(gg, pid, acronyms)
    for pid, label in _unique(labels, plans).items():
        gg.node(pid)["short_name"] = gg.node(pid)["plan_label"] = label
        for rec in gg.targets(pid, "HAS_RECOMMENDATION"):
            gg.node(rec).setdefault("plan_label", label)
            for action in gg.sources(rec, "ADDRESSES"):
                gg.node(action).setdefault("plan_label", label)


def _board_acronyms(gg: GovGraph) -> set[str]:
    """Every acronym a board is known by, or that starts a board's name ("PCSB Executive"), upper-cased."""
    out: set[str] = set()
    for _, d in gg.nodes("Board"):
        for form in [d.get("name") or "", *(d.get("aliases") or [])]:
            words = str(form).split()
            if words and _ACRONYM.match(words[0]):
                out.add(words[0].upper())
    return out


def _authority_name(gg: GovGraph, pid: str) -> str:
    aid = gg.node(pid).get("authority")
    if aid and aid in gg:
        return str(gg.node(aid).get("name") or aid)
    return str(aid or "").replace("-", " ").title() or "Untitled"


def _inspection(gg: GovGraph, pid: str) -> dict[str, object] | None:
    for insp in gg.targets(pid, "RESPONDS_TO"):
        d = gg.node(insp)
        if d.get("date"):
            return d
    return None


def _year(gg: GovGraph, pid: str) -> str | None:
    """The inspection's year, else the plan's stated date's, else the earliest due date's."""
    insp = _inspection(gg, pid)
    if insp:
        return str(insp["date"])[:4]
    d = gg.node(pid)
    if d.get("as_of"):
        return str(d["as_of"])[:4]
    years = [m.group(0) for a in _actions(gg, pid) if (m := _YEAR.search(str(gg.node(a).get("due") or "")))]
    return min(years) if years else None


def _actions(gg: GovGraph, pid: str) -> list[str]:
    return [a for rec in gg.targets(pid, "HAS_RECOMMENDATION") for a in gg.sources(rec, "ADDRESSES")]


def _untitled_name(gg: GovGraph, pid: str) -> str:
    """'Herefordshire improvement plan, Ofsted inspection May 2014' or '..., as at 2013-03-31'."""
    head = f"{_authority_name(gg, pid)} improvement plan"
    insp = _inspection(gg, pid)
    if insp:
        return f"{head}, {insp.get('name')}"
    d = gg.node(pid)
    if d.get("as_of"):
        return f"{head} as at {_month(str(d['as_of']))}"
    dues = sorted(str(gg.node(a).get("due")) for a in _actions(gg, pid) if gg.node(a).get("due"))
    if dues:
        span = dues[0][:4] if dues[0][:4] == dues[-1][:4] else f"{dues[0][:4]}–{dues[-1][:4]}"
        return f"{head}, actions due {span}"
    return head


def _month(iso: str) -> str:
    """'2013-02-28' -> 'February 2013' (plans state positions by month)."""
    import calendar

    try:
        return f"{calendar.month_name[int(iso[5:7])]} {iso[:4]}"
    except (ValueError, IndexError):
        return iso


def _short_label(gg: GovGraph, pid: str, acronyms: set[str]) -> str:
    title = str(gg.node(pid).get("title") or "")
    first = title.split()[0] if title.split() else ""
    if first.upper() in acronyms and _ACRONYM.match(first):
        return f"{first.upper()} plan"
    year = _year(gg, pid)
    return f"{_authority_name(gg, pid)} {year} plan" if year else f"{_authority_name(gg, pid)} plan"


def _unique(labels: dict[str, str], order: list[str]) -> dict[str, str]:
    """Number the labels two plans share, in reading order: 'Herefordshire plan (2)'."""
    counts = Counter(labels.values())
    seen: Counter[str] = Counter()
    out: dict[str, str] = {}
    for pid in order:
        label = labels[pid]
        if counts[label] > 1:
            seen[label] += 1
            out[pid] = label if seen[label] == 1 else f"{label} ({seen[label]})"
        else:
            out[pid] = label
    return out

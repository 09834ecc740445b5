"""Actions past their due date and not yet GREEN or BLUE, and how late they are.

Due dates are ISO strings written by the loader. A partial date (`2014-10`, `2014`) counts as due at
the end of that month or year; the Cypher twin does the same by padding the string. Actions with no
usable due date cannot be late: they are counted in `undated` so nobody mistakes silence for safety.
"""
from __future__ import annotations

import calendar
import datetime as dt

from pydantic import BaseModel

from govgraph.model.graph import GovGraph
from govgraph.queries.base import DONE, NodeRef, Refs, in_k, out_k, rag_of, ref_sort_key


class OverdueAction(BaseModel):
    action: NodeRef
    due: str
    rag: str
    days_late: int
    leads: list[NodeRef]
    recommendations: list[NodeRef]


class OverdueResult(BaseModel):
    as_of: dt.date
    items: list[OverdueAction]
    undated: int
    """Open (not GREEN/BLUE) actions without a readable due date."""


def due_date(text: str | None) -> dt.date | None:
    """The last day an ISO date string allows: `2014-10` -> 2014-10-31; None when unreadable.

    >>> due_date("2014-10"), due_date("2014-10-03"), due_date("end of term")
    (datetime.date(2014, 10, 31), datetime.date(2014, 10, 3), None)
    """
    if not text:
        return None
    s = str(text).strip()[:10]
    try:
        if len(s) == 4:
            return dt.date(int(s), 12, 31)
        if len(s) == 7:
            y, m = int(s[:4]), int(s[5:7])
            return dt.date(y, m, calendar.monthrange(y, m)[1])
        return dt.date.fromisoformat(s)
    except ValueError:
        return None


def overdue(gg: GovGraph, as_of: dt.date | str | None = None) -> OverdueResult:
    """Open actions due before `as_of` (default today), latest first.

    >>> from govgraph.queries._example import demo_graph
    >>> res = overdue(demo_graph(), "2020-02-15")
    >>> [(i.action.ref, i.rag, i.days_late) for i in res.items]
    [('1', 'RED', 15)]
    """
    day = dt.date.fromisoformat(as_of) if isinstance(as_of, str) else (as_of or dt.date.today())
    refs = Refs(gg)
    items, undated = [], 0
    for nid, d in gg.nodes("Action"):
        rag = rag_of(d)
        if rag in DONE:
            continue
        due = due_date(d.get("due"))
        if due is None:
            undated += 1
            continue
        if due < day:
            items.append(OverdueAction(
                action=refs(nid), due=str(d["due"]), rag=rag, days_late=(day - due).days,
                leads=sorted((refs(s) for s, _ in in_k(gg, nid, "LEADS")), key=lambda r: r.name),
                recommendations=sorted((refs(t) for t, _ in out_k(gg, nid, "ADDRESSES")), key=ref_sort_key)))
    return overdue_result(day, items, undated)


def overdue_result(day: dt.date, items: list[OverdueAction], undated: int) -> OverdueResult:
    """Latest first; shared with the Cypher twin."""
    items.sort(key=lambda i: (-i.days_late, ref_sort_key(i.action)))
    return OverdueResult(as_of=day, items=items, undated=undated)

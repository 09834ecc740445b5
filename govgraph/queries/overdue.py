"""Actions past their due date and not yet GREEN or BLUE, and how late they are.

Due dates are ISO strings written by the loader. A partial date (`2014-10`, `2014`) counts as due at
the end of that month or year; the Cypher twin does the same by padding the string. Actions with no
usable due date cannot be late: they are counted in `undated` so nobody mistakes silence for safety.
"""
from __future__ import annotations

import calendar
import datetime as dt

from pydantic import BaseModel

from govgraph.collector import collector_paused
from govgraph.model.graph import GovGraph
from govgraph.queries.base import DONE, READING_KEY_BITS, NodeRef, Refs, build, rag_of, reading_keys


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


@collector_paused
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
    dues: dict[object, dt.date | None] = {}  # plans repeat a few dozen due dates across thousands of actions
    for nid in gg.ids_by_label("Action")["Action"]:
        d = gg.node(nid)
        rag = rag_of(d)
        if rag in DONE:
            continue
        text = d.get("due")
        due = dues[text] if text in dues else dues.setdefault(text, due_date(text))
        if due is None:
            undated += 1
            continue
        if due < day:
            leads = [refs(s) for s in gg.sources(nid, "LEADS")]
            if len(leads) > 1:
                leads.sort(key=lambda r: r.name)
            items.append(build(OverdueAction, action=refs(nid), due=str(text), rag=rag, days_late=(day - due).days,
                               leads=leads, recommendations=refs.sort(gg.targets(nid, "ADDRESSES"))))
    return overdue_result(day, items, undated)


def overdue_result(day: dt.date, items: list[OverdueAction], undated: int) -> OverdueResult:
    """Latest first; shared with the Cypher twin."""
    keys = reading_keys([i.action for i in items])
    for k, item in enumerate(items):  # (-days late, reading order) as one integer
        keys[k] -= item.days_late << READING_KEY_BITS
    order = sorted(range(len(items)), key=keys.__getitem__)
    items[:] = [items[k] for k in order]
    return build(OverdueResult, as_of=day, items=items, undated=undated)

"""`overdue` (issue 3): open actions past their due date, and how late."""
from __future__ import annotations

import datetime as dt

import pytest
from graphs import delivery_graph

from govgraph.queries.overdue import due_date, overdue


@pytest.mark.parametrize("as_of, expected", [
    ("2023-01-01", []),                          # nothing due yet
    ("2024-01-31", []),                          # due today is not late
    ("2024-02-15", [("1", 15)]),                 # 2 is due "2024-03": the end of March
    ("2024-04-02", [("1", 62), ("2", 2)]),       # latest first; 3 is GREEN so never late
    (dt.date(2024, 4, 2), [("1", 62), ("2", 2)]),
])
def test_overdue(as_of, expected):  # type: ignore[no-untyped-def]
    res = overdue(delivery_graph(), as_of)
    assert [(i.action.ref, i.days_late) for i in res.items] == expected


def test_undated_are_counted_not_listed() -> None:
    res = overdue(delivery_graph(), "2030-01-01")
    assert res.undated == 2  # 4 has no due date; 5's is 'summer'
    assert {i.action.ref for i in res.items} == {"1", "2"}
    assert res.items[0].leads[0].name == "Head of Fieldwork" and res.items[0].recommendations[0].ref == "17"


def test_default_is_today() -> None:
    assert overdue(delivery_graph()).as_of == dt.date.today()


@pytest.mark.parametrize("text, expected", [
    ("2024-02", dt.date(2024, 2, 29)),   # leap year end of month
    ("2023", dt.date(2023, 12, 31)),
    ("2024-03-05", dt.date(2024, 3, 5)),
    ("2024-03-05T10:00", dt.date(2024, 3, 5)),
    ("", None), (None, None), ("Ongoing", None), ("2024-13", None),
])
def test_due_date(text, expected):  # type: ignore[no-untyped-def]
    assert due_date(text) == expected

"""Cell parsers: dates, RAG spellings, paragraph cells, programme refs, names."""
from __future__ import annotations

from datetime import date

import pytest

from govgraph.loaders.dates import parse_due
from govgraph.loaders.names import name_key
from govgraph.loaders.rag import infer_rag, parse_rag
from govgraph.loaders.refs import find_programme_refs, parse_paragraphs
from govgraph.loaders.vocab import Vocabulary

V = Vocabulary.default()


@pytest.mark.parametrize("raw,expected", [
    ("October 2014", date(2014, 10, 31)),           # a month means its last day
    ("Octobe r 2014", date(2014, 10, 31)),          # word broken by extraction
    ("Seotember 2015", date(2015, 9, 30)),          # typo
    ("October 15", date(2015, 10, 31)),             # two-digit year
    ("October 2014 – March 2015", date(2015, 3, 31)),  # a range ends at its end
    ("September 2015 January / February 2016", date(2016, 2, 29)),
    ("11/03/13", date(2013, 3, 11)),
    ("end 2014/15", date(2015, 3, 31)),
    ("Ongoing", None), ("Immediate", None), ("Quarterly", None), ("", None),
    # a date the cell gives as replaced is not the due date (issue 14)
    ("June 2026 (originally March 2026)", date(2026, 6, 30)),
    ("Revised: June 2026 (was March 2026)", date(2026, 6, 30)),
    ("September 2026 (original deadline: March 2026)", date(2026, 9, 30)),
    ("31/03/2026 (revised 30/06/2026)", date(2026, 6, 30)),  # the revision is the later date, kept
])
def test_parse_due(raw, expected):
    assert parse_due(raw) == expected


@pytest.mark.parametrize("raw,expected", [
    ("R", "RED"), ("A", "AMBER"), ("G", "GREEN"), ("GA", "AMBER"), ("\u0391", "AMBER"),
    ("R – due to time frame", "RED"), ("R -as need a single set of proce dures", "RED"),
    ("", "UNKNOWN"), (None, "UNKNOWN"), ("Complete", "BLUE"), ("Completed", "BLUE"), ("Grey", "GREY"),
])
def test_parse_rag(raw, expected):
    assert parse_rag(raw, V).value == expected


@pytest.mark.parametrize("progress,expected", [
    ("The recommendation has been fully actioned.", "BLUE"), ("Completed.", "BLUE"),
    ("Action to address this recommendation has commenced.", "AMBER"), ("", "UNKNOWN"),
])
def test_infer_rag(progress, expected):
    assert infer_rag(progress, V).value == expected


@pytest.mark.parametrize("cell,ref,nums,unsure", [
    ("17. (57, 138)", "17", [17, 57, 138], []), ("23. (67?, 80)", "23", [23, 67, 80], [67]),
    ("149", "149", [149], []), ("30.", "30", [30], []),
])
def test_parse_paragraphs(cell, ref, nums, unsure):
    p = parse_paragraphs(cell)
    assert p is not None and (p.ref, list(p.numbers), list(p.uncertain)) == (ref, nums, unsure)


@pytest.mark.parametrize("cell", ["-", "T ala IVO", ""])
def test_parse_paragraphs_rejects(cell):
    assert parse_paragraphs(cell) is None


@pytest.mark.parametrize("text,expected", [
    ("CHIPP Ref: WS3P21WP1", [(3, 21, [1])]), ("P16WP1", [(None, 16, [1])]),
    ("WS3P20WP1/2", [(3, 20, [1, 2])]), ("WS1P6WP1 or WS2P14WP3", [(1, 6, [1]), (2, 14, [3])]),
    ("(WS3P17)", [(3, 17, [])]), ("WS3P18WP6-PPR", [(3, 18, [6])]), ("P16 alone", []),
])
def test_programme_refs(text, expected):
    assert [(r.ws, r.project, r.wps) for r in find_programme_refs(text)] == expected


@pytest.mark.parametrize("a,b", [
    ("Chair of QA Sub Group", "Chair of the QA Sub Group"),
    ("Assistant Director, Safeguarding and Family Support", "Assistant Director: Safeguarding & Family Support"),
    ("Head of Looked Children", "Head of LAC"),
    ("Children & Young People's Partnership", "Children and Young People Partnership"),
])
def test_same_name_key(a, b):
    assert name_key(a, V) == name_key(b, V)


def test_different_posts_stay_apart():
    assert name_key("Head of Safeguarding and Review", V) != name_key("Head of Safeguarding and Quality", V)

"""The date a plan speaks as of (issue 13 item 6): stated in its title block, else its latest progress position.

Phrases are read with the default vocabulary (`plan_dates`); the fixtures are fictional councils written for
these tests, one quirk each; the corpus rows are the dates read off the documents by hand.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from govgraph.loaders import load_documents
from govgraph.loaders.plandates import DateWords, marked_dates, past_dates, plan_date
from govgraph.loaders.vocab import Vocabulary

FIX = Path(__file__).parent / "fixtures" / "plan_dates"
CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"
WORDS = DateWords(Vocabulary.default())


@pytest.mark.parametrize("text, expected", [
    ("As at June 2015, caseloads are 16", date(2015, 6, 30)),                  # a month means its last day
    ("Update September 2013", date(2013, 9, 30)),                             # a column header
    ("Update: September 2013", date(2013, 9, 30)),
    ("position as at 31st March 2017", date(2017, 3, 31)),
    ("as of 14 th February, 2013", date(2013, 2, 14)),                       # broken ordinal, comma
    ("Updated 18/5/15", date(2015, 5, 18)),                                    # numeric, two-digit year
    ("update for CYP Select Committee 18th September 2013", date(2013, 9, 18)),  # words between (gap)
    ("Published: 12 May 2019", date(2019, 5, 12)),
    ("Report date 2016-04-01", date(2016, 4, 1)),                              # ISO
    ("Update to procedures by October 2015", None),                            # a target, not a position
    ("Next update: March 2016", None),                                         # still to come
    ("update will follow in March 2016", None),                                # a future word between
    ("the Ofsted report published on 2 March 2019", None),                     # another document's date
    ("Inspection outcome of 30 June 2014", None),                              # no marker
    ("As at the end of the year", None),                                       # no date
])
def test_marked_dates(text: str, expected: date | None) -> None:
    got = marked_dates(text, WORDS)
    assert (got[-1][0] if got else None) == expected


@pytest.mark.parametrize("text, expected", [
    ("The July 15 Exec agreed that the steering group becomes an Executive.", [date(2015, 7, 31)]),
    ("An initial meeting took place on 8.9.14.", [date(2014, 9, 8)]),
    ("Review meeting took place in Jan 2015", [date(2015, 1, 31)]),
    ("Business plan reviewed and completed June 2009", [date(2009, 6, 30)]),
    ("Workshops were held in December 2012 and the audit was presented on 28th January 2013.",
     [date(2012, 12, 31), date(2013, 1, 28)]),
    ("Training will be delivered in January 2019.", []),                       # future
    ("It is anticipated that this will commence in September 2015", []),
    ("Review completed by June 2009", []),                                     # a target ('by')
    ("Services in place up to Jan 2010 were agreed", []),                      # a target ('up to')
    ("The project has been rebased to finish in December 2015", []),           # 'to finish': still to come
    ("Survey to be undertaken in September 2015 once the seminar has taken place in July 2015", []),
    ("Caseloads average 19 in March 2016.", []),                              # nothing said to have happened
    ("Completed. The panel met in May 2016. It will meet again in July 2016.", [date(2016, 5, 31)]),
])
def test_past_dates(text: str, expected: list[date]) -> None:
    assert [d for d, _, _ in past_dates(text, WORDS)] == expected


@pytest.mark.parametrize("own, progress, narrative, expected", [
    # stated wins over progress; of stated dates the first (the title block), not a later header
    ([(1, "Plan update as at 31 March 2017"), (9, "Update April 2017")], [(20, "As at June 2017")], [],
     (1, date(2017, 3, 31), "stated")),
    # no stated date: the latest progress marker, even when a past sentence is later
    ([(1, "Improvement plan")], [(20, "As at June 2016"), (30, "As at May 2016"), (40, "Held in August 2016 it was")],
     [], (20, date(2016, 6, 30), "progress")),
    # a marker with words before its date in a progress cell is an instruction, not a position
    ([], [(20, "Update the procedures in June 2015"), (30, "The board met in May 2015.")], [],
     (30, date(2015, 5, 31), "progress")),
    # no marker anywhere: the latest past sentence, action cells included
    ([], [(20, "The board met in May 2015.")], [(25, "An audit was carried out in July 2015.")],
     (25, date(2015, 7, 31), "progress")),
    # nothing dated: no date (overdue then judges the plan against today, flagged)
    ([(1, "Improvement plan")], [(20, "Work is ongoing.")], [(25, "Recruit staff by May 2015")], None),
])
def test_plan_date(own, progress, narrative, expected) -> None:  # type: ignore[no-untyped-def]
    found = plan_date(own, progress, WORDS, narrative)
    assert (None if found is None else (found[0][0], found[0][1], found[1])) == expected


@pytest.mark.parametrize("fixture, as_of, basis, line, raw", [
    ("brackwater_stated.txt", "2017-03-31", "stated", 3, "Progress update as at 31 March 2017"),
    ("fenmoor_progress.txt", "2016-06-30", "progress", 4, "As at June 2016"),
    ("kelby_past.txt", "2018-10-31", "progress", 4, "The panel met in October 2018 and agreed its terms of reference."),
    ("marshby_nodate.txt", None, None, None, None),
    ("ridley_published.txt", "2019-05-12", "stated", 5, "Published: 12 May 2019"),  # not the inspection report's date
])
def test_fixture_plans(fixture: str, as_of: str | None, basis: str | None, line: int | None,
                       raw: str | None) -> None:
    g = load_documents([FIX / fixture]).graph
    [(_, plan)] = list(g.nodes("Plan"))
    assert (plan.get("as_of"), plan.get("as_of_basis"), plan.get("as_of_line"), plan.get("as_of_raw")) == \
        (as_of, basis, line, raw)
    if line:
        assert raw.split()[-1] in (FIX / fixture).read_text(encoding="utf-8").splitlines()[line - 1]


def test_a_user_vocabulary_adds_markers(tmp_path: Path) -> None:
    """Words are data: a council writing 'Position statement' gets its date read without a code change."""
    doc = tmp_path / "oxley.txt"
    doc.write_text((FIX / "marshby_nodate.txt").read_text(encoding="utf-8").replace(
        "Work is ongoing.", "Position statement March 2016: work is ongoing."), encoding="utf-8")
    assert list(load_documents([doc]).graph.nodes("Plan"))[0][1].get("as_of") is None
    vocab = tmp_path / "vocab.yaml"
    vocab.write_text('plan_dates:\n  markers: ["position statement"]\n', encoding="utf-8")
    plan = list(load_documents([doc], vocab_file=vocab).graph.nodes("Plan"))[0][1]
    assert (plan.get("as_of"), plan.get("as_of_basis")) == ("2016-03-31", "progress")


@pytest.mark.parametrize("prefix, as_of, basis, words", [
    ("000_617efe1db90a840c/plan", "2013-02-28", "progress", "took place in February 2013"),   # early 2013
    ("001_2c5f850f182f6109/plan", "2015-06-30", "progress", "As at June 2015"),               # part 1, mid-2015
    ("001_2c5f850f182f6109/plan2", "2015-07-31", "progress", "The July 15 Exec agreed"),      # part 2, mid-2015
    ("002_33c2bef1ba33a468/plan", "2009-10-31", "progress", "implemented October 2009"),
    ("003_0956c35f7c70380b/plan", "2013-09-18", "stated", "update for CYP Select Committee 18th September 2013"),
    ("004_5cc7ddf20cf550d0/plan", None, None, None),                                          # states no date
])
def test_corpus_plan_dates(prefix: str, as_of: str | None, basis: str | None, words: str | None) -> None:
    files = sorted(CORPUS.glob("*.txt"))
    if not files:
        pytest.skip(f"corpus not found at {CORPUS}")
    plan = _corpus().node(prefix)
    assert (plan.get("as_of"), plan.get("as_of_basis")) == (as_of, basis)
    if words:
        assert words in plan["as_of_raw"]
        source = CORPUS / plan["source_file"]
        assert words.split()[-1] in source.read_text(encoding="utf-8").splitlines()[plan["as_of_line"] - 1]


_LOADED: dict[str, object] = {}


def _corpus():  # type: ignore[no-untyped-def]
    if "g" not in _LOADED:
        _LOADED["g"] = load_documents(sorted(CORPUS.glob("*.txt"))).graph
    return _LOADED["g"]

"""The date a plan speaks as of, so a 2015 plan is judged in 2015 and not against today.

A plan's own lines (title block, notes, column headers) may state it: 'as at June 2015', 'update for
CYP Select Committee 18th September 2013', 'Published: 3 March 2016' (basis "stated"). Failing that,
its progress cells date the position: first by the same markers ('As at June 2015, caseloads ...',
'Update: September 2013'), then by the latest date of a sentence saying something happened ('The
July 15 Exec agreed ...'), never one still to come ('will be reviewed in October 2015') or a target
('completed by June 2009') (basis "progress"). The latest date of the winning kind is kept; a month
means its last day. The words are the vocabulary's (`plan_dates`): no document is special-cased.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from datetime import date
from functools import cached_property
from typing import Literal

from govgraph.loaders.dates import MONTHS, parse_due
from govgraph.loaders.vocab import Vocabulary
from govgraph.model.nodes import Action, Plan

Basis = Literal["stated", "progress"]

_MONTH = "|".join(sorted({*MONTHS, *(m[:3] for m in MONTHS), "sept"}, key=len, reverse=True))
DATE = re.compile(
    r"(?:\b\d{1,2}\s*(?:st|nd|rd|th)?\s+)?\b(?:" + _MONTH + r")\.?,?\s+(?:\d{4}|\d{2})\b(?![/:.]\d)"
    r"|\b\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2})\b|\b\d{4}-\d{2}-\d{2}\b", re.I)
"""A day: '18th September 2013', 'June 2015', 'July 15', '8.9.14', '18/5/15', '2015-06-30'."""
_SENTENCE = re.compile(r"(?<=[.;!?])\s+")
_CLAUSE = re.compile(r"[.;!?]\s|\s[-–—]\s|:")


class DateWords:
    """The `plan_dates` vocabulary compiled: markers, past and future words, target words."""

    def __init__(self, vocab: Vocabulary) -> None:
        data = vocab.data.get("plan_dates", {})
        self.gap = int(data.get("gap_words", 6))
        self._markers = list(data.get("markers", []))
        self._past = list(data.get("past", []))
        self._future = list(data.get("future", []))
        self._before = list(data.get("before_date", []))
        self._other = list(data.get("other_documents", []))
        self._marker: dict[int, re.Pattern[str]] = {}

    def marker(self, gap: int) -> re.Pattern[str]:
        """A marker, up to `gap` words, then a date: the date must follow the marker in one clause."""
        if gap not in self._marker:
            self._marker[gap] = re.compile(rf"{_words(self._markers)}[\s:,\-–]*((?:[^\s.;:]+\s+){{0,{gap}}}?)"
                                           rf"(?P<date>{DATE.pattern})", re.I)
        return self._marker[gap]

    @cached_property
    def past(self) -> re.Pattern[str]:
        return re.compile(_words(self._past), re.I)

    @cached_property
    def future(self) -> re.Pattern[str]:
        return re.compile(_words(self._future), re.I)

    @cached_property
    def other(self) -> re.Pattern[str]:
        """Another document named in the clause before a marker: the date is that document's."""
        return re.compile(_words(self._other), re.I)

    @cached_property
    def target(self) -> re.Pattern[str]:
        """A target word right before a date: 'by June 2009' is a deadline, not a position."""
        return re.compile(_words(self._before) + r"\s*(?:the\s+)?$", re.I)


def _words(phrases: Iterable[str]) -> str:
    alts = sorted((r"\s+".join(map(re.escape, p.split())) for p in phrases if p.strip()), key=len, reverse=True)
    return r"\b(?:" + "|".join(alts or [r"(?!)"]) + r")\b"


def _day(text: str) -> date | None:
    return parse_due(text)


def marked_dates(text: str, words: DateWords, gap: int | None = None) -> list[tuple[date, str, str]]:
    """(day, words, date words) for each 'as at June 2015'-style phrase: no future word or target between,
    at most `gap` words between (default: the vocabulary's `gap_words`).

    >>> w = DateWords(Vocabulary.default())
    >>> marked_dates("Ref WS3P21WP1 As at June 2015, caseloads are 16", w)
    [(datetime.date(2015, 6, 30), 'As at June 2015', 'June 2015')]
    >>> marked_dates("Update to procedures by October 2015", w)
    []
    >>> marked_dates("the Ofsted report published on 2 May 2025", w)
    []
    """
    out = []
    for m in words.marker(words.gap if gap is None else gap).finditer(text):
        between = m.group(1) or ""
        clause = _CLAUSE.split(text[:m.start()])[-1]
        if (words.future.search(between) or words.future.search(clause) or words.other.search(clause)
                or words.target.search(text[:m.start("date")])):
            continue
        day = _day(m.group("date"))
        if day is not None:
            out.append((day, m.group(0).strip(), m.group("date")))
    return out


def past_dates(text: str, words: DateWords) -> list[tuple[date, str, str]]:
    """(day, sentence, date words) for dates in sentences saying something happened and nothing is still to come.

    >>> w = DateWords(Vocabulary.default())
    >>> [d.isoformat() for d, _, _ in past_dates("The July 15 Exec agreed a plan. It will go live in May 2016.", w)]
    ['2015-07-31']
    >>> past_dates("Review completed by June 2009", w)
    []
    """
    out = []
    for sentence in _SENTENCE.split(text):
        if not words.past.search(sentence) or words.future.search(sentence):
            continue
        for m in DATE.finditer(sentence):
            if words.target.search(sentence[:m.start()]):
                continue
            day = _day(m.group(0))
            if day is not None:
                out.append((day, _clip(sentence.strip()), m.group(0)))
    return out


Note = tuple["int | Action | None", str]
"""(where, text): `where` is a line number for a plan's own lines, anything the caller can locate for
progress cells (the builder passes the action, whose row holds the line)."""
_Hit = tuple["int | Action | None", date, str, str]


def plan_date(own: Iterable[Note], progress: Iterable[Note], words: DateWords,
              narrative: Iterable[Note] = ()) -> tuple[_Hit, Basis] | None:
    """The plan's date from its own lines (stated) or else its progress cells; None when neither says.

    A marker in a progress cell must touch its date ('As at June 2015', 'Update: September 2013'): with
    words between ('update the procedures in June 2015') it is an instruction. Sentences saying
    something happened count in the progress cells and in the `narrative` ones (action cells that
    report what was done, as some plans write them).

    A plan states its date once, in its title block, so the first stated date wins (later column headers
    such as 'Update August 2013' date rows, not the plan); of progress dates the latest wins, the first on a
    tie. The hit is (where, day, words, date words).
    """
    found = next((((where, *hit)) for where, text in own for hit in marked_dates(text, words)), None)
    if found:
        return found, "stated"
    notes = list(progress)
    found = _latest((where, *hit) for where, text in notes for hit in marked_dates(text, words, gap=0)) \
        or _latest((where, *hit) for where, text in [*notes, *narrative] for hit in past_dates(text, words))
    return (found, "progress") if found else None


def _latest(hits: Iterable[_Hit]) -> _Hit | None:
    best = None
    for hit in hits:
        if best is None or hit[1] > best[1]:
            best = hit
    return best


def date_plans(plans: Iterable[Plan], actions: Iterable[Action], used: dict[int, str], lines: list[str],
               clean: Callable[[str], str], vocab: Vocabulary) -> None:
    """Set each plan's `as_of` fields from its lines (`used` maps a line to the node it went to).

    The builder's hook: plan lines are those attributed to the plan; progress notes are the cells where
    a plan reports on its actions: progress, success (a plan without a progress column reports outcomes
    there) and monitoring ('As at June 2015, caseloads ...' sits in one); the action cells are narrative.
    """
    words = DateWords(vocab)
    acts = list(actions)
    for plan in plans:
        own: list[Note] = [(ln, clean(lines[ln - 1])) for ln in sorted(ln for ln, nid in used.items()
                                                                      if nid == plan.id) if 0 < ln <= len(lines)]
        if plan.title:
            own.insert(0, (plan.source_line, plan.title))
        mine = [a for a in acts if a.id.startswith(plan.id + "/")]
        notes: list[Note] = [(a, text) for a in mine for text in (a.progress, a.success_indicator, a.monitoring)
                             if text]
        found = plan_date(own, notes, words, [(a, a.text) for a in mine if a.text])
        if found:
            (where, day, raw, said), basis = found
            plan.as_of, plan.as_of_raw, plan.as_of_basis = day.isoformat(), raw, basis
            plan.as_of_line = _line_of(where, said, lines) if isinstance(where, Action) else where


def _line_of(action: Action, said: str, lines: list[str]) -> int | None:
    """The first line of the action's row holding the date's words (else the row's first line)."""
    for ln in action.source_lines:
        if 0 < ln <= len(lines) and said in lines[ln - 1]:
            return ln
    return action.source_line


def _clip(text: str, n: int = 100) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"

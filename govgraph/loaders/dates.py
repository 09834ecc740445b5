"""Due dates as printed ('October 2014', 'Octobe r 2014', 'Sept 09', 'Ongoing') to ISO dates.

A month with a year means the end of that month; several dates in one cell (a range or a revised
date) give the last one; words such as 'Ongoing' give no date. The raw text is always kept.
Numeric dates may be written 31/03/2017, 31.03.17, 31-03-2017 or 2017-03-31 (ISO). A quarter of a
financial year ('Q2 2017/18', April to March) or of a calendar year ('Q2 2017'), a season ('Spring 2017')
and a school term ('Autumn term 2017') mean the end of that period, like a month does; 'Winter' is left
alone (it straddles two years).
"""
from __future__ import annotations

import calendar
import difflib
import re
from datetime import date

MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december"]
_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
_TOKEN = re.compile(r"[A-Za-z]+|\d{1,2}[.-]\d{1,2}[.-]\d{2,4}\b|\d{4}-\d{1,2}-\d{1,2}\b|\d+(?:/\d+)*")
# 'Q2 2017/18', 'Quarter 3 2017-18', 'Q4 17/18', 'Q1 2018'
_QUARTER = re.compile(r"\b(?:Q|quarter\s*)([1-4])\s*(?:of\s+)?(\d{4}|\d{2})(?:\s*[/-]\s*(\d{2}|\d{4}))?\b", re.I)
# 'Spring 2017', 'Summer term 17', 'Autumn term 2017'
_SEASON = re.compile(r"\b(spring|summer|autumn)(\s+term)?\s+(\d{4}|\d{2})\b", re.I)
_SEASON_END = {"spring": 5, "summer": 8, "autumn": 11}   # the season's last month
_TERM_END = {"spring": 4, "summer": 7, "autumn": 12}     # a school term's last month


def month_number(word: str) -> int | None:
    w = word.casefold().rstrip(".")
    if w in MONTHS:
        return MONTHS.index(w) + 1
    if w in _ABBR:
        return _ABBR[w]
    if len(w) >= 5:
        close = difflib.get_close_matches(w, MONTHS, n=1, cutoff=0.8)
        if close:
            return MONTHS.index(close[0]) + 1
    return None


def _mend_months(tokens: list[str]) -> list[str]:
    """'Octobe' 'r' -> 'October': join alphabetic neighbours that only together name a month."""
    out: list[str] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if (i + 1 < len(tokens) and t.isalpha() and tokens[i + 1].isalpha()
                and month_number(t + tokens[i + 1]) and not (month_number(t) and len(t) >= 3
                                                             and t.casefold() in MONTHS)):
            out.append(t + tokens[i + 1])
            i += 2
            continue
        out.append(t)
        i += 1
    return out


def _year(tok: str) -> int | None:
    if tok.isdigit():
        n = int(tok)
        if 1990 <= n <= 2100:
            return n
        if len(tok) == 2:
            return 2000 + n
    return None


def _end_of(y: int, m: int) -> str:
    """A stand-in numeric date for the end of month `m` of year `y`, parsed like any other."""
    return f" {calendar.monthrange(y, m)[1]}/{m}/{y} "


def _quarter_end(mt: re.Match[str]) -> str:
    q, first, second = int(mt.group(1)), _year(mt.group(2)), mt.group(3)
    if first is None:
        return mt.group(0)
    if second is None:  # a calendar year's quarter
        return _end_of(first, 3 * q)
    if q == 4:  # a financial year's quarters run April-June ... January-March of the next year
        return _end_of(first + 1, 3)
    return _end_of(first, 3 * q + 3)


def _season_end(mt: re.Match[str]) -> str:
    word, term, y = mt.group(1).casefold(), mt.group(2), _year(mt.group(3))
    if y is None:
        return mt.group(0)
    return _end_of(y, (_TERM_END if term else _SEASON_END)[word])


_SUPERSEDED = re.compile(r"\(\s*(?:was|originally|previously|formerly|original(?:\s+(?:date|deadline|target))?)\b"
                         r"[^()]{0,60}\)", re.I)
"""A date the cell gives as replaced ('June 2026 (originally March 2026)'): not the due date."""


def parse_due(raw: str | None, no_date_words: set[str] | frozenset[str] = frozenset()) -> date | None:
    """The last date the cell states, or None. Example: parse_due('October 2014') -> 2014-10-31."""
    if not raw:
        return None
    raw = _SUPERSEDED.sub(" ", raw)
    raw = _QUARTER.sub(_quarter_end, raw)
    raw = _SEASON.sub(_season_end, raw)
    tokens = _mend_months(_TOKEN.findall(raw))
    found: list[date] = []
    used: set[int] = set()
    for i, tok in enumerate(tokens):
        if not tok.isdigit() and tok[:1].isdigit():
            parts = re.split(r"[/.-]", tok)
            if len(parts) == 3 and all(p.isdigit() for p in parts):
                if len(parts[0]) == 4:  # ISO 2017-03-31
                    parts.reverse()
                d, m, y = int(parts[0]), int(parts[1]), _year(parts[2])
                if y and 1 <= m <= 12 and 1 <= d <= calendar.monthrange(y, m)[1]:
                    found.append(date(y, m, d))
            elif len(parts) == 2 and len(parts[0]) == 4 and _year(parts[0]) and len(parts[1]) == 2:
                found.append(date(int(parts[0]) + 1, 3, 31))  # financial year 2014/15
            continue
        m = month_number(tok) if tok.isalpha() else None
        if not m:
            continue
        day = None
        if i > 0 and (i - 1) not in used and tokens[i - 1].isdigit() and len(tokens[i - 1]) <= 2:
            day = int(tokens[i - 1])
        y = None
        j = i + 1
        if j < len(tokens) and tokens[j] in ("th", "st", "nd", "rd"):
            j += 1
        if j < len(tokens) and tokens[j].isdigit() and _year(tokens[j]):
            y = _year(tokens[j])
            used.add(j)
        else:
            # a month with no year takes the next year written in the cell ('January / February 2016')
            y = next((_year(t) for t in tokens[i + 1:] if t.isdigit() and len(t) == 4 and _year(t)), None)
        if y:
            last = calendar.monthrange(y, m)[1]
            found.append(date(y, m, day if day and 1 <= day <= last else last))
    return found[-1] if found else None

"""Due dates as printed ('October 2014', 'Octobe r 2014', 'Sept 09', 'Ongoing') to ISO dates.

A month with a year means the end of that month; several dates in one cell (a range or a revised
date) give the last one; words such as 'Ongoing' give no date. The raw text is always kept.
"""
from __future__ import annotations

import calendar
import difflib
import re
from datetime import date

MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december"]
_ABBR = {m[:3]: i + 1 for i, m in enumerate(MONTHS)} | {"sept": 9}
_TOKEN = re.compile(r"[A-Za-z]+|\d+(?:/\d+)*")


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


def parse_due(raw: str | None, no_date_words: set[str] | frozenset[str] = frozenset()) -> date | None:
    """The last date the cell states, or None. Example: parse_due('October 2014') -> 2014-10-31."""
    if not raw:
        return None
    tokens = _mend_months(_TOKEN.findall(raw))
    found: list[date] = []
    used: set[int] = set()
    for i, tok in enumerate(tokens):
        if "/" in tok:
            parts = tok.split("/")
            if len(parts) == 3 and all(p.isdigit() for p in parts):
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

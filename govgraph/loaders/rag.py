"""RAG ratings: printed spellings to the six statuses; status read from progress prose."""
from __future__ import annotations

import re
from dataclasses import dataclass

from govgraph.loaders.text import CONFUSABLES
from govgraph.loaders.vocab import Modifier, ProgressContext, Vocabulary
from govgraph.model.nodes import Rag

_LEAD = re.compile(r"^\s*([^\s\-–—:(]+)")


def parse_rag(raw: str | None, vocab: Vocabulary) -> Rag:
    """'R – due to time frame' -> RED, 'GA' -> AMBER, Greek 'Α' -> AMBER, '' -> UNKNOWN."""
    if raw is None:
        return Rag.UNKNOWN
    text = raw.strip().strip("_").strip()
    if not text:
        return Rag.UNKNOWN
    spell = vocab.rag_spellings
    whole = text.casefold()
    if whole in spell:
        return Rag(spell[whole])
    folded = text.translate(CONFUSABLES).casefold()
    if folded in spell:
        return Rag(spell[folded])
    m = _LEAD.match(text.translate(CONFUSABLES))
    if m and m.group(1).casefold() in spell:
        return Rag(spell[m.group(1).casefold()])
    return _phrase_then_note(folded, spell)


_NOTE_START = re.compile(r"\s*+(?:[-–—:(,;.]|$)")


def _phrase_then_note(folded: str, spell: dict[str, str]) -> Rag:
    """A spelling of several words, then a note after a dash, colon or bracket: 'On track – training
    booked' is GREEN. Longest spelling first, so 'not yet started' is not read as 'not started'."""
    for word in sorted((w for w in spell if " " in w), key=len, reverse=True):
        if folded.startswith(word) and _NOTE_START.match(folded, len(word)):
            return Rag(spell[word])
    return Rag.UNKNOWN


@dataclass(frozen=True)
class Reading:
    """A status read from progress prose and the exact words of the text that decided it."""
    rag: Rag
    basis: str | None = None
    phrase_status: str | None = None  # the status of the phrase before its context changed it
    start: int = 0


_WORD = re.compile(r"\w+")


def infer_rag(progress: str | None, vocab: Vocabulary) -> Rag:
    """Status from progress prose, for documents with no RAG column (see `read_progress`)."""
    return read_progress(progress, vocab).rag


def read_progress(progress: str | None, vocab: Vocabulary) -> Reading:
    """The status progress prose reports, read as a person would, with the words that decided it.

    Every status phrase of the vocabulary found in the text gives a reading, changed by a negator, a
    future or a hedge that governs it in its clause; the reading whose status the vocabulary lists first
    wins ('has not yet been completed' is AMBER, not BLUE).

    >>> v = Vocabulary.default()
    >>> r = read_progress("Building blocks are in place, this has not yet been completed.", v)
    >>> r.rag.value, r.basis
    ('AMBER', 'has not yet been completed')
    """
    found = readings(progress, vocab)
    if not found:
        return Reading(Rag.UNKNOWN)
    rank = {status: i for i, status in enumerate(dict.fromkeys(s for s, _ in vocab.rag_from_progress))}
    last = len(rank)
    return min(found, key=lambda r: (rank.get(r.rag.value, last), rank.get(r.phrase_status or "", last), r.start))


def says_complete(progress: str | None, vocab: Vocabulary) -> bool:
    """True when some phrase of the text reports completion and nothing governing it says otherwise."""
    return any(r.rag == Rag.BLUE for r in readings(progress, vocab))


def readings(progress: str | None, vocab: Vocabulary) -> list[Reading]:
    """Every status phrase of the text, each read in its clause (cancelled phrases left out)."""
    if not progress or not progress.strip():
        return []
    ctx = vocab.rag_progress_context
    out: list[Reading] = []
    for lo, hi in clauses(progress, ctx.clause_break):
        clause = progress[lo:hi]
        hits = _outermost([(m.start() + lo, m.end() + lo, status)
                           for status, pattern in vocab.rag_from_progress for m in pattern.finditer(clause)])
        last_end = lo
        for i, (start, end, status) in enumerate(hits):
            # a modifier governs the nearest phrase only: "has not slipped and is on track" is GREEN
            after = hits[i + 1][0] if i + 1 < len(hits) and hits[i + 1][0] >= end else hi
            reading = _govern(progress, (last_end if last_end <= start else lo, after), (start, end), status, ctx)
            if reading is not None:
                out.append(reading)
            last_end = max(last_end, end)
    return out


def clauses(text: str, breaks: re.Pattern[str]) -> list[tuple[int, int]]:
    """(start, end) of each clause, whitespace trimmed: a negator in one clause does not reach the next."""
    spans, lo = [], 0
    for m in [*breaks.finditer(text), None]:
        hi = m.start() if m else len(text)
        a, b = lo, hi
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b:
            spans.append((a, b))
        lo = m.end() if m else hi
    return spans


def _outermost(hits: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The phrases in text order, less any inside a longer one ('started' inside 'not yet started')."""
    out: list[tuple[int, int, str]] = []
    reach, reach_span = -1, (-1, -1)
    for h in sorted(hits, key=lambda h: (h[0], -h[1], h[2])):
        if reach >= h[1] and reach_span != h[:2]:
            continue
        out.append(h)
        if h[1] > reach:
            reach, reach_span = h[1], h[:2]
    return out


def _govern(text: str, clause: tuple[int, int], span: tuple[int, int], status: str,
            ctx: ProgressContext) -> Reading | None:
    """The phrase's status once the nearest governing modifier has shifted it (None: cancelled)."""
    (lo, hi), (start, end) = clause, span
    best: tuple[int, int, int, Modifier] | None = None  # (words between, mod start, mod end, modifier)
    for mod in ctx.modifiers:
        for m in mod.before.finditer(text, lo, start) if mod.before else ():
            gap = len(_WORD.findall(text, m.end(), start))
            if gap <= ctx.window and (best is None or (gap, -(m.end() - m.start())) < (best[0], best[1] - best[2])):
                best = (gap, m.start(), m.end(), mod)
        for m in mod.after.finditer(text, end, hi) if mod.after else ():
            gap = len(_WORD.findall(text, end, m.start()))
            if gap <= ctx.window and (best is None or gap < best[0]):
                best = (gap, m.start(), m.end(), mod)
    new: str | None = status
    if best is not None:
        _, m_start, m_end, mod = best
        new = mod.shift.get(status, status)
        start, end = min(start, m_start), max(end, m_end)
    if new is None:
        return None
    start = _with_auxiliaries(text, lo, start, ctx.auxiliary)
    return Reading(Rag(new), text[start:end], status, start)


def _with_auxiliaries(text: str, lo: int, start: int, aux: re.Pattern[str] | None) -> int:
    """Move the start left over 'has been' so the basis reads as a phrase ('has not yet been completed')."""
    while aux is not None:
        before = text[lo:start].rstrip()
        m = None
        for m in aux.finditer(before):
            pass
        if m is None or m.end() != len(before):
            break
        start = lo + m.start()
    return start

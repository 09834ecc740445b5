"""Governance prose: escalation, reporting, monitoring, renames and collective statements as edges.

Each pattern names its parts; `read_governance` finds them among the authority's entities and
queues edges that keep the quoted words. A part that resolves to no board or post is left alone.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from govgraph.loaders.entities import AuthorityEntities, Endpoint, EntityKey, Where

_NAME = r"(?:the\s+)?(?P<{g}>[A-Z][\w'’&]*(?:\s+(?:[A-Z][\w'’&]*|of|for|and|&|the))*)"
_FREQ = (r"(?P<freq>bi[\s-]*-?\s*(?:monthly|weekly|annual(?:ly)?)|quarterly|monthly|weekly|fortnightly|annually"
         r"|six[\s-]monthly|half[\s-]yearly|termly|regularly)")
ESCALATE = re.compile(r"(?P<a>\b(?:[A-Z][\w']*+\s+){0,4}(?:independent\s+)?[Cc]hair|\b[A-Z][\w'&]*+(?:\s+[A-Z][\w'&]*+){0,5})"
                      r"\s+(?:will|shall|should|must|to|can)\s+escalate\s+(?:\w+\s+)?to\s+" + _NAME.format(g="b"))
_REPORT_VERB = (r"(?:(?:are\s+required\s+to\s+|will\s+|to\s+)?report(?:s|ing)?(?:\s+in\s+writing)?"
                r"|providing\s+written\s+updates|(?:provide|give)s?\s+written\s+updates)\s+to\s+")
COLLECTIVE = re.compile(r"(?i:\b(?:all\s+)?sub[\s-]*gro?u?ps?(?:\s+chairs)?)\s+[^.]{0,40}?" + _REPORT_VERB
                        + _NAME.format(g="b"))
REPORT = re.compile(r"(?P<a>\b[A-Z][\w'&]*+(?:\s+[A-Z][\w'&]*+){0,6})"
                    r"[^.]{0,60}?\b(?:(?:are\s+required\s+to\s+|will\s+|to\s+)?report(?:s|ing)?(?:\s+in\s+writing)?"
                    r"|providing\s+written\s+updates|(?:provide|give)s?\s+written\s+updates)\s+to\s+" + _NAME.format(g="b"))
PRESENTED = re.compile(r"(?:action\s+plan|plan|report|it)\s+(?:will\s+be|is|are|was)\s+(?:presented|reported)\s+"
                       r"(?:" + _FREQ + r"\s+)?to\s+" + _NAME.format(g="b"))
MONITORED = re.compile(r"(?:monitored|overseen|reviewed)\s+(?:" + _FREQ + r"\s+)?(?:by|through)\s+(?:both\s+)?"
                       + _NAME.format(g="b"))
RENAME = re.compile(r"(?:revision|renaming|change|conversion|transformation)\s+of\s+(?:the\s+)?(?P<a>[\w\s']{3,60}?)"
                    r"\s+(?:to|into)\s+(?:an?\s+|the\s+)?(?P<b>[A-Z][\w']*(?:\s+[A-Z][\w']*){0,3})")
PAREN_RENAME = re.compile(r"\b(?P<a>(?:[A-Za-z]+\s+)?(?:group|board|panel|committee))\s*\((?P<b>[A-Z][a-z][\w ]{2,40})\)",
                          re.I)
ALIAS_DEF = re.compile(r"^\s*+(?:[-•]\s*+)?(?P<a>[A-Z]{2,8})\s+is\s+the\s+(?P<b>[A-Z][\w'’ ]+?)\s*+\.?\s*+$")
ALIAS_DEF_MAX = 300
"""An alias definition is one short line; a longer one is not tried (the lazy name would scan it quadratically)."""
FREQ_ANY = re.compile(r"(?:on\s+an?\s+)?" + _FREQ + r"(?:\s+basis)?", re.I)


@dataclass
class Context:
    """Where the text sits: the node it describes and the board that owns the plan, if any."""

    subject: str | None  # node id of the plan or action the text belongs to
    subject_label: str | None
    owner: EntityKey | None


def _trim(name: str) -> str:
    name = re.split(r"\s+(?:on|in|at|by|from|with|who|which|to|as|and\s+(?:business|also|will))\s+", name)[0]
    return re.sub(r"\s+(?:and|of|for|the|&)$", "", name.strip(" .,;:"))


def _frequency(m: re.Match[str], sentence: str) -> str | None:
    freq = m.groupdict().get("freq") or _sentence_frequency(sentence)
    return re.sub(r"\s*-\s*|\s+", "-", freq.casefold()) if freq else None


@lru_cache(maxsize=4)
def _sentence_frequency(sentence: str) -> str | None:
    """The sentence's first frequency word, found once per sentence, not once per edge in it (a sentence
    with thousands of 'reports to' searched the whole of it for each)."""
    any_m = FREQ_ANY.search(sentence)
    return any_m.group("freq") if any_m else None


def entity_named(reg: AuthorityEntities, name: str, where: Where, owner: EntityKey | None) -> EntityKey | None:
    name = _trim(name)
    if not name:
        return None
    board = reg.board(name, where, default_parent=owner)
    if board is not None:
        return board
    if re.search(r"\b(?:director|head|chair|manager|member|officer|lead|executive|dcs)\b", name, re.I):
        return reg.role(name, where, default_parent=owner)
    return None


def read_governance(text: str, reg: AuthorityEntities, where: Where, ctx: Context) -> int:
    """Queue governance edges found in `text`; returns how many were found."""
    found = 0
    for sentence in re.split(r"(?<=[.;])\s+(?=[A-Z])", text):
        found += _escalation(sentence, reg, where, ctx)
        found += _reporting(sentence, reg, where, ctx)
        found += _monitoring(sentence, reg, where, ctx)
        found += _renames(sentence, reg, where, ctx)
    return found


def _escalation(s: str, reg: AuthorityEntities, where: Where, ctx: Context) -> int:
    n = 0
    for m in ESCALATE.finditer(s):
        a = entity_named(reg, m.group("a"), where, ctx.owner)
        b = entity_named(reg, m.group("b"), where, ctx.owner)
        if a and b:
            reg.edge(a, b, "ESCALATES_TO", where, quote=m.group(0).strip())
            n += 1
    return n


def _reporting(s: str, reg: AuthorityEntities, where: Where, ctx: Context) -> int:
    n = 0
    for m in COLLECTIVE.finditer(s):
        b = entity_named(reg, m.group("b"), where, ctx.owner)
        if b is not None:
            parent = reg.parent_of(b) or ctx.owner or reg.scb
            reg.collective("sub_group", parent, b, "REPORTS_TO", where, m.group(0).strip())
            n += 1
    for m in ([] if n else REPORT.finditer(s)):
        b = entity_named(reg, m.group("b"), where, ctx.owner)
        if b is None:
            continue
        a = entity_named(reg, m.group("a"), where, ctx.owner)
        if a is not None and a != b:
            reg.edge(a, b, "REPORTS_TO", where, quote=m.group(0).strip(), frequency=_frequency(m, s))
            n += 1
    return n


def _monitoring(s: str, reg: AuthorityEntities, where: Where, ctx: Context) -> int:
    """'monitored bi-monthly by X', 'presented to X': each board or post named monitors the text's subject
    ('monitored by both the Lead Member and DCS': two posts)."""
    n = 0
    if not ctx.subject:
        return n
    for m in [*MONITORED.finditer(s), *PRESENTED.finditer(s)]:
        for part in re.split(r"\s+and\s+(?=(?:the\s+)?[A-Z])", m.group("b")):
            b = entity_named(reg, part, where, ctx.owner)
            if b is not None and b.label in ("Board", "Role"):
                reg.edge(b, ctx.subject, "MONITORS", where, quote=m.group(0).strip(), frequency=_frequency(m, s))
                n += 1
    return n


def _renames(s: str, reg: AuthorityEntities, where: Where, ctx: Context) -> int:
    n = 0
    pairs = [(m.group("a"), m.group("b")) for m in RENAME.finditer(s)]
    pairs += [(m.group("a"), m.group("b")) for m in PAREN_RENAME.finditer(s) if not m.group("b").isupper()]
    for a_text, b_text in pairs:
        a_text = re.sub(r"^(?:.*\b(?:for|of)\s+)?(?:the\s+)?", "", a_text.strip())
        a = reg.board(a_text, where, default_parent=ctx.owner)
        b = reg.board(b_text, where, default_parent=ctx.owner)
        if a is None and b is not None:
            continue
        if a is not None and b is not None and a != b:
            reg.same(a, b, where)
            n += 1
    return n


def read_alias_definition(text: str, reg: AuthorityEntities, where: Where) -> bool:
    """'HSCB is the Herefordshire Safeguarding Children's Board' declares an alias."""
    m = ALIAS_DEF.match(text) if len(text) <= ALIAS_DEF_MAX else None
    if not m:
        return False
    a = reg.board(m.group("a"), where)
    b = reg.board(m.group("b"), where)
    if a is not None and b is not None:
        if a != b:
            reg.same(a, b, where)
        return True
    return False


def endpoint_ok(e: Endpoint | None) -> bool:
    return e is not None

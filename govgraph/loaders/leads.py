"""Who leads and who monitors an action: the posts, people and boards its lead and monitoring cells name.

A lead cell lists posts ('Head of Service, DCS') or initials ('AB / CD'); a monitoring cell runs board
and post names together ('Improvement Board HSCB QA Sub Group Cabinet'). Each name is recorded in the
authority's entities as a mention, so the same board or post read elsewhere becomes one node.
"""
from __future__ import annotations

import re

from govgraph.loaders.entities import AuthorityEntities, EntityKey, Where
from govgraph.loaders.names import cell_mentions, names_post
from govgraph.loaders.text import Lexicon, normalise_spaces
from govgraph.loaders.vocab import Vocabulary

_INITIALS = re.compile(r"^(?:[A-Z][A-Za-z]{0,3}|[A-Z]{2,4})\.?$")
_SCB = re.compile(r"\b[A-Z]?L?SCB\b|Safeguarding Child(?:ren)?'?s?'? Board")


def lead_refs(raw: str, where: Where, owner: EntityKey | None, reg: AuthorityEntities, vocab: Vocabulary,
              lexicon: Lexicon) -> list[EntityKey]:
    """The posts and people a lead cell names, in order: a part made only of initials ('AB CD') is people,
    any other part a post (of `owner`'s board where the post is a chair with no board named)."""
    out: list[EntityKey] = []
    for part in lead_parts(raw, vocab, reg):
        part = lexicon.mend(normalise_spaces(part or "")).strip(" ,.;")
        if not part:
            continue
        tokens = part.split()
        if (not any(t.casefold() in vocab.abbreviations for t in tokens)
                and all(_INITIALS.match(t) and not t.istitle() or re.fullmatch(r"[A-Z][a-z]?[A-Z][a-z]?[A-Z]?", t)
                        for t in tokens) and len(part) <= 20):
            out.extend(reg.person(t, where) for t in tokens)
            continue
        post, holder = post_and_holder(part, vocab)
        role = reg.role(post, where, default_parent=owner)
        if role is not None:
            if holder:
                reg.add_holder(role, holder)
            out.append(role)
    return out


_PERSON = r"(?:[A-Z]\.\s?){1,2}[A-Z][a-z'’\-]+|[A-Z][a-z'’\-]+(?:\s[A-Z][a-z'’\-]+){1,2}"
_NAME_POST = re.compile(rf"^(?P<name>{_PERSON})\s*(?:\((?P<post1>[^()]+)\)|[,–—-]\s*(?P<post2>.+))$")
_POST_INITIAL = re.compile(r"^(?P<post>.+?)\s*[,–—-]\s*(?P<name>(?:[A-Z]\.\s?){1,2}[A-Z][a-z'’\-]+)$")


def post_and_holder(part: str, vocab: Vocabulary) -> tuple[str, str | None]:
    """A post and the person holding it, when a lead cell names both: 'Jane Smith (Head of Service)',
    'J. Smith, Head of Service', 'Head of Service – J. Smith'. A complement after a post is not a person
    ('Service Manager – Front Door' stays one post): only a name before the post, or initials and a surname
    after it, count."""
    m = _NAME_POST.match(part)
    if m and not names_post(m.group("name"), vocab) and not _SMALL_WORDS & set(m.group("name").casefold().split()):
        post = (m.group("post1") or m.group("post2") or "").strip()
        if names_post(post, vocab):
            return post, m.group("name")
    m = _POST_INITIAL.match(part)
    if m and names_post(m.group("post"), vocab):
        return m.group("post").strip(), m.group("name")
    return part, None


_SMALL_WORDS = frozenset({"of", "and", "the", "for", "in", "to"})


_JOINS = {"&", "and"}


def lead_parts(raw: str, vocab: Vocabulary, reg: AuthorityEntities) -> list[str]:
    """A lead cell split at the lead separators, except where '&' or 'and' joins words of one post: the
    part after it names no post by itself ('Chair of Quality and Service Improvement sub group'), nor the part
    before it ('Complaints and Feedback Manager'), or the
    whole is a post already named in the document or declared in the vocabulary (`posts:`)."""
    parts: list[str] = []
    joined_by: list[str] = []  # the separator before each part
    last = 0
    for m in vocab.lead_separator.finditer(raw):
        if m.start() == m.end():
            continue
        parts.append(raw[last:m.start()])
        joined_by.append(m.group(0))
        last = m.end()
    parts.append(raw[last:])
    out = [parts[0]]
    for sep, part in zip(joined_by, parts[1:]):
        whole = f"{out[-1]}{sep}{part}"
        if sep.strip().casefold() in _JOINS and out[-1].strip() and (
                not names_post(part, vocab) or not names_post(out[-1], vocab)
                or reg.knows_role(normalise_spaces(whole)) or _declared(whole, vocab)):
            out[-1] = whole
        else:
            out.append(part)
    return out


def _declared(name: str, vocab: Vocabulary) -> bool:
    """A post the user's vocabulary declares whole (`posts:`), in any case, '&' or 'and'."""
    return " ".join(name.casefold().replace("&", "and").split()) in vocab.posts


def monitor_refs(text: str, where: Where, owner: EntityKey | None, reg: AuthorityEntities,
                 vocab: Vocabulary) -> list[EntityKey]:
    """The boards and posts a monitoring cell names, each once."""
    out: list[EntityKey] = []
    for m in cell_mentions(text, vocab, reg.is_scb_name, reg.knows_role):
        if m.label == "Board":
            ref = reg.board(m.text, where, default_parent=owner)
        else:
            ref = reg.role(m.text, where, default_parent=owner)
        if ref is not None and ref not in out:
            out.append(ref)
    return out


def scb_mentions(text: str, where: Where, reg: AuthorityEntities) -> None:
    """Record every mention of the safeguarding children board ('NSCB', 'LSCB', 'Safeguarding Children
    Board') so its names resolve to one board even where no cell says it leads or monitors."""
    for m in _SCB.finditer(text):
        reg.board(m.group(0), where)


def board_phrases(text: str, vocab: Vocabulary, reg: AuthorityEntities) -> list[str]:
    """Board names run together in a monitoring cell (the posts it names are left out; see `cell_mentions`).

    'Improvement Board HSCB QA Sub Group Cabinet' -> ['Improvement Board', 'HSCB QA Sub Group', 'Cabinet'].
    """
    return [m.text for m in cell_mentions(text, vocab, reg.is_scb_name) if m.label == "Board"]


__all__ = ["lead_refs", "lead_parts", "monitor_refs", "scb_mentions", "board_phrases"]

"""Name normalisation for entity resolution: one key for one board or post however it is written."""
from __future__ import annotations

import re
from functools import lru_cache

from govgraph.loaders.vocab import Vocabulary

_PAREN_INITIALS = re.compile(r"\(\s*([A-Z]{1,4}(?:\s*[,/]\s*[A-Z]{1,4})*)\s*\)")
_PUNCT = re.compile(r"[^\w\s]+")
_SPACE = re.compile(r"\s+")
# 'Childrens Services' is 'Children's Services' with the apostrophe lost, not a plural
_PLURAL_POSSESSIVE = re.compile(r"\b(children|people|women|men)s\b")
_HEAD_CANON = [
    (re.compile(r"\bsub[\s-]*(?:group|gp)s?\b"), "subgroup"),
    (re.compile(r"\bexec(?:utive)?(?:\s+group)?\b"), "executive"),
]


@lru_cache(maxsize=200_000)
def clean_display(name: str) -> str:
    """Tidy a name for display: single spaces, no trailing punctuation, no parenthesised initials."""
    name = _PAREN_INITIALS.sub("", name)
    name = _SPACE.sub(" ", name).strip(" .,;:-–—")
    return name


def initials_in(name: str) -> list[str]:
    """Post-holder initials written in brackets after a role: 'Head of Fieldwork (KP)' -> ['KP']."""
    out: list[str] = []
    for m in _PAREN_INITIALS.finditer(name):
        out.extend(x.strip() for x in re.split(r"[,/]", m.group(1)) if x.strip())
    return out


@lru_cache(maxsize=200_000)
def simple_form(name: str) -> str:
    """Lower-case words only: '&' as 'and', possessives dropped, punctuation as spaces."""
    s = name.casefold().replace("’", "'").replace("&", " and ").replace("+", " ")
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"s'(?=\s|$)", "s", s)
    s = _PLURAL_POSSESSIVE.sub(r"\1", s)
    s = _PUNCT.sub(" ", s)
    return _SPACE.sub(" ", s).strip()


@lru_cache(maxsize=65536)
def _expand(simple: str, vocab_id: int) -> str:
    vocab = _VOCABS[vocab_id]
    s = f" {simple} "
    for short, long in sorted(vocab.abbreviations.items(), key=lambda kv: -len(kv[0])):
        if f" {short} " in s:
            s = s.replace(f" {short} ", f" {simple_form(long)} ")
    for pat, repl in _HEAD_CANON:
        s = pat.sub(repl, s)
    return _SPACE.sub(" ", s).strip()


_VOCABS: dict[int, Vocabulary] = {}


def expanded(name: str, vocab: Vocabulary) -> str:
    _VOCABS.setdefault(id(vocab), vocab)
    return _expand(simple_form(clean_display(name)), id(vocab))


def name_key(name: str, vocab: Vocabulary, drop: tuple[str, ...] = ()) -> str:
    """Order-free key of the meaningful words: 'Chair of the QA Sub Group' == 'QA sub-group chair'."""
    words = [w for w in expanded(name, vocab).split() if w not in vocab.name_stopwords and w not in drop]
    return " ".join(sorted(set(words)))


def acronym(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Za-z]+", name) if w[0].isupper()).upper()

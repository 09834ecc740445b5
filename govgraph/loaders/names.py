"""Name normalisation for entity resolution: one key for one board or post however it is written."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
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


# ---- names run together in one cell -----------------------------------------------------------

@dataclass(frozen=True)
class Mention:
    """A board or post named in a cell: `label` is "Board" or "Role", `text` the words as written."""

    label: str
    text: str


_TOKEN = re.compile(r"[A-Za-z][\w'’&]*|[^\sA-Za-z]+")
_PROGRAMME_REF = re.compile(r"\b[A-Z]{2,}\s+ref\s*:?.*?(?=$|\s[A-Z][a-z])", re.I)
_CONNECT = {"and", "&", "of", "for", "the", "'s"}
_LEADIN = {"quarterly", "monthly", "weekly", "annual", "reports", "report", "half", "yearly", "policy", "approval",
           "statutory", "complaints", "the", "and", "provide", "monitoring", "performance", "bi"}
_STANDALONE = {"cabinet", "scrutiny"}
_DASHES = {"-", "–", "—"}
_FILLER = {"the", "both", "a", "an", "either"}
# words before 'to'/'by' that make the named post a monitor ('reports to', 'monitored by', 'presented to')
_MONITOR_CUE = re.compile(r"^(?:report\w*|present\w*|monitor\w*|overseen|oversight|review\w*|updates?|scrutin\w*"
                          r"|accountable|submitted|considered)$")
_TO = ("to", "by", "through", "via")
# a post right after one of these words is inside a sentence, not an item of the cell
_NOT_ITEM = {"from", "with", "of", "for", "that", "or", "in", "at", "on", "as", "is", "are", "was", "were", "will",
             "be", "into", "than", "if", "when", "who", "which", "whom", "whose", "this", "these", "their", "its",
             "and", "&", *_TO}

Heads = list[tuple[list[str], str]]
_GENERIC_HEADS = frozenset({"group", "team", "meeting", "managers", "board"})
"""Head nouns that name nothing alone: after another head they end its name ('Partnership Board')."""


def cell_mentions(text: str, vocab: Vocabulary, is_scb_name: Callable[[str], bool],
                  known_role: Callable[[str], bool] | None = None) -> list[Mention]:
    """Boards and posts run together in a monitoring cell, found by their head nouns.

    'Performance and Intelligence Manager Children's Services Leadership Team' names a post (its head
    'Manager') and a board ('Leadership Team'): a name is the run of capitalised words (and connectors)
    since the previous name, ending at a head noun from the vocabulary (`board_heads`, `role_heads`). A post
    head right after another head joins it ('Lead Member', 'Panel Chair'); 'of'/'for' or a dash carries a
    post on ('Head of Fieldwork', 'Service Manager – ICT'). A post inside a sentence counts only as an item
    of the cell or after a monitoring verb ('reports to', 'monitored by'), not in 'will escalate to X'.
    `known_role` tells a post already named elsewhere, to end 'Head of X Y Panel' where a known post ends.
    """
    tokens = _TOKEN.findall(_PROGRAMME_REF.sub(" ", text))
    low = [t.casefold() for t in tokens]
    boards: Heads = [(h.split(), kind) for h, kind in vocab.board_heads]
    posts: Heads = sorted(((_TOKEN.findall(h), "post") for h in vocab.role_heads), key=lambda p: -len(p[0]))
    prefixes = {str(w).casefold() for w in vocab.data.get("title_prefixes", [])}
    out: list[Mention] = []
    start = i = 0
    last: tuple[int, bool] = (-1, False)  # where the previous post ended, and whether it counted
    while i < len(tokens):
        b, p = _head_len(low, i, boards, plural=True), _head_len(low, i, posts) if tokens[i][:1].isupper() else 0
        if p > b or (b and _post_follows(tokens, low, i + b, boards, posts)):
            j = _back(tokens, low, i, start, strip=_CONNECT)
            head_end = i + p if p > b else i + b + _head_len(low, i + b, posts)  # 'Panel Chair'
            end = _post_end(tokens, low, j, head_end, (boards, posts), known_role, prefixes)
            ok = _is_item(tokens, low, j, end, last)
            if ok:
                out.append(Mention("Role", " ".join(tokens[j:end])))
            last = (end, ok)
            start = i = end
            continue
        if not b and tokens[i].isupper() and len(tokens[i]) >= 2 and is_scb_name(tokens[i]):
            if i + 1 == len(tokens) or not tokens[i + 1][:1].isupper():
                out.append(Mention("Board", tokens[i]))
                start, last = i + 1, (i + 1, True)
            i += 1
            continue
        if not b:
            i += 1
            continue
        end = i + b
        while end < len(tokens) and low[end] in ("of", "service", "services") and low[end - 1] in ("heads", "of"):
            end += 1
        while end < len(tokens) and tokens[end][:1].isupper() and low[end] in _GENERIC_HEADS:
            end += 1  # 'Safeguarding Partnership Board', 'Children's Trust Board': one name
        if low[i] in _STANDALONE:
            if end < len(tokens) and _head_len(low, end, boards) and tokens[end][:1].isupper():
                i = end  # 'Overview and Scrutiny Committee': the name ends at the next head noun
                continue
            out.append(Mention("Board", tokens[i]))
            start = i = end
            last = (end, True)
            continue
        j = _back(tokens, low, i, start, strip=_CONNECT | _LEADIN)
        if j < i or (tokens[i][:1].isupper() and len(tokens[i]) > 3
                     and low[i] not in _GENERIC_HEADS):
            out.append(Mention("Board", " ".join(tokens[j:end])))
            last = (end, True)
        start = i = end
    return out


def _head_len(low: list[str], i: int, heads: Heads, plural: bool = False) -> int:
    """Tokens of the first head phrase starting at token i (0 if none); 'Boards' matches 'board' if plural."""
    for words, _ in heads:
        n = len(words)
        if low[i:i + n] == words or (plural and n == 1 and low[i] == words[0] + "s"):
            return n
    return 0


def _post_follows(tokens: list[str], low: list[str], i: int, boards: Heads, posts: Heads) -> bool:
    """A capitalised post head (not an acronym such as 'DCS', a post by itself) right after a head."""
    return (i < len(tokens) and tokens[i][:1].isupper() and not tokens[i].isupper()
            and _head_len(low, i, posts) > _head_len(low, i, boards))


def _post_end(tokens: list[str], low: list[str], first: int, end: int, heads: tuple[Heads, Heads],
              known_role: Callable[[str], bool] | None, prefixes: set[str]) -> int:
    """Where the post whose name starts at `first` ends: after further post heads and an 'of X'/'for X'/'– X'
    complement, which stops at the next post; at a board head it names the board chaired (a chair), takes it
    whole ('Manager of the Improvement Board') or ends at the longest post already known."""
    boards, posts = heads
    while low[end - 1] in prefixes and _post_follows(tokens, low, end, boards, posts):
        end += _head_len(low, end, posts)
    if end + 1 >= len(tokens) or not (low[end] in ("of", "for") or tokens[end] in _DASHES):
        return end
    chair = low[end - 1] in ("chair", "chairman", "chairperson")
    k = end + 1 + (low[end + 1] == "the")
    if k >= len(tokens) or not tokens[k][:1].isupper():
        return end
    stop = k
    while stop < len(tokens) and (tokens[stop][:1].isupper() or low[stop] in _CONNECT):
        if stop > k and tokens[stop][:1].isupper() and _head_len(low, stop, posts):
            break  # the next post begins: 'Head of Fieldwork Head of LAC'
        b = _head_len(low, stop, boards, plural=True) if tokens[stop][:1].isupper() else 0
        if b and (chair or stop <= k + 1):
            return stop + b
        if b:
            return _trim(low, k, _cut_before_board(tokens, low, first, k, stop, known_role))
        stop += 1
    return _trim(low, k, stop)


def _cut_before_board(tokens: list[str], low: list[str], first: int, k: int, head: int,
                      known_role: Callable[[str], bool] | None) -> int:
    """'Head of Service Corporate Parenting Panel': where the post's complement (from k) gives way to the
    board whose head is at `head`: the longest post already known, else before a one-word board
    ('... and Cabinet') or at the last 'and', else after the complement's first word."""
    for cut in range(head - 1, k, -1):
        if known_role is not None and known_role(" ".join(tokens[first:cut])):
            return cut
    if low[head] in _STANDALONE:
        return head
    ands = [n for n in range(k + 1, head) if low[n] in ("and", "&")]
    return ands[-1] if ands else k + 1


def _trim(low: list[str], k: int, stop: int) -> int:
    while stop > k and low[stop - 1] in _CONNECT:
        stop -= 1
    return stop


def _back(tokens: list[str], low: list[str], i: int, start: int, strip: set[str]) -> int:
    """First token of the name ending at head token i: capitalised words and connectors back to `start`."""
    j = i
    while j > start and (tokens[j - 1][:1].isupper() or low[j - 1] in _CONNECT):
        j -= 1
    while j < i and low[j] in strip:
        j += 1
    return j


def _is_item(tokens: list[str], low: list[str], j: int, end: int, last: tuple[int, bool]) -> bool:
    """A post named as an item of the cell or after a monitoring verb ('reports to', 'monitored by'), not a
    sentence's subject or object ('the Independent Chair will escalate to the Director')."""
    k = j
    while k > 0 and low[k - 1] in _FILLER:
        k -= 1
    prev = low[k - 1] if k else ""
    if prev in _TO and any(_MONITOR_CUE.match(w) for w in low[max(0, k - 6):k - 1]):
        return True
    prev_end, prev_ok = last
    if k == prev_end or (prev in ("and", "&", ",") and k - 1 == prev_end):
        return prev_ok  # right after the previous name: 'the Lead Member and DCS'
    if end < len(tokens) and tokens[end][:1].islower() and low[end] not in ("and", "&", "or"):
        return False  # the name runs on into a sentence: 'X will escalate'
    return not prev[:1].isalpha() or prev not in _NOT_ITEM  # the cell's start, after punctuation or a fragment


_LETTERS = re.compile(r"[^\W\d_]+")


def names_post(text: str, vocab: Vocabulary) -> bool:
    """Whether a phrase names a post on its own: it holds a post head word and is not a board's name
    ('Chair of QA sub group' and 'Head of Housing' are posts; 'Head Start sub group', 'Improvement Board'
    boards). Read by the lead cells (`leads`) and by column typing (`columns`)."""
    joined = f" {' '.join(_LETTERS.findall(text.casefold()))} "
    if not any(f" {head} " in joined for head in vocab.role_heads):
        return False
    return " chair " in joined or not any(joined.rstrip().endswith(f" {h}") for h, _ in vocab.board_heads)

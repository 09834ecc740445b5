"""RAG ratings: printed spellings to the six statuses; status read from progress prose."""
from __future__ import annotations

import re

from govgraph.loaders.text import CONFUSABLES
from govgraph.loaders.vocab import Vocabulary
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
    return Rag.UNKNOWN


def infer_rag(progress: str | None, vocab: Vocabulary) -> Rag:
    """Status from progress prose, for documents with no RAG column (first vocabulary match wins)."""
    if not progress:
        return Rag.UNKNOWN
    text = progress.strip()
    for status, pattern in vocab.rag_from_progress:
        if pattern.search(text):
            return Rag(status)
    return Rag.UNKNOWN

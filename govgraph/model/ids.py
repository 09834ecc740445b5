"""Deterministic, readable node ids: built from the document and the printed refs, never random."""
from __future__ import annotations

import re
import unicodedata
from typing import NewType

NodeId = NewType("NodeId", str)

_NON_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str, max_len: int = 60) -> str:
    """Lower-case ASCII slug; stable for the same text."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    s = _NON_SLUG.sub("-", ascii_text.lower()).strip("-")
    return s[:max_len].rstrip("-") or "x"


def doc_key(source_file: str) -> str:
    """The id prefix for a document: its file name without the extension."""
    name = source_file.rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0] if "." in name else name


def make_id(*parts: str) -> NodeId:
    return NodeId("/".join(p for p in parts if p))

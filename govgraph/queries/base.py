"""Pieces every question shares: how a node, a link and a path look in a result.

Results carry small `NodeRef`s rather than whole node records so `--json` stays readable and stable,
and every link carries its `Source` so an answer can always be traced back to a line of a plan.
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any, TypeVar

from pydantic import BaseModel

from govgraph.model.graph import GovGraph
from govgraph.model.nodes import RAG_ORDER

CONTAINERS = ("WorkPackage", "Project", "Workstream", "Programme")
"""Labels that deliver actions (DELIVERED_BY) or contain each other (PART_OF)."""

DONE = frozenset({"GREEN", "BLUE"})
"""RAG statuses that mean on track or complete."""


class Source(BaseModel):
    """Where a node or link was read: file, line, and the words it came from."""

    source_file: str | None = None
    source_line: int | None = None
    quote: str | None = None

    def where(self) -> str:
        if not self.source_file:
            return ""
        return f"{self.source_file}:{self.source_line}" if self.source_line else self.source_file


class NodeRef(BaseModel):
    """A node as results show it: enough to read and to look it up again by id."""

    id: str
    label: str
    name: str
    ref: str | None = None
    rag: str | None = None
    due: str | None = None
    source: Source = Source()


class Step(BaseModel):
    """One link of a path as walked: `forward` is False when the edge points against the walk."""

    from_node: NodeRef
    to_node: NodeRef
    type: str
    forward: bool = True
    source: Source = Source()

    def text(self) -> str:
        if self.forward:
            return f"{self.from_node.name} -[{self.type}]-> {self.to_node.name}"
        return f"{self.from_node.name} <-[{self.type}]- {self.to_node.name}"


def display_name(nid: str, data: dict[str, Any], width: int = 70) -> str:
    """A short human name: the name, else the title, else the label, ref and start of the text."""
    name = data.get("name") or data.get("title")
    if name:
        return str(name)
    label, ref, text = data.get("label", "Node"), data.get("ref"), str(data.get("text") or "")
    if len(text) > width:
        text = text[: width - 1].rstrip() + "…"
    head = f"{label} {ref}" if ref else nid
    return f"{head}: {text}" if text else head


_M = TypeVar("_M", bound=BaseModel)
_set = object.__setattr__


def build(cls: type[_M], **values: Any) -> _M:
    """A model from values that are already valid, every field given: what `model_construct` does
    without its per-field default and alias pass (5x faster; programme-wide results make 50,000)."""
    model = cls.__new__(cls)
    _set(model, "__dict__", values)
    _set(model, "__pydantic_fields_set__", set(values))
    _set(model, "__pydantic_extra__", None)
    _set(model, "__pydantic_private__", None)
    return model


def node_ref(gg: GovGraph, nid: str) -> NodeRef:
    """The node as results show it, built without re-validation (`build`): the values come from a
    loaded graph and are already of the right types."""
    d = gg.node(nid)
    ref = d.get("ref")
    return build(NodeRef, id=nid, label=str(d.get("label", "")), name=display_name(nid, d),
                 ref=None if ref is None else str(ref), rag=d.get("rag"), due=d.get("due"),
                 source=build(Source, source_file=d.get("source_file"), source_line=d.get("source_line"),
                              quote=None))


class Refs:
    """NodeRefs made once per query call (a node shows up in many paths)."""

    def __init__(self, gg: GovGraph) -> None:
        self.gg = gg
        self._cache: dict[str, NodeRef] = {}

    def __call__(self, nid: str) -> NodeRef:
        ref = self._cache.get(nid)
        if ref is None:
            ref = self._cache[nid] = node_ref(self.gg, nid)
        return ref

    def step(self, a: str, b: str, rel: str, forward: bool = True) -> Step:
        """The link between walk positions a and b; the edge is a->b when forward, else b->a."""
        s, t = (a, b) if forward else (b, a)
        d = self.gg.g._succ[s][t][rel]
        return build(Step, from_node=self(a), to_node=self(b), type=rel, forward=forward,
                     source=build(Source, source_file=d.get("source_file"), source_line=d.get("source_line"),
                                  quote=d.get("quote")))


def out_k(gg: GovGraph, nid: str, *rels: str) -> Iterator[tuple[str, str]]:
    """(target, relationship) of out-edges, keys included (`GovGraph.out` drops them)."""
    if nid not in gg.g:
        return
    for t, k in gg.out_keys(nid):
        if not rels or k in rels:
            yield t, k


def in_k(gg: GovGraph, nid: str, *rels: str) -> Iterator[tuple[str, str]]:
    """(source, relationship) of in-edges."""
    if nid not in gg.g:
        return
    for s, k in gg.in_keys(nid):
        if not rels or k in rels:
            yield s, k


def label_of(gg: GovGraph, nid: str) -> str:
    return str(gg.node(nid).get("label", ""))


def rag_of(data: dict[str, Any]) -> str:
    rag = data.get("rag") or "UNKNOWN"
    return rag if rag in RAG_ORDER else "UNKNOWN"


def worst(rags: Iterable[str]) -> str | None:
    """The most severe status in RAG_ORDER (RED first); None for no statuses."""
    ordered = sorted(rags, key=lambda r: RAG_ORDER.get(r, RAG_ORDER["UNKNOWN"]))
    return ordered[0] if ordered else None


_NUM = re.compile(r"(\d+)")


def natural_key(text: str | None) -> tuple[Any, ...]:
    """Sort '2' before '10' and 'WS1P3' before 'WS1P10'."""
    return _natural_key(str(text or ""))


@lru_cache(maxsize=100_000)
def _natural_key(text: str) -> tuple[Any, ...]:  # sorting big results asks for the same keys often
    parts = _NUM.split(text.casefold())
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in parts)


def ref_sort_key(ref: NodeRef) -> tuple[Any, ...]:
    """Document and line, then printed ref, then id: the order a reader meets them."""
    return (ref.source.source_file or "", ref.source.source_line or 0, natural_key(ref.ref),
            natural_key(ref.name), ref.id)

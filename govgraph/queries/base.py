"""Pieces every question shares: how a node, a link and a path look in a result.

Results carry small `NodeRef`s rather than whole node records so `--json` stays readable and stable,
and every link carries its `Source` so an answer can always be traced back to a line of a plan.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from pydantic import BaseModel

from govgraph.model.order import natural_key  # noqa: F401  (moved to model/; re-exported for old imports)
from govgraph.model.rag import DONE, rag_of, worst  # noqa: F401  (likewise)

if TYPE_CHECKING:
    from govgraph.model.graph import GovGraph

CONTAINERS = ("WorkPackage", "Project", "Workstream", "Programme")
"""Labels that deliver actions (DELIVERED_BY) or contain each other (PART_OF)."""


class Source(BaseModel):
    """Where a node or link was read: file, line, and the words it came from."""

    source_file: str | None = None
    source_line: int | None = None
    quote: str | None = None
    source_location: str | None = None
    """Where in a Word, PDF or spreadsheet file, as a person finds it ("page 3, table 1, row 4")."""

    def where(self) -> str:
        """'plan.txt:12', or 'plan.pdf page 3, table 1, row 4' where the file is not plain text."""
        if not self.source_file:
            return ""
        if self.source_location:
            return f"{self.source_file} {self.source_location}"
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
    plan: str | None = None
    """For a plan, an action or a recommendation: the plan's short label ("HSCB plan"), shown before
    action and recommendation names when several plans are in view (`qualified_name`)."""

    rag_basis: str | None = None
    """For an action whose status was read from its progress text: the words that decided it."""

    def qualified_name(self, several_plans: bool) -> str:
        """'HSCB plan · Action 4: …' when several plans are in view, else the name."""
        return self.name if self.label == "Plan" else in_plan(self.plan, self.name, several_plans)


def in_plan(plan: str | None, words: str, several_plans: bool) -> str:
    """'HSCB plan · Action 4' when several plans are in view (and the plan is known), else the words: the one
    way tables, diagrams and packs say which plan an action or recommendation is in."""
    return f"{plan} · {words}" if several_plans and plan else words


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


_new = object.__new__
_SOURCE_FIELDS = set(Source.model_fields)
_REF_FIELDS = set(NodeRef.model_fields)
"""Shared by every ref built here: it holds every field, so pydantic's only write to it (adding the
name of a field assigned later) never changes it, and copies get their own."""


def node_ref(gg: GovGraph, nid: str) -> NodeRef:
    """The node as results show it, built like `build` (the values come from a loaded graph and are
    already of the right types) with the calls unrolled: a programme-wide answer makes 25,000."""
    d = gg.attrs[nid]
    get = d.get
    ref, label = get("ref"), get("label", "")
    source = _new(Source)
    _set(source, "__dict__", {"source_file": get("source_file"), "source_line": get("source_line"), "quote": None,
                              "source_location": get("source_location")})
    _set(source, "__pydantic_fields_set__", _SOURCE_FIELDS)
    _set(source, "__pydantic_extra__", None)
    _set(source, "__pydantic_private__", None)
    node = _new(NodeRef)
    _set(node, "__dict__", {"id": nid, "label": label if type(label) is str else str(label),
                            "name": name if type(name := get("name")) is str and name else display_name(nid, d),
                            "ref": None if ref is None else str(ref), "rag": get("rag"), "due": get("due"),
                            "source": source, "plan": get("plan_label"), "rag_basis": get("rag_basis")})
    _set(node, "__pydantic_fields_set__", _REF_FIELDS)
    _set(node, "__pydantic_extra__", None)
    _set(node, "__pydantic_private__", None)
    return node


class Refs:
    """NodeRefs made once per query call (a node shows up in many paths)."""

    def __init__(self, gg: GovGraph) -> None:
        self.gg = gg
        self._cache: dict[str, NodeRef] = {}
        self._steps: dict[tuple[str, str, str, bool], Step] = {}

    def __call__(self, nid: str) -> NodeRef:
        ref = self._cache.get(nid)
        if ref is None:
            ref = self._cache[nid] = node_ref(self.gg, nid)
        return ref

    def sort(self, ids: list[str]) -> list[NodeRef]:
        """The nodes' refs in reading order (`ref_sort_key`)."""
        return sort_refs([self(i) for i in ids])

    def step(self, a: str, b: str, rel: str, forward: bool = True) -> Step:
        """The link between walk positions a and b; the edge is a->b when forward, else b->a.

        Made once per call like the refs: chains and paths share their links."""
        key = (a, b, rel, forward)
        made = self._steps.get(key)
        if made is None:
            made = self._steps[key] = self._step(a, b, rel, forward)
        return made

    def _step(self, a: str, b: str, rel: str, forward: bool) -> Step:
        s, t = (a, b) if forward else (b, a)
        d = self.gg.edge_attrs(s, t, rel)
        return build(Step, from_node=self(a), to_node=self(b), type=rel, forward=forward,
                     source=build(Source, source_file=d.get("source_file"), source_line=d.get("source_line"),
                                  quote=d.get("quote"), source_location=d.get("source_location")))


def out_k(gg: GovGraph, nid: str, *rels: str) -> list[tuple[str, str]]:
    """(target, relationship) of out-edges, keys included (`GovGraph.out` drops them)."""
    return gg.out_keys(nid, *rels)


def in_k(gg: GovGraph, nid: str, *rels: str) -> list[tuple[str, str]]:
    """(source, relationship) of in-edges."""
    return gg.in_keys(nid, *rels)


def label_of(gg: GovGraph, nid: str) -> str:
    return str(gg.node(nid).get("label", ""))


def ref_sort_key(ref: NodeRef) -> tuple[Any, ...]:
    """Document and line, then printed ref, then name, then id: the order a reader meets them."""
    return (ref.source.source_file or "", ref.source.source_line or 0, natural_key(ref.ref),
            natural_key(ref.name), ref.id)


READING_KEY_BITS = 84
"""`reading_keys` are below 2 ** READING_KEY_BITS: 32 bits of document rank, 32 of line, 20 of tie rank."""


def reading_order(refs: Sequence[NodeRef]) -> list[int]:
    """Indices of `refs` sorted by `ref_sort_key`, computed without building that key for each."""
    keys = reading_keys(refs)
    return sorted(range(len(refs)), key=keys.__getitem__)


def reading_keys(refs: Sequence[NodeRef]) -> list[int]:
    """One integer per ref that sorts as `ref_sort_key` does.

    Document and line decide almost every comparison, so each key is the document's rank among those
    present, the line, and a rank among the refs sharing that line (ordered by the rest of the key).
    Programme-wide answers sort 15,000 refs or more; the tuple key cost 2.5 us each.
    """
    srcs = [r.source for r in refs]
    files = {f: i for i, f in enumerate(sorted({s.source_file or "" for s in srcs}))}
    keys = [(files[s.source_file or ""] << 52) | (int(s.source_line or 0) << 20) for s in srcs]
    if len(set(keys)) < len(keys):  # refs sharing a line: rank them by the rest of the key
        counts = Counter(keys)
        tied = sorted((k for k in range(len(refs)) if counts[keys[k]] > 1),
                      key=lambda k: (keys[k], ref_sort_key(refs[k])))
        last, rank = -1, 0
        for k in tied:
            rank = rank + 1 if keys[k] == last else 0
            last = keys[k]
            keys[k] |= rank
    return keys


def sort_refs(refs: Iterable[NodeRef]) -> list[NodeRef]:
    """Refs in reading order (`ref_sort_key`)."""
    refs = list(refs)
    return refs if len(refs) < 2 else [refs[i] for i in reading_order(refs)]

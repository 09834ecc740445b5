"""What a graph file must be before anything uses it: a regular file of bounded size whose records fit the model.

A file edited by hand, damaged, or written by something else could hold `rag: 5`, a reversed `PART_OF`, a
duplicate id or a 5,000-digit number. Loaded as it was, it broke later, in a query, a diagram or a board
pack, with a traceback far from the cause. Here each record is checked once, as it is read, against the
pydantic models of `govgraph.model.nodes` and the `ALLOWED` table of `govgraph.model.edges`, and the first
bad one stops the load with one message naming it.

The checks are plain type tests compiled once per label from the models' own field annotations
(declared once, in the models): building a pydantic model per node costs several times as much at
programme scale (see `tests/model/test_validate.py` and the README's "The graph file").
"""
from __future__ import annotations

import math
import os
import stat
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from govgraph.model.edges import ALLOWED, Edge
from govgraph.model.nodes import NODE_TYPES
from govgraph.outputs import file_kind

MAX_INT = 2**53 - 1
"""Integers beyond what JSON readers keep exactly (JavaScript's safe integers) are refused: no line
number, count or paragraph comes near, and a huge one only makes later arithmetic and printing slow."""

DEFAULT_MAX_GRAPH_MB = 1024
"""A graph file larger than this is refused unless GOVGRAPH_MAX_GRAPH_MB says more: 150 authorities
make about 58 MiB, and parsing takes roughly ten times the file's size in memory."""

MAX_GRAPH_ENV = "GOVGRAPH_MAX_GRAPH_MB"


class InvalidRecord(ValueError):
    """A record that does not fit the model; the message names it. The graph file reader adds the file."""


# ---- the file ---------------------------------------------------------------------------------
def max_graph_bytes() -> int:
    """The size limit in bytes: `govgraph --max-size graphs=SIZE`, else GOVGRAPH_MAX_GRAPH_MB when set to a
    positive number, else the default (govgraph.inputs holds every kind's limit)."""
    from govgraph.inputs import GRAPH, max_bytes

    return max_bytes(GRAPH)


class NotARegularFile(OSError):
    """A FIFO, device, socket or folder given as a graph file: refused before reading a byte."""


class TooLarge(OSError):
    """A graph file over the size limit: refused before reading it."""


def read_graph_bytes(path: Path, limit: int | None = None) -> bytes:
    """The whole file, if it is a regular file within `limit` bytes (default `max_graph_bytes()`).

    Opened without blocking and checked on the open descriptor, so a FIFO never hangs the open and
    /dev/zero is never read; a file that grows past the limit while being read is refused too."""
    limit = max_graph_bytes() if limit is None else limit
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NotARegularFile(f"is {file_kind(info.st_mode)}, not a regular file")
        if info.st_size > limit:
            raise TooLarge(_too_large(info.st_size, limit))
        with os.fdopen(os.dup(fd), "rb") as fh:
            data = fh.read(limit + 1)
        if len(data) > limit:
            raise TooLarge(_too_large(len(data), limit))
        return data
    finally:
        os.close(fd)


def _too_large(size: int, limit: int) -> str:
    return f"is {size_text(size)}, over the {size_text(limit)} limit for graph files"


def size_text(n: int) -> str:
    """A file size as people read it: bytes, KiB or MiB."""
    if n < 2**10:
        return f"{n:,} bytes"
    return f"{n / 2**20:,.1f} MiB" if n >= 2**20 else f"{n / 2**10:,.1f} KiB"


# ---- field specs, compiled from the models ----------------------------------------------------
@dataclass(frozen=True)
class FieldSpec:
    """The JSON types a field may hold; for a list its items' type; for an enum or Literal its values."""

    types: frozenset[type]
    item: type | None = None
    choices: frozenset[Any] | None = None
    words: str = ""

    def problem(self, value: Any) -> str | None:
        """Why `value` does not fit (None when it does)."""
        t = type(value)
        if t not in self.types:
            return self.words
        if t is int:
            return None if -MAX_INT <= value <= MAX_INT else "an integer out of range"
        if t is list and self.item is not None:
            item = self.item
            for v in value:
                if type(v) is not item or (item is int and not -MAX_INT <= v <= MAX_INT):
                    return self.words
        elif t is dict and self.item is not None:
            if any(type(k) is not str or type(v) is not str for k, v in value.items()):
                return self.words
        elif self.choices is not None and value is not None and value not in self.choices:
            return self.words
        return None


_NAMES = {str: "a string", int: "an integer", bool: "true or false"}


def spec_for(annotation: Any) -> FieldSpec:
    """The check for one field annotation of the node models (str, int | None, list[str], Rag...)."""
    args = typing.get_args(annotation)
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        base = spec_for(inner[0]) if len(inner) == 1 else FieldSpec(frozenset(), words="a value")
        return FieldSpec(base.types | {type(None)}, base.item, base.choices, f"{base.words} or null")
    if origin is list:
        return FieldSpec(frozenset({list}), args[0], words=f"a list of {_NAMES[args[0]].split(' ', 1)[1]}s")
    if origin is dict:
        return FieldSpec(frozenset({dict}), str, words="a mapping of strings to strings")
    if origin is typing.Literal:
        return FieldSpec(frozenset({str}), choices=frozenset(args), words=f"one of {', '.join(args)}")
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        values = [m.value for m in annotation]
        return FieldSpec(frozenset({str}), choices=frozenset(values), words=f"one of {', '.join(values)}")
    return FieldSpec(frozenset({annotation}), words=_NAMES[annotation])


EXTRA_FIELDS: dict[str, FieldSpec] = {
    "source_location": spec_for(str | None), "plan_label": spec_for(str | None),
    "short_name": spec_for(str | None), "title_source": spec_for(str | None),
    "programme_ref_issues": spec_for(list[str]), "also_from": spec_for(list[str]),
}
"""Fields the loader adds beyond the models (`locations.py`, `plan_names.py`, `builder.py`)."""

_LEAF = frozenset({str, int, float, bool, type(None)})


def _extra_problem(value: Any) -> str | None:
    """Any other field: a JSON scalar, or a flat list or mapping of scalars (nothing nested to recurse on)."""
    t = type(value)
    if t in _LEAF:
        return _scalar_problem(value)
    items = value if t is list else value.values() if t is dict else None
    if items is None:
        return "not a JSON value"
    for v in items:
        if type(v) not in _LEAF:
            return "nested more than one level"
        problem = _scalar_problem(v)
        if problem:
            return problem
    return None


def _scalar_problem(value: Any) -> str | None:
    if type(value) is int and not -MAX_INT <= value <= MAX_INT:
        return "an integer out of range"
    if type(value) is float and not math.isfinite(value):
        return "not a finite number"
    return None


Spec = tuple[dict[str, FieldSpec], dict[str, frozenset[type]], tuple[str, ...]]


def _compile(model: type, skip: tuple[str, ...] = ("id",)) -> Spec:
    """A model's fields as checks (plus the loader's extras), the ones a type test decides, and the
    required ones."""
    model_fields = model.model_fields  # type: ignore[attr-defined]
    fields = {**EXTRA_FIELDS, **{n: spec_for(f.annotation) for n, f in model_fields.items() if n not in skip}}
    simple = {n: f.types for n, f in fields.items() if f.choices is None and not f.types & {list, dict}}
    required = tuple(n for n, f in model_fields.items() if f.is_required() and n not in skip)
    return fields, simple, required


NODE_SPECS: dict[str, Spec] = {label: _compile(model) for label, model in NODE_TYPES.items()}
_EDGE_FIELDS, _EDGE_SIMPLE, _ = _compile(Edge, skip=("source", "target"))
_OPT_INT = spec_for(int | None)


# ---- records ----------------------------------------------------------------------------------
def check_node(nid: Any, attrs: Mapping[str, Any]) -> None:
    """Raise InvalidRecord unless the node's attributes (without `id`) fit its label's model."""
    if type(nid) is not str:
        raise InvalidRecord(f"a node has no string id ({_show(nid)})")
    label = attrs.get("label")
    spec = NODE_SPECS.get(label) if type(label) is str else None
    if spec is None:
        raise InvalidRecord(f"node {_show(nid)}: label {_show(label)} is not one of {', '.join(NODE_SPECS)}")
    fields, simple, required = spec
    bad = _bad_field(attrs, fields, simple)
    if bad:
        raise InvalidRecord(f"node {_show(nid)} ({label}): {bad}")
    for key in required:
        if key not in attrs:
            raise InvalidRecord(f"node {_show(nid)} ({label}): no '{key}'")


def check_edge(source: Any, target: Any, key: Any, attrs: Mapping[str, Any], labels: Mapping[str, Any]) -> None:
    """Raise InvalidRecord unless the edge's type, its endpoints' labels and its fields fit the schema.

    `labels` maps node ids to their labels (the nodes already read). Messages are only built on failure:
    a programme has over 100,000 edges."""
    allowed = ALLOWED.get(key) if type(key) is str else None
    pair = (labels.get(source), labels.get(target)) if type(source) is str and type(target) is str else None
    if allowed is None or pair not in allowed or source == target:
        raise InvalidRecord(_edge_name(source, key, target) + ": " + _edge_problem(source, target, key, labels))
    if attrs.get("type", key) != key:
        raise InvalidRecord(f"{_edge_name(source, key, target)}: its 'type' is {_show(attrs.get('type'))}")
    bad = _bad_field(attrs, _EDGE_FIELDS, _EDGE_SIMPLE)  # 'type' is a string equal to the key: checked above
    if bad:
        raise InvalidRecord(f"{_edge_name(source, key, target)}: {bad}")
    if "source_file" not in attrs:
        raise InvalidRecord(f"{_edge_name(source, key, target)}: no 'source_file'")


def _bad_field(attrs: Mapping[str, Any], fields: Mapping[str, FieldSpec], simple: Mapping[str, frozenset[type]]
               ) -> str | None:
    """The first field that does not fit, in words (None when all do). Most fields are strings, numbers
    or booleans whose type (and range) decides: those take one set lookup and no call.

    (Caching record shapes so that only lists and enums are looked at was tried: building the shape
    cost more than it saved.)"""
    for key, value in attrs.items():
        t = type(value)
        types_ok = simple.get(key)
        if types_ok is not None and t in types_ok and (t is not int or -MAX_INT <= value <= MAX_INT):
            continue
        field = fields.get(key)
        problem = _extra_problem(value) if field is None else field.problem(value)
        if problem:
            return f"'{key}' is {_show(value)}, not {problem}"
    return None


def _edge_name(source: Any, key: Any, target: Any) -> str:
    return f"edge {_show(source)} -[{key if type(key) is str and key in ALLOWED else _show(key)}]-> {_show(target)}"


def _edge_problem(source: Any, target: Any, key: Any, labels: Mapping[str, Any]) -> str:
    if type(source) is not str or type(target) is not str:
        return "source and target must be node ids (strings)"
    if type(key) is not str or key not in ALLOWED:
        return f"{_show(key)} is not a relationship type ({', '.join(ALLOWED)})"
    if source not in labels or target not in labels:
        return "joins a node that is not in the file"
    if source == target:
        return "joins a node to itself"
    ok = "; ".join(f"{a} -> {b}" for a, b in sorted(ALLOWED[key]))
    return f"{labels[source]} -> {labels[target]} is not allowed for {key} (only {ok})"


def check_meta(meta: Any) -> None:
    """The graph's own attributes: `documents` and `warnings` lists of records, no huge numbers."""
    if type(meta) is not dict:
        raise InvalidRecord("'graph' is not a mapping")
    for key in ("documents", "warnings"):
        if type(meta.get(key, [])) is not list:
            raise InvalidRecord(f"'graph.{key}' is not a list")
    for w in meta.get("warnings", []):
        if not (type(w) is dict and type(w.get("source_file")) is str and type(w.get("rule")) is str
                and type(w.get("message")) is str):
            raise InvalidRecord(f"a warning lacks source_file, rule or message: {_show(w)}")
        problem = _OPT_INT.problem(w.get("source_line"))
        if problem:
            raise InvalidRecord(f"a warning's 'source_line' is {_show(w.get('source_line'))}, not {problem}")
    for d in meta.get("documents", []):
        if type(d) is not dict or type(d.get("source_file")) is not str:
            raise InvalidRecord(f"a document record lacks its source_file: {_show(d)}")


def _show(value: Any, width: int = 60) -> str:
    """A value for a message: repr, cut short (a 5,000-digit number or a long text stays readable)."""
    if type(value) is int and abs(value) > MAX_INT:
        return f"an integer of about {int(value.bit_length() * math.log10(2)) + 1:,} digits"
    text = repr(value)
    return text if len(text) <= width else text[: width - 1] + "…"

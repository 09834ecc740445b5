"""One input policy for every file govgraph reads: regular files only, a size limit per kind, YAML without bombs.

A FIFO would hang a read for ever and /dev/zero would fill memory, so each input is opened without
blocking and checked on the open descriptor before a byte is read (the graph file reader's helper,
`govgraph.model.validate.read_graph_bytes`, reused here with each kind's limit). YAML (overlays,
vocabularies) is scanned as a stream of events first, which PyYAML does without recursion: an alias
or anchor (a "billion laughs") or nesting deeper than `MAX_YAML_DEPTH` is refused before anything is
composed or expanded.

Each limit is raised by its environment variable or, for one `govgraph load`, by `--max-size KIND=SIZE`
(`raised_limits`), which wins over the variable.
"""
from __future__ import annotations

import math
import os
import re
import stat
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import yaml

from govgraph.model.validate import (DEFAULT_MAX_GRAPH_MB, MAX_GRAPH_ENV, NotARegularFile, TooLarge,
                                     read_graph_bytes, size_text)
from govgraph.outputs import file_kind


@dataclass(frozen=True)
class InputKind:
    """A kind of input file: its name in messages, the variable that raises its limit, its default limit."""

    name: str
    env: str
    default_mb: float


PLAN = InputKind("plans", "GOVGRAPH_MAX_PLAN_MB", 200)
"""The largest published plan seen is a 40 MB PDF; a text plan of 200 MiB is already unworkable."""
OVERLAY = InputKind("overlays", "GOVGRAPH_MAX_OVERLAY_MB", 16)
VOCABULARY = InputKind("vocabularies", "GOVGRAPH_MAX_VOCAB_MB", 16)
"""Overlays and vocabularies are hand-written YAML of a few KiB; 16 MiB leaves room for generated ones."""

GRAPH = InputKind("graphs", MAX_GRAPH_ENV, DEFAULT_MAX_GRAPH_MB)
"""A graph file (its default and variable are the model's: govgraph/model/validate.py)."""

MAX_YAML_DEPTH = 64
"""Overlays nest three levels and vocabularies four; 64 is far beyond any real file."""


KINDS: dict[str, InputKind] = {"plans": PLAN, "plan": PLAN, "overlays": OVERLAY, "overlay": OVERLAY,
                               "vocabularies": VOCABULARY, "vocabulary": VOCABULARY, "vocab": VOCABULARY,
                               "graphs": GRAPH, "graph": GRAPH}
"""The names `--max-size` takes for each kind."""
_UNITS = {"": 2**20, "b": 1, "k": 2**10, "kb": 2**10, "kib": 2**10, "m": 2**20, "mb": 2**20, "mib": 2**20,
          "g": 2**30, "gb": 2**30, "gib": 2**30}
"""Sizes are binary, as the messages print them; a bare number is MiB, as in the environment variables."""
_SIZE = re.compile(r"\s*(\d+(?:\.\d*)?|\.\d+)\s*([a-z]*)\s*", re.IGNORECASE)
_RAISED: dict[str, int] = {}
"""Limits given on the command line, by the kind's variable name: they win over the environment."""


def parse_max_size(spec: str) -> tuple[InputKind, int]:
    """`KIND=SIZE` (`plans=500MB`, `overlays=64`, `vocab=1GiB`) as (kind, bytes); ValueError says what is wrong.

    >>> kind, size = parse_max_size("plans=1.5GiB"); kind.name, size
    ('plans', 1610612736)
    """
    name, sep, size = spec.partition("=")
    kind = KINDS.get(name.strip().lower())
    if not sep or kind is None:
        raise ValueError(f"{spec!r} is not KIND=SIZE with KIND one of plans, overlays, vocabularies, graphs "
                         "(e.g. plans=500MB)")
    m = _SIZE.fullmatch(size)
    unit = _UNITS.get(m.group(2).lower()) if m else None
    if m is None or unit is None or not 0 < float(m.group(1)) * unit < 2**63:
        raise ValueError(f"{size.strip()!r} is not a size: a positive number with an optional unit "
                         "(B, KB, MB, GB; binary, a bare number is MB)")
    return kind, max(1, int(float(m.group(1)) * unit))


def raise_limits(limits: Mapping[InputKind, int]) -> None:
    """For the rest of the process, each kind's limit is the given number of bytes (`govgraph --max-size`)."""
    _RAISED.update({kind.env: n for kind, n in limits.items()})


@contextmanager
def raised_limits(limits: Mapping[InputKind, int]) -> Iterator[None]:
    """Within the block, each kind's limit is the given number of bytes (the command line's `--max-size`)."""
    before = dict(_RAISED)
    _RAISED.update({kind.env: n for kind, n in limits.items()})
    try:
        yield
    finally:
        _RAISED.clear()
        _RAISED.update(before)


def max_bytes(kind: InputKind) -> int:
    """The size limit in bytes: `--max-size` for this kind if given, else the kind's environment variable
    when set to a positive number, else the default."""
    if kind.env in _RAISED:
        return _RAISED[kind.env]
    raw = os.environ.get(kind.env, "").strip()
    try:
        mb = float(raw) if raw else kind.default_mb
    except ValueError:
        mb = kind.default_mb
    return int((mb if mb > 0 and math.isfinite(mb) else kind.default_mb) * 2**20)


def read_input(path: Path, kind: InputKind) -> bytes:
    """The whole file if it is a regular file within the kind's limit; else NotARegularFile or TooLarge
    (OSErrors whose message says why and how to raise the limit)."""
    limit = max_bytes(kind)
    try:
        return read_graph_bytes(path, limit)
    except TooLarge:
        raise TooLarge(_too_large(path, kind, limit)) from None


def check_input(path: Path, kind: InputKind) -> None:
    """Refuse, without reading it, a path that is not a regular file or is over the kind's limit; for
    readers (Word, Excel, PDF) that open the file themselves."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
    finally:
        os.close(fd)
    if not stat.S_ISREG(info.st_mode):
        raise NotARegularFile(f"is {file_kind(info.st_mode)}, not a regular file")
    limit = max_bytes(kind)
    if info.st_size > limit:
        raise TooLarge(_too_large(path, kind, limit, info.st_size))


def _too_large(path: Path, kind: InputKind, limit: int, size: int | None = None) -> str:
    if size is None:
        try:
            size = path.stat().st_size
        except OSError:
            size = limit + 1
    return f"is {size_text(size)}, over the {size_text(limit)} limit for {kind.name} ({how_to_raise(kind)})"


def how_to_raise(kind: InputKind) -> str:
    """The words a size-limit message ends with."""
    return f"set {kind.env} or pass `--max-size {kind.name}=SIZE` to raise it"





class UnsafeYaml(ValueError):
    """YAML refused before composing: an alias or anchor, or nesting too deep. `line` is 1-based."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


def check_yaml_events(text: str, line_of_mark: Callable[[yaml.Mark], int] | None = None) -> None:
    """Raise UnsafeYaml at the first alias, anchor or over-deep nesting; YAML syntax errors propagate as
    PyYAML raises them. The event parser is iterative, so this never hits the recursion limit."""
    line = line_of_mark or (lambda mark: mark.line + 1)
    depth = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.AliasEvent):
            raise UnsafeYaml(f"aliases (*{event.anchor}) are not allowed; write the value out in full",
                             line(event.start_mark))
        if isinstance(event, yaml.NodeEvent) and event.anchor is not None:
            raise UnsafeYaml(f"anchors (&{event.anchor}) are not allowed; write each value out in full",
                             line(event.start_mark))
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_YAML_DEPTH:
                raise UnsafeYaml(f"nested more than {MAX_YAML_DEPTH} levels deep", line(event.start_mark))
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


__all__ = ["InputKind", "PLAN", "OVERLAY", "VOCABULARY", "GRAPH", "KINDS", "raise_limits", "MAX_YAML_DEPTH", "max_bytes", "parse_max_size",
           "raised_limits", "how_to_raise", "read_input",
           "check_input", "check_yaml_events", "UnsafeYaml", "NotARegularFile", "TooLarge"]

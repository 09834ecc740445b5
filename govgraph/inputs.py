"""One input policy for every file govgraph reads: regular files only, a size limit per kind, YAML without bombs.

A FIFO would hang a read for ever and /dev/zero would fill memory, so each input is opened without
blocking and checked on the open descriptor before a byte is read (the graph file reader's helper,
`govgraph.model.validate.read_graph_bytes`, reused here with each kind's limit). YAML (overlays,
vocabularies) is scanned as a stream of events first, which PyYAML does without recursion: an alias
or anchor (a "billion laughs") or nesting deeper than `MAX_YAML_DEPTH` is refused before anything is
composed or expanded.
"""
from __future__ import annotations

import math
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml

from govgraph.model.validate import NotARegularFile, TooLarge, read_graph_bytes
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

MAX_YAML_DEPTH = 64
"""Overlays nest three levels and vocabularies four; 64 is far beyond any real file."""


def max_bytes(kind: InputKind) -> int:
    """The size limit in bytes, from the kind's environment variable when set to a positive number."""
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
    return f"is {_size(size)}, over the {_size(limit)} limit for {kind.name} (set {kind.env} to raise it)"


def _size(n: int) -> str:
    if n < 2**10:
        return f"{n:,} bytes"
    return f"{n / 2**20:,.1f} MiB" if n >= 2**20 else f"{n / 2**10:,.1f} KiB"


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


__all__ = ["InputKind", "PLAN", "OVERLAY", "VOCABULARY", "MAX_YAML_DEPTH", "max_bytes", "read_input",
           "check_input", "check_yaml_events", "UnsafeYaml", "NotARegularFile", "TooLarge"]

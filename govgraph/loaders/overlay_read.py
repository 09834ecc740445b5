"""Reading an overlay file: YAML with the line of every key, and messages that name file and line.

`parse_yaml` checks the types (pydantic) and records where each value was written; the checks that
need more than the types are in `overlay_check`. Every problem raises `OverlayError`; several
problems in one file are reported together, first line first.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn, get_args

import yaml
from pydantic import ValidationError

from govgraph.errors import OverlayError
from govgraph.inputs import OVERLAY, NotARegularFile, TooLarge, UnsafeYaml, check_yaml_events, read_input
from govgraph.loaders.overlay_schema import BoardEntry, Loc, Overlay, PlanEntry, RoleEntry, line_at
from govgraph.loaders.text import decode
from govgraph.model.nodes import BoardKind


def overlay_text(path: str | Path) -> str:
    """The text of an overlay file; a missing, unreadable, oversized or non-regular file (a FIFO,
    /dev/zero) raises `OverlayError` naming it, before reading a byte."""
    p = Path(path)
    shown = str(path)
    try:
        return decode(read_input(p, OVERLAY))  # an overlay saved by Notepad may be UTF-16 or cp1252
    except (NotARegularFile, TooLarge) as exc:
        raise OverlayError(str(exc), source_file=shown) from None
    except FileNotFoundError:
        raise OverlayError("overlay file not found", source_file=shown) from None
    except IsADirectoryError:
        raise OverlayError("overlay path is a directory, not a YAML file", source_file=shown) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise OverlayError(f"cannot read overlay file ({exc})", source_file=shown) from None


def parse_yaml(text: str, source_file: str = "<overlay>") -> Overlay:
    """Overlay YAML text as an `Overlay` whose types are valid, each value's line attached."""
    line_of_mark = _line_counter(text)
    try:
        check_yaml_events(text, line_of_mark)  # before composing: no alias expansion, no deep recursion
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except UnsafeYaml as exc:
        raise OverlayError(f"invalid YAML: {exc}", source_file=source_file, line=exc.line) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "syntax error"
        if exc.context and exc.problem:
            started = f" started on line {line_of_mark(exc.context_mark)}" if exc.context_mark else ""
            problem += f" ({exc.context}{started})"
        raise OverlayError(f"invalid YAML: {problem}", source_file=source_file,
                           line=line_of_mark(mark) if mark else None) from None
    except yaml.YAMLError as exc:
        raise OverlayError(f"invalid YAML: {exc}", source_file=source_file) from None
    if root is None:
        raise OverlayError("the overlay is empty; it needs at least 'authority:'", source_file=source_file)
    if not isinstance(root, yaml.MappingNode) or not isinstance(data, dict):
        raise OverlayError("the top level must be a mapping with the keys 'authority', 'boards' and 'roles'",
                           source_file=source_file, line=line_of_mark(root.start_mark))
    lines: dict[Loc, int] = {}
    _index(root, (), lines, source_file, line_of_mark)
    try:
        overlay = Overlay.model_validate(data)
    except ValidationError as exc:
        problems = [(line_at(lines, tuple(e["loc"])), _describe(e)) for e in exc.errors()]
        raise_problems(problems, source_file)
    overlay.attach_source(source_file, lines)
    return overlay


def _index(node: yaml.Node, loc: Loc, lines: dict[Loc, int], source_file: str,
           line_of_mark: "Callable[[yaml.Mark], int]") -> None:
    """Record the line of every node, keyed by its path; mapping entries use their key's line."""
    lines.setdefault(loc, line_of_mark(node.start_mark))
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            k = key.value if isinstance(key, yaml.ScalarNode) else str(key.value)
            if k in seen:
                raise OverlayError(f"{loc_path(loc) or 'top level'}: duplicate key '{k}'",
                                   source_file=source_file, line=line_of_mark(key.start_mark))
            seen.add(k)
            lines[loc + (k,)] = line_of_mark(key.start_mark)
            _index(value, loc + (k,), lines, source_file, line_of_mark)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _index(item, loc + (i,), lines, source_file, line_of_mark)


def _line_counter(text: str) -> "Callable[[yaml.Mark], int]":
    """Line numbers as an editor shows them. YAML also breaks lines at NEL, U+2028, U+2029 and a lone
    CR, which would push its own numbers past the real line; count '\\n' up to the mark instead."""
    breaks = [m.start() for m in re.finditer("\n", text)]
    if len(breaks) == len(re.findall("[\n\r\x85\u2028\u2029]", text)):
        return lambda mark: mark.line + 1
    return lambda mark: bisect.bisect_left(breaks, mark.index) + 1


def loc_path(loc: Loc) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


_ALLOWED_KEYS = {
    "Overlay": list(Overlay.model_fields),
    "boards": list(BoardEntry.model_fields),
    "roles": list(RoleEntry.model_fields),
    "plans": list(PlanEntry.model_fields),
}
_KINDS = ", ".join(get_args(BoardKind))


def _describe(err: dict[str, Any]) -> str:
    """One readable sentence for one pydantic error."""
    loc: Loc = tuple(err["loc"])
    if err["type"] != "extra_forbidden":
        # pydantic adds the union member to the loc of some errors ('chair', 'str'); drop it
        loc = tuple(p for p in loc if isinstance(p, int) or p in _FIELD_NAMES)
    where = loc_path(loc)
    typ = err["type"]
    value = err.get("input")
    if typ == "extra_forbidden":
        parent, key = loc[:-1], loc[-1]
        section = "Overlay" if not parent else str(parent[0])
        allowed = ", ".join(_ALLOWED_KEYS.get(section, []))
        return f"{loc_path(parent) or 'top level'}: unknown key '{key}' (allowed: {allowed})"
    if typ == "missing":
        parent, key = loc[:-1], loc[-1]
        return f"{loc_path(parent) or 'top level'}: missing required key '{key}'"
    if typ == "literal_error" and loc and loc[-1] == "kind":
        return f"{where}: unknown kind {value!r} (one of: {_KINDS})"
    if typ == "string_too_short":
        return f"{where}: empty name"
    if typ == "string_pattern_mismatch":
        return f"{where}: {value!r} is not initials (1 to 4 capital letters, e.g. 'AB')"
    if typ == "string_type":
        return f"{where}: expected text, got {_yaml_type(value)}"
    if typ == "list_type":
        return f"{where}: expected a list, got {_yaml_type(value)}"
    if typ in ("model_type", "model_attributes_type", "dict_type"):
        return f"{where}: expected a mapping of keys, got {_yaml_type(value)}"
    return f"{where}: {err['msg']}"


_FIELD_NAMES = (set(Overlay.model_fields) | set(BoardEntry.model_fields) | set(RoleEntry.model_fields)
                | set(PlanEntry.model_fields))


def _yaml_type(value: Any) -> str:
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"a yes/no value ({str(value).lower()})"
    if isinstance(value, (int, float)):
        return f"a number ({value})"
    if isinstance(value, str):
        return f"text ({value!r})"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def raise_problems(problems: list[tuple[int | None, str]], source_file: str) -> NoReturn:
    """Raise one `OverlayError` for all `problems`: the first (by line) leads, the others follow it."""
    problems = sorted(problems, key=lambda p: (p[0] or 0, p[1]))
    line, message = problems[0]
    for other_line, other in problems[1:]:
        at = f"{source_file}:{other_line}: " if other_line else f"{source_file}: "
        message += f"\n  {at}{other}"
    raise OverlayError(message, source_file=source_file, line=line)


__all__ = ["overlay_text", "parse_yaml", "loc_path", "raise_problems"]

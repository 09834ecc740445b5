"""The shape a user vocabulary file must have, checked on the YAML nodes so every problem has its line.

A wrong type (`columns: 5`), an empty value (`board_heads:`), a regular expression that does not compile
(`lead_separators: ["("]`), an unknown key, or a graph JSON passed as `--vocab` would otherwise be
accepted and fail later with a traceback, or be ignored silently. Each is one `VocabularyError` naming
the file and line; several problems in one file are listed together, first line first.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Union

import yaml

from govgraph.errors import VocabularyError
from govgraph.inputs import UnsafeYaml, check_yaml_events

_STR, _INT, _NULL = "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:null"


@dataclass(frozen=True)
class Scalar:
    """A single value: text (optionally a regular expression), a whole number, or text or nothing."""

    tags: frozenset[str]
    words: str
    regex: bool = False


@dataclass(frozen=True)
class ListOf:
    item: "Spec"


@dataclass(frozen=True)
class MapOf:
    """A mapping whose keys the user chooses (column roles, statuses, board kinds)."""

    value: "Spec"


@dataclass(frozen=True)
class Record:
    """A mapping with a fixed set of keys, all optional in a user file (it is merged over the default)."""

    fields: dict[str, "Spec"] = field(default_factory=dict)


Spec = Union[Scalar, ListOf, MapOf, Record]

TEXT = Scalar(frozenset({_STR}), "text")
REGEX = Scalar(frozenset({_STR}), "a regular expression", regex=True)
NUMBER = Scalar(frozenset({_INT}), "a whole number")
TEXT_OR_NOTHING = Scalar(frozenset({_STR, _NULL}), "text or nothing")
WORDS, PATTERNS = ListOf(TEXT), ListOf(REGEX)

SCHEMA = Record({
    "columns": MapOf(WORDS), "rag": MapOf(WORDS), "rag_from_progress": MapOf(PATTERNS),
    "rag_progress_context": Record({
        "clause_breaks": PATTERNS, "window": NUMBER, "auxiliaries": PATTERNS,
        "modifiers": MapOf(Record({"before": PATTERNS, "after": PATTERNS, "shift": MapOf(TEXT_OR_NOTHING)})),
    }),
    "no_date_words": WORDS, "abbreviations": MapOf(TEXT), "council_kinds": WORDS, "name_stopwords": WORDS,
    "safeguarding_board": Record({"canonical": TEXT, "generic": WORDS}),
    "board_heads": MapOf(WORDS), "not_boards": WORDS, "role_heads": WORDS, "title_prefixes": WORDS,
    "chair_qualifiers": WORDS, "posts": WORDS, "programme_levels": ListOf(WORDS), "lead_separators": PATTERNS, "authorities": WORDS, "authority_short": MapOf(TEXT),
    "plan_dates": Record({"markers": WORDS, "gap_words": NUMBER, "past": WORDS, "future": WORDS,
                          "other_documents": WORDS, "before_date": WORDS}),
})
"""Mirrors govgraph/vocab/default.yaml; tests/loaders/test_input_policy.py checks the default fits it."""

_GRAPH_KEYS = {"nodes", "links", "edges", "directed", "multigraph", "graph"}
Problem = tuple[int, str]


def parse_vocabulary(text: str, source_file: str) -> dict[str, Any]:
    """A user vocabulary's data once its YAML is safe and its shape fits SCHEMA; else VocabularyError."""
    try:
        check_yaml_events(text)
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except UnsafeYaml as exc:
        raise VocabularyError(f"invalid YAML: {exc}", source_file=source_file, line=exc.line) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise VocabularyError(f"invalid YAML: {exc.problem or exc.context or 'syntax error'}",
                              source_file=source_file, line=mark.line + 1 if mark else None) from None
    except yaml.YAMLError as exc:
        raise VocabularyError(f"invalid YAML: {exc}", source_file=source_file) from None
    if root is None:
        return {}
    if isinstance(root, yaml.MappingNode) and _GRAPH_KEYS & {k.value for k, _ in root.value}:
        raise VocabularyError("this is a graph file, not a vocabulary (a YAML file of words, see "
                              "govgraph/vocab/default.yaml)", source_file=source_file, line=1)
    problems = check_node(root, SCHEMA, "")
    if problems:
        problems.sort()
        line, message = problems[0]
        for other_line, other in problems[1:]:
            message += f"\n  {source_file}:{other_line}: {other}"
        raise VocabularyError(message, source_file=source_file, line=line)
    data = yaml.safe_load(text)
    return data if isinstance(data, dict) else {}


def check_node(node: yaml.Node, spec: Spec, where: str) -> list[Problem]:
    """Every way `node` (at dotted path `where`) differs from `spec`, with its line."""
    if isinstance(spec, Scalar):
        return _scalar(node, spec, where)
    if isinstance(spec, ListOf):
        if not isinstance(node, yaml.SequenceNode):
            return [_wrong(node, where, f"a list of {_describe(spec.item)}")]
        return [p for i, item in enumerate(node.value) for p in check_node(item, spec.item, f"{where}[{i}]")]
    if not isinstance(node, yaml.MappingNode):
        return [_wrong(node, where, "a mapping of keys")]
    problems: list[Problem] = []
    for key, value in node.value:
        name = key.value if isinstance(key, yaml.ScalarNode) else ""
        path = f"{where}.{name}" if where else name
        if not isinstance(key, yaml.ScalarNode) or key.tag != _STR:
            problems.append(_wrong(key, f"{where or 'top level'} key", "text"))
        elif isinstance(spec, MapOf):
            problems += check_node(value, spec.value, path)
        elif name not in spec.fields:
            allowed = ", ".join(spec.fields)
            problems.append((_line(key), f"{where or 'top level'}: unknown key '{name}' (allowed: {allowed})"))
        else:
            problems += check_node(value, spec.fields[name], path)
    return problems


def _describe(spec: Spec) -> str:
    if isinstance(spec, Scalar):
        return spec.words
    if isinstance(spec, ListOf):
        return f"lists of {_describe(spec.item)}"
    return "mappings"


def _scalar(node: yaml.Node, spec: Scalar, where: str) -> list[Problem]:
    if not isinstance(node, yaml.ScalarNode) or node.tag not in spec.tags:
        return [_wrong(node, where, spec.words)]
    if spec.regex:
        try:
            re.compile(node.value)
        except (re.error, RecursionError, OverflowError) as exc:
            return [(_line(node), f"{where}: {node.value!r} is not a valid regular expression ({exc})")]
    return []


def _wrong(node: yaml.Node, where: str, expected: str) -> Problem:
    return (_line(node), f"{where or 'top level'}: expected {expected}, got {_describe(node)}")


def _describe(node: yaml.Node) -> str:
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if node.tag == _NULL:
        return "nothing (an empty value)"
    if node.tag == _STR:
        return f"text ({node.value[:60]!r})"
    kind = {"int": "a number", "float": "a number", "bool": "a yes/no value"}
    tag = node.tag.rsplit(":", 1)[-1]
    return f"{kind.get(tag, tag)} ({node.value[:60]})"


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1


__all__ = ["SCHEMA", "parse_vocabulary", "check_node"]

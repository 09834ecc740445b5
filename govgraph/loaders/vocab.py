"""The declarative vocabularies (column synonyms, RAG spellings, abbreviations, board words).

Loaded once from `govgraph/vocab/default.yaml`, optionally merged with a user file.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from govgraph.errors import GovgraphError, VocabularyError
from govgraph.inputs import VOCABULARY, NotARegularFile, TooLarge, read_input
from govgraph.loaders.text import decode
from govgraph.loaders.vocab_schema import parse_vocabulary


@dataclass(frozen=True)
class Modifier:
    """Words that change a status phrase they govern ("not", "will", "partially"), and how."""
    name: str
    before: re.Pattern[str] | None
    after: re.Pattern[str] | None
    shift: dict[str, str | None]


@dataclass(frozen=True)
class ProgressContext:
    """How progress prose is cut into clauses and which words govern a phrase within one."""
    clause_break: re.Pattern[str]
    window: int
    auxiliary: re.Pattern[str] | None
    modifiers: tuple[Modifier, ...]


class Vocabulary:
    """Typed access to the vocabulary data, with compiled patterns cached."""

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data

    @classmethod
    def default(cls) -> "Vocabulary":
        return _default()

    @classmethod
    def with_user_file(cls, path: str | Path | None) -> "Vocabulary":
        base = _default()
        if path is None:
            return base
        p = Path(path)
        user = parse_vocabulary(_vocab_text(p), str(p))
        _check_levels(user.get("programme_levels") or [], str(p))
        return cls(_merge(base.data, user))

    @cached_property
    def columns(self) -> dict[str, list[str]]:
        return self.data["columns"]

    @cached_property
    def rag_spellings(self) -> dict[str, str]:
        out: dict[str, str] = {}
        for status, words in self.data["rag"].items():
            for w in words:
                out[w.casefold()] = status
        return out

    @cached_property
    def rag_from_progress(self) -> list[tuple[str, re.Pattern[str]]]:
        """(status, phrase) in vocabulary order; the order of the statuses is their priority."""
        statuses = self.data["rag_from_progress"]
        _check_statuses(statuses, "rag_from_progress")
        return [(status, re.compile(p, re.I)) for status, pats in statuses.items() for p in pats]

    @cached_property
    def rag_progress_context(self) -> ProgressContext:
        """The words that govern a status phrase in progress prose (negation, tense, hedging)."""
        ctx = self.data.get("rag_progress_context") or {}
        mods = []
        for name, spec in (ctx.get("modifiers") or {}).items():
            shift = dict(spec.get("shift") or {})
            _check_statuses([*shift, *(v for v in shift.values() if v is not None)],
                            f"rag_progress_context.modifiers.{name}.shift")
            mods.append(Modifier(name, _words(spec.get("before")), _words(spec.get("after")), shift))
        breaks = "|".join(f"(?:{p})" for p in ctx.get("clause_breaks", [])) or r"(?!)"
        return ProgressContext(clause_break=re.compile(breaks, re.I), window=int(ctx.get("window", 6)),
                               auxiliary=_words(ctx.get("auxiliaries")), modifiers=tuple(mods))

    @cached_property
    def no_date_words(self) -> set[str]:
        return {w.casefold() for w in self.data["no_date_words"]}

    @cached_property
    def abbreviations(self) -> dict[str, str]:
        return {k.casefold(): v.casefold() for k, v in self.data["abbreviations"].items()}

    @cached_property
    def name_stopwords(self) -> set[str]:
        return set(self.data["name_stopwords"])

    @cached_property
    def board_heads(self) -> list[tuple[str, str]]:
        """(head phrase, kind), longest phrase first so 'programme board' beats 'board'."""
        pairs = [(h.casefold(), kind) for kind, heads in self.data["board_heads"].items() for h in heads]
        return sorted(pairs, key=lambda p: -len(p[0]))

    @cached_property
    def not_boards(self) -> set[str]:
        return {w.casefold() for w in self.data["not_boards"]}

    @cached_property
    def role_heads(self) -> list[str]:
        return sorted((w.casefold() for w in self.data["role_heads"]), key=len, reverse=True)

    @cached_property
    def council_kinds(self) -> list[str]:
        return [w.casefold() for w in self.data.get("council_kinds", [])]

    @cached_property
    def chair_qualifiers(self) -> set[str]:
        return {w.casefold() for w in self.data.get("chair_qualifiers", [])}

    @cached_property
    def posts(self) -> set[str]:
        """Posts declared whole ('Head of Safeguarding and Independent Reviewing Officer'), normalised."""
        return {" ".join(p.casefold().replace("&", "and").split()) for p in self.data.get("posts", [])}

    @cached_property
    def programme_levels(self) -> list[tuple[str, str, str]]:
        """Programme ref schemes the user declared, each its three levels' letters (top first)."""
        return [tuple(x) for x in self.data.get("programme_levels", [])]  # type: ignore[misc]

    @cached_property
    def lead_separator(self) -> re.Pattern[str]:
        return re.compile("|".join(f"(?:{p})" for p in self.data["lead_separators"]))

    @cached_property
    def safeguarding_board(self) -> dict[str, Any]:
        return self.data["safeguarding_board"]

    @cached_property
    def authorities(self) -> list[str]:
        return list(self.data["authorities"])

    @cached_property
    def authority_short(self) -> dict[str, str]:
        return dict(self.data.get("authority_short", {}))


def _vocab_text(p: Path) -> str:
    """A vocabulary file's text, decoded as plans are (UTF-16 BOM, UTF-8, cp1252), if it is a regular file
    within GOVGRAPH_MAX_VOCAB_MB; else one VocabularyError naming it, before reading a byte."""
    try:
        return decode(read_input(p, VOCABULARY))
    except (NotARegularFile, TooLarge) as exc:
        raise VocabularyError(str(exc), source_file=str(p)) from None
    except FileNotFoundError:
        raise VocabularyError("vocabulary file not found", source_file=str(p)) from None
    except OSError as exc:
        raise VocabularyError(f"cannot read vocabulary file ({exc.strerror or exc})", source_file=str(p)) from None


_STATUSES = frozenset({"RED", "AMBER", "GREEN", "BLUE", "GREY", "UNKNOWN"})


def _check_statuses(statuses: Iterable[Any], where: str) -> None:
    """A misspelt status in a user vocabulary is bad input, named, not a crash at load time."""
    bad = sorted({str(k) for k in statuses if k not in _STATUSES})
    if bad:
        raise GovgraphError(f"vocabulary {where}: unknown status {', '.join(bad)} "
                            f"(use {', '.join(sorted(_STATUSES))})")


def _check_levels(levels: list[list[str]], source_file: str) -> None:
    """Each declared programme scheme is three distinct groups of one to three letters ('S', 'T', 'A')."""
    for scheme in levels:
        if len(scheme) != 3 or len(set(scheme)) != 3 or not all(re.fullmatch(r"[A-Za-z]{1,3}", x) for x in scheme):
            raise VocabularyError(f"programme_levels entry {scheme!r} is not three distinct groups of 1-3 letters "
                                  "(top level first, e.g. ['S', 'T', 'A'])", source_file=source_file)


def _words(entries: list[str] | None) -> re.Pattern[str] | None:
    """One pattern matching any entry as whole words, longest entry first."""
    if not entries:
        return None
    alts = "|".join(f"(?:{e})" for e in sorted(entries, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alts})(?!\w)", re.I)


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        elif isinstance(value, list) and isinstance(out.get(key), list):
            out[key] = list(out[key]) + [v for v in value if v not in out[key]]
        else:
            out[key] = value
    return out


_DEFAULT: Vocabulary | None = None


def _default() -> Vocabulary:
    global _DEFAULT
    if _DEFAULT is None:
        text = resources.files("govgraph").joinpath("vocab/default.yaml").read_text(encoding="utf-8")
        _DEFAULT = Vocabulary(yaml.safe_load(text))
    return _DEFAULT

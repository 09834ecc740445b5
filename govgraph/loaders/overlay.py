"""Governance overlays: a YAML file a board secretary writes to state what the plans leave implicit.

An overlay declares an authority's boards and posts, their aliases, who chairs what, which board is
part of which, and the reporting and escalation lines. `read_overlay` validates the file (every error
names the file and the line of the offending key); `apply_overlay` records its content in an
`AuthorityRegistry`, so overlay names and document mentions resolve to the same nodes. Everything an
overlay adds cites the overlay file and the line it was declared on.

    authority: Northmoor
    boards:
      - name: Northmoor Safeguarding Children Board
        kind: board
        aliases: [NSCB]
        chair: Independent Chair of NSCB
        reports_to: [Northmoor Improvement Board]
    roles:
      - name: Director of Children's Services
        aliases: [DCS]
        escalates_to: [Chief Executive]

Names used in `chair`, `part_of`, `reports_to` and `escalates_to` need not be declared: an undeclared
name becomes a new node, provided it looks like a board or a post (it contains a board head noun such
as "Board" or "Sub Group", a post word such as "Head" or "Director", or is an acronym).
"""
from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from govgraph.errors import OverlayError
from govgraph.loaders.entities import AuthorityRegistry, Ref, chaired_phrase
from govgraph.loaders.names import clean_display, expanded, name_key, simple_form
from govgraph.loaders.overlay_read import loc_path, overlay_text, parse_yaml, raise_problems
from govgraph.loaders.overlay_schema import (SCHEMA_PATH, BoardEntry, Loc, Overlay, PlanEntry, RoleEntry,
                                             overlay_json_schema, overlay_schema_text, write_overlay_schema)
from govgraph.loaders.plan_names import PlanNaming
from govgraph.loaders.vocab import Vocabulary


# ---- reading ------------------------------------------------------------------------------------
def read_overlay(path: str | Path, vocab: Vocabulary | None = None) -> Overlay:
    """Read and validate an overlay file; every problem raises `OverlayError` naming file and line."""
    return parse_overlay(overlay_text(path), str(path), vocab)


def parse_overlay(text: str, source_file: str = "<overlay>", vocab: Vocabulary | None = None) -> Overlay:
    """Validate overlay YAML text; `source_file` is used in messages and provenance."""
    overlay = parse_yaml(text, source_file)
    _check(overlay, vocab or Vocabulary.default())
    return overlay


# ---- checks that need more than the types -------------------------------------------------------
@dataclass(frozen=True)
class _Decl:
    label: str  # "Board" or "Role"
    index: int  # position in boards / roles
    name: str


@dataclass(frozen=True)
class _Reference:
    field: str  # chair, part_of, reports_to, escalates_to
    name: str
    loc: Loc


def _declared(overlay: Overlay) -> dict[str, _Decl]:
    """simple_form of every declared name and alias -> its declaration; a clash is an error."""
    out: dict[str, _Decl] = {}
    problems: list[tuple[int | None, str]] = []
    entries: list[tuple[str, str, int, Any]] = [("Board", "boards", i, b) for i, b in enumerate(overlay.boards)]
    entries += [("Role", "roles", i, r) for i, r in enumerate(overlay.roles)]
    for label, section, i, entry in entries:
        decl = _Decl(label, i, entry.name)
        names = [(entry.name, (section, i, "name"))]
        names += [(a, (section, i, "aliases", j)) for j, a in enumerate(entry.aliases)]
        for name, loc in names:
            key = simple_form(name)
            prev = out.get(key)
            if prev is not None and prev != decl:
                first = loc_path(("boards" if prev.label == "Board" else "roles", prev.index))
                problems.append((overlay.line_of(*loc),
                                 f"{loc_path(loc)}: '{name}' is already declared in {first} ('{prev.name}')"))
                continue
            out[key] = decl
    if problems:
        raise_problems(problems, overlay.source_file)
    return out


def _references(overlay: Overlay) -> Iterator[tuple[str, int, _Reference]]:
    for section, entries in (("boards", overlay.boards), ("roles", overlay.roles)):
        for i, entry in enumerate(entries):
            for fld in ("chair", "part_of"):
                value = getattr(entry, fld, None)
                if value:
                    yield section, i, _Reference(fld, value, (section, i, fld))
            for fld in ("reports_to", "escalates_to"):
                for j, value in enumerate(getattr(entry, fld)):
                    yield section, i, _Reference(fld, value, (section, i, fld, j))


def _check(overlay: Overlay, vocab: Vocabulary) -> None:
    declared = _declared(overlay)
    problems: list[tuple[int | None, str]] = []
    for section, i, ref in _references(overlay):
        line = overlay.line_of(*ref.loc)
        where = loc_path(ref.loc)
        own = overlay.boards[i] if section == "boards" else overlay.roles[i]
        decl = declared.get(simple_form(ref.name))
        label = decl.label if decl else _guess_label(ref.name, vocab)
        if decl is None and label is None and name_key(ref.name, vocab):
            # 'chair' can only be a post and 'part_of' only a board: any real name will do
            label = {"chair": "Role", "part_of": "Board"}.get(ref.field)
        if decl is not None and decl.label == ("Board" if section == "boards" else "Role") \
                and decl.index == i:
            problems.append((line, f"{where}: '{ref.name}' is this entry itself"))
        elif label is None:
            problems.append((line, f"{where}: '{ref.name}' is not declared in this overlay and does not look "
                                   f"like a board or a post; declare it under 'boards:' or 'roles:'"))
        elif ref.field == "chair" and label != "Role":
            problems.append((line, f"{where}: '{ref.name}' is a board; 'chair' must name a post "
                                   f"(e.g. 'Chair of {own.name}')"))
        elif ref.field == "part_of" and label != "Board":
            problems.append((line, f"{where}: '{ref.name}' is a post; 'part_of' must name a board"))
    problems += _part_of_cycles(overlay, declared)
    if problems:
        raise_problems(problems, overlay.source_file)


def _part_of_cycles(overlay: Overlay, declared: dict[str, _Decl]) -> list[tuple[int | None, str]]:
    parent: dict[int, int] = {}
    for i, b in enumerate(overlay.boards):
        d = declared.get(simple_form(b.part_of)) if b.part_of else None
        if d is not None and d.label == "Board" and d.index != i:
            parent[i] = d.index
    out: list[tuple[int | None, str]] = []
    reported: set[int] = set()
    for start in range(len(overlay.boards)):
        chain, cur = [start], start
        while cur in parent:
            cur = parent[cur]
            if cur == start:
                if not reported & set(chain):
                    names = " -> ".join(overlay.boards[k].name for k in chain + [start])
                    out.append((overlay.line_of("boards", start, "part_of"),
                                f"boards[{start}].part_of: boards are part of each other ({names})"))
                reported |= set(chain)
                break
            if cur in chain:
                break
            chain.append(cur)
    return out


_ACRONYM = re.compile(r"^[A-Z][A-Za-z&]{1,9}$")
_CHAIR_WORD = re.compile(r"\b(?:chair(?:man|person|s)?|vice[- ]chair)\b", re.I)
_BARE_CHAIR = re.compile(r"^(?:the\s+)?(?:independent\s+|vice[- ]|deputy\s+)?chair(?:man|person)?$", re.I)


def _looks_like_role(name: str, vocab: Vocabulary) -> bool:
    if _CHAIR_WORD.search(name):
        return True
    s = simple_form(name)
    return any(s == h or s.startswith(h + " ") for h in vocab.role_heads)


def _board_head(name: str, vocab: Vocabulary, *, anywhere: bool) -> str | None:
    s = expanded(name, vocab)
    for head, kind in vocab.board_heads:
        h = expanded(head, vocab)
        if s == h or s.endswith(" " + h) or (anywhere and f" {h} " in f" {s} "):
            return kind
    return None


def _guess_label(name: str, vocab: Vocabulary) -> str | None:
    """'Role', 'Board', or None when an undeclared name looks like neither."""
    if not name_key(name, vocab):
        return None
    if _looks_like_role(name, vocab):
        return "Role"
    s = simple_form(name)
    if s in vocab.not_boards:
        return None
    if _board_head(name, vocab, anywhere=False):
        return "Board"
    if any(s == h or s.endswith(" " + h) for h in vocab.role_heads):
        return "Role"
    if _ACRONYM.match(name.strip()) and sum(c.isupper() for c in name) >= 2:
        # an acronym: a board if it expands to one ('NSCB', 'DLT'), else a post ('DCS', 'LADO')
        return "Board" if _is_scb_acronym(name) else "Role"
    if _board_head(name, vocab, anywhere=True):
        return "Board"
    if any(f" {h} " in f" {s} " for h in vocab.role_heads):
        return "Role"
    return None


def _is_scb_acronym(name: str) -> bool:
    return bool(re.fullmatch(r"[A-Z]{0,2}L?SCB", name.strip()))


# ---- applying -----------------------------------------------------------------------------------
def apply_overlay(overlay: Overlay, registry: AuthorityRegistry, source_file: str | None = None) -> dict[str, Ref]:
    """Record the overlay's boards, posts, aliases and lines in `registry`.

    Call it before or after the documents' mentions, but before `registry.finalise`. `source_file` is
    the name provenance cites (default: the file the overlay was read from). Returns each declared
    name (and alias) -> its entity handle.
    """
    src = source_file or overlay.source_file
    if not _same_authority(overlay.authority, registry):
        raise OverlayError(f"the overlay is for {overlay.authority}, but these plans are "
                           f"{registry.authority_name}'s", source_file=src, line=overlay.line_of("authority"))
    vocab = registry.vocab
    _check(overlay, vocab)
    declared = _declared(overlay)
    refs: dict[tuple[str, int], Ref] = {}
    resolving: set[tuple[str, int]] = set()

    def at(*loc: str | int) -> tuple[str, int | None]:
        return (src, overlay.line_of(*loc))

    def fail(loc: Loc, message: str) -> OverlayError:
        return OverlayError(f"{loc_path(loc)}: {message}", source_file=src, line=overlay.line_of(*loc))

    def declare_board(i: int) -> Ref:
        if ("Board", i) in refs:
            return refs[("Board", i)]
        b = overlay.boards[i]
        resolving.add(("Board", i))
        parent = None
        if b.part_of:
            d = declared.get(simple_form(b.part_of))
            if d is not None and ("Board", d.index) not in resolving:
                parent = declare_board(d.index)
            elif d is None:
                parent = reference(b.part_of, "Board", ("boards", i, "part_of"))
        ref = registry.board(b.name, at("boards", i), kind=b.kind, default_parent=parent)
        if ref is None:
            raise fail(("boards", i, "name"), f"'{b.name}' cannot name a board (the vocabulary lists it "
                                              f"under not_boards)")
        refs[("Board", i)] = ref
        registry.set_kind(ref, b.kind)  # the overlay's kind wins over one guessed from a document's wording
        for j, alias in enumerate(b.aliases):
            aref = registry.board(alias, at("boards", i, "aliases", j), kind=b.kind, default_parent=parent)
            if aref is None:
                raise fail(("boards", i, "aliases", j), f"'{alias}' cannot name a board (the vocabulary "
                                                        f"lists it under not_boards)")
            registry.same(aref, ref, at("boards", i, "aliases", j))
        short = _without_authority(b.name, registry)
        if short and simple_form(short) not in declared and _board_head(short, vocab, anywhere=False):
            sref = registry.board(short, at("boards", i), kind=b.kind, default_parent=parent)
            if sref is not None:
                registry.same(sref, ref, at("boards", i))
        registry.prefer_name(ref, b.name)
        resolving.discard(("Board", i))
        return registry.find(ref)

    def declare_role(i: int) -> Ref:
        if ("Role", i) in refs:
            return refs[("Role", i)]
        r = overlay.roles[i]
        raw = f"{r.name} ({', '.join(r.holders)})" if r.holders else r.name
        ref = registry.role(raw, at("roles", i))
        if ref is None:
            raise fail(("roles", i, "name"), f"'{r.name}' cannot name a post")
        refs[("Role", i)] = ref
        for j, alias in enumerate(r.aliases):
            aref = registry.role(alias, at("roles", i, "aliases", j))
            if aref is None:
                raise fail(("roles", i, "aliases", j), f"'{alias}' cannot name a post")
            registry.same(aref, ref, at("roles", i, "aliases", j))
        registry.prefer_name(ref, r.name)
        return registry.find(ref)

    def reference(name: str, want: str | None, loc: Loc) -> Ref:
        d = declared.get(simple_form(name))
        if d is not None:
            return declare_board(d.index) if d.label == "Board" else declare_role(d.index)
        label = want or _guess_label(name, vocab)
        where = at(*loc)
        ref: Ref | None = None
        if label == "Role":
            ref = registry.role(name, where)
        else:
            ref = registry.board(name, where) or registry.board(name, where, kind="board")
        if ref is None:
            raise fail(loc, f"'{name}' does not name a board or a post")
        return ref

    def _same_as_chaired(chair_name: str, own: Ref, i: int, where: tuple[str, int | None]) -> None:
        """'chair: Chair of Policy and Procedures' on a board: the board so named is this board."""
        text = re.sub(r"^(?:the)\s+", "", clean_display(chair_name), flags=re.I)
        phrase = chaired_phrase(text)
        if phrase is None:
            return
        d = declared.get(simple_form(phrase))
        if d is not None:
            return  # names a declared board: the CHAIRS edges say what the user declared
        parent = registry.parent_of(own)
        implied = registry.board(phrase, where, default_parent=parent) or \
            registry.board(phrase, where, kind="sub_group", default_parent=parent)
        if implied is None:
            return
        implied = registry.find(implied)
        others = {registry.find(ref) for (label, k), ref in refs.items() if label == "Board" and k != i}
        if implied in others or (implied == registry.scb and registry.find(own) != registry.scb):
            return
        registry.same(implied, own, where)

    for i in range(len(overlay.boards)):
        declare_board(i)
    for i in range(len(overlay.roles)):
        declare_role(i)

    for section, i, r in _references(overlay):
        own_ref = refs[("Board" if section == "boards" else "Role", i)]
        entry = overlay.boards[i] if section == "boards" else overlay.roles[i]
        where = at(*r.loc)
        if r.field == "chair":
            chair_name = f"{r.name} of {entry.name}" if _BARE_CHAIR.match(r.name) else r.name
            target = reference(chair_name, "Role", r.loc)
            registry.edge(target, own_ref, "CHAIRS", where, quote=f"{entry.name}: chair: {r.name}")
            _same_as_chaired(chair_name, own_ref, i, where)
        elif r.field == "part_of":
            target = reference(r.name, "Board", r.loc)
            registry.edge(own_ref, target, "PART_OF", where, quote=f"{entry.name}: part_of: {r.name}")
        else:
            target = reference(r.name, None, r.loc)
            rel = "REPORTS_TO" if r.field == "reports_to" else "ESCALATES_TO"
            registry.edge(own_ref, target, rel, where, quote=f"{entry.name}: {r.field}: {r.name}")

    out: dict[str, Ref] = {}
    for (label, i), ref in refs.items():
        entry = overlay.boards[i] if label == "Board" else overlay.roles[i]
        for name in [entry.name, *entry.aliases]:
            out[name] = registry.find(ref)
    return out


def plan_namings(overlay: Overlay) -> list[PlanNaming]:
    """The overlay's `plans:` entries, each with the line it was written on."""
    return [PlanNaming(file=p.file, id=p.id, title=p.title, short=p.short, source_file=overlay.source_file,
                       source_line=overlay.line_of("plans", i)) for i, p in enumerate(overlay.plans)]


def _without_authority(name: str, registry: AuthorityRegistry) -> str | None:
    """'Northmoor Improvement Board' -> 'Improvement Board', the form the plans mostly use."""
    auth = re.escape(registry.authority_name)
    m = re.match(rf"^(?:the\s+)?{auth}(?:'s|’s)?\s+(?P<rest>.+)$", name, re.I)
    return m.group("rest") if m else None


def _same_authority(name: str, registry: AuthorityRegistry) -> bool:
    short = {simple_form(k): simple_form(v) for k, v in registry.vocab.authority_short.items()}
    a = simple_form(name)
    b = simple_form(registry.authority_name)
    return a == b or short.get(a) == b or short.get(b) == a or a == simple_form(registry.authority_id)


def _main(argv: list[str]) -> int:  # pragma: no cover - developer helper
    """`python -m govgraph.loaders.overlay --write-schema` regenerates the committed schema file."""
    if argv == ["--write-schema"]:
        print(write_overlay_schema())
        return 0
    if len(argv) == 1:
        try:
            ov = read_overlay(argv[0])
        except OverlayError as exc:
            print(exc.user_message(), file=sys.stderr)
            return 1
        print(f"{argv[0]}: OK ({len(ov.boards)} boards, {len(ov.roles)} roles)")
        return 0
    print("usage: python -m govgraph.loaders.overlay --write-schema | OVERLAY.yaml", file=sys.stderr)
    return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(_main(sys.argv[1:]))


__all__ = ["BoardEntry", "RoleEntry", "PlanEntry", "Overlay", "read_overlay", "parse_overlay", "apply_overlay",
           "plan_namings", "overlay_json_schema", "overlay_schema_text", "write_overlay_schema", "SCHEMA_PATH"]

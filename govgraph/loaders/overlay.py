"""Governance overlays: a YAML file a board secretary writes to state what the plans leave implicit.

An overlay declares an authority's boards and posts, their aliases, who chairs what, which board is
part of which, and the reporting and escalation lines. `read_overlay` validates the file (every error
names the file and the line of the offending key); `apply_overlay` records its content in an
`AuthorityEntities`, so overlay names and document mentions resolve to the same nodes. Everything an
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

The overlay's house: `overlay_schema` (the models and the JSON Schema), `overlay_read` (YAML with lines,
messages), `overlay_check` (checks beyond the types), this module (reading and checking together,
applying to the entities; every public name of the others is importable from here).
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from govgraph.errors import OverlayError
from govgraph.loaders.entities import AuthorityEntities, EntityKey, chaired_phrase
from govgraph.loaders.names import clean_display, simple_form
from govgraph.loaders.overlay_check import board_head, check_overlay, declared_names, guess_label, references
from govgraph.loaders.overlay_read import loc_path, overlay_text, parse_yaml
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
    check_overlay(overlay, vocab or Vocabulary.default())
    return overlay


# ---- applying -----------------------------------------------------------------------------------
_BARE_CHAIR = re.compile(r"^(?:the\s+)?(?:independent\s+|vice[- ]|deputy\s+)?chair(?:man|person)?$", re.I)


def apply_overlay(overlay: Overlay, entities: AuthorityEntities, source_file: str | None = None) -> dict[str, EntityKey]:
    """Record the overlay's boards, posts, aliases and lines in `entities`.

    Call it before or after the documents' mentions, but before `entities.finalise`. `source_file` is
    the name provenance cites (default: the file the overlay was read from). Returns each declared
    name (and alias) -> its entity handle.
    """
    src = source_file or overlay.source_file
    if not _same_authority(overlay.authority, entities):
        raise OverlayError(f"the overlay is for {overlay.authority}, but these plans are "
                           f"{entities.authority_name}'s", source_file=src, line=overlay.line_of("authority"))
    vocab = entities.vocab
    check_overlay(overlay, vocab)
    declared = declared_names(overlay)
    refs: dict[tuple[str, int], EntityKey] = {}
    resolving: set[tuple[str, int]] = set()

    def at(*loc: str | int) -> tuple[str, int | None]:
        return (src, overlay.line_of(*loc))

    def fail(loc: Loc, message: str) -> OverlayError:
        return OverlayError(f"{loc_path(loc)}: {message}", source_file=src, line=overlay.line_of(*loc))

    def declare_board(i: int) -> EntityKey:
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
        ref = entities.board(b.name, at("boards", i), kind=b.kind, default_parent=parent)
        if ref is None:
            raise fail(("boards", i, "name"), f"'{b.name}' cannot name a board (the vocabulary lists it "
                                              f"under not_boards)")
        refs[("Board", i)] = ref
        entities.set_kind(ref, b.kind)  # the overlay's kind wins over one guessed from a document's wording
        for j, alias in enumerate(b.aliases):
            aref = entities.board(alias, at("boards", i, "aliases", j), kind=b.kind, default_parent=parent)
            if aref is None:
                raise fail(("boards", i, "aliases", j), f"'{alias}' cannot name a board (the vocabulary "
                                                        f"lists it under not_boards)")
            entities.same(aref, ref, at("boards", i, "aliases", j))
        short = _without_authority(b.name, entities)
        if short and simple_form(short) not in declared and board_head(short, vocab, anywhere=False):
            sref = entities.board(short, at("boards", i), kind=b.kind, default_parent=parent)
            if sref is not None:
                entities.same(sref, ref, at("boards", i))
        entities.prefer_name(ref, b.name)
        resolving.discard(("Board", i))
        return entities.find(ref)

    def declare_role(i: int) -> EntityKey:
        if ("Role", i) in refs:
            return refs[("Role", i)]
        r = overlay.roles[i]
        raw = f"{r.name} ({', '.join(r.holders)})" if r.holders else r.name
        ref = entities.role(raw, at("roles", i))
        if ref is None:
            raise fail(("roles", i, "name"), f"'{r.name}' cannot name a post")
        refs[("Role", i)] = ref
        for j, alias in enumerate(r.aliases):
            aref = entities.role(alias, at("roles", i, "aliases", j))
            if aref is None:
                raise fail(("roles", i, "aliases", j), f"'{alias}' cannot name a post")
            entities.same(aref, ref, at("roles", i, "aliases", j))
        entities.prefer_name(ref, r.name)
        return entities.find(ref)

    def reference(name: str, want: str | None, loc: Loc) -> EntityKey:
        d = declared.get(simple_form(name))
        if d is not None:
            return declare_board(d.index) if d.label == "Board" else declare_role(d.index)
        label = want or guess_label(name, vocab)
        where = at(*loc)
        ref: EntityKey | None = None
        if label == "Role":
            ref = entities.role(name, where)
        else:
            ref = entities.board(name, where) or entities.board(name, where, kind="board")
        if ref is None:
            raise fail(loc, f"'{name}' does not name a board or a post")
        return ref

    def _same_as_chaired(chair_name: str, own: EntityKey, i: int, where: tuple[str, int | None]) -> None:
        """'chair: Chair of Policy and Procedures' on a board: the board so named is this board."""
        text = re.sub(r"^(?:the)\s+", "", clean_display(chair_name), flags=re.I)
        phrase = chaired_phrase(text)
        if phrase is None:
            return
        d = declared.get(simple_form(phrase))
        if d is not None:
            return  # names a declared board: the CHAIRS edges say what the user declared
        parent = entities.parent_of(own)
        implied = entities.board(phrase, where, default_parent=parent) or \
            entities.board(phrase, where, kind="sub_group", default_parent=parent)
        if implied is None:
            return
        implied = entities.find(implied)
        others = {entities.find(ref) for (label, k), ref in refs.items() if label == "Board" and k != i}
        if implied in others or (implied == entities.scb and entities.find(own) != entities.scb):
            return
        entities.same(implied, own, where)

    for i in range(len(overlay.boards)):
        declare_board(i)
    for i in range(len(overlay.roles)):
        declare_role(i)

    for section, i, r in references(overlay):
        own_ref = refs[("Board" if section == "boards" else "Role", i)]
        entry = overlay.boards[i] if section == "boards" else overlay.roles[i]
        where = at(*r.loc)
        if r.field == "chair":
            chair_name = f"{r.name} of {entry.name}" if _BARE_CHAIR.match(r.name) else r.name
            target = reference(chair_name, "Role", r.loc)
            entities.edge(target, own_ref, "CHAIRS", where, quote=f"{entry.name}: chair: {r.name}")
            _same_as_chaired(chair_name, own_ref, i, where)
        elif r.field == "part_of":
            target = reference(r.name, "Board", r.loc)
            entities.edge(own_ref, target, "PART_OF", where, quote=f"{entry.name}: part_of: {r.name}")
        else:
            target = reference(r.name, None, r.loc)
            rel = "REPORTS_TO" if r.field == "reports_to" else "ESCALATES_TO"
            entities.edge(own_ref, target, rel, where, quote=f"{entry.name}: {r.field}: {r.name}")

    out: dict[str, EntityKey] = {}
    for (label, i), ref in refs.items():
        entry = overlay.boards[i] if label == "Board" else overlay.roles[i]
        for name in [entry.name, *entry.aliases]:
            out[name] = entities.find(ref)
    return out


def plan_namings(overlay: Overlay) -> list[PlanNaming]:
    """The overlay's `plans:` entries, each with the line it was written on."""
    return [PlanNaming(file=p.file, id=p.id, title=p.title, short=p.short, source_file=overlay.source_file,
                       source_line=overlay.line_of("plans", i)) for i, p in enumerate(overlay.plans)]


def _without_authority(name: str, entities: AuthorityEntities) -> str | None:
    """'Northmoor Improvement Board' -> 'Improvement Board', the form the plans mostly use."""
    auth = re.escape(entities.authority_name)
    m = re.match(rf"^(?:the\s+)?{auth}(?:'s|’s)?\s+(?P<rest>.+)$", name, re.I)
    return m.group("rest") if m else None


def _same_authority(name: str, entities: AuthorityEntities) -> bool:
    short = {simple_form(k): simple_form(v) for k, v in entities.vocab.authority_short.items()}
    a = simple_form(name)
    b = simple_form(entities.authority_name)
    return a == b or short.get(a) == b or short.get(b) == a or a == simple_form(entities.authority_id)


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

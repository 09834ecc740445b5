"""Entity resolution per authority: boards, posts and people, resolved once all mentions are in.

Loaders and the overlay record *mentions* (surface form + provenance) and get back a `EntityKey`;
relationships between refs are queued. `finalise` unions renamed boards, picks one display name,
writes one node per entity (all surface forms kept as aliases) and then the queued edges.
Deferring resolution is what lets a rename read late in one document merge names seen earlier.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from govgraph.loaders.names import acronym, clean_display, expanded, initials_in, name_key, simple_form
from govgraph.loaders.vocab import Vocabulary
from govgraph.model.edges import Edge
from govgraph.model.graph import GovGraph
from govgraph.model.ids import make_id, slug
from govgraph.model.nodes import Board, Person, Role

Where = tuple[str, int | None]  # (source file name, line)


@dataclass(frozen=True)
class EntityKey:
    """A handle to an entity whose node id is known only after `finalise`."""

    label: str
    key: str


Endpoint = EntityKey | str  # an entity handle or a concrete node id


@dataclass
class _Entity:
    label: str
    key: str
    forms: Counter[str] = field(default_factory=Counter)
    own: Counter[str] = field(default_factory=Counter)
    renamed: bool = False
    preferred: str | None = None
    kind: str | None = None
    parent: EntityKey | None = None
    holders: set[str] = field(default_factory=set)
    chairs: EntityKey | None = None
    first: Where = ("", None)
    files: set[str] = field(default_factory=set)


@dataclass
class _Pending:
    source: Endpoint
    target: Endpoint
    type: str
    where: Where
    quote: str | None = None
    frequency: str | None = None


@dataclass
class _Collective:
    """'All sub group chairs report to the Exec': applies to every sub-group of `parent`."""

    kind: str
    parent: EntityKey
    target: EntityKey
    type: str
    where: Where
    quote: str


_CHAIR_BEFORE = re.compile(r"^(?:the\s+)?(?:independent\s+|vice\s+)?chair(?:man|person)?\s+(?:of|for)\s+"
                           r"(?:the\s+)?(?P<b>.+)$", re.I)
_CHAIR_AFTER = re.compile(r"^(?:the\s+)?(?P<b>.+?)\s+(?:independent\s+)?chair(?:man|person)?s?$", re.I)
_PAREN_ACRONYM = re.compile(r"\(\s*([A-Z][A-Za-z&]{1,9})\s*\)")


def chaired_phrase(text: str) -> str | None:
    """The board a chair post names: 'Chair of the Improvement Board' and 'Improvement Board Chair' ->
    'Improvement Board'; None when the text names no chair of anything."""
    m = _CHAIR_BEFORE.match(text) or _CHAIR_AFTER.match(text)
    return m.group("b") if m else None


class AuthorityEntities:
    """Boards, posts and people of one authority."""

    def __init__(self, authority_id: str, authority_name: str, vocab: Vocabulary) -> None:
        self.authority_id = authority_id
        self.authority_name = authority_name
        self.vocab = vocab
        self._entities: dict[EntityKey, _Entity] = {}
        self._union: dict[EntityKey, EntityKey] = {}
        self._pending: list[_Pending] = []
        self._collective: list[_Collective] = []
        words = simple_form(authority_name).replace("-", " ").split()
        self._auth_words = set(words)
        own_names = [authority_name] + [s for s, full in vocab.authority_short.items() if full == authority_name]
        kinds = "|".join(re.escape(k) for k in vocab.council_kinds) or "(?!)"
        self._auth_prefix = re.compile(
            r"^(?:" + "|".join(re.escape(simple_form(n)) for n in sorted(own_names, key=len, reverse=True))
            + rf")(?:\s+(?:(?:{kinds})\s+)*council)?\s+(?=\S)")
        initial = authority_name[:1].upper()
        generic = {simple_form(g) for g in vocab.safeguarding_board["generic"]}
        self._scb_names = generic | {f"{initial.lower()}scb", f"{initial.lower()}lscb"}
        self.scb = self._entity("Board", "scb")
        self._entities[self.scb].kind = "board"
        self._entities[self.scb].preferred = vocab.safeguarding_board["canonical"].format(authority=authority_name)

    # ---- mentions -------------------------------------------------------------------------
    def _entity(self, label: str, key: str) -> EntityKey:
        ref = EntityKey(label, key)
        if ref not in self._entities:
            self._entities[ref] = _Entity(label, key)
        return ref

    def _note(self, ref: EntityKey, form: str, where: Where) -> None:
        own = self._entities[ref]
        ent = self._entities[self.find(ref)]
        if form:
            ent.forms[form] += 1
            own.own[form] += 1
        if where[0]:
            ent.files.add(where[0])
            if not ent.first[0] or _order(where) < _order(ent.first):
                ent.first = where

    def is_scb_name(self, name: str) -> bool:
        s = simple_form(_PAREN_ACRONYM.sub("", name))
        s = re.sub(r"^the\s+", "", s)
        words = [w for w in s.split() if w not in self._auth_words]
        return " ".join(words) in self._scb_names or s in self._scb_names

    def board(self, raw: str, where: Where, *, kind: str | None = None,
              parent: EntityKey | None = None, default_parent: EntityKey | None = None) -> EntityKey | None:
        """Resolve a board mention; None when the phrase is not a governance body."""
        text = clean_display(raw)
        text = re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.I)
        if not text or simple_form(text) in self.vocab.not_boards:
            return None
        acr = _PAREN_ACRONYM.search(text)
        bare = _PAREN_ACRONYM.sub("", text).strip()
        if self.is_scb_name(bare) or (acr and self.is_scb_name(acr.group(1))):
            self._note(self.scb, text, where)
            if acr:
                self._note(self.scb, acr.group(1), ("", None))
            return self.scb
        # "X of the HSCB" / "HSCB X": the SCB is the parent
        m = re.match(r"^(?P<x>.+?)\s+of\s+(?:the\s+)?(?P<p>.+)$", bare, re.I)
        if m and self.is_scb_name(m.group("p")) and self._head_kind(m.group("x")):
            parent, bare = self.scb, m.group("x")
        else:
            first, _, rest = bare.partition(" ")
            if rest and self.is_scb_name(first) and self._head_kind(rest):
                parent, bare = self.scb, rest
        head = kind or self._head_kind(bare)
        if head is None:
            return None
        if parent is None and head in ("sub_group",) :
            parent = default_parent or self.scb
        if parent is None and head == "executive" and not re.search(r"cabinet|leadership|management", bare, re.I):
            parent = default_parent or self.scb
        key = name_key(self._without_authority(bare), self.vocab)
        if not key:
            return None
        pkey = self.find(parent).key if parent else ""
        ref = self._entity("Board", f"{pkey}|{key}" if pkey else key)
        ent = self._entities[ref]
        ent.kind = ent.kind or head
        ent.parent = ent.parent or parent
        self._note(ref, text if not parent or text != bare else bare, where)
        return ref

    def _without_authority(self, name: str) -> str:
        """'Ashcombe Improvement Board' is the 'Improvement Board' of Ashcombe's own documents: the authority's
        name (or short form, with or without 'Council') before a board name does not tell two boards apart.
        Only this authority is stripped, so another council's board keeps its name."""
        s = simple_form(name)
        rest = self._auth_prefix.sub("", s)
        return rest if rest != s and self._head_kind(rest) else name

    def _head_kind(self, name: str) -> str | None:
        s = expanded(name, self.vocab)
        for head, kind in self.vocab.board_heads:
            h = expanded(head, self.vocab)
            if s == h or s.endswith(" " + h):
                return kind
        return None

    def role(self, raw: str, where: Where, *, default_parent: EntityKey | None = None) -> EntityKey | None:
        text = clean_display(raw)
        text = re.sub(r"^(?:the)\s+", "", text, flags=re.I)
        if not text:
            return None
        holders = initials_in(raw)
        b = chaired_phrase(text)
        board = None
        if b is not None and _last_word(b) in self.vocab.chair_qualifiers:
            b = None  # 'Independent Chair', 'HSCB Vice Chair': the word before 'Chair' qualifies the post
        if b is not None:
            board = self.board(b, where, default_parent=default_parent)
            if board is None and b:
                # 'Chair of Policy and Procedures': a group named without its head noun
                board = self.board(b, where, kind="board" if b.isupper() else "sub_group",
                                   default_parent=default_parent)
        if board is not None:
            ref = self._entity("Role", f"chair|{board.key}")
            self._entities[ref].chairs = board
            self.edge(ref, board, "CHAIRS", where, quote=text)
        else:
            key = name_key(text, self.vocab)
            if not key:
                return None
            ref = self._entity("Role", key)
        self._note(ref, text, where)
        self._entities[ref].holders.update(holders)
        return ref

    def add_holder(self, ref: EntityKey, holder: str) -> None:
        """The person a lead cell names beside the post ('Jane Smith (Head of Service)')."""
        self._entities[ref].holders.add(holder)

    def knows_role(self, raw: str) -> bool:
        """Whether this post was already named (as a lead, say): used to end a post run together with a board."""
        key = name_key(re.sub(r"^(?:the)\s+", "", clean_display(raw), flags=re.I), self.vocab)
        ent = self._entities.get(EntityKey("Role", key))
        return bool(key) and ent is not None and bool(ent.forms)

    def person(self, initials: str, where: Where) -> EntityKey:
        ref = self._entity("Person", initials.upper().rstrip("."))
        self._note(ref, initials.upper().rstrip("."), where)
        return ref

    # ---- relationships --------------------------------------------------------------------
    def edge(self, source: Endpoint, target: Endpoint, rel: str, where: Where, *,
             quote: str | None = None, frequency: str | None = None) -> None:
        self._pending.append(_Pending(source, target, rel, where, quote, frequency))

    def same(self, old: EntityKey, new: EntityKey, where: Where) -> None:
        """Declare two boards one (a rename): the new name becomes the display name."""
        a, b = self.find(old), self.find(new)
        if a == b:
            return
        self._union[a] = b
        ent_b, ent_a = self._entities[b], self._entities[a]
        ent_b.forms.update(ent_a.forms)
        ent_b.files |= ent_a.files
        ent_b.kind = ent_b.kind or ent_a.kind
        ent_b.parent = ent_b.parent or ent_a.parent
        if ent_a.first[0] and (not ent_b.first[0] or _order(ent_a.first) < _order(ent_b.first)):
            ent_b.first = ent_a.first
        ent_b.renamed = True

    def prefer_name(self, ref: EntityKey, name: str) -> None:
        self._entities[self.find(ref)].preferred = name

    def collective(self, kind: str, parent: EntityKey, target: EntityKey, rel: str, where: Where, quote: str) -> None:
        self._collective.append(_Collective(kind, parent, target, rel, where, quote))

    def find(self, ref: EntityKey) -> EntityKey:
        while ref in self._union:
            ref = self._union[ref]
        return ref

    # ---- finalise -------------------------------------------------------------------------
    def finalise(self, graph: GovGraph) -> dict[EntityKey, str]:
        """Write one node per entity, then the queued and collective edges; returns ref -> id."""
        ids: dict[EntityKey, str] = {}
        used: set[str] = set()
        chair_of: dict[EntityKey, EntityKey] = {}
        for ref, ent in sorted(self._entities.items(), key=lambda kv: kv[0].key):
            if ent.chairs is not None and self.find(ref) == ref:
                board = self.find(ent.chairs)
                if board in chair_of and chair_of[board] != ref:
                    self.same(ref, chair_of[board], ent.first)
                    self._entities[chair_of[board]].renamed = False
                else:
                    chair_of[board] = ref
        roots = sorted({self.find(r) for r in self._entities}, key=lambda r: (r.label, r.key))
        for ref in roots:
            ent = self._entities[ref]
            if not ent.forms and ref != self.scb:
                continue
            if ref == self.scb and not ent.forms:
                continue
            name = self._display(ref)
            base = make_id(self.authority_id, ref.label.lower(), slug(name))
            nid, n = base, 2
            while nid in used:
                nid, n = f"{base}-{n}", n + 1
            used.add(nid)
            ids[ref] = nid
        for ref in self._entities:
            root = self.find(ref)
            if root in ids:
                ids[ref] = ids[root]
        for ref, nid in sorted(ids.items(), key=lambda kv: kv[1]):
            if self.find(ref) != ref:
                continue
            ent = self._entities[ref]
            name = self._display(ref)
            aliases = sorted({f for f in ent.forms if f != name})
            common = dict(id=nid, name=name, aliases=aliases, source_file=ent.first[0] or "",
                          source_line=ent.first[1], authority=self.authority_id, sources=sorted(ent.files))
            if ref.label == "Board":
                graph.add_node(Board(kind=ent.kind or "board", **common))  # type: ignore[arg-type]
            elif ref.label == "Role":
                graph.add_node(Role(holders=sorted(ent.holders), **common))
            else:
                graph.add_node(Person(initials=ent.key, **common))
        for ref, nid in ids.items():
            ent = self._entities[ref]
            if self.find(ref) == ref and ent.parent is not None and self.find(ent.parent) in ids:
                pid = ids[self.find(ent.parent)]
                if pid != nid:
                    graph.add_edge(Edge(source=nid, target=pid, type="PART_OF", source_file=ent.first[0],
                                        source_line=ent.first[1], quote=_best_form(ent.forms)))
        for p in self._pending:
            s, t = self._endpoint(p.source, ids), self._endpoint(p.target, ids)
            if s and t and s != t:
                graph.add_edge(Edge(source=s, target=t, type=p.type, source_file=p.where[0],
                                    source_line=p.where[1], quote=p.quote, frequency=p.frequency))
        for c in self._collective:
            parent, target = self.find(c.parent), self.find(c.target)
            for ref in roots:
                ent = self._entities[ref]
                if (ref in ids and ent.kind == c.kind and ent.parent is not None
                        and self.find(ent.parent) == parent and ref != target and target in ids):
                    graph.add_edge(Edge(source=ids[ref], target=ids[target], type=c.type,
                                        source_file=c.where[0], source_line=c.where[1], quote=c.quote))
        return ids

    def _display(self, ref: EntityKey) -> str:
        """A rename's new name wins; a board's name prefers the form that names its parent."""
        ent = self._entities[ref]
        if ent.preferred:
            return ent.preferred
        forms = ent.own if ent.renamed and ent.own else ent.forms
        if ref.label == "Board" and ent.parent is not None:
            parent_forms = self._entities[self.find(ent.parent)].forms
            prefixed = Counter({f: c for f, c in forms.items()
                                if any(f.startswith(p + " ") for p in parent_forms if p.isupper())})
            if prefixed:
                forms = prefixed
        return _best_form(forms)

    def _endpoint(self, e: Endpoint, ids: dict[EntityKey, str]) -> str | None:
        return ids.get(self.find(e)) if isinstance(e, EntityKey) else e

    def set_kind(self, ref: EntityKey, kind: str) -> None:
        """Say what sort of body a board is; the book otherwise keeps the first kind it sees, but an
        overlay is the authority on kinds ('Leadership Team' guessed from a document's wording)."""
        self._entities[self.find(ref)].kind = kind

    def kind_of(self, ref: EntityKey) -> str | None:
        return self._entities[self.find(ref)].kind

    def parent_of(self, ref: EntityKey) -> EntityKey | None:
        p = self._entities[self.find(ref)].parent
        return self.find(p) if p else None


def _order(where: Where) -> tuple[str, int]:
    return (where[0], where[1] or 0)


def _last_word(name: str) -> str:
    words = simple_form(name).split()
    return words[-1] if words else ""


def _best_form(forms: Counter[str]) -> str:
    """Most used surface form; ties go to the longer, then alphabetical (deterministic)."""
    if not forms:
        return ""
    return sorted(forms.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0][0]


__all__ = ["AuthorityEntities", "EntityKey", "Endpoint", "acronym", "chaired_phrase"]

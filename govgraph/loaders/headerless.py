"""Tables with no header row: column roles from the cells alone.

Some plans print their table without a header (the header sat on a cover page, or was an image). When a
document has no recognised header at all, a run of rows of the same width is read as a table if its
columns' contents show a plan's shape: a column of actions and at least two of due dates, leads and
ratings. Each role comes from the cells' kinds (`columns.cell_kind`); text columns take the roles in
the order plans print them (recommendation, action, progress), a repeating one being the recommendation.
"""
from __future__ import annotations

from collections.abc import Sequence

from govgraph.loaders.columns import Decision, Kind, Profile, cell_kind, profile
from govgraph.loaders.document import Break, Cell, Document, Row as DocRow
from govgraph.loaders.vocab import Vocabulary

MIN_ROWS = 3
MIN_COLUMNS = 4
_SURE = 0.8
"""Share of a column's cells that must be of a kind for the column to take the kind's role."""
_BY_KIND: tuple[tuple[str, tuple[Kind, ...], float], ...] = (
    ("rag", (Kind.RAG,), _SURE), ("due", (Kind.DATE,), _SURE), ("programme", (Kind.PROGREF,), _SURE),
    ("lead", (Kind.POST, Kind.INITIALS), 0.6), ("monitoring", (Kind.BOARD,), 0.6))
_REFS = (Kind.NUMBER, Kind.SUBREF, Kind.PARAREF)
_TEXT = (Kind.PROSE, Kind.TEXT)


def row_runs(doc: Document) -> list[list[DocRow]]:
    """Runs of table rows of one width, broken by any paragraph (page breaks do not break a run)."""
    runs: list[list[DocRow]] = []
    run: list[DocRow] = []
    for unit in doc.units:
        if isinstance(unit, Break):
            continue
        if isinstance(unit, DocRow) and len(unit.cells) >= MIN_COLUMNS and (
                not run or len(unit.cells) == len(run[0].cells)):
            run.append(unit)
            continue
        if run:
            runs.append(run)
        run = [unit] if isinstance(unit, DocRow) and len(unit.cells) >= MIN_COLUMNS else []
    if run:
        runs.append(run)
    return [r for r in runs if len(r) >= MIN_ROWS]


def headerless_roles(rows: Sequence[Sequence[Cell]], vocab: Vocabulary) -> list[Decision] | None:
    """One decision per column from its cells, or None when the rows do not look like a plan's table."""
    width = len(rows[0])
    profiles = [profile(rows, i, vocab) for i in range(width)]
    out: list[Decision | None] = [None] * width
    for role, kinds, need in _BY_KIND:
        def share(i: int) -> float:
            return profiles[i].share_due() if role == "due" else profiles[i].share(*kinds)

        best = max((i for i in range(width) if out[i] is None and profiles[i].filled >= 2), key=share, default=None)
        if best is not None and share(best) >= need:
            out[best] = _decided(role, profiles[best], share(best))
    _refs(out, profiles)
    _texts(out, profiles)
    roles = {d.role for d in out if d is not None}
    if "action_text" not in roles or len(roles & {"due", "lead", "rag"}) < 2 or _first_is_header(rows, out, vocab):
        return None
    return [d or Decision(None, 0.0, f"no header row; cells: {profiles[i].summary()}") for i, d in enumerate(out)]


def _first_is_header(rows: Sequence[Sequence[Cell]], out: list[Decision | None], vocab: Vocabulary) -> bool:
    """The first row is a header in words govgraph does not know ('Milestone date | Flag'): its cells are not
    of the kinds their columns hold. Such a table is left to the header vocabulary (`vocab suggest`)."""
    typed = [(i, d.role) for i, d in enumerate(out) if d is not None and d.role in _KINDS_OF]
    misfits = sum(1 for i, role in typed if cell_kind(rows[0][i], vocab) not in _KINDS_OF[role])
    return misfits >= 2 or (typed and misfits == len(typed))


_KINDS_OF: dict[str, tuple[Kind, ...]] = {
    "rag": (Kind.RAG, Kind.EMPTY), "due": (Kind.DATE, Kind.EMPTY), "lead": (Kind.POST, Kind.INITIALS, Kind.EMPTY),
    "rec_ref": _REFS + (Kind.EMPTY,), "action_no": _REFS, "paragraphs": _REFS + (Kind.EMPTY,)}


def _decided(role: str, p: Profile, kinds: tuple[Kind, ...] | float) -> Decision:
    """The decision for a column whose cells are of `kinds` (or whose share of fitting cells is given)."""
    share = kinds if isinstance(kinds, float) else p.share(*kinds)
    return Decision(role, 3 * share, f"no header row; cells: {p.summary()}: the {role.replace('_', ' ')} column")


def _refs(out: list[Decision | None], profiles: list[Profile]) -> None:
    """Ref columns: Ofsted paragraph refs; a ref repeating down the rows (or blank below) is the
    recommendation's, one new on every row the action's. With one ref column and no repeating text beside it,
    each row is a recommendation."""
    cols = [i for i, d in enumerate(out) if d is None and profiles[i].filled >= 2
            and profiles[i].share(*_REFS) >= _SURE]
    for i in cols:
        p = profiles[i]
        if p.share(Kind.PARAREF) >= 0.5:
            out[i] = _decided("paragraphs", p, _REFS)
    cols = [i for i in cols if out[i] is None]
    distinct = [i for i in cols if profiles[i].distinct() and profiles[i].filled == len(profiles[i].values)]
    repeating = [i for i in cols if i not in distinct]
    if repeating:
        out[repeating[0]] = _decided("rec_ref", profiles[repeating[0]], _REFS)
    if distinct:
        texts = [i for i, d in enumerate(out) if d is None and profiles[i].share(*_TEXT) >= 0.5]
        role = "action_no" if repeating or any(_repeats(profiles[i]) for i in texts) else "rec_ref"
        out[distinct[0]] = _decided(role, profiles[distinct[0]], _REFS)


def _repeats(p: Profile) -> bool:
    """Some value is repeated or left blank below a filled cell: the column spans several rows."""
    seen: set[str] = set()
    for k, v in enumerate(p.values):
        if (v and v in seen) or (not v and k and any(p.values[:k])):
            return True
        seen.add(v)
    return False


def _texts(out: list[Decision | None], profiles: list[Profile]) -> None:
    """Text columns in reading order: recommendation (when it repeats or there are three), action, progress."""
    cols = [i for i, d in enumerate(out) if d is None and profiles[i].filled >= 2
            and profiles[i].share(*_TEXT) >= 0.5]
    if not cols:
        return
    roles = ["action_text", "progress"]
    if len(cols) >= 3 or (len(cols) == 2 and _repeats(profiles[cols[0]])):
        roles = ["rec_text", "action_text", "progress"]
    for i, role in zip(cols, roles):
        out[i] = _decided(role, profiles[i], _TEXT)

"""Issue 14 items 2-4: programme refs in a plan's own letters, the authority from the title block, posts
whose names hold '&' or 'and', per-bullet dates and leads, and the status words councils use.

Fixtures are fictional councils in tests/loaders/fixtures/recognition2/.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from govgraph.loaders import detect_authority, load_documents
from govgraph.loaders.rag import parse_rag, read_progress
from govgraph.loaders.refs import DEFAULT_SCHEME, ProgrammeScheme, find_programme_refs, programme_schemes
from govgraph.loaders.vocab import Vocabulary
from govgraph.model.graph import GovGraph

V = Vocabulary.default()
FIX = Path(__file__).parent / "fixtures" / "recognition2"
STA = ProgrammeScheme(("S", "T", "A"))


def load(name: str) -> GovGraph:
    return load_documents([FIX / name]).graph


def action(g: GovGraph, ref: str) -> tuple[str, dict]:
    [(n, d)] = [(n, d) for n, d in g.nodes("Action") if d.get("ref") == ref]
    return n, d


# ---- status words ------------------------------------------------------------------------------
# (RAG cell as printed, status)
RAG_CELLS = [
    ("On track – training booked", "GREEN"),  # a status, then a note after a dash
    ("On track: training booked", "GREEN"),
    ("On track", "GREEN"),
    ("Off track", "RED"),
    ("Off track - staffing gaps", "RED"),
    ("Slipped", "RED"),
    ("Slipped – see note", "RED"),
    ("Achieved", "BLUE"),
    ("Embedded", "BLUE"),
    ("Superseded", "BLUE"),               # closed: another action carries the work on
    ("Closed", "BLUE"),
    ("Not started", "GREY"),
    ("Not yet started (awaiting funding)", "GREY"),  # the longer spelling, not 'not started'
    ("Ongoing", "AMBER"),
    ("Delayed", "RED"),
    ("Overdue", "RED"),
    ("On hold", "RED"),
    ("Stalled - awaiting funding", "RED"),
    ("At risk", "AMBER"),
    ("Not yet due", "UNKNOWN"),           # says when, not how it is going: kept raw and warned, not guessed
    ("On tracker", "UNKNOWN"),            # a spelling must end at a word's end
    ("On track training booked", "UNKNOWN"),  # no dash, colon or bracket: not a status then a note
]


@pytest.mark.parametrize("cell,status", RAG_CELLS)
def test_rag_cell_status_words(cell: str, status: str) -> None:
    assert parse_rag(cell, V).value == status


# (progress prose, status) with the existing clause-scoped negation
PROGRESS = [
    ("Target achieved in March.", "BLUE"),
    ("Target not achieved.", "RED"),
    ("Practice is embedded across teams.", "BLUE"),
    ("Practice is not yet embedded.", "AMBER"),
    ("This action is superseded by action 4.", "BLUE"),
    ("Closed at the May board.", "BLUE"),
    ("Recruitment is ongoing.", "AMBER"),
    ("The audit is on track.", "GREEN"),
    ("The audit is not on track.", "RED"),
    ("Off track: two posts vacant.", "RED"),
    ("The timetable has slipped.", "RED"),
    ("Not started.", "RED"),
]


@pytest.mark.parametrize("text,status", PROGRESS)
def test_progress_status_words(text: str, status: str) -> None:
    assert read_progress(text, V).rag.value == status


# ---- authority --------------------------------------------------------------------------------
# (title block lines, authority)
TITLES = [
    (["OAKHOLLOW BOROUGH COUNCIL - IMPROVEMENT PLAN"], "Oakhollow"),
    (["IMPROVEMENT PLAN FOR OAKHOLLOW COUNCIL"], "Oakhollow"),
    (["Improvement plan for Ashby Vale City Council"], "Ashby Vale"),
    (["ASHBY VALE METROPOLITAN BOROUGH COUNCIL"], "Ashby Vale"),
    (["Children's Services", "", "Fernholt County Council: Ofsted action plan"], "Fernholt"),
    (["Plan 2024", "RIVERSEA-ON-SEA DISTRICT COUNCIL"], "Riversea-on-Sea"),
    (["KINGSTON UPON HULL CITY COUNCIL"], "Kingston upon Hull"),  # a listed authority keeps its spelling
    (["THE COUNCIL'S IMPROVEMENT PLAN"], None),                     # 'The Council' names no place
]


@pytest.mark.parametrize("lines,name", TITLES)
def test_authority_from_title_block(lines: list[str], name: str | None) -> None:
    assert detect_authority(lines, V) == name


def test_title_block_only_top_lines() -> None:
    """A council named far down the document (a partner, a comparison) is not the title."""
    lines = ["Improvement plan"] + ["text"] * 20 + ["BRIDGEMOOR COUNCIL shared its audit tool"]
    assert detect_authority(lines, V) is None


@pytest.mark.parametrize("name,authority", [("programme_key.txt", "Oakhollow"),
                                            ("mixed_case_title.txt", "Ashby Vale")])
def test_loaded_authority(name: str, authority: str) -> None:
    g = load(name)
    assert [d["name"] for _, d in g.nodes("Authority")] == [authority]


# ---- programme refs ---------------------------------------------------------------------------
# (document lines, the schemes read)
SCHEMES = [
    (["Programme key: S = strand, T = theme, A = activity", "ref S2T3A1"], (DEFAULT_SCHEME, STA)),
    (["Key: S - strand, T - theme, A - activity", "T3A1 only"], (DEFAULT_SCHEME, STA)),  # a shorthand shows it
    (["refs S2T3A1", "and S1T4A2"], (DEFAULT_SCHEME, STA)),                  # refs alone, seen twice
    (["ref S2T3A1 once"], (DEFAULT_SCHEME,)),                                # once is not a scheme
    (["Key: R = red, A = amber, G = green", "R1 done"], (DEFAULT_SCHEME,)),  # a RAG key: no ref uses it
    (["Programme key: S = strand, T = theme, A = activity"], (DEFAULT_SCHEME,)),  # a key no ref uses
]


@pytest.mark.parametrize("lines,schemes", SCHEMES)
def test_programme_schemes(lines: list[str], schemes: tuple[ProgrammeScheme, ...]) -> None:
    assert programme_schemes(lines) == schemes


# (text, schemes, refs as (raw, top, middle, bottom list))
REFS = [
    ("S2T3A1", (DEFAULT_SCHEME, STA), [("S2T3A1", 2, 3, [1])]),
    ("T3A2/3 or S1T4", (DEFAULT_SCHEME, STA), [("T3A2/3", None, 3, [2, 3]), ("S1T4", 1, 4, [])]),
    ("S2T3A1 and WS1P2WP3", (DEFAULT_SCHEME, STA), [("S2T3A1", 2, 3, [1]), ("WS1P2WP3", 1, 2, [3])]),
    ("S2T3A1", (DEFAULT_SCHEME,), []),                       # without the scheme: not a ref
    ("WS3P20WP1/2 or P16WP1", (DEFAULT_SCHEME,), [("WS3P20WP1/2", 3, 20, [1, 2]), ("P16WP1", None, 16, [1])]),
    ("s2t3a1", (DEFAULT_SCHEME, STA), []),                   # a plan's own letters as printed
    ("T3", (DEFAULT_SCHEME, STA), []),                       # a bare middle level is too ambiguous
]


@pytest.mark.parametrize("text,schemes,want", REFS)
def test_find_programme_refs(text: str, schemes, want) -> None:
    got = [(r.raw, r.ws, r.project, r.wps) for r in find_programme_refs(text, schemes)]
    assert got == want


def test_programme_hierarchy_in_own_letters() -> None:
    g = load("programme_key.txt")
    assert sorted(d["ref"] for _, d in g.nodes("Workstream")) == ["S1", "S2"]
    assert sorted(d["ref"] for _, d in g.nodes("Project")) == ["S1T4", "S1T5", "S2T3"]
    assert sorted(d["ref"] for _, d in g.nodes("WorkPackage")) == ["S1T5A1", "S2T3A1", "S2T3A2", "S2T3A3"]
    a2, d2 = action(g, "2")
    # the shorthand T3A2/3 takes strand 2 from S2T3A1 on the row above
    assert sorted(g.node(t)["ref"] for t, _ in g.out(a2, "DELIVERED_BY")) == ["S1T4", "S2T3A2", "S2T3A3"]
    assert not d2.get("programme_ref_issues")
    _, d1 = action(g, "1")
    assert d1["rag"] == "GREEN" and d1["rag_raw"] == "On track – training booked"


def test_title_sentence_lower_case_words_are_not_the_name() -> None:
    lines = ["Improvement Plan", "This plan brings forward the improvements Ashby Vale Council needs."]
    assert detect_authority(lines, V) == "Ashby Vale"


# ---- posts whose names hold '&' or 'and' -------------------------------------------------------------
# (lead cell, the posts it names)
LEAD_CELLS = [
    ("Chair of Quality & Performance sub group", ["Chair of Quality & Performance sub group"]),
    ("Chair of Quality and Service Improvement sub group", ["Chair of Quality and Service Improvement sub group"]),
    ("Chair of Learning & Head Start sub group", ["Chair of Learning & Head Start sub group"]),  # a board's name
    ("Head of Quality and Service Improvement", ["Head of Quality and Service Improvement"]),
    ("Head of Fieldwork and Head of Quality", ["Head of Fieldwork", "Head of Quality"]),  # two posts
    ("Head of Service and Chair of QA sub group", ["Head of Service", "Chair of QA sub group"]),
    ("Director of Children's Services and Virtual Head", ["Director of Children's Services", "Virtual Head"]),
    ("Head of Fieldwork / Principal Social Worker", ["Head of Fieldwork", "Principal Social Worker"]),
]


@pytest.mark.parametrize("cell,posts", LEAD_CELLS)
def test_post_names_with_and(cell: str, posts: list[str]) -> None:
    from govgraph.loaders.entities import AuthorityEntities
    from govgraph.loaders.leads import lead_parts

    reg = AuthorityEntities("elmstead", "Elmstead", V)
    assert [p.strip() for p in lead_parts(cell, V, reg)] == posts


def test_post_named_before_stays_one() -> None:
    """Two post heads around 'and' split by the vocabulary alone, not once the document has named the
    whole as one post."""
    from govgraph.loaders.entities import AuthorityEntities
    from govgraph.loaders.leads import lead_parts

    reg = AuthorityEntities("elmstead", "Elmstead", V)
    cell = "Head of Safeguarding and Independent Reviewing Officer"
    assert len(lead_parts(cell, V, reg)) == 2
    reg.role(cell, ("f", 1))
    assert lead_parts(cell, V, reg) == [cell]


# ---- per-bullet dates and leads --------------------------------------------------------------------
@pytest.fixture(scope="module")
def per_bullet():
    return load_documents([FIX / "per_bullet.txt"])


# (action ref, due, due as printed, leads)
BULLETS = [
    ("1-1", "2025-03-31", "March 2025", ["Head of Fieldwork"]),
    ("1-2", "2025-06-30", "June 2025", ["Principal Social Worker"]),
    ("1-3", "2025-09-30", "September 2025", ["Chair of Quality & Performance sub group"]),
    # three dates for two bullets: both keep the whole cell (reported below)
    ("2-1", "2025-07-31", "April 2025 May 2025 July 2025", ["Chair of Quality & Performance sub group"]),
    ("2-2", "2025-07-31", "April 2025 May 2025 July 2025", ["Chair of Quality & Performance sub group"]),
    ("3-1", "2025-08-31", "August 2025", ["Chair of Quality & Performance sub group", "Head of Fieldwork"]),
]


@pytest.mark.parametrize("ref,due,due_raw,leads", BULLETS)
def test_per_bullet_due_and_lead(per_bullet, ref: str, due: str, due_raw: str, leads: list[str]) -> None:
    g = per_bullet.graph
    n, d = action(g, ref)
    assert (d["due"], d["due_raw"]) == (due, due_raw)
    assert sorted(g.node(s)["name"] for s, _ in g.into(n, "LEADS")) == leads


def test_per_bullet_mismatch_is_reported(per_bullet) -> None:
    [rep] = per_bullet.reports
    msgs = [w for w in rep.warnings if "bullet actions" in str(w)]
    assert len(msgs) == 1 and "3 entries for 2" in str(msgs[0])
    # 'Quality & Performance' and 'Quality and Performance' are one post
    assert len([d for _, d in per_bullet.graph.nodes("Role") if "Quality" in d["name"]]) == 1


def test_plan_mixing_two_ref_schemes() -> None:
    """WS/P/WP refs and a plan's own S/T/A refs side by side: each keeps its letters and its hierarchy."""
    g = load("mixed_schemes.txt")
    assert sorted(d["ref"] for _, d in g.nodes("Workstream")) == ["S2", "WS1"]
    assert sorted(d["ref"] for _, d in g.nodes("WorkPackage")) == ["S2T3A1", "S2T3A2", "WS1P2WP1", "WS1P2WP2"]
    a2, d2 = action(g, "2")
    assert d2["programme_refs"] == ["P2WP2", "S2T3A2"] and not d2.get("programme_ref_issues")

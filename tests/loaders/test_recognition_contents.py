"""Issue 14: roles that only the cells can settle — `Owner` naming boards, `Evidence` reporting progress,
programme refs and board names in columns of their own (headed or not), a plan with no header row — and
recommendation refs from their actions' numbers. Fixtures are fictional councils in fixtures/recognition4/.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from govgraph.loaders import load_documents
from govgraph.loaders.columns import Kind, cell_kind
from govgraph.loaders.document import Cell
from govgraph.loaders.headerless import headerless_roles
from govgraph.loaders.vocab import Vocabulary
from govgraph.model.graph import GovGraph

V = Vocabulary.default()
FIX = Path(__file__).parent / "fixtures" / "recognition4"


def load(name: str) -> GovGraph:
    return load_documents([FIX / name]).graph


def actions(g: GovGraph) -> dict[str, dict]:
    return {d["ref"]: dict(d, id=n) for n, d in g.nodes("Action")}


def names(g: GovGraph, node: str, rel: str) -> list[str]:
    return sorted(g.node(s)["name"] for s, _ in g.into(node, rel))


def rec_of(g: GovGraph, action_id: str) -> str:
    [(rec, _)] = g.out(action_id, "ADDRESSES")
    return g.node(rec)["ref"]


# ---- cell kinds ---------------------------------------------------------------------------------
@pytest.mark.parametrize("text, kind", [
    ("Improvement Board", Kind.BOARD),
    ("Quality Assurance Sub Group / Cabinet", Kind.BOARD),
    ("Corporate Parenting Board (quarterly)", Kind.BOARD),
    ("Report interview themes to the panel", Kind.TEXT),     # a sentence that ends in a board's head noun
    ("Chair of QA Sub Group", Kind.POST),                    # the chair is a post
    ("WS1P2WP3", Kind.PROGREF),
    ("S1T1A2 / S1T2A1", Kind.PROGREF),
    ("P16WP1/2 or WS3P20WP1", Kind.PROGREF),
    ("WS1 is late", Kind.TEXT),
])
def test_board_and_programme_cells(text: str, kind: Kind) -> None:
    assert cell_kind(Cell(text), V) is kind


# ---- Owner and Evidence -------------------------------------------------------------------------
@pytest.fixture(scope="module")
def wychbourne() -> GovGraph:
    return load("owner_boards.txt")


# (action, monitored by, led by, status, progress starts)
OWNER_ROWS = [
    ("1", ["Improvement Board"], ["Head of Assessment"], "GREEN", "Clinics held weekly"),
    ("2", ["Workforce Sub Group"], ["Principal Social Worker"], "AMBER", "Two posts were filled"),
    ("3", ["Quality Assurance Sub Group"], ["Head of Quality Assurance"], "GREEN", "Audit of 40 files"),
    ("4", ["Improvement Board"], ["Head of Assessment"], "RED", "No progress has been made"),
]


@pytest.mark.parametrize("ref, monitors, leads, rag, progress", OWNER_ROWS)
def test_owner_of_boards_monitors_and_evidence_of_events_is_progress(
        wychbourne: GovGraph, ref: str, monitors: list[str], leads: list[str], rag: str, progress: str) -> None:
    a = actions(wychbourne)[ref]
    assert names(wychbourne, a["id"], "MONITORS") == monitors
    assert names(wychbourne, a["id"], "LEADS") == leads  # 'Lead officer' takes the lead role 'Owner' gave up
    assert a["rag"] == rag and a["progress"].startswith(progress)
    assert not a.get("success_indicator")


def decided(headers: list[str], rows: list[list[str]]) -> list[str | None]:
    """The roles `columns.decide` gives a table's columns, from its header and rows."""
    from govgraph.loaders.columns import decide
    from govgraph.loaders.layout import HeaderMatcher

    m = HeaderMatcher(V)
    roles = m.header_roles(headers)
    assert roles is not None
    cells = [[Cell(t) for t in row] for row in rows]
    return [d.role for d in decide(headers, [m.score(h) for h in headers], roles, cells, V)]


def test_owner_of_posts_stays_the_lead() -> None:
    rows = [["1", "Audit plans", "Head of Service", "May 2025"], ["2", "Train staff", "Principal Social Worker",
                                                                   "June 2025"]]
    assert decided(["No.", "Action", "Owner", "Due"], rows) == ["action_no", "action_text", "lead", "due"]


def test_evidence_of_measures_stays_the_success_measure() -> None:
    rows = [["1", "Audit plans", "Head of Service", "Audits show 90% of plans are good"],
            ["2", "Train staff", "Principal Social Worker", "Every manager trained"]]
    assert decided(["No.", "Action", "Lead", "Evidence"], rows)[3] == "success"


# ---- programme refs and boards in columns of their own ------------------------------------------
def test_programme_column_headed_and_board_column_unheaded() -> None:
    g = load("programme_column.txt")
    acts = actions(g)
    assert {r: a["programme_refs"] for r, a in acts.items()} == {
        "1": ["WS1P1WP1"], "2": ["WS1P1WP2"], "3": ["WS2P3WP1"]}
    assert names(g, acts["3"]["id"], "MONITORS") == ["Corporate Parenting Board"]
    assert names(g, acts["1"]["id"], "MONITORS") == ["Missing Children Panel"]
    # 'Ref' changes on every row while the recommendation repeats: it numbers the actions
    assert sorted(d["ref"] for _, d in g.nodes("Recommendation")) == ["1", "2"]
    assert [rec_of(g, acts[r]["id"]) for r in ("1", "2", "3")] == ["1", "1", "2"]


def test_unheaded_programme_column_numbered_per_strand() -> None:
    """S1T1 and S2T1 are two themes: the plan numbers its themes afresh in each strand."""
    g = load("unnamed_programme.txt")
    acts = actions(g)
    delivered = {r: sorted(g.node(t)["ref"] for t, _ in g.out(a["id"], "DELIVERED_BY")) for r, a in acts.items()}
    assert delivered == {"1": ["S1T1A1"], "2": ["S1T1A2", "S1T2A1"], "3": ["S2T1A1"]}
    assert not any(a.get("programme_ref_issues") for a in acts.values())


# ---- recommendation refs from action numbers ----------------------------------------------------
def test_recommendations_known_by_text_take_their_actions_prefix() -> None:
    g = load("subref_prefix.txt")
    acts = actions(g)
    assert {r: rec_of(g, a["id"]) for r, a in acts.items()} == {
        "3.1": "3", "3.2": "3", "5.1": "5", "B1": "B", "B2": "B", "C1": "C"}
    assert (acts["3.1"]["rag"], acts["3.2"]["rag"], acts["5.1"]["rag"]) == ("BLUE", "AMBER", "RED")


# ---- no header row ------------------------------------------------------------------------------
def test_plan_with_no_header_row() -> None:
    g = load("no_header.txt")
    acts = actions(g)
    assert {r: (rec_of(g, a["id"]), a["due"], a["rag"], names(g, a["id"], "LEADS")) for r, a in acts.items()} == {
        "1": ("1", "2026-04-30", "GREEN", ["Head of Safeguarding"]),
        "2": ("1", "2026-06-30", "AMBER", ["Principal Social Worker"]),
        "3": ("2", "2026-05-31", "RED", ["Head of Children in Care"]),
        "4": ("2", "2026-07-31", "AMBER", ["Independent Reviewing Officer Manager"]),
    }
    recs = {d["ref"]: d["text"] for _, d in g.nodes("Recommendation")}
    assert recs == {"1": "Improve the quality of child protection plans", "2": "Reduce delay for children in care"}


def test_a_header_in_unknown_words_is_not_read_as_an_action() -> None:
    """A first row whose cells are not of their columns' kinds is a header the vocabulary does not know:
    left to `vocab suggest`, never loaded as an action."""
    rows = [["Ref", "Task", "Person", "Deadline", "Flag"],
            ["1", "Audit twenty plans each month", "Head of Safeguarding", "April 2026", "Green"],
            ["2", "Train all team managers", "Principal Social Worker", "June 2026", "Amber"],
            ["3", "Hold a permanence meeting", "Head of Children in Care", "May 2026", "Red"]]
    assert headerless_roles([[Cell(t) for t in r] for r in rows], V) is None
    assert headerless_roles([[Cell(t) for t in r] for r in rows[1:]], V) is not None


def test_rows_without_a_plan_shape_are_not_a_table() -> None:
    rows = [["Chairs", "400", "Acme", "blue"], ["Desks", "900", "Acme", "grey"], ["Lamps", "80", "Lumo", "red"]]
    assert headerless_roles([[Cell(t) for t in r] for r in rows], V) is None


# ---- what a user's vocabulary can declare -------------------------------------------------------
def _user_vocab(tmp_path: Path, text: str) -> Vocabulary:
    path = tmp_path / "vocab.yaml"
    path.write_text(text, encoding="utf-8")
    return Vocabulary.with_user_file(path)


def test_vocabulary_declares_a_post_whose_name_holds_and(tmp_path: Path) -> None:
    from govgraph.loaders.entities import AuthorityEntities
    from govgraph.loaders.leads import lead_parts

    cell = "Head of Safeguarding and Independent Reviewing Officer"
    assert len(lead_parts(cell, V, AuthorityEntities("x", "X", V))) == 2  # two post heads: two posts
    vocab = _user_vocab(tmp_path, "posts: ['Head of Safeguarding & Independent Reviewing Officer']\n")
    assert lead_parts(cell, vocab, AuthorityEntities("x", "X", vocab)) == [cell]
    # ... and only that post: another pair still splits
    assert len(lead_parts("Head of Fieldwork and Head of Quality", vocab, AuthorityEntities("x", "X", vocab))) == 2


def test_vocabulary_declares_a_programme_scheme(tmp_path: Path) -> None:
    """One ref per scheme's letters and no key line: only the declared levels make 'K1M2T3' a ref."""
    plan = tmp_path / "plan.txt"
    plan.write_text("ORCHARDLEIGH COUNCIL IMPROVEMENT PLAN\n\nNo.\tRecommendation\tAction\tLead\tDue\tRAG\n"
                    "1\tImprove audits\tAudit plans monthly (K1M2T3)\tHead of Quality\tMay 2025\tG\n"
                    "2\tImprove audits\tTrain auditors\tHead of Quality\tJune 2025\tA\n", encoding="utf-8")
    assert not list(load_documents([plan]).graph.nodes("WorkPackage"))
    vocab = tmp_path / "vocab.yaml"
    vocab.write_text("programme_levels: [['K', 'M', 'T']]\n", encoding="utf-8")
    g = load_documents([plan], vocab_file=vocab).graph
    assert [d["ref"] for _, d in g.nodes("WorkPackage")] == ["K1M2T3"]


@pytest.mark.parametrize("levels", ["[['S', 'T']]", "[['S', 'S', 'A']]", "[['S', 'T', '1']]"])
def test_a_bad_programme_scheme_is_refused(tmp_path: Path, levels: str) -> None:
    from govgraph.errors import VocabularyError

    with pytest.raises(VocabularyError, match="programme_levels"):
        _user_vocab(tmp_path, f"programme_levels: {levels}\n")


# ---- the authority after 'Borough of' -----------------------------------------------------------
@pytest.mark.parametrize("title, authority", [
    ("London Borough of Ravensmere", "Ravensmere"),
    ("LONDON BOROUGH OF TOWER HAMLETS CHILDREN'S SERVICES IMPROVEMENT PLAN", "Tower Hamlets"),  # a listed spelling
    ("Royal Borough of Windsor and Maidenhead", "Windsor and Maidenhead"),
    ("City of Eastwick Council - Ofsted action plan", "Eastwick"),
    ("The Borough of Oakmere: improvement plan 2026", "Oakmere"),
])
def test_authority_named_after_borough_of(title: str, authority: str) -> None:
    from govgraph.loaders import detect_authority

    assert detect_authority([title, "Improvement plan"], V) == authority


# ---- a tracker in other words: 'Action ID', 'Finding', 'Accountable', 'Start'/'Finish', 'BRAG' ----------
def test_tracker_in_other_words() -> None:
    g = load_documents([FIX / "kettlebrook_tracker.csv"]).graph
    acts = actions(g)
    assert {r: (rec_of(g, a["id"]), a["due"], a["rag"], names(g, a["id"], "LEADS"), a["extra"])
            for r, a in acts.items()} == {
        "A1": ("A", "2026-09-30", "GREEN", ["DCS"], {"Start": "Apr-26"}),
        "A2": ("A", "2026-07-31", "BLUE", ["AD Safeguarding", "DCS"], {"Start": "Apr-26"}),  # 31.07.26 a date
        "B1": ("B", "2027-05-31", "AMBER", ["Head of CiC"], {"Start": "May-26"}),
        "B2": ("B", "2027-03-31", "RED", ["Head of CiC", "IRO Manager"], {"Start": "Jun-26"}),
    }


@pytest.mark.parametrize("text, kind", [("31.07.26", Kind.DATE), ("1.07.2026", Kind.DATE), ("2.1.3", Kind.SUBREF),
                                        ("1.10", Kind.SUBREF)])
def test_dotted_dates_and_sub_refs(text: str, kind: Kind) -> None:
    assert cell_kind(Cell(text), V) is kind


def test_a_text_header_over_refs_numbers_the_actions() -> None:
    """'Action code' begins like the action column's header, but its cells are refs: the action number; the
    action text goes to the column that holds text."""
    rows = [["A1", "Audit plans", "Rec A", "Head of Service", "May 2025"],
            ["A2", "Train staff", "Rec A", "Principal Social Worker", "June 2025"]]
    assert decided(["Action code", "Action", "Recommendation", "Lead", "Due"], rows) == [
        "action_no", "action_text", "rec_text", "lead", "due"]


# ---- people named beside their posts; 'and' between two whole posts ------------------------------
@pytest.mark.parametrize("cell, post, holder", [
    ("Jane Smith (Head of Service)", "Head of Service", "Jane Smith"),
    ("J. Smith, Head of Service", "Head of Service", "J. Smith"),
    ("Jane Smith - Head of Service", "Head of Service", "Jane Smith"),
    ("Head of Service – J. Smith", "Head of Service", "J. Smith"),
    ("Service Manager – Front Door", "Service Manager – Front Door", None),  # a complement, not a person
    ("Head of Quality and Performance", "Head of Quality and Performance", None),
    ("Children in Care (Head of Service)", "Children in Care (Head of Service)", None),  # not a person's name
])
def test_post_and_its_holder(cell: str, post: str, holder: str | None) -> None:
    from govgraph.loaders.leads import post_and_holder

    assert post_and_holder(cell, V) == (post, holder)


@pytest.mark.parametrize("cell, posts", [
    ("Service Manager (Front Door) and Team Manager (MASH)", ["Service Manager (Front Door)", "Team Manager (MASH)"]),
    ("Complaints and Feedback Manager", ["Complaints and Feedback Manager"]),  # 'Complaints' is no post alone
    ("Mentoring and Participation Officer", ["Mentoring and Participation Officer"]),
])
def test_and_splits_only_between_two_posts(cell: str, posts: list[str]) -> None:
    from govgraph.loaders.entities import AuthorityEntities
    from govgraph.loaders.leads import lead_parts

    assert [p.strip() for p in lead_parts(cell, V, AuthorityEntities("x", "X", V))] == posts

"""Column roles from headers and contents together (issue 14 item 1), on fixtures of fictional councils."""
from __future__ import annotations

from pathlib import Path

import pytest

from govgraph.loaders import load_documents
from govgraph.loaders.columns import Kind, cell_kind, decide
from govgraph.loaders.document import Cell
from govgraph.loaders.layout import HeaderMatcher
from govgraph.loaders.vocab import Vocabulary
from govgraph.model.graph import GovGraph

FIX = Path(__file__).parent / "fixtures"
VOCAB = Vocabulary.default()


@pytest.mark.parametrize("cell, kind", [
    (Cell(""), Kind.EMPTY),
    (Cell("", fill="#FF0000"), Kind.RAG),          # a coloured empty cell is a rating
    (Cell("", fill="#FFFFFF"), Kind.EMPTY),
    (Cell("3"), Kind.NUMBER),
    (Cell("12."), Kind.NUMBER),
    (Cell("1.1"), Kind.SUBREF),
    (Cell("2.1.3"), Kind.SUBREF),
    (Cell("1a"), Kind.SUBREF),
    (Cell("A1"), Kind.SUBREF),
    (Cell("17. (57, 138)"), Kind.PARAREF),
    (Cell("R"), Kind.RAG),
    (Cell("Amber"), Kind.RAG),
    (Cell("On track"), Kind.RAG),
    (Cell("GA"), Kind.RAG),
    (Cell("31/03/2026"), Kind.DATE),
    (Cell("Q2 2025"), Kind.DATE),
    (Cell("September 2025"), Kind.DATE),
    (Cell("Ongoing"), Kind.RAG),                  # a status word before a date phrase
    (Cell("Quarterly"), Kind.DATE),
    (Cell("AB"), Kind.INITIALS),
    (Cell("JS/KT"), Kind.INITIALS),
    (Cell("Head of Housing"), Kind.POST),
    (Cell("Principal Social Worker"), Kind.POST),
    (Cell("Children’s services"), Kind.TEXT),  # no post word of the vocabulary's heads
    (Cell("Service Manager Front Door"), Kind.POST),
    (Cell("The new template was agreed and is now in use across all teams."), Kind.PROSE),
    (Cell("Tenants' voice"), Kind.TEXT),
])
def test_cell_kind(cell: Cell, kind: Kind) -> None:
    assert cell_kind(cell, VOCAB) is kind


def _decide(headers: list[str], rows: list[list[str]]) -> list[str | None]:
    matcher = HeaderMatcher(VOCAB)
    roles = matcher.header_roles(headers)
    assert roles is not None
    cells = [[Cell(t) for t in r] for r in rows]
    return [d.role for d in decide(headers, [matcher.score(h) for h in headers], roles, cells, VOCAB)]


H = ["Ref", "Recommendation", "Action", "Lead", "Due", "Status"]


@pytest.mark.parametrize("rows, roles", [
    # sub-refs beside a repeating recommendation: the action number
    ([["1.1", "Rec A", "Do x", "Head of X", "May 2025", "G"], ["1.2", "Rec A", "Do y", "Head of Y", "June 2025", "A"]],
     ["action_no", "rec_text", "action_text", "lead", "due", "rag"]),
    # ... or beside a recommendation left blank below its first row
    ([["1.1", "Rec A", "Do x", "Head of X", "May 2025", "G"], ["1.2", "", "Do y", "Head of Y", "June 2025", "A"]],
     ["action_no", "rec_text", "action_text", "lead", "due", "rag"]),
    # sub-refs with a recommendation of their own on every row: recommendation refs
    ([["1.1", "Rec A", "Do x", "Head of X", "May 2025", "G"], ["1.2", "Rec B", "Do y", "Head of Y", "June 2025", "A"]],
     ["rec_ref", "rec_text", "action_text", "lead", "due", "rag"]),
    # plain numbers, a new one beside the same recommendation: they number the actions too
    ([["1", "Rec A", "Do x", "Head of X", "May 2025", "G"], ["2", "Rec A", "Do y", "Head of Y", "June 2025", "A"]],
     ["action_no", "rec_text", "action_text", "lead", "due", "rag"]),
    # plain numbers, each with a recommendation of its own: the header's word stands
    ([["1", "Rec A", "Do x", "Head of X", "May 2025", "G"], ["2", "Rec B", "Do y", "Head of Y", "June 2025", "A"]],
     ["rec_ref", "rec_text", "action_text", "lead", "due", "rag"]),
    # Status holding prose (no progress column): the progress update
    ([["1", "Rec A", "Do x", "Head of X", "May 2025", "The panel met twice and agreed the new terms of reference."],
      ["2", "Rec B", "Do y", "Head of Y", "June 2025", "Two of the three posts are filled and one interview is booked."]],
     ["rec_ref", "rec_text", "action_text", "lead", "due", "progress"]),
    # Status holding a mix that is mostly ratings: the rating stays
    ([["1", "Rec A", "Do x", "Head of X", "May 2025", "The panel met twice and agreed the new terms of reference."],
      ["2", "Rec B", "Do y", "Head of Y", "June 2025", "G"], ["3", "Rec C", "Do z", "Head of Z", "July 2025", "R"]],
     ["rec_ref", "rec_text", "action_text", "lead", "due", "rag"]),
])
def test_roles_from_contents(rows: list[list[str]], roles: list[str | None]) -> None:
    assert _decide(H, rows) == roles


@pytest.mark.parametrize("headers, rows, role", [
    (["No.", "Recommendation", "Action", "Lead", "Milestone"],
     [["1", "Rec A", "Do x", "Head of X", "May 2025"], ["2", "Rec A", "Do y", "Head of Y", "Q3 2025"]], "due"),
    (["No.", "Recommendation", "Action", "Lead", "Q4"],
     [["1", "Rec A", "Do x", "Head of X", "G"], ["2", "Rec A", "Do y", "Head of Y", "Amber"]], "rag"),
    (["No.", "Recommendation", "Action", "Lead", "Notes"],  # words: the column stays unnamed
     [["1", "Rec A", "Do x", "Head of X", "See minutes"], ["2", "Rec A", "Do y", "Head of Y", "Agreed"]], None),
    (["No.", "Recommendation", "Action", "Due", "Milestone"],  # the table has its due column already
     [["1", "Rec A", "Do x", "May 2025", "May 2025"], ["2", "Rec A", "Do y", "June 2025", "Q3 2025"]], None),
])
def test_a_column_the_header_does_not_name_gets_its_role_from_contents(
        headers: list[str], rows: list[list[str]], role: str | None) -> None:
    assert _decide(headers, rows)[-1] == role


def test_an_unambiguous_header_is_not_overruled() -> None:
    headers = ["Recommendation ref", "Recommendation", "Action", "Lead", "Due", "RAG"]
    rows = [["1.1", "Rec A", "Do x", "Head of X", "May 2025", "G"], ["1.2", "Rec A", "Do y", "Head of Y", "June 2025", "A"]]
    assert _decide(headers, rows)[0] == "rec_ref"


def test_decisions_carry_score_and_evidence() -> None:
    matcher = HeaderMatcher(VOCAB)
    headers = ["Ref", "Recommendation", "Action", "Lead", "Due", "RAG"]
    rows = [[Cell(t) for t in r] for r in (["1.1", "Rec A", "Do x", "Head of X", "May 2025", "G"],
                                            ["1.2", "", "Do y", "Head of Y", "June 2025", "A"])]
    out = decide(headers, [matcher.score(h) for h in headers], matcher.header_roles(headers), rows, VOCAB)
    assert out[0].role == "action_no" and "'Ref' is ambiguous" in out[0].evidence and "2 sub-ref" in out[0].evidence
    assert out[4].role == "due" and out[4].score == 3.0 + 3.0  # an exact header word and every cell a date
    assert out[2].score > 3.0


# ---- whole documents ------------------------------------------------------------------------------------------
def load(path: Path) -> GovGraph:
    return load_documents([path], authority="Testshire").graph


def actions(g: GovGraph) -> dict[str, dict]:
    """Each action by ref: its recommendation's text, leads, due and RAG."""
    out = {}
    for a, d in g.nodes("Action"):
        recs = [g.node(r)["text"] for r, _ in g.out(a, "ADDRESSES")]
        leads = sorted(g.node(s)["name"] for s, _ in g.into(a, "LEADS"))
        out[d["ref"]] = {"rec": recs, "leads": leads, "due": d.get("due"), "rag": d.get("rag")}
    return out


def recommendations(g: GovGraph) -> list[str]:
    return sorted(d["text"] for _, d in g.nodes("Recommendation"))


TIME = "Improve the timeliness of assessments"
OVERSIGHT = "Strengthen management oversight"
CARERS = "Carers assessments are completed on time"
ENQUIRIES = "Safeguarding enquiries are well recorded"
EARLY = "Improve the early help offer"


@pytest.mark.parametrize("name, n_recs, expected", [
    ("recognition/ref_action_no.txt", 3, {
        "1.1": ([TIME], ["Head of Assessment"], "2025-03-31", "GREEN"),
        "1.2": ([TIME], ["Service Manager Front Door"], "2025-06-30", "AMBER"),
        "2.1": ([OVERSIGHT], ["Principal Social Worker"], "2025-04-30", "RED"),
        "2.2": ([OVERSIGHT], ["Head of Workforce"], "2025-09-30", "GREEN"),
        "2.3": ([OVERSIGHT], ["Director of Children’s Services"], "2025-12-31", "AMBER"),
        "3.1": (["Improve access to housing for care leavers"], ["Head of Leaving Care"], "2025-07-31", "RED")}),
    ("recognition/tracker_blank_recs.csv", 2, {
        "1.1": ([CARERS], ["Head of Adult Services"], "2025-05-31", "AMBER"),
        "1.2": ([CARERS], ["Carers Lead"], "2025-06-30", "GREEN"),
        "1.3": ([CARERS], ["Head of Performance"], "2025-09-30", "GREEN"),
        "2.1": ([ENQUIRIES], ["Principal Social Worker"], "2025-07-31", "RED"),
        "2.2": ([ENQUIRIES], ["Quality Assurance Manager"], "2025-10-31", "AMBER")}),
    ("recognition/unusual_order.txt", 2, {
        "1.1": ([EARLY], ["Head of Early Help"], "2025-06-30", "AMBER"),
        "1.2": ([EARLY], ["Early Help Manager"], "2025-08-31", "GREEN"),
        "2.1": (["Increase the number of local foster carers"], ["Head of Fostering"], "2025-11-30", "RED")}),
    ("sheets/tracker_bom.csv", 2, {
        "1.1": (["Tenants’ voice in decisions"], ["Head of Housing"], "2026-03-31", "AMBER"),
        "1.2": (["Tenants’ voice in decisions"], ["Tenancy Services Manager"], "2026-06-30", "GREEN"),
        "1.10": (["Repairs performance"], ["Head of Repairs"], "2025-12-31", "RED")}),
])
def test_ref_column_of_action_numbers(name: str, n_recs: int, expected: dict[str, tuple]) -> None:
    """A `Ref` column whose refs change with every row beside a recommendation that repeats (or is left
    blank) numbers the actions: one recommendation per distinct text, each action under its own."""
    g = load(FIX / name)
    assert len(recommendations(g)) == n_recs
    got = actions(g)
    assert got == {ref: dict(zip(("rec", "leads", "due", "rag"), v)) for ref, v in expected.items()}


def test_status_ratings_and_update_prose() -> None:
    g = load(FIX / "recognition/status_rag_update.txt")
    got = {d["ref"]: d for _, d in g.nodes("Action")}
    assert {r: d["rag"] for r, d in got.items()} == {"1": "GREEN", "2": "AMBER", "3": "RED"}
    assert not any(d["rag_inferred"] for d in got.values())
    assert got["3"]["progress"].startswith("Recruitment has been slower")
    assert len(recommendations(g)) == 2


def test_status_holding_prose_is_the_progress_update() -> None:
    g = load(FIX / "recognition/status_prose.txt")
    progress = sorted(d["progress"] for _, d in g.nodes("Action"))
    assert progress[0].startswith("The standard was written") and progress[1].startswith("Three of the five")
    assert not any("RAG value" in w for w in _warnings(FIX / "recognition/status_prose.txt"))


def test_comments_holding_ratings_are_the_rag() -> None:
    g = load(FIX / "recognition/comments_rag.txt")
    got = {d["ref"]: d for _, d in g.nodes("Action")}
    assert {r: (d["rag"], d["rag_inferred"], d.get("progress")) for r, d in got.items()} == {
        "1": ("GREEN", False, None), "2": ("AMBER", False, None), "3": ("RED", False, None)}


def test_headers_in_other_words() -> None:
    """`Milestone` holding dates is the due date, `Q4` holding R/A/G the rating (no header word names them)."""
    g = load(FIX / "recognition/headers_in_other_words.txt")
    got = {d["ref"]: (d.get("due"), d["rag"], d["rag_inferred"]) for _, d in g.nodes("Action")}
    assert got == {"1": ("2025-04-30", "GREEN", False), "2": ("2025-06-30", "AMBER", False),
                   "3": ("2025-09-30", "RED", False)}
    assert len(recommendations(g)) == 2


def _warnings(path: Path) -> list[str]:
    result = load_documents([path], authority="Testshire")
    return [message for r in result.reports for _, message in r.warnings]

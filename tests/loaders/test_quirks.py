"""Each extraction quirk on a small fixture written for it (fictional councils)."""
from __future__ import annotations

from pathlib import Path

import pytest

from govgraph.errors import InputFileError
from govgraph.loaders import load_documents
from govgraph.model.graph import GovGraph

FIX = Path(__file__).parent / "fixtures" / "quirks"


def load(name: str, **kw) -> GovGraph:
    return load_documents([FIX / name], **kw).graph


def by_ref(g: GovGraph, label: str, ref: str) -> tuple[str, dict]:
    [(n, d)] = [(n, d) for n, d in g.nodes(label) if d.get("ref") == ref]
    return n, d


def names(g: GovGraph, ids) -> set[str]:
    return {g.node(i)["name"] for i in ids}


@pytest.fixture(scope="module")
def table_plan() -> GovGraph:
    return load("table_plan.txt")


def test_columns_mapped_by_synonyms_not_position(table_plan):
    _, a1 = by_ref(table_plan, "Action", "1")
    assert a1["text"] == "Audit all plans"
    assert a1["due"] == "2024-10-31" and a1["due_raw"] == "Octobe r 2024"  # raw kept as printed
    assert a1["rag"] == "RED"
    _, r12 = by_ref(table_plan, "Recommendation", "12")
    assert r12["ofsted_paragraphs"] == [12, 40, 41] and r12["uncertain_paragraphs"] == [41]


def test_continuation_after_page_break_mends_broken_words(table_plan):
    a2, d2 = by_ref(table_plan, "Action", "2")
    assert d2["text"] == "Review the panel and sign off"
    assert "safeguarding work continues" in d2["progress"]
    assert names(table_plan, [s for s, _ in table_plan.into(a2, "LEADS")]) == {
        "Head of Children with Disabilities"}
    assert d2["rag"] == "AMBER" and d2["rag_raw"] == "GA"
    assert d2["due"] is None if "due" in d2 else True
    # the empty area cell means action 2 belongs to the area above
    assert "12" in {table_plan.node(r)["ref"] for r, _ in table_plan.out(a2, "ADDRESSES")}


def test_joint_leads_and_initials(table_plan):
    a1, _ = by_ref(table_plan, "Action", "1")
    leads = [table_plan.node(s) for s, _ in table_plan.into(a1, "LEADS")]
    assert sorted(d["name"] for d in leads) == ["Head of Fieldwork", "Head of Looked After Children"]
    assert [d["holders"] for d in leads if d.get("holders")] == [["AB"]]


def test_board_names_run_together_and_programme_refs(table_plan):
    a1, d1 = by_ref(table_plan, "Action", "1")
    boards = names(table_plan, [s for s, _ in table_plan.into(a1, "MONITORS")])
    assert boards == {"Improvement Board", "WSCB QA Sub Group", "Cabinet"}
    a2, _ = by_ref(table_plan, "Action", "2")
    wps = {table_plan.node(t)["ref"] for t, _ in table_plan.out(a2, "DELIVERED_BY")}
    assert wps == {"WS1P2WP1"}  # shorthand P2WP1 resolved to the work stream of project 2


def test_greek_alpha_and_complete(table_plan):
    _, d3 = by_ref(table_plan, "Action", "3")
    assert d3["rag_raw"] == "\u0391" and d3["rag"] == "AMBER"
    _, d4 = by_ref(table_plan, "Action", "4")
    assert d4["rag"] == "BLUE" and d4["rag_raw"] == "Complete"


def test_governance_prose(table_plan):
    g = table_plan
    boards = {d["name"]: n for n, d in g.nodes("Board")}
    execu = boards["Executive"]
    assert "steering group" in [a.lower() for a in g.node(execu)["aliases"]] or \
        any("steering" in a.lower() for a in g.node(execu)["aliases"])
    qa = boards["WSCB QA Sub Group"]
    assert execu in {t for t, _ in g.out(qa, "REPORTS_TO")}
    chair = [s for s, _ in g.into(boards["Westford Safeguarding Children Board"], "CHAIRS")]
    assert names(g, [t for t, _ in g.out(chair[0], "ESCALATES_TO")]) == {"Director of Children’s Services"}


def test_dangling_and_dependency_references(table_plan):
    a4, d4 = by_ref(table_plan, "Action", "4")
    assert any("recommendation 12" in x for x in d4.get("dangling_refs", [])) is False
    a1, _ = by_ref(table_plan, "Action", "1")
    assert a1 in {t for t, _ in table_plan.out(a4, "DEPENDS_ON")}


def test_tab_led_continuations_and_pointer_responses():
    g = load("prose_rows.txt", authority="Northmoor")
    r1, _ = by_ref(g, "Recommendation", "1")
    r2, _ = by_ref(g, "Recommendation", "2")
    r3, d3 = by_ref(g, "Recommendation", "3")
    [(a1, _)] = g.into(r1, "ADDRESSES")
    assert g.node(a1)["text"] == "An audit was carried out and found themes in practice."
    assert g.node(a1)["rag"] == "BLUE" and g.node(a1)["rag_inferred"] is True
    assert r1 in {t for t, _ in g.out(r2, "REFERS_TO")}
    assert {s for s, _ in g.into(r2, "ADDRESSES")} == {a1}
    [(a3, _)] = g.into(r3, "ADDRESSES")
    assert any("recommendation 9" in x for x in g.node(a3)["dangling_refs"])


def test_html_bullets_one_action_each_and_sub_rows():
    g = load("bullets.txt", authority="Northmoor")
    r11, d11 = by_ref(g, "Recommendation", "1.1")
    texts = sorted(g.node(s)["text"] for s, _ in g.into(r11, "ADDRESSES"))
    assert texts == ["Agree objectives", "Implement Locality Teams.", "Review objectives & report", "Train staff"]
    assert d11["section"] == "Children’s Trust"
    [loc] = [s for s, _ in g.into(r11, "ADDRESSES") if g.node(s)["text"] == "Implement Locality Teams."]
    assert names(g, [s for s, _ in g.into(loc, "LEADS")]) == {"Head of Community Operations"}
    r12, d12 = by_ref(g, "Recommendation", "1.2")
    assert d12["text"] == "The Trust monitors. more text."
    assert sorted(g.node(s)["text"] for s, _ in g.into(r12, "ADDRESSES")) == [
        "Challenge arrangements", "Seek comparisons with other authorities"]


def test_narrative_layout():
    g = load("narrative.txt")
    assert {d["name"] for _, d in g.nodes("Authority")} == {"Eastbury"}
    r1, d1 = by_ref(g, "Recommendation", "1")
    assert d1["text"] == "Strengthen oversight of referrals."
    assert d1["urgency"] == "for immediate improvement"
    assert d1["outcome"] == "Needs identified sooner." and d1["evidence"] == "Monthly audits."
    a, d = by_ref(g, "Action", "1.2")
    assert {g.node(s)["name"] for s, _ in g.into(a, "LEADS")} == {"AB", "CD", "EF"}
    assert d["rag"] == "AMBER" and d["rag_inferred"]
    _, d21 = by_ref(g, "Action", "2.1")
    assert d21["due"] is None if "due" in d21 else d21["due_raw"] == "Quarterly"
    [(insp, _)] = [(n, d) for n, d in g.nodes("Inspection")]
    assert g.node(insp)["date"] == "2023-01"


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(InputFileError, match="file not found"):
        load_documents([tmp_path / "nope.txt"])


def test_encodings_and_line_ends(tmp_path):
    text = ("Ofsted Recommendation\tAction\tProgress\r\n"
            "Recommendation 1 required caf\u00e9 audits.\tAudit\tCompleted\r\n")
    for enc, name in (("utf-16", "u16.txt"), ("cp1252", "cp.txt")):
        p = tmp_path / name
        p.write_bytes(text.encode(enc))
        g = load_documents([p], authority="Northmoor").graph
        _, r = by_ref(g, "Recommendation", "1")
        assert "café" in r["text"]


def test_recommendation_text_is_its_identity_without_a_ref_column():
    # numbered actions and a recommendation text column, but no ref or paragraph column: a new text is a new
    # recommendation, a cell starting mid-sentence continues the one above, the same text again is the same one
    g = load("rec_text_identity.txt")
    recs = {d["ref"]: d["text"] for _, d in g.nodes("Recommendation")}
    assert recs == {"1": "Make sure that strategy meetings include the police and health.",
                    "2": "Improve the quality of supervision.", "3": "Reduce caseloads."}
    addressed = {g.node(a)["ref"]: g.node(r)["ref"] for a, r, _ in g.edges("ADDRESSES")}
    assert addressed == {"1": "1", "2": "1", "3": "2", "4": "2", "5": "3"}


@pytest.mark.parametrize("lead, chairs", [
    ("Independent Chair", None), ("Vice Chair", None), ("Deputy Chair", None), ("Co Chair", None),
    ("Interim Chair", None), ("ESCB Vice Chair", None),       # a qualifier before 'Chair' makes a post, not a board
    ("ESCB Chair", "Eastmere Safeguarding Children Board"), ("Corporate Parenting Panel Chair",
                                                            "Corporate Parenting Panel"),
    ("Chair of Policy and Procedures", "Policy and Procedures"),  # a board named without its head noun
])
def test_chair_qualifier_is_not_a_board(lead, chairs):
    from govgraph.loaders.entities import AuthorityEntities
    from govgraph.loaders.vocab import Vocabulary

    reg = AuthorityEntities("eastmere", "Eastmere", Vocabulary.default())
    assert reg.role(lead, ("plan.txt", 1)) is not None
    g = GovGraph()
    reg.finalise(g)
    boards = {d["name"] for _, d in g.nodes("Board")}
    assert boards == ({chairs} if chairs else set())
    [(role, _)] = list(g.nodes("Role"))
    assert {g.node(b)["name"] for b, _ in g.out(role, "CHAIRS")} == boards


def test_own_authority_name_before_a_board_name_is_the_same_board():
    # 'Westmere Improvement Board', 'Westmere Council Improvement Board' and 'Improvement Board' in Westmere's
    # plan are one board; Northby's board of the same name (a partner council) stays another board
    g = load("authority_board.txt")
    assert {d["name"] for _, d in g.nodes("Authority")} == {"Westmere"}
    boards = [{d["name"], *(d.get("aliases") or [])} for _, d in g.nodes("Board")]
    assert {"Improvement Board", "Westmere Improvement Board", "Westmere Council Improvement Board"} in boards
    assert {"Northby Improvement Board"} in boards
    assert {"Westmere Council's Cabinet"} in boards and len(boards) == 3


@pytest.mark.parametrize("name", ["Westmere Borough Council Improvement Board",
                                  "Westmere Metropolitan Borough Council Improvement Board",
                                  "Westmere City Council Improvement Board"])
def test_council_kind_words_from_the_vocabulary_join_the_own_authority_prefix(name):
    from govgraph.loaders.entities import AuthorityEntities
    from govgraph.loaders.vocab import Vocabulary

    reg = AuthorityEntities("westmere", "Westmere", Vocabulary.default())
    assert reg.board(name, ("plan.txt", 1)) == reg.board("Improvement Board", ("plan.txt", 2))
    assert reg.board("Northby Borough Council Improvement Board", ("plan.txt", 3)) != \
        reg.board("Improvement Board", ("plan.txt", 4))

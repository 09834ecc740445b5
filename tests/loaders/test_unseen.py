"""Plans in layouts the corpus does not show (fictional councils, written for these tests).

Each fixture varies a corpus layout: other column orders and header words ("Accountable lead", "BRAG",
"Commentary", "Owner"...), other R/A/G spellings ("Amber/Green", "On track", "Off track", "Achieved"),
other date forms ("Mar-17", "Q2 2017/18", "Spring 2017", "31.07.17", ISO), CRLF line ends and a UTF-8 BOM.
The expected values are read off the fixtures by hand.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from govgraph.loaders import LoadResult, load_documents
from govgraph.loaders.dates import parse_due
from govgraph.loaders.layout import HeaderMatcher
from govgraph.loaders.rag import parse_rag
from govgraph.loaders.vocab import Vocabulary

FIX = Path(__file__).parent / "fixtures" / "unseen"


def load(name: str) -> LoadResult:
    return load_documents([FIX / name])


def actions(result: LoadResult) -> dict[str, dict]:
    """Actions by ref: lead names (from LEADS edges), due, RAG, raw RAG, the recommendation addressed, line."""
    g = result.graph
    out: dict[str, dict] = {}
    for aid, d in g.nodes("Action"):
        assert d["ref"] not in out, f"two actions with ref {d['ref']}"
        out[d["ref"]] = {
            "leads": {g.node(s)["name"] for s, _ in g.into(aid, "LEADS")},
            "due": d.get("due"),
            "rag": d["rag"],
            "rag_raw": d.get("rag_raw"),
            "recs": sorted(g.node(t)["ref"] for t, _ in g.out(aid, "ADDRESSES")),
            "line": d["source_line"],
        }
    return out


def warnings(result: LoadResult) -> list[tuple[int, str]]:
    [report] = result.reports
    return sorted(report.warnings)


def check(got: dict[str, dict], expected: list[tuple]) -> None:
    assert sorted(got) == sorted(e[0] for e in expected)
    for ref, leads, due, rag, rag_raw in expected:
        a = got[ref]
        assert (a["leads"], a["due"], a["rag"], a["rag_raw"]) == (set(leads), due, rag, rag_raw), ref


# --- Ashcombe: numbered table, CRLF, "No. / Ofsted para / ... / Accountable lead / Deadline / RAG status /
#     Commentary / Reporting to", header repeated after a page break ------------------------------------------

@pytest.fixture(scope="module")
def ashcombe() -> LoadResult:
    return load("ashcombe_numbered.txt")


def test_ashcombe_fixture_has_crlf_line_ends():
    raw = (FIX / "ashcombe_numbered.txt").read_bytes()
    assert raw.count(b"\r\n") == raw.count(b"\n") > 15


def test_ashcombe_actions(ashcombe):
    check(actions(ashcombe), [
        ("1", ["Head of Safeguarding"], "2017-03-31", "AMBER", "Amber/Green"),        # 'Mar-17'
        ("2", ["Performance Manager"], "2017-03-31", "BLUE", "Complete"),             # '31/03/2017'
        ("3", ["Principal Social Worker"], "2017-09-30", "GREEN", "On track"),        # 'Q2 2017/18'
        ("4", ["Workforce Development Manager"], "2017-05-31", "GREY", "Not started"),  # 'Spring 2017'
        ("5", ["Head of Children in Care", "Designated Nurse"], None, "GREEN", "G"),   # 'Ongoing'
        ("6", ["Head of Children in Care"], "2017-06-30", "BLUE", "B"),
        ("7", ["Commissioning Manager"], "2017-09-30", "RED", "Red"),                 # 'Sept-17'
        ("8", ["Head of Safeguarding"], "2017-04-30", "AMBER", "Red/Amber"),          # '30th April 2017'
    ])


def test_ashcombe_areas_and_boards(ashcombe):
    g = ashcombe.graph
    recs = {d["ref"]: d["ofsted_paragraphs"] for _, d in g.nodes("Recommendation")}
    assert recs == {"14": [14, 52, 60], "19": [19], "27": [27, 81], "31": [31]}
    got = actions(ashcombe)
    assert [got[r]["recs"] for r in "12345678"] == [["14"], ["14"], ["19"], ["19"], ["27"], ["27"], ["31"], ["31"]]
    a3 = next(n for n, d in g.nodes("Action") if d["ref"] == "3")
    assert {g.node(s)["name"] for s, _ in g.into(a3, "MONITORS")} == {"Quality Assurance Sub Group"}


def test_ashcombe_has_no_warnings(ashcombe):
    assert warnings(ashcombe) == []


def test_ashcombe_improvement_board_is_one_board(ashcombe):
    names = {d["name"] for _, d in ashcombe.graph.nodes("Board")}
    assert not {"Ashcombe Improvement Board", "Improvement Board"} <= names


# --- Brackenmoor: dotted refs in numbered sections, UTF-8 BOM, "Ref / Area for development / Actions / Owner /
#     By when / Status / Update" ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def brackenmoor() -> LoadResult:
    return load("brackenmoor_dotted.txt")


def test_brackenmoor_fixture_has_bom():
    assert (FIX / "brackenmoor_dotted.txt").read_bytes().startswith(b"\xef\xbb\xbf")


def test_brackenmoor_sections_and_recommendations(brackenmoor):
    recs = {d["ref"]: d["section"] for _, d in brackenmoor.graph.nodes("Recommendation")}
    assert recs == {"1.1": "Front door and early help", "1.2": "Front door and early help",
                    "1.3": "Front door and early help", "2.1": "Children in care", "2.2": "Children in care",
                    "2.3": "Children in care", "3.1": "Leadership and governance",
                    "3.2": "Leadership and governance"}


def test_brackenmoor_actions(brackenmoor):
    check(actions(brackenmoor), [
        ("1.1-1", ["Service Manager, Front Door"], "2017-08-31", "GREEN", "G"),          # 'Summer 2017'
        ("1.2-1", ["Brackenmoor Safeguarding Children Board Business Manager"], "2017-12-31", "AMBER", "A"),
        ("1.3-1", ["Early Help Manager"], None, "BLUE", "B"),                             # 'Quarterly'
        ("2.1-1", ["Head of Quality Assurance"], "2018-01-31", "RED", "Red"),
        ("2.2-1", ["Head of Children in Care"], "2017-09-30", "GREEN", "Green (complete)"),  # ISO date
        ("2.3-1", ["Commissioning Lead"], "2018-03-31", "AMBER", "Amber"),              # 'Financial year 2017/18'
        ("3.1-1", ["Assistant Director, Children's Social Care"], "2017-12-31", "AMBER", "R/A"),
        ("3.2-1", ["Independent Chair"], None, "UNKNOWN", "??"),                          # 'TBC', '??'
    ])


def test_brackenmoor_unreadable_rating_is_warned_with_its_line(brackenmoor):
    assert warnings(brackenmoor) == [(18, "RAG value '??' not recognised")]


def test_brackenmoor_independent_chair_is_not_a_board(brackenmoor):
    assert "Independent" not in {d["name"] for _, d in brackenmoor.graph.nodes("Board")}


# --- Fenwold: narrative recommendations, each with a small "Actions / Timescale / Responsible /
#     Progress to date / BRAG" table; leads are initials ------------------------------------------------------

@pytest.fixture(scope="module")
def fenwold() -> LoadResult:
    return load("fenwold_narrative.txt")


def test_fenwold_actions(fenwold):
    check(actions(fenwold), [
        ("1.1", ["TM", "RD"], "2017-04-30", "BLUE", "B"),
        ("1.2", ["TM"], "2017-05-31", "GREEN", "G"),
        ("1.3", ["RD"], "2017-12-31", "AMBER", "A"),                  # 'Q3 2017/18'
        ("2.1", ["PSW"], "2017-07-31", "GREEN", "G"),                 # '31.07.17'
        ("2.2", ["PSW", "HR"], "2017-11-30", "RED", "R"),             # 'Autumn 2017'
        ("2.3", ["HoS"], None, "AMBER", "A/G"),                       # 'Ongoing'
        ("3.1", ["SysAdmin", "TM"], "2017-09-04", "AMBER", "Amber"),  # 'w/c 4 September 2017'
        ("3.2", ["PSW"], "2017-11-30", "GREY", "Grey"),               # 'Nov 17'
    ])


def test_fenwold_brag_column_is_read_not_inferred(fenwold):
    assert all(d["rag_inferred"] is False for _, d in fenwold.graph.nodes("Action"))
    assert warnings(fenwold) == []


# --- Kestrel Vale: wide numbered table, BOM and CRLF, "Action ref / Ofsted recommendation / What we will do /
#     Success measure / Responsible officer / Target date / BRAG / Progress update / Governance" ----------------

@pytest.fixture(scope="module")
def kestrel() -> LoadResult:
    return load("kestrel_vale_plan.txt")


def test_kestrel_fixture_has_bom_and_crlf():
    raw = (FIX / "kestrel_vale_plan.txt").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and raw.count(b"\r\n") == raw.count(b"\n")


def test_kestrel_actions(kestrel):
    got = actions(kestrel)
    check(got, [
        ("1", ["Head of Early Help"], "2017-06-30", "BLUE", "Complete"),
        ("2", ["Detective Inspector, Public Protection", "Head of Early Help"], "2017-07-31", "BLUE", "Achieved"),
        ("3", ["Service Manager, Assessment"], "2018-03-31", "RED", "Off track"),       # 'Q4 2017/18'
        ("4", ["Performance Lead"], None, "GREEN", "On target"),                        # 'Monthly'
        ("5", ["Commissioning Manager"], "2017-12-31", "AMBER", "In progress"),
        ("6", ["Leaving Care Manager"], "2018-05-31", "UNKNOWN", "Not yet due"),       # 'Spring 2018'
        ("7", ["Head of Housing"], "2017-12-31", "AMBER", "A"),
        ("8", ["Head of Safeguarding and Quality"], "2017-09-30", "RED", "R"),         # 'By end Sept 2017'
        ("9", ["LADO"], None, "GREEN", "G"),                                            # 'Annual'
    ])
    assert [got[r]["line"] for r in "123456789"] == [6, 7, 8, 9, 10, 11, 12, 17, 18]


def test_kestrel_success_measure_and_governance_columns(kestrel):
    g = kestrel.graph
    a1 = next((n, d) for n, d in g.nodes("Action") if d["ref"] == "1")
    assert a1[1]["success_indicator"] == "Tool used in 95% of relevant referrals"
    assert {g.node(s)["name"] for s, _ in g.into(a1[0], "MONITORS")} == {"CSE Sub Group"}


def test_kestrel_unusable_cells_are_warned_with_their_lines(kestrel):
    assert warnings(kestrel) == [
        (11, "RAG value 'Not yet due' not recognised"),      # a status, not a rating: kept raw, not guessed
        (12, "text 'stray' in an unnamed column 10 ignored"),  # a cell beyond the header's columns
    ]


def test_kestrel_each_area_is_a_recommendation(kestrel):
    assert len(list(kestrel.graph.nodes("Recommendation"))) == 4


# --- the cell parsers on the forms above --------------------------------------------------------------------

@pytest.mark.parametrize("raw, expected", [
    ("Mar-17", date(2017, 3, 31)),
    ("31.07.17", date(2017, 7, 31)),
    ("31-03-2017", date(2017, 3, 31)),
    ("2017-09-30", date(2017, 9, 30)),
    ("Q1 2017/18", date(2017, 6, 30)),      # financial quarters: April-June ... January-March
    ("Q2 2017/18", date(2017, 9, 30)),
    ("Q3 2017-18", date(2017, 12, 31)),
    ("Q4 2017/18", date(2018, 3, 31)),
    ("Quarter 3 17/18", date(2017, 12, 31)),
    ("Q2 2018", date(2018, 6, 30)),         # a calendar year's quarter
    ("by end of Q2 2017/18 (revised Q3 2017/18)", date(2017, 12, 31)),  # the last date written
    ("Spring 2017", date(2017, 5, 31)),
    ("Summer 2017", date(2017, 8, 31)),
    ("Autumn 17", date(2017, 11, 30)),
    ("Summer term 2017", date(2017, 7, 31)),
    ("Autumn term 2017", date(2017, 12, 31)),
    ("Spring term 2018", date(2018, 4, 30)),
    ("Winter 2017", None),                  # straddles two years: no date rather than a guess
    ("Q3", None),
    ("April 2014-2015", date(2014, 4, 30)),  # a year range is not a dd-mm-yy date
    ("1.2.3", None),
])
def test_parse_due_other_forms(raw, expected):
    assert parse_due(raw) == expected


@pytest.mark.parametrize("raw, expected", [
    ("Amber/Green", "AMBER"), ("Green/Amber", "AMBER"), ("Red/Amber", "AMBER"), ("On track", "GREEN"),
    ("On Target", "GREEN"), ("Off track", "RED"), ("Achieved", "BLUE"), ("In progress", "AMBER"),
    ("Not started", "GREY"), ("Not yet due", "UNKNOWN"), ("??", "UNKNOWN"),
])
def test_parse_rag_other_spellings(raw, expected):
    assert parse_rag(raw, Vocabulary.default()).value == expected


@pytest.mark.parametrize("header, role", [
    ("Accountable lead", "lead"), ("Action owner", "lead"), ("BRAG", "rag"), ("B/R/A/G", "rag"),
    ("Success measure", "success"), ("Timeframe", "due"), ("Time frame", "due"),
    ("Target completion date", "due"), ("Recommendation ref", "rec_ref"), ("Latest update", "progress"),
    ("Position at June 2017", "progress"), ("Reporting arrangements", "monitoring"),
    ("Improvement required", "rec_text"),
])
def test_header_words(header, role):
    score, got = HeaderMatcher(Vocabulary.default()).score(header)
    assert (got, score >= 2) == (role, True)  # a strong match: three make a header row


def test_status_words_under_a_repeated_header_are_not_header_fragments():
    # 'Completed.' in a By-when cell after a repeated header (as in the Stockton plan) is data; a due synonym
    # such as 'complete by' would make it look like the rest of a broken header word and drop the row
    m = HeaderMatcher(Vocabulary.default())
    for cell in ("Completed.", "Achieved", "Ongoing", "Quarterly reports."):
        assert not m.is_header_fragment(cell, "due"), cell

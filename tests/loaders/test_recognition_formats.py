"""Issue 14 across the formats: the contents-based rules hold when the table comes from Word or Excel.

Each file is written at test time with python-docx or openpyxl (fictional councils): an Excel tracker whose
`Owner` names boards beside a `Responsible officer`, whose `Evidence` reports progress, with a recommendation
merged down and colour-only status cells; a Word plan with no header row, letter-prefixed recommendation refs
printed on every row, 'Ongoing' in its date column and 'London Borough of' in its title.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from govgraph.loaders import LoadResult, load_documents


def summary(result: LoadResult) -> dict[str, tuple]:
    """Action ref -> (recommendation ref, due, RAG, leads, monitors)."""
    g = result.graph
    out = {}
    for aid, d in g.nodes("Action"):
        [(rec, _)] = g.out(aid, "ADDRESSES")
        out[d["ref"]] = (g.node(rec)["ref"], d.get("due"), d["rag"],
                         sorted(g.node(s)["name"] for s, _ in g.into(aid, "LEADS")),
                         sorted(g.node(s)["name"] for s, _ in g.into(aid, "MONITORS")))
    return out


@pytest.fixture(scope="module")
def fernhill(tmp_path_factory: pytest.TempPathFactory) -> LoadResult:
    import openpyxl
    from openpyxl.styles import PatternFill

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Tracker"
    ws.append(["Fernhill Borough Council - Improvement tracker (position as at 1 October 2026)"])
    ws.append([])
    ws.append(["Area for improvement", "No.", "Task", "Owner", "Responsible officer", "Evidence", "Target", "Status"])
    ws.append(["Improve the quality of supervision", "1.1", "Introduce a supervision template",
               "Practice Improvement Group", "Head of Practice", "Template launched in June; audit found 70% use.",
               "30/06/2026", None])
    ws.append([None, "1.2", "Audit supervision quarterly", "Practice Improvement Group", "Principal Social Worker",
               "First audit was completed in September.", "30/09/2026", None])
    ws.append(["Strengthen the front door", "2.1", "Co-locate police in the MASH", "Safeguarding Partnership Board",
               "Head of MASH", "Delayed; building works slipped.", "31/08/2026", None])
    for row, colour in zip((4, 5, 6), ("00B050", "FFC000", "FF0000")):
        ws.cell(row=row, column=8).fill = PatternFill("solid", fgColor=colour)
    ws.merge_cells("A4:A5")
    path = tmp_path_factory.mktemp("xlsx") / "fernhill_tracker.xlsx"
    wb.save(path)
    return load_documents([path])


def test_excel_tracker_owner_evidence_and_colours(fernhill: LoadResult) -> None:
    assert summary(fernhill) == {
        "1.1": ("1", "2026-06-30", "GREEN", ["Head of Practice"], ["Practice Improvement Group"]),
        "1.2": ("1", "2026-09-30", "AMBER", ["Principal Social Worker"], ["Practice Improvement Group"]),
        "2.1": ("2", "2026-08-31", "RED", ["Head of MASH"], ["Safeguarding Partnership Board"]),
    }
    g = fernhill.graph
    progress = {d["ref"]: d.get("progress") for _, d in g.nodes("Action")}
    assert progress["1.2"] == "First audit was completed in September."
    assert [d["authority"] for _, d in g.nodes("Plan")] == ["fernhill"]


@pytest.fixture(scope="module")
def ravensmere(tmp_path_factory: pytest.TempPathFactory) -> LoadResult:
    import docx

    d = docx.Document()
    d.add_heading("London Borough of Ravensmere", 1)
    d.add_paragraph("Ofsted improvement plan: progress at 15 September 2026")
    table = d.add_table(rows=0, cols=6)
    for row in [
        ("R1", "Improve the timeliness of strategy discussions", "Set up a daily strategy meeting", "Head of MASH",
         "31 July 2026", "Complete"),
        ("R1", "Improve the timeliness of strategy discussions", "Report timeliness weekly to managers",
         "Performance Manager", "31 August 2026", "On track"),
        ("R2", "Strengthen the quality of care leaver pathway plans", "Rewrite the pathway plan template",
         "Head of Leaving Care", "30 June 2026", "Off track"),
        ("R2", "Strengthen the quality of care leaver pathway plans", "Audit ten pathway plans a month",
         "Principal Social Worker", "Ongoing", "In progress"),
    ]:
        for cell, text in zip(table.add_row().cells, row):
            cell.text = text
    path = tmp_path_factory.mktemp("docx") / "ravensmere_plan.docx"
    d.save(path)
    return load_documents([path])


def test_word_plan_with_no_header_row(ravensmere: LoadResult) -> None:
    assert summary(ravensmere) == {
        "R1-1": ("R1", "2026-07-31", "BLUE", ["Head of MASH"], []),
        "R1-2": ("R1", "2026-08-31", "GREEN", ["Performance Manager"], []),
        "R2-1": ("R2", "2026-06-30", "RED", ["Head of Leaving Care"], []),
        "R2-2": ("R2", None, "AMBER", ["Principal Social Worker"], []),
    }
    g = ravensmere.graph
    assert sorted(d["ref"] for _, d in g.nodes("Recommendation")) == ["R1", "R2"]  # one per ref, not per row
    assert [d["authority"] for _, d in g.nodes("Plan")] == ["ravensmere"]
    assert not ravensmere.reports[0].warnings


FIX = Path(__file__).parent / "fixtures" / "recognition4"
HEADED = {
    "1.1": ("1", "2026-05-31", "GREEN", ["Head of Service"], []),
    "1.2": ("1", "2026-06-30", "AMBER", ["Principal Social Worker"], []),
    "2.1": ("2", "2026-07-31", "RED", ["Head of Leaving Care"], []),
}
RECS = {"1": "The quality of supervision is inconsistent", "2": "Care leavers do not have timely pathway plans"}


def test_recommendation_headings_between_a_tables_rows_text() -> None:
    """'Area for improvement 1: ...' lines between the rows of one table: each heading is a recommendation,
    the rows after it its actions, and the ambiguous 'Ref' numbers the actions."""
    result = load_documents([FIX / "headings_between_rows.txt"])
    assert summary(result) == HEADED
    assert {d["ref"]: d["text"] for _, d in result.graph.nodes("Recommendation")} == RECS
    assert not result.reports[0].warnings


def test_recommendation_headings_as_merged_rows_word(tmp_path: Path) -> None:
    """The same plan in Word, each heading a row merged across the table."""
    import docx

    d = docx.Document()
    d.add_paragraph("HARROWDEAN COUNCIL - OFSTED IMPROVEMENT PLAN")
    lines = (FIX / "headings_between_rows.txt").read_text(encoding="utf-8").splitlines()[2:]
    table = d.add_table(rows=0, cols=5)
    for line in lines:
        cells = table.add_row().cells
        parts = line.split("\t")
        if len(parts) == 1:
            merged = cells[0].merge(cells[-1])
            merged.text = parts[0]
            continue
        for cell, text in zip(cells, parts):
            cell.text = text
    path = tmp_path / "harrowdean.docx"
    d.save(path)
    result = load_documents([path])
    assert summary(result) == HEADED
    assert {d["ref"]: d["text"] for _, d in result.graph.nodes("Recommendation")} == RECS


def test_explain_counts_a_table_split_by_headings_once() -> None:
    [report] = load_documents([FIX / "headings_between_rows.txt"]).reports
    [table] = report.tables
    assert (table["rows"], table["parts"]) == (3, 3)
    assert [c["role"] for c in table["columns"]] == ["action_no", "action_text", "lead", "due", "rag"]


def test_a_key_sheet_before_the_plan_is_not_a_plan(tmp_path: Path) -> None:
    """A workbook whose first sheet is the RAG key: its first long row was taken for the plan's title, and the
    real 'IMPROVEMENT PLAN' heading then started a second plan, leaving an empty one named 'R Red - off track'."""
    import openpyxl

    wb = openpyxl.Workbook()
    key = wb.active
    key.title = "Key"
    for row in (["Key"], ["R", "Red - off track"], ["A", "Amber - some risk"], ["G", "Green - on track"]):
        key.append(row)
    plan = wb.create_sheet("Action plan")
    for row in (["WESTBRIDGE CITY COUNCIL – CHILDREN'S SERVICES IMPROVEMENT PLAN"],
                ["Rec No.", "Ofsted recommendation", "Action No.", "Action", "Lead Officer", "Target Date", "RAG"],
                [1, "Improve the timeliness of health assessments", "1.1", "Agree a joint protocol", "Head of CIC",
                 "31/05/2026", "G"],
                [None, None, "1.2", "Report timeliness monthly", "Performance Manager", "30/06/2026", "A"],
                [2, "Strengthen return home interviews", "2.1", "Commission a service", "Head of Early Help",
                 "31/07/2026", "R"]):
        plan.append(row)
    path = tmp_path / "westbridge.xlsx"
    wb.save(path)
    result = load_documents([path])
    plans = [d for _, d in result.graph.nodes("Plan")]
    assert [p["name"] for p in plans] == ["WESTBRIDGE CITY COUNCIL – CHILDREN'S SERVICES IMPROVEMENT PLAN"]
    assert plans[0]["rag_scheme"] == {"RED": "Red - off track", "AMBER": "Amber - some risk", "GREEN": "Green - on track"}
    assert summary(result) == {
        "1.1": ("1", "2026-05-31", "GREEN", ["Head of CIC"], []),
        "1.2": ("1", "2026-06-30", "AMBER", ["Performance Manager"], []),
        "2.1": ("2", "2026-07-31", "RED", ["Head of Early Help"], []),
    }

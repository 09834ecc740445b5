"""`overdue` (issue 3; issue 13 item 6): open actions past their due date, each judged as of its plan's date."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from graphs import QG, delivery_graph

from govgraph.model.graph import GovGraph
from govgraph.model.nodes import Plan
from govgraph.queries.overdue import due_date, overdue

TODAY = dt.date(2024, 3, 1)
CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"


@pytest.mark.parametrize("as_of, expected", [
    ("2023-01-01", []),                          # nothing due yet
    ("2024-01-31", []),                          # due today is not late
    ("2024-02-15", [("1", 15)]),                 # 2 is due "2024-03": the end of March
    ("2024-04-02", [("1", 62), ("2", 2)]),       # most days late first; 3 is GREEN so never late
    (dt.date(2024, 4, 2), [("1", 62), ("2", 2)]),
])
def test_overdue(as_of, expected):  # type: ignore[no-untyped-def]
    res = overdue(delivery_graph(), as_of)
    assert [(i.action.ref, i.days_late) for i in res.items] == expected


def test_undated_are_counted_not_listed() -> None:
    res = overdue(delivery_graph(), "2030-01-01")
    assert res.undated == 2  # 4 has no due date; 5's is 'summer'
    assert {i.action.ref for i in res.items} == {"1", "2"}
    assert res.items[0].leads[0].name == "Head of Fieldwork" and res.items[0].recommendations[0].ref == "17"


@pytest.mark.parametrize("text, expected", [
    ("2024-02", dt.date(2024, 2, 29)),   # leap year end of month
    ("2023", dt.date(2023, 12, 31)),
    ("2024-03-05", dt.date(2024, 3, 5)),
    ("2024-03-05T10:00", dt.date(2024, 3, 5)),
    ("", None), (None, None), ("Ongoing", None), ("2024-13", None),
])
def test_due_date(text, expected):  # type: ignore[no-untyped-def]
    assert due_date(text) == expected


# ---- each plan judged as of its own date (issue 13 item 6) ---------------------------------------
def dated_graph() -> GovGraph:
    """Three plans written at different times, and an action in none.

    Plan p states 2015-06-30 ('As at June 2015'); plan q's latest progress is 2013-09-30; plan r states
    nothing. p/1 (AMBER, due 2015-03) and p/2 (AMBER, due 2015-09) are p's; q/1 (RED, due 2013-01-31) is q's;
    shared/1 (AMBER, due 2014-01-31) addresses a recommendation of p and one of q; r/1 (AMBER, due 2020-01-01)
    is r's; o/1 (RED, due 2024-01-31) addresses nothing. Board Exec monitors plan q; its QA Sub Group (PART_OF
    Exec) monitors p/1 directly. Head of LAC leads p/1 and r/1.
    """
    q = QG()
    plans = {}
    for key, as_of, basis, raw in (("p", "2015-06-30", "stated", "As at June 2015"),
                                   ("q", "2013-09-30", "progress", "Update September 2013"), ("r", None, None, None)):
        plans[key] = q.gg.add_node(Plan(id=f"{key}/plan", name=f"Plan {key}", title=f"Plan {key}",
                                        source_file=f"{key}.txt", source_line=1, as_of=as_of, as_of_raw=raw,
                                        as_of_basis=basis, as_of_line=7 if as_of else None))
    acts = {}
    for key, ref, rag, due in (("p", "1", "AMBER", "2015-03"), ("p", "2", "AMBER", "2015-09"),
                               ("q", "1", "RED", "2013-01-31"), ("shared", "1", "AMBER", "2014-01-31"),
                               ("r", "1", "AMBER", "2020-01-01"), ("o", "1", "RED", "2024-01-31")):
        acts[f"{key}/{ref}"] = q.act(ref, rag, key=key, due=due, source_file=f"{key}.txt")
    for plan, act in (("p", "p/1"), ("p", "p/2"), ("q", "q/1"), ("p", "shared/1"), ("q", "shared/1"),
                      ("r", "r/1")):
        rec = q.rec(f"{plan}{act}", key=plan, source_file=f"{plan}.txt")
        if not q.gg.g.has_edge(plans[plan], rec):
            q.link(plans[plan], "HAS_RECOMMENDATION", rec)
        q.link(acts[act], "ADDRESSES", rec)
    exec_, qa = q.board("Exec"), q.board("QA Sub Group", kind="sub_group")
    q.link(qa, "PART_OF", exec_).link(exec_, "MONITORS", plans["q"]).link(qa, "MONITORS", acts["p/1"])
    lac = q.role("Head of LAC")
    q.link(lac, "LEADS", acts["p/1"]).link(lac, "LEADS", acts["r/1"])
    return q.gg


def test_each_plan_is_judged_as_of_its_own_date() -> None:
    res = overdue(dated_graph(), today=TODAY)
    assert res.as_of is None
    assert [(p.plan.id if p.plan else None, p.as_of.isoformat(), p.basis, p.flagged) for p in res.plans] == [
        ("p/plan", "2015-06-30", "stated", False),
        ("q/plan", "2013-09-30", "progress", False),
        ("r/plan", "2024-03-01", "today", True),     # states no date: today, flagged
        (None, "2024-03-01", "today", True),          # o/1 is in no plan
    ]
    got = [(i.action.id, i.days_late, i.as_of.isoformat(), i.plan.id if i.plan else None) for i in res.items]
    assert got == [
        ("r/act/1", 1521, "2024-03-01", "r/plan"),
        ("shared/act/1", 515, "2015-06-30", "p/plan"),   # in p and q: the later date, p's
        ("q/act/1", 242, "2013-09-30", "q/plan"),
        ("p/act/1", 91, "2015-06-30", "p/plan"),         # p/2 is due 2015-09: not late in June 2015
        ("o/act/1", 30, "2024-03-01", None),
    ]
    assert not any(i.as_of.year == 2024 and i.plan and i.plan.id in ("p/plan", "q/plan") for i in res.items)
    stated = res.plans[0].source
    assert (stated.source_file, stated.source_line, stated.quote) == ("p.txt", 7, "As at June 2015")


def test_as_of_overrides_every_plan() -> None:
    res = overdue(dated_graph(), "2015-10-01", today=TODAY)
    assert res.as_of == dt.date(2015, 10, 1)
    assert {(p.basis, p.as_of, p.flagged) for p in res.plans} == {("given", dt.date(2015, 10, 1), False)}
    assert [(i.action.id, i.days_late) for i in res.items] == [
        ("q/act/1", 973), ("shared/act/1", 608), ("p/act/1", 184), ("p/act/2", 1)]


@pytest.mark.parametrize("filters, actions, plans", [
    # plan: the actions addressing its recommendations, whichever plan judges them
    ({"plan": "q/plan"}, ["shared/act/1", "q/act/1"], ["p/plan", "q/plan"]),
    ({"plan": "Plan r"}, ["r/act/1"], ["r/plan"]),
    # board: Exec monitors plan q (so q/1 and shared/1); with parts, QA Sub Group's direct p/1 too
    ({"board": "Exec"}, ["shared/act/1", "q/act/1"], ["p/plan", "q/plan"]),
    ({"board": "Exec", "with_parts": True}, ["shared/act/1", "q/act/1", "p/act/1"], ["p/plan", "q/plan"]),
    ({"board": "QA Sub Group"}, ["p/act/1"], ["p/plan"]),
    # lead
    ({"lead": "Head of LAC"}, ["r/act/1", "p/act/1"], ["p/plan", "r/plan"]),
    ({"lead": "Head of LAC", "plan": "p/plan"}, ["p/act/1"], ["p/plan"]),
])
def test_filters(filters, actions, plans):  # type: ignore[no-untyped-def]
    res = overdue(dated_graph(), today=TODAY, **filters)
    assert [i.action.id for i in res.items] == actions
    assert [p.plan.id for p in res.plans if p.plan] == plans


def test_plans_in_view_include_plans_with_nothing_late() -> None:
    """The dates used are shown for every plan with an open action in view, late or not."""
    res = overdue(dated_graph(), today=TODAY, plan="p/plan", lead="Head of LAC")
    assert res.items and [p.plan.id for p in res.plans if p.plan] == ["p/plan"]
    res = overdue(dated_graph(), dt.date(2000, 1, 1), today=TODAY)
    assert not res.items and len(res.plans) == 4


def test_undated_counts_only_actions_in_view() -> None:
    q = QG()
    plan = q.plan("p")
    rec = q.rec("1")
    q.link(plan, "HAS_RECOMMENDATION", rec)
    q.link(q.act("1", "AMBER", due="summer"), "ADDRESSES", rec)
    q.act("2", "AMBER")  # in no plan, no due date
    assert overdue(q.gg, today=TODAY).undated == 2
    assert overdue(q.gg, today=TODAY, plan="p/plan").undated == 1


# ---- the corpus ---------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def corpus() -> GovGraph:
    files = sorted(CORPUS.glob("*.txt"))
    if not files:
        pytest.skip(f"corpus not found at {CORPUS}")
    from govgraph.loaders import load_documents

    return load_documents(files).graph


def test_corpus_plans_are_judged_as_of_their_dates(corpus: GovGraph) -> None:
    res = overdue(corpus, today=TODAY)
    days = {p.plan.id.split("_")[0] + p.plan.id.rsplit("/", 1)[1][4:]: (p.as_of.isoformat(), p.basis)
            for p in res.plans if p.plan}
    assert days == {"001": ("2015-06-30", "progress"), "0012": ("2015-07-31", "progress"),
                    "002": ("2009-10-31", "progress"), "003": ("2013-09-18", "stated"),
                    "000": ("2013-02-28", "progress")}
    assert res.items and not any(i.as_of.year > 2015 for i in res.items)  # no 2015 action judged against 2024
    assert all(not p.flagged for p in res.plans)


# ---- the command line and the board pack show the date used per plan ----------------------------
def test_cli_help_says_the_real_order() -> None:
    from typer.testing import CliRunner

    from govgraph.cli.app import app

    res = CliRunner().invoke(app, ["query", "overdue", "--help"], env={"COLUMNS": "200"})
    text = " ".join(res.stdout.split())
    assert res.exit_code == 0 and "most days late first, then reading order" in text
    assert "latest first" not in text
    for flag in ("--plan", "--board", "--lead", "--with-parts", "--as-of"):
        assert flag in text


def test_cli_prints_each_plans_date_above_the_rows(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from govgraph.cli.app import app

    path = tmp_path / "dated.json"
    dated_graph().save(path)
    res = CliRunner().invoke(app, ["query", "overdue", "-g", str(path), "--lead", "Head of LAC"],
                             env={"COLUMNS": "200"})
    assert res.exit_code == 0, res.output
    lines = res.stdout.splitlines()
    first_row = next(i for i, ln in enumerate(lines) if "Do 1" in ln)
    header = "\n".join(lines[:first_row])
    assert 'Plan p: as of 2015-06-30, stated in the plan ("As at June 2015", p.txt:7)' in header
    assert "[!] Plan r: as of" in header and "today: the plan states no date" in header
    res = CliRunner().invoke(app, ["query", "overdue", "-g", str(path), "--as-of", "2015-10-01"], env={"COLUMNS": "200"})
    assert "Plan p: as of 2015-10-01, given with --as-of" in res.stdout


def test_board_pack_lists_the_date_used_per_plan() -> None:
    from govgraph.viz.boardpack import board_pack_html, build_board_pack

    gg = dated_graph()
    pack = build_board_pack(gg, "Exec", with_parts=True)
    assert pack.as_of is None
    assert [(d.plan.id, d.as_of.isoformat(), d.basis) for d in pack.dates if d.plan] == [
        ("p/plan", "2015-06-30", "stated"), ("q/plan", "2013-09-30", "progress")]
    assert {o.action.id: o.days_late for o in pack.overdue} == {"p/act/1": 91, "q/act/1": 242, "shared/act/1": 515}
    html = board_pack_html(gg, pack)
    assert "Overdue is judged as of each plan's own date:" in html
    assert "Plan q: as of <b>2013-09-30</b>, the plan&#x27;s latest progress note “Update September 2013”" in html
    given = build_board_pack(gg, "Exec", as_of=dt.date(2015, 10, 1))
    assert given.as_of == dt.date(2015, 10, 1) and "each plan" not in board_pack_html(gg, given)

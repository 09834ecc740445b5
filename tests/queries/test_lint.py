from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, timedelta

import pytest

from govgraph.model.graph import GovGraph
from govgraph.queries.lint import RULES, RULES_BY_NAME, Finding, at_least, lint, progress_says_complete

AS_OF = date(2024, 6, 1)

Setup = Callable[["object"], None]

# (rule, case id, setup on a Builder, expected number of findings of that rule, text each message contains)
CASES: list[tuple[str, str, Setup, int, str]] = [
    ("action-without-lead", "no lead", lambda b: b.clean_action(lead=False), 1, "no lead"),
    ("action-without-lead", "lead text names nobody",
     lambda b: b.clean_action(lead=False, lead_raw="TBC"), 1, "'TBC'"),
    ("action-without-lead", "has a lead", lambda b: b.clean_action(), 0, ""),

    ("action-without-due-date", "due text gives no date",
     lambda b: b.clean_action(due=None, due_raw="Ongoing"), 1, "due 'Ongoing' gives no date"),
    ("action-without-due-date", "no due at all", lambda b: b.clean_action(due=None, due_raw=None), 1, "no due date"),
    ("action-without-due-date", "has a date", lambda b: b.clean_action(), 0, ""),

    ("action-without-rating", "unknown rag", lambda b: b.clean_action(rag="UNKNOWN", rag_raw=None), 1, "no RAG"),
    ("action-without-rating", "unreadable rag",
     lambda b: b.clean_action(rag="UNKNOWN", rag_raw="tbc"), 1, "'tbc' could not be read"),
    ("action-without-rating", "grey is a rating", lambda b: b.clean_action(rag="GREY", rag_raw="Grey"), 0, ""),

    ("past-due", "amber and late", lambda b: b.clean_action(due="2024-05-01", rag="AMBER", rag_raw="A"), 1,
     "31 days late"),
    ("past-due", "red, one day late", lambda b: b.clean_action(due="2024-05-31", rag="RED", rag_raw="R"), 1,
     "1 day late"),
    ("past-due", "grey counts as not done", lambda b: b.clean_action(due="2024-01-01", rag="GREY", rag_raw="GREY"),
     1, "2024-01-01"),
    ("past-due", "year-month means month end",
     lambda b: b.clean_action(due="2024-04", rag="AMBER", rag_raw="A"), 1, "32 days late"),
    ("past-due", "date with a time", lambda b: b.clean_action(due="2024-05-31T12:00", rag="RED", rag_raw="R"), 1,
     "1 day late"),
    ("past-due", "green is done", lambda b: b.clean_action(due="2024-05-01", rag="GREEN"), 0, ""),
    ("past-due", "blue is done", lambda b: b.clean_action(due="2024-05-01", rag="BLUE", rag_raw="B"), 0, ""),
    ("past-due", "due today is not late", lambda b: b.clean_action(due="2024-06-01", rag="RED", rag_raw="R"), 0, ""),
    ("past-due", "no date", lambda b: b.clean_action(due=None, rag="RED", rag_raw="R"), 0, ""),
    ("past-due", "garbage date", lambda b: b.clean_action(due="soon", rag="RED", rag_raw="R"), 0, ""),

    ("completed-but-red", "completed and red",
     lambda b: b.clean_action(progress="Completed March 2024.", rag="RED", rag_raw="R"), 1, "Completed March"),
    ("completed-but-red", "status word later",
     lambda b: b.clean_action(progress="Audit done. Status: COMPLETE", rag="RED", rag_raw="R"), 1, "RED"),
    ("completed-but-red", "completed but green",
     lambda b: b.clean_action(progress="Completed", rag="GREEN"), 0, ""),
    ("completed-but-red", "not yet complete",
     lambda b: b.clean_action(progress="Not yet complete", rag="RED", rag_raw="R"), 0, ""),
    ("completed-but-red", "to be completed",
     lambda b: b.clean_action(progress="To be completed by June", rag="RED", rag_raw="R"), 0, ""),
    ("completed-but-red", "verb",
     lambda b: b.clean_action(progress="Complete the audit of case files", rag="RED", rag_raw="R"), 0, ""),
    ("completed-but-red", "incomplete", lambda b: b.clean_action(progress="Incomplete", rag="RED", rag_raw="R"), 0, ""),
    ("completed-but-red", "no progress", lambda b: b.clean_action(progress=None, rag="RED", rag_raw="R"), 0, ""),

    ("non-standard-rag", "two letters", lambda b: b.clean_action(rag="AMBER", rag_raw="GA", rag_inferred=True), 1,
     "'GA' was inferred as AMBER"),
    ("non-standard-rag", "greek alpha", lambda b: b.clean_action(rag="AMBER", rag_raw="\u0391"), 1, "U+0391"),
    ("non-standard-rag", "rag with a comment",
     lambda b: b.clean_action(rag="RED", rag_raw="R \u2013 due to time frame"), 1, "read as RED"),
    ("non-standard-rag", "plain letter, padded, lower case", lambda b: b.clean_action(rag_raw=" g "), 0, ""),
    ("non-standard-rag", "plain word", lambda b: b.clean_action(rag="AMBER", rag_raw="Amber"), 0, ""),
    ("non-standard-rag", "grey", lambda b: b.clean_action(rag="GREY", rag_raw="GREY"), 0, ""),
    ("non-standard-rag", "no raw value", lambda b: b.clean_action(rag_raw=None), 0, ""),
    ("non-standard-rag", "a colour-only cell read by hue",
     lambda b: b.clean_action(rag="AMBER", rag_raw="fill:#FFC000"), 0, ""),

    ("rag-colour-disagrees", "text green, cell red",
     lambda b: b.clean_action(rag="GREEN", rag_raw="G", rag_fill="fill:#FF0000"), 1, "coloured #FF0000"),
    ("rag-colour-disagrees", "text and colour agree (nothing recorded)", lambda b: b.clean_action(rag_raw="G"), 0, ""),

    ("suspicious-programme-ref", "two issues",
     lambda b: b.clean_action(programme_ref_issues=["WS2/P9 is not a project of WS2", "QQ7 fits no pattern"]), 2,
     "programme ref"),
    ("suspicious-programme-ref", "none", lambda b: b.clean_action(programme_refs=["WS1/P1"]), 0, ""),
    ("suspicious-programme-ref", "empty list", lambda b: b.clean_action(programme_ref_issues=[]), 0, ""),

    ("recommendation-without-actions", "orphan recommendation", lambda b: (b.clean_action(), b.rec("7")), 1,
     "no action"),
    ("recommendation-without-actions", "addressed", lambda b: b.clean_action(), 0, ""),

    ("dangling-cross-reference", "on an action",
     lambda b: b.clean_action(dangling_refs=["see recommendation 99"]), 1, "see recommendation 99"),
    ("dangling-cross-reference", "on a recommendation",
     lambda b: (b.clean_action(), b.rec("2", dangling_refs=["action 9.9", "recommendation 12"])), 2, ""),
    ("dangling-cross-reference", "none", lambda b: b.clean_action(), 0, ""),

    ("load-warning", "one warning",
     lambda b: (b.clean_action(), b.graph.warn("plan.txt", 12, "text not used: 'Annex B'", rule="unused-text")),
     1, "text not used"),
    ("load-warning", "no warnings", lambda b: b.clean_action(), 0, ""),
]


@pytest.mark.parametrize(("rule", "setup", "expected", "contains"),
                         [pytest.param(r, s, n, c, id=f"{r}: {i}") for r, i, s, n, c in CASES])
def test_rule(builder, rule: str, setup: Setup, expected: int, contains: str) -> None:
    setup(builder)
    found = [f for f in lint(builder.graph, as_of=AS_OF) if f.rule == rule]
    assert len(found) == expected, found
    for f in found:
        assert contains in f.message
        assert f.severity == RULES_BY_NAME[rule].severity


def test_every_rule_has_a_triggering_and_a_quiet_case() -> None:
    names = {r.name for r in RULES}
    assert {r for r, _i, _s, n, _c in CASES if n} == names
    assert {r for r, _i, _s, n, _c in CASES if not n} == names


def test_rule_table() -> None:
    assert [r.name for r in RULES] == [
        "action-without-lead", "action-without-due-date", "action-without-rating", "past-due",
        "completed-but-red", "non-standard-rag", "rag-colour-disagrees", "suspicious-programme-ref",
        "recommendation-without-actions",
        "dangling-cross-reference", "load-warning"]
    assert RULES_BY_NAME["load-warning"].severity == "info"
    assert all(r.severity in ("error", "warning", "info") for r in RULES)


def test_clean_graph_has_no_findings(builder) -> None:
    builder.clean_action("1.1")
    builder.clean_action("1.2")
    builder.clean_action("2.1")
    assert lint(builder.graph, as_of=AS_OF) == []


def test_empty_graph() -> None:
    assert lint(GovGraph(), as_of=AS_OF) == []


def test_finding_fields_come_from_the_node(builder) -> None:
    aid = builder.clean_action("3.4", line=42, lead=False)
    [f] = lint(builder.graph, as_of=AS_OF)
    assert f == Finding(rule="action-without-lead", severity="error", node=aid, label="Action", ref="3.4",
                        message="no lead role or person", source_file="plan.txt", source_line=42)


def test_load_warning_finding_has_no_node(builder) -> None:
    builder.graph.warn("b.txt", 7, "odd row", rule="unused-text")
    builder.graph.warn("b.txt", None, "no date", rule="no-date")
    found = lint(builder.graph, as_of=AS_OF)
    assert [(f.rule, f.severity, f.node, f.label, f.ref, f.source_file, f.source_line) for f in found] == [
        ("load-warning", "info", None, None, None, "b.txt", None),
        ("load-warning", "info", None, None, None, "b.txt", 7),
    ]
    assert found[1].message == "odd row (unused-text)"


def test_one_action_can_break_several_rules(builder) -> None:
    builder.clean_action(lead=False, due=None, due_raw="TBC", rag="UNKNOWN", rag_raw="?")
    assert sorted(f.rule for f in lint(builder.graph, as_of=AS_OF)) == [
        "action-without-due-date", "action-without-lead", "action-without-rating", "non-standard-rag"]


def test_findings_sorted_by_file_line_rule_node(builder) -> None:
    builder.clean_action("2.1", doc="b.txt", line=30, lead=False, due=None)
    builder.clean_action("1.1", doc="b.txt", line=3, lead=False)
    builder.clean_action("1.2", doc="a.txt", line=50, lead=False)
    builder.clean_action("1.3", doc="a.txt", line=50, due=None)
    builder.action("1.4", doc="a.txt", line=None, due="2030-01-01", rag="GREEN")  # no lead, no rec
    builder.graph.warn("a.txt", 1, "stray text")
    found = lint(builder.graph, as_of=AS_OF)
    keys = [(f.source_file, f.source_line or 0, f.rule, f.node or "") for f in found]
    assert keys == sorted(keys)
    assert [(f.source_file, f.source_line, f.rule) for f in found] == [
        ("a.txt", None, "action-without-lead"),
        ("a.txt", 1, "load-warning"),
        ("a.txt", 50, "action-without-due-date"),
        ("a.txt", 50, "action-without-lead"),
        ("b.txt", 3, "action-without-lead"),
        ("b.txt", 30, "action-without-due-date"),
        ("b.txt", 30, "action-without-lead"),
    ]
    assert lint(builder.graph, as_of=AS_OF) == found  # deterministic


def test_as_of_defaults_to_today(builder) -> None:
    today = date.today()
    builder.clean_action("1.1", due=(today - timedelta(days=3)).isoformat(), rag="AMBER", rag_raw="A")
    builder.clean_action("1.2", due=(today + timedelta(days=3)).isoformat(), rag="AMBER", rag_raw="A")
    [f] = lint(builder.graph)
    assert f.rule == "past-due" and f.ref == "1.1" and "3 days late" in f.message


def test_survives_a_save_and_load(builder, tmp_path) -> None:
    builder.clean_action("1.1", rag="GREEN", rag_raw="GA", dangling_refs=["see recommendation 99"],
                         programme_ref_issues=["WS9 is not a workstream"])
    builder.graph.warn("plan.txt", 3, "stray")
    path = tmp_path / "g.json"
    builder.graph.save(path)
    before = lint(builder.graph, as_of=AS_OF)
    after = lint(GovGraph.load(path), as_of=AS_OF)
    assert after == before
    assert {f.rule for f in after} == {"non-standard-rag", "dangling-cross-reference", "suspicious-programme-ref",
                                        "load-warning"}
    json.dumps([f.model_dump(mode="json") for f in after])


def test_defensive_about_odd_attribute_values(builder) -> None:
    aid = builder.clean_action("1.1")
    data = builder.graph.node(aid)
    data["dangling_refs"] = "recommendation 99"  # a string, not a list
    data["programme_ref_issues"] = None
    data.pop("rag")
    data["due"] = 20240101  # not a string
    rules = sorted(f.rule for f in lint(builder.graph, as_of=AS_OF))
    assert rules == ["action-without-rating", "dangling-cross-reference"]


def test_at_least() -> None:
    fs = [Finding(rule="r", severity=s, message="m") for s in ("info", "error", "warning")]
    assert [f.severity for f in at_least(fs, "error")] == ["error"]
    assert [f.severity for f in at_least(fs, "warning")] == ["error", "warning"]
    assert len(at_least(fs, "info")) == 3


@pytest.mark.parametrize(("text", "complete"), [
    ("Completed", True),
    ("completed in March 2024", True),
    ("Complete.", True),
    ("Complete \u2013 new policy in place", True),
    ("Training has been completed", True),
    ("Status: Complete", True),
    ("Work is complete and embedded", True),
    ("Not complete", False),
    ("Not yet fully complete", False),
    ("Partially completed", False),
    ("To be completed by June 2024", False),
    ("Will be completed once funding agreed", False),
    ("Complete the audit of case files", False),
    ("Incomplete", False),
    ("Completion expected in May", False),
    ("", False),
    (None, False),
])
def test_progress_says_complete(text, complete) -> None:
    assert progress_says_complete(text) is complete

"""Issue 17 (2): document text cannot make a pattern quadratic, and warnings are capped per document.

Each hostile input of the issue is guarded by growth between two sizes (tests/scaling.py), never by
seconds: before the fix each of these grew by about 16x for 4x the text.
"""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from scaling import LINEAR_BOUND, growth

from govgraph.errors import UnknownLayout
from govgraph.loaders import load_documents
from govgraph.loaders.build_state import WARNINGS_CAP
from govgraph.loaders.prose import ALIAS_DEF
from govgraph.loaders.readers.plaintext import MD_RULE
from govgraph.loaders.text import html_items, is_page_furniture

TABLE = (Path(__file__).parent / "fixtures" / "fuzz" / "numbered_table.txt").read_text(encoding="utf-8")
ROWS = TABLE.split("\n")
FIRST = next(k for k, ln in enumerate(ROWS) if ln.startswith("1.\t"))


def with_cell_text(extra: str) -> str:
    """The fictional plan with `extra` added to the first recommendation's last cell."""
    return "\n".join([*ROWS[:FIRST], ROWS[FIRST] + extra, *ROWS[FIRST + 1:]])


def assert_linear(run: Callable[[int], object], n: int) -> None:
    g = growth(run, n)
    assert g.ratio < LINEAR_BOUND, str(g)


# ---- single patterns, table-driven: (function over text, hostile text of size n, n) ----------------
PATTERN_CASES = {
    "page furniture: spaces then a word": (is_page_furniture, lambda n: " " * n + "x", 5_000),
    "page furniture: tabs then a word": (is_page_furniture, lambda n: "\t" * n + "x", 5_000),
    "alias definition: spaces then a word": (ALIAS_DEF.match, lambda n: " " * n + "x", 5_000),
    "HTML list: '<li' without '>'": (html_items, lambda n: "<li" * n, 20_000),
    # 80,000 spaces then a word took 115 s to load: the markdown table-rule pattern backtracked over them
    "markdown table rule: spaces then a word": (MD_RULE.match, lambda n: " " * n + "x", 5_000),
}


@pytest.mark.parametrize("case", PATTERN_CASES, ids=list(PATTERN_CASES))
def test_pattern_is_linear(case: str) -> None:
    fn, text_of, n = PATTERN_CASES[case]
    assert_linear(lambda size: fn(text_of(size)), n)


def test_patterns_still_read_what_they_read() -> None:
    """The possessive rewrites change no match: page lines and alias definitions are still found."""
    assert is_page_furniture("  Page **2** of **3**  ") and is_page_furniture("4 / 12")
    assert not is_page_furniture("Page 2 of the plan")
    m = ALIAS_DEF.match(" - HSCB is the Hollowmere Safeguarding Children Board. ")
    assert m is not None and (m.group("a"), m.group("b")) == ("HSCB", "Hollowmere Safeguarding Children Board")
    assert html_items("<ul><li class='x'>One</li><li>Two</ul>") == ["One", "Two"]


# ---- whole documents ----------------------------------------------------------------------------
DOCUMENT_CASES = {
    # 290 KB of this took 279 s: every 'reports to' searched the whole sentence for a frequency
    "escalate / reports to / monitored by": (
        lambda n: with_cell_text(" Chair will escalate to Improvement Board. Group reports to Improvement Board"
                                 " monitored by Improvement Board" * n), 150),
    "monitored by, repeated": (lambda n: with_cell_text(" monitored by Improvement Board" * n), 300),
    "a recommendation then dots": (lambda n: TABLE + "\nRecommendation 1" + "." * n + "\n", 20_000),
}


@pytest.mark.parametrize("case", DOCUMENT_CASES, ids=list(DOCUMENT_CASES))
def test_document_loads_in_linear_time(tmp_path: Path, case: str) -> None:
    text_of, n = DOCUMENT_CASES[case]
    path = tmp_path / "plan.txt"

    def load(size: int) -> None:
        path.write_text(text_of(size), encoding="utf-8")
        try:
            load_documents([path])
        except UnknownLayout:
            pass

    assert_linear(load, n)


# ---- warnings cap -------------------------------------------------------------------------------
def test_warnings_are_capped_with_a_count_of_the_rest(tmp_path: Path) -> None:
    """3,000 stray cells each warn; the first WARNINGS_CAP are stored and one more counts the rest."""
    extra = 3 * WARNINGS_CAP
    path = tmp_path / "wide.txt"
    path.write_text(with_cell_text("\tstray" * extra), encoding="utf-8")
    result = load_documents([path])
    mine = [w for w in result.graph.warnings if w["source_file"] == "wide.txt"]
    capped = [w for w in mine if w["rule"] == "warnings-capped"]
    assert len(mine) == WARNINGS_CAP + 1 and len(capped) == 1
    stored_stray = sum("stray" in w["message"] for w in mine)
    assert f"{extra - stored_stray:,} more warnings not stored" in capped[0]["message"]
    assert result.reports[0].warnings[-1][1] == capped[0]["message"]


def test_few_warnings_are_not_capped(tmp_path: Path) -> None:
    path = tmp_path / "narrow.txt"
    path.write_text(with_cell_text("\tstray" * 5), encoding="utf-8")
    warnings = load_documents([path]).graph.warnings
    assert sum("stray" in w["message"] for w in warnings) == 5
    assert not [w for w in warnings if w["rule"] == "warnings-capped"]

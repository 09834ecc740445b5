"""Issue 17 (1): a PDF is bounded in letters (per page and per document) and in drawn objects per page.

The hostile PDFs are written at test time (tests/loaders/readers/minipdf.py): a page of 200,000 letters at
half a point, pages that together pass the document's limit, a page of thousands of rectangles beside a
ruled table. Too many letters refuses the file naming the page and the variable that raises the limit;
too many drawn objects leaves that page's drawings out with a note at the page, its text still read.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from govgraph.errors import InputFileError
from govgraph.loaders.readers.pdf import MAX_PAGE_LETTERS, read

sys.path.insert(0, str(Path(__file__).parent))
from minipdf import pdf, rectangles, table, text_lines, tiny_letters  # noqa: E402

TRACKER = [["Ref", "Action", "Lead", "Due date", "RAG"], ["1", "Audit cases", "DCS", "31/03/2025", "Red"],
           ["2", "Train staff", "Head of Service", "30/06/2025", "Green"]]
WIDTHS = [40, 200, 100, 80, 60]


def test_a_page_of_200000_letters_is_refused_before_they_are_read(tmp_path: Path) -> None:
    path = tmp_path / "letters.pdf"
    path.write_bytes(pdf([text_lines([(40, 60, 12, "Improvement plan")]), tiny_letters(200_000)]))
    with pytest.raises(InputFileError) as err:
        read(path)
    assert str(err.value).startswith(f"{path}: page 2 holds 200,")
    assert f"more than the {MAX_PAGE_LETTERS:,} govgraph reads from one page" in str(err.value)
    assert "GOVGRAPH_PDF_MAX_PAGE_LETTERS" in err.value.user_message()


def test_the_page_limit_is_raised_by_its_variable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "letters.pdf"
    path.write_bytes(pdf([tiny_letters(3_000)]))
    monkeypatch.setenv("GOVGRAPH_PDF_MAX_PAGE_LETTERS", "2000")
    with pytest.raises(InputFileError, match="page 1 holds 3,"):
        read(path)
    monkeypatch.setenv("GOVGRAPH_PDF_MAX_PAGE_LETTERS", "4000")
    assert read(path).units


def test_letters_are_bounded_per_document(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each page within its limit, the document past its own: refused at the page that passes it."""
    path = tmp_path / "pages.pdf"
    path.write_bytes(pdf([tiny_letters(2_000)] * 4))
    monkeypatch.setenv("GOVGRAPH_PDF_MAX_LETTERS", "5000")
    with pytest.raises(InputFileError) as err:
        read(path)
    assert str(err.value).startswith(f"{path}: page 3 holds 2,")
    assert "past the 5,000 govgraph reads from one PDF" in str(err.value)
    assert "GOVGRAPH_PDF_MAX_LETTERS" in err.value.user_message()
    monkeypatch.setenv("GOVGRAPH_PDF_MAX_LETTERS", "9000")
    assert read(path).units


def test_a_page_drawing_too_much_keeps_its_text_and_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Past the object limit the page's rules are not read (its table reads by alignment, or as lines), with a
    note at the page; within it the same page's ruled table is read whole."""
    path = tmp_path / "drawn.pdf"
    path.write_bytes(pdf([text_lines([(40, 60, 14, "Improvement plan")]) + b"\n" + table(TRACKER, WIDTHS),
                          rectangles(600) + b"\n" + table(TRACKER, WIDTHS)]))
    monkeypatch.setenv("GOVGRAPH_PDF_MAX_PAGE_OBJECTS", "1000")  # page 2 draws 600 rectangles: 3,000 and more
    doc = read(path)
    assert [(loc.label, note) for loc, note in doc.notes] == [
        ("page 2", "draws more than 1,000 objects and path segments: its drawings (table rules and fills) were "
                   "not read, only its text")]
    words = " ".join(u.text if hasattr(u, "text") else " ".join(u.texts()) for u in doc.units)
    assert words.count("Train staff") == 2 and words.count("Audit cases") == 2
    monkeypatch.setenv("GOVGRAPH_PDF_MAX_PAGE_OBJECTS", "100000")
    whole = read(path)
    assert whole.notes == []
    assert [r.texts() for r in whole.rows() if r.loc.label.startswith("page 2")][-2:] == TRACKER[1:]

"""The board pack on paper (issue 13, item 8): A4 pages, no diagram text under 7 pt, no heading left at a
page foot, due dates that do not wrap.

The demo's NSCB pack is printed by headless Chromium, then read back with poppler: `pdftoppm` for the
page sizes (PNG pixels at a known resolution), `pdftotext -bbox` for each word's box in points,
`pdftotext -layout` for each page's last line.
"""
from __future__ import annotations

import datetime as dt
import re
import shutil
import struct
import subprocess
from collections import Counter
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from vizgraphs import AS_OF as SMALL_AS_OF
from vizgraphs import HAS_CHROMIUM, HAS_DOT, needs_dot, small_graph

from govgraph.loaders import load_documents
from govgraph.viz.accountability import remit
from govgraph.viz.boardpack import BoardPack, build_board_pack, write_board_pack
from govgraph.viz.browser import print_pdf
from govgraph.viz.paper import MIN_TEXT_PT, Area, legible, print_scale, printed_text_pt, sized_for_print, svg_size

DEMO = Path(__file__).resolve().parents[2] / "examples" / "northmoor"
AS_OF = dt.date(2025, 11, 30)
DPI = 30
A4_PX = (round(210 / 25.4 * DPI), round(297 / 25.4 * DPI))
"""A4 at DPI: (248, 351) pixels."""

HAS_POPPLER = all(shutil.which(t) for t in ("pdftoppm", "pdftotext"))
needs_paper = pytest.mark.skipif(not (HAS_CHROMIUM and HAS_DOT and HAS_POPPLER),
                                 reason="printing needs headless Chromium and Graphviz; reading the PDF back needs "
                                        "poppler-utils (pdftoppm, pdftotext)")


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def height(self) -> float:
        return self.y1 - self.y0


@dataclass
class Page:
    number: int
    words: list[Word]


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BoardPack]:
    gg = load_documents(sorted(DEMO.glob("*.txt")), overlays=[DEMO / "overlay.yaml"]).graph
    pdf, pack = write_board_pack(gg, "NSCB", tmp_path_factory.mktemp("pack"), as_of=AS_OF, with_parts=True,
                                 fmt="pdf")
    return pdf, pack


# ---- reading the PDF back -------------------------------------------------------------------------
def png_sizes(pdf: Path, out: Path) -> list[tuple[int, int]]:
    """(width, height) in pixels of each page rendered at DPI (read from the PNG header)."""
    subprocess.run(["pdftoppm", "-png", "-r", str(DPI), str(pdf), str(out / "page")], check=True, timeout=120)
    sizes = []
    for png in sorted(out.glob("page-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1])):
        head = png.read_bytes()[:24]
        assert head[:8] == b"\x89PNG\r\n\x1a\n"
        sizes.append(struct.unpack(">II", head[16:24]))
    return sizes


def pages_of(pdf: Path) -> list[Page]:
    """Every word with its box in points (origin top left), page by page."""
    xml = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True,
                         timeout=120).stdout
    pages = []
    for n, body in enumerate(re.findall(r"<page [^>]*>(.*?)</page>", xml, re.S), start=1):
        words = [Word(unescape(t), *map(float, box)) for *box, t in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', body)]
        pages.append(Page(n, words))
    return pages


def last_line(pdf: Path, page: int) -> str:
    """The lowest non-blank line of a page as laid out, whitespace collapsed."""
    text = subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          capture_output=True, text=True, check=True, timeout=60).stdout
    lines = [" ".join(ln.split()) for ln in text.splitlines() if ln.strip()]
    return lines[-1] if lines else ""


def has_phrase(words: list[Word], phrase: str) -> int | None:
    """Index of the first word of `phrase` (consecutive words) in `words`, else None."""
    want = phrase.split()
    texts = [w.text for w in words]
    for i in range(len(texts) - len(want) + 1):
        if texts[i:i + len(want)] == want:
            return i
    return None


def diagram_words(pages: list[Page]) -> list[Word]:
    """The words of the "Accountability diagram" section: from its heading to the next section's
    ("All actions"), across however many pages it takes."""
    out: list[Word] = []
    inside = False
    for page in pages:
        words = page.words
        if not inside:
            start = has_phrase(words, "Accountability diagram")
            if start is None:
                continue
            inside, words = True, words[start + 2:]
        end = has_phrase(words, "All actions")
        if end is not None:
            return out + words[:end]
        out += words
    return out


class _Headings(HTMLParser):
    """Texts of the pack's headings: section titles (h1, h2) and recommendation rows in the tables."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[str] = []
        self._depth = 0
        self._buf: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("h1", "h2") or (tag == "tr" and ("class", "rec") in attrs):
            self._depth, self._buf = 1, []
        elif self._depth:
            self._depth += 1 if tag not in ("br",) else 0

    def handle_endtag(self, tag: str) -> None:
        if self._depth:
            self._depth -= 1
            if not self._depth:
                self.headings.append(" ".join("".join(self._buf).split()))

    def handle_data(self, data: str) -> None:
        if self._depth:
            self._buf.append(data + " ")


def stranded_headings(pdf: Path, html: str, pages: int) -> list[tuple[int, str]]:
    """(page, heading) for each page whose last line ends a heading: nothing of its section follows it."""
    p = _Headings()
    p.feed(html)
    out = []
    for n in range(1, pages + 1):
        line = last_line(pdf, n)
        for heading in p.headings:
            if line and " ".join(heading.split()).endswith(line):
                out.append((n, heading))
    return out


# ---- the scale, without a browser -----------------------------------------------------------------
def _svg(width: float, height: float, *fonts: float) -> str:
    texts = "".join(f'<text font-size="{f:.2f}">x</text>' for f in fonts)
    return f'<svg width="{width:g}pt" height="{height:g}pt" viewBox="0 0 {width:g} {height:g}">{texts}</svg>'


AREA = Area(width=700, height=400)


@pytest.mark.parametrize("svg, scale, text_pt, ok", [
    (_svg(350, 200, 8, 11), 1.0, 8.0, True),        # fits: printed at its own size, never enlarged
    (_svg(800, 200, 8, 11), 0.875, 7.0, True),      # shrunk to the width: 8 pt prints at exactly 7 pt
    (_svg(2106, 1068, 8, 18), 700 / 2106, 8 * 700 / 2106, False),  # the demo's whole diagram: about 2.7 pt
    (_svg(300, 800, 9), 0.5, 4.5, False),           # too tall: the height decides
    (_svg(300, 200), 1.0, MIN_TEXT_PT, True),       # no text at all
])
def test_print_scale(svg: str, scale: float, text_pt: float, ok: bool) -> None:
    assert print_scale(svg, AREA) == pytest.approx(scale)
    assert printed_text_pt(svg, AREA) == pytest.approx(text_pt)
    assert legible(svg, AREA) is ok


def test_sized_for_print_sets_the_printed_size() -> None:
    out = sized_for_print(_svg(1400, 200, 10) + '<g id="node1"></g>', AREA, id_prefix="rec2-")
    assert svg_size(out) == (700.0, 100.0) and 'viewBox="0 0 1400 200"' in out and 'id="rec2-node1"' in out


@needs_dot
def test_small_pack_drawings_are_each_legible() -> None:
    """The hand-drawn SCB's whole diagram is too big for A4; each recommendation's drawing is not, and
    every action is drawn in one of them."""
    g = small_graph()
    pack = build_board_pack(g, "SCB", as_of=SMALL_AS_OF, with_parts=True)
    assert pack.paper is not None and pack.paper.split
    assert len(pack.paper.svgs) == len(remit(g, board="SCB", with_parts=True).groups)
    assert all(printed_text_pt(svg) >= MIN_TEXT_PT for svg in [*pack.paper.svgs, pack.paper.key])
    drawn = "".join(pack.paper.svgs)
    assert all(f">Action {line.action.ref}<" in drawn for line in pack.remit.actions().values())


# ---- the printed demo pack ------------------------------------------------------------------------
@needs_paper
def test_pages_are_a4_and_wide_tables_landscape(printed: tuple[Path, BoardPack], tmp_path: Path) -> None:
    pdf, _ = printed
    sizes = png_sizes(pdf, tmp_path)
    portrait, landscape = A4_PX, A4_PX[::-1]
    for n, (w, h) in enumerate(sizes, start=1):
        assert any(abs(w - a) <= 1 and abs(h - b) <= 1 for a, b in (portrait, landscape)), (n, w, h)
    pages = pages_of(pdf)
    assert len(pages) == len(sizes)
    # the first page (title, summary) is portrait; the six-column tables are on landscape pages
    assert sizes[0][0] < sizes[0][1]
    for heading in ("Red and overdue actions", "All actions", "Accountability diagram"):
        on = [p.number for p in pages if has_phrase(p.words, heading) is not None]
        assert on, heading
        w, h = sizes[on[0] - 1]
        assert w > h, f"{heading} is on portrait page {on[0]}"


@needs_paper
def test_diagram_text_prints_at_7pt_or_more(printed: tuple[Path, BoardPack]) -> None:
    """Every word of the diagram section is at least 7 pt high, and the drawings' own text is there as text."""
    pdf, pack = printed
    words = diagram_words(pages_of(pdf))
    small = sorted({(w.text, round(w.height, 1)) for w in words if w.height < MIN_TEXT_PT})
    assert small == [], small[:10]
    # the words are the drawings': every word of every printed SVG's text is among them
    assert pack.paper is not None
    drawn: Counter[str] = Counter()
    for svg in [*pack.paper.svgs, pack.paper.key]:
        assert printed_text_pt(svg) >= MIN_TEXT_PT
        for text in re.findall(r"<text\b[^>]*>(.*?)</text>", svg, re.S):
            drawn.update(unescape(text).split())
    found = Counter(w.text for w in words)
    missing = drawn - found
    assert not missing, dict(list(missing.items())[:10])
    # and what the graph says must be drawn: each of the board's actions, by its ref
    for line in pack.remit.actions().values():
        assert has_phrase(words, f"Action {line.action.ref}") is not None, line.action.ref


@needs_paper
def test_demo_diagram_is_split_for_paper(printed: tuple[Path, BoardPack]) -> None:
    """The whole NSCB diagram would print far under 7 pt on A4, so the paper copy draws each recommendation,
    the screen keeps the whole diagram, and the whole one is written beside the pack."""
    pdf, pack = printed
    assert pack.paper is not None and pack.paper.split and pack.paper.whole_pt < MIN_TEXT_PT
    assert len(pack.paper.svgs) >= len(pack.remit.groups)
    html = pdf.with_suffix(".html").read_text(encoding="utf-8")
    assert html.count("<svg") == len(pack.paper.svgs) + 2  # the whole (screen), the key, the drawings
    assert "too small to read" in html
    assert (pdf.parent / "northmoor-safeguarding-children-board-accountability.svg").read_text().startswith("<svg")


@needs_paper
def test_no_heading_ends_a_page(printed: tuple[Path, BoardPack]) -> None:
    pdf, _ = printed
    html = pdf.with_suffix(".html").read_text(encoding="utf-8")
    assert stranded_headings(pdf, html, len(pages_of(pdf))) == []


@needs_paper
def test_stranded_heading_is_detected(tmp_path: Path) -> None:
    """The check above can fail: a page that a forced break leaves ending on a heading is reported."""
    html = ('<!DOCTYPE html><html><body><div style="height: 230mm"></div>'
            '<h2 style="break-after: page">Escalation route</h2><p>The route.</p></body></html>')
    src = tmp_path / "stranded.html"
    src.write_text(html, encoding="utf-8")
    pdf = print_pdf(src, tmp_path / "stranded.pdf")
    assert stranded_headings(pdf, html, 2) == [(1, "Escalation route")]


@needs_paper
def test_due_dates_do_not_wrap(printed: tuple[Path, BoardPack]) -> None:
    """Each due date is one word, and "N days late" one line under it (was five lines of one word each)."""
    pdf, pack = printed
    words = [w for p in pages_of(pdf) for w in p.words]
    assert pack.overdue
    for o in pack.overdue:
        late = f"{o.days_late} days late".split()
        hits = [i for i in range(1, len(words) - 2) if [w.text for w in words[i:i + 3]] == late]
        assert hits, o
        for i in hits:
            three = words[i:i + 3]
            assert max(w.y0 for w in three) - min(w.y0 for w in three) < 1, three  # one line
            above = words[i - 1]
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", above.text) and above.y1 <= three[0].y0 + 1, above
        assert o.due in {words[i - 1].text for i in hits}, o.due

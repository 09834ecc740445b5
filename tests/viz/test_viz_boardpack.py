"""The board pack (issue 4): content, escaping, and a real render in headless Chromium."""
from __future__ import annotations

import re
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest
from vizgraphs import AS_OF, NASTY, needs_chromium, needs_dot, small_graph

from govgraph.viz.boardpack import board_pack_html, build_board_pack, write_board_pack
from govgraph.viz.browser import FLAGS, find_chromium


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@pytest.fixture(scope="module")
def pack_html() -> str:
    g = small_graph()
    return board_pack_html(g, build_board_pack(g, "SCB", as_of=AS_OF, with_parts=True))


@needs_dot
def test_pack_content(pack_html: str) -> None:
    p = _Tags()
    p.feed(pack_html)
    text = " ".join(p.text)
    # the whole diagram; if it is too big for A4, the paper copy adds a key and one drawing per recommendation
    assert p.tags.count("svg") in (1, 1 + 1 + 3) and "script" not in p.tags and "link" not in p.tags
    assert "http://" not in re.sub(r'xmlns(:xlink)?="[^"]*"|"http://www.w3.org[^"]*"', "", pack_html)  # nothing fetched
    assert "RAG summary" in text and "Red and overdue actions" in text and "Escalation route" in text
    # red action 1 (due 2020-01-31) is 15 days late on 2020-02-15; its lead and source are shown
    assert "15 days late" in text and "Head of Fieldwork" in text and "plan.txt:6" in text
    # the escalation route: SCB chaired by the Independent Chair, who escalates to the DCS
    assert "escalates to" in text and "Director of Children's Services" in text
    assert NASTY in text  # the nasty lead and action text, shown as text


@needs_dot
def test_pack_written_to_a_folder(tmp_path: Path) -> None:
    written, pack = write_board_pack(small_graph(), "SCB Executive", tmp_path / "out", as_of=AS_OF)
    assert written == tmp_path / "out" / "scb-executive-board-pack.html"
    # the Executive names actions 1, 2, 3 and 5 and monitors the plan, so 4 and 6 are its too (issue 13)
    assert pack.remit.counts() == {"RED": 1, "AMBER": 1, "UNKNOWN": 1, "GREEN": 1, "BLUE": 1, "GREY": 1}
    assert sorted(pack.remit.actions()) == [f"p/act/{n}" for n in range(1, 7)]


@needs_chromium
def test_pack_renders_in_headless_chromium(tmp_path: Path) -> None:
    """No console errors (the CSP would log any blocked fetch or script), the SVG in the DOM, a screenshot."""
    written, _ = write_board_pack(small_graph(), "SCB", tmp_path, as_of=AS_OF, with_parts=True)
    shot = tmp_path / "pack.png"
    with tempfile.TemporaryDirectory() as profile:
        base = [find_chromium(), *FLAGS, f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0"]
        dom = subprocess.run([*base, "--dump-dom", written.as_uri()], capture_output=True, text=True, timeout=90)
        subprocess.run([*base, "--window-size=1280,2000", f"--screenshot={shot}", written.as_uri()],
                       capture_output=True, text=True, timeout=90, check=True)
    console = [ln for ln in dom.stderr.splitlines() if "CONSOLE" in ln or "Refused" in ln]
    assert console == [], console
    assert "<svg" in dom.stdout and "cluster_rec:p/rec/17" in dom.stdout
    assert "<script" not in dom.stdout.lower().replace("&lt;script", "")
    assert shot.read_bytes().startswith(b"\x89PNG") and shot.stat().st_size > 20_000


@needs_chromium
def test_pack_as_pdf(tmp_path: Path) -> None:
    written, _ = write_board_pack(small_graph(), "SCB", tmp_path, as_of=AS_OF, fmt="pdf")
    assert written.suffix == ".pdf" and written.read_bytes().startswith(b"%PDF")
    assert written.with_suffix(".html").exists()

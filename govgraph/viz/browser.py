"""Headless Chromium as a subprocess: printing a board pack to PDF (and screenshots, for tests).

Run with a throwaway profile and every background service off, so a run neither reads nor leaves
browser state and never reaches the network on its own.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from govgraph.errors import BrowserMissing, RenderError

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--hide-scrollbars", "--mute-audio")
TIMEOUT_S = 90.0


def find_chromium() -> str:
    """The browser binary ($GOVGRAPH_CHROMIUM, else the first of CANDIDATES on PATH)."""
    wanted = os.environ.get("GOVGRAPH_CHROMIUM")
    for name in ([wanted] if wanted else list(CANDIDATES)):
        found = shutil.which(name)
        if found:
            return found
    raise BrowserMissing("headless Chromium was not found on PATH")


def run_chromium(args: list[str], *, timeout: float = TIMEOUT_S) -> subprocess.CompletedProcess[str]:
    """Run the browser headless with a temporary profile; returns the finished process."""
    exe = find_chromium()
    with tempfile.TemporaryDirectory(prefix="govgraph-chromium-") as profile:
        cmd = [exe, *FLAGS, f"--user-data-dir={profile}", *args]
        try:
            return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            raise RenderError(f"Chromium took longer than {timeout:.0f} s and was stopped") from None


def print_pdf(html_file: Path, pdf_file: Path) -> Path:
    """Print a local HTML file to PDF, written atomically (temp file then rename).

    The paper size and orientation are the page's own: Chromium's command-line printing honours CSS
    `@page { size: A4 }` and named pages (`page: wide` on landscape sections), as DevTools'
    `preferCSSPageSize` does, and falls back to US Letter only for a page that states no size."""
    from govgraph.outputs import write_file

    with tempfile.TemporaryDirectory(prefix="govgraph-pdf-") as tmp:
        out = Path(tmp) / "out.pdf"
        proc = run_chromium(["--no-pdf-header-footer", "--print-to-pdf-no-header", f"--print-to-pdf={out}",
                             html_file.resolve().as_uri()])
        if not out.exists() or out.stat().st_size == 0:
            detail = (proc.stderr or "").strip().splitlines()
            raise RenderError("Chromium did not write the PDF" + (f": {detail[-1]}" if detail else ""))
        write_file(pdf_file, out.read_bytes())
    return pdf_file

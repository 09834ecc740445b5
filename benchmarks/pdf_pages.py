"""Seconds per PDF page: the PDF reader, and a whole load, on a long tracker made like the test fixtures.

Run on demand (not part of the test suite; needs LibreOffice to make the PDF):

    .venv/bin/python benchmarks/pdf_pages.py [--pages 30] [--repeat 3] [--pdf FILE]

The PDF is written by tests/loaders/fixtures/pdf/make_pdfs.py --bench (Ashcombe's ruled tracker, shaded
RAG cells, a running head and footer, about 20 rows a page), unless --pdf names one. Prints a markdown
table: best of --repeat, wall clock and CPU, in this process. The target (issue 12) is a 30-page plan
loaded in under 5 s on the reference 2-core machine.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAKE = ROOT / "tests" / "loaders" / "fixtures" / "pdf" / "make_pdfs.py"
sys.path.insert(0, str(ROOT))

from govgraph.loaders import load_documents  # noqa: E402
from govgraph.loaders.readers.pdf import read  # noqa: E402


def best_of(repeat: int, work: Callable[[], object]) -> tuple[float, float]:
    """Best wall-clock and best CPU seconds of `repeat` runs of `work`."""
    wall, cpu = float("inf"), float("inf")
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        work()
        wall, cpu = min(wall, time.perf_counter() - w), min(cpu, time.process_time() - c)
    return wall, cpu


def page_count(path: Path) -> int:
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return next(int(line.split()[-1]) for line in out.splitlines() if line.startswith("Pages:"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=30)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pdf", type=Path, help="measure this PDF instead of making one")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        pdf = args.pdf
        if pdf is None:
            pdf = Path(tmp) / "ashcombe_long_tracker.pdf"
            subprocess.run([sys.executable, str(MAKE), "--bench", str(pdf), "--pages", str(args.pages)], check=True)
        pages = page_count(pdf)
        doc = read(pdf)
        reader = best_of(args.repeat, lambda: read(pdf))
        loaded = best_of(args.repeat, lambda: load_documents([pdf]))
    print(f"{pdf.name}: {pages} pages, {len(doc.rows())} table rows\n")
    print("| step | wall s | CPU s | wall s per page |")
    print("|---|---:|---:|---:|")
    for name, (wall, cpu) in (("read (PDF reader)", reader), ("load (reader + recognition + build)", loaded)):
        print(f"| {name} | {wall:.2f} | {cpu:.2f} | {wall / pages:.3f} |")


if __name__ == "__main__":
    main()

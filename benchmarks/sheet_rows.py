"""Seconds per 1,000 spreadsheet rows, and peak memory, for the Excel and CSV readers (issue 12).

Run on demand (not part of the test suite):

    .venv/bin/python benchmarks/sheet_rows.py [--sizes 10000,50000,200000] [--repeat 1]

For each size it writes a seven-column tracker (tests/loaders/fixtures/sheets/big_sheet.py: shared strings,
dates, colour-only RAG cells, a merged recommendation every ten rows) as .xlsx and as .csv, then reads each
in a fresh Python process (the cyclic collector off, as the govgraph command runs) and reports the read
time measured inside that process (wall clock and CPU, best of --repeat), CPU seconds per 1,000 rows, and
the process's peak resident memory (VmHWM), with that of a process that only imported the reader beside
it. Prints a markdown table. Linux only (/proc).
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "loaders" / "fixtures" / "sheets"))

from big_sheet import COLUMNS, LEADS, write_big_xlsx  # noqa: E402

CHILD = """
import gc, json, sys, time
from pathlib import Path
from govgraph.loaders.readers import {module} as reader
import openpyxl.reader.excel  # imported by both children, so the baseline is fair
gc.disable()  # as the govgraph command does (govgraph/cli/app.py)
out = {{}}
if sys.argv[1] != "-":
    wall, cpu = time.perf_counter(), time.process_time()
    doc = reader.read(Path(sys.argv[1]))
    out = {{"wall": time.perf_counter() - wall, "cpu": time.process_time() - cpu, "rows": len(doc.rows())}}
status = Path("/proc/self/status").read_text()
out["hwm"] = int(status.split("VmHWM:")[1].split()[0]) / 1024  # peak RSS of this program, MB
print(json.dumps(out))
"""
"""VmHWM, not ru_maxrss: a child's ru_maxrss starts from the parent's size at fork, and the parent has just
written the big files."""


def write_big_csv(path: Path, rows: int) -> None:
    """The same tracker as write_big_xlsx, as Excel saves it to CSV (dates as dd/mm/yyyy, RAG as words)."""
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f, lineterminator="\r\n")
        w.writerow(COLUMNS)
        for n in range(rows):
            rec = n // 10 + 1
            w.writerow([rec, "Improve the quality of practice" if n % 10 == 0 else "", f"{rec}.{n % 10 + 1}",
                        f"Action {n} to improve practice", LEADS[n % len(LEADS)], "31/03/2026",
                        ("Red", "Amber", "Green")[n % 3]])


def run_child(module: str, path: str) -> dict[str, float]:
    """What the child measured: read times, rows, and its peak resident memory in MB."""
    proc = subprocess.run([sys.executable, "-c", CHILD.format(module=module), path], capture_output=True,
                          text=True, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, check=False)
    if proc.returncode:
        raise SystemExit(f"reading {path} failed:\n{proc.stderr}")
    return json.loads(proc.stdout)  # type: ignore[no-any-return]


def measure(module: str, path: Path, repeat: int) -> dict[str, float]:
    best = min((run_child(module, str(path)) for _ in range(repeat)), key=lambda r: r["wall"])
    return {**best, "base": run_child(module, "-")["hwm"]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="10000,50000,200000")
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args()
    print("| reader | rows | read s (wall) | CPU s | s per 1,000 rows (CPU) | peak RSS MB | imports only MB |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for size in (int(s) for s in args.sizes.split(",")):
            xlsx, csv_path = Path(tmp) / f"t{size}.xlsx", Path(tmp) / f"t{size}.csv"
            write_big_xlsx(xlsx, size)
            write_big_csv(csv_path, size)
            for module, path in (("xlsx", xlsx), ("delimited", csv_path)):
                m = measure(module, path, args.repeat)
                assert m["rows"] == size + 1, m
                print(f"| {module} | {size:,} | {m['wall']:.2f} | {m['cpu']:.2f} | {1000 * m['cpu'] / size:.3f} "
                      f"| {m['hwm']:.0f} | {m['base']:.0f} |", flush=True)


if __name__ == "__main__":
    main()

"""Write the bundled example's NSCB plan as a spreadsheet tracker (.xlsx) and as CSV, from its .txt.

Run `.venv/bin/python scripts/make_sheet_examples.py`; it rewrites examples/northmoor/formats/
northmoor_nscb_plan_2025.{xlsx,csv}. The text is read through govgraph's own text reader, so the cells are
the ones the .txt gives (lists, entities and page furniture already resolved); each paragraph becomes a
one-cell row of the title block, each table row a row. The parity test loads all of them and compares.
"""
from __future__ import annotations

import csv
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from govgraph.loaders.document import Paragraph, Row  # noqa: E402
from govgraph.loaders.readers.plaintext import read  # noqa: E402

SOURCE = ROOT / "examples" / "northmoor" / "northmoor_nscb_plan_2025.txt"
OUT = ROOT / "examples" / "northmoor" / "formats"


def rows() -> list[list[str]]:
    """The plan as spreadsheet rows: paragraphs in column A, table rows cell by cell (page furniture gone)."""
    out: list[list[str]] = []
    for unit in read(SOURCE).units:
        if isinstance(unit, Paragraph):
            out.append([unit.text])
        elif isinstance(unit, Row):
            out.append([c.text for c in unit.cells])
    return _join_split_rows(out)


def _join_split_rows(table: list[list[str]]) -> list[list[str]]:
    """A row the text's page break split (its first cell empty, after a repeated header) joins the row it
    continues; the repeated header goes, as a spreadsheet has neither."""
    out: list[list[str]] = []
    header: list[str] | None = None
    for row in table:
        if header is None and len(row) > 3:
            header = row
            out.append(row)
            continue
        if header is not None and row == header:
            continue
        if header is not None and out and len(row) > 1 and not row[0] and len(out[-1]) > 1 and out[-1][0] \
                and not row[1]:
            out[-1] = [f"{a} {b}".strip() if b else a for a, b in zip(out[-1], row + [""] * len(out[-1]))]
            continue
        out.append(row)
    return out


def write_xlsx(table: list[list[str]], path: Path) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "NSCB plan"
    for row in table:
        ws.append(row)
    wb.properties.creator = "govgraph example"
    wb.save(path)


def write_csv(table: list[list[str]], path: Path) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows(table)


def main() -> None:
    table = rows()
    OUT.mkdir(parents=True, exist_ok=True)
    write_xlsx(table, OUT / "northmoor_nscb_plan_2025.xlsx")
    write_csv(table, OUT / "northmoor_nscb_plan_2025.csv")
    print(f"wrote {OUT / 'northmoor_nscb_plan_2025.xlsx'} and .csv ({len(table)} rows)")


if __name__ == "__main__":
    main()

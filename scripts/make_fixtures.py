"""Build the Word fixtures (and their PDFs) the format readers are tested on, from text written here.

Run `.venv/bin/python scripts/make_fixtures.py` from the repository root. Every council below is fictional.
Each .docx is written with python-docx (fixed dates and ZIP timestamps, so the same script gives the same
bytes) and turned into .pdf by LibreOffice headless when `soffice` is installed (Debian:
libreoffice-writer-nogui); without it the PDF step is skipped with a message. `--no-pdf` skips it on purpose.

Outputs:
- tests/loaders/fixtures/formats/: fernhallow_tracker (merged recommendation column, repeated header row,
  a table over several pages, colour-only RAG cells, bullet lists in cells), coldwater_narrative (a heading
  per recommendation then its "What we will do / By when / Lead / Update" table, automatic numbering),
  wrenlow_unruled (a table without borders), word_quirks (what the Word reader must cope with; Word only
  matters there), and expected.json: each fixture's actions with recommendation, leads, due date and RAG.
  Every fixture has a running header and a "Page N of M" footer, for the PDF reader to drop.
- examples/northmoor/formats/northmoor_nscb_plan_2025.docx/.pdf: the NSCB plan's .txt as Word, same text.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

sys.path.insert(0, str(Path(__file__).resolve().parent))
from fixture_texts import COLDWATER, FERNHALLOW, FERNHALLOW_RECS, WRENLOW  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
FORMATS = ROOT / "tests" / "loaders" / "fixtures" / "formats"
NORTHMOOR = ROOT / "examples" / "northmoor"
FILL = {"RED": "FF0000", "AMBER": "FFC000", "GREEN": "00B050", "BLUE": "0070C0", "GREY": "A6A6A6"}
WORD = {"Red": "RED", "Amber": "AMBER", "Green": "GREEN", "Complete": "BLUE", "R": "RED", "A": "AMBER",
        "G": "GREEN", "": None}


def main(argv: list[str] | None = None) -> int:
    """Write every fixture, then the PDFs (unless --no-pdf or soffice is missing)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--no-pdf", action="store_true", help="write the .docx files only")
    args = parser.parse_args(argv)
    FORMATS.mkdir(parents=True, exist_ok=True)
    (NORTHMOOR / "formats").mkdir(exist_ok=True)
    written = [fernhallow(FORMATS / "fernhallow_tracker.docx"), coldwater(FORMATS / "coldwater_narrative.docx"),
               wrenlow(FORMATS / "wrenlow_unruled.docx"), quirks(FORMATS / "word_quirks.docx"),
               northmoor(NORTHMOOR / "northmoor_nscb_plan_2025.txt",
                         NORTHMOOR / "formats" / "northmoor_nscb_plan_2025.docx")]
    (FORMATS / "expected.json").write_text(json.dumps(expected(), indent=2, ensure_ascii=False) + "\n",
                                           encoding="utf-8")
    for path in written:
        print(f"wrote {path.relative_to(ROOT)}")
    if not args.no_pdf:
        return to_pdf(written)
    return 0


def expected() -> dict[str, Any]:
    """What a correct load finds in each fixture: one entry per action, in order; `rag_from` says whether the
    status is written in the cell ("text", the cell may also be shaded) or only shown by its shading."""
    def action(no: str, rec: int, leads: str, due: str, rag: str | None, by: str | None = "text") -> dict[str, Any]:
        return {"number": no, "recommendation": rec, "leads": leads.split(" / "), "due": due, "rag": rag,
                "rag_from": by if rag or by != "text" else None}

    rev = {f"#{v}": k for k, v in FILL.items()} | {"#92D050": "GREEN", "#C00000": "RED"}
    wren_rec, wren = 0, []
    for i, (rec, _, lead, due, rag) in enumerate(WRENLOW, 1):
        wren_rec += bool(rec)
        wren.append(action(str(i), wren_rec, lead, due, WORD[rag]))
    return {
        "fernhallow_tracker": [action(str(i), r, lead, due, rev.get(rag) or WORD[rag],
                                      "colour only" if rag.startswith("#") else "text")
                               for i, (r, _, lead, due, rag, _) in enumerate(FERNHALLOW, 1)],
        "coldwater_narrative": [action(str(i), r, lead, due, None, "no RAG column (the Update prose may give one)")
                                for r, (_, _, _, rows) in enumerate(COLDWATER, 1)
                                for i, (_, due, lead, _) in enumerate(rows, 1)],
        "wrenlow_unruled": wren,
    }


# ---- the fixtures ---------------------------------------------------------------------------------
def fernhallow(path: Path) -> Path:
    doc = new_document("Fernhallow Council – Children's Services Improvement Plan – OFFICIAL", landscape=True)
    doc.add_paragraph("Fernhallow Council Children's Services Improvement Plan 2025–26", style="Title")
    doc.add_paragraph("This tracker is monitored monthly by the Children's Improvement Board. RAG: red, amber "
                      "and green cells show progress; blue means complete.")
    headers = ["No.", "Recommendation", "Action", "Lead", "By when", "RAG", "Progress"]
    table = ruled_table(doc, headers, [1.2, 6.0, 6.0, 3.6, 2.0, 1.6, 6.0])  # dates and 'Complete' wrap
    first_row: dict[int, Any] = {}
    for no, (rec, text, lead, due, rag, progress) in enumerate(FERNHALLOW, 1):
        cells = table.add_row().cells
        put(cells[0], str(no))
        put(cells[2], text)
        put(cells[3], lead)
        put(cells[4], due)
        put(cells[5], "" if rag.startswith("#") else rag)
        shade(cells[5], rag[1:] if rag.startswith("#") else FILL.get(WORD[rag] or "", ""))
        put(cells[6], progress)
        if rec not in first_row:
            first_row[rec] = cells[1]
            put(cells[1], FERNHALLOW_RECS[rec - 1])
        else:
            first_row[rec].merge(cells[1])  # a vertical merge: the recommendation once, down its actions
    for cell in first_row.values():
        while len(cell.paragraphs) > 1 and not cell.paragraphs[-1].text:
            cell._tc.remove(cell.paragraphs[-1]._p)  # merge() keeps each merged cell's empty paragraph
    return save(doc, path)


def coldwater(path: Path) -> Path:
    doc = new_document("Coldwater Borough Council – Action Plan – update for Scrutiny, June 2025")
    doc.add_paragraph("Action plan in response to the recommendations of the Ofsted inspection of Coldwater "
                      "Borough Council, November 2024", style="Title")
    for heading, rec, outcomes, rows in COLDWATER:
        doc.add_paragraph(heading, style="Heading 1")
        doc.add_paragraph(rec)
        doc.add_paragraph("Outcome: what difference will these actions make?", style="Heading 2")
        for line in outcomes:
            doc.add_paragraph(line, style="List Bullet")
        table = ruled_table(doc, ["What we will do", "By when", "Lead", "Update"], [9.0, 2.8, 2.2, 4.0])
        num_id = restart_numbering(doc)
        for what, due, lead, update in rows:
            cells = table.add_row().cells
            put(cells[0], what)
            numbered(cells[0].paragraphs[0], num_id)  # Word numbers the actions: "1." is not in the text
            put(cells[1], due)
            put(cells[2], lead)
            put(cells[3], update)
    return save(doc, path)


def wrenlow(path: Path) -> Path:
    doc = new_document("Wrenlow District Council – Improvement Plan")
    doc.add_paragraph("Wrenlow District Council Improvement Plan 2025", style="Title")
    doc.add_paragraph("Progress is reported to the Wrenlow Improvement Board each quarter.")
    table = doc.add_table(rows=1, cols=5)  # no table style: no borders, a table by alignment only
    for cell, text in zip(table.rows[0].cells, ["Recommendation", "Action", "Lead", "Due", "RAG"]):
        put(cell, text, bold=True)
    for row in WRENLOW:
        for cell, text in zip(table.add_row().cells, row):
            put(cell, text)
    widths(table, [5.0, 5.5, 3.5, 2.2, 1.8])
    return save(doc, path)


def quirks(path: Path) -> Path:
    """Every Word construct the reader handles, once, in a known place (see tests/loaders/readers/test_docx.py)."""
    doc = new_document("Quirkton Council – RUNNING HEAD")
    doc.add_paragraph("Quirkton Council Plan", style="Title")
    doc.add_paragraph("")
    doc.add_paragraph("Theme A", style="Heading 2")
    custom = doc.styles.add_style("Rec Heading", 1)  # a council's own style, based on Heading 1
    custom.base_style = doc.styles["Heading 1"]
    doc.add_paragraph("Recommendation 1", style="Rec Heading")
    outline = doc.add_paragraph("Outline level three")
    outline._p.get_or_add_pPr().append(el("w:outlineLvl", val="2"))
    soft = doc.add_paragraph("First line")
    soft.add_run().add_break()
    soft.add_run("second   line")
    tracked = doc.add_paragraph("Kept ")
    tracked._p.append(el("w:del", children=[el("w:r", children=[el("w:delText", text="deleted ")])]))
    tracked._p.append(el("w:ins", children=[el("w:r", children=[el("w:t", text="inserted")])]))
    wrapped = doc.add_paragraph("Inside a content control")
    sdt = el("w:sdt", children=[el("w:sdtContent")])
    wrapped._p.addprevious(sdt)
    sdt[0].append(wrapped._p)

    table = ruled_table(doc, ["No.", "Action", "Lead", "RAG", "Notes"], [1.2, 5.0, 3.0, 1.5, 5.0])
    theme = table.add_row().cells
    theme[0].merge(theme[4])
    put(theme[0], "Theme A: spans every column")
    rows = [table.add_row().cells for _ in range(3)]
    num_id = restart_numbering(doc)
    for i, cells in enumerate(rows):
        numbered(cells[0].paragraphs[0], num_id)  # an empty auto-numbered cell: Word shows "1.", "2.", "3."
        put(cells[1], f"Action {'ABC'[i]}")
    put(rows[0][2], "Merged lead")
    rows[0][2].merge(rows[2][2])
    shade(rows[0][3], "ffc000")
    shade(rows[1][3], "auto")
    shade(rows[2][3], "FFFFFF")
    put(rows[0][4], ["First item", "Second item"], intro="Two items:")
    put(rows[1][4], "• Glyph item one\n• Glyph item two")
    para_shaded = rows[2][4].paragraphs[0]
    para_shaded.add_run("Paragraph shading")
    para_shaded._p.get_or_add_pPr().append(el("w:shd", val="clear", color="auto", fill="92D050"))
    nested = rows[2][1].add_table(rows=2, cols=2)
    for r, (a, b) in enumerate([("Milestone", "Date"), ("Pilot", "May 2025")]):
        put(nested.cell(r, 0), a)
        put(nested.cell(r, 1), b)
    rows[2][1]._tc.append(el("w:p"))  # Word requires a paragraph after a nested table
    doc.add_paragraph("Before the break")
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    doc.add_paragraph("After the break")
    second = ruled_table(doc, ["Ref", "Action"], [2.0, 8.0])
    put(second.add_row().cells[1], "Second table action")
    return save(doc, path)


def northmoor(source: Path, path: Path) -> Path:
    """The NSCB plan's text as a Word document: prose as paragraphs, tab-separated rows as one table.

    The page furniture of the text ("Page **1** of **2**", the repeated header row) becomes what Word does
    with it (a footer, a repeated header row); a row the text split over a page break is one row again.
    """
    doc = new_document("", landscape=True, margin=1.27, size=9)  # columns wide enough that no word breaks
    header: list[str] | None = None
    rows: list[list[str]] = []
    first = True
    for line in source.read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            cells = line.split("\t")
            if header is None:
                header = cells
            elif cells != header and not cells[0].strip() and rows:
                rows[-1] = [f"{a} {b}".strip() for a, b in zip(rows[-1], cells)]  # the split row, mended
            elif cells != header:
                rows.append(cells)
        elif line.strip() and not line.startswith("Page **"):
            doc.add_paragraph(line.strip(), style="Title" if first else None)
            first = False
    assert header is not None, f"{source} has no table"
    table = ruled_table(doc, header, [1.0, 1.6, 2.3, 4.2, 2.6, 4.2, 2.2, 3.9, 1.6, 3.5])
    for cells in rows:
        new = table.add_row().cells
        for cell, text in zip(new, cells):
            put(cell, text)
        shade(new[header.index("RAG Rating")], FILL.get(WORD.get(cells[header.index("RAG Rating")]) or "", ""))
    return save(doc, path)


# ---- python-docx helpers ----------------------------------------------------------------------------
def el(tag: str, *, val: str | None = None, text: str | None = None, children: list[Any] | None = None,
       **attrs: str) -> Any:
    """A WordprocessingML element: `el("w:shd", val="clear", fill="FFC000")`."""
    node = OxmlElement(tag)
    for name, value in (({"val": val} if val is not None else {}) | attrs).items():
        node.set(qn(f"w:{name}"), value)
    if text is not None:
        node.text = text
        node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    for child in children or []:
        node.append(child)
    return node


def new_document(running_head: str, landscape: bool = False, margin: float = 1.8, size: int = 10) -> Any:
    """An A4 document with fixed metadata, a running head and a 'Page N of M' footer."""
    doc = Document()
    props = doc.core_properties
    props.author = props.last_modified_by = "govgraph fixtures"
    props.created = props.modified = dt.datetime(2025, 1, 1)
    props.revision = 1
    section = doc.sections[0]
    section.page_width, section.page_height = (Cm(29.7), Cm(21.0)) if landscape else (Cm(21.0), Cm(29.7))
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(margin))
    doc.styles["Normal"].font.size = Pt(size)
    doc.styles["Normal"].font.name = "Arial"  # LibreOffice lays it out with Liberation Sans, same metrics
    if running_head:
        section.header.paragraphs[0].text = running_head
    footer = section.footer.paragraphs[0]
    footer.add_run("Page ")
    field(footer, "PAGE", "1")
    footer.add_run(" of ")
    field(footer, "NUMPAGES", "1")
    return doc


def field(paragraph: Any, instr: str, shown: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice fill in when they lay the page out."""
    for part in (el("w:fldChar", fldCharType="begin"), el("w:instrText", text=f" {instr} "),
                 el("w:fldChar", fldCharType="separate"), el("w:t", text=shown), el("w:fldChar", fldCharType="end")):
        paragraph.add_run()._r.append(part)


def ruled_table(doc: Any, headers: list[str], cm: list[float]) -> Any:
    """A bordered table whose first row is a header row Word repeats on every page."""
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = doc.styles["Table Grid"]
    for cell, text in zip(table.rows[0].cells, headers):
        put(cell, text, bold=True)
    table.rows[0]._tr.get_or_add_trPr().append(el("w:tblHeader"))
    widths(table, cm)
    return table


def widths(table: Any, cm: list[float]) -> None:
    table.autofit = False
    for col, width in zip(table.columns, cm):
        col.width = Cm(width)
        for cell in col.cells:
            cell.width = Cm(width)


def put(cell: Any, content: str | list[str], bold: bool = False, intro: str = "") -> None:
    """Write text in a cell; lines of a string become paragraphs, a list becomes bullet items."""
    first = cell.paragraphs[0]
    lines = [intro] if intro else []
    if isinstance(content, str):
        lines += content.split("\n")
    for i, line in enumerate(lines):
        para = first if i == 0 else cell.add_paragraph()
        para.add_run(line).bold = bold
    if isinstance(content, list):
        for i, item in enumerate(content):
            para = first if i == 0 and not lines else cell.add_paragraph()
            para.style = "List Bullet"
            para.add_run(item)


def shade(cell: Any, fill: str) -> None:
    if fill:
        cell._tc.get_or_add_tcPr().append(el("w:shd", val="clear", color="auto", fill=fill))


def restart_numbering(doc: Any) -> str:
    """A new list instance of the 'List Number' numbering that starts again at 1 (as Word's 'Restart at 1')."""
    numbering = doc.part.numbering_part.element
    style_num = doc.styles["List Number"].element.pPr.numPr.numId.val
    abstract = numbering.num_having_numId(style_num).abstractNumId.val
    num_id = str(max(int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))) + 1)
    numbering.append(el("w:num", numId=num_id, children=[
        el("w:abstractNumId", val=str(abstract)),
        el("w:lvlOverride", ilvl="0", children=[el("w:startOverride", val="1")])]))
    return num_id


def numbered(paragraph: Any, num_id: str) -> None:
    paragraph.style = "List Number"
    paragraph._p.get_or_add_pPr().append(el("w:numPr", children=[el("w:ilvl", val="0"),
                                                                  el("w:numId", val=num_id)]))


def save(doc: Any, path: Path) -> Path:
    """Save with fixed ZIP timestamps, so that running the script twice gives the same bytes."""
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / path.name
        doc.save(str(raw))
        with zipfile.ZipFile(raw) as src, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in src.infolist():
                fixed = zipfile.ZipInfo(info.filename, date_time=(2025, 1, 1, 0, 0, 0))
                fixed.compress_type = zipfile.ZIP_DEFLATED
                dst.writestr(fixed, src.read(info.filename))
    return path


def to_pdf(paths: list[Path]) -> int:
    """Convert each .docx beside itself with LibreOffice headless (its own profile, so runs don't clash)."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        print("soffice not found: PDFs not written (Debian: apt-get install libreoffice-writer-nogui)",
              file=sys.stderr)
        return 0
    with tempfile.TemporaryDirectory() as profile:
        for path in paths:
            cmd = [soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                   "--outdir", str(path.parent), str(path)]
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
            pdf = path.with_suffix(".pdf")
            if done.returncode or not pdf.exists():
                print(f"soffice failed on {path.name}: {done.stderr.strip()}", file=sys.stderr)
                return 1
            print(f"wrote {pdf.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""What the per-format fuzz tests share: small valid plans built at test time, ways to damage them, the verdict.

Each format's fuzz test (test_fuzz_docx.py, test_fuzz_xlsx.py, test_fuzz_pdf.py, test_fuzz_delimited.py)
builds one small tracker in that format, damages it (bytes flipped, the file cut short, a ZIP part
corrupted, cut, dropped or blown up, hostile text in a cell) and loads it. The property, for every input:
no traceback; either the plan loads (and its graph saves and reloads unchanged) or one GovgraphError
whose message names the file. Runs are seed-stable (derandomized, no example database) and bounded.
"""
from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from govgraph.errors import GovgraphError
from govgraph.loaders import LoadResult, load_documents
from govgraph.model.graph import GovGraph

FUZZ = settings(max_examples=30, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
"""Bounded and seed-stable: the same examples on every run, so CI is never flaky."""

TITLE = "Eastmere Council improvement plan after the Ofsted inspection of May 2024"
HEADER = ["Ref", "Recommendation", "Action", "Lead", "Due date", "RAG"]
ROWS = [["1.1", "Ensure caseloads are manageable.", "Review caseloads", "Head of Service", "31/03/2025", "Red"],
        ["1.2", "Ensure caseloads are manageable.", "Audit supervision", "DCS", "30/06/2025", "Green"],
        ["2.1", "Improve return home interviews.", "Commission a new service", "Head of Fieldwork", "30/09/2025",
         "Amber"]]

HOSTILE = [
    "[bold red]x[/bold red]", "[/]", "[link=https://example.org]click[/link]",
    "\x1b[31mred\x1b[0m", "\x1b]8;;https://x\x07link\x1b]8;;\x07", "\x9b2J", "a\rb", "\u202eevil\u202c",
    'Q&A "Panel" {x} <script>alert(1)</script> \\N [a=b] -> |pipe| `tick` $param }) DETACH DELETE n //',
    "digraph { a -> b [label=\"x\"] }", "MATCH (n) DETACH DELETE n;", "'; DROP TABLE plans; --",
    "%s %n {0} ${x}", "\u0000", "\ufeff", "\ufffe", "\u2028", "x" * 5000, "1.1", "Ref", "RAG", "Red",
    "Recommendation 1", "WS1P1WP1/2", "=HYPERLINK(\"http://x\")", "@SUM(1)", "é ü “q” – —",
]
"""Rich markup, terminal sequences, bidi overrides, DOT, Cypher, SQL, formats, NUL, plan words that move
what recognition sees, spreadsheet formulas, long text."""

cell_text = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=60),
                      st.lists(st.sampled_from(HOSTILE), min_size=1, max_size=3).map(" ".join))


def xml_text(text: str) -> str:
    """Text as XML character data (markup escaped; characters XML forbids kept, to damage the part)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def verdict(path: Path, data: bytes | None = None) -> LoadResult | None:
    """Load `path` (written with `data` first, when given): the result, or None when refused with a
    GovgraphError naming the file. Anything else (a traceback) fails the test; a loaded graph must save and
    reload unchanged."""
    if data is not None:
        path.write_bytes(data)
    try:
        result = load_documents([path])
    except GovgraphError as exc:
        message = exc.user_message()
        assert str(path) in message or path.name in message, f"the message does not name the file: {message}"
        assert "Traceback" not in message
        return None
    saved = path.with_name(path.name + ".graph.json")
    result.graph.save(saved)
    assert GovGraph.load(saved).to_json() == result.graph.to_json()
    saved.unlink()
    return result


# ---- damage -----------------------------------------------------------------------------------------
def flip(data: bytes, spots: list[tuple[int, int]]) -> bytes:
    """Each (position, byte) written over the data (positions wrap)."""
    out = bytearray(data)
    for pos, byte in spots:
        out[pos % len(out)] = byte
    return bytes(out)


def cut(data: bytes, at: int) -> bytes:
    return data[: at % (len(data) + 1)]


flips = st.lists(st.tuples(st.integers(min_value=0), st.integers(0, 255)), min_size=1, max_size=12)


def members(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.namelist()


def rezip(data: bytes, change: dict[str, bytes | None], extra: dict[str, bytes] | None = None) -> bytes:
    """The ZIP with the named members replaced (None: dropped) and `extra` members added, written the same
    way every time (fixed member dates), so byte positions mean the same bytes on every run."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = change[info.filename] if info.filename in change else src.read(info.filename)
            if body is not None:
                dst.writestr(zipfile.ZipInfo(info.filename, (1980, 1, 1, 0, 0, 0)), body, zipfile.ZIP_DEFLATED)
        for name, body in (extra or {}).items():
            dst.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), body, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def stable(data: bytes) -> bytes:
    """An Office file as python-docx or openpyxl wrote it, with its save times fixed: the same bytes on every
    run, so derandomized examples (a byte flipped at a position) are the same examples."""
    core = "docProps/core.xml"
    if core not in members(data):
        return rezip(data, {})
    times = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z?", b"2024-05-01T00:00:00Z", read_member(data, core))
    return rezip(data, {core: times})


def read_member(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read(name)


PART_DAMAGE = ["flip", "cut", "drop", "empty", "deep", "wide", "junk", "huge-attribute", "entity"]
"""What is done to one part of a ZIP container (see `damage_part`)."""


def damage_part(body: bytes, how: str, spots: list[tuple[int, int]], at: int) -> bytes | None:
    """One XML part damaged: bytes flipped, cut short, dropped (None), emptied, wrapped 50,000 elements deep,
    given 50,000 sibling elements, replaced by junk, its numbers made huge, or given an entity declaration
    (the billion laughs of XML)."""
    if how == "flip":
        return flip(body, spots) if body else body
    if how == "cut":
        return cut(body, at)
    if how == "drop":
        return None
    if how == "empty":
        return b""
    if how == "junk":
        return bytes(v for _, v in spots) * 50
    head, _, rest = body.partition(b"?>")
    if how == "deep":
        return head + b"?>" + b"<a>" * 50_000 + b"</a>" * 50_000 if rest else b"<a>" * 50_000 + b"</a>" * 50_000
    if how == "wide":
        close = rest.rfind(b"</")
        return (head + b"?>" + rest[:close] + b"<x/>" * 50_000 + rest[close:]) if close > 0 else body
    if how == "huge-attribute":
        return re.sub(rb'"\d+"', b'"' + b"9" * 41 + b'"', body)
    laughs = (b'<!DOCTYPE d [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
              b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">'
              b'<!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;">]>')
    return head + b"?>" + laughs + rest.replace(b">", b">&f;", 1) if rest else laughs + body

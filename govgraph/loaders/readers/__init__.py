"""Format readers: each turns one kind of file into the neutral `Document` (loaders/document.py).

A reader is chosen by the file's content (magic bytes), the suffix only breaking ties among text
formats. Adding a format is one module with a `read(path) -> Document` function and one line in
`READERS`. Readers import their libraries (python-docx, pdfplumber, openpyxl) only when called.
"""
from __future__ import annotations

import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path

from govgraph.errors import InputFileError, UnsupportedFormat
from govgraph.inputs import PLAN, NotARegularFile, TooLarge, check_input
from govgraph.loaders.document import Document
from govgraph.loaders.text import read_bytes


@dataclass(frozen=True)
class ReaderSpec:
    """One format: its name, the suffixes it is published with, how to recognise its bytes, its module."""

    name: str
    suffixes: tuple[str, ...]
    sniff: Callable[[bytes, Path], bool]
    """True when the file's first bytes (and, for ZIP containers, its member names) are this format."""
    module: str
    whole_rows: bool = True
    """The format knows where a table row ends (`Document.whole_rows`); text extraction does not."""

    def read(self, path: Path) -> Document:
        doc: Document = import_module(f"govgraph.loaders.readers.{self.module}").read(path)
        doc.whole_rows = self.whole_rows
        doc.source_file = path.name  # what every node read from it cites
        return doc


def _zip_has(path: Path, member: str) -> bool:
    try:
        with zipfile.ZipFile(path) as z:
            return member in z.namelist()
    except (zipfile.BadZipFile, OSError):
        return False


def _is_zip(head: bytes) -> bool:
    return head.startswith(b"PK\x03\x04")


def _is_text(head: bytes, path: Path) -> bool:
    return not _binary(head)


_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13)) + b"\x7f"


def _binary(head: bytes) -> bool:
    """Mostly control bytes (beyond a stray few, as junk spliced into a plan leaves) mean a binary file,
    never decoded as text; UTF-16 text (with its BOM) is text."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or not head:
        return False
    controls = sum(head.count(bytes([b])) for b in _CONTROL)
    return controls > max(2, len(head) // 20)


READERS: tuple[ReaderSpec, ...] = (
    ReaderSpec("Word", (".docx", ".docm"), lambda h, p: _is_zip(h) and _zip_has(p, "word/document.xml"), "docx"),
    ReaderSpec("Excel", (".xlsx", ".xlsm"), lambda h, p: _is_zip(h) and _zip_has(p, "xl/workbook.xml"), "xlsx"),
    ReaderSpec("PDF", (".pdf",), lambda h, p: h.lstrip()[:5] == b"%PDF-", "pdf"),
    ReaderSpec("CSV", (".csv", ".tsv"), lambda h, p: _is_text(h, p) and p.suffix.lower() in (".csv", ".tsv"),
               "delimited"),
    ReaderSpec("text", (".txt", ".md", ".text", ""), _is_text, "plaintext", whole_rows=False),
)
"""In the order they are tried: containers and PDF by their bytes first, then text by suffix."""

_REFUSED: tuple[tuple[bytes, str], ...] = (
    (b"\xd0\xcf\x11\xe0", "a legacy Office file (.doc/.xls) or a password-protected Word/Excel file"),
    (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"), (b"Rar!", "a RAR archive"), (b"7z\xbc\xaf", "a 7-Zip archive"),
)

SUPPORTED = "plain text (.txt, .md), Word (.docx), PDF (.pdf), Excel (.xlsx, .xlsm) and CSV/TSV"


def reader_for(path: Path) -> ReaderSpec:
    """The reader for `path`, by content; refuses (InputFileError) what no reader can read, and a FIFO,
    device or over-large file (GOVGRAPH_MAX_PLAN_MB, `load --max-size`) before reading a byte."""
    _check_plan_file(path)
    head = read_bytes(path, 4096)
    if not head:
        raise InputFileError("is empty (0 bytes)", hint="Check the file was saved or copied whole.",
                             source_file=str(path))
    for spec in READERS:
        if spec.sniff(head, path):
            return spec
    for magic, what in _REFUSED:
        if head.startswith(magic):
            raise UnsupportedFormat(f"is {what}, which govgraph cannot read",
                                    hint=f"Save it as {SUPPORTED}.", source_file=str(path))
    if _is_zip(head):
        raise UnsupportedFormat("is a ZIP archive but not a Word or Excel file", source_file=str(path))
    raise UnsupportedFormat("is a binary file of a kind govgraph cannot read", source_file=str(path))


def _check_plan_file(path: Path) -> None:
    """Refuse a plan that is not a regular file or is over the limit; a missing file or a folder is left
    to `read_bytes`, which words those."""
    if path.is_dir():
        return
    try:
        check_input(path, PLAN)
    except (NotARegularFile, TooLarge) as exc:
        raise InputFileError(str(exc), source_file=str(path),
                             hint="Pass the plan file itself, or raise the size limit as the message says.") from None
    except OSError:
        return


def read_document(path: Path) -> Document:
    """Read any supported file into the neutral document shape."""
    return reader_for(path).read(path)

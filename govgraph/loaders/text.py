"""Reading a published document as lines: encodings, page furniture, HTML in cells, broken words."""
from __future__ import annotations

import html
import re
from collections import Counter
from pathlib import Path

from govgraph.errors import InputFileError

_PAGE = re.compile(r"^\s*+(?:page\s*+)?\**+\s*+\d++\s*+\**+\s*+(?:of|/)\s*+\**+\s*+\d++\s*+\**+\s*+$", re.I)
"""Possessive throughout (neighbouring parts never share a character), so a line of spaces is one pass."""
_TAG = re.compile(r"<[^>]{0,200}>")
_LI = re.compile(r"<li\b[^>]{0,500}>(.*?)(?:</li>|(?=<li\b)|(?=</ul>)|$)", re.I | re.S)
_WORD = re.compile(r"[A-Za-z]+")
_WORD_END = re.compile(r"[A-Za-z]+$")
_WORD_START = re.compile(r"[A-Za-z]+")
_SPACE = re.compile(r"[ \t\u00a0]+")
CONFUSABLES = str.maketrans({"\u0391": "A", "\u0410": "A", "\u0392": "B", "\u0395": "E", "\u039f": "O",
                             "\u0421": "C", "\u0420": "P", "\u0397": "H", "\u041d": "H", "\u2013": "-",
                             "\u2014": "-"})


def read_lines(path: Path) -> list[str]:
    """Decode by BOM, then UTF-8, then cp1252; normalise line ends. Raises InputFileError."""
    return decode(read_bytes(path)).split("\n")


def read_bytes(path: Path, limit: int = -1) -> bytes:
    """The file's bytes (the first `limit` only, when given), or one InputFileError saying why not."""
    try:
        with path.open("rb") as f:
            return f.read(limit)
    except FileNotFoundError:
        raise InputFileError("file not found", source_file=str(path)) from None
    except IsADirectoryError:
        raise InputFileError("is a directory, not a document", source_file=str(path)) from None
    except OSError as exc:
        raise InputFileError(f"cannot read ({exc.strerror})", source_file=str(path)) from None


def decode(raw: bytes) -> str:
    """Text from bytes as Word and PDF tools save it: by BOM, else UTF-8, else cp1252; '\\n' line ends.

    Never fails: undecodable bytes become U+FFFD, NULs are dropped."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = raw.decode("utf-16", errors="replace")
    elif raw.startswith(b"\xef\xbb\xbf"):
        text = raw[3:].decode("utf-8", errors="replace")
    else:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")


def is_page_furniture(line: str) -> bool:
    return bool(_PAGE.match(line))


def html_items(cell: str) -> list[str] | None:
    """Bullet items of a cell holding an HTML list; None when the cell has no list."""
    if "<li" not in cell.lower():
        return None
    return [t for t in (plain(m.group(1)) for m in _LI.finditer(cell)) if t]


def plain(cell: str) -> str:
    """Cell text without tags, entities decoded, single-spaced."""
    if "<" in cell or "&" in cell:
        cell = _TAG.sub(" ", cell)
        cell = html.unescape(cell)
    return _SPACE.sub(" ", cell).strip()


class Lexicon:
    """Word counts over the loaded documents: evidence for mending words broken by extraction."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self._mended: dict[str, str] = {}  # cells repeat; valid until the counts change

    def add_text(self, text: str) -> None:
        self.counts.update(w.casefold() for w in _WORD.findall(_TAG.sub(" ", text)))
        self._mended.clear()

    def mend(self, text: str) -> str:
        """Join 'Octobe r' or 'Safeguardin g' when the joined word is better attested than a part."""
        if " " not in text:
            return text
        out = self._mended.get(text)
        if out is None:
            if len(self._mended) > 200_000:
                self._mended.clear()
            out = self._mended[text] = self._mend(text)
        return out

    def _mend(self, text: str) -> str:
        tokens = text.split(" ")
        out: list[str] = []
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            if i + 1 < len(tokens) and self._joins(tok, tokens[i + 1]):
                tokens[i + 1] = tok + tokens[i + 1]
                i += 1
                continue
            out.append(tok)
            i += 1
        return " ".join(out)

    def _joins(self, a: str, b: str) -> bool:
        if not (a and b and a[-1].isalpha() and b[0].isalpha() and b[0].islower()):
            return False
        ma = _WORD_END.search(a)
        mb = _WORD_START.match(b)
        if not ma or not mb:
            return False
        wa, wb = ma.group().casefold(), mb.group().casefold()
        joined = wa + wb
        if len(joined) < 5:
            return False
        c = self.counts.get(joined, 0)
        return c > 0 and (c >= self.counts.get(wa, 0) or c >= self.counts.get(wb, 0))


def normalise_spaces(text: str) -> str:
    return _SPACE.sub(" ", text).strip()

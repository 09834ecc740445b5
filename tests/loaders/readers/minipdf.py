"""Hand-written PDFs for tests: pages of text and rectangles as content streams, with a correct xref.

Small enough to build at test time, so a hostile PDF (200,000 tiny letters on a page, 100,000 drawn
rectangles) needs no fixture file, and the fuzz tests have a valid PDF whose bytes they can damage.
"""
from __future__ import annotations


def pdf(pages: list[bytes], width: int = 595, height: int = 842) -> bytes:
    """A PDF whose pages have these content streams, with Helvetica as /F1."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>",
               b"",  # the page tree, once the pages' numbers are known
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for content in pages:
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content))
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Resources << /Font << /F1 3 0 R >> >> "
                       b"/Contents %d 0 R >>" % (width, height, len(objects)))
        kids.append(b"%d 0 R" % len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(kids), len(kids))
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _escape(text: str) -> bytes:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("latin-1", "replace")


def text_lines(lines: list[tuple[float, float, float, str]]) -> bytes:
    """Content drawing each (x, y from the top, font size, text)."""
    return b"\n".join(b"BT /F1 %.2f Tf 1 0 0 1 %.2f %.2f Tm (%s) Tj ET" % (size, x, 842 - y, _escape(text))
                      for x, y, size, text in lines)


def table(rows: list[list[str]], widths: list[float], top: float = 120, height: float = 40) -> bytes:
    """A ruled table: each cell a stroked rectangle with its text inside, 9 pt."""
    parts = []
    y = top
    for row in rows:
        x = 40.0
        for text, w in zip(row, widths):
            parts.append(b"%.2f %.2f %.2f %.2f re S" % (x, 842 - y - height, w, height))
            parts.append(text_lines([(x + 3, y + 14, 9, text)]))
            x += w
        y += height
    return b"\n".join(parts)


def tiny_letters(count: int, per_line: int = 500) -> bytes:
    """`count` 0.5 pt letters in lines of `per_line`: a page no plan has (a hostile or generated file)."""
    lines = []
    for i in range(0, count, per_line):
        n = min(per_line, count - i)
        lines.append((10.0, 20 + (i // per_line) * 0.6 % 800, 0.5, "x" * n))
    return text_lines(lines)


def rectangles(count: int) -> bytes:
    """`count` small stroked rectangles in the right margin, 6 pt apart (pdfplumber snaps together rules
    within 3 pt of each other anywhere on the page, so a dense grid would move a table's rules)."""
    return b"\n".join(b"%d %d 2 2 re S" % (540 + (i % 8) * 6, 10 + (i // 8) % 75 * 6) for i in range(count))

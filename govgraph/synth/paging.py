"""Page furniture as extraction leaves it: page footers, repeated table headers, rows split by a break.

A row split by a page break keeps the first words of some cells on one page and continues on the
next page in a row whose key cells are empty, as in the corpus. Split tails are kept longer than a
header word so they can never be mistaken for the rest of a repeated header.
"""
from __future__ import annotations

import random

_MIN_TAIL = 34  # characters: longer than any header fragment


def split_cell(text: str, rng: random.Random) -> tuple[str, str] | None:
    """Cut a cell at a word boundary, leaving a tail of at least `_MIN_TAIL` characters; None if too short."""
    words = text.split(" ")
    cuts = [i for i in range(2, len(words) - 1) if len(" ".join(words[i:])) >= _MIN_TAIL]
    if not cuts or "<" in text:
        return None
    i = rng.choice(cuts)
    return " ".join(words[:i]), " ".join(words[i:])


def paginate(header: list[str], rows: list[list[str]], rng: random.Random, *, split_cols: list[int],
             per_page: tuple[int, int] = (3, 6), split_chance: float = 0.35,
             page_no: list[int] | None = None, total_pages: int | None = None) -> list[str]:
    """Lines of a table spread over pages, with footers, repeated headers and continuation rows.

    `page_no` is a one-item counter shared by the tables of one document; `total_pages` is the
    document's page count as printed in the footers."""
    counter = page_no if page_no is not None else [0]
    lines = ["\t".join(header)]
    i = 0
    while i < len(rows):
        n = rng.randint(*per_page)
        page = [list(r) for r in rows[i:i + n]]
        i += n
        carry: list[str] | None = None
        if i < len(rows) and rng.random() < split_chance:
            last = page[-1]
            cont = [""] * len(last)
            for col in split_cols:
                cut = split_cell(last[col], rng) if col < len(last) else None
                if cut and rng.random() < 0.6:
                    last[col], cont[col] = cut
            if any(cont):
                carry = cont
        lines.extend("\t".join(r) for r in page)
        if i < len(rows):
            counter[0] += 1
            lines += ["", f"Page **{counter[0]}** of **{total_pages or '?'}**", "", "", "", "\t".join(header)]
            if carry:
                lines.append("\t".join(carry))
    return lines


def footer(page_no: list[int], total_pages: int | None) -> list[str]:
    page_no[0] += 1
    return ["", f"Page **{page_no[0]}** of **{total_pages or '?'}**"]

"""Decompression bombs refused from the ZIP directory, before a Word or Excel file is parsed.

A .docx or .xlsx is a ZIP of XML parts. A few KiB of deflated zeros can claim gigabytes, and python-docx
and openpyxl would inflate them whole. The central directory states every member's sizes, so the total and
the ratio are checked without inflating a byte; Python's zipfile never yields more than a member's stated
size, so a directory that lies gains nothing.
"""
from __future__ import annotations

import zipfile
from pathlib import Path

from govgraph.errors import ContainerBomb
from govgraph.inputs import PLAN, how_to_raise, max_bytes

MAX_MEMBERS = 10_000
"""A large real workbook has a few hundred parts; tens of thousands only cost time to list."""
MAX_RATIO = 200
"""Real Word and Excel XML deflates 5 to 40 times, rarely 100; deflate's own ceiling is about 1,030."""
RATIO_FLOOR = 1 << 20
"""Members smaller than this (1 MiB inflated) are not judged by ratio: tiny parts of blank text compress well."""


def check_zip(path: Path, what: str) -> None:
    """Raise ContainerBomb naming `path` when its directory promises more than a plan holds: more than
    MAX_MEMBERS parts, more in total than GOVGRAPH_MAX_PLAN_MB inflated, or a large part inflating more than
    MAX_RATIO times. A file that is not a ZIP is left to the reader to report."""
    try:
        with zipfile.ZipFile(path) as z:
            members = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return
    problem = bomb_problem([(m.filename, m.file_size, m.compress_size) for m in members], max_bytes(PLAN))
    if problem:
        raise ContainerBomb(f"is not a plausible {what} file: {problem}", source_file=str(path))


def bomb_problem(members: list[tuple[str, int, int]], limit: int) -> str | None:
    """Why (name, inflated size, deflated size) entries look like a decompression bomb, or None."""
    if len(members) > MAX_MEMBERS:
        return f"{len(members):,} parts (at most {MAX_MEMBERS:,})"
    total = sum(size for _, size, _ in members)
    if total > limit:
        return (f"its parts inflate to {total / 2**20:,.0f} MiB, over the {limit / 2**20:,.0f} MiB limit for "
                f"plans ({how_to_raise(PLAN)})")
    for name, size, packed in members:
        if size >= RATIO_FLOOR and size > MAX_RATIO * max(packed, 1):
            return (f"part {name!r} inflates {size / max(packed, 1):,.0f} times (to {size / 2**20:,.0f} MiB), "
                    f"a decompression bomb (at most {MAX_RATIO} times)")
    return None


__all__ = ["check_zip", "bomb_problem", "MAX_MEMBERS", "MAX_RATIO"]

"""Where a node or edge came from: a document line, or the overlay that declared it."""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Provenance(BaseModel):
    model_config = ConfigDict(frozen=True)

    source_file: str
    source_line: int | None = None
    source_lines: tuple[int, ...] = ()

    @classmethod
    def at(cls, source_file: str, lines: list[int] | tuple[int, ...] | int | None) -> "Provenance":
        if lines is None:
            return cls(source_file=source_file)
        if isinstance(lines, int):
            return cls(source_file=source_file, source_line=lines, source_lines=(lines,))
        uniq = tuple(sorted(set(lines)))
        return cls(source_file=source_file, source_line=uniq[0] if uniq else None, source_lines=uniq)

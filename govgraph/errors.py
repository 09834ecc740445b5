"""One exception base for everything a user can cause; bugs stay ordinary exceptions."""
from __future__ import annotations


class GovgraphError(Exception):
    """Bad input or environment: the CLI prints the message and exits 1."""

    hint: str = ""

    def __init__(self, message: str, *, hint: str = "", source_file: str | None = None,
                 line: int | None = None) -> None:
        self.source_file = source_file
        self.line = line
        self.hint = hint or self.hint
        where = ""
        if source_file:
            where = f"{source_file}:{line}: " if line else f"{source_file}: "
        super().__init__(f"{where}{message}")

    def user_message(self) -> str:
        text = str(self)
        return f"{text}\n  {self.hint}" if self.hint else text


class InputFileError(GovgraphError, FileNotFoundError):
    hint = "Check the path; pass the published plan as a text file."


class UnknownLayout(GovgraphError, ValueError):
    hint = ("No table header or recommendation heading was recognised. Add the header words "
            "to a vocabulary file (see README, 'Vocabularies') or check the file is a plan.")


class GraphFileError(GovgraphError, ValueError):
    hint = "Re-create it with `govgraph load PLAN... --out FILE`."


class OverlayError(GovgraphError, ValueError):
    hint = "Fix the overlay file; `govgraph overlay-schema` prints its JSON Schema."


class UnknownNode(GovgraphError, KeyError):
    hint = "Use an id, a ref such as 001/42, or part of a name; `govgraph stats` lists what is loaded."

    def __str__(self) -> str:  # KeyError would quote the message
        return Exception.__str__(self)


class AmbiguousNode(GovgraphError, LookupError):
    def __init__(self, query: str, candidates: list[str]) -> None:
        self.candidates = candidates
        shown = "\n    ".join(candidates[:15])
        more = f"\n    ... and {len(candidates) - 15} more" if len(candidates) > 15 else ""
        super().__init__(f"'{query}' matches {len(candidates)} nodes:\n    {shown}{more}",
                         hint="Give more of the name, or use one of the ids above.")

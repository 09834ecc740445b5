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


class DuplicateDocument(GovgraphError, ValueError):
    """Two different files would get the same document id (it comes from the file name): one would be
    merged into the other, or dropped, silently."""

    hint = "Rename one of them (document ids come from the file name), or load them into separate graphs."


class UnknownLayout(GovgraphError, ValueError):
    hint = ("No table header or recommendation heading was recognised. Add the header words "
            "to a vocabulary file (see README, 'Vocabularies') or check the file is a plan.")


class UnsupportedFormat(GovgraphError, ValueError):
    """A file whose content no reader reads (an image, an archive, a legacy Office file...): refused whole."""

    hint = "govgraph reads plain text (.txt, .md), Word (.docx), PDF (.pdf), Excel (.xlsx, .xlsm) and CSV/TSV."


class GraphFileError(GovgraphError, ValueError):
    hint = "Re-create it with `govgraph load PLAN... --out FILE`."


class OverlayError(GovgraphError, ValueError):
    hint = "Fix the overlay file; `govgraph overlay-schema` prints its JSON Schema."


class VocabularyError(GovgraphError, ValueError):
    """A user vocabulary file (--vocab) that is not safe YAML of the expected shape; the message names the line."""

    hint = "Fix the vocabulary file; govgraph/vocab/default.yaml shows every key and its shape."


class ContainerBomb(GovgraphError, ValueError):
    """A .docx/.xlsx whose ZIP directory promises far more data than a plan holds (a decompression bomb)."""

    hint = "Open it in Word or Excel and save it again; a real plan expands to a few MiB."


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


class DiagramError(GovgraphError, ValueError):
    """A diagram cannot be drawn from what was asked (no such authority, nothing to draw)."""

    hint = "Check the names given; `govgraph stats` lists what is loaded."


class GraphvizMissing(GovgraphError, FileNotFoundError):
    """Graphviz `dot` is not installed, so only `.dot` output is possible."""

    hint = ("Install Graphviz (Debian/Ubuntu: `sudo apt-get install graphviz`; macOS: `brew install graphviz`), "
            "or write the DOT source with `--out FILE.dot`.")


class RenderError(GovgraphError, RuntimeError):
    """Graphviz ran but failed or took too long; no output file was written."""

    hint = "Try a smaller diagram (`--max-nodes`), or write `--out FILE.dot` and run `dot` yourself."


class BrowserMissing(GovgraphError, FileNotFoundError):
    """A PDF board pack needs headless Chromium."""

    hint = ("Install Chromium (Debian/Ubuntu: `sudo apt-get install chromium`), or use `--format html` "
            "and print the page from a browser.")


class Neo4jError(GovgraphError, ConnectionError):
    """A Neo4j (Bolt) server refused us or could not be reached; the message says which and why."""

    hint = ("Check --uri, --username and --password (or NEO4J_URI, NEO4J_USERNAME, NEO4J_PASSWORD) "
            "and that the server is running.")


class PartialPush(Neo4jError):
    """A push that stopped part-way (the link lost, a timeout): the message says how far it got, since the
    server then holds part of the graph until the push is run again."""

    def __init__(self, message: str, *, hint: str = "", nodes: tuple[int, int] = (0, 0),
                 relationships: tuple[int, int] = (0, 0)) -> None:
        super().__init__(message, hint=hint)
        self.nodes = nodes
        """(written, in all)."""
        self.relationships = relationships


class Terminated(BaseException):
    """SIGTERM arrived: raised from the signal handler so that `finally` blocks (temporary files) run,
    and, like KeyboardInterrupt, never caught by `except Exception`."""


class OutputError(GovgraphError, OSError):
    hint = "Check the folder exists and you may write there, or choose another --out."

    def __init__(self, message: str, *, reason: str = "", hint: str = "") -> None:
        super().__init__(message, hint=hint)
        self.reason = reason
        """Why, in a few words (the system's error text), for callers that word their own message."""

"""Drawing DOT text with Graphviz `dot` as a subprocess, and writing files atomically.

The output file appears only when the whole drawing succeeded: Graphviz writes to a temp file beside
the target, which is then renamed. A missing `dot` or a failed run is one clear `GovgraphError`.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

from govgraph.errors import GraphvizMissing, RenderError
from govgraph.outputs import write_file

FORMATS: dict[str, str] = {".svg": "svg", ".png": "png", ".pdf": "pdf", ".dot": "dot"}
"""Output suffix -> Graphviz `-T` format; `.dot` writes the source without running Graphviz."""

TIMEOUT_S = 60.0
PNG_DPI = "144"
"""PNG resolution: sharp enough to paste into a board paper."""


def format_for(path: str | os.PathLike[str]) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise RenderError(f"cannot tell the format from '{Path(path).name}'",
                          hint=f"End --out with one of {', '.join(FORMATS)}.")
    return FORMATS[suffix]


def find_dot(binary: str = "dot") -> str:
    """The path of Graphviz `dot` (or $GOVGRAPH_DOT), else GraphvizMissing."""
    wanted = os.environ.get("GOVGRAPH_DOT", binary)
    found = shutil.which(wanted)
    if not found:
        raise GraphvizMissing(f"Graphviz `{wanted}` was not found on PATH, so the diagram cannot be drawn")
    return found


def render_bytes(dot_text: str, fmt: str, *, binary: str = "dot", timeout: float = TIMEOUT_S) -> bytes:
    """Graphviz output for `dot_text` in format `fmt` (svg, png, pdf)."""
    exe = find_dot(binary)
    args = [exe, f"-T{fmt}"]
    if fmt == "png":
        args.append(f"-Gdpi={PNG_DPI}")
    try:
        proc = subprocess.run(args, input=dot_text.encode("utf-8"), capture_output=True, timeout=timeout,
                              check=False)
    except subprocess.TimeoutExpired:
        raise RenderError(f"Graphviz took longer than {timeout:.0f} s and was stopped") from None
    except OSError as exc:
        raise RenderError(f"could not run Graphviz ({exc})") from None
    err = proc.stderr.decode("utf-8", "replace").strip()
    if proc.returncode != 0 or not proc.stdout:
        first = err.splitlines()[0] if err else f"exit status {proc.returncode}"
        raise RenderError(f"Graphviz failed: {first}")
    return proc.stdout


def render(dot_text: str, out: str | os.PathLike[str], *, binary: str = "dot",
           timeout: float = TIMEOUT_S) -> Path:
    """Write `dot_text` to `out` in the format its suffix names; returns the path written."""
    fmt = format_for(out)
    data = dot_text.encode("utf-8") if fmt == "dot" else render_bytes(dot_text, fmt, binary=binary,
                                                                       timeout=timeout)
    return write_file(out, data)


def svg_fragment(svg: bytes | str) -> str:
    """An SVG document as an element to inline in HTML: the XML prolog and DOCTYPE dropped."""
    text = svg.decode("utf-8") if isinstance(svg, bytes) else svg
    start = text.find("<svg")
    return text[start:] if start >= 0 else text

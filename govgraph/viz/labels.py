"""Node labels and legends shared by the diagram kinds (HTML-like labels, every piece escaped)."""
from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from govgraph.viz import palette
from govgraph.viz.diagram import DiagramOptions, plan_word
from govgraph.viz.dot import DotGraph, Html, html, html_lines, tooltip, wrap


def badge(rag: str | None, extra: str = "") -> str:
    """A table cell with the status colour and the status word (so grey printing survives)."""
    st = palette.rag_style(rag)
    word = html(st.word + (f" {extra}" if extra else ""))
    return f'<TD BGCOLOR="{st.fill}" ALIGN="LEFT"><FONT COLOR="{st.text}"><B>{word}</B></FONT></TD>'


def rag_table(rag: str | None, head: str, body: Sequence[str], foot: Sequence[str] = (),
              head_extra: str = "") -> Html:
    """A RAG-coded box: [badge | head] over wrapped body lines and small footer lines."""
    st = palette.rag_style(rag)
    style = ' STYLE="dashed"' if (rag or "UNKNOWN") == "UNKNOWN" else ""
    rows = [f"<TR>{badge(rag, head_extra)}<TD ALIGN=\"LEFT\"><B>{html(head)}</B></TD></TR>"]
    if body:
        rows.append(f'<TR><TD COLSPAN="2" ALIGN="LEFT" BALIGN="LEFT">{html_lines(body)}</TD></TR>')
    if foot:
        rows.append(f'<TR><TD COLSPAN="2" ALIGN="LEFT" BALIGN="LEFT"><FONT POINT-SIZE="9" '
                    f'COLOR="{palette.INK}">{html_lines(foot)}</FONT></TD></TR>')
    return Html(f'<TABLE BORDER="1" CELLBORDER="0" CELLSPACING="0" CELLPADDING="3" '
                f'COLOR="{palette.EDGE}" BGCOLOR="{st.tint}"{style}>{"".join(rows)}</TABLE>')


def action_node(dot: DotGraph, nid: str, data: dict[str, Any], options: DiagramOptions, *,
                cluster: str | None = None, foot: Sequence[str] = (), order: tuple[Any, ...] = ()) -> None:
    """An action as a RAG box: status and ref, the wrapped text, due date and whoever else matters."""
    rag = data.get("rag") or "UNKNOWN"
    ref = data.get("ref")
    head = plan_word(data, f"Action {ref}" if ref else "Action", options)
    text = data.get("text") or data.get("name") or ""
    lines = list(foot)
    if data.get("due"):
        lines.insert(0, f"Due {data['due']}")
    src = source_of(data)
    dot.add_node(nid, cluster=cluster, order=order, shape="plain", style="", fillcolor=None,
                 label=rag_table(rag, head, wrap(text, options.wrap, options.max_lines),
                                 [ln for line in lines for ln in wrap(line, options.wrap + 8, 2)]),
                 tooltip=tooltip(f"{head} ({palette.rag_style(rag).word}): {text}" + (f"  [{src}]" if src else "")))


def source_of(data: dict[str, Any]) -> str:
    """'plan.txt:12', or 'plan.pdf page 3, table 1, row 4' for a file that is not plain text."""
    f, line = data.get("source_file"), data.get("source_line")
    if not f:
        return ""
    if data.get("source_location"):
        return f"{f} {data['source_location']}"
    return f"{f}:{line}" if line else str(f)


def plain_label(title: str, sub: str = "", options: DiagramOptions | None = None, bold: bool = True,
                extra: Sequence[str] = ()) -> Html:
    """A wrapped name, an optional small grey line, then small extra lines (each wrapped)."""
    width = options.wrap if options else 38
    lines = wrap(title, width, 3)
    body = "<BR/>".join(html(ln) for ln in lines)
    body = f"<B>{body}</B>" if bold and body else body
    if sub:
        body += f'<BR/><FONT POINT-SIZE="9" COLOR="{palette.MUTED}">{html(sub)}</FONT>'
    for line in extra:
        wrapped = "<BR/>".join(html(ln) for ln in wrap(line, width + 6, 2))
        body += f'<BR/><FONT POINT-SIZE="9">{wrapped}</FONT>'
    return Html(body)


def rag_legend(dot: DotGraph, rags: Sequence[str] | None = None, caption: str = "") -> None:
    """The key to the RAG colours (only the statuses drawn, unless `rags` is None)."""
    wanted = [r for r in palette.LEGEND_ORDER if rags is None or r in rags]
    if not wanted:
        return
    cells = "".join(badge(r) for r in wanted)
    if caption:
        cells += f'<TD BORDER="0"><FONT POINT-SIZE="9">{html(caption)}</FONT></TD>'
    dot.add_node("legend:rag", order=(8,), shape="plain", style="", fillcolor=None,
                 label=Html(f'<TABLE BORDER="0" CELLBORDER="1" CELLSPACING="2" CELLPADDING="3">'
                            f'<TR><TD BORDER="0"><B>Key</B></TD>{cells}</TR></TABLE>'),
                 tooltip="RAG status colours (Okabe-Ito palette); the word is always printed too")


def edge_legend(dot: DotGraph, styles: Sequence[tuple[str, dict[str, Any]]]) -> None:
    """A key cluster with one sample edge per style: (words, edge attributes)."""
    dot.add_cluster("legend", Html("<B>Lines</B>"), order=(9,), style="rounded", color=palette.MUTED,
                    fontsize="10", fillcolor="white")
    for i, (words, attrs) in enumerate(styles):
        a, b = f"legend:{i}:a", f"legend:{i}:b"
        for j, nid in enumerate((a, b)):
            dot.add_node(nid, cluster="legend", order=(i, j), shape="point", width="0.06", label="",
                         style="filled", fillcolor=palette.EDGE, color=palette.EDGE)
        dot.add_edge(a, b, "legend", **{"label": f"  {words}  ", "fontsize": "10", **attrs, "fontcolor": palette.INK})
        if dot.graph_attrs.get("rankdir", "TB") in ("TB", "BT"):
            dot.same_rank(a, b)  # flat sample edges; in LR drawings edges are horizontal already

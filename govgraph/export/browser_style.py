"""A Neo4j Browser style (GraSS): Action nodes coloured by RAG, a sensible caption for every label.

GraSS selects on labels only, never on property values, so the push adds a RAG label to every
Action (`:Red`, `:Amber`, `:Green`, `:Blue`, `:Grey`, `:Unrated`) and the style colours those.
Their rules come after `node.Action` so they win on an Action that has both. Colours pair with the
caption's ref for readers who cannot tell red from green.
"""
from __future__ import annotations

from govgraph.model.nodes import LABELS
from govgraph.neo4j.rows import RAG_LABELS

CAPTIONS: dict[str, str] = {
    "Authority": "{name}", "Inspection": "{name}", "Plan": "{title}", "Recommendation": "{ref}",
    "Action": "{ref}", "Role": "{name}", "Person": "{initials}", "Board": "{name}", "Programme": "{name}",
    "Workstream": "{name}", "Project": "{ref}", "WorkPackage": "{ref}", "ReferenceDocument": "{ref}",
}
"""Caption property per label: refs where the plan numbers things, names elsewhere."""

LABEL_COLOURS: dict[str, tuple[str, str]] = {
    "Authority": ("#4C4C4C", "#FFFFFF"), "Inspection": ("#8C564B", "#FFFFFF"), "Plan": ("#1F4E79", "#FFFFFF"),
    "Recommendation": ("#9467BD", "#FFFFFF"), "Action": ("#A5ABB6", "#000000"), "Role": ("#17BECF", "#000000"),
    "Person": ("#AEC7E8", "#000000"), "Board": ("#2CA02C", "#FFFFFF"), "Programme": ("#BCBD22", "#000000"),
    "Workstream": ("#DBDB8D", "#000000"), "Project": ("#F7B6D2", "#000000"), "WorkPackage": ("#FFBB78", "#000000"),
    "ReferenceDocument": ("#C7C7C7", "#000000"),
}
"""(fill, text) per label."""

RAG_COLOURS: dict[str, tuple[str, str]] = {
    "Red": ("#D62728", "#FFFFFF"), "Amber": ("#FF9F1C", "#000000"), "Green": ("#2E8B57", "#FFFFFF"),
    "Blue": ("#1F77B4", "#FFFFFF"), "Grey": ("#9E9E9E", "#000000"), "Unrated": ("#FFFFFF", "#000000"),
}


def _rule(selector: str, props: dict[str, str]) -> str:
    body = "".join(f"  {k}: {v};\n" for k, v in props.items())
    return f"{selector} {{\n{body}}}\n"


def to_grass() -> str:
    """The style sheet text; drag the file onto Browser or paste it after `:style`."""
    out = [_rule("node", {"diameter": "50px", "color": "#A5ABB6", "border-color": "#9AA1AC",
                          "border-width": "2px", "text-color-internal": "#FFFFFF", "font-size": "10px"}),
           _rule("relationship", {"color": "#A5ABB6", "shaft-width": "1px", "font-size": "8px",
                                  "padding": "3px", "text-color-external": "#000000",
                                  "text-color-internal": "#FFFFFF", "caption": "'<type>'"})]
    for label in LABELS:
        fill, text = LABEL_COLOURS[label]
        size = "65px" if label in ("Board", "Plan") else "50px"
        out.append(_rule(f"node.{label}", {"color": fill, "border-color": fill, "text-color-internal": text,
                                           "diameter": size, "caption": f"'{CAPTIONS[label]}'"}))
    for rag in RAG_LABELS.values():
        fill, text = RAG_COLOURS[rag]
        border = "#000000" if rag == "Unrated" else fill
        out.append(_rule(f"node.{rag}", {"color": fill, "border-color": border, "text-color-internal": text,
                                         "caption": "'{ref}'"}))
    return "\n".join(out)

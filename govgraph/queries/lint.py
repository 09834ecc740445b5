"""Checks over a loaded graph: gaps and contradictions in the plans, as a sorted list of findings.

Each rule is one small generator function yielding `Hit`s, registered with its name and severity
in `RULES`; adding a rule is one function plus one line in that table.
"""
from __future__ import annotations

import calendar
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel

from govgraph.loaders.rag import says_complete
from govgraph.loaders.vocab import Vocabulary
from govgraph.queries.base import DONE
from govgraph.queries.overdue import Judge

if TYPE_CHECKING:
    from govgraph.model.graph import GovGraph

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
"""Worst first."""


class Finding(BaseModel):
    rule: str
    severity: Severity
    node: str | None = None
    label: str | None = None
    ref: str | None = None
    message: str
    source_file: str | None = None
    source_line: int | None = None
    source_location: str | None = None
    """Where in a Word, PDF or spreadsheet file ("page 3, table 1, row 4"); None for plain text."""


@dataclass(frozen=True)
class Hit:
    """What a rule function reports. Where it is and what it is are filled from `node` unless given."""

    node: str | None
    message: str
    source_file: str | None = None
    source_line: int | None = None
    source_location: str | None = None


@dataclass(frozen=True)
class LintContext:
    graph: "GovGraph"
    as_of: date | None
    """The date every plan is judged as of; None: each plan as of its own date (`queries.overdue.Judge`)."""


RuleFn = Callable[[LintContext], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    name: str
    severity: Severity
    check: RuleFn
    summary: str


# ---- helpers --------------------------------------------------------------------------------

def _actions(ctx: LintContext) -> Iterator[tuple[str, dict[str, Any]]]:
    return ctx.graph.nodes("Action")


def _str_list(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, (list, tuple, set)):
        return [str(v) for v in value if v is not None and str(v).strip()]
    return [str(value)]


def _rag(data: dict[str, Any]) -> str:
    return str(data.get("rag") or "UNKNOWN").upper()


def parse_due(value: Any) -> date | None:
    """An ISO date; a bare year-month or year means the end of that month or year; else None."""
    if not value or not isinstance(value, str):
        return None
    text = value.strip()[:10]  # same reading as queries.overdue.due_date
    try:
        return date.fromisoformat(text)
    except ValueError:
        pass
    m = re.fullmatch(r"(\d{4})-(\d{2})", text)
    if m:
        year, month = int(m.group(1)), int(m.group(2))
        if 1 <= month <= 12:
            return date(year, month, calendar.monthrange(year, month)[1])
        return None
    if re.fullmatch(r"\d{4}", text):
        return date(int(text), 12, 31)
    return None


PLAIN_RAG = frozenset({"R", "A", "G", "B", "RED", "AMBER", "GREEN", "BLUE", "GREY"})

def progress_says_complete(progress: Any) -> bool:
    """True when the progress text reports the action as complete ("Completed.", "Status: complete").

    Read as the loader reads a plan with no RAG column (`govgraph.loaders.rag.says_complete`), so lint and
    the inferred statuses agree: not for "not yet complete", "to be completed by March", "partially
    complete" or the verb in "complete the audit".
    """
    if not progress or not isinstance(progress, str):
        return False
    return says_complete(progress, Vocabulary.default())


# ---- rules ----------------------------------------------------------------------------------

def action_without_lead(ctx: LintContext) -> Iterator[Hit]:
    for nid, data in _actions(ctx):
        if not ctx.graph.into(nid, "LEADS"):
            lead_raw = data.get("lead_raw")
            if lead_raw:
                yield Hit(nid, f"no lead: the lead column says {str(lead_raw).strip()!r}, which names "
                               "no role or person")
            else:
                yield Hit(nid, "no lead role or person")


def action_without_due_date(ctx: LintContext) -> Iterator[Hit]:
    for nid, data in _actions(ctx):
        if data.get("due"):
            continue
        due_raw = data.get("due_raw")
        if due_raw and str(due_raw).strip():
            yield Hit(nid, f"due {str(due_raw).strip()!r} gives no date")
        else:
            yield Hit(nid, "no due date")


def action_without_rating(ctx: LintContext) -> Iterator[Hit]:
    for nid, data in _actions(ctx):
        if _rag(data) != "UNKNOWN":
            continue
        rag_raw = data.get("rag_raw")
        if rag_raw and str(rag_raw).strip():
            yield Hit(nid, f"RAG rating {str(rag_raw).strip()!r} could not be read")
        else:
            yield Hit(nid, "no RAG rating")


_JUDGED = {"stated": "the date its plan states", "progress": "its plan's latest progress note",
           "today": "today: its plan states no date", "given": "the date given"}


def past_due(ctx: LintContext) -> Iterator[Hit]:
    """Late as `query overdue` judges it: as of its plan's date unless a date is given."""
    judge = Judge(ctx.graph, ctx.as_of)
    for nid, data in _actions(ctx):
        due = parse_due(data.get("due"))
        rag = _rag(data)
        if due is None or rag in DONE:
            continue
        day = judge(nid)
        if due >= day.as_of:
            continue
        days = (day.as_of - due).days
        yield Hit(nid, f"due {due.isoformat()}, {days} day{'s' if days != 1 else ''} late "
                       f"as of {day.as_of.isoformat()}, {_JUDGED[day.basis]} (RAG {rag})")


def completed_but_red(ctx: LintContext) -> Iterator[Hit]:
    for nid, data in _actions(ctx):
        if _rag(data) == "RED" and progress_says_complete(data.get("progress")):
            yield Hit(nid, f"progress says complete but RAG is RED: {_clip(str(data['progress']))!r}")


def non_standard_rag(ctx: LintContext) -> Iterator[Hit]:
    for nid, data in _actions(ctx):
        raw = data.get("rag_raw")
        if raw is None or not str(raw).strip():
            continue
        if str(raw).strip().upper() in PLAIN_RAG or str(raw).startswith("fill:"):
            continue  # a plain letter or word, or a colour-only cell (read by hue)
        how = "inferred as" if data.get("rag_inferred") else "read as"
        yield Hit(nid, f"RAG written {str(raw)!r} {_codepoints(str(raw))}was {how} {_rag(data)}")


def rag_colour_disagrees(ctx: LintContext) -> Iterator[Hit]:
    for nid, data in _actions(ctx):
        if data.get("rag_fill"):
            yield Hit(nid, f"RAG cell says {str(data.get('rag_raw'))!r} ({_rag(data)}) but is coloured "
                           f"{str(data['rag_fill']).removeprefix('fill:')}; the text was used")


def suspicious_programme_ref(ctx: LintContext) -> Iterator[Hit]:
    for nid, data in _actions(ctx):
        for issue in _str_list(data.get("programme_ref_issues")):
            yield Hit(nid, f"programme ref: {issue}")


def recommendation_without_actions(ctx: LintContext) -> Iterator[Hit]:
    for nid, _data in ctx.graph.nodes("Recommendation"):
        if not ctx.graph.into(nid, "ADDRESSES"):
            yield Hit(nid, "no action addresses this recommendation")


def dangling_cross_reference(ctx: LintContext) -> Iterator[Hit]:
    for nid, data in ctx.graph.nodes():
        for ref in _str_list(data.get("dangling_refs")):
            yield Hit(nid, f"cross-reference names nothing that exists: {ref}")


def load_warning(ctx: LintContext) -> Iterator[Hit]:
    for w in ctx.graph.warnings:
        rule = w.get("rule")
        message = str(w.get("message") or "")
        line = w.get("source_line")
        yield Hit(None, f"{message} ({rule})" if rule else message,
                  source_file=w.get("source_file"), source_line=line if isinstance(line, int) else None,
                  source_location=w.get("source_location"))


RULES: tuple[Rule, ...] = (
    Rule("action-without-lead", "error", action_without_lead, "Action with no LEADS edge"),
    Rule("action-without-due-date", "warning", action_without_due_date, "Action with no due date"),
    Rule("action-without-rating", "warning", action_without_rating, "Action with no rating (NO RATING)"),
    Rule("past-due", "error", past_due, "Action past its due date and not GREEN or COMPLETE"),
    Rule("completed-but-red", "error", completed_but_red, "Progress says complete, RAG is RED"),
    Rule("non-standard-rag", "warning", non_standard_rag, "RAG written other than R/A/G/B/GREY"),
    Rule("rag-colour-disagrees", "warning", rag_colour_disagrees, "RAG cell text and fill colour disagree"),
    Rule("suspicious-programme-ref", "warning", suspicious_programme_ref,
         "Programme ref that fits no pattern or contradicts the hierarchy"),
    Rule("recommendation-without-actions", "error", recommendation_without_actions,
         "Recommendation no action addresses"),
    Rule("dangling-cross-reference", "warning", dangling_cross_reference,
         "Prose names a recommendation or action that does not exist"),
    Rule("load-warning", "info", load_warning, "Warning recorded while loading"),
)
RULES_BY_NAME: dict[str, Rule] = {r.name: r for r in RULES}


# ---- running --------------------------------------------------------------------------------

def lint(graph: "GovGraph", *, as_of: date | None = None) -> list[Finding]:
    """Run every rule; findings sorted by (source_file, source_line, rule, node).

    Without `as_of`, "past its due date" is judged as of each plan's own date, as `query overdue` does."""
    ctx = LintContext(graph=graph, as_of=as_of)
    findings = [_finding(graph, rule, hit) for rule in RULES for hit in rule.check(ctx)]
    findings.sort(key=lambda f: (f.source_file or "", f.source_line or 0, f.rule, f.node or "",
                                 f.message))
    return findings


def _finding(graph: "GovGraph", rule: Rule, hit: Hit) -> Finding:
    data: dict[str, Any] = graph.node(hit.node) if hit.node is not None and hit.node in graph else {}
    line = hit.source_line if hit.source_line is not None else data.get("source_line")
    ref = data.get("ref")
    return Finding(
        rule=rule.name, severity=rule.severity, node=hit.node,
        label=data.get("label"), ref=str(ref) if ref is not None else None, message=hit.message,
        source_file=hit.source_file if hit.source_file is not None else data.get("source_file"),
        source_line=line if isinstance(line, int) else None,
        source_location=hit.source_location if hit.source_file is not None else data.get("source_location"),
    )


def severity_counts(findings: Iterable[Finding]) -> dict[str, int]:
    counts = {s: 0 for s in SEVERITIES}
    for f in findings:
        counts[f.severity] += 1
    return counts


def at_least(findings: Iterable[Finding], severity: Severity) -> list[Finding]:
    """Findings of `severity` or worse (error is worst)."""
    limit = SEVERITIES.index(severity)
    return [f for f in findings if SEVERITIES.index(f.severity) <= limit]


def _clip(text: str, n: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"


def _codepoints(raw: str) -> str:
    """Name the code points when the raw text has non-ASCII letters that look like ASCII ones."""
    odd = [c for c in raw if ord(c) > 127 and c.isalpha()]
    if not odd:
        return ""
    return "(" + ", ".join(f"U+{ord(c):04X}" for c in dict.fromkeys(odd)) + ") "

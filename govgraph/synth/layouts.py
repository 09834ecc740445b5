"""Writers for the corpus's five layouts, each returning the document's text and what it holds.

- `numbered_plan`: the council plan with numbered actions and a RAG column, then the safeguarding
  board's own plan (corpus 001);
- `dotted_plan`: numbered sections, dotted refs, HTML bullet lists of actions (corpus 002);
- `narrative_plan`: a section per recommendation with a small "What we will do" table (corpus 003);
- `responses_plan`: one response per recommendation in three columns (corpus 000);
- `summary_plan`: an executive summary with a RAG scheme, work streams and reference documents (004).
"""
from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field

from govgraph.synth import vocab as V
from govgraph.synth.content import (ActionSpec, AreaSpec, Programme, action_text, area_text, due_text, para_cell,
                                    rag_cell)
from govgraph.synth.paging import footer, paginate


@dataclass
class Authority:
    """One synthetic council: its names and the governance lines its plans state."""

    place: str
    scb: str  # the safeguarding board's acronym, e.g. 'BSCB'
    year: int
    month: str
    programme: Programme
    escalations: set[tuple[str, str]] = field(default_factory=set)  # (from, to) by identity

    @property
    def council(self) -> str:
        return f"{self.place} Council"


@dataclass
class Written:
    """A document's text and the counts the loader must find in it."""

    text: str
    plans: int
    recommendations: int
    actions: int
    rag: Counter[str] = field(default_factory=Counter)
    delivered_by: set[tuple[int, tuple[int, int, int]]] = field(default_factory=set)
    refers_to: int = 0
    depends_on: int = 0


def _finish(lines: list[str], pages: list[int]) -> str:
    text = "\n".join(lines) + "\n"
    return text.replace("of **?**", f"of **{pages[0]}**")


# ---- corpus 001 ----------------------------------------------------------------------------
_HEAD1 = ["No.", "Ofsted Para No", "Ofsted Area for Improvement", "Lead", "Action", "By When", "Progress", "R/A/G",
          "Monitoring and Evaluation"]
_ESCALATION_SUBS = ["QA Sub Group", "Performance Sub Group", "Missing Children Sub Group"]


def numbered_plan(rng: random.Random, auth: Authority) -> Written:
    acr, prog = auth.scb, auth.programme
    out = Written("", plans=2, recommendations=0, actions=0)
    lines = ["", "", f"OFSTED INSPECTION {auth.month.upper()} {auth.year} - IMPROVEMENT PLAN", "", "Key:", "",
             f"- Ofsted Para Number refers to the Area of Improvement identified in the Ofsted Inspection Outcome "
             f"of {rng.randint(2, 28)} {auth.month} {auth.year}",
             f"- {prog.name} ({prog.acronym}) is the transformation programme for {auth.council}'s children's "
             f"services and partners, the vehicle through which all the Ofsted areas for improvement will be "
             f"delivered.",
             "- An evidence library has been created so that we can evidence impact against each area.", ""]
    areas: list[AreaSpec] = []
    para = 17
    number = 0
    for _ in range(rng.randint(24, 40)):
        para += 0 if rng.random() < 0.04 else 1  # two areas can share a paragraph
        area = AreaSpec(para_cell(rng, para), area_text(rng))
        for _ in range(rng.choice([1, 2, 2, 3, 3, 3, 4, 4, 5, 6])):
            number += 1 + (rng.random() < 0.02)  # numbering sometimes skips one, as in the corpus
            cell, status = rag_cell(rng)
            monitoring = " ".join(rng.sample(V.COUNCIL_BOARDS, rng.randint(0, 2)))
            act = ActionSpec(number, action_text(rng), _lead(rng), due_text(rng, auth.year + 1),
                             rng.choice(V.PROGRESS_TABLE), cell, status)
            if rng.random() < 0.85:
                ref, targets = prog.ref(rng)
                monitoring = f"{monitoring} {ref}".strip()
                act.targets |= targets
            if rng.random() < 0.04:
                act.progress += f" {acr} independent chair will escalate to Director of Children's Services."
                auth.escalations.add(("chair:scb", "role:dcs"))
            act.monitoring = monitoring
            area.actions.append(act)
        areas.append(area)
    rows = []
    for area in areas:
        for k, a in enumerate(area.actions):
            rows.append([f"{a.number}.", area.paragraphs if k == 0 else "", area.text if k == 0 else "", a.lead,
                         a.text, a.due, a.progress, a.rag_cell, a.monitoring])
            out.rag[a.rag] += 1
            out.delivered_by |= {(a.number, t) for t in a.targets}
    out.recommendations += len(areas)
    out.actions += sum(len(a.actions) for a in areas)
    pages = [0]
    lines += paginate(_HEAD1, rows, rng, split_cols=[2, 3, 4, 6], page_no=pages)
    lines += footer(pages, None) + ["", "", ""]

    # part 2: the safeguarding board's plan
    bp_head = rng.choice(["Business Plan 2014-15 Referenc e", "Business Plan Reference"])
    head2 = ["", "Ofsted Para No", bp_head, "Ofsted Area for Improvement", "Lead", "Action", "By When", "Progress",
             "RAG Rating", "Evidence of impact"]
    lines += [f"{acr} OFSTED INSPECTION {auth.month.upper()} {auth.year} \u2013 IMPROVEMENT PLAN", "",
              f"This action plan is monitored bi - monthly by the {acr} Executive", "", "Key:", "",
              f"- {acr} is the {auth.place} Safeguarding Children's Board"]
    subs = rng.sample(V.SUB_GROUPS, 3)
    statements = _escalation_statements(rng, auth)
    rows = []
    para = 148
    number = 0
    for _ in range(rng.randint(6, 10)):
        para += 1
        bref = f"4.{rng.randint(1, 9)}"
        n_actions = rng.randint(2, 5)
        out.recommendations += 1
        for k in range(n_actions):
            number += 1
            cell, status = rag_cell(rng)
            lead = rng.choice([f"Chair of the {subs[0]}", f"Chair of {subs[1]}", f"Independent Chair of the {acr}",
                               "Head of Safeguarding and Review", f"{acr} Business Manager"])
            text = action_text(rng)
            if number == 1:
                text = "All sub group chairs are required to report in writing to the Exec."
            progress = rng.choice(V.PROGRESS_TABLE)
            if statements and rng.random() < 0.5:
                progress += " " + statements.pop()
            rows.append([f"{number}.", str(para) if k == 0 else "", bref, area_text(rng) if k == 0 else "", lead, text,
                         due_text(rng, auth.year + 1), progress, cell, rng.choice(["Minutes", "Audit report", ""])])
            out.rag[status] += 1
            out.actions += 1
    if statements:  # any left over go in the evidence column of the last row
        rows[-1][9] = (rows[-1][9] + " " + " ".join(statements)).strip()
    lines += paginate(head2, rows, rng, split_cols=[3, 5, 7], page_no=pages)
    lines += footer(pages, None)
    out.text = _finish(lines, pages)
    return out


def _lead(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.06:
        a, b = rng.choice(V.JOINT_LEADS)
        return f"{a} / {b}"
    if r < 0.09:
        return ""
    return rng.choice(V.COUNCIL_LEADS)


def _escalation_statements(rng: random.Random, auth: Authority) -> list[str]:
    """Escalation lines of the board's plan, each recorded by the identities it joins."""
    acr = auth.scb
    out = []
    for sub in rng.sample(_ESCALATION_SUBS, rng.randint(1, 3)):
        out.append(f"{sub} chair will escalate to the {acr} Executive.")
        auth.escalations.add((f"chair:{sub}", "board:exec"))
    out.append(f"The {acr} Executive will escalate to the Independent Chair of the {acr}.")
    auth.escalations.add(("board:exec", "chair:scb"))
    if rng.random() < 0.7:
        out.append("The DCS will escalate to the Lead Member for Children's Services.")
        auth.escalations.add(("role:dcs", "role:lead-member"))
    rng.shuffle(out)
    return out


# ---- corpus 002 ----------------------------------------------------------------------------
_HEAD2 = ["Ref", "Recommendation", "Actions", "Timescale", "Success indicator", "Lead and Responsible officer",
          "Resources required"]
_SECTIONS = ["Children's Trust", "{place} Safeguarding Children Board", "Recruitment practice", "Referral and Assessment",
             "Looked After Children", "Early Help"]


def dotted_plan(rng: random.Random, auth: Authority) -> Written:
    out = Written("", plans=1, recommendations=0, actions=0)
    lines = [f"{auth.council} action plan following the Ofsted inspection of {auth.month} {auth.year - 1}", ""]
    rows: list[list[str]] = []
    for s, title in enumerate(rng.sample(_SECTIONS, rng.randint(3, 5)), start=1):
        title = title.format(place=auth.place)
        if "Safeguarding" in title and rng.random() < 0.5:
            rows.append([str(s), title[:-16], title[-16:], "", "", "", ""])  # 'Safeguardin' / 'g Children Board'
        else:
            rows.append([str(s), title, "", "", "", "", ""])
        for r in range(1, rng.randint(4, 14)):
            out.recommendations += 1
            items = [action_text(rng).rstrip(".") for _ in range(rng.choice([1, 2, 3, 3, 4, 5]))]
            cell = items[0] if len(items) == 1 and rng.random() < 0.5 else _ul(items)
            rows.append([f"{s}.{r}", f"The {rng.choice(['Trust', 'Board', 'Council'])} will {_lower(area_text(rng))}", cell, due_text(rng, auth.year), rng.choice(V.SUCCESS),
                         _lead(rng) or "DCS", rng.choice(V.RESOURCES)])
            out.actions += len(items)
            if rng.random() < 0.2:  # a sub-row: more actions with their own lead
                more = [action_text(rng).rstrip(".") for _ in range(rng.randint(1, 2))]
                rows.append(["", "", _ul(more), due_text(rng, auth.year), rng.choice(V.SUCCESS),
                             rng.choice(V.COUNCIL_LEADS), ""])
                out.actions += len(more)
    out.rag["UNKNOWN"] = out.actions  # no RAG column and no progress column
    pages = [0]
    lines += paginate(_HEAD2, rows, rng, split_cols=[1, 4], page_no=pages)
    lines += footer(pages, None)
    out.text = _finish(lines, pages)
    return out


def _lower(text: str) -> str:
    return text[:1].lower() + text[1:]


def _ul(items: list[str]) -> str:
    return "<ul> " + " ".join(f"<li>{i.replace('&', '&amp;')}</li>" for i in items) + " </ul>"


# ---- corpus 003 ----------------------------------------------------------------------------
_URGENCY = ["for immediate improvement", "for improvement within 3 months", "for improvement within 6 months"]


def narrative_plan(rng: random.Random, auth: Authority) -> Written:
    out = Written("", plans=1, recommendations=0, actions=0)
    head = (f"Action Plan in response to the recommendations of the {auth.month} {auth.year} Ofsted Inspection of "
            f"{auth.council} arrangements for the protection of children \u2013 update for CYP Select Committee "
            f"{rng.randint(2, 28)}th September {auth.year}")
    lines = ["", "", head, ""]
    n_recs = rng.randint(8, 16)
    for n in range(1, n_recs + 1):
        out.recommendations += 1
        if n > 1:
            lines += ["", head, ""]
        dash = rng.choice(["-", "\u2013"])
        lines += [f"Recommendation No. {n} {dash} {_URGENCY[min(2, (n - 1) * 3 // n_recs)]}", "", area_text(rng), "",
                  "Outcome: what difference will these actions make?", "", "- Children's needs will be met sooner.",
                  "", "... and how will we know?", "", "- Monthly case file audits will show it.", ""]
        lines.append("\t".join(["What we will do", "By when", "Lead", f"Update September {auth.year}"]))
        k_actions = rng.randint(2, 7)
        for k in range(1, k_actions + 1):
            status, phrase = rng.choice(V.PROGRESS_INFERRED)
            text = action_text(rng)
            if k > 1 and rng.random() < 0.1:
                text = f"{text[:-1]}, following completion of action {n}.{k - 1}."
                out.depends_on += 1
            lead = " / ".join(rng.sample(V.INITIALS, rng.choice([1, 1, 1, 2, 3])))
            lines.append("\t".join([f"{k}. {text}", due_text(rng, auth.year), lead, phrase]))
            out.rag[status] += 1
            out.actions += 1
    out.text = "\n".join(lines) + "\n"
    return out


# ---- corpus 000 ----------------------------------------------------------------------------
def responses_plan(rng: random.Random, auth: Authority) -> Written:
    out = Written("", plans=1, recommendations=0, actions=0)
    lines = [f"{auth.council}: progress against the recommendations of the Ofsted inspection of {auth.month} "
             f"{auth.year}", "", "\t".join(["Ofsted Recommendation", "Action", "Progress"])]
    for n in range(1, rng.randint(12, 26)):
        out.recommendations += 1
        rec = f"Recommendation {n} required the authority to {_lower(area_text(rng))}"
        if n > 2 and rng.random() < 0.12:
            lines.append("\t".join([rec, f"The action taken is the same as in recommendation {rng.randint(1, n - 1)}",
                                    "This action has been fully actioned."]))
            out.refers_to += 1
            continue
        status, phrase = rng.choice(V.PROGRESS_INFERRED)
        action = action_text(rng)
        if n > 2 and rng.random() < 0.1:
            action = f"{action} See recommendation {rng.randint(1, n - 1)}."
            out.refers_to += 1
        if rng.random() < 0.15:  # a response continued on the next page, after a blank line
            first, rest = action.split(" ", 1) if " " in action else (action, "")
            lines += ["\t".join([rec, first, phrase]), "", "\t".join(["", rest, ""])]
        else:
            lines.append("\t".join([rec, action, phrase]))
        out.rag[status] += 1
        out.actions += 1
    out.text = "\n".join(lines) + "\n"
    return out


# ---- corpus 004 ----------------------------------------------------------------------------
def summary_plan(rng: random.Random, auth: Authority) -> Written:
    out = Written("", plans=1, recommendations=0, actions=0)
    docs = rng.sample(V.REFERENCE_DOCS, rng.randint(4, 7))
    streams = [s.replace("Safeguarding Board", auth.scb) for s in rng.sample(V.WORKSTREAMS, 6)]
    lines = [f"{auth.place} Supporting and Protecting Children Improvement Plan", "", "Executive Summary", "",
             f"V{rng.randint(1, 3)}.{rng.randint(0, 9)}", "", "Outline and context", "",
             f"Following on from the recent Ofsted inspection of the arrangements for the protection of children "
             f"({auth.month} {auth.year}), this plan has been produced to bring forward the improvements "
             f"{auth.council} needs.", "",
             "The plan is a living document and is reviewed regularly through the Improvement Board. In addition to "
             "this, progress will be monitored by both the Lead Member and DCS on a bi-weekly basis", "",
             "Reference key", ""]
    lines += [f"- AA{i}: {d}" for i, d in enumerate(docs, start=1)]
    lines += ["", "The outcomes are RAG rated and the descriptors are outlined in the following table:", "",
              "RAG table\t", "RED\tTasks and or outcomes have not been met or timescale slipped.",
              "AMBER\tTasks and outcomes are on track, milestones met but not completed.",
              "GREEN\tTasks and outcomes are completed or performance is on target.", "GREY\tNot yet started",
              "BLUE\tCompleted", "", "Actions have been separated into work streams. These are colour-coded as "
              "follows:", ""]
    lines += [f"{a}\t{b}" for a, b in zip(streams[::2], streams[1::2])]
    out.text = "\n".join(lines) + "\n"
    return out

"""What a synthetic authority's plans say, before any layout: areas, actions, leads, ratings, refs.

The generator draws everything from one seeded `random.Random` per authority, so authority *i* is
the same whatever the number of authorities, and records what the loader must find (the expected
counts) as it goes.
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field

from govgraph.synth import vocab as V

# RAG cells as plans print them, with the status each means and a weight
RAG_CELLS: list[tuple[str, str, int]] = [
    ("G", "GREEN", 44), ("A", "AMBER", 28), ("\u0391", "AMBER", 3), ("GA", "AMBER", 2), ("R", "RED", 11),
    ("R \u2013 due to time frame", "RED", 2), ("R -as need a single set of proce dures", "RED", 1),
    ("", "UNKNOWN", 5), ("B", "BLUE", 4),
]


@dataclass
class ActionSpec:
    number: int
    text: str
    lead: str
    due: str
    progress: str
    rag_cell: str
    rag: str
    monitoring: str = ""
    evidence: str = ""
    targets: set[tuple[int, int, int]] = field(default_factory=set)


@dataclass
class AreaSpec:
    paragraphs: str
    text: str
    business_ref: str = ""
    actions: list[ActionSpec] = field(default_factory=list)


Target = tuple[int, int, int]  # (work stream, project, work package); work package 0 names the project


@dataclass
class Programme:
    """An authority's improvement programme: work streams, projects, work packages and who uses them."""

    acronym: str
    name: str
    project_ws: dict[int, int] = field(default_factory=dict)  # project -> work stream
    written_in_full: set[int] = field(default_factory=set)

    def ref(self, rng: random.Random) -> tuple[str, set[Target]]:
        """One printed ref in one of the corpus's forms, and the projects or work packages it names."""
        project = rng.choice(sorted(self.project_ws))
        ws = self.project_ws[project]
        wp = min(int(rng.paretovariate(1.2)), 6)
        form = rng.random()
        acr = self.acronym
        if form < 0.08:
            self.written_in_full.add(project)
            return f"{acr} Ref: (WS{ws}P{project})", {(ws, project, 0)}
        if form < 0.16:
            self.written_in_full.add(project)
            return f"{acr} Ref: WS{ws}P{project}WP{wp}/{wp + 1}", {(ws, project, wp), (ws, project, wp + 1)}
        if form < 0.24:
            self.written_in_full.add(project)
            return f"{acr} ref: WS{ws}P{project}WP{wp}-PPR", {(ws, project, wp)}
        if form < 0.32 and project in self.written_in_full:
            return f"{acr} Ref: P{project}WP{wp}", {(ws, project, wp)}  # shorthand, as in the corpus
        self.written_in_full.add(project)
        return f"{acr} Ref: WS{ws}P{project}WP{wp}", {(ws, project, wp)}


def make_programme(rng: random.Random, place: str) -> Programme:
    acronym = f"{place[:2].upper()}IPP"
    prog = Programme(acronym, f"Children of {place}'s Improvement and Partnership Programme")
    for project in range(1, rng.randint(12, 30)):
        prog.project_ws[project] = rng.randint(1, 5)
    return prog


def action_text(rng: random.Random) -> str:
    end = rng.choice(V.ACTION_ENDS)
    return f"{rng.choice(V.ACTION_VERBS)} {rng.choice(V.ACTION_OBJECTS)}{' ' + end if end else ''}."


def area_text(rng: random.Random) -> str:
    return f"{rng.choice(V.AREA_VERBS)} {rng.choice(V.AREA_SUBJECTS)} {rng.choice(V.AREA_ENDS)}"


def due_text(rng: random.Random, year: int) -> str:
    r = rng.random()
    month = rng.choice(V.MONTHS)
    if r < 0.08:
        return "Ongoing"
    if r < 0.11 and len(month) > 5:
        return f"{month[:-1]} {month[-1]} {year}"  # a word broken by extraction: 'Octobe r 2014'
    if r < 0.15:
        return f"{month} {year} {rng.choice(V.MONTHS)} {year + 1}"  # a revised date after the first
    return f"{month} {year}{'.' if r > 0.9 else ''}"


def rag_cell(rng: random.Random) -> tuple[str, str]:
    cells = [(c, s) for c, s, _ in RAG_CELLS]
    weights = [w for _, _, w in RAG_CELLS]
    return rng.choices(cells, weights)[0]


def para_cell(rng: random.Random, own: int) -> str:
    extra = sorted(rng.sample(range(50, 140), rng.randint(0, 3)))
    if not extra:
        return f"{own}."
    shown = [f"{n}?" if rng.random() < 0.05 else str(n) for n in extra]
    return f"{own}. ({', '.join(shown)})"

"""Synthetic programmes: many fictional councils' plans, written as text in the corpus's own layouts.

Used to test the loader at programme scale and to benchmark it. `synthesise` writes the documents
and returns a `Manifest` of what the loader must find in them (actions, ratings, work packages,
escalation lines...), so a test can compare the loaded graph with the truth. The same seed gives
byte-identical files; authority *i* does not depend on how many authorities are asked for.

    >>> from tempfile import TemporaryDirectory
    >>> with TemporaryDirectory() as d:
    ...     synthesise(2, d, seed=1).totals["authorities"]
    2
"""
from __future__ import annotations

import json
import random
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from govgraph.synth import vocab as V
from govgraph.synth.content import make_programme
from govgraph.synth.layouts import (Authority, Written, dotted_plan, narrative_plan, numbered_plan, responses_plan,
                                    summary_plan)

MANIFEST = "manifest.json"
_SECOND = [(dotted_plan, "dotted", 40), (narrative_plan, "narrative", 35), (responses_plan, "responses", 25)]


@dataclass
class DocumentTruth:
    file: str
    layout: str
    plans: int
    recommendations: int
    actions: int
    rag: dict[str, int]


@dataclass
class AuthorityTruth:
    name: str
    authority_id: str
    documents: list[DocumentTruth] = field(default_factory=list)
    work_packages: int = 0
    projects: int = 0
    delivered_by: int = 0
    escalates_to: int = 0
    refers_to: int = 0
    depends_on: int = 0


@dataclass
class Manifest:
    seed: int
    authorities: list[AuthorityTruth]

    @property
    def totals(self) -> dict[str, Any]:
        docs = [d for a in self.authorities for d in a.documents]
        rag: Counter[str] = Counter()
        for d in docs:
            rag.update(d.rag)
        out: dict[str, Any] = {"authorities": len(self.authorities), "documents": len(docs)}
        for key in ("plans", "recommendations", "actions"):
            out[key] = sum(getattr(d, key) for d in docs)
        for key in ("work_packages", "projects", "delivered_by", "escalates_to", "refers_to", "depends_on"):
            out[key] = sum(getattr(a, key) for a in self.authorities)
        out["rag"] = dict(sorted(rag.items()))
        return out

    def to_json(self) -> str:
        data = {"seed": self.seed, "totals": self.totals, "authorities": [asdict(a) for a in self.authorities]}
        return json.dumps(data, indent=1, sort_keys=True) + "\n"


def synthesise(authorities: int, out: str | Path, *, seed: int = 0) -> Manifest:
    """Write `authorities` councils' plans into `out` (created if needed); returns what they hold."""
    from govgraph.loaders.vocab import Vocabulary
    from govgraph.model.ids import slug
    from govgraph.outputs import write_folder

    if authorities < 1:
        raise ValueError("at least one authority")
    vocab = Vocabulary.default()
    reserved = {a.casefold() for a in vocab.authorities} | {s.casefold() for s in vocab.authority_short}
    places = V.place_names(seed, authorities, reserved)
    files: dict[str, str] = {}
    manifest = Manifest(seed, [])
    for i, place in enumerate(places):
        rng = random.Random(f"{seed}:{i}")
        auth = Authority(place, f"{place[0]}SCB", rng.randint(2012, 2016), rng.choice(V.MONTHS),
                         make_programme(rng, place))
        truth = AuthorityTruth(place, slug(place))
        written: list[tuple[str, Written]] = [("numbered", numbered_plan(rng, auth))]
        fn, kind, _ = rng.choices(_SECOND, [w for _, _, w in _SECOND])[0]
        written.append((kind, fn(rng, auth)))
        if rng.random() < 0.5:
            written.append(("summary", summary_plan(rng, auth)))
        for kind, doc in written:
            name = f"{i:03d}_{slug(place)}_{kind}.txt"
            files[name] = doc.text
            truth.documents.append(DocumentTruth(name, kind, doc.plans, doc.recommendations, doc.actions,
                                                 dict(sorted(doc.rag.items()))))
            truth.delivered_by += len(doc.delivered_by)
            truth.refers_to += doc.refers_to
            truth.depends_on += doc.depends_on
        targets = {t for _, doc in written for _, t in doc.delivered_by}
        truth.work_packages = len({t for t in targets if t[2]})
        truth.projects = len({t[:2] for t in targets})
        truth.escalates_to = len(auth.escalations)
        manifest.authorities.append(truth)
    files[MANIFEST] = manifest.to_json()
    write_folder(out, files)
    return manifest


__all__ = ["synthesise", "Manifest", "AuthorityTruth", "DocumentTruth", "MANIFEST"]

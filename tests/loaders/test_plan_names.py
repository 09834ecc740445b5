"""Issue 13: which plan. Every plan has a title (never its file name) and a short label that tells two
plans apart wherever both are in view; an overlay may name plans."""
from __future__ import annotations

from pathlib import Path

import pytest

from govgraph.errors import OverlayError
from govgraph.loaders import load_documents
from govgraph.loaders.overlay import parse_overlay
from govgraph.model.graph import GovGraph

FIXTURES = Path(__file__).parent / "fixtures" / "plan_names"
CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"


def load(*names: str, overlay: str | None = None) -> GovGraph:
    return load_documents([FIXTURES / n for n in names], authority="Pellingham",
                          overlays=[FIXTURES / overlay] if overlay else None).graph


def plans(gg: GovGraph) -> dict[str, tuple[str, str]]:
    return {str(d["source_file"]): (str(d["name"]), str(d["short_name"])) for _, d in gg.nodes("Plan")}


def test_untitled_plan_is_named_from_its_dates_and_titled_plan_of_a_board_by_its_acronym() -> None:
    gg = load("untitled_2019.txt", "pcsb_plan.txt")
    assert plans(gg) == {
        # no title, no inspection date: the authority and the span of its due dates, never the file name
        "untitled_2019.txt": ("Pellingham improvement plan, actions due 2019", "Pellingham 2019 plan"),
        # a title starting with a board's acronym is that board's plan
        "pcsb_plan.txt": ("PCSB OFSTED INSPECTION 2019 – IMPROVEMENT PLAN", "PCSB plan"),
    }


def test_every_action_and_recommendation_carries_its_plans_label() -> None:
    gg = load("untitled_2019.txt", "pcsb_plan.txt")
    for label in ("Action", "Recommendation"):
        for nid, d in gg.nodes(label):
            want = "PCSB plan" if d["source_file"] == "pcsb_plan.txt" else "Pellingham 2019 plan"
            assert d.get("plan_label") == want, nid


def test_shared_labels_are_numbered_in_reading_order(tmp_path: Path) -> None:
    for n in (1, 2):
        (tmp_path / f"copy{n}.txt").write_text((FIXTURES / "untitled_2019.txt").read_text(), encoding="utf-8")
    gg = load_documents([tmp_path / "copy1.txt", tmp_path / "copy2.txt"], authority="Pellingham").graph
    assert sorted(short for _, short in plans(gg).values()) == ["Pellingham 2019 plan", "Pellingham 2019 plan (2)"]


def test_overlay_names_a_plan_by_file() -> None:
    gg = load("untitled_2019.txt", "pcsb_plan.txt", overlay="overlay.yaml")
    assert plans(gg)["untitled_2019.txt"] == ("Pellingham council improvement plan 2019", "Council plan")
    assert plans(gg)["pcsb_plan.txt"][1] == "PCSB plan"  # not named by the overlay: its own rule


def test_overlay_plan_entry_must_name_one_plan() -> None:
    with pytest.raises(OverlayError, match="exactly one of file or id"):
        parse_overlay((FIXTURES / "bad_overlay.yaml").read_text(), "bad_overlay.yaml")


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"corpus folder {CORPUS} is absent")
def test_corpus_plans_have_distinct_labels_and_no_file_hash_names() -> None:
    gg = load_documents(sorted(CORPUS.glob("*.txt"))).graph
    got = {pid: (str(d["name"]), str(d["short_name"])) for pid, d in gg.nodes("Plan")}
    assert got["001_2c5f850f182f6109/plan2"][1] == "HSCB plan"
    assert got["001_2c5f850f182f6109/plan"][1] == "Herefordshire 2014 plan"
    assert len({short for _, short in got.values()}) == len(got)
    assert not any(name.startswith(("000_", "002_")) for name, _ in got.values())

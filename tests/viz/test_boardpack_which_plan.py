"""Issue 13: a pack holding more than one plan's actions says which plan each action and recommendation is in;
a board monitoring a plan counts that plan's actions (the demo's NSCB pack)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from vizgraphs import needs_dot

from govgraph.loaders import load_documents
from govgraph.viz.boardpack import board_pack_html, build_board_pack

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "northmoor"
pytestmark = needs_dot


@pytest.fixture(scope="module")
def demo_pack():  # type: ignore[no-untyped-def]
    gg = load_documents(sorted(EXAMPLE.glob("*.txt")), overlays=[EXAMPLE / "overlay.yaml"]).graph
    return gg, build_board_pack(gg, "NSCB", with_parts=True)


def test_nscb_pack_counts_the_nscb_plans_red_actions(demo_pack) -> None:  # type: ignore[no-untyped-def]
    gg, pack = demo_pack
    plan = next(p for p, d in gg.nodes("Plan") if d.get("short_name") == "NSCB plan")
    reds = {a for r in gg.targets(plan, "HAS_RECOMMENDATION") for a in gg.sources(r, "ADDRESSES")
            if gg.node(a).get("rag") == "RED"}
    assert reds and reds <= set(pack.remit.actions())


def test_every_action_cell_names_its_plan(demo_pack) -> None:  # type: ignore[no-untyped-def]
    gg, pack = demo_pack
    page = board_pack_html(gg, pack)
    cells = re.findall(r"<b>([^<]*Action [^<]*)</b><br>", page)
    assert cells and all(" plan · Action " in c for c in cells)
    assert {c.split(" · ")[0] for c in cells} >= {"NSCB plan", "Northmoor 2025 plan"}

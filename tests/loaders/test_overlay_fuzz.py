"""Property and fuzz tests for the overlay reader: bad YAML is an OverlayError with a line, never a crash.

`read_overlay` / `parse_overlay` either return a valid `Overlay` or raise `OverlayError`; an overlay
that reads may still be refused by `apply_overlay` (another authority's, or a name that cannot be
a board), again only with `OverlayError`; whatever applies, the registry then writes a graph that
saves and reloads, with every node and edge the overlay added citing the overlay and a line in it.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from govgraph.errors import OverlayError
from govgraph.loaders import load_documents
from govgraph.loaders.entities import AuthorityEntities
from govgraph.loaders.overlay import Overlay, apply_overlay, parse_overlay, read_overlay
from govgraph.loaders.vocab import Vocabulary
from govgraph.model.graph import GovGraph

FIX = Path(__file__).parent / "fixtures"
VALID = (FIX / "overlay" / "valid.yaml").read_text(encoding="utf-8")
VOCAB = Vocabulary.default()
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

NAMES = ["Northmoor Safeguarding Children Board", "NSCB", "NSCB Executive", "QA Sub Group", "Chief Executive",
         "Independent Chair", "Chair of QA Sub Group", "Director of Children's Services", "DCS", "Cabinet",
         "Head of Fieldwork", "Board", "Chair", "framework", "the", "", " ", "X", "Assistant Director, Safeguarding",
         "Chair of Chair", "Northmoor", "[x]", "{y}", "#", "&", "'", "123", "Ünïcode Panel", "a" * 300]
KEYS = ["name", "kind", "aliases", "chair", "part_of", "reports_to", "escalates_to", "holders", "extra"]

scalars = st.one_of(st.sampled_from(NAMES), st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                    st.text(max_size=30))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                        st.dictionaries(st.sampled_from(KEYS), inner, max_size=3)),
                      max_leaves=8)
entries = st.dictionaries(st.sampled_from(KEYS), st.one_of(st.sampled_from(NAMES), st.lists(st.sampled_from(NAMES),
                                                                                           max_size=3), values),
                          max_size=6)
documents = st.fixed_dictionaries(
    {"authority": st.one_of(st.just("Northmoor"), scalars)},
    optional={"boards": st.one_of(st.lists(entries, max_size=5), values),
              "roles": st.one_of(st.lists(entries, max_size=4), values),
              "other": values})


def apply_and_build(overlay: Overlay) -> GovGraph | None:
    """Apply to a fresh Northmoor registry and write the graph; None if the overlay was refused."""
    reg = AuthorityEntities("northmoor", "Northmoor", VOCAB)
    try:
        apply_overlay(overlay, reg, "ov.yaml")
    except OverlayError as exc:
        assert exc.source_file == "ov.yaml"
        return None
    g = GovGraph()
    reg.finalise(g)
    return g


def check(text: str) -> GovGraph | None:
    try:
        overlay = parse_overlay(text, "ov.yaml", VOCAB)
    except OverlayError as exc:
        assert str(exc).startswith("ov.yaml")
        lines = text.count("\n") + 1
        assert exc.line is None or 1 <= exc.line <= lines, (exc.line, lines)
        return None
    g = apply_and_build(overlay)
    if g is not None:
        n_lines = text.count("\n") + 1
        for _, d in g.nodes():
            assert d["source_file"] == "ov.yaml" and 1 <= (d["source_line"] or 0) <= n_lines, d
        for _, _, d in g.edges():
            assert d["source_file"] == "ov.yaml" and 1 <= (d["source_line"] or 0) <= n_lines, d
        assert GovGraph.from_data(g.to_data()).to_json() == g.to_json()
    return g


def test_valid_fixture_still_builds() -> None:
    g = check(VALID)
    assert g is not None and len(list(g.nodes("Board"))) >= 4


@FAST
@given(doc=documents)
def test_structured_overlays(doc: dict[str, Any]) -> None:
    check(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False))


@FAST
@given(text=st.text(max_size=600))
@example(text="authority: [")
@example(text="- a\n- b")
@example(text="authority: Northmoor\nboards:\n  - name: X Board\n    part_of: X Board\n")
@example(text="authority: Northmoor\nauthority: Northmoor\n")
@example(text="&a [*a]")
@example(text="authority: !!python/object:os.system ls")
def test_arbitrary_text(text: str) -> None:
    check(text)


@FAST
@given(spots=st.lists(st.tuples(st.integers(min_value=0), st.sampled_from(
    list(":-[]{}#&*!|>'\"\t\n ,?%@`") + ["\x00", "\ufeff", "\x85", "  - ", "\n  ", ": ", "\u2028"])),
    min_size=1, max_size=10))
def test_damaged_valid_overlay(spots: list[tuple[int, str]]) -> None:
    text = list(VALID)
    for pos, junk in spots:
        text.insert(pos % (len(text) + 1), junk)
    check("".join(text))


@FAST
@given(cut=st.integers(min_value=0, max_value=10_000))
def test_truncated_overlay(cut: int) -> None:
    check(VALID[: cut % (len(VALID) + 1)])


@FAST
@given(data=st.binary(max_size=800))
def test_binary_file(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "ov.yaml"
    path.write_bytes(data)
    try:
        read_overlay(path, VOCAB)
    except OverlayError as exc:
        assert str(path) in str(exc)


def test_huge_names_and_many_entries() -> None:
    boards = [{"name": f"Panel {i} " + "Word " * 200 + "Board", "reports_to": ["Cabinet"]} for i in range(200)]
    g = check(yaml.safe_dump({"authority": "Northmoor", "boards": boards}))
    assert g is not None and len(list(g.nodes("Board"))) >= 200


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "cp1252", "crlf"])
def test_encodings_and_line_ends(tmp_path: Path, encoding: str) -> None:
    """Notepad saves UTF-16 with a BOM or cp1252: the overlay reads the same, lines and all."""
    text = VALID.replace("Children's", "Children\u2019s")
    path = tmp_path / "ov.yaml"
    path.write_bytes(text.replace("\n", "\r\n").encode() if encoding == "crlf" else text.encode(encoding))
    ov = read_overlay(path, VOCAB)
    ref = parse_overlay(text, str(path), VOCAB)
    assert ov.model_dump() == ref.model_dump()
    assert ov.line_of("roles", 0, "escalates_to", 1) == ref.line_of("roles", 0, "escalates_to", 1) == 33


def test_overlay_applies_over_fuzz_fixture_plans(tmp_path: Path) -> None:
    """An overlay for an authority with plans: the overlay's lines and the plans' lines both cite their file."""
    plan = FIX / "fuzz" / "numbered_table.txt"
    overlay = tmp_path / "ov.yaml"
    overlay.write_text("authority: Brackenford\nboards:\n  - name: BSCB Executive\n    kind: executive\n"
                       "    escalates_to: [Independent Chair of the BSCB]\n", encoding="utf-8")
    result = load_documents([plan], overlays=[overlay])
    g = result.graph
    esc = [(s, t, d) for s, t, d in g.edges("ESCALATES_TO") if d["source_file"] == "ov.yaml"]
    assert len(esc) == 1 and esc[0][2]["source_line"] == 5
    result.graph.save(tmp_path / "g.json")
    assert GovGraph.load(tmp_path / "g.json").to_json() == g.to_json()


def test_regression_issue_6_error_lines_count_newlines_only() -> None:
    """YAML also breaks lines at U+2028 and NEL; a pasted U+2028 pushed error lines past the file's end."""
    text = "authority: Northmoor\u2028\nboards:\n  - name: [unclosed\n"
    with pytest.raises(OverlayError) as exc:
        parse_overlay(text, "ov.yaml", VOCAB)
    assert exc.value.line is not None and exc.value.line <= 4
    ok = parse_overlay("authority: Northmoor\u2028\nroles:\n  - name: Head of Fieldwork\n", "ov.yaml", VOCAB)
    assert ok.line_of("roles", 0, "name") == 3

"""Governance overlays: reading, validation messages (with lines), applying to a registry, the schema."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from govgraph.errors import OverlayError
from govgraph.loaders.entities import AuthorityEntities
from govgraph.loaders.overlay import (
    SCHEMA_PATH,
    apply_overlay,
    overlay_json_schema,
    parse_overlay,
    read_overlay,
)
from govgraph.loaders.vocab import Vocabulary
from govgraph.model.graph import GovGraph

FIXTURES = Path(__file__).parent / "fixtures" / "overlay"
REPO = Path(__file__).resolve().parents[2]
HINT = "Fix the overlay file; `govgraph overlay-schema` prints its JSON Schema."


def registry() -> AuthorityEntities:
    return AuthorityEntities("northmoor", "Northmoor", Vocabulary.default())


def build(path: Path, source_file: str = "valid.yaml", reg: AuthorityEntities | None = None) -> GovGraph:
    reg = reg or registry()
    apply_overlay(read_overlay(path), reg, source_file)
    graph = GovGraph()
    reg.finalise(graph)
    return graph


def edge(graph: GovGraph, source: str, rel: str, target: str) -> dict:
    assert graph.g.has_edge(source, target, key=rel), f"no {source} -[{rel}]-> {target}"
    return graph.g.edges[source, target, rel]


N = "northmoor/"


# ---- a valid overlay -----------------------------------------------------------------------------
def test_boards_and_roles_become_nodes_citing_the_overlay_line() -> None:
    g = build(FIXTURES / "valid.yaml")
    scb = g.node(N + "board/northmoor-safeguarding-children-board")
    assert scb["label"] == "Board" and scb["kind"] == "board"
    assert scb["name"] == "Northmoor Safeguarding Children Board"
    assert "NSCB" in scb["aliases"]
    assert (scb["source_file"], scb["source_line"]) == ("valid.yaml", 4)

    execu = g.node(N + "board/nscb-executive")
    assert execu["kind"] == "executive"
    assert execu["aliases"] == ["NSCB Steering Group"]
    assert (execu["source_file"], execu["source_line"]) == ("valid.yaml", 8)

    qa = g.node(N + "board/nscb-quality-assurance-sub-group")
    assert qa["kind"] == "sub_group" and qa["aliases"] == ["QA Sub Group"]
    assert qa["source_line"] == 13

    dcs = g.node(N + "role/director-of-children-s-services")
    assert dcs["label"] == "Role"
    assert dcs["aliases"] == ["Director for Children's Wellbeing"]
    assert dcs["holders"] == ["AB"]
    assert (dcs["source_file"], dcs["source_line"]) == ("valid.yaml", 27)

    for nid, data in g.nodes():
        assert data["source_file"] == "valid.yaml", nid
        assert data["sources"] == ["valid.yaml"], nid
        assert data["authority"] == "northmoor"


def test_reporting_escalation_and_part_of_edges_cite_the_line_of_the_reference() -> None:
    g = build(FIXTURES / "valid.yaml")
    e = edge(g, N + "board/nscb-quality-assurance-sub-group", "REPORTS_TO", N + "board/nscb-executive")
    assert (e["source_file"], e["source_line"]) == ("valid.yaml", 18)
    assert e["quote"] == "NSCB Quality Assurance Sub Group: reports_to: NSCB Executive"

    e = edge(g, N + "role/director-of-children-s-services", "ESCALATES_TO", N + "board/northmoor-improvement-board")
    assert e["source_line"] == 33  # the second item of a block list
    e = edge(g, N + "role/director-of-children-s-services", "ESCALATES_TO", N + "role/chief-executive")
    assert e["source_line"] == 32
    e = edge(g, N + "board/northmoor-safeguarding-children-board", "REPORTS_TO", N + "role/chief-executive")
    assert e["source_line"] == 7

    e = edge(g, N + "board/nscb-executive", "PART_OF", N + "board/northmoor-safeguarding-children-board")
    assert e["source_file"] == "valid.yaml"
    edge(g, N + "board/nscb-quality-assurance-sub-group", "PART_OF", N + "board/northmoor-safeguarding-children-board")
    for s, t, data in g.edges():
        assert data["source_file"] == "valid.yaml" and isinstance(data["source_line"], int), (s, t)


def test_chairs() -> None:
    g = build(FIXTURES / "valid.yaml")
    # a bare 'Independent Chair' is read as the chair of the board it is declared on
    e = edge(g, N + "role/independent-chair-of-northmoor-safeguarding-children-board", "CHAIRS",
             N + "board/northmoor-safeguarding-children-board")
    assert e["source_line"] == 6
    edge(g, N + "role/chair-of-qa-sub-group", "CHAIRS", N + "board/nscb-quality-assurance-sub-group")
    # 'Chair of Policy and Procedures' names the board it chairs without its head noun: one board, not two
    edge(g, N + "role/chair-of-policy-and-procedures", "CHAIRS", N + "board/nscb-policy-and-procedures-sub-group")
    pp = g.node(N + "board/nscb-policy-and-procedures-sub-group")
    assert "Policy and Procedures" in pp["aliases"]
    assert len(g.ids("Board")) == 6


def test_undeclared_names_become_nodes() -> None:
    g = build(FIXTURES / "valid.yaml")
    assert g.node(N + "board/cabinet")["kind"] == "executive"
    assert g.node(N + "role/chief-executive")["label"] == "Role"
    e = edge(g, N + "board/northmoor-improvement-board", "REPORTS_TO", N + "board/cabinet")
    assert e["source_line"] == 25


def test_overlay_names_merge_with_document_mentions() -> None:
    reg = registry()
    qa = reg.board("QA Sub Group", ("plan.txt", 12))
    chair = reg.role("Chair of the QA Sub Group", ("plan.txt", 13))
    dcs = reg.role("Director for Children's Wellbeing", ("plan.txt", 14))
    exe = reg.board("LSCB Steering Group", ("plan.txt", 15))  # LSCB: the authority's own board
    assert qa and chair and dcs and exe
    apply_overlay(read_overlay(FIXTURES / "valid.yaml"), reg, "valid.yaml")
    g = GovGraph()
    ids = reg.finalise(g)
    assert ids[qa] == N + "board/nscb-quality-assurance-sub-group"
    assert ids[dcs] == N + "role/director-of-children-s-services"
    assert ids[exe] == N + "board/nscb-executive"
    assert g.node(ids[qa])["sources"] == ["plan.txt", "valid.yaml"]
    assert g.node(ids[dcs])["name"] == "Director of Children's Services"  # the overlay's name is preferred
    edge(g, ids[chair], "CHAIRS", ids[qa])


def test_apply_returns_the_handles_of_declared_names() -> None:
    reg = registry()
    refs = apply_overlay(read_overlay(FIXTURES / "valid.yaml"), reg, "valid.yaml")
    assert refs["NSCB"] == refs["Northmoor Safeguarding Children Board"] == reg.scb
    assert refs["QA Sub Group"] == refs["NSCB Quality Assurance Sub Group"]


def test_source_file_defaults_to_the_path_read() -> None:
    reg = registry()
    overlay = read_overlay(FIXTURES / "valid.yaml")
    apply_overlay(overlay, reg)
    g = GovGraph()
    reg.finalise(g)
    assert g.node(N + "board/nscb-executive")["source_file"] == str(FIXTURES / "valid.yaml")


def test_bundled_example_overlay_applies() -> None:
    g = build(REPO / "examples" / "northmoor" / "overlay.yaml", "overlay.yaml")
    assert len(g.ids("Board")) == 12
    edge(g, N + "role/independent-chair-of-nscb", "ESCALATES_TO", N + "role/director-of-children-s-services")
    edge(g, N + "board/nscb-exploitation-and-missing-sub-group", "REPORTS_TO", N + "board/nscb-executive")
    ad = g.node(N + "role/assistant-director-safeguarding-and-early-help")
    assert ad["holders"] == ["AB"]


# ---- errors ----------------------------------------------------------------------------------------
def message(name: str) -> str:
    path = FIXTURES / name
    with pytest.raises(OverlayError) as info:
        read_overlay(path)
    text = str(info.value)
    prefix = f"{path}:"
    assert text.startswith(prefix), text
    assert info.value.user_message() == f"{text}\n  {HINT}"
    return text[len(prefix):]


@pytest.mark.parametrize(("fixture", "expected"), [
    ("invalid_yaml.yaml",
     "5: invalid YAML: expected ',' or ']', but got ':' (while parsing a flow sequence started on line 4)"),
    ("wrong_type.yaml", "4: boards[0].aliases: expected a list, got text ('NSCB')"),
    ("unknown_key.yaml",
     "7: boards[1]: unknown key 'chiar' (allowed: name, kind, aliases, chair, part_of, reports_to, escalates_to)"),
    ("unknown_kind.yaml",
     "4: boards[0].kind: unknown kind 'subgroup' "
     "(one of: board, sub_group, executive, committee, panel, programme_board, team)"),
    ("empty_name.yaml", "6: roles[0].reports_to[1]: empty name"),
    ("implausible_reference.yaml",
     "5: boards[0].reports_to[0]: 'Business Plan' is not declared in this overlay and does not look like "
     "a board or a post; declare it under 'boards:' or 'roles:'"),
    ("declared_twice.yaml", "8: boards[1].aliases[0]: 'exec' is already declared in boards[0] ('NSCB Executive')"),
    ("part_of_cycle.yaml",
     "4: boards[0].part_of: boards are part of each other "
     "(Northmoor Improvement Board -> NIPP Programme Board -> Northmoor Improvement Board)"),
    ("chair_is_board.yaml",
     "7: boards[1].chair: 'NSCB Executive' is a board; 'chair' must name a post "
     "(e.g. 'Chair of NSCB Quality Assurance Sub Group')"),
    ("duplicate_key.yaml", "5: boards[0]: duplicate key 'name'"),
    ("not_a_mapping.yaml", "1: the top level must be a mapping with the keys 'authority', 'boards' and 'roles'"),
])
def test_error_messages_name_the_line(fixture: str, expected: str) -> None:
    assert message(fixture) == expected


def test_every_problem_is_reported_each_with_its_line() -> None:
    path = FIXTURES / "several_errors.yaml"
    assert message("several_errors.yaml") == (
        "4: boards[0].kind: unknown kind 'exec' "
        "(one of: board, sub_group, executive, committee, panel, programme_board, team)\n"
        f"  {path}:5: boards[1].name: empty name\n"
        f"  {path}:9: roles[0]: unknown key 'reports' (allowed: name, aliases, holders, reports_to, escalates_to)")


def test_missing_keys_point_at_the_enclosing_entry() -> None:
    path = FIXTURES / "missing_authority.yaml"
    assert message("missing_authority.yaml") == (
        "1: top level: missing required key 'authority'\n"
        f"  {path}:2: boards[0]: missing required key 'name'")


def test_missing_file() -> None:
    with pytest.raises(OverlayError) as info:
        read_overlay(FIXTURES / "no_such_overlay.yaml")
    assert str(info.value) == f"{FIXTURES / 'no_such_overlay.yaml'}: overlay file not found"
    assert info.value.line is None


def test_empty_file() -> None:
    with pytest.raises(OverlayError, match=r"^o\.yaml: the overlay is empty; it needs at least 'authority:'$"):
        parse_overlay("# nothing yet\n", "o.yaml")


def test_error_carries_file_and_line_attributes() -> None:
    with pytest.raises(OverlayError) as info:
        read_overlay(FIXTURES / "unknown_kind.yaml")
    assert info.value.source_file == str(FIXTURES / "unknown_kind.yaml")
    assert info.value.line == 4


def test_wrong_scalar_types() -> None:
    with pytest.raises(OverlayError) as info:
        parse_overlay("authority: 42\nroles:\n  - name: yes\n", "o.yaml")
    assert str(info.value) == ("o.yaml:1: authority: expected text, got a number (42)\n"
                               "  o.yaml:3: roles[0].name: expected text, got a yes/no value (true)")


def test_role_holders_must_be_initials() -> None:
    with pytest.raises(OverlayError) as info:
        parse_overlay("authority: Northmoor\nroles:\n  - name: Head of Fieldwork\n    holders: [ab]\n", "o.yaml")
    assert str(info.value) == ("o.yaml:4: roles[0].holders[0]: 'ab' is not initials "
                               "(1 to 4 capital letters, e.g. 'AB')")


def test_part_of_must_name_a_board() -> None:
    text = ("authority: Northmoor\nboards:\n  - name: QA Sub Group\n    kind: sub_group\n"
            "    part_of: Director of Children's Services\n")
    with pytest.raises(OverlayError) as info:
        parse_overlay(text, "o.yaml")
    assert str(info.value) == ("o.yaml:5: boards[0].part_of: 'Director of Children's Services' is a post; "
                               "'part_of' must name a board")


def test_a_board_cannot_report_to_itself() -> None:
    text = "authority: Northmoor\nboards:\n  - name: NSCB Executive\n    aliases: [Exec]\n    reports_to: [Exec]\n"
    with pytest.raises(OverlayError) as info:
        parse_overlay(text, "o.yaml")
    assert str(info.value) == "o.yaml:5: boards[0].reports_to[0]: 'Exec' is this entry itself"


def test_overlay_for_another_authority_is_refused() -> None:
    overlay = read_overlay(FIXTURES / "other_authority.yaml")
    with pytest.raises(OverlayError) as info:
        apply_overlay(overlay, registry(), "other_authority.yaml")
    assert str(info.value) == "other_authority.yaml:1: the overlay is for Southdale, but these plans are Northmoor's"


# ---- schema ----------------------------------------------------------------------------------------
def test_committed_schema_is_up_to_date() -> None:
    committed = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    assert committed == overlay_json_schema(), (
        "govgraph/schema/overlay.schema.json is stale; run "
        "`.venv/bin/python -m govgraph.loaders.overlay --write-schema`")


def test_schema_forbids_unknown_keys_and_lists_kinds() -> None:
    schema = overlay_json_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["required"] == ["authority"]
    assert schema["additionalProperties"] is False
    board = schema["$defs"]["BoardEntry"]
    assert board["additionalProperties"] is False
    assert board["properties"]["kind"]["enum"] == [
        "board", "sub_group", "executive", "committee", "panel", "programme_board", "team"]


def test_overlay_schema_command_prints_the_schema() -> None:
    from typer.testing import CliRunner

    from govgraph.cli import overlay_cmd  # noqa: F401  (registers the command)
    from govgraph.cli.app import app

    result = CliRunner().invoke(app, ["overlay-schema"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output) == overlay_json_schema()


def test_declared_kind_wins_over_a_kind_guessed_from_a_document() -> None:
    reg = registry()
    cslt = reg.board("Children's Services Leadership Team", ("plan.txt", 3))  # 'leadership team': executive
    assert cslt and reg.kind_of(cslt) == "executive"
    overlay = parse_overlay("authority: Northmoor\nboards:\n  - name: Children's Services Leadership Team\n"
                            "    kind: team\n", "o.yaml")
    apply_overlay(overlay, reg)
    assert reg.kind_of(cslt) == "team"

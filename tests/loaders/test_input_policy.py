"""Issue 17 (1): one input policy for plans, overlays and vocabularies.

Regular files only and a size limit per kind (refused before a byte is read), YAML without alias bombs or
deep recursion, a schema check for vocabulary files with file and line, and ZIP containers checked for
decompression bombs from their directory. Hostile inputs run in a child process under memory and CPU
limits, so a regression fails the test instead of exhausting the machine.
"""
from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from govgraph.errors import ContainerBomb, InputFileError, OverlayError, VocabularyError
from govgraph.inputs import MAX_YAML_DEPTH
from govgraph.loaders.overlay import read_overlay
from govgraph.loaders.readers import read_document
from govgraph.loaders.readers.zipcheck import MAX_MEMBERS, bomb_problem, check_zip
from govgraph.loaders.vocab import Vocabulary

FIXTURES = Path(__file__).parent / "fixtures" / "input_policy"
FORMATS = Path(__file__).parent / "fixtures" / "formats"
ROOT = Path(__file__).parents[2]
MIB = 2**20

# ---- hostile inputs, in a child process with bounded memory and CPU -----------------------------------
_CHILD = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (768 * 2**20, 768 * 2**20))
resource.setrlimit(resource.RLIMIT_CPU, (60, 60))
from govgraph.errors import GovgraphError
kind, path = sys.argv[1], sys.argv[2]
try:
    if kind == "overlay":
        from govgraph.loaders.overlay import read_overlay
        read_overlay(path)
    elif kind == "vocabulary":
        from govgraph.loaders.vocab import Vocabulary
        Vocabulary.with_user_file(path)
    else:
        from pathlib import Path
        from govgraph.loaders.readers import read_document
        read_document(Path(path))
except GovgraphError as exc:
    print("REFUSED", type(exc).__name__, exc)
else:
    print("ACCEPTED")
"""


def run_guarded(kind: str, path: Path | str) -> str:
    """The child's one-line verdict; a crash (memory, CPU, traceback) fails with its stderr."""
    proc = subprocess.run([sys.executable, "-c", _CHILD, kind, str(path)], capture_output=True, text=True,
                          timeout=300, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc.stdout.strip()


def _deep_block(depth: int) -> str:
    return "".join(f"{'  ' * i}k{i}:\n" for i in range(depth)) + f"{'  ' * depth}- x\n"


HOSTILE_YAML = [  # (name, text, line of the refusal, words in the message)
    ("billion laughs", (FIXTURES / "laughs.yaml").read_text(encoding="utf-8"), 1, "anchors (&a)"),
    ("recursive alias", "a: &a [*a]\n", 1, "anchors (&a)"),
    ("alias of an undefined anchor", "authority: x\nboards: *nowhere\n", 2, "aliases (*nowhere)"),
    ("5,000-deep flow nesting", "[" * 5000 + "]" * 5000 + "\n", 1, f"more than {MAX_YAML_DEPTH} levels"),
    ("300-deep block nesting", _deep_block(300), MAX_YAML_DEPTH + 1, f"more than {MAX_YAML_DEPTH} levels"),
]


@pytest.mark.parametrize("kind", ["overlay", "vocabulary"])
@pytest.mark.parametrize("name,text,line,words", HOSTILE_YAML, ids=[c[0] for c in HOSTILE_YAML])
def test_yaml_bombs_stop_at_once_with_file_and_line(tmp_path: Path, kind: str, name: str, text: str, line: int,
                                                   words: str) -> None:
    path = tmp_path / "hostile.yaml"
    path.write_text(text, encoding="utf-8")
    verdict = run_guarded(kind, path)
    assert verdict.startswith("REFUSED"), verdict
    assert f"{path}:{line}: invalid YAML: " in verdict and words in verdict


@pytest.mark.parametrize("kind", ["plan", "overlay", "vocabulary"])
@pytest.mark.parametrize("special", ["fifo", "/dev/zero", "folder"])
def test_non_regular_files_are_refused_without_reading(tmp_path: Path, kind: str, special: str) -> None:
    if special == "fifo":
        path: Path | str = tmp_path / "pipe.yaml"
        os.mkfifo(path)  # nobody writes: reading it would block for ever
    elif special == "folder":
        path = tmp_path
    else:
        path = special
    verdict = run_guarded(kind, path)
    if special == "folder" and kind == "plan":
        assert "is a directory" in verdict  # the loader's existing wording
    else:
        what = {"fifo": "a FIFO", "/dev/zero": "a character device", "folder": "a folder"}[special]
        assert f"{path}: is {what}" in verdict and "not a regular file" in verdict, verdict


KINDS = [  # (kind, environment variable, a small real file of that kind)
    ("plan", "GOVGRAPH_MAX_PLAN_MB", Path("examples/northmoor/northmoor_nscb_plan_2025.txt")),
    ("overlay", "GOVGRAPH_MAX_OVERLAY_MB", Path("examples/northmoor/overlay.yaml")),
    ("vocabulary", "GOVGRAPH_MAX_VOCAB_MB", FIXTURES / "good_vocab.yaml"),
]


@pytest.mark.parametrize("kind,env,path", KINDS, ids=[k[0] for k in KINDS])
def test_size_limit_per_kind_and_its_variable(monkeypatch: pytest.MonkeyPatch, kind: str, env: str,
                                               path: Path) -> None:
    path = ROOT / path
    read = {"plan": lambda: read_document(path), "overlay": lambda: read_overlay(path),
            "vocabulary": lambda: Vocabulary.with_user_file(path)}[kind]
    limit = path.stat().st_size / MIB / 2
    monkeypatch.setenv(env, f"{limit:.9f}")
    too_large = rf"over the [\d.]+ \w+ limit for \w+ \(set {env} or pass `--max-size \w+=SIZE` to raise it\)"
    with pytest.raises((InputFileError, OverlayError, VocabularyError), match=too_large):
        read()
    monkeypatch.setenv(env, f"{limit * 4:.9f}")
    read()  # raised: read again


LOAD = [ROOT / "examples/northmoor/northmoor_nscb_plan_2025.txt", "--overlay", ROOT / "examples/northmoor/overlay.yaml",
        "--vocab", FIXTURES / "good_vocab.yaml"]


@pytest.mark.parametrize("kind,env,path", KINDS, ids=[k[0] for k in KINDS])
def test_max_size_flag_wins_over_the_variable_for_one_load(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str,
                                                            env: str, path: Path) -> None:
    """`load --max-size KIND=SIZE` raises a limit the variable set too low, and lowers one it set high; the
    limit is back to the variable's after the load."""
    from typer.testing import CliRunner

    from govgraph.cli.app import app
    from govgraph.inputs import KINDS as NAMES
    from govgraph.inputs import max_bytes

    runner = CliRunner()
    size = (ROOT / path).stat().st_size
    args = ["load", *map(str, LOAD), "--out", str(tmp_path / "g.json")]
    monkeypatch.setenv(env, f"{size / MIB / 2:.9f}")
    refused = runner.invoke(app, args)
    assert refused.exit_code == 1 and f"set {env} or pass `--max-size" in str(refused.exception)
    ok = runner.invoke(app, [*args, "--max-size", f"{kind}={size * 2}B"])
    assert ok.exit_code == 0, ok.exception
    assert max_bytes(NAMES[kind]) < size  # the flag held for that load only
    monkeypatch.setenv(env, "1000")
    lowered = runner.invoke(app, [*args, "--max-size", f"{kind}={size // 2}b"])
    assert lowered.exit_code == 1 and "limit for" in str(lowered.exception)


def test_max_size_before_any_command_raises_the_graph_file_limit(tmp_path: Path) -> None:
    """`govgraph --max-size graphs=SIZE COMMAND` reads a graph file over GOVGRAPH_MAX_GRAPH_MB, or refuses one under
    a limit set lower, for that run."""
    import subprocess
    import sys

    from govgraph.loaders import load_documents

    graph = tmp_path / "g.json"
    load_documents([ROOT / "examples/northmoor/northmoor_nscb_plan_2025.txt"]).graph.save(graph)
    size = graph.stat().st_size

    def stats(*flags: str, env_mb: str) -> subprocess.CompletedProcess[str]:
        env = {**__import__("os").environ, "GOVGRAPH_MAX_GRAPH_MB": env_mb}
        return subprocess.run([sys.executable, "-c", "from govgraph.cli.app import main; main()", *flags, "stats",
                               "--graph", str(graph)],
                              capture_output=True, text=True, env=env, timeout=120)

    low = f"{size / MIB / 2:.9f}"
    assert stats(env_mb=low).returncode == 1
    raised = stats("--max-size", f"graphs={size * 2}B", env_mb=low)
    assert raised.returncode == 0, raised.stderr
    lowered = stats("--max-size", f"graph={size // 2}B", env_mb="1000")
    assert lowered.returncode == 1 and "--max-size graphs=SIZE" in lowered.stderr and "Traceback" not in lowered.stderr


@pytest.mark.parametrize("spec", ["plans", "pdfs=5MB", "plans=0", "plans=-3", "plans=5 parsecs", "plans=1e3"])
def test_a_bad_max_size_is_a_usage_error(tmp_path: Path, spec: str) -> None:
    from typer.testing import CliRunner

    from govgraph.cli.app import app

    res = CliRunner().invoke(app, ["load", str(LOAD[0]), "--max-size", spec, "--out", str(tmp_path / "g.json")])
    assert res.exit_code == 2 and "--max-size" in res.output and not (tmp_path / "g.json").exists()


@pytest.mark.parametrize(("spec", "size"), [("plans=500MB", 500 * MIB), ("Overlays=64", 64 * MIB),
                                            ("vocab = 1.5 GiB", 3 * 2**29), ("plans=10k", 10240), ("plans=7b", 7)])
def test_max_size_values(spec: str, size: int) -> None:
    from govgraph.inputs import parse_max_size

    assert parse_max_size(spec)[1] == size


# ---- vocabulary files -----------------------------------------------------------------------------
VOCAB_CASES = [  # (name, text, line, words in the message)
    ("wrong type for a map", "columns: 5\n", 1, "columns: expected a mapping of keys, got a number (5)"),
    ("empty value", "# x\nboard_heads: null\n", 2, "board_heads: expected a mapping of keys, got nothing"),
    ("bad regex", "lead_separators: [\"(\"]\n", 1, "lead_separators[0]: '(' is not a valid regular expression"),
    ("unknown key", "columns:\n  lead: [a]\ncolums: {}\n", 3, "top level: unknown key 'colums'"),
    ("unknown nested key", "plan_dates:\n  gap_word: 4\n", 2, "plan_dates: unknown key 'gap_word'"),
    ("number as a word", "not_boards: [panel, 7]\n", 1, "not_boards[1]: expected text, got a number (7)"),
    ("text as a number", "rag_progress_context:\n  window: six\n", 2, "window: expected a whole number"),
    ("list as the file", "- a\n- b\n", 1, "top level: expected a mapping of keys, got a list"),
    ("graph JSON", '{"directed": true, "multigraph": true, "nodes": [], "links": []}', 1, "is a graph file"),
    ("syntax error", "columns: [\n", 2, "invalid YAML"),
]


@pytest.mark.parametrize("name,text,line,words", VOCAB_CASES, ids=[c[0] for c in VOCAB_CASES])
def test_vocabulary_problems_name_file_and_line(tmp_path: Path, name: str, text: str, line: int,
                                                words: str) -> None:
    path = tmp_path / "vocab.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(VocabularyError) as info:
        Vocabulary.with_user_file(path)
    assert str(info.value).startswith(f"{path}:{line}: ") and words in str(info.value), str(info.value)


def test_every_problem_in_a_vocabulary_is_listed_first_line_first() -> None:
    with pytest.raises(VocabularyError) as info:
        Vocabulary.with_user_file(FIXTURES / "bad_vocab.yaml")
    lines = [int(part.split(":")[1]) for part in str(info.value).split("\n")]
    assert lines == [2, 3, 4, 5]


@pytest.mark.parametrize("encoding,bom", [("utf-8", b""), ("cp1252", b""), ("utf-16", b""),
                                          ("utf-8", b"\xef\xbb\xbf")])
def test_vocabulary_decoded_as_plans_are(tmp_path: Path, encoding: str, bom: bytes) -> None:
    path = tmp_path / "vocab.yaml"
    path.write_bytes(bom + "columns:\n  lead: [\"Responsable d'équipe\"]\n".encode(encoding))
    assert "responsable d'équipe" in [w.casefold() for w in Vocabulary.with_user_file(path).columns["lead"]]


def test_a_good_vocabulary_merges_and_the_default_fits_the_schema() -> None:
    vocab = Vocabulary.with_user_file(FIXTURES / "good_vocab.yaml")
    assert "Responsible Officer" in vocab.columns["lead"]
    assert vocab.rag_progress_context.window == 5
    assert len(vocab.columns["lead"]) > 1  # merged with the default, not replacing it


# ---- ZIP containers -------------------------------------------------------------------------------
LIMIT = 200 * MIB
ZIP_CASES = [  # (name, members as (name, inflated, deflated), words in the problem or None)
    ("ordinary document", [("word/document.xml", 3 * MIB, 300_000), ("word/styles.xml", 60_000, 500)], None),
    ("small part that compresses very well", [("xl/sharedStrings.xml", 900_000, 900)], None),
    ("deflated zeros", [("word/document.xml", 2 * MIB, 2_040)], "inflates 1,028 times"),
    ("stored part claiming a huge size", [("word/document.xml", 5 * MIB, 0)], "a decompression bomb"),
    ("too large in total", [(f"xl/worksheets/sheet{i}.xml", 60 * MIB, 6 * MIB) for i in range(4)],
     "inflate to 240 MiB, over the 200 MiB limit"),
    ("too many parts", [(f"p{i}", 10, 10) for i in range(MAX_MEMBERS + 1)], "10,001 parts"),
]


@pytest.mark.parametrize("name,members,words", ZIP_CASES, ids=[c[0] for c in ZIP_CASES])
def test_zip_directory_checks(name: str, members: list[tuple[str, int, int]], words: str | None) -> None:
    problem = bomb_problem(members, LIMIT)
    assert (problem is None) if words is None else (problem is not None and words in problem), problem


@pytest.mark.parametrize("member,kind", [("word/document.xml", "Word"), ("xl/workbook.xml", "Excel")])
def test_decompression_bomb_refused_before_parsing(tmp_path: Path, member: str, kind: str) -> None:
    path = tmp_path / ("bomb.docx" if kind == "Word" else "bomb.xlsx")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(member, b"<x/>")
        z.writestr("filler.xml", b"\0" * (8 * MIB))
    with pytest.raises(ContainerBomb, match=rf"is not a plausible {kind} file: part 'filler.xml' inflates"):
        read_document(path)


@pytest.mark.parametrize("path", sorted(FORMATS.glob("*.docx")) + sorted((ROOT / "examples/northmoor/formats")
                                                                         .glob("*.xlsx")), ids=lambda p: p.name)
def test_real_containers_pass(path: Path) -> None:
    check_zip(path, "Word")  # raises on a false alarm

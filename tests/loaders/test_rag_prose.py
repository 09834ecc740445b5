"""Issue 13 item 2: a status read from progress prose reads negation, tense and hedging as a person does.

Plans with no RAG column get their status from the progress text (`read_progress`); the words that
decided it are kept on the action as `rag_basis`.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govgraph.errors import GovgraphError
from govgraph.loaders import load_documents
from govgraph.loaders.rag import clauses, read_progress, says_complete
from govgraph.loaders.vocab import Vocabulary
from govgraph.model.nodes import Rag

V = Vocabulary.default()
FIX = Path(__file__).parent / "fixtures" / "rag_prose"
CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"

# (progress text, status, the words that decided it); the comment says why.
PHRASES = [
    # completion, and the words that undo it
    ("Completed.", "BLUE", "Completed"),                                    # unchanged: a bare report
    ("This recommendation has been fully actioned.", "BLUE", "has been fully actioned"),  # unchanged (000)
    ("Status: Complete", "BLUE", "Complete"),                              # a label, then the word
    ("Work is complete and embedded.", "BLUE", "is complete"),
    ("The new policy has been implemented.", "BLUE", "has been implemented"),
    ("Completed – draft prepared; further work in place to finalise.", "BLUE", "Completed"),  # unchanged (003)
    ("This recommendation has not yet been completed.", "AMBER", "has not yet been completed"),  # 000 action 11
    ("This has not been completed.", "AMBER", "has not been completed"),   # negated completion is not done
    ("It hasn't been completed yet.", "AMBER", "hasn't been completed"),
    ("Not complete.", "AMBER", "Not complete"),
    ("Yet to be completed.", "AMBER", "to be completed"),
    # tense: a completion still to come is not done
    ("Will be completed by March 2024.", "AMBER", "Will be completed"),
    ("To be completed by December.", "AMBER", "To be completed"),
    ("Training is being completed across teams.", "AMBER", "is being completed"),
    ("Once completed, the policy will be published.", "AMBER", "Once completed"),
    ("Should be complete by the summer.", "AMBER", "Should be complete"),
    # hedging: partial progress is AMBER
    ("Partially complete.", "AMBER", "Partially complete"),
    ("Partially implemented.", "AMBER", "Partially implemented"),
    ("Completed in part.", "AMBER", "Completed in part"),
    ("Complete except for the final audit.", "AMBER", "Complete except"),
    ("Nearly complete.", "AMBER", "Nearly complete"),
    ("Not yet fully complete.", "AMBER", "Not yet fully complete"),
    # what is left to do
    ("The review remains outstanding.", "AMBER", "remains outstanding"),
    ("The policy is not yet in place.", "AMBER", "is not yet in place"),
    ("Review commenced.", "AMBER", "commenced"),                            # unchanged (synth)
    ("Work is underway with partners.", "AMBER", "is underway"),            # unchanged (synth)
    ("Revised timescale agreed with the Select Committee.", "AMBER", "Revised timescale"),  # unchanged (003)
    ("This recommendation has been progressed through several strands.", "AMBER", "has been progressed"),  # 000
    # on track, and off it
    ("Work is on track.", "GREEN", "is on track"),
    ("On track to be completed by March.", "GREEN", "On track"),          # a future completion does not outrank it
    ("Work is progressing to plan.", "GREEN", "is progressing to plan"),
    ("The work has not slipped and is on track.", "GREEN", "is on track"),  # "not" governs "slipped" only
    ("Not on track.", "RED", "Not on track"),
    ("The audit has slipped to June.", "RED", "has slipped"),
    ("Slipped because of staffing pressures.", "RED", "Slipped"),           # unchanged (synth)
    ("Staffing pressures have delayed this work.", "RED", "have delayed"),
    ("Behind schedule.", "RED", "Behind schedule"),
    ("Not yet started.", "RED", "Not yet started"),                         # unchanged: the longer phrase wins
    ("Not yet commenced.", "RED", "Not yet commenced"),
    ("The recommendation has not been completed and has slipped.", "RED", "has slipped"),  # RED outranks AMBER
    # no status, and negation that stays in its clause
    ("Will be delayed unless funding is agreed.", "AMBER", "Will be delayed"),  # a risk, not yet a slip
    ("There have been no concerns; completed.", "BLUE", "completed"),
    ("As comment above.", "UNKNOWN", None),                                 # unchanged (000 action 12)
    ("Complete the audit of case files.", "UNKNOWN", None),                # the verb, an instruction
    ("The service is outstanding.", "UNKNOWN", None),                      # an Ofsted grade, not a backlog
    ("Incomplete", "UNKNOWN", None),
    ("", "UNKNOWN", None),
]


@pytest.mark.parametrize(("progress", "status", "basis"), PHRASES, ids=[p[0][:40] or "empty" for p in PHRASES])
def test_status_and_basis_from_prose(progress: str, status: str, basis: str | None) -> None:
    reading = read_progress(progress, V)
    assert (reading.rag.value, reading.basis) == (status, basis)


def test_the_table_is_large_and_covers_every_status() -> None:
    assert len(PHRASES) >= 30
    assert {s for _, s, _ in PHRASES} == {"BLUE", "AMBER", "GREEN", "RED", "UNKNOWN"}


@pytest.mark.parametrize(("progress", "complete"), [
    ("Completed in March 2024", True), ("Not yet fully complete", False), ("To be completed by June", False),
    ("Partially completed", False), ("Complete the audit of case files", False), ("Completion expected", False),
])
def test_says_complete_agrees_with_the_status(progress: str, complete: bool) -> None:
    """lint's "progress says complete" uses the same reading: complete means some phrase reads BLUE."""
    assert says_complete(progress, V) is complete
    assert (read_progress(progress, V).rag == Rag.BLUE) is complete


def test_clauses_split_at_sentences_and_dashes_not_inside_numbers() -> None:
    text = "Action 1.2 done; see 3.4 – not yet. Next"
    assert [text[a:b] for a, b in clauses(text, V.rag_progress_context.clause_break)] == [
        "Action 1.2 done", "see 3.4", "not yet", "Next"]


PIECES = [*"abcdeilmnoprstuy .,;'–", "not ", "yet ", "completed", "on track", "will ", "slipped", "partially "]


@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join))
def test_basis_is_always_words_of_the_text(progress: str) -> None:
    reading = read_progress(progress, V)
    assert (reading.basis is None) is (reading.rag == Rag.UNKNOWN)
    assert reading.basis is None or reading.basis in progress


def test_loaded_actions_carry_the_basis_only_when_inferred() -> None:
    g = load_documents([FIX / "progress_prose.txt"]).graph
    got = {d["ref"]: (d["rag"], d.get("rag_basis"), d["rag_inferred"]) for _, d in g.nodes("Action")}
    assert got["1"] == ("AMBER", "has not yet been completed", True)
    assert got["2"] == ("AMBER", "will be completed", True)
    assert got["3"] == ("BLUE", "Completed", True)
    assert got["4"] == ("UNKNOWN", None, True)  # "signed off" is not a default phrase


def test_user_vocabulary_adds_a_phrase_and_a_negator(tmp_path: Path) -> None:
    extra = tmp_path / "words.yaml"
    extra.write_text('rag_from_progress:\n  BLUE: ["signed off"]\n'
                     'rag_progress_context:\n  modifiers:\n    negated:\n      before: ["nowhere near"]\n',
                     encoding="utf-8")
    v = Vocabulary.with_user_file(extra)
    assert read_progress("Protocol signed off by the board.", V).rag == Rag.UNKNOWN
    assert read_progress("Protocol signed off by the board.", v).rag == Rag.BLUE
    assert read_progress("Nowhere near signed off", v).rag == Rag.AMBER  # the user's negator
    assert read_progress("This has not yet been completed.", v).basis == "has not yet been completed"  # merged
    g = load_documents([FIX / "progress_prose.txt"], vocab_file=extra).graph
    got = {d["ref"]: (d["rag"], d.get("rag_basis")) for _, d in g.nodes("Action")}
    assert got["4"] == ("BLUE", "signed off") and got["5"] == ("AMBER", "Nowhere near signed off")


def test_user_vocabulary_with_an_unknown_status_is_named(tmp_path: Path) -> None:
    extra = tmp_path / "words.yaml"
    extra.write_text("rag_progress_context:\n  modifiers:\n    future:\n      shift: {BLUE: AMBRE}\n", encoding="utf-8")
    with pytest.raises(GovgraphError, match=r"modifiers\.future\.shift: unknown status AMBRE"):
        read_progress("Will be completed.", Vocabulary.with_user_file(extra))


@pytest.mark.skipif(not CORPUS.is_dir(), reason=f"corpus folder {CORPUS} is absent")
def test_regression_issue_13_corpus_000_action_11_is_not_complete() -> None:
    """000 action 11 says 'this recommendation has not yet been completed'; it was read as BLUE."""
    g = load_documents([CORPUS / "000_617efe1db90a840c.txt"]).graph
    [a11] = [d for _, d in g.nodes("Action") if d["ref"] == "11"]
    assert a11["rag"] not in {"BLUE", "GREEN"} and a11["rag_inferred"]
    assert a11["rag_basis"] == "has not yet been completed"
    assert a11["rag_basis"] in a11["progress"]

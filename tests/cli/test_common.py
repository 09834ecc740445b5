"""`print_json`: pydantic's compiled encoder must print exactly what `json.dumps(indent=2)` would."""
from __future__ import annotations

import datetime as dt
import json

import pytest

from govgraph.cli.common import print_json
from govgraph.queries.base import NodeRef, Source
from govgraph.queries.overdue import OverdueAction, OverdueResult


def test_model_json_is_the_standard_text(capsys: pytest.CaptureFixture[str]) -> None:
    ref = NodeRef(id="a/1", label="Action", name='é – "x" \u2028 <b> \\N', rag="RED", due="2024-01-31",
                  source=Source(source_file="plan.txt", source_line=3, quote="it's"))
    result = OverdueResult(as_of=dt.date(2024, 6, 1), plans=[], undated=2, items=[
        OverdueAction(action=ref, due="2024-01-31", rag="RED", days_late=122, as_of=dt.date(2024, 6, 1), plan=None,
                      leads=[ref], recommendations=[])])
    print_json(result)
    assert capsys.readouterr().out == json.dumps(result.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"
    print_json({"plain": [1, "é"]})
    assert capsys.readouterr().out == '{\n  "plain": [\n    1,\n    "é"\n  ]\n}\n'


def test_json_inert_escapes_exactly_the_characters_a_terminal_acts_on() -> None:
    """Every code point up to U+2FFF: C1 controls, DEL and the bidi controls become \\u escapes that read back
    as the same string; nothing else changes (it replaced a str.translate that took 3.2 s on a big answer)."""
    import json

    from govgraph.cli.common import json_inert

    acted_on = {0x7F, *range(0x80, 0xA0), 0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A)}
    text = "".join(chr(c) for c in range(0x20, 0x3000) if not 0xD800 <= c < 0xE000)
    out = json_inert(json.dumps(text, ensure_ascii=False))
    assert json.loads(out) == text
    assert not any(ord(ch) in acted_on for ch in out)
    assert sum(out.count(f"\\u{c:04x}") for c in acted_on) == len(acted_on)

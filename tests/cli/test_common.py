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

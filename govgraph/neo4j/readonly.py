"""Refuse Cypher that writes, by reading the statement, not by trusting the server's access mode.

FalkorDB runs `MATCH (n) DETACH DELETE n` in a "read" transaction, so `govgraph cypher` checks the text
itself: a small lexer skips strings, comments and backticked names, then keywords are read in clause
position (not after `.`, `:`, `$`, `|` or `AS`, nor as a map key before `:`). Refused: CREATE, MERGE,
SET, DELETE, DETACH DELETE, REMOVE, FOREACH, LOAD CSV, CALL { } IN TRANSACTIONS, the administration
commands (DROP, ALTER, GRANT...), and CALL of any procedure not known to only read. A false alarm
errs on the safe side and names the word, which the user can backtick if it is a name.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from govgraph.errors import GovgraphError

WRITE_CLAUSES = frozenset({"CREATE", "MERGE", "SET", "DELETE", "DETACH", "REMOVE", "FOREACH", "DROP", "ALTER",
                           "GRANT", "DENY", "REVOKE", "RENAME", "TERMINATE", "START", "STOP", "ENABLE",
                           "DEALLOCATE", "REALLOCATE"})
READ_PROCEDURES = ("db.labels", "db.relationshipTypes", "db.propertyKeys", "db.indexes", "db.constraints",
                   "db.schema.", "db.info", "db.ping", "db.meta.stats", "db.index.fulltext.query",
                   "db.idx.fulltext.query", "db.idx.vector.query", "dbms.components", "dbms.procedures",
                   "dbms.functions", "dbms.showCurrentUser", "apoc.meta.", "apoc.path.", "apoc.help", "algo.")
"""Procedures that only read (prefixes ending in `.` cover a namespace); any other CALL is refused."""

_TOKEN = re.compile(r"""
    (?P<space>\s+)
  | (?P<comment>//[^\n]*|/\*.*?(?:\*/|\Z))
  | (?P<string>'(?:[^'\\]|\\.)*(?:'|\Z)|"(?:[^"\\]|\\.)*(?:"|\Z))
  | (?P<quoted>`(?:[^`]|``)*(?:`|\Z))
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<number>\d+(?:\.\d+)?)
  | (?P<punct>.)
""", re.X | re.S)
_NOT_A_CLAUSE_AFTER = frozenset({".", ":", "$", "|", "&", "!"})


class WriteStatement(GovgraphError, ValueError):
    hint = ("`govgraph cypher` only reads. To change the graph, re-load the plans and `govgraph neo4j push`; "
            "if the word is a name, put it in backticks.")


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    offset: int


def tokens(statement: str) -> list[Token]:
    """Words, names and punctuation of a statement; strings, comments and spaces dropped.

    >>> [t.text for t in tokens("MATCH (n) // DELETE\\nRETURN 'SET' AS `CREATE`")]
    ['MATCH', '(', 'n', ')', 'RETURN', 'AS', '`CREATE`']
    """
    out = []
    for m in _TOKEN.finditer(statement):
        kind = m.lastgroup or "punct"
        if kind not in ("space", "comment", "string"):
            out.append(Token(kind, m.group(), m.start()))
    return out


def write_clause(statement: str) -> tuple[str, int] | None:
    """The first clause that writes, and its offset in the text, or None if the statement only reads.

    >>> write_clause("MATCH (n) DETACH DELETE n")
    ('DETACH DELETE', 10)
    >>> write_clause("MATCH (n {set: 1}) WHERE n.delete = 'CREATE' RETURN n.merge AS remove") is None
    True
    """
    toks = tokens(statement)
    for i, tok in enumerate(toks):
        if tok.kind != "word":
            continue
        word = tok.text.upper()
        before = toks[i - 1].text if i else ""
        after = toks[i + 1].text if i + 1 < len(toks) else ""
        if before in _NOT_A_CLAUSE_AFTER or before.upper() == "AS" or after == ":":
            continue
        nxt = after.upper()
        if word in WRITE_CLAUSES:
            return ("DETACH DELETE" if word == "DETACH" and nxt == "DELETE" else word), tok.offset
        if word == "LOAD" and nxt == "CSV":
            return "LOAD CSV", tok.offset
        if word == "IN" and (nxt == "TRANSACTIONS" or (nxt == "CONCURRENT" and _upper(toks, i + 2) == "TRANSACTIONS")):
            return "CALL { } IN TRANSACTIONS", tok.offset
        if word == "CALL" and after != "{":
            name = _procedure(toks, i + 1)
            if not any(name == p or (p.endswith(".") and name.startswith(p)) or name.startswith(p + ".")
                       for p in READ_PROCEDURES):
                return f"CALL {name}", tok.offset
    return None


def _upper(toks: list[Token], i: int) -> str:
    return toks[i].text.upper() if i < len(toks) else ""


def _procedure(toks: list[Token], i: int) -> str:
    """The dotted procedure name starting at token `i` (backticks removed)."""
    parts = []
    while i < len(toks) and toks[i].kind in ("word", "quoted"):
        parts.append(toks[i].text.strip("`"))
        if i + 1 < len(toks) and toks[i + 1].text == ".":
            i += 2
        else:
            break
    return ".".join(parts) or "(unnamed)"


def check_read_only(statement: str) -> None:
    """Raise WriteStatement naming the first clause that writes (with its line and column)."""
    found = write_clause(statement)
    if found is None:
        return
    clause, offset = found
    line = statement.count("\n", 0, offset) + 1
    column = offset - (statement.rfind("\n", 0, offset) + 1) + 1
    raise WriteStatement(f"refusing a statement that writes: {clause} at line {line}, column {column}")

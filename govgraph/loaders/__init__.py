"""Readers of published plans and of governance overlays; `load_documents` is the entry point."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from govgraph.errors import InputFileError, UnknownLayout

if TYPE_CHECKING:
    from govgraph.loaders.builder import DocumentReport
    from govgraph.model.graph import GovGraph


@dataclass
class LoadResult:
    graph: "GovGraph"
    reports: list["DocumentReport"] = field(default_factory=list)


def detect_authority(lines: list[str], vocab: "Vocabulary") -> str | None:  # noqa: F821
    """The authority a document is about: the council its title block names, else the most mentioned
    English council name."""
    titled = _title_block_council(lines, vocab)
    if titled:
        return titled
    text = "\n".join(lines)
    counts: Counter[str] = Counter()
    for name in vocab.authorities:
        if name not in text:  # a substring test first: the regex for every name is slow on big loads
            continue
        n = len(re.findall(rf"\b{re.escape(name)}\b", text))
        if n:
            counts[name] += n
    for short, full in vocab.authority_short.items():
        if short not in text:
            continue
        n = len(re.findall(rf"\b{re.escape(short)}\b(?!-on)", text))
        if n:
            counts[full] += n
    if counts:
        return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
    m = Counter(n for n in re.findall(r"\b([A-Z][a-z]+(?:[ -][A-Z][a-z]+)?) (?:Council|County Council|Borough "
                                      r"Council|Safeguarding Children(?:'s)? Board)\b", text)
                if n.split()[0].casefold() not in _NOT_PLACES)
    return sorted(m.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] if m else None


_TITLE_LINES = 12
"""How many non-blank lines from the top make the title block."""
_COUNCIL = re.compile(r"\b(?:(?:metropolitan\s+)?(?:borough|city|county|district)\s+)?council\b", re.I)
_NAME_WORD = re.compile(r"[A-Za-z][A-Za-z'’.\-]*")
_CONNECTORS = {"and", "upon", "on", "of", "with", "under", "in"}
# words of a plan's title that are not part of a place name ('IMPROVEMENT PLAN FOR OAKHOLLOW COUNCIL')
_TITLE_WORDS = {"plan", "improvement", "action", "ofsted", "inspection", "services", "service", "children's",
                "childrens", "children", "report", "update", "response", "safeguarding", "for", "by", "to",
                "from", "at", "progress", "draft", "final", "version", "and"}


def _title_block_council(lines: list[str], vocab: "Vocabulary") -> str | None:  # noqa: F821
    """'OAKHOLLOW BOROUGH COUNCIL', 'Improvement plan for Ashby Vale City Council' in the first lines, in
    any case: a listed authority's spelling when the words end with one, else the words as a name."""
    listed = {name.casefold(): name for name in vocab.authorities}
    listed.update({short.casefold(): full for short, full in vocab.authority_short.items()})
    top = [ln for ln in lines if ln.strip()][:_TITLE_LINES]
    for line in top:
        for m in _COUNCIL.finditer(line):
            words = _words_before(line[:m.start()])
            for k in range(min(len(words), 6), 0, -1):
                key = " ".join(words[-k:]).casefold()
                if key in listed:
                    return listed[key]
            name = _place_words(words, any_case=line.upper() == line)
            if name:
                return name
        m = _OF_PLACE.search(line)
        if m:
            words = _words_after(line[m.end():])
            for k in range(min(len(words), 6), 0, -1):
                key = " ".join(words[:k]).casefold()
                if key in listed:
                    return listed[key]
            name = _place_words(words, any_case=line.upper() == line)
            if name:
                return name
    return None


_OF_PLACE = re.compile(r"\b(?:(?:london|royal|metropolitan)\s+)?(?:borough|city|county)\s+of\s+", re.I)
"""'London Borough of Ravensmere', 'Royal Borough of X', 'City of X Council': the place follows 'of'."""


def _words_after(text: str) -> list[str]:
    """The place's words after 'Borough of': up to punctuation, 'Council' or a word of a plan's title."""
    head = re.split(r"[:;,|–—()\[\]]|\s-\s|\d", text)[0]
    out: list[str] = []
    for w in _NAME_WORD.findall(head)[:6]:
        low = w.casefold()
        if low == "council" or low in _NOT_PLACES or (low in _TITLE_WORDS and low not in _CONNECTORS):
            break
        out.append(w)
    while out and out[-1].casefold() in _CONNECTORS:
        out.pop()
    return out


def _words_before(text: str) -> list[str]:
    """The words just before 'Council', back to the nearest punctuation that ends a phrase."""
    tail = re.split(r"[:;,|–—()\[\]]|\s-\s|\d", text)[-1]
    return _NAME_WORD.findall(tail)


def _place_words(words: list[str], any_case: bool) -> str | None:
    """The place name at the end of `words` (at most four words), capitalised as a name. In a line not all
    in capitals a name's words start with a capital ('the improvements Ashby Council needs' -> 'Ashby')."""
    out: list[str] = []
    for w in reversed(words[-4:]):
        low = w.casefold()
        connector = bool(out) and low in _CONNECTORS
        if low in _NOT_PLACES or (low in _TITLE_WORDS and not connector) or not (any_case or connector
                                                                                 or w[:1].isupper()):
            break
        out.insert(0, w)
    while out and out[0].casefold() in _CONNECTORS:
        out.pop(0)
    if not out:
        return None
    return " ".join(w if w.casefold() in _CONNECTORS and i else _capitalised(w) for i, w in enumerate(out))


def _capitalised(word: str) -> str:
    """'OAKHOLLOW' -> 'Oakhollow', 'ASH-ON-SEA' -> 'Ash-on-Sea'; a word in mixed case is kept."""
    if not word.isupper():
        return word
    parts = word.split("-")
    return "-".join(p.lower() if i and p.casefold() in _CONNECTORS else p.capitalize() for i, p in enumerate(parts))


# words that come before 'Council' without naming a place ('The Council', 'Each County Council')
_NOT_PLACES = {"the", "this", "that", "each", "every", "our", "a", "an", "county", "borough", "city", "district",
               "town", "parish", "local", "whole", "full", "all"}


def load_documents(paths: list[Path], *, overlays: list[Path] | None = None, vocab_file: Path | None = None,
                   authority: str | None = None, allow_empty: bool = False) -> LoadResult:
    """Read every document (and overlay) into one graph; documents of one authority share boards and posts."""
    from govgraph.loaders.builder import DocumentBuilder, unit_texts
    from govgraph.loaders.empty import check_not_empty
    from govgraph.loaders.entities import AuthorityEntities
    from govgraph.loaders.layout import HeaderMatcher, segment
    from govgraph.loaders.locations import stamp_locations
    from govgraph.loaders.plan_names import PlanNaming, name_plans
    from govgraph.loaders.programme import ProgrammeCollector
    from govgraph.loaders.readers import read_document
    from govgraph.loaders.text import Lexicon
    from govgraph.loaders.vocab import Vocabulary
    from govgraph.model.graph import GovGraph
    from govgraph.model.ids import slug
    from govgraph.model.nodes import Authority

    vocab = Vocabulary.with_user_file(vocab_file)
    matcher = HeaderMatcher(vocab)
    graph = GovGraph()
    lexicon = Lexicon()
    docs = []
    for path in _distinct_documents(paths):
        document = read_document(Path(path))
        lines = unit_texts(document)
        for line in lines:
            lexicon.add_text(line)
        docs.append((Path(path), document, lines))
    entity_books: dict[str, AuthorityEntities] = {}
    programmes: dict[str, ProgrammeCollector] = {}
    first_seen: dict[str, tuple[str, int]] = {}

    def entities_of(name: str) -> AuthorityEntities:
        aid = slug(name)
        if aid not in entity_books:
            entity_books[aid] = AuthorityEntities(aid, name, vocab)
            programmes[aid] = ProgrammeCollector(aid, tuple(vocab.programme_levels))
        return entity_books[aid]

    result = LoadResult(graph)
    for path, document, lines in sorted(docs, key=lambda d: d[0].name):
        layout = segment(document, vocab, matcher)
        name = authority or detect_authority(lines, vocab) or "Unknown authority"
        reg = entities_of(name)
        first_seen.setdefault(reg.authority_id, (path.name, 1))
        builder = DocumentBuilder(path, document, layout, vocab, lexicon, graph, reg, programmes[reg.authority_id])
        report = builder.run()
        refused = check_not_empty(graph, document, matcher, report.counts, allow_empty=allow_empty)
        if refused:
            graph.warn(path.name, None, f"loaded with --allow-empty: {refused}", "empty-document")
        result.reports.append(report)
    namings: list[PlanNaming] = []
    for overlay in overlays or []:
        from govgraph.loaders.overlay import apply_overlay, plan_namings, read_overlay

        ov = read_overlay(overlay, vocab=vocab)
        namings += plan_namings(ov)
        reg = entities_of(ov.authority)
        first_seen.setdefault(reg.authority_id, (Path(overlay).name, 1))
        apply_overlay(ov, reg, Path(overlay).name)
    for aid in sorted(entity_books):
        reg = entity_books[aid]
        src, line = first_seen[aid]
        graph.add_node(Authority(id=aid, name=reg.authority_name, source_file=src, source_line=line, authority=aid))
        issues = programmes[aid].finalise(graph)
        for action_id, msgs in issues.items():
            graph.node(action_id).setdefault("programme_ref_issues", []).extend(msgs)
        reg.finalise(graph)
    name_plans(graph, namings)
    stamp_locations(graph, [document for _, document, _ in docs])
    by_file = _document_counts(graph)
    for rep in result.reports:
        rep.counts.update(by_file.get(rep.source_file, {}))
        rep.counts["warnings"] = len(rep.warnings)
    graph.documents.extend(r.as_dict() for r in result.reports)
    return result


def _distinct_documents(paths: list[Path]) -> list[Path]:
    """The paths once each; two different files with one document id (`a/plan.txt`, `b/plan.txt`, or
    `plan.txt` and `plan.docx`) are refused, naming both, rather than one silently lost."""
    from govgraph.errors import DuplicateDocument
    from govgraph.model.ids import doc_key

    seen: dict[str, Path] = {}
    out: list[Path] = []
    for path in map(Path, paths):
        first = seen.setdefault(doc_key(path.name), path)
        if first is path:
            out.append(path)
        elif not _same_file(first, path):
            raise DuplicateDocument(f"'{first}' and '{path}' would both be document '{doc_key(path.name)}'")
    return out


def _same_file(a: Path, b: Path) -> bool:
    try:
        return a.samefile(b)
    except OSError:
        return a.resolve() == b.resolve()


def _document_counts(graph: "GovGraph") -> dict[str, Counter[str]]:
    """Leads, boards and work packages each document mentions, in one pass over the nodes."""
    keys = {"Role": "leads", "Person": "leads", "Board": "boards", "WorkPackage": "work_packages"}
    out: dict[str, Counter[str]] = {}
    for _, d in graph.nodes():
        key = keys.get(d.get("label", ""))
        if key:
            for source_file in set(d.get("sources", [d.get("source_file")])):
                out.setdefault(source_file, Counter())[key] += 1
    return out


__all__ = ["LoadResult", "load_documents", "detect_authority", "InputFileError"]

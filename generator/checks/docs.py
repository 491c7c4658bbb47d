"""Docs markers naming unknown groups or messages, and stale quotes in hand-written prose.

Markers are looked for in every hand-written Markdown page under ``docs``
and in the ``docs-sources``; quotes (inline code spans of at least three
words) only in the ``docs-sources``. Pages ``msgbook build`` generates
(``<docs>/<lang>/reference/``) are never read, nor are fenced code blocks.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..diagnostics import Diagnostic, Location
from ..emit.docs import marker_problem
from ..emit.markdown import find_markers
from ..model import Catalogue
from ..project import Project
from ..rules import RULES
from .files import LineIndex, docs_pages, read_text
from .markdown import blank_fences, code_spans
from .quotes import QuoteIndex, describe_verdict


def check_docs(project: Project, catalogue: Catalogue) -> list[Diagnostic]:
    """``unknown-marker`` and ``stale-docs-quote`` findings."""
    marked, quoted = docs_pages(project)
    quote_pages = set(quoted)
    index = QuoteIndex(catalogue) if quoted else None
    findings: list[Diagnostic] = []
    for relative in marked:
        text = read_text(project.root, relative)
        if text is None:
            continue
        prose = blank_fences(text)
        lines = LineIndex(text)
        findings.extend(_unknown_markers(relative, text, catalogue))
        if index is not None and relative in quote_pages:
            findings.extend(_stale_quotes(relative, prose, lines, index))
    return findings


def _unknown_markers(relative: str, text: str, catalogue: Catalogue) -> Iterator[Diagnostic]:
    """Markers the docs plugin cannot expand, judged by the plugin's own code so the two always agree."""
    rule = RULES["unknown-marker"]
    lines = text.split("\n")
    for marker in find_markers(text):
        problem = marker_problem(marker, catalogue)
        if problem is not None:
            col = lines[marker.line - 1].find(marker.source) + 1 if marker.line <= len(lines) else 0
            where = Location(relative, marker.line, col or len(marker.indent) + 1)
            yield Diagnostic(where, rule.severity, rule.id, problem)


def _stale_quotes(relative: str, prose: str, lines: LineIndex, index: QuoteIndex) -> Iterator[Diagnostic]:
    rule = RULES["stale-docs-quote"]
    for span in code_spans(prose):
        verdict = index.judge(span.content)
        if verdict is not None:
            location = Location(relative, *lines.position(span.offset))
            yield Diagnostic(location, rule.severity, rule.id, describe_verdict(verdict))

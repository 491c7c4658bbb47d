"""Catalogue + translations -> Markdown: reference pages, group tables, single messages.

Pure and engine-independent: no MkDocs import, no file reads. ``msgbook
build`` writes the reference pages as files any Markdown engine can read; the
MkDocs plugin calls :func:`expand_markers` on hand-written pages.

A message shows as the program prints it: placeholders as their ``example``,
``{@id}`` references expanded, ``{{`` as ``{``. On a translated page the
message is the translation (the English original beside it) and docs texts
come from the ``.po``; anything untranslated shows English with a mark.
"""

from __future__ import annotations

import posixpath
from collections.abc import Collection, Mapping

from ..diagnostics import Diagnostic, Location, Severity
from ..gcpause import paused_gc
from ..model import Catalogue, Group, Message
from ..outputs import Outputs
from ..project import Project
from ..rules import RULES
from ..translations import Translations
from ..units import docs_context, group_context
from .docs_labels import LABELS, Labels
from .docs_markers import MARKER_KINDS, marker_problem
from .docs_shared import OTHER, Row, Shared
from .docs_table import Tables
from .markdown import (
    code_line,
    code_spans,
    escape_text,
    fence_safe,
    find_markers,
    html_comment,
    md_code,
    md_fence,
    md_table,
)

__all__ = [
    "LABELS",
    "MARKER_KINDS",
    "Labels",
    "Language",
    "Row",
    "Shared",
    "expand_markers",
    "find_markers",
    "marker_problem",
    "page_titles",
    "reference_paths",
    "render_docs",
    "render_group",
    "render_message",
]


class Language(Tables):
    """Renders one catalogue in one page language."""

    # -- blocks ------------------------------------------------------------------

    def message_block(self, message: Message) -> str:
        """One message for a hand-written page: its text as a code block, then when and what to do."""
        labels = self.labels
        parts = []
        for row in self.rows(message):
            if row.condition:
                parts.append(f"<em>{row.condition}</em>")
            parts.append((md_fence(row.text) if fence_safe(row.text) else md_code(row.text) + "\n").rstrip("\n"))
            if row.original is not None:
                parts.append(escape_text(labels.column("original")) + labels.colon + md_code(row.original))
            elif not row.translated:
                parts.append(labels.mark)
        for field, label in (("when", labels.column("when")), ("action", labels.column("action"))):
            english = getattr(message, field)
            if english:
                text = self.docs_text(docs_context(message.id, field), english)
                parts.append(f"<strong>{escape_text(label)}</strong>{labels.colon}{text}")
        return "\n\n".join(parts) + "\n"

    # -- pages ---------------------------------------------------------------

    def page_lines(self, group: Group) -> list[str]:
        """The lines of a group's page; the last is empty, so that joined they end with a newline."""
        title, mark = self.docs(group_context(group.id, "title"), group.title)
        lines = [f"# {title}", ""]
        if mark:
            lines += [mark, ""]
        if group.description:
            lines += [self.docs_text(group_context(group.id, "description"), group.description), ""]
        lines += self.table_lines(group)
        lines.append("")
        return lines

    def index_page(self, pages: Mapping[str, str]) -> str:
        labels = self.labels
        header = [escape_text(h) for h in labels.index_columns]
        rows = []
        for group in self.catalogue.groups:
            title, mark = self.docs(group_context(group.id, "title"), group.title)
            description = (
                self.docs_text(group_context(group.id, "description"), group.description) if group.description else ""
            )
            count = len(self.catalogue.group_messages(group.id))
            rows.append([f"[{title}]({pages[group.id]}){' ' + mark if mark else ''}", description, str(count)])
        intro = labels.fill(labels.index_intro, domain=code_line(self.catalogue.domain))
        rules = f"[{escape_text(labels.rules_title)}](rules.md)"
        table = f"{md_table(header, rows)}\n" if rows else ""  # no header-only table without groups
        page = (
            f"# {escape_text(labels.index_title)}\n\n{intro}\n\n{table}{labels.fill(labels.see_rules, rules=rules)}\n"
        )
        if self.catalogue.group_messages(None):  # messages no group page lists are documented here
            page += f"\n## {escape_text(labels.other_messages)}\n\n{self.group_table(OTHER)}"
        return page

    def rules_page(self) -> str:
        labels = self.labels
        header = [escape_text(h) for h in labels.rules_columns]
        rows = [
            [
                f"[{code_line(r.id)}](#{r.id})",
                escape_text(r.family),
                escape_text(str(r.severity)),
                self.prose(r.summary),
            ]
            for r in RULES.values()
        ]
        parts = [
            f"# {escape_text(labels.rules_title)}",
            labels.fill(labels.rules_intro),
            md_table(header, rows).rstrip("\n"),
        ]
        for rule in RULES.values():
            parts.append(f"## {code_line(rule.id)}")
            summary = labels.fill(labels.rule_summary, summary=self.prose(rule.summary))
            meta = labels.fill(
                labels.rule_meta, severity=escape_text(str(rule.severity)), family=escape_text(rule.family)
            )
            parts.append(f"{summary} <em>{meta}</em>")
            parts.append(self.prose(rule.why))
            for label, example in ((labels.bad, rule.bad), (labels.good, rule.good)):
                block = md_fence(example).rstrip("\n") if fence_safe(example) else md_code(example)
                parts.append(f"{escape_text(label)}{labels.colon}\n\n{block}")
        return "\n\n".join(parts) + "\n"


# -- files ------------------------------------------------------------------------


def reference_paths(catalogue: Catalogue) -> dict[str, str]:
    """The page file name of each group under ``reference/`` (``index`` and ``rules`` are taken)."""
    return {g.id: (f"group-{g.id}.md" if g.id in ("index", "rules") else f"{g.id}.md") for g in catalogue.groups}


def render_docs(
    project: Project, catalogue: Catalogue, translations: Translations, languages: Collection[str] | None = None
) -> Outputs:
    """Generated docs pages (per language, under <docs>/<lang>/reference/), by root-relative path.

    ``languages`` limits the output to those languages' pages; each
    language's pages depend only on its own translations.
    """
    with paused_gc():
        return _render_docs(project, catalogue, translations, languages)


def _render_docs(
    project: Project, catalogue: Catalogue, translations: Translations, wanted: Collection[str] | None
) -> Outputs:
    pages = reference_paths(catalogue)
    shared = Shared(catalogue)
    languages = [
        Language(catalogue, lang, translations, shared)
        for lang in (catalogue.source_locale, *catalogue.locales)
        if wanted is None or lang in wanted
    ]
    notices = [_notice(catalogue, language) for language in languages]
    # Group by group, each language's page: a group's rows made for the first language are
    # still at hand for the others.
    group_pages: list[list[bytes]] = [[] for _ in languages]
    for group in catalogue.groups:
        for language, notice, made in zip(languages, notices, group_pages, strict=True):
            made.append("\n".join([notice, "", *language.page_lines(group)]).encode())
    outputs: Outputs = {}
    for language, notice, made in zip(languages, notices, group_pages, strict=True):
        folder = posixpath.join(project.docs, language.lang, "reference")
        for name, body in (("index.md", language.index_page(pages)), ("rules.md", language.rules_page())):
            outputs[posixpath.join(folder, name)] = f"{notice}\n\n{body}".encode()
        for group, page in zip(catalogue.groups, made, strict=True):
            outputs[posixpath.join(folder, pages[group.id])] = page
    return outputs


def _notice(catalogue: Catalogue, language: Language) -> str:
    """The comment at the top of a generated page: where it comes from and how to change it."""
    sources = [catalogue.path] + ([language.tr.path] if language.tr is not None else [])
    return html_comment(
        f"Generated by msgbook from {' and '.join(sources)}. Do not edit: change those files and "
        "run `msgbook build`; `msgbook check` reports edits made here."
    )


def page_titles(project: Project, catalogue: Catalogue, translations: Translations) -> dict[str, str]:
    """The plain-text title of each generated page (code spans without backticks), by its path."""
    titles = {}
    pages = reference_paths(catalogue)
    for lang in (catalogue.source_locale, *catalogue.locales):
        language = Language(catalogue, lang, translations)
        folder = posixpath.join(project.docs, lang, "reference")
        titles[posixpath.join(folder, "index.md")] = language.labels.index_title
        titles[posixpath.join(folder, "rules.md")] = language.labels.rules_title
        for group in catalogue.groups:
            title = language.docs_plain(group_context(group.id, "title"), group.title)
            titles[posixpath.join(folder, pages[group.id])] = "".join(piece for _, piece in code_spans(title))
    return titles


def render_group(catalogue: Catalogue, translations: Translations, group_id: str, lang: str) -> str:
    """One group's table in ``lang``, as Markdown (for other engines and snippets)."""
    group = catalogue.group(group_id)
    if group is None:
        raise KeyError(group_id)
    return Language(catalogue, lang, translations).group_table(group)


def render_message(catalogue: Catalogue, translations: Translations, message_id: str, lang: str) -> str:
    """One message as a block of Markdown in ``lang``."""
    message = catalogue.message(message_id)
    if message is None:
        raise KeyError(message_id)
    return Language(catalogue, lang, translations).message_block(message)


# -- markers ------------------------------------------------------------------------


def expand_markers(
    markdown: str,
    catalogue: Catalogue,
    translations: Translations,
    lang: str,
    page: str,
    first_line: int = 1,
    shared: Shared | None = None,
) -> tuple[str, list[Diagnostic]]:
    """Replace each marker with its table or message in ``lang``.

    Markers that cannot be expanded stay as they are and come back as
    ``unknown-marker`` findings at ``page`` (lines counted from ``first_line``).
    Pass the same ``shared`` for every page of a build to compute each message once.
    """
    markers = find_markers(markdown)
    if not markers:
        return markdown, []
    language = Language(catalogue, lang, translations, shared)
    lines = markdown.split("\n")
    problems = []
    for marker in reversed(markers):
        problem = marker_problem(marker, catalogue)
        if problem is not None:
            where = Location(page, marker.line + first_line - 1, len(marker.indent) + 1)
            problems.append(Diagnostic(where, Severity.ERROR, "unknown-marker", problem))
            continue
        if marker.kind == "group":
            group = catalogue.group(marker.target)
            assert group is not None
            block = language.group_table(group)
        else:
            message = catalogue.message(marker.target)
            assert message is not None
            block = language.message_block(message)
        replacement = ["", *[(marker.indent + line) if line else "" for line in block.rstrip("\n").split("\n")], ""]
        lines[marker.line - 1 : marker.line] = replacement
    return "\n".join(lines), sorted(problems, key=Diagnostic.sort_key)

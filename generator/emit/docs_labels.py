"""The words each page language adds around catalogue texts in the docs pages."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass

from .markdown import (
    prose_fragment,
)

_UNTRANSLATED = '<span class="msgbook-untranslated" title="{title}">{label}</span>'
_FILL = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True, slots=True)
class Labels:
    """The words a page language adds around catalogue texts (templates take ``{name}`` fields)."""

    columns: Mapping[str, str]
    mark: str  # the "not translated yet" badge, raw HTML
    colon: str
    otherwise: str
    otherwise_if: str
    or_: str
    and_: str
    is_: str
    if_: str
    plural: str
    join: str
    empty: str
    index_title: str
    index_intro: str
    index_columns: tuple[str, str, str]
    see_rules: str
    other_messages: str
    rules_title: str
    rules_intro: str
    rules_columns: tuple[str, str, str, str]
    rule_summary: str
    rule_meta: str
    bad: str
    good: str

    def column(self, name: str) -> str:
        return self.columns.get(name, name)

    def fill(self, template: str, **markdown: str) -> str:
        """A template as Markdown: its own words escaped, ``{name}`` fields given as Markdown."""
        pieces = _template(template)
        return "".join(markdown[piece] if index % 2 else piece for index, piece in enumerate(pieces))


@functools.cache
def _template(template: str) -> tuple[str, ...]:
    """A label template split at its ``{name}`` fields, its own words already escaped."""
    pieces = _FILL.split(template)
    return tuple(piece if index % 2 else prose_fragment(piece) for index, piece in enumerate(pieces))


LABELS: dict[str, Labels] = {
    "en": Labels(
        columns={
            "message": "Message",
            "original": "English original",
            "when": "When it appears",
            "action": "What to do",
            "exit_code": "Exit code",
            "code": "Error code",
            "level": "Level",
            "stream": "Output",
            "commands": "Commands",
        },
        mark=_UNTRANSLATED.format(title="shown in English until it is translated", label="not translated yet"),
        colon=": ",
        otherwise="Otherwise",
        otherwise_if="Otherwise, if {conditions}",
        or_=" or ",
        and_=" and ",
        is_="{name} is {values}",
        if_="If {conditions}",
        plural="plural form {form} of {name}",
        join="; ",
        empty="This group has no messages yet.",
        index_title="Message reference",
        index_intro="Every message of {domain}, by group: what it says, when it appears and what to do.",
        index_columns=("Group", "Description", "Messages"),
        see_rules="The rules of `msgbook check` are listed in {rules}.",
        other_messages="Other messages",
        rules_title="Check rules",
        rules_intro="`msgbook check` prints each finding as `path:line:col: severity: text [rule-id]`. "
        "Change the severity of a rule, for all locales or per locale, under `[tool.msgbook.severity]` "
        "in `pyproject.toml`.",
        rules_columns=("Rule", "Family", "Default", "Summary"),
        rule_summary="{summary}.",
        rule_meta="Default: {severity}. Family: {family}.",
        bad="Reported",
        good="Fixed",
    ),
    "ja": Labels(
        columns={
            "message": "メッセージ",
            "original": "英語の原文",
            "when": "発生条件",
            "action": "対処方法",
            "exit_code": "終了コード",
            "code": "エラーコード",
            "level": "レベル",
            "stream": "出力先",
            "commands": "コマンド",
        },
        mark=_UNTRANSLATED.format(title="翻訳されるまで英語で表示されます", label="未翻訳"),
        colon="：",
        otherwise="上記以外の場合",
        otherwise_if="上記以外で {conditions} の場合",
        or_=" または ",
        and_="、",
        is_="{name} が {values}",
        if_="{conditions} の場合",
        plural="{name} の複数形 {form}",
        join="、",
        empty="このグループにはまだメッセージがありません。",
        index_title="メッセージリファレンス",
        index_intro="{domain} のすべてのメッセージを、グループごとに、内容・発生条件・対処方法とともに掲載しています。",
        index_columns=("グループ", "説明", "メッセージ数"),
        see_rules="`msgbook check` のルールは{rules}にあります。",
        other_messages="その他のメッセージ",
        rules_title="チェックルール",
        rules_intro="`msgbook check` は検出結果を `path:line:col: severity: text [rule-id]` の形式で出力します。"
        "ルールの重大度は `pyproject.toml` の `[tool.msgbook.severity]` で、ルールごと・ロケールごとに変更できます。"
        "各ルールの説明は英語のみです。",
        rules_columns=("ルール", "分類", "既定", "概要"),
        rule_summary="{summary}。",
        rule_meta="既定：{severity}。分類：{family}。",
        bad="検出される例",
        good="修正後",
    ),
}

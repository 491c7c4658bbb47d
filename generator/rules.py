"""Every rule ``msgbook check`` knows, declared once.

The rules reference page in the docs is generated from :data:`RULES`, and a
test fails for any rule here without a fixture under ``tests/rules/``.
"""

from __future__ import annotations

from dataclasses import dataclass

from .diagnostics import Severity


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule: its id, default severity, family and documentation."""

    id: str
    family: str
    severity: Severity
    summary: str
    why: str
    bad: str
    good: str


E, W = Severity.ERROR, Severity.WARNING

_RULES = [
    # catalogue
    Rule(
        "yaml-syntax",
        "catalogue",
        E,
        "The catalogue is not valid YAML or not UTF-8 text",
        "Nothing can be read from a file that does not parse, so every output would be wrong.",
        "messages:\n\tnote: x   # a tab",
        "messages:\n  note: x",
    ),
    Rule(
        "wrong-type",
        "catalogue",
        E,
        "A value has the wrong type",
        "A list where text belongs, or text where a mapping belongs, cannot mean what the author intended.",
        "locales: ja",
        "locales: [ja]",
    ),
    Rule(
        "ambiguous-yaml-scalar",
        "catalogue",
        E,
        "An unquoted yes, no, on, off, or number where text is expected",
        "YAML 1.1 reads `no` as false and `1.10` as a number, so a locale or a text silently changes.",
        "choices: [yes, no]",
        "choices: ['yes', 'no']",
    ),
    Rule(
        "duplicate-key",
        "catalogue",
        E,
        "A key appears twice in one mapping",
        "YAML keeps the last value and drops the first without a word; one of them is lost.",
        "note:\n  text: a\n  text: b",
        "note:\n  text: b",
    ),
    Rule(
        "unknown-key",
        "catalogue",
        E,
        "A key the catalogue format does not have",
        "A typo such as `wehn` would otherwise vanish from the docs without a trace.",
        "wehn: After login.",
        "when: After login.",
    ),
    Rule(
        "missing-key",
        "catalogue",
        E,
        "A required key is missing",
        "A message needs a text (or variants), a group needs a title, the catalogue needs a domain.",
        "note:\n  group: auth",
        "note:\n  group: auth\n  text: Signed in.",
    ),
    Rule(
        "invalid-value",
        "catalogue",
        E,
        "A value outside the allowed set",
        "Levels, streams, param types and table columns are closed sets that the runtime and docs rely on.",
        "level: warning",
        "level: warn",
    ),
    Rule(
        "invalid-id",
        "catalogue",
        E,
        "A message or group id that is not lowercase words joined by '-'",
        "Ids become gettext contexts, Python names and anchors; only this shape works in all three.",
        "Anon_Note:",
        "anon-note:",
    ),
    Rule(
        "reserved-name",
        "catalogue",
        E,
        "An id or param whose Python name is a keyword or reserved",
        "The runtime module defines `set_locale`, `meta` and friends, and `locale=` on every function.",
        "class:",
        "class-note:",
    ),
    Rule(
        "id-collision",
        "catalogue",
        E,
        "Two ids with the same Python name",
        "`a-b` and `a_b` would both become `a_b()` and one would overwrite the other.",
        "a-b: ...\na_b: ...",
        "a-b: ...\na-c: ...",
    ),
    Rule(
        "undeclared-placeholder",
        "catalogue",
        E,
        "A {placeholder} not declared under params",
        "The runtime function would have no argument for it and print the braces.",
        "text: Saved {path}",
        "params: {path: {type: str}}\ntext: Saved {path}",
    ),
    Rule(
        "unused-param",
        "catalogue",
        E,
        "A declared param that no text or condition uses",
        "Callers must pass it for nothing; usually a placeholder was renamed in the text only.",
        "params: {path: {type: str}}\ntext: Saved",
        "text: Saved",
    ),
    Rule(
        "malformed-placeholder",
        "catalogue",
        E,
        "A brace construct that is not {name}, {@id}, {{ or }}",
        "Attribute access, indexes, conversions and lone braces break or leak data at run time.",
        "text: Saved {path.name}",
        "text: Saved {path}",
    ),
    Rule(
        "unknown-condition-param",
        "catalogue",
        E,
        "A variant condition on an undeclared param",
        "The condition could never be evaluated.",
        "if: {ci: true}   # no param ci",
        "params: {ci: {type: bool}}",
    ),
    Rule(
        "impossible-condition",
        "catalogue",
        E,
        "A variant condition value the param cannot take",
        "A value outside the choices, or a string for a bool, means the variant never matches.",
        "if: {deployment: oath}",
        "if: {deployment: oauth}",
    ),
    Rule(
        "unreachable-variant",
        "catalogue",
        E,
        "A variant that an earlier one always shadows",
        "The first matching variant wins, so a variant after the default, or repeating an earlier condition, never prints.",
        "variants:\n  - text: a\n  - if: {ci: true}\n    text: b",
        "variants:\n  - if: {ci: true}\n    text: b\n  - text: a",
    ),
    Rule(
        "missing-default-variant",
        "catalogue",
        E,
        "Variants that do not cover every input and have no default",
        "Some combination of params would have no text at all.",
        "variants:\n  - if: {ci: true}\n    text: a",
        "variants:\n  - if: {ci: true}\n    text: a\n  - text: b",
    ),
    Rule(
        "duplicate-variant-key",
        "catalogue",
        E,
        "Two variants of a message with the same key",
        "Each variant is one gettext entry keyed by `id|key`; two with one key would share a translation.",
        "- key: x\n- key: x",
        "- key: x\n- key: y",
    ),
    Rule(
        "invalid-plural",
        "catalogue",
        E,
        "A plural text with missing or unknown CLDR forms",
        "gettext needs the source language's forms (English: one and other) and an int param to choose.",
        "plural: count\ntext: {many: ...}",
        "plural: count\ntext: {one: ..., other: ...}",
    ),
    Rule(
        "unknown-reference",
        "catalogue",
        E,
        "A {@id} reference to a message that does not exist",
        "The referenced text would be missing from the output.",
        "text: Failed. {@state-rest-note}",
        "text: Failed. {@state-reset-note}",
    ),
    Rule(
        "reference-cycle",
        "catalogue",
        E,
        "Messages that reference each other in a cycle",
        "Expanding the text would never end.",
        "a: {text: '{@b}'}\nb: {text: '{@a}'}",
        "a: {text: '{@b}'}\nb: {text: B}",
    ),
    Rule(
        "reference-params",
        "catalogue",
        E,
        "A reference to a message whose params the referrer lacks",
        "A referenced message gets its params from the referrer, by name and type.",
        "a: {text: 'x {@b}'}   # b needs {path}",
        "a: {params: {path: {type: str}}, text: 'x {@b}'}",
    ),
    Rule(
        "exit-code-range",
        "catalogue",
        E,
        "An exit code outside 0-255",
        "A process exit status is one byte; 256 would exit with 0.",
        "exit_code: 256",
        "exit_code: 1",
    ),
    Rule(
        "duplicate-code",
        "catalogue",
        E,
        "Two messages with the same error code",
        "`explain(code)` and docs anchors need one message per code.",
        "code: auth_failed   # twice",
        "code: auth_failed_oauth",
    ),
    Rule(
        "unknown-group",
        "catalogue",
        E,
        "A message in a group the catalogue does not declare",
        "The docs would have no table to put it in.",
        "group: auth-erors",
        "group: auth-errors",
    ),
    # translations
    Rule(
        "po-syntax",
        "translations",
        E,
        "A .po file that does not parse",
        "msgbook never rewrites a .po it could not read, so a translator's work is never lost; fix the file first.",
        'msgstr "unterminated',
        'msgstr "terminated"',
    ),
    Rule(
        "po-header",
        "translations",
        E,
        "A .po header that is missing, not UTF-8, or has the wrong plural count",
        "Compilers and editors read the charset and Plural-Forms from the header.",
        '"Content-Type: text/plain; charset=latin-1\\n"',
        '"Content-Type: text/plain; charset=UTF-8\\n"',
    ),
    Rule(
        "po-format",
        "translations",
        W,
        "A .po with a byte-order mark or CRLF line endings",
        "Some tools mis-read them; `msgbook build` writes LF without a BOM.",
        '\\ufeffmsgid ""\\r\\n',
        'msgid ""\\n',
    ),
    Rule(
        "duplicate-entry",
        "translations",
        E,
        "Two .po entries with the same msgctxt",
        "Only one of them can be used; the other translation would be silently dropped.",
        'msgctxt "note"   # twice',
        'msgctxt "note"   # once',
    ),
    Rule(
        "stale-po",
        "translations",
        E,
        "A .po whose entries are out of sync with the catalogue",
        "Translators would work on texts the program no longer prints, or miss new ones. Re-wrapping is not drift; the .pot is checked byte for byte instead.",
        "a message added to the catalogue, no build",
        "msgbook build",
    ),
    Rule(
        "untranslated-entry",
        "translations",
        E,
        "A text with no translation for a locale",
        "Users of that locale see English. Set the severity to warning per locale while a translation is in progress.",
        'msgstr ""',
        'msgstr "メモ"',
    ),
    Rule(
        "fuzzy-entry",
        "translations",
        E,
        "A translation marked fuzzy (its English changed)",
        "The runtime shows English until a translator confirms or updates the translation.",
        "#, fuzzy",
        "(flag removed after review)",
    ),
    Rule(
        "placeholder-mismatch",
        "translations",
        E,
        "A translation whose {placeholders} or {@id} references differ from the English",
        "A renamed or missing placeholder prints the wrong thing or loses data.",
        'msgid "Saved {path}"\nmsgstr "{file} を保存しました"',
        'msgid "Saved {path}"\nmsgstr "{path} を保存しました"',
    ),
    Rule(
        "code-span-mismatch",
        "translations",
        E,
        "A translation whose `code spans` differ from the English",
        "Commands, flags and paths in backticks must be typed exactly; a translated command does not run.",
        'msgid "Run `arkor login`"\nmsgstr "`arkor ログイン` を実行"',
        'msgid "Run `arkor login`"\nmsgstr "`arkor login` を実行"',
    ),
    Rule(
        "plural-forms-mismatch",
        "translations",
        E,
        "A plural entry with the wrong number of forms for its language",
        "The Plural-Forms header says how many forms the language has; a missing form prints nothing.",
        "msgstr[0] only, for a language with two forms",
        "msgstr[0] and msgstr[1]",
    ),
    # generated outputs and sources
    Rule(
        "stale-generated-file",
        "drift",
        E,
        "A generated file that differs from what `msgbook build` would write, or that it no longer makes",
        "Someone edited a generated file by hand or forgot to build; the edit would be lost at the next build. "
        "A page of a removed group or locale would go on documenting messages the program no longer prints.",
        "messages/__init__.py edited by hand",
        "edit messages/catalogue.yaml, then run `msgbook build`",
    ),
    Rule(
        "hard-coded-text",
        "drift",
        E,
        "A string literal in the sources that equals a catalogue text",
        "A copied text drifts from the catalogue and is never translated.",
        'print("Note: anonymous accounts work on this machine only.")',
        "print(m.anon_single_device_note())",
    ),
    Rule(
        "unused-message",
        "drift",
        W,
        "A runtime message that no source file calls",
        "Translators keep translating texts nobody prints. Use `runtime: false` for docs-only texts.",
        "a message no code calls",
        "call it, or remove it",
    ),
    Rule(
        "unknown-marker",
        "docs",
        E,
        "A docs marker naming an unknown group or message",
        "The table or message would silently be missing from the page.",
        "<!-- msgbook:group auth-erors -->",
        "<!-- msgbook:group auth-errors -->",
    ),
    Rule(
        "stale-docs-quote",
        "docs",
        E,
        "A docs quote of a wording the catalogue no longer has",
        "The docs describe a message the program no longer prints; readers searching their logs find nothing.",
        "`Note: anonymous accounts work on this device only.`",
        "<!-- msgbook:message anon-single-device-note -->",
    ),
]

RULES: dict[str, Rule] = {rule.id: rule for rule in _RULES}
# Rules whose findings belong to one locale's translation: their severity can be set per locale.
PER_LOCALE = frozenset(
    {"untranslated-entry", "fuzzy-entry", "plural-forms-mismatch", "placeholder-mismatch", "code-span-mismatch"}
)


def rule(rule_id: str) -> Rule:
    """Look up a registered rule; an unknown id is a programming error."""
    return RULES[rule_id]

"""The arkor data set: its recorded docs quotes, checked against a catalogue of its own messages.

The data set matched each quote in the arkor CLI docs to the message it
quotes (``match``). Rebuilt as a msgbook project (every entry's ``en`` a
message, every quote on its recorded page and line), ``msgbook check`` must
report the quotes that drifted (cut short, flattened and cut short, or worded
differently) and leave the faithful ones (exact, or a prefix marked with …)
alone.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import run_cli, write_project

DATA = Path(__file__).parent / "data" / "arkor" / "messages.yaml"
DRIFTED = {"truncated", "flattened-truncated", "near", "truncated-doc-only"}
FAITHFUL = {"exact", "partial", "exact-doc-only"}
Place = tuple[str, int]


def kebab(entry_id: str) -> str:
    """``anon_single_device_rejected__oauth_ci`` -> ``anon-single-device-rejected-oauth-ci``."""
    return re.sub(r"_+", "-", entry_id)


def escape_braces(text: str, names: set[str]) -> str:
    """Double every brace that is not a declared ``{placeholder}``: ``createArkor({...})`` stays literal."""

    def one(match: re.Match[str]) -> str:
        if match.group(1) in names:
            return match.group()
        return match.group().replace("{", "{{").replace("}", "}}")

    return re.sub(r"\{(\w+)\}|[{}]", one, text)


def catalogue_text(entries: list[dict[str, Any]]) -> str:
    messages: dict[str, dict[str, Any]] = {}
    for entry in entries:
        names = {p["name"] for p in entry.get("placeholders") or []}
        text = escape_braces(entry["en"], names)
        message: dict[str, Any] = {"text": text}
        if names:
            message["params"] = {
                p["name"]: {"type": "str", "example": str(p["example"])} for p in entry["placeholders"]
            }
        if entry.get("origin") != "code":
            message["runtime"] = False
        messages[kebab(entry["id"])] = message
    return yaml.safe_dump({"domain": "arkor", "messages": messages}, allow_unicode=True, sort_keys=False, width=10_000)


def quotes_by_place(entries: list[dict[str, Any]]) -> dict[Place, list[tuple[str, str, str, str]]]:
    """(page, line) -> [(markup, quote, match, message id)], doc_mentions and doc_rows merged."""
    places: dict[Place, list[tuple[str, str, str, str]]] = defaultdict(list)
    for entry in entries:
        recorded = [
            (m["page"], m["line"], m["markup"], m["quoted"], m["match"]) for m in entry.get("doc_mentions") or []
        ]
        recorded += [
            (r["page"], r["line"], r["quote_markup"], r["quoted_en"], r["match"]) for r in entry.get("doc_rows") or []
        ]
        for page, line, markup, quoted, match in recorded:
            item = (markup, quoted, match, kebab(entry["id"]))
            if item not in places[(page, line)]:
                places[(page, line)].append(item)
    return places


def render_span(markup: str, quote: str) -> str:
    if markup == "double":
        return f"`` {quote} ``"
    if markup == "backslash-escaped":
        return "`" + quote.replace("`", "\\`") + "`"
    return f"`{quote}`"


def pages(places: dict[Place, list[tuple[str, str, str, str]]]) -> dict[str, str]:
    lines: dict[str, dict[int, str]] = defaultdict(dict)
    for (page, line), items in places.items():
        spans = list(dict.fromkeys(render_span(markup, quote) for markup, quote, _, _ in items))
        lines[page][line] = "| " + " | ".join(spans) + " |"
    return {page: "\n".join(rows.get(n, "") for n in range(1, max(rows) + 1)) + "\n" for page, rows in lines.items()}


@pytest.fixture(scope="module")
def entries() -> list[dict[str, Any]]:
    if not DATA.exists():
        pytest.skip("tests/data/arkor/messages.yaml is missing")
    loaded: list[dict[str, Any]] = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    return loaded


@pytest.fixture(scope="module")
def findings(entries: list[dict[str, Any]], tmp_path_factory: pytest.TempPathFactory) -> dict[Place, list[str]]:
    root = write_project(
        tmp_path_factory.mktemp("arkor"),
        pyproject='[tool.msgbook]\ndocs-sources = ["docs/**/*.mdx"]\n',
        files={"messages/catalogue.yaml": catalogue_text(entries)},
    )
    for page, text in pages(quotes_by_place(entries)).items():  # as is: write_project would strip leading lines
        (root / page).parent.mkdir(parents=True, exist_ok=True)
        (root / page).write_text(text, encoding="utf-8")
    result = run_cli("check", "--root", str(root), "--select", "stale-docs-quote")
    assert result.err == ""
    found: dict[Place, list[str]] = defaultdict(list)
    for line in result.lines:
        path, number, _col, text = line.split(":", 3)
        found[(path, int(number))].append(text)
    return found


def test_dataset_catalogue_is_valid(entries: list[dict[str, Any]], tmp_path: Path) -> None:
    root = write_project(tmp_path, files={"messages/catalogue.yaml": catalogue_text(entries)})
    result = run_cli("check", "--root", str(root), "--select", "yaml-syntax,unknown-key,malformed-placeholder")
    assert result.lines == []


def test_drifted_quotes_are_reported_at_their_page_and_line(
    entries: list[dict[str, Any]], findings: dict[Place, list[str]]
) -> None:
    drifted = {
        place: {message for _, _, match, message in items if match in DRIFTED}
        for place, items in quotes_by_place(entries).items()
    }
    expected = {place: ids for place, ids in drifted.items() if ids}
    assert len(expected) >= 7  # truncated, flattened-truncated and near quotes on EN and JA pages
    for place, ids in expected.items():
        texts = findings.get(place, [])
        assert any(f"message {i!r}" in text for text in texts for i in ids), (place, ids, texts)


def test_faithful_quotes_are_not_reported(entries: list[dict[str, Any]], findings: dict[Place, list[str]]) -> None:
    for place, items in quotes_by_place(entries).items():
        if all(match in FAITHFUL for _, _, match, _ in items):
            assert place not in findings, (place, findings[place])


def test_labels_and_wrapped_quotes_are_not_drift(
    entries: list[dict[str, Any]], findings: dict[Place, list[str]]
) -> None:
    """A status line (`426 Upgrade Required`) or a JSON body around a message is not an old wording."""
    for place, items in quotes_by_place(entries).items():
        if not any(match in DRIFTED for _, _, match, _ in items):
            assert place not in findings, (place, findings[place])

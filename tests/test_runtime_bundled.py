"""Every runtime message of the bundled catalogue, every variant, in English and Japanese.

The expected texts come from a small oracle reading the catalogue and the
merged ``.po`` (``runtime_project.expected_text``), not from the generated code.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from runtime_project import call_all, expected_text, sample_calls, write_runtime

from generator.model import Catalogue, Message
from generator.pipeline import load_inputs
from generator.project import load_project
from generator.translations import LocaleTranslations

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def bundled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Catalogue, LocaleTranslations]:
    project = load_project(REPO)
    inputs = load_inputs(project)
    if inputs.catalogue is None:
        pytest.fail(f"the bundled catalogue does not load: {inputs.diagnostics}")
    root = tmp_path_factory.mktemp("bundled")
    write_runtime(root, inputs.catalogue, inputs.translations, runtime=project.runtime)
    return root, inputs.catalogue, inputs.translations["ja"]


def _calls(cat: Catalogue) -> list[tuple[Message, dict[str, object]]]:
    return [(m, args) for m in cat.messages if m.runtime for args in sample_calls(m)]


def _expressions(calls: list[tuple[Message, dict[str, object]]], extra: str = "") -> list[str]:
    return [f"m.{message.name}(**{args!r}{extra})" for message, args in calls]


def test_every_variant_covered(bundled: tuple[Path, Catalogue, LocaleTranslations]) -> None:
    _, cat, _ = bundled
    calls = _calls(cat)
    reached = {(m.id, len(m.texts())) for m, _ in calls}
    assert {m.id for m in cat.messages if m.runtime} == {message_id for message_id, _ in reached}
    for message in (m for m in cat.messages if m.variants):
        assert len([a for m, a in calls if m is message]) >= len(message.variants)


@pytest.mark.parametrize(
    ("env", "extra", "locale"),
    [
        ({}, "", "en"),
        ({"LANG": "ja_JP.UTF-8"}, "", "ja"),
        ({"LANGUAGE": "fr:ja", "LANG": "C"}, "", "ja"),
        ({}, ", locale='ja'", "ja"),
        ({"LANG": "ja_JP.UTF-8"}, ", locale='en'", "en"),
        ({"LC_ALL": "C", "LANG": "ja_JP.UTF-8"}, "", "en"),
    ],
    ids=["clean", "LANG=ja_JP.UTF-8", "LANGUAGE=fr:ja", "locale=ja", "locale=en beats LANG", "LC_ALL=C"],
)
def test_every_message_in_each_locale(
    bundled: tuple[Path, Catalogue, LocaleTranslations], env: dict[str, str], extra: str, locale: str
) -> None:
    root, cat, ja = bundled
    calls = _calls(cat)
    translations = ja if locale == "ja" else None
    expected = [expected_text(cat, translations, message, args) for message, args in calls]
    assert call_all(root, _expressions(calls, extra), env) == expected


def test_japanese_is_shown_where_translated(bundled: tuple[Path, Catalogue, LocaleTranslations]) -> None:
    root, cat, _ = bundled
    calls = _calls(cat)
    english = [expected_text(cat, None, m, a) for m, a in calls]
    japanese = call_all(root, _expressions(calls, ", locale='ja'"))
    translated = [m.id for (m, _), en, jp in zip(calls, english, japanese, strict=True) if en != jp]
    assert len(set(translated)) >= len({m.id for m, _ in calls}) // 2, "most messages should have Japanese"


def test_repository_runtime_module_is_fresh(bundled: tuple[Path, Catalogue, LocaleTranslations]) -> None:
    root, _, _ = bundled
    project = load_project(REPO)
    generated = sorted(p.relative_to(root).as_posix() for p in (root / Path(project.runtime).parent).glob("*.py"))
    for relative in generated:
        assert (REPO / relative).read_bytes() == (root / relative).read_bytes(), f"{relative}: run msgbook build"

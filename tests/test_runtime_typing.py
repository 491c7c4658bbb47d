"""mypy --strict accepts correct calls of the generated functions and rejects wrong ones."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from textwrap import dedent

import pytest
from runtime_project import catalogue, translations, write_runtime

CATALOGUE = """
domain: demo
locales: [ja]
messages:
  rejected:
    code: token_rejected
    exit_code: 1
    params:
      deployment: {choices: [oauth, anon-only, unknown]}
      ci: {type: bool, default: false}
      count: {type: int}
    variants:
      - if: {deployment: oauth, ci: false}
        text: "Rejected {count} times; sign in with OAuth."
      - text: "Rejected {count} times."
  note:
    text: "Note: this works on this machine only."
"""

GOOD = """
import asyncio
import sys

import messages as m

def main() -> None:
    print(m.rejected(deployment="oauth", count=2))
    print(m.rejected(deployment="unknown", ci=True, count=2, locale="ja"))
    with m.locale_scope("ja") as locale:
        print(locale, m.note(), m.note("en"), m.note(locale="ja"))
    m.set_locale("ja")
    m.set_locale(None)
    current: str = m.get_locale()
    found = m.explain("token_rejected", locale=current)
    if found is not None and found.when is not None:
        print(found.when.upper(), found.exit_code, m.LOCALES[0])
    stream: str | None = m.meta.note.stream
    print(stream)
    sys.exit(m.meta.rejected.exit_code)

main()
"""

BAD = {
    "wrong_name.py": 'm.rejected(deployment="oauth", cnt=2)',
    "missing.py": 'm.rejected(deployment="oauth")',
    "outside_literal.py": 'm.rejected(deployment="saml", count=2)',
    "positional.py": 'm.rejected("oauth", count=2)',
    "unknown_meta.py": "print(m.meta.no_such_message.code)",
}


@pytest.fixture(scope="module")
def mypy_result(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, str]:
    root = tmp_path_factory.mktemp("typing")
    write_runtime(root, catalogue(CATALOGUE), {"ja": translations({"note": "注意"})})
    (root / "good.py").write_text(dedent(GOOD), encoding="utf-8")
    for name, line in BAD.items():
        (root / name).write_text(f"import messages as m\n\n{line}\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir", str(root / ".cache"), "."],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    return result.returncode, result.stdout


def test_generated_modules_and_a_correct_consumer_pass_strict(mypy_result: tuple[int, str]) -> None:
    _, out = mypy_result
    errors = [line for line in out.splitlines() if ": error:" in line]
    assert not [line for line in errors if not line.startswith(tuple(BAD))], out


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("wrong_name.py", r'Unexpected keyword argument "cnt"'),
        ("missing.py", r'Missing named argument "count"'),
        ("outside_literal.py", r"incompatible type \"Literal\['saml'\]\""),
        ("positional.py", r"Too many positional arguments for \"rejected\""),
        ("unknown_meta.py", r'has no attribute "no_such_message"'),
    ],
)
def test_wrong_calls_fail_strict(mypy_result: tuple[int, str], name: str, expected: str) -> None:
    code, out = mypy_result
    assert code == 1
    lines = [line for line in out.splitlines() if line.startswith(f"{name}:3: error:")]
    assert lines and re.search(expected, lines[0]), out


def test_package_marker_is_not_needed(tmp_path: Path) -> None:
    """A local package is type-checked from source: no py.typed is written."""
    outputs = write_runtime(tmp_path, catalogue(CATALOGUE))
    assert not any(path.endswith("py.typed") for path in outputs)

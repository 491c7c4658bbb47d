"""Every rule has a fixture project under tests/rules/<rule-id>/ with its expected findings.

A fixture folder is a project root; ``expected.txt`` lists, in order, the
``msgbook check`` lines of that rule (other rules' findings are ignored).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import run_cli

from generator.rules import RULES

FIXTURES = Path(__file__).parent / "rules"


def _fixtures() -> list[str]:
    return sorted(p.name for p in FIXTURES.iterdir() if (p / "expected.txt").exists())


@pytest.mark.parametrize("rule_id", _fixtures())
def test_rule_fixture_reports_expected_findings(rule_id: str, tmp_path: Path) -> None:
    assert rule_id in RULES, f"tests/rules/{rule_id} names no registered rule"
    root = tmp_path / rule_id
    shutil.copytree(FIXTURES / rule_id, root, ignore=shutil.ignore_patterns("expected.txt"))
    expected = (FIXTURES / rule_id / "expected.txt").read_text(encoding="utf-8").splitlines()
    result = run_cli("check", "--root", str(root))
    assert result.err == ""
    got = [line for line in result.lines if line.endswith(f"[{rule_id}]")]
    assert got == expected
    assert result.code == (1 if any(": error: " in line for line in result.lines) else 0)


def test_every_rule_has_a_fixture() -> None:
    missing = sorted(set(RULES) - set(_fixtures()))
    assert missing == [], f"rules without a fixture under tests/rules/: {missing}"

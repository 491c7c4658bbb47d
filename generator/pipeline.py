"""``build`` and ``check``: one code path computes every output and finding.

Each output family contributes through :func:`plan`; ``build`` writes what
differs, ``check`` reports what differs. Neither prints.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .catalogue_io import read_catalogue
from .diagnostics import Diagnostic, sort_diagnostics
from .outputs import Outputs, stale, write_changed
from .project import Project
from .validate import validate


@dataclass(slots=True)
class Plan:
    """Everything a build would write, and every finding on the way."""

    outputs: Outputs = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    blocked: bool = False  # an input could not be read: write nothing


@dataclass(frozen=True, slots=True)
class BuildResult:
    written: list[str]
    diagnostics: list[Diagnostic]


def plan(project: Project) -> Plan:
    """Load and validate the catalogue and compute all outputs."""
    result = Plan()
    catalogue, diagnostics = read_catalogue(project)
    result.diagnostics.extend(diagnostics)
    if catalogue is None:
        result.blocked = True
        return result
    result.diagnostics.extend(validate(catalogue))
    return result


def _finish(project: Project, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    kept = []
    for diagnostic in diagnostics:
        adjusted = project.apply_severity(diagnostic)
        if adjusted is not None:
            kept.append(adjusted)
    return sort_diagnostics(kept)


def build(project: Project) -> BuildResult:
    """Write every output whose bytes changed; nothing when an input is unusable."""
    result = plan(project)
    written: list[str] = []
    if not result.blocked and not any(d.severity == "error" and d.rule in _BLOCKING for d in result.diagnostics):
        written = write_changed(project.root, result.outputs)
    return BuildResult(written, _finish(project, result.diagnostics))


def check(project: Project) -> list[Diagnostic]:
    """Every finding, including outputs that differ from what ``build`` would write."""
    result = plan(project)
    findings = list(result.diagnostics)
    if not result.blocked:
        findings.extend(stale(project.root, result.outputs))
    return _finish(project, findings)


_BLOCKING = frozenset({"yaml-syntax", "po-syntax"})

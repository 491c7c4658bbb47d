"""msgbook benchmarks: every tracked figure, its baseline and its target, in one run.

Usage (from the repository root, with the project's virtualenv)::

    python bench/run.py                 # every figure at 1k/10k/100k (load) and 10k (the rest)
    python bench/run.py --quick         # 1k/10k only, 3 runs
    python bench/run.py --only build,noop

Each figure is the median of several fresh runs (5; 3 at 100k) and is compared
with a baseline measured in the same run, interleaved with it, so that the
ratio stays meaningful on a noisy shared machine. A figure whose msgbook piece
is still a stub is reported as skipped, with the reason.

Synthetic data (``bench/synth.py``) and scratch projects go to ``bench/out/``
(git-ignored); the results are printed and written to
``bench/out/results.md`` and ``bench/out/results.json``.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import hashlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
PY = sys.executable
BIN = Path(PY).parent
DOMAIN = "app"
LOCALES = ("ja", "de")
FIGURES = ("load", "build", "churn", "noop", "runtime", "docs", "mkdocs", "check")
TIME = "/usr/bin/time" if Path("/usr/bin/time").exists() else None  # GNU time, for peak RSS
QUIET_ENV = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def log(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------
# results


@dataclass
class Row:
    """One figure: msgbook's median, the baseline's median, the ratio and the target."""

    figure: str
    what: str
    n: str
    value: float | None = None
    baseline: str = ""
    base_value: float | None = None
    target: float | None = None  # the ratio must be at most this
    unit: str = "s"  # "s" or "ns"
    rss_mb: float | None = None
    note: str = ""
    partial: bool = False  # measured while some piece is a stub: no verdict
    samples: list[float] = field(default_factory=list)
    base_samples: list[float] = field(default_factory=list)
    verdict: str | None = None  # a PASS/FAIL not given by a ratio

    @property
    def ratio(self) -> float | None:
        if self.value is None or not self.base_value:
            return None
        return self.value / self.base_value

    @property
    def status(self) -> str:
        if self.verdict is not None:
            return self.verdict
        if self.value is None:
            return "SKIP"
        if self.target is None or self.ratio is None:
            return "info"
        if self.partial:
            return "n/a"
        return "PASS" if self.ratio <= self.target else "FAIL"


def fmt_value(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    if unit == "ns":
        return f"{value:,.0f} ns"
    if unit != "s":
        return f"{value:,.0f} {unit}"
    if value >= 10:
        return f"{value:,.1f} s"
    if value >= 1:
        return f"{value:,.2f} s"
    return f"{value * 1000:,.1f} ms"


def fmt_row(row: Row) -> list[str]:
    ratio = f"{row.ratio:.2f}×" if row.ratio is not None else "—"
    target = f"≤ {row.target:g}×" if row.target is not None else ""
    base = f"{row.baseline}: {fmt_value(row.base_value, row.unit)}" if row.baseline else ""
    rss = f"{row.rss_mb:,.0f}" if row.rss_mb is not None else ""
    return [row.figure, row.what, row.n, fmt_value(row.value, row.unit), base, ratio, target, row.status, rss, row.note]


HEADER = ["fig", "what", "N", "msgbook", "baseline", "ratio", "target", "result", "peak RSS MB", "notes"]


def markdown_table(rows: list[Row]) -> str:
    def cell(text: str) -> str:
        return text.replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(HEADER) + " |", "|" + "---|" * len(HEADER)]
    lines += ["| " + " | ".join(cell(c) for c in fmt_row(r)) + " |" for r in rows]
    return "\n".join(lines) + "\n"


def text_table(rows: list[Row]) -> str:
    cells = [HEADER, *[fmt_row(r) for r in rows]]
    widths = [min(60, max(len(c[i]) for c in cells)) for i in range(len(HEADER))]
    return "\n".join("  ".join(c[i][:60].ljust(widths[i]) for i in range(len(HEADER))).rstrip() for c in cells)


def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


# ---------------------------------------------------------------------------
# processes


@dataclass
class Run:
    seconds: float
    rss_mb: float
    rc: int
    out: str
    err: str
    settle: float = 0.0  # how long the detached cache writer went on after the command exited


def run(args: list[str], cwd: Path | None = None, env: dict[str, str] | None = None, check: bool = False) -> Run:
    """Run a command; wall time and the peak RSS of the process tree it waited for."""
    full_env = {**os.environ, **QUIET_ENV, **(env or {})}
    full_env.pop("PYTHONDONTWRITEBYTECODE", None)
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, tempfile.NamedTemporaryFile() as rss:
        # Linux carries the peak RSS across fork+exec, so a child forked from this
        # (large) process would report this process's size: let a small GNU time
        # process fork the command instead, and read the peak it reports.
        wrapper = [TIME, "-f", "%M", "-o", rss.name] if TIME else []
        start = time.perf_counter()
        proc = subprocess.Popen(
            [*wrapper, *args], cwd=cwd, env=full_env, stdout=out, stderr=err, stdin=subprocess.DEVNULL
        )
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        peak_kb = usage.ru_maxrss
        if TIME:
            reported = Path(rss.name).read_text().split()
            peak_kb = int(reported[-1]) if reported and reported[-1].isdigit() else 0
        result = Run(
            seconds,
            peak_kb / 1024,
            proc.returncode,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
        )
    if check and result.rc != 0:
        raise RuntimeError(f"{' '.join(args)} exited {result.rc}: {last_line(result.err or result.out)}")
    return result


def last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:200] if lines else ""


def child(kind: str, *args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> dict[str, Any]:
    """Run one measurement in a fresh interpreter (``run.py --child``); its JSON result."""
    result = run([PY, str(BENCH / "run.py"), "--child", kind, *args], cwd=cwd, env=env)
    if result.rc != 0:
        raise RuntimeError(f"child {kind} failed: {last_line(result.err)}")
    data: dict[str, Any] = json.loads(result.out.strip().splitlines()[-1])
    data["_rss_mb"] = result.rss_mb
    data["_wall"] = result.seconds
    return data


def msgbook(command: str, root: Path) -> Run:
    """``python -m generator <command> --root ROOT``: the CLI as a user runs it.

    A large build leaves its cache files to a detached writer; the next
    command waits for it, so that one run's writer never slows the next run.
    """
    result = run([PY, "-m", "generator", command, "--root", str(root)], cwd=root)  # not REPO: -m imports from cwd
    start = time.perf_counter()
    wait_for_cache_writer(root)
    result.settle = time.perf_counter() - start
    return result


def wait_for_cache_writer(root: Path) -> None:
    """Wait until no detached msgbook writer holds ``.msgbook-cache/.writing`` (see ``generator/later.py``)."""
    try:
        import fcntl

        fd = os.open(root / ".msgbook-cache" / ".writing", os.O_RDWR)
    except (OSError, ImportError):
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
    finally:
        os.close(fd)


# ---------------------------------------------------------------------------
# data and projects


def synth_module() -> Any:
    sys.path.insert(0, str(BENCH))
    import synth

    return synth


def ensure_data(out: Path, n: int, sources: bool) -> Path:
    """The synthetic data set of ``n`` messages, regenerated when synth.py changed."""
    synth = synth_module()
    stamp = hashlib.sha256((BENCH / "synth.py").read_bytes()).hexdigest()[:16]
    folder = out / "data" / f"n{n}"
    if not ((folder / "stamp").exists() and (folder / "stamp").read_text() == stamp):
        log(f"[data] writing the {n:,}-message data set")
        shutil.rmtree(folder, ignore_errors=True)
        synth.make_dataset(n, folder)
        (folder / "stamp").write_text(stamp)
    if sources and not (folder / "src").exists():
        log(f"[data] writing the source files for {n:,} messages")
        synth.write_sources(synth.generate(n), folder / "src" / "app")
    return folder


PYPROJECT = """\
[project]
name = "bench-app"
version = "0"

[tool.msgbook]
catalogue = "messages/catalogue.yaml"
sources = ["src/**/*.py"]
"""


def snapshot(root: Path) -> dict[str, tuple[int, int, int]]:
    """(mtime_ns, inode, size) of every file under ``root``."""
    result = {}
    for path in root.rglob("*"):
        if path.is_file():
            st = path.stat()
            result[path.relative_to(root).as_posix()] = (st.st_mtime_ns, st.st_ino, st.st_size)
    return result


def is_input(relative: str) -> bool:
    return (
        relative in ("pyproject.toml", "messages/catalogue.yaml")
        or relative.startswith("src/")
        or (relative.startswith("locales/") and relative.endswith(".po"))
    )


def strip_outputs(root: Path) -> None:
    """Remove everything but the inputs: catalogue, settings, sources and translated .po."""
    for relative in snapshot(root):
        if not is_input(relative):
            (root / relative).unlink()
    for path in sorted(root.rglob("*"), key=lambda p: len(p.parts), reverse=True):
        if path.is_dir() and not any(path.iterdir()):
            path.rmdir()


def copy_project(src: Path, dst: Path) -> Path:
    shutil.rmtree(dst, ignore_errors=True)
    shutil.copytree(src, dst, symlinks=True)
    return dst


@dataclass
class Pieces:
    """Which msgbook pieces do real work yet (others are stubs returning nothing)."""

    gettext: bool = False
    runtime: bool = False
    docs: bool = False
    sources: bool = False
    mkdocs: bool = False
    notes: list[str] = field(default_factory=list)

    @property
    def any_output(self) -> bool:
        return self.gettext or self.runtime or self.docs

    def missing(self, *names: str) -> list[str]:
        return [name for name in names if not getattr(self, name)]


PROBE_CATALOGUE = """\
domain: probe
source_locale: en
locales: [ja]
groups:
  probe-notes:
    title: Probe notes
messages:
  probe-note:
    group: probe-notes
    params:
      path: {type: str, example: "~/x"}
    text: "Keep `{path}` safe for the next three runs."
    when: Printed by the benchmark probe.
  probe-unused:
    group: probe-notes
    text: "Nobody calls this message in the probe sources."
"""


def probe(work: Path) -> Pieces:
    """Build and check a tiny project to see which pieces are implemented."""
    root = work / "probe"
    shutil.rmtree(root, ignore_errors=True)
    (root / "messages").mkdir(parents=True)
    (root / "src").mkdir()
    (root / "messages" / "catalogue.yaml").write_text(PROBE_CATALOGUE, encoding="utf-8")
    (root / "pyproject.toml").write_text('[tool.msgbook]\nsources = ["src/*.py"]\n', encoding="utf-8")
    (root / "src" / "a.py").write_text('print("Nobody calls this message in the probe sources.")\n', encoding="utf-8")
    pieces = Pieces()
    built = msgbook("build", root)
    if built.rc == 2:
        pieces.notes.append(f"msgbook build cannot run: {last_line(built.err)}")
    files = set(snapshot(root))
    pieces.gettext = {
        "locales/probe.pot",
        "locales/ja/LC_MESSAGES/probe.po",
        "locales/ja/LC_MESSAGES/probe.mo",
    } <= files
    pieces.runtime = "messages/__init__.py" in files
    pieces.docs = any(re.match(r"site/docs/.*reference/.*\.md$", f) for f in files)
    checked = msgbook("check", root)
    pieces.sources = "src/a.py" in checked.out
    mkdocs_yml = REPO / "site" / "mkdocs.yml"
    pieces.mkdocs = (
        (REPO / "generator" / "mkdocs_plugin.py").exists()
        and mkdocs_yml.exists()
        and "msgbook" in mkdocs_yml.read_text(encoding="utf-8")
    )
    return pieces


@dataclass
class Seeds:
    """Projects to copy before each timed build: only inputs, no outputs, no cache."""

    full: Path  # 2 locales, translated .po in msgbook's own format
    one: Path  # 1 locale (ja)
    churn: Path  # the churned catalogue next to the unchanged .po
    churn_catalogue: Path
    notes: list[str] = field(default_factory=list)


def prepare_seeds(data: Path, work: Path, pieces: Pieces) -> Seeds:
    """Translated projects as a team has them committed (then stripped of outputs)."""
    synth = synth_module()
    full = work / "seed-full"
    shutil.rmtree(full, ignore_errors=True)
    (full / "messages").mkdir(parents=True)
    shutil.copy(data / "catalogue.yaml", full / "messages" / "catalogue.yaml")
    (full / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    if (data / "src").exists():
        shutil.copytree(data / "src", full / "src")
    for locale in LOCALES:
        target = full / "locales" / locale / "LC_MESSAGES" / f"{DOMAIN}.po"
        target.parent.mkdir(parents=True)
        shutil.copy(data / "po" / f"{locale}.po", target)
    notes: list[str] = []
    if pieces.gettext:
        log("[seed] msgbook build, translate what it added, build again")
        first = msgbook("build", full)
        if first.rc == 2:
            raise RuntimeError(f"msgbook build on the synthetic project cannot run: {last_line(first.err)}")
        filled = 0
        for po in sorted((full / "locales").glob("*/LC_MESSAGES/*.po")):
            filled += synth.fill_po(po, po.parent.parent.name)
        if filled:
            notes.append(f"{filled} entries msgbook added were pseudo-translated")
        second = msgbook("build", full)
        errors = [line for line in second.out.splitlines() if ": error:" in line]
        if errors:
            notes.append(f"build reports {len(errors)} errors, e.g. {errors[0][:160]}")
    strip_outputs(full)
    one = copy_project(full, work / "seed-one")
    shutil.copy(data / "catalogue-1locale.yaml", one / "messages" / "catalogue.yaml")
    for locale in LOCALES[1:]:
        shutil.rmtree(one / "locales" / locale)
    churn = copy_project(full, work / "seed-churn")
    shutil.copy(data / "catalogue-churn.yaml", churn / "messages" / "catalogue.yaml")
    return Seeds(full, one, churn, data / "catalogue-churn.yaml", notes)


# ---------------------------------------------------------------------------
# figure (a): load + validate


def figure_load(ctx: Context) -> list[Row]:
    rows = []
    for n in ctx.sizes:
        data = ensure_data(ctx.out, n, sources=False)
        path = str(data / "catalogue.yaml")
        runs = ctx.runs_for(n)
        ours: list[float] = []
        bare: list[float] = []
        compose: list[float] = []
        rss: list[float] = []
        diagnostics = 0
        for i in range(runs):
            log(f"[load] N={n:,} run {i + 1}/{runs}")
            order = ("ours", "bare", "compose") if i % 2 == 0 else ("bare", "compose", "ours")
            for kind in order:
                if kind == "ours":
                    got = child("load", path)
                    ours.append(got["seconds"])
                    rss.append(got["_rss_mb"])
                    diagnostics = got["diagnostics"]
                elif kind == "bare":
                    bare.append(child("yaml", path)["seconds"])
                else:
                    compose.append(child("compose", path)["seconds"])
        note = f"{per_msg(median(ours), n)}/msg"
        if diagnostics:
            note += f"; {diagnostics} diagnostics on the synthetic catalogue"
        rows.append(
            Row(
                "a",
                "load + validate catalogue",
                f"{n:,}",
                median(ours),
                "yaml.load(CSafeLoader)",
                median(bare),
                1.2,
                rss_mb=max(rss),
                note=note,
                samples=ours,
                base_samples=bare,
            )
        )
        rows.append(
            Row(
                "a",
                "(ref) yaml.compose(CSafeLoader), the marked node tree",
                f"{n:,}",
                median(compose),
                "yaml.load(CSafeLoader)",
                median(bare),
                samples=compose,
            )
        )
    return rows


def per_msg(seconds: float | None, n: int) -> str:
    return "—" if seconds is None else f"{seconds / n * 1e6:,.0f} µs"


# ---------------------------------------------------------------------------
# figures (b) build, (c) churn, (d) no-op, (g) check: one series of CLI runs


@dataclass
class Series:
    full: list[Run] = field(default_factory=list)
    steady: list[Run] = field(default_factory=list)
    one: list[Run] = field(default_factory=list)
    noop: list[Run] = field(default_factory=list)
    noop_changed: list[list[str]] = field(default_factory=list)
    churn_inc: list[Run] = field(default_factory=list)
    churn_cold: list[Run] = field(default_factory=list)
    check_cold: list[Run] = field(default_factory=list)
    check_warm: list[Run] = field(default_factory=list)
    pybabel: dict[str, list[tuple[float, float]]] = field(default_factory=dict)  # locale -> (seconds, rss)
    gnu: dict[str, list[tuple[float, float]]] = field(default_factory=dict)
    written: int = 0
    failures: list[str] = field(default_factory=list)


def pybabel_locale(folder: Path, locale: str) -> tuple[float, float]:
    pot, locales = str(folder / f"{DOMAIN}.pot"), str(folder / "locales")
    update = run(
        [str(BIN / "pybabel"), "-q", "update", "-i", pot, "-d", locales, "-D", DOMAIN, "-l", locale], check=True
    )
    compile_ = run(
        [str(BIN / "pybabel"), "-q", "compile", "-d", str(folder / "locales"), "-D", DOMAIN, "-l", locale],
        check=True,
    )
    return update.seconds + compile_.seconds, max(update.rss_mb, compile_.rss_mb)


def gnu_locale(folder: Path, locale: str) -> tuple[float, float]:
    po = folder / "locales" / locale / "LC_MESSAGES" / f"{DOMAIN}.po"
    merged = folder / f"merged-{locale}.po"
    merge = run(["msgmerge", "-q", "-o", str(merged), str(po), str(folder / f"{DOMAIN}.pot")], check=True)
    fmt = run(["msgfmt", "-o", str(folder / f"{locale}.mo"), str(merged)], check=True)
    return merge.seconds + fmt.seconds, max(merge.rss_mb, fmt.rss_mb)


def baseline_folder(data: Path, work: Path, name: str) -> Path:
    folder = work / name
    shutil.rmtree(folder, ignore_errors=True)
    for locale in LOCALES:
        target = folder / "locales" / locale / "LC_MESSAGES" / f"{DOMAIN}.po"
        target.parent.mkdir(parents=True)
        shutil.copy(data / "po" / f"{locale}.po", target)
    shutil.copy(data / f"{DOMAIN}.pot", folder / f"{DOMAIN}.pot")
    return folder


def run_series(ctx: Context) -> Series:
    """Full, one-locale, no-op, churned and check runs, interleaved with the baselines."""
    wanted = set(ctx.figures)
    series = Series()
    data = ctx.data10k
    seeds = ctx.seeds
    work = ctx.out / "work"
    babel = gnu = None
    if "build" in wanted:
        babel = baseline_folder(data, work, "pybabel")
        gnu = baseline_folder(data, work, "gnu")
        for locale in LOCALES:  # steady state: pybabel has already rewritten the .po once
            pybabel_locale(babel, locale)
    runs = ctx.runs_for(10_000)
    for i in range(runs):
        log(f"[build] run {i + 1}/{runs}")
        if babel is not None and gnu is not None and i % 2 == 0:
            for locale in LOCALES:
                series.pybabel.setdefault(locale, []).append(pybabel_locale(babel, locale))
                series.gnu.setdefault(locale, []).append(gnu_locale(gnu, locale))
        root = copy_project(seeds.full, work / "run")
        full = msgbook("build", root)
        series.full.append(full)
        if full.rc == 2:
            series.failures.append(f"full build: {last_line(full.err)}")
        series.written = full.out.count("wrote ")
        if wanted & {"noop"}:
            before = snapshot(root)
            series.noop.append(msgbook("build", root))
            after = snapshot(root)
            series.noop_changed.append(sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k)))
        if "build" in wanted:  # the same inputs built before: .msgbook-cache kept, every output removed
            for line in full.out.splitlines():
                if line.startswith("wrote "):
                    (root / line.removeprefix("wrote ").strip()).unlink(missing_ok=True)
            series.steady.append(msgbook("build", root))
        if "check" in wanted:
            series.check_warm.append(msgbook("check", root))
            shutil.rmtree(root / ".msgbook-cache", ignore_errors=True)
            series.check_cold.append(msgbook("check", root))
        if "churn" in wanted:
            msgbook("build", root)  # the cache and outputs as a developer has them
            shutil.copy(seeds.churn_catalogue, root / "messages" / "catalogue.yaml")
            series.churn_inc.append(msgbook("build", root))
            series.churn_cold.append(msgbook("build", copy_project(seeds.churn, work / "run-churn")))
        if "build" in wanted:
            series.one.append(msgbook("build", copy_project(seeds.one, work / "run-one")))
        if babel is not None and gnu is not None and i % 2 == 1:
            for locale in LOCALES:
                series.gnu.setdefault(locale, []).append(gnu_locale(gnu, locale))
                series.pybabel.setdefault(locale, []).append(pybabel_locale(babel, locale))
    for name in ("run", "run-churn", "run-one"):
        shutil.rmtree(work / name, ignore_errors=True)
    return series


def secs(runs: Iterable[Run]) -> list[float]:
    return [r.seconds for r in runs]


def peak(runs: Iterable[Run]) -> float | None:
    values = [r.rss_mb for r in runs]
    return max(values) if values else None


def cli_row(
    figure: str,
    what: str,
    runs: list[Run],
    baseline: str,
    base: float,
    target: float,
    missing: list[str],
    note: str = "",
) -> Row:
    """A row for CLI runs of msgbook measured against another median of the same run."""
    return Row(
        figure,
        what,
        "10,000",
        median(secs(runs)),
        baseline,
        base,
        target,
        rss_mb=peak(runs),
        partial=bool(missing),
        note=note,
        samples=secs(runs),
    )


def build_rows(ctx: Context, series: Series) -> list[Row]:
    missing = ctx.pieces.missing("gettext", "runtime", "docs")
    partial = bool(missing)
    note = f"partial: {', '.join(missing)} still stubs" if missing else ""
    if series.failures:
        note = f"{note}; {series.failures[0]}".strip("; ")
    rows: list[Row] = []
    full = median(secs(series.full))
    pybabel = [sum(v[i][0] for v in series.pybabel.values()) for i in range(len(series.pybabel.get("ja", [])))]
    gnu = [sum(v[i][0] for v in series.gnu.values()) for i in range(len(series.gnu.get("ja", [])))]
    if not ctx.pieces.any_output:
        return [Row("b", "full build, 2 locales", "10,000", note="not available yet: build writes nothing (stubs)")]
    settle = median([r.settle for r in series.full])
    written = f"{per_msg(full, 10_000)}/msg, wrote {series.written} files"
    if settle:
        written += f"; its cache files were written by a detached process, done {fmt_value(settle, 's')} after exit"
    steady = median(secs(series.steady))
    for what, value, runs, extra in (
        ("full build, 2 locales, fresh clone (no .msgbook-cache)", full, series.full, written),
        ("full build, 2 locales, steady state (same inputs built before; outputs removed)", steady, series.steady, ""),
    ):
        common = {"n": "10,000", "partial": partial, "rss_mb": peak(runs), "samples": secs(runs)}
        for baseline, values, target in (("pybabel update+compile ×2", pybabel, 0.3), ("msgmerge+msgfmt ×2", gnu, 0.5)):
            rows.append(
                Row(
                    "b",
                    what,
                    value=value,
                    baseline=baseline,
                    base_value=median(values),
                    target=target,
                    note="; ".join(x for x in (note, extra if target == 0.3 else "") if x),
                    base_samples=values,
                    **common,
                )
            )
    one = median(secs(series.one))
    for locale in LOCALES:
        for name, values in (("pybabel update+compile", series.pybabel), ("msgmerge+msgfmt", series.gnu)):
            got = values.get(locale, [])
            rows.append(
                Row(
                    "b",
                    f"  baseline per locale: {name} {locale}",
                    "10,000",
                    median([v[0] for v in got]),
                    rss_mb=max((v[1] for v in got), default=None),
                    samples=[v[0] for v in got],
                )
            )
    rows.append(
        Row(
            "b",
            "full build, 1 locale (ja)",
            "10,000",
            one,
            "pybabel update+compile ja",
            median([v[0] for v in series.pybabel.get("ja", [])]),
            0.3,
            rss_mb=peak(series.one),
            partial=partial,
            note=note,
            samples=secs(series.one),
        )
    )
    rows.append(
        Row(
            "b",
            "full build, 1 locale (ja)",
            "10,000",
            one,
            "msgmerge+msgfmt ja",
            median([v[0] for v in series.gnu.get("ja", [])]),
            0.5,
            partial=partial,
            note=note,
        )
    )
    return rows


def churn_rows(ctx: Context, series: Series) -> list[Row]:
    if not ctx.pieces.any_output:
        return [Row("c", "build after 1 % churn", "10,000", note="not available yet: build writes nothing (stubs)")]
    missing = ctx.pieces.missing("gettext", "runtime", "docs")
    note = f"partial: {', '.join(missing)} still stubs" if missing else ""
    full = median(secs(series.full))
    baseline = "full build, unchanged"
    return [
        cli_row(
            "c",
            "build after 1 % churn, outputs of the old version present",
            series.churn_inc,
            baseline,
            full,
            1.2,
            missing,
            note,
        ),
        cli_row(
            "c",
            "build after 1 % churn, from translated .po only",
            series.churn_cold,
            baseline,
            full,
            1.2,
            missing,
            note,
        ),
    ]


def noop_rows(ctx: Context, series: Series) -> list[Row]:
    if not ctx.pieces.any_output:
        return [Row("d", "no-op rebuild", "10,000", note="not available yet: build writes nothing (stubs)")]
    changed = sorted({path for paths in series.noop_changed for path in paths})
    writes = "no file written (mtime+inode)" if not changed else f"WROTE {len(changed)} files: {', '.join(changed[:4])}"
    missing = ctx.pieces.missing("gettext", "runtime", "docs")
    note = writes + (f"; partial: {', '.join(missing)} still stubs" if missing else "")
    row = cli_row("d", "no-op rebuild (CLI)", series.noop, "full build", median(secs(series.full)), 0.10, missing, note)
    rows = [row]
    rows.append(
        Row(
            "d",
            "no-op rebuild writes no file",
            "10,000",
            float(len(changed)),
            unit="files",
            note=", ".join(changed[:6]),
            verdict="PASS" if not changed else "FAIL",
        )
    )
    return rows


def check_rows(ctx: Context, series: Series) -> list[Row]:
    if not ctx.pieces.any_output:
        return [Row("g", "msgbook check", "10,000", note="not available yet: build writes nothing (stubs)")]
    missing = ctx.pieces.missing("gettext", "runtime", "docs", "sources")
    findings = series.check_cold[-1].out.count(": error:") + series.check_cold[-1].out.count(": warning:")
    note = f"{findings} findings on 1,000 source files × 200 lines"
    if missing:
        note += f"; partial: {', '.join(missing)} still stubs"
    full = median(secs(series.full))
    return [
        cli_row("g", "check, no cache (fresh clone / CI)", series.check_cold, "full build", full, 1.5, missing, note),
        cli_row("g", "check, after a build (warm cache)", series.check_warm, "full build", full, 1.5, missing),
    ]


# ---------------------------------------------------------------------------
# figure (e): runtime


def figure_runtime(ctx: Context) -> list[Row]:
    if not ctx.pieces.runtime:
        return [Row("e", "runtime calls and import", "10,000", note="not available yet: runtime module is a stub")]
    work = ctx.out / "work"
    root = copy_project(ctx.seeds.full, work / "runtime")
    built = msgbook("build", root)
    if built.rc == 2:
        return [Row("e", "runtime", "10,000", note=f"build failed: {last_line(built.err)}")]
    mo = root / "locales" / "ja" / "LC_MESSAGES" / f"{DOMAIN}.mo"
    if not mo.exists():
        mo = work / "runtime-ja.mo"
        run(["msgfmt", "-o", str(mo), str(ctx.data10k / "po" / "ja.po")], check=True)
    meta = str(ctx.data10k / "meta.json")
    env = {"LANG": "C.UTF-8", "LANGUAGE": "", "LC_ALL": "", "LC_MESSAGES": ""}
    child("import", str(root), cwd=root, env=env)  # write the .pyc files
    calls: list[dict[str, Any]] = []
    warm: list[dict[str, Any]] = []
    cold: list[dict[str, Any]] = []
    first: list[dict[str, Any]] = []
    moload: list[dict[str, Any]] = []
    runs = ctx.runs_for(10_000)
    for i in range(runs):
        log(f"[runtime] run {i + 1}/{runs}")
        calls.append(child("calls", str(root), meta, str(mo), cwd=root, env=env))
        moload.append(child("moload", str(mo), cwd=root, env=env))
        warm.append(child("import", str(root), cwd=root, env=env))
        first.append(child("firstuse", str(root), meta, cwd=root, env=env))
        for cache in (root / "messages").rglob("__pycache__"):
            shutil.rmtree(cache)
        cold.append(child("import", str(root), cwd=root, env=env))
    shutil.rmtree(root, ignore_errors=True)

    def med(items: list[dict[str, Any]], key: str) -> float | None:
        values = [item[key] for item in items if item.get(key) is not None]
        return median(values)

    notes = sorted({note for c in calls for note in c.get("notes", [])})
    note = "; ".join(notes)
    n = "10,000"
    gen2 = med(calls, "gen2")
    rows = [
        Row(
            "e",
            "2-placeholder call, locale ja (set_locale)",
            n,
            gen2,
            "bound pgettext + str.format",
            med(calls, "pgettext_format"),
            0.35,
            unit="ns",
            note=note,
        ),
        Row(
            "e",
            "2-placeholder call, locale ja (set_locale)",
            n,
            gen2,
            "f-string in kw-only function",
            med(calls, "fstring"),
            unit="ns",
        ),
        Row(
            "e",
            "2-placeholder call, locale= argument",
            n,
            med(calls, "gen2_arg"),
            "bound pgettext + str.format",
            med(calls, "pgettext_format"),
            unit="ns",
        ),
        Row(
            "e",
            "2-placeholder call, source locale (en)",
            n,
            med(calls, "gen2_en"),
            "f-string in kw-only function",
            med(calls, "fstring"),
            unit="ns",
        ),
        Row(
            "e",
            "no-placeholder call, locale ja",
            n,
            med(calls, "gen0"),
            "function returning a constant",
            med(calls, "const"),
            2.0,
            unit="ns",
        ),
        Row(
            "e",
            "warm import (from .pyc)",
            n,
            med(warm, "seconds"),
            "GNUTranslations(.mo) load",
            med(moload, "seconds"),
            1.0,
            rss_mb=med(warm, "rss_delta_mb"),
            note="RSS column: growth of the process",
        ),
        Row(
            "e",
            "cold import (compiles, writes .pyc)",
            n,
            med(cold, "seconds"),
            "warm import",
            med(warm, "seconds"),
            rss_mb=med(cold, "_rss_mb"),
            note="RSS column: peak of the process",
        ),
        Row(
            "e",
            "first use of locale ja (after warm import)",
            n,
            med(first, "seconds"),
            "GNUTranslations(.mo) load",
            med(moload, "seconds"),
            1.0,
            rss_mb=med(first, "rss_delta_mb"),
            note=first[-1].get("note", "") if first else "",
        ),
    ]
    return rows


# ---------------------------------------------------------------------------
# figure (f): docs rendering and mkdocs


def figure_docs(ctx: Context) -> list[Row]:
    if not ctx.pieces.docs:
        return [Row("f", "docs pages, 2 languages", "10,000", note="not available yet: docs renderer is a stub")]
    root = copy_project(ctx.seeds.full, ctx.out / "work" / "docs")
    if ctx.pieces.gettext:
        msgbook("build", root)
    ours: list[float] = []
    jinja: list[float] = []
    info: dict[str, Any] = {}
    runs = ctx.runs_for(10_000)
    for i in range(runs):
        log(f"[docs] run {i + 1}/{runs}")
        info = child("docs", str(root), str(ctx.data10k.name), "msgbook" if i % 2 == 0 else "jinja", cwd=REPO)
        ours.append(info["render_docs"])
        jinja.append(info["jinja"])
    shutil.rmtree(root, ignore_errors=True)
    partial = "" if ctx.pieces.gettext else "partial: gettext is a stub, so the ja pages show English; "
    return [
        Row(
            "f",
            "render_docs: 10k messages, pages in en, ja and de",
            "10,000",
            median(ours),
            "plain Jinja2 table, same rows",
            median(jinja),
            2.0,
            partial=bool(partial),
            note=f"{partial}{info.get('pages', 0)} pages, {info.get('bytes', 0) / 1e6:.1f} MB; Jinja2: {info.get('jinja_bytes', 0) / 1e6:.1f} MB",
            samples=ours,
            base_samples=jinja,
        )
    ]


DUMP_HOOK = """\
import pathlib

from mkdocs.plugins import event_priority

DUMP = pathlib.Path({dump!r})
SITE = pathlib.Path({site!r})


@event_priority(-100)
def on_page_markdown(markdown, page, config, files):
    target = DUMP / pathlib.Path(page.file.abs_src_path).resolve().relative_to(SITE)
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(markdown, encoding="utf-8")
    return markdown
"""


def without_plugin(config: str, name: str) -> str:
    """mkdocs.yml text with the plugin ``name`` (and its options) removed from ``plugins:``."""
    lines = config.splitlines()
    out: list[str] = []
    skip_indent: int | None = None
    for line in lines:
        indent = len(line) - len(line.lstrip())
        if skip_indent is not None:
            if line.strip() and indent <= skip_indent:
                skip_indent = None
            else:
                continue
        if re.match(rf"\s*-\s+{re.escape(name)}\s*:?\s*(#.*)?$", line):
            skip_indent = indent
            continue
        out.append(line)
    return "\n".join(out) + "\n"


def with_hook(config: str, hook: Path) -> str:
    lines = config.splitlines()
    for i, line in enumerate(lines):
        if re.match(r"hooks\s*:", line):
            lines.insert(i + 1, f"  - {hook}")
            return "\n".join(lines) + "\n"
    return config.rstrip("\n") + f"\nhooks:\n  - {hook}\n"


def has_marker(markdown: str) -> bool:
    """True when a msgbook marker stands on its own line outside a code fence."""
    fenced = False
    for line in markdown.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        elif not fenced and re.fullmatch(r"\s*<!-- msgbook:(group|message) \S+ -->\s*", line):
            return True
    return False


def figure_mkdocs(ctx: Context) -> list[Row]:
    if not ctx.pieces.mkdocs:
        return [
            Row(
                "f",
                "mkdocs build, bundled site",
                "bundled",
                note="not available yet: no site/mkdocs.yml with the msgbook plugin",
            )
        ]
    work = ctx.out / "work"
    plugin = work / "site-plugin"
    shutil.rmtree(plugin, ignore_errors=True)
    ignore = shutil.ignore_patterns(".git", ".venv", "out", "__pycache__", ".mypy_cache", ".ruff_cache", "*.egg-info")
    shutil.copytree(REPO, plugin, ignore=ignore, symlinks=True)
    shutil.rmtree(plugin / "site" / "site", ignore_errors=True)
    msgbook("build", plugin)
    site_dir = plugin / "site"
    mkdocs_yml = site_dir / "mkdocs.yml"
    config = mkdocs_yml.read_text(encoding="utf-8")
    dump = work / "site-dump"
    shutil.rmtree(dump, ignore_errors=True)
    hook = work / "msgbook_dump_hook.py"
    hook.write_text(DUMP_HOOK.format(dump=str(dump), site=str(site_dir.resolve())), encoding="utf-8")
    mkdocs_yml.write_text(with_hook(config, hook), encoding="utf-8")
    mkdocs = str(BIN / "mkdocs")
    dumped = run([mkdocs, "build", "-q", "-f", str(mkdocs_yml), "-d", str(work / "site-out")], cwd=plugin)
    mkdocs_yml.write_text(config, encoding="utf-8")
    if dumped.rc != 0:
        return [Row("f", "mkdocs build, bundled site", "bundled", note=f"mkdocs build failed: {last_line(dumped.err)}")]
    pasted = copy_project(plugin, work / "site-pasted")
    for page in dump.rglob("*.md"):
        target = pasted / "site" / page.relative_to(dump)
        shutil.copy(page, target)
    (pasted / "site" / "mkdocs.yml").write_text(without_plugin(config, "msgbook"), encoding="utf-8")
    leftover = sum(has_marker(p.read_text(encoding="utf-8")) for p in dump.rglob("*.md"))
    ours: list[float] = []
    plain: list[float] = []
    rss: list[float] = []
    runs = ctx.runs_for(10_000)
    for i in range(runs):
        log(f"[mkdocs] run {i + 1}/{runs}")
        for kind in ("plugin", "plain") if i % 2 == 0 else ("plain", "plugin"):
            folder = plugin if kind == "plugin" else pasted
            result = run(
                [
                    mkdocs,
                    "build",
                    "-q",
                    "-f",
                    str(folder / "site" / "mkdocs.yml"),
                    "-d",
                    str(work / f"site-out-{kind}"),
                ],
                cwd=folder,
            )
            if result.rc != 0:
                return [
                    Row(
                        "f",
                        "mkdocs build, bundled site",
                        "bundled",
                        note=f"mkdocs build ({kind}) failed: {last_line(result.err)}",
                    )
                ]
            if kind == "plugin":
                ours.append(result.seconds)
                rss.append(result.rss_mb)
            else:
                plain.append(result.seconds)
    pages = len(list(dump.rglob("*.md")))
    note = f"{pages} pages"
    if leftover:
        note += f"; {leftover} pages still had msgbook markers after the plugin ran"
    for name in ("site-plugin", "site-pasted", "site-dump", "site-out", "site-out-plugin", "site-out-plain"):
        shutil.rmtree(work / name, ignore_errors=True)
    return [
        Row(
            "f",
            "mkdocs build of the bundled site, with the plugin",
            "bundled",
            median(ours),
            "same site, tables pasted as Markdown",
            median(plain),
            1.2,
            rss_mb=max(rss),
            note=note,
            samples=ours,
            base_samples=plain,
        )
    ]


# ---------------------------------------------------------------------------
# children: one measurement in a fresh interpreter, JSON on stdout


def rss_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def child_load(path: str) -> dict[str, Any]:
    from generator.load import load_catalogue
    from generator.validate import validate

    data = Path(path).read_bytes()
    start = time.perf_counter()
    catalogue, diagnostics = load_catalogue(data, "messages/catalogue.yaml")
    more = validate(catalogue) if catalogue is not None else []
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "diagnostics": len(diagnostics) + len(more)}


def child_yaml(path: str, compose: bool = False) -> dict[str, Any]:
    import yaml

    data = Path(path).read_bytes()
    start = time.perf_counter()
    if compose:
        yaml.compose(data, Loader=yaml.CSafeLoader)
    else:
        yaml.load(data, Loader=yaml.CSafeLoader)
    return {"seconds": time.perf_counter() - start}


def per_call_ns(stmt: str, namespace: dict[str, Any]) -> float:
    import timeit

    timer = timeit.Timer(stmt, globals=namespace)
    number, _ = timer.autorange()
    number = max(number, 10_000)
    return min(timer.repeat(repeat=5, number=number)) / number * 1e9


def fill(text: str, values: dict[str, Any]) -> str:
    return re.sub(r"\{(\w+)\}", lambda m: str(values[m.group(1)]), text)


def child_calls(root: str, meta_path: str, mo: str) -> dict[str, Any]:
    import gettext

    sys.path.insert(0, root)
    import messages as m

    meta = json.loads(Path(meta_path).read_text(encoding="utf-8"))
    two = meta["samples"]["two_placeholders"]
    zero = meta["samples"]["no_placeholder"]
    values = two["params"]
    notes = []
    with open(mo, "rb") as handle:
        translations = gettext.GNUTranslations(handle)
    gen2 = getattr(m, two["name"])
    gen0 = getattr(m, zero["name"])
    args = ", ".join(f"{k}=v_{k}" for k in values)
    namespace: dict[str, Any] = {f"v_{k}": v for k, v in values.items()}
    fstring_src = f"def fstring(*, {', '.join(values)}):\n    return f{two['ja']!r}\n"
    const_src = f"def const():\n    return {zero['ja']!r}\n"
    exec(fstring_src + const_src, namespace)
    namespace.update(gen2=gen2, gen0=gen0, pg=translations.pgettext, ctx=two["context"], msgid=two["en"])
    expected = fill(two["ja"], values)
    if translations.pgettext(two["context"], two["en"]) != two["ja"]:
        notes.append("the .mo lacks the sample's Japanese text")
    results: dict[str, Any] = {}
    results["pgettext_format"] = per_call_ns(f"pg(ctx, msgid).format({args})", namespace)
    results["fstring"] = per_call_ns(f"fstring({args})", namespace)
    results["const"] = per_call_ns("const()", namespace)
    results["gen2_en"] = per_call_ns(f"gen2({args})", namespace)
    results["gen2_arg"] = per_call_ns(f"gen2({args}, locale='ja')", namespace)
    if hasattr(m, "set_locale"):
        m.set_locale("ja")
    else:
        notes.append("no set_locale(): calls pass locale='ja'")
        namespace["gen2"] = lambda **kw: gen2(**kw, locale="ja")
    got = gen2(**values) if hasattr(m, "set_locale") else gen2(**values, locale="ja")
    if got != expected:
        notes.append(f"generated call returned {got[:40]!r}…, not the Japanese text")
    results["gen2"] = per_call_ns(f"gen2({args})", namespace)
    results["gen0"] = per_call_ns("gen0()", namespace)
    results["notes"] = notes
    return results


def child_import(root: str) -> dict[str, Any]:
    sys.path.insert(0, root)
    before = rss_kb()
    start = time.perf_counter()
    import messages  # noqa: F401

    seconds = time.perf_counter() - start
    return {"seconds": seconds, "rss_delta_mb": (rss_kb() - before) / 1024}


def child_firstuse(root: str, meta_path: str) -> dict[str, Any]:
    sys.path.insert(0, root)
    import messages as m

    meta = json.loads(Path(meta_path).read_text(encoding="utf-8"))
    two = meta["samples"]["two_placeholders"]
    function = getattr(m, two["name"])
    function(**two["params"])  # the function itself is warm; only the locale is new
    before = rss_kb()
    start = time.perf_counter()
    got = function(**two["params"], locale="ja")
    seconds = time.perf_counter() - start
    note = "" if got == fill(two["ja"], two["params"]) else "first ja call did not return the Japanese text"
    return {"seconds": seconds, "rss_delta_mb": (rss_kb() - before) / 1024, "note": note}


def child_moload(mo: str) -> dict[str, Any]:
    import gettext

    start = time.perf_counter()
    with open(mo, "rb") as handle:
        gettext.GNUTranslations(handle)
    return {"seconds": time.perf_counter() - start}


JINJA_PAGE = """\
# {{ title }}

{{ description | cell }}

| Message | When it appears | What to do | Exit code |
| --- | --- | --- | --- |
{% for row in rows %}| {{ row.message | cell }} | {{ row.when | cell }} | {{ row.action | cell }} | {{ row.exit_code }} |
{% endfor %}"""


def jinja_rows(n: int) -> list[tuple[str, str, list[dict[str, Any]]]]:
    """(language, title, rows) per generated page, from the same synthetic catalogue."""
    synth = synth_module()
    cat = synth.generate(n)
    by_id = {m.id: m for m in cat.messages}

    def show(text: str, msg: Any, lang: str) -> str:
        def ref(match: re.Match[str]) -> str:
            target = by_id[match.group(1)]
            return show(target.text, target, lang)

        text = synth.pseudo(text, lang) if lang != "en" else text
        text = re.sub(r"\{@([a-z0-9-]+)\}", ref, text)
        return re.sub(r"\{(\w+)\}", lambda m: str(msg.params[m.group(1)].get("example", f"<{m.group(1)}>")), text)

    pages = []
    for lang in ("en", *LOCALES):  # the same pages render_docs writes: one set per language
        for group in cat.groups:
            rows = []
            for msg in cat.messages:
                if msg.group != group.id:
                    continue
                texts = (
                    [msg.text]
                    if isinstance(msg.text, str)
                    else list(msg.text.values())
                    if isinstance(msg.text, dict)
                    else [t for _, t in msg.variants]
                )
                for text in texts:
                    shown = show(text, msg, lang)
                    if lang != "en":
                        shown = f"{shown}\n{show(text, msg, 'en')}"
                    rows.append(
                        {
                            "message": shown,
                            "when": synth.pseudo(msg.when, lang) if msg.when and lang != "en" else msg.when or "",
                            "action": synth.pseudo(msg.action, lang)
                            if msg.action and lang != "en"
                            else msg.action or "",
                            "exit_code": msg.fields.get("exit_code", ""),
                        }
                    )
            pages.append((lang, group.title, rows))
    return pages


def child_docs(root: str, data_name: str, first: str = "msgbook") -> dict[str, Any]:
    import gc

    import jinja2

    from generator.emit.docs import render_docs
    from generator.pipeline import load_inputs
    from generator.project import load_project

    project = load_project(root)
    inputs = load_inputs(project)
    if inputs.catalogue is None:
        raise SystemExit(f"catalogue unusable: {inputs.diagnostics[:3]}")
    n = int(data_name.lstrip("n"))
    pages = jinja_rows(n)
    env = jinja2.Environment(autoescape=False, keep_trailing_newline=True)
    env.filters["cell"] = lambda s: str(s).replace("|", "\\|").replace("\n", "<br>")
    template = env.from_string(JINJA_PAGE)

    def timed_ours() -> tuple[float, dict[str, bytes]]:
        gc.collect()
        start = time.perf_counter()
        outputs = render_docs(project, inputs.catalogue, inputs.translations)
        return time.perf_counter() - start, outputs

    def timed_jinja() -> tuple[float, list[bytes]]:
        gc.collect()
        start = time.perf_counter()
        rendered = [template.render(title=title, description="", rows=rows).encode() for _, title, rows in pages]
        return time.perf_counter() - start, rendered

    # Whichever renders first in a fresh process also pays for growing its heap,
    # so the caller alternates the order between samples; each starts from a
    # collected heap, so that neither pays for collecting the other's garbage.
    if first == "jinja":
        jinja, rendered = timed_jinja()
        ours, outputs = timed_ours()
    else:
        ours, outputs = timed_ours()
        jinja, rendered = timed_jinja()
    return {
        "render_docs": ours,
        "jinja": jinja,
        "pages": len(outputs),
        "bytes": sum(len(v) for v in outputs.values()),
        "jinja_bytes": sum(len(r) for r in rendered),
    }


CHILDREN: dict[str, Callable[..., dict[str, Any]]] = {
    "load": child_load,
    "yaml": child_yaml,
    "compose": lambda path: child_yaml(path, compose=True),
    "calls": child_calls,
    "import": child_import,
    "firstuse": child_firstuse,
    "moload": child_moload,
    "docs": child_docs,
}


# ---------------------------------------------------------------------------
# driver


@dataclass
class Context:
    out: Path
    figures: list[str]
    quick: bool
    runs: int | None
    sizes: list[int]
    pieces: Pieces = field(default_factory=Pieces)
    _data10k: Path | None = None
    _seeds: Seeds | None = None

    def runs_for(self, n: int) -> int:
        if self.runs:
            return self.runs
        if self.quick:
            return 3
        return 3 if n >= 100_000 else 5

    @property
    def data10k(self) -> Path:
        if self._data10k is None:
            self._data10k = ensure_data(self.out, 10_000, sources=True)
        return self._data10k

    @property
    def seeds(self) -> Seeds:
        if self._seeds is None:
            self._seeds = prepare_seeds(self.data10k, self.out / "work", self.pieces)
        return self._seeds


def snapshot_code(folder: Path) -> str:
    """Run every figure on a frozen copy of ``generator/`` (it may change under us).

    Every subprocess imports ``generator`` from the copy through ``PYTHONPATH``;
    returns a short hash of the copied code for the report.
    """
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(REPO / "generator", folder / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    digest = hashlib.sha256()
    for path in sorted((folder / "generator").rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(folder), os.environ.get("PYTHONPATH", "")]))
    return f"generator/ snapshot {digest.hexdigest()[:12]}"


def machine() -> dict[str, str]:
    cpu = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    ram = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram = f"{int(line.split()[1]) / 1024 / 1024:.0f} GiB"
    versions = {}
    for name in ("yaml", "babel", "polib", "jinja2", "mkdocs"):
        with contextlib.suppress(ImportError):
            module = __import__(name)
            versions[name] = getattr(module, "__version__", getattr(module, "VERSION", "?"))
    gettext_version = last_line(run(["msgfmt", "--version"]).out.splitlines()[0]) if shutil.which("msgfmt") else "-"
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True).stdout
    dirty = subprocess.run(["git", "status", "--porcelain"], cwd=REPO, capture_output=True, text=True).stdout.strip()
    return {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "ram": ram,
        "python": platform.python_version(),
        "libraries": ", ".join(f"{k} {v}" for k, v in versions.items()),
        "gettext": gettext_version,
        "commit": commit.strip() + (" (+ uncommitted work)" if dirty else ""),
        "load average": "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg()),
    }


def measure(ctx: Context) -> Iterator[Row]:
    wanted = ctx.figures
    if "load" in wanted:
        yield from figure_load(ctx)
    if {"build", "churn", "noop", "check"} & set(wanted) and ctx.pieces.any_output:
        series = run_series(ctx)
        if "build" in wanted:
            yield from build_rows(ctx, series)
        if "churn" in wanted:
            yield from churn_rows(ctx, series)
        if "noop" in wanted:
            yield from noop_rows(ctx, series)
        if "check" in wanted:
            yield from check_rows(ctx, series)
    else:
        empty = Series()
        for name, rows in (("build", build_rows), ("churn", churn_rows), ("noop", noop_rows), ("check", check_rows)):
            if name in wanted:
                yield from rows(ctx, empty)
    if "runtime" in wanted:
        yield from figure_runtime(ctx)
    if "docs" in wanted:
        yield from figure_docs(ctx)
    if "mkdocs" in wanted:
        yield from figure_mkdocs(ctx)


def report(rows: list[Row], info: dict[str, str], pieces: Pieces, seeds_notes: list[str]) -> str:
    lines = ["# msgbook benchmark results", ""]
    lines += [f"- **{k}**: {v}" for k, v in info.items()]
    available = [n for n in ("gettext", "runtime", "docs", "sources", "mkdocs") if getattr(pieces, n)]
    stubs = [n for n in ("gettext", "runtime", "docs", "sources", "mkdocs") if not getattr(pieces, n)]
    lines.append(f"- **pieces**: working: {', '.join(available) or 'none'}; stubs: {', '.join(stubs) or 'none'}")
    lines += [f"- note: {note}" for note in [*pieces.notes, *seeds_notes]]
    lines += ["", markdown_table(rows)]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run msgbook's benchmarks.")
    parser.add_argument("--quick", action="store_true", help="1k and 10k only, 3 runs per figure")
    parser.add_argument("--only", default="", help=f"comma-separated figures: {', '.join(FIGURES)}")
    parser.add_argument("--runs", type=int, default=None, help="runs per figure (default 5; 3 at 100k and in --quick)")
    parser.add_argument("--out", type=Path, default=BENCH / "out", help="scratch and results folder")
    parser.add_argument("--probe", action="store_true", help="only say which msgbook pieces work yet")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        kind, *rest = args.child
        print(json.dumps(CHILDREN[kind](*rest)))
        return 0
    figures = [f.strip() for f in args.only.split(",") if f.strip()] or list(FIGURES)
    unknown = [f for f in figures if f not in FIGURES]
    if unknown:
        parser.error(f"unknown figure {unknown[0]!r}; choose from {', '.join(FIGURES)}")
    sizes = [1_000, 10_000] if args.quick else [1_000, 10_000, 100_000]
    out = args.out.resolve()
    (out / "work").mkdir(parents=True, exist_ok=True)
    ctx = Context(out, figures, args.quick, args.runs, sizes)
    info = machine()
    info["msgbook code"] = snapshot_code(out / "code")
    started = time.perf_counter()
    ctx.pieces = probe(out / "work")
    log(
        "[probe] "
        + ", ".join(
            f"{n}={'yes' if getattr(ctx.pieces, n) else 'stub'}"
            for n in ("gettext", "runtime", "docs", "sources", "mkdocs")
        )
    )
    for note in ctx.pieces.notes:
        log(f"[probe] {note}")
    if args.probe:
        return 0
    rows: list[Row] = []
    for row in measure(ctx):
        rows.append(row)
        log(f"  {row.figure} {row.what} N={row.n}: {fmt_value(row.value, row.unit)} {row.status}")
    info["load average"] += " → {:.2f} {:.2f} {:.2f} (start → end)".format(*os.getloadavg())
    info["duration"] = f"{time.perf_counter() - started:.0f} s"
    seeds_notes = ctx._seeds.notes if ctx._seeds else []
    text = report(rows, info, ctx.pieces, seeds_notes)
    (out / "results.md").write_text(text, encoding="utf-8")
    payload = {
        "machine": info,
        "pieces": asdict(ctx.pieces),
        "rows": [{**asdict(r), "ratio": r.ratio, "status": r.status} for r in rows],
    }
    (out / "results.json").write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")
    print(text_table(rows))
    print(f"\nwritten: {out / 'results.md'}")
    return 1 if any(r.status == "FAIL" for r in rows) else 0


if __name__ == "__main__":
    sys.exit(main())

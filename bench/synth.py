"""Deterministic synthetic msgbook projects for the benchmarks.

``make_dataset(n, out)`` writes, for ``n`` messages and a fixed seed:

- ``catalogue.yaml``: a catalogue in the msgbook format, with realistic
  proportions: ~40 % of the messages have one or two ``{placeholders}``,
  ~10 % are plurals, ~10 % have variants (a choice and a bool param, ``if``
  conditions and a default variant), ~5 % end with a ``{@id}`` reference to a
  fragment message of their group, ~1 % are docs-only (``runtime: false``);
  ``when``/``action`` docs texts; groups of ~50 messages; English texts of
  40-200 characters with backticks and quotes;
- ``catalogue-churn.yaml``: the next version, with 1 % of the English texts
  reworded, 1 % of the messages removed and 1 % added;
- ``po/<lang>.po`` for ``ja`` and ``de``: a pseudo-translation of every unit
  (a language prefix + the English, placeholders, references and code spans
  kept), keyed by msgctxt as msgbook maps units to gettext entries;
- ``app.pot``: the matching template (the input of the pybabel and GNU
  gettext baselines);
- ``meta.json``: the runtime signature of every message and the sample
  messages the runtime benchmark calls;
- with ``sources=True``: ``src/app/mod_NNNN.py``, 1,000 Python files of 200
  lines that call every runtime message (the input of the ``check`` benchmark).

Run ``python bench/synth.py 10000 DIR`` to write one data set by hand.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import polib

DOMAIN = "app"
LOCALES = ("ja", "de")
PREFIX = {"ja": "日本語訳：", "de": "Deutsch: "}
PLURAL_FORMS = {"ja": "nplurals=1; plural=0;", "de": "nplurals=2; plural=(n != 1);"}
GROUP_SIZE = 50
SEED = 20261128

AREAS = ("auth", "deploy", "dev", "jobs", "upload", "config", "cache", "workspace", "billing", "network")
SUBJECTS = (
    ("token", "The access token"),
    ("session", "Your anonymous session"),
    ("config", "The project configuration"),
    ("deployment", "The deployment"),
    ("server", "The local dev server"),
    ("credentials", "The credentials file"),
    ("upload", "The upload"),
    ("job", "The training job"),
    ("workspace", "The workspace"),
    ("cache", "The build cache"),
    ("key", "The API key"),
    ("build", "The remote build"),
)
VERBS = (
    ("refresh-failed", "could not be refreshed"),
    ("rejected", "was rejected by the server"),
    ("expired", "has expired"),
    ("running", "is already running"),
    ("missing", "was not found"),
    ("start-failed", "failed to start"),
    ("timeout", "timed out"),
    ("cancelled", "was cancelled"),
    ("outdated", "is out of date"),
    ("unwritable", "cannot be written"),
)
FILLERS = (
    "Run `app login` to sign in again.",
    'See "Troubleshooting" in the docs for details.',
    "Nothing was changed on the server.",
    "Your local files are kept.",
    "Use `--force` to override this check.",
    "Set `APP_TOKEN` in the environment to skip the prompt.",
    "Try again in a few minutes.",
    "The previous run's logs are in `.app/logs`.",
    'Ask a workspace admin to grant you "deploy" access.',
    "Check your network connection and proxy settings.",
    "Pass `--verbose` to see every request.",
    "This usually means the server is restarting.",
)
CMD_VERBS = ("login", "deploy", "dev", "push", "pull", "logs", "status", "init", "run", "cancel", "config", "upload")
CMD_OBJECTS = (
    "--oauth", "--region", "--watch", "--all", "--project", "--yes", "--json", "--follow",
    "--dry-run", "--reset", "--token", "--port", "--name", "--since", "--limit",
)  # fmt: skip
SITUATIONS = (
    "cannot reach the cloud",
    "finds a stale lock file",
    "is run outside a project folder",
    "reads credentials written by an older version",
    "is interrupted with Ctrl-C",
    "runs in CI without a terminal",
    "finishes successfully",
    "retries after a network error",
)
ACTIONS = (
    "Nothing required.",
    "Run the command in the message and try again.",
    "Delete `~/.app/cache` and run the command again.",
    'Sign in with `app login --oauth`, then choose "Keep my work".',
    "Check the region in `app.toml` and deploy again.",
    "Wait for the running job to finish, or cancel it with `app cancel`.",
    "Report the problem with the output of `app status --json`.",
)
# (name, type, example, clause); a clause shows the placeholder in an English text
STR_PARAMS = (
    ("path", "~/.app/credentials.json", "(`{path}`)"),
    ("name", "my-project", 'for "{name}"'),
    ("url", "https://app.example.com/p/42", "at {url}"),
    ("region", "eu-west-1", "in region {region}"),
    ("job_id", "job-1234", "for job {job_id}"),
    ("branch", "main", "on branch `{branch}`"),
    ("user", "alice", 'for user "{user}"'),
)
INT_PARAMS = (
    ("port", 8080, "on port {port}"),
    ("seconds", 30, "after {seconds} seconds"),
    ("attempts", 3, "after {attempts} attempts"),
    ("limit", 100, "(limit {limit})"),
)
FLOAT_PARAMS = (("ratio", 0.75, "at {ratio} of its quota"),)
CHOICE_PARAMS = (
    ("deployment", ("cloud", "self-hosted", "local")),
    ("shell", ("bash", "zsh", "fish")),
    ("target", ("staging", "production", "preview")),
)
BOOL_PARAMS = ("ci", "verbose", "dry_run")
FRAGMENT_PARAM = ("profile", "default", 'for profile "{profile}"')
PLURAL_NOUNS = (("job", "jobs"), ("file", "files"), ("build", "builds"), ("retry", "retries"), ("device", "devices"))
PLURAL_VERBS = ("Cancelled", "Uploaded", "Skipped", "Removed", "Found", "Restored")
LEVELS_OK = ("info", "success", "progress", "warn")
EXIT_CODES = (1, 2, 3, 4, 64, 65, 69, 75, 77, 78)


# ---------------------------------------------------------------------------
# the catalogue as plain data


@dataclass
class Msg:
    """One message as the catalogue writes it (kept as data for the churn variant)."""

    id: str
    group: str
    kind: str  # plain | param | plural | variants | fragment | ref
    params: dict[str, dict[str, Any]] = field(default_factory=dict)
    text: str | dict[str, str] | None = None
    variants: list[tuple[dict[str, Any], str]] = field(default_factory=list)  # (if, text)
    plural: str | None = None
    fields: dict[str, Any] = field(default_factory=dict)  # level, stream, code, exit_code, commands, runtime
    when: str | None = None
    action: str | None = None

    @property
    def name(self) -> str:
        return self.id.replace("-", "_")


@dataclass
class Group:
    id: str
    title: str
    description: str


@dataclass
class Catalogue:
    groups: list[Group]
    messages: list[Msg]


def _command(rng: random.Random) -> str:
    return f"app {rng.choice(CMD_VERBS)} {rng.choice(CMD_OBJECTS)}"


def _sentence(rng: random.Random, head: str, limit: int = 200) -> str:
    """``head`` plus filler sentences up to a length drawn around 138 characters."""
    target = min(200, max(40, int(rng.gauss(138, 40))))
    text = head
    pool = [*FILLERS, f"Run `{_command(rng)}` to continue.", f"Then run `{_command(rng)}`."]
    rng.shuffle(pool)
    for filler in pool[:6]:
        if len(text) >= target - 15:
            break
        if len(text) + 1 + len(filler) > limit:
            break
        text = f"{text} {filler}"
    if len(text) < 40:
        text = f"{text} {FILLERS[2]}"
    return text


def _docs(rng: random.Random, msg: Msg) -> None:
    if rng.random() < 0.9:
        msg.when = f"Printed when `{_command(rng)}` {rng.choice(SITUATIONS)}."
    if rng.random() < 0.6:
        msg.action = rng.choice(ACTIONS)


def _meta_fields(rng: random.Random, msg: Msg) -> None:
    if rng.random() < 0.25:
        msg.fields["level"] = "error"
        msg.fields["stream"] = "stderr"
        msg.fields["code"] = msg.name
        msg.fields["exit_code"] = rng.choice(EXIT_CODES)
    else:
        msg.fields["level"] = rng.choice(LEVELS_OK)
        msg.fields["stream"] = rng.choice(("stdout", "stderr"))
    if rng.random() < 0.3:
        msg.fields["commands"] = sorted({f"app {rng.choice(CMD_VERBS)}" for _ in range(2)})


def _value_params(rng: random.Random, count: int) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """``count`` distinct params with examples, and their clauses for the English text."""
    params: dict[str, dict[str, Any]] = {}
    clauses = []
    while len(params) < count:
        pick = rng.random()
        if pick < 0.6:
            name, example, clause = rng.choice(STR_PARAMS)
            kind = "str"
        elif pick < 0.95:
            name, example, clause = rng.choice(INT_PARAMS)
            kind = "int"
        else:
            name, example, clause = rng.choice(FLOAT_PARAMS)
            kind = "float"
        if name in params:
            continue
        params[name] = {"type": kind, "example": example}
        clauses.append(clause)
    return params, clauses


def _head(rng: random.Random, subject: str, verb: str, clauses: list[str]) -> str:
    return " ".join([subject, verb, *clauses]) + "."


def _new_message(rng: random.Random, mid: str, group: str, kind: str, fragment: Msg | None) -> Msg:
    """A message of ``kind`` (fragment and ref need the group's fragment)."""
    msg = Msg(mid, group, kind)
    _, subject = rng.choice(SUBJECTS)
    _, verb = rng.choice(VERBS)
    if kind == "fragment":
        clause = []
        if rng.random() < 0.5:
            name, example, text = FRAGMENT_PARAM
            msg.params[name] = {"type": "str", "example": example}
            clause = [text]
        msg.text = " ".join(["Your saved settings are kept", *clause]) + f". {rng.choice(FILLERS)}"
        msg.fields["level"] = "info"
        return msg
    _meta_fields(rng, msg)
    _docs(rng, msg)
    if kind == "plural":
        one, other = rng.choice(PLURAL_NOUNS)
        verb_word = rng.choice(PLURAL_VERBS)
        msg.params["count"] = {"type": "int", "example": 3}
        msg.plural = "count"
        extra = ""
        if rng.random() < 0.3:
            name, example, clause = rng.choice(STR_PARAMS)
            msg.params[name] = {"type": "str", "example": example}
            extra = f" {clause}"
        tail = _sentence(rng, "", limit=140).strip()
        msg.text = {
            "one": f"{verb_word} {{count}} {one}{extra}. {tail}",
            "other": f"{verb_word} {{count}} {other}{extra}. {tail}",
        }
        return msg
    if kind == "variants":
        choice_name, choices = rng.choice(CHOICE_PARAMS)
        bool_name = rng.choice(BOOL_PARAMS)
        msg.params[choice_name] = {"choices": list(choices)}
        msg.params[bool_name] = {"type": "bool", "default": False}
        clauses = []
        if rng.random() < 0.3:
            name, example, clause = rng.choice(STR_PARAMS)
            msg.params[name] = {"type": "str", "example": example}
            clauses = [clause]
        head = _head(rng, subject, verb, clauses)
        msg.variants = [
            ({choice_name: choices[0], bool_name: False}, _sentence(rng, f"{head} Run `app {choices[0]} --fix`.")),
            ({choice_name: choices[1]}, _sentence(rng, f"{head} Ask the {choices[1]} admin.")),
            ({}, _sentence(rng, head)),
        ]
        return msg
    count = 0
    if kind == "param" or (kind == "ref" and rng.random() < 0.4):
        count = 1 if rng.random() < 0.6 else 2
    params, clauses = _value_params(rng, count)
    msg.params.update(params)
    text = _sentence(rng, _head(rng, subject, verb, clauses), limit=200 if kind != "ref" else 170)
    if kind == "ref" and fragment is not None:
        for name, spec in fragment.params.items():
            msg.params[name] = {"type": spec["type"], "example": spec["example"]}
        text = f"{text} {{@{fragment.id}}}"
    msg.text = text
    return msg


def _kind(rng: random.Random) -> str:
    r = rng.random()
    if r < 0.40:
        return "param"
    if r < 0.50:
        return "plural"
    if r < 0.60:
        return "variants"
    if r < 0.65:
        return "ref"
    return "plain"


def _message_id(rng: random.Random, area: str, index: int) -> str:
    return f"{area}-{rng.choice(SUBJECTS)[0]}-{rng.choice(VERBS)[0]}-{index:06d}"


def generate(n: int, seed: int = SEED) -> Catalogue:
    """A catalogue of ``n`` messages (fragments included), the same for the same seed."""
    rng = random.Random(f"{seed}:{n}")
    groups: list[Group] = []
    messages: list[Msg] = []
    for g in range(max(1, round(n / GROUP_SIZE))):
        area = AREAS[g % len(AREAS)]
        gid = f"{area}-messages-{g:04d}"
        groups.append(
            Group(
                gid,
                f"{area.capitalize()} messages ({g + 1})",
                f"What `app {area}` prints, and what to do about it (table {g + 1}).",
            )
        )
    per_group = n / len(groups)
    for g, group in enumerate(groups):
        area = AREAS[g % len(AREAS)]
        start, stop = round(g * per_group), round((g + 1) * per_group)
        fragment = _new_message(rng, f"{area}-hint-{g:04d}", group.id, "fragment", None)
        messages.append(fragment)
        for i in range(start + 1, stop):
            kind = _kind(rng)
            msg = _new_message(rng, _message_id(rng, area, i), group.id, kind, fragment)
            if kind in ("plain", "param") and rng.random() < 0.01:
                msg.fields["runtime"] = False
            messages.append(msg)
    return Catalogue(groups, messages)


def churn(cat: Catalogue, seed: int = SEED) -> Catalogue:
    """The next version: 1 % of the texts reworded, 1 % of the messages removed, 1 % added."""
    rng = random.Random(f"{seed}:churn:{len(cat.messages)}")
    k = max(1, len(cat.messages) // 100)
    candidates = [i for i, m in enumerate(cat.messages) if m.kind != "fragment"]
    picked = rng.sample(candidates, 2 * k)
    removed, reworded = set(picked[:k]), set(picked[k:])
    additions: dict[int, list[Msg]] = {}
    for j in range(k):
        at = rng.choice(candidates)
        base = cat.messages[at]
        fragment = next(m for m in cat.messages if m.group == base.group and m.kind == "fragment")
        area = base.id.split("-")[0]
        new = _new_message(rng, f"{_message_id(rng, area, j)}-new", base.group, _kind(rng), fragment)
        additions.setdefault(at, []).append(new)
    out: list[Msg] = []
    for i, msg in enumerate(cat.messages):
        if i in reworded:
            msg = _reword(rng, msg)
        if i not in removed:
            out.append(msg)
        out.extend(additions.get(i, []))
    return Catalogue(cat.groups, out)


def _reword(rng: random.Random, msg: Msg) -> Msg:
    def change(text: str) -> str:
        for filler in FILLERS:
            if filler in text:
                return text.replace(filler, rng.choice([f for f in FILLERS if f != filler]), 1)
        return re.sub(r"\.(\s|$)", r". Try again later.\1", text, count=1)

    new = Msg(**{**msg.__dict__, "params": dict(msg.params), "fields": dict(msg.fields)})
    if isinstance(msg.text, str):
        new.text = change(msg.text)
    elif isinstance(msg.text, dict):
        new.text = {k: change(v) for k, v in msg.text.items()}
    else:
        new.variants = [(msg.variants[0][0], change(msg.variants[0][1])), *msg.variants[1:]]
    return new


# ---------------------------------------------------------------------------
# YAML


_PLAIN = re.compile(r"[a-z][a-z0-9_]*\Z")
_YAML_WORDS = frozenset({"y", "n", "yes", "no", "on", "off", "true", "false", "null"})


def _q(value: Any) -> str:
    """A YAML scalar: JSON strings are valid YAML double-quoted scalars."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if _PLAIN.match(value) and value.lower() not in _YAML_WORDS:
        return value
    return json.dumps(value, ensure_ascii=False)


def _flow(mapping: dict[str, Any]) -> str:
    parts = []
    for key, value in mapping.items():
        if isinstance(value, list):
            parts.append(f"{key}: [{', '.join(value)}]")
        else:
            parts.append(f"{key}: {value if key == 'choices' else _q(value)}")
    return "{" + ", ".join(parts) + "}"


def _cond(mapping: dict[str, Any]) -> str:
    return "{" + ", ".join(f"{k}: {_q(v) if isinstance(v, bool) else v}" for k, v in mapping.items()) + "}"


def dump_yaml(cat: Catalogue, locales: tuple[str, ...] = LOCALES) -> str:
    """The catalogue as a hand-written-looking YAML file."""
    out = [
        "# Synthetic catalogue for msgbook's benchmarks (bench/synth.py); do not edit.",
        f"domain: {DOMAIN}",
        "source_locale: en",
        f"locales: [{', '.join(locales)}]",
        "",
        "groups:",
    ]
    for g in cat.groups:
        out += [f"  {g.id}:", f"    title: {_q(g.title)}", f"    description: {_q(g.description)}"]
    out += ["", "messages:"]
    for m in cat.messages:
        out.append(f"  {m.id}:")
        out.append(f"    group: {m.group}")
        for key in ("level", "stream", "code", "exit_code", "runtime"):
            if key in m.fields:
                out.append(f"    {key}: {_q(m.fields[key])}")
        if "commands" in m.fields:
            out.append(f"    commands: [{', '.join(m.fields['commands'])}]")
        if m.params:
            out.append("    params:")
            out += [f"      {name}: {_flow(spec)}" for name, spec in m.params.items()]
        if m.plural:
            out.append(f"    plural: {m.plural}")
        if isinstance(m.text, dict):
            out.append("    text:")
            out += [f"      {form}: {_q(text)}" for form, text in m.text.items()]
        elif m.text is not None:
            out.append(f"    text: {_q(m.text)}")
        else:
            out.append("    variants:")
            for cond, text in m.variants:
                if cond:
                    out += [f"      - if: {_cond(cond)}", f"        text: {_q(text)}"]
                else:
                    out.append(f"      - text: {_q(text)}")
        if m.when:
            out.append(f"    when: {_q(m.when)}")
        if m.action:
            out.append(f"    action: {_q(m.action)}")
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------------------
# gettext


def variant_key(cond: dict[str, Any]) -> str:
    """The msgctxt key of a variant: ``name=value`` sorted by name, or ``other``."""
    if not cond:
        return "other"
    return ",".join(f"{k}={_q(v) if isinstance(v, bool) else v}" for k, v in sorted(cond.items()))


@dataclass(frozen=True)
class Unit:
    context: str
    msgid: str
    msgid_plural: str | None
    comment: str


def units(cat: Catalogue) -> list[Unit]:
    """Every translatable unit, with msgbook's msgctxt grammar."""
    result = []
    for g in cat.groups:
        result.append(Unit(f"group:{g.id}#title", g.title, None, ""))
        result.append(Unit(f"group:{g.id}#description", g.description, None, ""))
    for m in cat.messages:
        when = m.when or ""
        if isinstance(m.text, dict):
            result.append(Unit(m.id, m.text["one"], m.text["other"], when))
        elif m.text is not None:
            result.append(Unit(m.id, m.text, None, when))
        for cond, text in m.variants:
            result.append(Unit(f"{m.id}|{variant_key(cond)}", text, None, when))
        if m.when:
            result.append(Unit(f"{m.id}#when", m.when, None, ""))
        if m.action:
            result.append(Unit(f"{m.id}#action", m.action, None, ""))
    return result


def pseudo(text: str, locale: str) -> str:
    """A pseudo-translation that keeps placeholders, references and code spans."""
    return PREFIX[locale] + text


def _header(locale: str | None) -> dict[str, str]:
    header = {
        "Project-Id-Version": f"{DOMAIN} 1.0",
        "Report-Msgid-Bugs-To": "",
        "POT-Creation-Date": "2026-01-01 00:00+0000",
        "PO-Revision-Date": "2026-01-01 00:00+0000",
        "Last-Translator": "Bench Translator <bench@example.com>",
        "Language-Team": locale or "",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    if locale:
        header["Language"] = locale
        header["Plural-Forms"] = PLURAL_FORMS[locale]
    else:
        header["Plural-Forms"] = "nplurals=2; plural=(n != 1);"
    return header


_FIELD = re.compile(r"(?<!\{)\{[A-Za-z_]\w*\}")


def write_po(cat: Catalogue, path: Path, locale: str | None) -> None:
    """The .po of ``locale`` (all units translated), or the .pot when ``locale`` is None."""
    po = polib.POFile(wrapwidth=79)
    po.metadata = _header(locale)
    nplurals = 1 if locale == "ja" else 2
    for unit in units(cat):
        entry = polib.POEntry(
            msgctxt=unit.context,
            msgid=unit.msgid,
            comment=unit.comment,
            occurrences=[("messages/catalogue.yaml", "")],
        )
        if _FIELD.search(unit.msgid):
            entry.flags.append("python-brace-format")
        if unit.msgid_plural is not None:
            entry.msgid_plural = unit.msgid_plural
            if locale is None:
                entry.msgstr_plural = {0: "", 1: ""}
            elif nplurals == 1:
                entry.msgstr_plural = {0: pseudo(unit.msgid_plural, locale)}
            else:
                entry.msgstr_plural = {0: pseudo(unit.msgid, locale), 1: pseudo(unit.msgid_plural, locale)}
        else:
            entry.msgstr = "" if locale is None else pseudo(unit.msgid, locale)
        po.append(entry)
    path.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(path))


def fill_po(path: Path, locale: str) -> int:
    """Translate every untranslated or fuzzy entry of a .po msgbook wrote; return how many."""
    po = polib.pofile(str(path), wrapwidth=79)
    nplurals = 1 if locale == "ja" else 2
    changed = 0
    for entry in po:
        if entry.obsolete:
            continue
        if entry.translated() and "fuzzy" not in entry.flags:
            continue
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
            entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
        if entry.msgid_plural:
            forms = [entry.msgid_plural] if nplurals == 1 else [entry.msgid, entry.msgid_plural]
            entry.msgstr_plural = {i: pseudo(t, locale) for i, t in enumerate(forms)}
        else:
            entry.msgstr = pseudo(entry.msgid, locale)
        changed += 1
    if changed:
        po.save(str(path))
    return changed


# ---------------------------------------------------------------------------
# runtime metadata and source files


def _param_meta(spec: dict[str, Any]) -> dict[str, Any]:
    kind = "choice" if "choices" in spec else spec["type"]
    return {"type": kind, "choices": spec.get("choices"), "example": spec.get("example"), "default": "default" in spec}


def meta(cat: Catalogue) -> dict[str, Any]:
    """Runtime signatures of the messages, and samples for the per-call benchmark."""
    runtime = [
        {"id": m.id, "name": m.name, "kind": m.kind, "params": {k: _param_meta(v) for k, v in m.params.items()}}
        for m in cat.messages
        if m.fields.get("runtime", True)
    ]
    two = next(
        m
        for m in cat.messages
        if m.kind == "param"
        and isinstance(m.text, str)
        and m.fields.get("runtime", True)
        and [v["type"] for v in m.params.values()] == ["str", "int"]
    )
    plain = next(m for m in cat.messages if m.kind == "plain" and not m.params and m.fields.get("runtime", True))
    samples = {}
    for key, m in (("two_placeholders", two), ("no_placeholder", plain)):
        assert isinstance(m.text, str)
        samples[key] = {
            "id": m.id,
            "name": m.name,
            "context": m.id,
            "en": m.text,
            "ja": pseudo(m.text, "ja"),
            "params": {k: v["example"] for k, v in m.params.items()},
        }
    return {"domain": DOMAIN, "locales": list(LOCALES), "messages": runtime, "samples": samples}


def _arg(name: str, spec: dict[str, Any]) -> str:
    if spec["type"] == "choice":
        return repr(spec["choices"][-1])
    return {"str": f"str({name})" if name == "path" else name, "int": "count", "float": "0.5", "bool": "ctx.ci"}[
        spec["type"]
    ]


def _call(msg: dict[str, Any]) -> str:
    args = ", ".join(f"{k}={_arg(k, v)}" for k, v in msg["params"].items())
    return f"m.{msg['name']}({args})"


_FUNCTION = '''\
def step_{f:04d}_{k:02d}(ctx: Context, path: Path, count: int) -> int:
    """Run step {k} of module {f} and report what happened."""
    name, url, region, job_id, branch, user = ctx.names()
    if ctx.verbose:
        log.debug("step %s of %s", {k}, __name__)
    result = ctx.run(["app", "step", str({k})], cwd=path)
    if result.returncode != 0:
        print({first}, file=sys.stderr)
        return result.returncode
    print({second})
    return 0
'''


def write_sources(cat: Catalogue, root: Path, files: int = 1000, lines: int = 200, seed: int = SEED) -> None:
    """``files`` Python modules of ``lines`` lines that call every runtime message at least once."""
    rng = random.Random(f"{seed}:sources")
    calls = [_call(m) for m in meta(cat)["messages"]]
    rng.shuffle(calls)
    literals = [m.text for m in cat.messages if m.kind == "plain" and isinstance(m.text, str)]
    pos = 0
    root.mkdir(parents=True, exist_ok=True)
    for f in range(files):
        out = [
            f'"""Synthetic application module {f} for msgbook\'s check benchmark."""',
            "",
            "from __future__ import annotations",
            "",
            "import logging",
            "import sys",
            "from pathlib import Path",
            "",
            "import messages as m",
            "",
            "from .context import Context",
            "",
            "log = logging.getLogger(__name__)",
            "",
        ]
        if f % 100 == 7 and literals:  # a few hard-coded texts, as real code has
            out += [f"LEGACY_NOTE = {rng.choice(literals)!r}", ""]
        k = 0
        while True:
            block = _FUNCTION.format(f=f, k=k, first=calls[pos % len(calls)], second=calls[(pos + 1) % len(calls)])
            block_lines = ["", "", *block.splitlines()]
            if len(out) + len(block_lines) > lines:
                break
            out += block_lines
            pos += 2
            k += 1
        out += [f"# padding line {i}" for i in range(lines - len(out))]
        (root / f"mod_{f:04d}.py").write_text("\n".join(out) + "\n", encoding="utf-8")
    (root / "__init__.py").write_text('"""Synthetic application."""\n', encoding="utf-8")
    (root / "context.py").write_text('"""Synthetic context."""\n\n\nclass Context:\n    pass\n', encoding="utf-8")


# ---------------------------------------------------------------------------


def make_dataset(n: int, out: Path, *, sources: bool = False, seed: int = SEED) -> Path:
    """Write the data set of ``n`` messages under ``out`` (see the module docstring)."""
    out.mkdir(parents=True, exist_ok=True)
    cat = generate(n, seed)
    (out / "catalogue.yaml").write_text(dump_yaml(cat), encoding="utf-8")
    (out / "catalogue-1locale.yaml").write_text(dump_yaml(cat, ("ja",)), encoding="utf-8")
    (out / "catalogue-churn.yaml").write_text(dump_yaml(churn(cat, seed)), encoding="utf-8")
    write_po(cat, out / f"{DOMAIN}.pot", None)
    for locale in LOCALES:
        write_po(cat, out / "po" / f"{locale}.po", locale)
    (out / "meta.json").write_text(json.dumps(meta(cat), ensure_ascii=False, indent=1), encoding="utf-8")
    if sources:
        write_sources(cat, out / "src" / "app")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of messages")
    parser.add_argument("out", type=Path, help="folder to write")
    parser.add_argument("--sources", action="store_true", help="also write 1,000 source files")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    make_dataset(args.n, args.out, sources=args.sources, seed=args.seed)


if __name__ == "__main__":
    main()

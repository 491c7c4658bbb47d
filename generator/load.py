"""YAML text -> (Catalogue | None, diagnostics), keeping the line and column of everything.

The C loader composes a node tree that still carries marks; this module walks
it instead of letting PyYAML construct Python objects, so duplicate keys,
YAML 1.1 booleans and aliases are seen rather than silently resolved.
"""

from __future__ import annotations

import difflib

import yaml

from .diagnostics import Diagnostic, Location, Severity
from .gcpause import paused_gc
from .model import (
    COLUMNS,
    DEFAULT_COLUMNS,
    LEVELS,
    PARAM_TYPES,
    PLURAL_CATEGORIES,
    STREAMS,
    Catalogue,
    Group,
    Level,
    Message,
    Param,
    ParamType,
    Pos,
    Scalar,
    Stream,
    Text,
    Variant,
    derive_variant_key,
)

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

STR = "tag:yaml.org,2002:str"
BOOL = "tag:yaml.org,2002:bool"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
NULL = "tag:yaml.org,2002:null"

TOP_KEYS = ("domain", "source_locale", "locales", "groups", "messages")
GROUP_KEYS = ("title", "description", "columns")
MESSAGE_KEYS = (
    "group", "text", "variants", "params", "plural", "when", "action", "comment", "level",
    "stream", "code", "exit_code", "commands", "runtime", "renamed_from",
)  # fmt: skip
PARAM_KEYS = ("type", "choices", "default", "example", "description")
VARIANT_KEYS = ("if", "key", "text")
_YAML11_WORDS = frozenset(
    ["y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF"]
)

Node = yaml.Node
Pairs = dict[str, tuple[yaml.ScalarNode, Node]]


def pos(node: Node) -> Pos:
    """The 1-based (line, column) where a node starts."""
    mark = node.start_mark
    return (mark.line + 1, mark.column + 1)


class _Reader:
    """Walks the composed tree, collecting diagnostics instead of raising."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.diagnostics: list[Diagnostic] = []
        self.seen: set[int] = set()

    def error(self, at: Node | Pos, rule: str, message: str) -> None:
        line, col = at if isinstance(at, tuple) else pos(at)
        self.diagnostics.append(Diagnostic(Location(self.path, line, col), Severity.ERROR, rule, message))

    def mapping(self, node: Node, what: str, allowed: tuple[str, ...] | None = None) -> Pairs | None:
        """The keys of a mapping node; reports duplicates, unknown keys and aliases."""
        if not isinstance(node, yaml.MappingNode):
            self.error(node, "wrong-type", f"{what} must be a mapping, not {_kind(node)}")
            return None
        if not self._first_visit(node):
            return None
        pairs: Pairs = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag not in (STR, INT, BOOL):
                self.error(key_node, "wrong-type", f"keys in {what} must be plain words")
                continue
            key = key_node.value
            if key in pairs:
                first = pos(pairs[key][0])
                self.error(key_node, "duplicate-key", f"key {key!r} already appears at line {first[0]} in {what}")
                continue
            if allowed is not None and key not in allowed:
                self.error(key_node, "unknown-key", f"unknown key {key!r} in {what}{_did_you_mean(key, allowed)}")
                continue
            pairs[key] = (key_node, value_node)
        return pairs

    def sequence(self, node: Node, what: str) -> list[Node] | None:
        if not isinstance(node, yaml.SequenceNode):
            self.error(node, "wrong-type", f"{what} must be a list, not {_kind(node)}")
            return None
        if not self._first_visit(node):
            return None
        return list(node.value)

    def _first_visit(self, node: Node) -> bool:
        key = id(node)
        if key in self.seen:
            self.error(node, "wrong-type", "YAML aliases (*name) are not supported here; use {@id} references")
            return False
        self.seen.add(key)
        return True

    def text(self, node: Node, what: str) -> str | None:
        """A text value: a string scalar; unquoted yes/no/numbers are reported."""
        if isinstance(node, yaml.ScalarNode):
            if node.tag == STR:
                return str(node.value)
            if node.tag in (BOOL, INT, FLOAT) and not node.style:
                self.error(
                    node,
                    "ambiguous-yaml-scalar",
                    f"{what} {node.value!r} reads as a {_TAG_WORD[node.tag]} in YAML; quote it",
                )
                return None
            if node.tag == NULL:
                self.error(node, "wrong-type", f"{what} is empty")
                return None
        self.error(node, "wrong-type", f"{what} must be text, not {_kind(node)}")
        return None

    def word(self, node: Node, what: str, allowed: tuple[str, ...]) -> str | None:
        value = self.text(node, what)
        if value is None:
            return None
        if value not in allowed:
            self.error(
                node,
                "invalid-value",
                f"{what} {value!r} is not one of {', '.join(allowed)}{_did_you_mean(value, allowed)}",
            )
            return None
        return value

    def words(self, node: Node, what: str) -> tuple[str, ...]:
        """A list of texts, or a single text as a one-item list."""
        if isinstance(node, yaml.ScalarNode):
            one = self.text(node, what)
            return (one,) if one is not None else ()
        items = self.sequence(node, what)
        if items is None:
            return ()
        return tuple(v for v in (self.text(item, f"each item of {what}") for item in items) if v is not None)

    def scalar(self, node: Node, what: str) -> Scalar | None:
        """A typed value (condition value or default): str, int, float or bool."""
        if not isinstance(node, yaml.ScalarNode) or node.tag == NULL:
            self.error(node, "wrong-type", f"{what} must be a single value, not {_kind(node)}")
            return None
        if node.tag == BOOL:
            if node.value in _YAML11_WORDS:
                self.error(
                    node,
                    "ambiguous-yaml-scalar",
                    f"{what} {node.value!r} is a YAML 1.1 boolean; write true/false, or quote it",
                )
                return None
            return str(node.value).lower() == "true"
        if node.tag == INT:
            try:
                return int(node.value.replace("_", ""), 0)
            except ValueError:
                self.error(node, "wrong-type", f"{what} {node.value!r} is not a decimal number")
                return None
        if node.tag == FLOAT:
            try:
                return float(node.value.replace("_", ""))
            except ValueError:
                self.error(node, "wrong-type", f"{what} {node.value!r} is not a number")
                return None
        return str(node.value)

    def integer(self, node: Node, what: str) -> int | None:
        value = self.scalar(node, what)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.error(node, "wrong-type", f"{what} must be a whole number, not {value!r}")
            return None
        return value

    def boolean(self, node: Node, what: str) -> bool | None:
        value = self.scalar(node, what)
        if value is None:
            return None
        if not isinstance(value, bool):
            self.error(node, "wrong-type", f"{what} must be true or false, not {value!r}")
            return None
        return value


_TAG_WORD = {BOOL: "boolean", INT: "number", FLOAT: "number"}


def _kind(node: Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if node.tag == NULL:
        return "nothing"
    return f"{_TAG_WORD.get(node.tag, 'text')} {node.value!r}"


def _did_you_mean(word: str, allowed: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(word, allowed, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def load_catalogue(data: bytes, path: str) -> tuple[Catalogue | None, list[Diagnostic]]:
    """Parse catalogue bytes; ``None`` when nothing usable could be read.

    Every problem becomes a diagnostic; nothing here raises for bad input.
    """
    reader = _Reader(path)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        col = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        reader.error((line, col), "yaml-syntax", "the catalogue is not UTF-8 text")
        return None, reader.diagnostics
    if text.startswith("\ufeff"):
        text = text[1:]
    with paused_gc(freeze=True):
        try:
            root = yaml.compose(text, Loader=_Loader)
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            where: Pos = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            problem = error.problem or error.context or "invalid YAML"
            reader.error(where, "yaml-syntax", f"YAML syntax: {problem}")
            return None, reader.diagnostics
        except yaml.YAMLError as error:
            reader.error((1, 1), "yaml-syntax", f"YAML syntax: {str(error).splitlines()[0]}")
            return None, reader.diagnostics
        if root is None:
            reader.error((1, 1), "missing-key", "the catalogue is empty; it needs domain and messages")
            return None, reader.diagnostics
        catalogue = _read_catalogue(reader, root)
    return catalogue, reader.diagnostics


def _read_catalogue(r: _Reader, root: Node) -> Catalogue | None:
    top = r.mapping(root, "the catalogue", TOP_KEYS)
    if top is None:
        return None
    domain = r.text(top["domain"][1], "domain") if "domain" in top else None
    if "domain" not in top:
        r.error(root, "missing-key", "the catalogue needs a domain (the gettext domain name)")
    source_locale = r.text(top["source_locale"][1], "source_locale") if "source_locale" in top else "en"
    locales = r.words(top["locales"][1], "locales") if "locales" in top else ()
    groups = _read_groups(r, top["groups"][1]) if "groups" in top else ()
    if "messages" not in top:
        r.error(root, "missing-key", "the catalogue needs messages")
        messages: tuple[Message, ...] = ()
    else:
        messages = _read_messages(r, top["messages"][1])
    return Catalogue(
        path=r.path,
        domain=domain or "messages",
        source_locale=source_locale or "en",
        locales=locales,
        groups=groups,
        messages=messages,
    )


def _read_groups(r: _Reader, node: Node) -> tuple[Group, ...]:
    pairs = r.mapping(node, "groups")
    if pairs is None:
        return ()
    groups = []
    for group_id, (key_node, value) in pairs.items():
        fields = r.mapping(value, f"group {group_id!r}", GROUP_KEYS)
        if fields is None:
            continue
        title = r.text(fields["title"][1], "title") if "title" in fields else None
        if "title" not in fields:
            r.error(key_node, "missing-key", f"group {group_id!r} needs a title")
        description = r.text(fields["description"][1], "description") if "description" in fields else None
        columns: tuple[str, ...] = DEFAULT_COLUMNS
        if "columns" in fields:
            columns = tuple(
                c
                for c in r.words(fields["columns"][1], "columns")
                if c in COLUMNS or _bad_column(r, fields["columns"][1], c)
            )
        groups.append(Group(group_id, pos(key_node), title or group_id, description, columns))
    return tuple(groups)


def _bad_column(r: _Reader, node: Node, column: str) -> bool:
    r.error(
        node, "invalid-value", f"column {column!r} is not one of {', '.join(COLUMNS)}{_did_you_mean(column, COLUMNS)}"
    )
    return False


def _read_messages(r: _Reader, node: Node) -> tuple[Message, ...]:
    pairs = r.mapping(node, "messages")
    if pairs is None:
        return ()
    messages = []
    for message_id, (key_node, value) in pairs.items():
        message = _read_message(r, message_id, key_node, value)
        if message is not None:
            messages.append(message)
    return tuple(messages)


def _read_message(r: _Reader, message_id: str, key_node: yaml.ScalarNode, node: Node) -> Message | None:
    what = f"message {message_id!r}"
    f = r.mapping(node, what, MESSAGE_KEYS)
    if f is None:
        return None
    get = {k: v for k, (_, v) in f.items()}
    params = _read_params(r, get["params"], what) if "params" in get else ()
    plural = r.text(get["plural"], "plural") if "plural" in get else None
    text = _read_text(r, get["text"], what, plural) if "text" in get else None
    variants = _read_variants(r, get["variants"], what, plural, params) if "variants" in get else ()
    if "text" in get and "variants" in get:
        r.error(f["variants"][0], "wrong-type", f"{what} has both text and variants; keep one")
    elif "text" not in get and "variants" not in get:
        r.error(key_node, "missing-key", f"{what} needs a text or variants")
    level: Level | None = None
    stream: Stream | None = None
    if "level" in get:
        level = _level(r.word(get["level"], "level", LEVELS))
    if "stream" in get:
        stream = _stream(r.word(get["stream"], "stream", STREAMS))
    exit_code = r.integer(get["exit_code"], "exit_code") if "exit_code" in get else None
    if exit_code is not None and not 0 <= exit_code <= 255:
        r.error(get["exit_code"], "exit-code-range", f"exit_code {exit_code} is outside 0-255")
    runtime = r.boolean(get["runtime"], "runtime") if "runtime" in get else True
    return Message(
        id=message_id,
        pos=pos(key_node),
        text=text,
        variants=variants,
        params=params,
        plural=plural,
        group=r.text(get["group"], "group") if "group" in get else None,
        when=r.text(get["when"], "when") if "when" in get else None,
        action=r.text(get["action"], "action") if "action" in get else None,
        comment=r.text(get["comment"], "comment") if "comment" in get else None,
        level=level,
        stream=stream,
        code=r.text(get["code"], "code") if "code" in get else None,
        exit_code=exit_code,
        commands=r.words(get["commands"], "commands") if "commands" in get else (),
        runtime=runtime if runtime is not None else True,
        renamed_from=r.words(get["renamed_from"], "renamed_from") if "renamed_from" in get else (),
        field_pos=tuple((k, pos(v)) for k, v in get.items()),
    )


def _level(value: str | None) -> Level | None:
    for level in LEVELS:
        if level == value:
            return level
    return None


def _stream(value: str | None) -> Stream | None:
    for stream in STREAMS:
        if stream == value:
            return stream
    return None


def _param_type(value: str | None) -> ParamType | None:
    for kind in PARAM_TYPES:
        if kind == value:
            return kind
    return None


def _read_params(r: _Reader, node: Node, what: str) -> tuple[Param, ...]:
    pairs = r.mapping(node, f"params of {what}")
    if pairs is None:
        return ()
    params = []
    for name, (key_node, value) in pairs.items():
        param = _read_param(r, name, key_node, value)
        if param is not None:
            params.append(param)
    return tuple(params)


def _read_param(r: _Reader, name: str, key_node: Node, node: Node) -> Param | None:
    what = f"param {name!r}"
    f = r.mapping(node, what, PARAM_KEYS)
    if f is None:
        return None
    get = {k: v for k, (_, v) in f.items()}
    choices = r.words(get["choices"], "choices") if "choices" in get else ()
    kind: ParamType | None = "choice" if choices else "str"
    if "type" in get:
        kind = _param_type(r.word(get["type"], "type", PARAM_TYPES))
        if kind == "choice" and not choices:
            r.error(get["type"], "missing-key", f"{what} of type choice needs choices")
        elif choices and kind != "choice" and kind is not None:
            r.error(get["type"], "wrong-type", f"{what} has choices, so its type is choice, not {kind}")
            kind = "choice"
    if kind is None:
        return None
    default: Scalar | None = None
    if "default" in get:
        default = r.scalar(get["default"], "default")
        if default is not None and not _fits(kind, choices, default):
            r.error(
                get["default"],
                "wrong-type",
                f"default {default!r} does not fit {what} ({_describe_type(kind, choices)})",
            )
            default = None
    example = _example(r, get["example"]) if "example" in get else None
    description = r.text(get["description"], "description") if "description" in get else None
    return Param(name, kind, pos(key_node), choices, default, default is not None, example, description)


def _example(r: _Reader, node: Node) -> str | None:
    value = r.scalar(node, "example") if isinstance(node, yaml.ScalarNode) and node.tag != STR else None
    if value is not None:
        return str(value).lower() if isinstance(value, bool) else str(value)
    return r.text(node, "example")


def _fits(kind: ParamType, choices: tuple[str, ...], value: Scalar) -> bool:
    if kind == "bool":
        return isinstance(value, bool)
    if kind == "int":
        return isinstance(value, int) and not isinstance(value, bool)
    if kind == "float":
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind == "choice":
        return isinstance(value, str) and value in choices
    return isinstance(value, str)


def _describe_type(kind: ParamType, choices: tuple[str, ...]) -> str:
    return f"one of {', '.join(choices)}" if kind == "choice" else kind


def _read_text(r: _Reader, node: Node, what: str, plural: str | None) -> Text | None:
    if isinstance(node, yaml.MappingNode):
        forms = r.mapping(node, f"plural text of {what}")
        if forms is None:
            return None
        if plural is None:
            r.error(node, "invalid-plural", f"{what} has plural forms but no 'plural:' param to choose them")
        result = []
        for category, (key_node, value) in forms.items():
            if category not in PLURAL_CATEGORIES:
                r.error(
                    key_node,
                    "invalid-plural",
                    f"{category!r} is not a CLDR plural category ({', '.join(PLURAL_CATEGORIES)})",
                )
                continue
            text = r.text(value, f"the {category} form")
            if text is not None:
                result.append((category, text))
        if not result:
            return None
        result.sort(key=lambda item: PLURAL_CATEGORIES.index(item[0]))
        return Text(tuple(result), pos(node))
    text = r.text(node, "text")
    if text is None:
        return None
    if plural is not None:
        r.error(
            node,
            "invalid-plural",
            f"{what} is plural (plural: {plural}), so its text needs forms such as one and other",
        )
    return Text((("", text),), pos(node))


def _read_variants(
    r: _Reader, node: Node, what: str, plural: str | None, params: tuple[Param, ...]
) -> tuple[Variant, ...]:
    items = r.sequence(node, f"variants of {what}")
    if items is None:
        return ()
    variants = []
    for item in items:
        f = r.mapping(item, f"a variant of {what}", VARIANT_KEYS)
        if f is None:
            continue
        condition: list[tuple[str, tuple[Scalar, ...]]] = []
        usable = True
        if "if" in f:
            pairs = r.mapping(f["if"][1], "if") or {}
            for name, (name_node, value) in pairs.items():
                values = _condition_values(r, value, name)
                if values and _condition_ok(r, name_node, value, name, values, params):
                    condition.append((name, values))
                else:
                    usable = False
        if "text" not in f:
            r.error(item, "missing-key", f"a variant of {what} needs a text")
            continue
        text = _read_text(r, f["text"][1], what, plural)
        if text is None or not usable:
            continue
        key = r.text(f["key"][1], "key") if "key" in f else None
        cond = tuple(condition)
        variants.append(Variant(key or derive_variant_key(cond), cond, text, pos(item)))
    return tuple(variants)


def _condition_values(r: _Reader, node: Node, name: str) -> tuple[Scalar, ...]:
    if isinstance(node, yaml.SequenceNode):
        items = r.sequence(node, f"values of {name}") or []
        return tuple(v for v in (r.scalar(i, f"value of {name}") for i in items) if v is not None)
    value = r.scalar(node, f"value of {name}")
    return (value,) if value is not None else ()


def _condition_ok(
    r: _Reader, name_node: Node, node: Node, name: str, values: tuple[Scalar, ...], params: tuple[Param, ...]
) -> bool:
    param = next((p for p in params if p.name == name), None)
    if param is None:
        declared = tuple(p.name for p in params)
        r.error(
            name_node,
            "unknown-condition-param",
            f"condition on {name!r}, which is not declared under params{_did_you_mean(name, declared)}",
        )
        return False
    for value in values:
        if not _fits(param.type, param.choices, value):
            r.error(
                node,
                "impossible-condition",
                f"{name} can never be {value!r} ({_describe_type(param.type, param.choices)})",
            )
            return False
    return True

"""Read a YAML file into plain Python data, keeping the position of every key and value.

PyYAML's C composer (libyaml) builds the node tree; we construct the values ourselves so that
- duplicate keys are reported instead of silently winning,
- dates stay text (the schema parses them, and reports impossible ones like 2018-02-30),
- every key and value keeps its line and column for error messages,
- hostile input (huge files, alias bombs, deep nesting, bytes that are not UTF-8) fails
  with a clear message in bounded time and memory.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Any

import yaml

from sco_tracker.problems import InvalidFile, Problem

try:  # libyaml is part of the PyYAML wheels; fall back to the pure-Python loader without it.
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 512 * 1024 * 1024
MAX_DEPTH = 64
#: The most values that aliases may expand a document to, beyond its own size.
MAX_ALIAS_EXPANSION = 1_000_000

Path = tuple[str | int, ...]
_TAG = "tag:yaml.org,2002:"


@dataclass
class Positions:
    """Line and column (from 1) of each key and value, by path such as ('commitments', 3, 'due')."""

    file: str
    keys: dict[Path, tuple[int, int]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    values: dict[Path, tuple[int, int]] = field(default_factory=dict)

    def of_value(self, path: Path) -> tuple[int, int]:
        """Where the value at path is, or the nearest enclosing value that exists."""
        for n in range(len(path), -1, -1):
            pos = self.values.get(path[:n])
            if pos is not None:
                return pos
        return (1, 1)

    def of_key(self, path: Path) -> tuple[int, int]:
        return self.keys.get(path) or self.of_value(path)

    def problem(self, path: Path, message: str, *, at_key: bool = False, severity: str = "error") -> Problem:
        line, col = self.of_key(path) if at_key else self.of_value(path)
        return Problem(self.file, line, col, message, severity)  # type: ignore[arg-type]


class LazyPositions(Positions):
    """Positions computed only when first asked for, by the careful reader (parse).

    The fast path (fast_load) reads a valid file without positions; an error or warning
    message, or Project.line_of, asks for them and pays for the careful read then.
    """

    def __init__(self, file: str, text: str) -> None:  # noqa: D107 - no dataclass __init__
        self.file = file
        self.problems = []
        self._text = text

    def __getattr__(self, name: str) -> Any:
        if name in ("keys", "values"):
            _, full = parse(self._text, self.file)
            self.keys, self.values = full.keys, full.values
            return getattr(self, name)
        raise AttributeError(name)


#: Plain scalars that YAML 1.1 (the careful reader) and YAML 1.2 (yaml-rs) read differently.
_YAML11_WORDS = frozenset(
    "y Y yes Yes YES n N no No NO on On ON off Off OFF true True TRUE false False FALSE null Null NULL ~".split()
)
_ANCHOR = None


def fast_load(text: str) -> Any | None:
    """The file as plain data from the compiled yaml-rs parser, or None when unsure.

    None means: let the careful reader (parse) decide. That is the case for anything that
    could be an error (syntax, duplicate keys: yaml-rs refuses them) and for anything the
    two readers might read differently (YAML 1.1 words such as 'yes', octal numbers, merge
    keys, anchors, unusual line breaks). The data returned equals what parse() returns.
    """
    global _ANCHOR
    try:
        import yaml_rs
    except ImportError:  # pragma: no cover - a declared dependency; the careful reader still works
        return None
    if "<<" in text or "0o" in text or "\x85" in text or "\u2028" in text or "\u2029" in text or "\t" in text:
        return None
    if "&" in text:
        import re

        _ANCHOR = _ANCHOR or re.compile(r"(?:^|[\s\[{,])&\S", re.MULTILINE)
        if _ANCHOR.search(text):
            return None
    try:
        data = yaml_rs.loads(text, parse_datetime=False)
    except Exception:  # noqa: BLE001 - any trouble: the careful reader gives the message
        return None
    if not isinstance(data, dict) or not _plain(data):
        return None
    return data


def _plain(value: Any) -> bool:
    """True when every key is text and no text value could read differently under YAML 1.1."""
    global _NUMBER
    if _NUMBER is None:  # PyYAML's own YAML 1.1 int and float patterns, as one regex
        import re

        pats = {r.pattern for rs in yaml.resolver.Resolver.yaml_implicit_resolvers.values() for tag, r in rs if tag in (_TAG + "int", _TAG + "float")}
        _NUMBER = re.compile("|".join(f"(?:{p})" for p in sorted(pats)), re.VERBOSE)
    words, number, starts = _YAML11_WORDS, _NUMBER.match, _NUMBER_STARTS
    stack = [value]
    while stack:
        v = stack.pop()
        if type(v) is dict:
            for k in v:
                if type(k) is not str:
                    return False
            items: Any = v.values()
        else:
            items = v
        for item in items:
            t = type(item)
            if t is str:
                if item in words or (item[:1] in starts and number(item)):
                    return False
            elif t is dict or t is list:
                stack.append(item)
            elif t is float:
                return False
    return True


_NUMBER: Any = None
_NUMBER_STARTS = frozenset("0123456789+-.")


def _mark(node: yaml.Node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def read_text(path: str | os.PathLike[str], *, label: str | None = None) -> str:
    """The file's text, or InvalidFile with a message that points at the problem."""
    name = label or os.fspath(path)
    try:
        size = os.stat(path).st_size
    except FileNotFoundError:
        raise InvalidFile("no such file", [Problem(name, 1, 1, "no such file")]) from None
    except OSError as exc:
        msg = f"cannot read the file ({exc.strerror})"
        raise InvalidFile(msg, [Problem(name, 1, 1, msg)]) from None
    if size > MAX_BYTES:
        mb = size / 1024 / 1024
        raise InvalidFile(
            f"{name}: the file is {mb:,.0f} MB, more than the {MAX_BYTES // 1024 // 1024} MB limit",
            [Problem(name, 1, 1, f"file too large ({mb:,.0f} MB)")],
        )
    with open(path, "rb") as fh:
        data = fh.read()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        bad = data[exc.start : exc.start + 1].hex()
        msg = f"the file is not UTF-8 text: byte 0x{bad} cannot be read; save the file as UTF-8"
        raise InvalidFile(msg, [Problem(name, line, col, msg)]) from None


def load(path: str | os.PathLike[str], *, label: str | None = None) -> tuple[Any, Positions]:
    """Parse a YAML file. Returns (data, positions) or raises InvalidFile listing every problem.

    Problems that do not stop the reading (duplicate keys) are in positions.problems, so that
    the caller can report them together with its own.
    """
    name = label or os.fspath(path)
    return parse(read_text(path, label=name), name)


def parse(text: str, name: str) -> tuple[Any, Positions]:
    positions = Positions(name)
    if not text.strip():
        raise InvalidFile(f"{name}: the file is empty", [Problem(name, 1, 1, "the file is empty")])
    try:
        root = yaml.compose(text, Loader=_Loader)  # noqa: S506 - CSafeLoader/SafeLoader only
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or "cannot be read"
        context = f" ({exc.context})" if exc.context else ""
        msg = f"YAML syntax error: {what}{context}"
        if "nesting depth" in what:
            msg = "YAML nested too deeply"
        raise InvalidFile(msg, [Problem(name, line, col, msg)]) from None
    except yaml.YAMLError as exc:
        msg = f"YAML syntax error: {exc}"
        raise InvalidFile(msg, [Problem(name, 1, 1, msg)]) from None
    if root is None:
        raise InvalidFile(f"{name}: the file is empty", [Problem(name, 1, 1, "the file is empty")])
    builder = _Builder(positions)
    value = builder.build(root, ())
    positions.problems.extend(builder.problems)
    return value, positions


class _Builder:
    def __init__(self, positions: Positions) -> None:
        self.positions = positions
        self.problems: list[Problem] = []
        self.seen: dict[int, Any] = {}
        self.in_progress: set[int] = set()
        self.expanded = 0
        self.unique = 0

    def fail(self, node: yaml.Node, message: str) -> None:
        line, col = _mark(node)
        self.problems.append(Problem(self.positions.file, line, col, message))

    def build(self, node: yaml.Node, path: Path, depth: int = 0) -> Any:
        self.expanded += 1
        if self.expanded > self.unique + MAX_ALIAS_EXPANSION:
            raise InvalidFile(
                "YAML aliases expand to too much data",
                [Problem(self.positions.file, *_mark(node), "YAML aliases (*name) expand to too much data")],
            )
        if depth > MAX_DEPTH:
            raise InvalidFile("YAML nested too deeply", [Problem(self.positions.file, *_mark(node), "YAML nested too deeply")])
        key = id(node)
        if key in self.in_progress:
            self.fail(node, "a YAML alias refers to itself")
            return None
        if key in self.seen:  # an alias: walk it again so positions exist, but count the cost
            pass
        else:
            self.unique += 1
        self.positions.values.setdefault(path, _mark(node))
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        self.in_progress.add(key)
        try:
            if isinstance(node, yaml.SequenceNode):
                result: Any = [self.build(child, path + (i,), depth + 1) for i, child in enumerate(node.value)]
            else:
                result = self.mapping(node, path, depth)
        finally:
            self.in_progress.discard(key)
        self.seen[key] = True
        return result

    def mapping(self, node: yaml.Node, path: Path, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _TAG + "merge":
                self.fail(key_node, "YAML merge keys (<<) are not supported here; write the keys out")
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.fail(key_node, "a key must be plain text")
                continue
            key = str(key_node.value)
            if key in first:
                line, _ = _mark(first[key])
                self.fail(key_node, f"duplicate key '{key}' (first given at line {line})")
                continue
            first[key] = key_node
            self.positions.keys[path + (key,)] = _mark(key_node)
            result[key] = self.build(value_node, path + (key,), depth + 1)
        return result

    def scalar(self, node: yaml.ScalarNode) -> Any:
        tag = node.tag
        value: str = node.value
        if tag == _TAG + "str" or node.style:
            return value
        if tag == _TAG + "int":
            try:
                return int(value.replace("_", ""), 0)
            except ValueError:
                return value
        if tag == _TAG + "null":
            return None
        if tag == _TAG + "bool":
            return value.lower() in ("yes", "true", "on", "y")
        if tag == _TAG + "float":
            try:
                return float(value.replace("_", ""))
            except ValueError:
                return value
        return value  # timestamps and anything else stay text; the schema parses dates

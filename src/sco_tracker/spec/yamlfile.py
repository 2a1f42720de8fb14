"""Read a YAML file into plain Python data, keeping the position of every key and value.

PyYAML's C composer (libyaml) builds the node tree; we construct the values ourselves so that
- duplicate keys are reported instead of silently winning,
- dates stay text (the schema parses them, and reports impossible ones like 2018-02-30),
- every key and value keeps its line and column for error messages,
- hostile input (huge files, alias bombs, deep nesting, bytes that are not UTF-8) fails
  with a clear message in bounded time and memory.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sco_tracker.paths import Unreadable, read_regular
from sco_tracker.problems import InvalidFile, Problem
from sco_tracker.spec import codes
from sco_tracker.spec.codes import Code
from sco_tracker.spec.yamlhints import syntax_hint

# yaml-rs allocates through mimalloc, which by default keeps the pages a parse freed for a
# while and gives them back only when it next allocates: after the one parse of a run, never.
# At 100,000 commitments that is 200 MB held to the end of `run`; returned at once instead
# (a setting of the user's own wins). Read by mimalloc when yaml-rs is first imported.
os.environ.setdefault("MIMALLOC_PURGE_DELAY", "0")
try:
    import yaml_rs

    HAVE_YAML_RS = True
except ImportError:  # pragma: no cover - a declared dependency; the careful reader still works
    HAVE_YAML_RS = False

if TYPE_CHECKING:
    import yaml
else:
    yaml = (
        None  # PyYAML, imported by the careful reader (_import_pyyaml); the fast path does without
    )
_Loader: Any = None


def _import_pyyaml() -> None:
    global yaml, _Loader
    if _Loader is None:
        # PyYAML only for the careful reader: the fast path (yaml-rs) does without it
        import yaml as pyyaml  # noqa: PLC0415

        # libyaml is part of the PyYAML wheels; fall back to the pure-Python loader without it.
        try:
            from yaml import CSafeLoader as loader  # noqa: PLC0415
        except ImportError:  # pragma: no cover
            from yaml import SafeLoader as loader  # type: ignore[assignment]  # noqa: PLC0415
        yaml, _Loader = pyyaml, loader


#: The largest file read. 100,000 commitments take about 55 MB, so this leaves room for the
#: biggest trackers we plan for while bounding time and memory on hostile input.
MAX_BYTES = 128 * 1024 * 1024
MAX_DEPTH = 64
#: Aliases (*name) may expand a document to at most ALIAS_RATIO times its own nodes plus
#: MAX_ALIAS_EXPANSION values: enough for lists reused on every entry, not for a bomb.
MAX_ALIAS_EXPANSION = 100_000
ALIAS_RATIO = 4

Path = tuple[str | int, ...]
#: What YAML counts as a line break (its marks count lines this way).
_LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
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

    def locate(self, path: Path) -> tuple[str, int, int]:
        """The file, line and column of the value at path (an included file's, when the data
        was merged from several files: multifile.MergedPositions)."""
        return (self.file, *self.of_value(path))

    def problem(
        self,
        path: Path,
        message: str,
        *,
        at_key: bool = False,
        severity: str = "error",
        code: object = "",
    ) -> Problem:
        line, col = self.of_key(path) if at_key else self.of_value(path)
        return Problem(self.file, line, col, message, severity, str(code))  # type: ignore[arg-type]


#: Plain scalars that YAML 1.1 (the careful reader) and YAML 1.2 (yaml-rs) read differently.
_YAML11_WORDS = frozenset(
    [
        "y",
        "Y",
        "yes",
        "Yes",
        "YES",
        "n",
        "N",
        "no",
        "No",
        "NO",
        "on",
        "On",
        "ON",
        "off",
        "Off",
        "OFF",
        "true",
        "True",
        "TRUE",
        "false",
        "False",
        "FALSE",
        "null",
        "Null",
        "NULL",
        "~",
    ]
)
#: A whole number written with a leading zero as a plain scalar: YAML 1.1 reads 017 and 08 as
#: text, YAML 1.2 as 17 and 8, and the value does not show how it was written. (The pattern
#: starts with the literal 0 and looks behind it, which lets re skip through the text fast.)
_LEADING_ZERO = re.compile(
    r"0(?:(?<=^0)|(?<=[\s\[{,]0)|(?<=^[-+]0)|(?<=[\s\[{,][-+]0))[0-9_]*[0-9][ \t]*(?:$|[,\]}#])",
    re.MULTILINE,
)
#: Characters YAML does not allow in a document (the careful reader reports them).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
#: UTF-8 bytes that are no part of any _CONTROL character: all but the C0 controls, DEL, and
#: the lead bytes of U+0080-U+00BF (C2), of surrogates (ED) and of U+F000-U+FFFF (EF).
_CLEAN_BYTES = bytes(
    [
        0x09,
        0x0A,
        0x0D,
        *range(0x20, 0x7F),
        *(b for b in range(0x80, 0x100) if b not in (0xC2, 0xED, 0xEF)),
    ]
)


def fast_load(text: str, encoded: bytes | None = None) -> Any | None:
    """The file as plain data from the compiled yaml-rs parser, or None when unsure.

    fast_parse, then plain: see them.
    """
    data = fast_parse(text, encoded)
    return data if data is not None and plain(data) else None


def fast_parse(text: str, encoded: bytes | None = None) -> dict[str, Any] | None:
    """The file as data from the compiled yaml-rs parser, or None when unsure; that the data
    is what the careful reader reads also needs plain(data) (spec/entrycache.py asks it of
    only the entries it does not remember).

    None means: let the careful reader (parse) decide. That is the case for anything that
    could be an error (syntax, duplicate keys: yaml-rs refuses them) and for anything the
    two readers might read differently (YAML 1.1 words such as 'yes', octal numbers, merge
    keys, anchors, tags, unusual line breaks). The data returned equals what parse() returns.
    encoded: the text as UTF-8 (surrogatepass), when the caller has it already.
    """
    if not HAVE_YAML_RS:  # pragma: no cover
        return None
    if encoded is None:
        encoded = text.encode("utf-8", "surrogatepass")
    # YAML forbids _CONTROL characters; the careful reader says where. Deleting the bytes that
    # cannot be part of one is 7 times faster than the regex, which runs only if some are left.
    if encoded.translate(None, _CLEAN_BYTES) and _CONTROL.search(text):
        return None
    if (
        "<<" in text
        or "0o" in text
        or "\x85" in text
        or "\u2028" in text
        or "\u2029" in text
        or "\t" in text
    ):
        return None
    if _starts_a_token(text, "&") or _starts_a_token(text, "!") or _LEADING_ZERO.search(text):
        return (
            None  # an anchor, a tag (!!int "5"), or 017: their reading does not show in the value
        )
    try:
        # From the bytes: given the text, yaml-rs would have Python keep a UTF-8 copy of it
        # inside the str for as long as the text lives (the whole run: LazyPositions holds it).
        data = yaml_rs.load(encoded, parse_datetime=False)
    except Exception:  # noqa: BLE001 - any trouble: the careful reader gives the message
        return None
    if not isinstance(data, dict):
        return None
    return data


def _starts_a_token(text: str, mark: str) -> bool:
    """Whether mark (& of an anchor, ! of a tag) starts a token anywhere in text."""
    i = text.find(mark)
    while i >= 0:
        if (i == 0 or text[i - 1].isspace() or text[i - 1] in "[{,") and text[
            i + 1 : i + 2
        ].strip():
            return True
        i = text.find(mark, i + 1)
    return False


def plain(value: Any) -> bool:
    """True when every key is text and no text value could read differently under YAML 1.1."""
    words, number, starts = _YAML11_WORDS, _number_regex().match, _NUMBER_STARTS
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


@functools.cache
def _number_regex() -> re.Pattern[str]:
    """The YAML 1.1 number regex, compiled on first use (the fast path's import stays cheap)."""
    return re.compile(_NUMBER_PATTERN, re.VERBOSE)


#: PyYAML's YAML 1.1 float and int patterns (yaml.resolver.Resolver) as one regex, copied so
#: that the fast path need not import PyYAML; tests/test_fast_path.py checks they are PyYAML's.
_NUMBER_PATTERN = r"""
(?:^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?
    |\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?
    |[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*
    |[-+]?\.(?:inf|Inf|INF)
    |\.(?:nan|NaN|NAN))$)
|(?:^(?:[-+]?0b[0-1_]+
    |[-+]?0[0-7_]+
    |[-+]?(?:0|[1-9][0-9_]*)
    |[-+]?0x[0-9a-fA-F_]+
    |[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$)
"""
_NUMBER_STARTS = frozenset("0123456789+-.")


def _mark(node: yaml.Node) -> tuple[int, int]:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


def read_text(
    path: str | os.PathLike[str], *, label: str | None = None, roots: Sequence[str] | None = None
) -> str:
    """The file's text, or InvalidFile with a message that points at the problem."""
    return read_bytes_and_text(path, label=label, roots=roots)[1]


def read_bytes_and_text(
    path: str | os.PathLike[str], *, label: str | None = None, roots: Sequence[str] | None = None
) -> tuple[bytes, str]:
    """The file's bytes (UTF-8) and text, or InvalidFile pointing at the problem: a regular file
    (never a pipe or a device) of at most MAX_BYTES, inside roots when given (links followed)."""
    name = label or os.fspath(path)

    def fail(msg: str, line: int = 1, col: int = 1, code: Code = codes.UNREADABLE) -> InvalidFile:
        return InvalidFile(msg, [Problem(name, line, col, msg, code=code.code)])

    try:
        data = read_regular(path, limit=MAX_BYTES, roots=roots)
    except Unreadable as exc:  # a folder, a pipe, a device, a link out of roots, too large
        raise fail(exc.reason) from None
    except FileNotFoundError:
        raise fail("no such file", code=codes.NO_SUCH_FILE) from None
    except (OSError, ValueError) as exc:  # ValueError: e.g. a NUL character in the name
        raise fail(f"cannot read the file ({getattr(exc, 'strerror', None) or exc})") from None
    try:
        return data, data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        bad = data[exc.start : exc.start + 1].hex()
        msg = f"the file is not UTF-8 text: byte 0x{bad} cannot be read; save the file as UTF-8"
        raise fail(msg, line, col, codes.NOT_UTF8) from None


def load(path: str | os.PathLike[str], *, label: str | None = None) -> tuple[Any, Positions]:
    """Parse a YAML file. Returns (data, positions) or raises InvalidFile listing every problem.

    Problems that do not stop the reading (duplicate keys) are in positions.problems, so that
    the caller can report them together with its own.
    """
    name = label or os.fspath(path)
    return parse(read_text(path, label=name), name)


def parse(text: str, name: str) -> tuple[Any, Positions]:
    _import_pyyaml()
    positions = Positions(name)
    if not text.strip():
        raise InvalidFile(
            f"{name}: the file is empty",
            [Problem(name, 1, 1, "the file is empty", code=codes.EMPTY_FILE.code)],
        )
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        lines = _LINE_BREAK.split(text)
        if line > len(lines):  # libyaml points past the end of a file without a final newline
            line, col = len(lines), len(lines[-1]) + 1
        what = exc.problem or "cannot be read"
        context = f" ({exc.context})" if exc.context else ""
        msg = f"YAML syntax error: {what}{context}"
        if "mapping values are not allowed" in what:
            msg += (
                "; if the text itself has ': ' in it, put the whole value in quotes; if not, "
                f"check the indentation of line {line}: it should line up with the keys above it"
            )
        elif "tab character" in what or (
            mark is not None and text[mark.index : mark.index + 1] == "\t"
        ):
            msg += "; indent with spaces, not tabs"
        elif "nesting depth" in what:
            msg = f"YAML nested too deeply (more than {MAX_DEPTH} levels)"
        else:
            msg += syntax_hint(exc, line, lines)
        code = (codes.YAML_TOO_BIG if "nesting depth" in what else codes.YAML_SYNTAX).code
        raise InvalidFile(msg, [Problem(name, line, col, msg, code=code)]) from None
    except yaml.reader.ReaderError as exc:
        before = text[: exc.position]
        line, col = before.count("\n") + 1, exc.position - (before.rfind("\n") + 1) + 1
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        msg = f"YAML does not allow the control character U+{ord(char):04X} here; delete it"
        raise InvalidFile(
            msg, [Problem(name, line, col, msg, code=codes.YAML_CONTROL.code)]
        ) from None
    except RecursionError:  # the pure-Python parser, on very deep nesting
        msg = f"YAML nested too deeply (more than {MAX_DEPTH} levels)"
        raise InvalidFile(msg, [Problem(name, 1, 1, msg, code=codes.YAML_TOO_BIG.code)]) from None
    except yaml.YAMLError as exc:
        msg = f"YAML syntax error: {exc}"
        raise InvalidFile(msg, [Problem(name, 1, 1, msg, code=codes.YAML_SYNTAX.code)]) from None
    if root is None or (
        isinstance(root, yaml.ScalarNode) and root.tag == _TAG + "null" and not root.value
    ):
        raise InvalidFile(
            f"{name}: the file is empty",
            [Problem(name, 1, 1, "the file is empty", code=codes.EMPTY_FILE.code)],
        )
    _measure(root, name)
    builder = _Builder(positions)
    value = builder.build(root, ())
    positions.problems.extend(builder.problems)
    return value, positions


def _measure(root: yaml.Node, name: str) -> None:
    """Refuse, before building anything, a document nested too deeply, an alias that refers to
    itself, or aliases that would expand it beyond MAX_ALIAS_EXPANSION values (a "billion
    laughs" bomb). Time and memory are bounded by the number of distinct nodes."""
    sizes: dict[int, int] = {}
    active: set[int] = set()
    reused: dict[int, yaml.Node] = {}

    def fail(node: yaml.Node, message: str) -> InvalidFile:
        return InvalidFile(
            message, [Problem(name, *_mark(node), message, code=codes.YAML_TOO_BIG.code)]
        )

    def size(node: yaml.Node, depth: int) -> int:
        key = id(node)
        if key in sizes:
            reused[key] = node
            return sizes[key]
        if depth > MAX_DEPTH:
            raise fail(node, f"YAML nested too deeply (more than {MAX_DEPTH} levels)")
        if key in active:
            raise fail(node, "this YAML anchor (&name) is used (*name) inside its own value")
        total = 1
        if isinstance(node, (yaml.SequenceNode, yaml.MappingNode)):
            active.add(key)
            children = (
                node.value
                if isinstance(node, yaml.SequenceNode)
                else [n for pair in node.value for n in pair]
            )
            for child in children:
                total += size(child, depth + 1)
                if total > ALIAS_RATIO * len(sizes) + MAX_ALIAS_EXPANSION:
                    biggest = max(reused.values(), key=lambda n: sizes.get(id(n), 0), default=node)
                    raise fail(
                        biggest,
                        "YAML aliases (*name) expand to too much data; write the values out "
                        "instead",
                    )
            active.discard(key)
        sizes[key] = total
        return total

    size(root, 0)


class _Builder:
    """Plain values from the node tree (already measured, so bounded in size and depth)."""

    def __init__(self, positions: Positions) -> None:
        self.positions = positions
        self.problems: list[Problem] = []

    def fail(self, node: yaml.Node, message: str) -> None:
        line, col = _mark(node)
        self.problems.append(
            Problem(self.positions.file, line, col, message, code=codes.YAML_KEY.code)
        )

    def build(self, node: yaml.Node, path: Path, depth: int = 0) -> Any:
        self.positions.values.setdefault(path, _mark(node))
        if isinstance(node, yaml.ScalarNode):
            return self.scalar(node)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(child, path + (i,), depth + 1) for i, child in enumerate(node.value)]
        return self.mapping(node, path, depth)

    def mapping(self, node: yaml.Node, path: Path, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _TAG + "merge":
                self.fail(
                    key_node, "YAML merge keys (<<) are not supported here; write the keys out"
                )
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

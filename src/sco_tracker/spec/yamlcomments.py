"""Comment lines kept in place while an edit adds, removes or replaces a list item.

ruamel.yaml attaches a comment line to what comes before it, not to what it describes: the
comment lines above item N+1 of a block list (a `# why:` written by draft, a section heading)
are stored with the last line of item N (its "slot"), after that line's own end-of-line
comment. An edit that extends, deletes or replaces item N must carry those lines over to what
now comes before item N+1, or they vanish or move.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.tokens import CommentToken


def _is_flow(node: Any) -> bool:
    fa = getattr(node, "fa", None)
    return bool(fa is not None and fa.flow_style())


def _block(node: Any) -> bool:
    return isinstance(node, (CommentedMap, CommentedSeq)) and bool(len(node)) and not _is_flow(node)


def _last_slot(node: Any) -> tuple[Any, Any, int] | None:
    """(container, key, slot) holding the comment that follows the last line of node."""
    while _block(node):
        key = list(node.keys())[-1] if isinstance(node, CommentedMap) else len(node) - 1
        if _block(node[key]):
            node = node[key]
            continue
        return node, key, 2 if isinstance(node, CommentedMap) else 0
    return None


def _item_slot(seq: Any, index: int) -> tuple[Any, Any, int] | None:
    """The slot after the last line of item index of a block list (a scalar, a flow mapping or
    a block mapping)."""
    if _block(seq[index]):
        return _last_slot(seq[index])
    return seq, index, 0


def _take(slot: tuple[Any, Any, int] | None) -> str:
    if slot is None:
        return ""
    owner, key, i = slot
    entry = owner.ca.items.get(key)
    if entry is None or len(entry) <= i or entry[i] is None:
        return ""
    value = entry[i].value
    if value.startswith("#"):  # the line's own end-of-line comment stays with it
        eol, newline, rest = value.partition("\n")
        entry[i].value = eol + newline
        return rest
    entry[i] = None
    return value[1:] if value.startswith("\n") else value


def _give(slot: tuple[Any, Any, int] | None, lines: str) -> bool:
    if not lines:
        return True
    if slot is None:
        return False
    owner, key, i = slot
    entry = owner.ca.items.setdefault(key, [None, None, None, None] if i == 2 else [None, None])
    while len(entry) <= i:
        entry.append(None)
    if entry[i] is None:
        entry[i] = CommentToken("\n" + lines, CommentMark(0))
    else:
        value = entry[i].value
        entry[i].value = value + ("" if value.endswith("\n") else "\n") + lines
    return True


def take_following(node: Any) -> str:
    """Detach the comment lines that follow node's last line (its end-of-line comment stays)."""
    return _take(_last_slot(node))


def give_following(node: Any, lines: str) -> bool:
    """Put comment lines after node's last line, below any already there."""
    return _give(_last_slot(node), lines)


def _section_slot(data: Any, key: Any) -> tuple[Any, Any, int]:
    """The slot after the last line of the top-level section key (of the mapping data)."""
    return _last_slot(data[key]) or (data, key, 2)


def _take_section(data: Any, key: Any) -> str:
    """Detach the comment lines that follow the top-level section key (ruamel.yaml keeps some
    of them at the end of its value instead: a list whose last item is a flow mapping)."""
    lines = _take(_section_slot(data, key))
    if _block(data[key]) and data[key].ca.end:
        lines += "".join(t.value for t in data[key].ca.end)
        data[key].ca.end = []
    return lines


def insert_section(data: Any, index: int, key: str, value: Any) -> None:
    """Insert a top-level section before section index of the file (at the end when there is
    none), separated from the sections around it as the file separates its own sections: by
    one blank line, unless none of them is followed by one. The comment lines heading the
    section that was there stay above it."""
    keys = list(data.keys())
    following = {k: _take_section(data, k) for k in keys}
    spaced = len(keys) < 2 or any(following[k].startswith("\n") for k in keys[:-1])
    for k in keys:
        _give(_section_slot(data, k), following[k])
    lines = ""
    if index > 0:
        before = _section_slot(data, keys[index - 1])
        lines = following[keys[index - 1]]
        _take(before)
        if spaced:
            _give(before, "\n")
    data.insert(index, key, value)
    if spaced and index < len(keys) and not lines.startswith("\n"):
        lines = "\n" + lines
    _give(_section_slot(data, key), lines)


@contextmanager
def keep_trailing_comment(node: Any) -> Iterator[None]:
    """Keep the comment lines that follow node below it while the body changes its end."""
    lines = take_following(node)
    yield
    give_following(node, lines)


def delete_item(seq: Any, index: int) -> None:
    """Delete item index of a block list; the comment lines above it and below it stay, now
    above the next item (or below the item before it, when it was the last)."""
    lines = _pop_pre(seq, index) + _take(_item_slot(seq, index))
    del seq[index]
    if not lines:
        return
    if index < len(seq):
        entry = seq.ca.items.setdefault(index, [None, None, None, None])
        entry[1] = [CommentToken(lines, CommentMark(0)), *(entry[1] or [])]
    elif index > 0:
        _give(_item_slot(seq, index - 1), lines)


def _pop_pre(seq: Any, index: int) -> str:
    """The comment lines stored before item index (after a flow or scalar item), detached."""
    entry = seq.ca.items.get(index)
    if entry is None or len(entry) < 2 or not entry[1]:
        return ""
    tokens, entry[1] = entry[1], None
    return "".join(" " * _column(t) + t.value for t in tokens)


def _column(token: Any) -> int:
    mark = getattr(token, "start_mark", None)
    column = getattr(mark, "column", 0) if mark is not None else 0
    return column if token.value.strip() else 0


def replace_item(seq: Any, index: int, new: Any) -> None:
    """Put new in place of item index of a block list; the comment lines above the next item
    stay above it."""
    lines = _take(_item_slot(seq, index))
    own = take_following(new)  # comment lines the analyst ended the entry with
    if own and not own.endswith("\n"):
        own += "\n"
    seq[index] = new
    _give(_item_slot(seq, index), own + lines)


def insert_item(seq: Any, index: int, item: Any) -> None:
    """Insert item before item index of a block list; the comment lines above the item that was
    there stay above it."""
    if index >= len(seq):
        with keep_trailing_comment(seq):
            seq.append(item)
        return
    lines = _take(_item_slot(seq, index - 1)) if index > 0 else ""
    seq.insert(index, item)
    _give(_item_slot(seq, index), lines)

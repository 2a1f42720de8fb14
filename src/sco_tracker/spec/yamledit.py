"""Safe edits of commitments.yaml from the command line (update, draft --write).

- ruamel.yaml round-trip: comments, key order, flow style and quoting are kept;
- a comment block that follows the entry being extended (such as the section heading of the
  next group of commitments) stays where it was instead of being pushed above the new lines;
- a guard compares the old and new text: only inserted lines (and lines the caller declares,
  such as the 'status:' line) may differ, or nothing is written;
- the new text must validate before it replaces the file; otherwise nothing is written and
  every problem is listed;
- an OS lock on commitments.yaml.lock stops two edits at once (it dies with its process, so a
  killed edit blocks nothing), and a check of the file's bytes just before the write refuses
  to overwrite an edit made meanwhile (in an editor, say);
- the write is atomic (temporary file, then rename), through a link to the file it leads to.
"""

from __future__ import annotations

import difflib
import hashlib
import io
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.representer import RoundTripRepresenter

from sco_tracker.fileio import os_lock, test_pause, write_atomic
from sco_tracker.paths import Unreadable, read_regular, real
from sco_tracker.problems import InvalidFile, Problem, UserError
from sco_tracker.spec import codes
from sco_tracker.spec.project import load_project, load_project_text
from sco_tracker.spec.yamlcomments import keep_trailing_comment
from sco_tracker.spec.yamlfile import MAX_BYTES

__all__ = [
    "check_only_insertions",
    "edit_file",
    "file_lock",
    "keep_trailing_comment",
    "round_trip_yaml",
]


class _PlusInt(int):
    """An integer written with a leading '+' (a compliance score of +1), kept so on writing."""


def round_trip_yaml() -> Any:
    class Constructor(RoundTripConstructor):
        def construct_yaml_int(self, node: Any) -> Any:
            text = str(node.value).strip()
            if text.startswith("+") and text[1:].isdigit():
                return _PlusInt(int(text[1:]))
            return super().construct_yaml_int(node)

    Constructor.add_constructor("tag:yaml.org,2002:int", Constructor.construct_yaml_int)

    class Representer(RoundTripRepresenter):
        pass

    Representer.add_representer(
        _PlusInt, lambda r, data: r.represent_scalar("tag:yaml.org,2002:int", f"+{int(data)}")
    )

    y = YAML()
    y.Constructor = Constructor
    y.Representer = Representer
    y.preserve_quotes = True
    y.width = 4096  # never re-wrap long quotes
    y.indent(mapping=2, sequence=4, offset=2)
    return y


#: How long an edit waits for another edit of the same file to finish.
EDIT_LOCK_WAIT_SECONDS = 5


def _lock_path(path: Path) -> Path:
    """commitments.yaml.lock beside the file actually edited (a link's target), so two
    projects that link the same shared file take the same lock."""
    target = Path(real(path))
    return target.with_name(target.name + ".lock")


@contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """An OS lock held for the edit: released when the process ends, even by kill -9, so a
    killed edit never blocks the next one."""
    lock = _lock_path(path)
    with os_lock(
        lock,
        wait=EDIT_LOCK_WAIT_SECONDS,
        busy=f"{path}: another edit is in progress (it holds {lock.name}); try again when it "
        "has finished",
    ):
        yield


def check_only_insertions(
    old: str,
    new: str,
    may_change: re.Pattern[str] | None = None,
    may_rewrite: range | None = None,
) -> None:
    """Refuse an edit that would touch existing lines other than those may_change matches or
    those in may_rewrite (indexes from 0 of the old lines: one entry, which review rewrites)."""
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    for op, i1, i2, _j1, _j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op in ("equal", "insert"):
            continue
        if may_rewrite is not None and i1 in may_rewrite and i2 - 1 in may_rewrite:
            continue
        if (
            op == "replace"
            and may_change is not None
            and all(may_change.match(line) for line in a[i1:i2])
        ):
            continue
        raise UserError(
            f"the change would also rewrite line {i1 + 1} of the file ({a[i1].strip()!r}), so it "
            "was not written; make this change by hand"
        )


def _own_lines(lines: range, text: str) -> range:
    """An entry's lines without the blank and comment lines after it: those belong to what
    follows (the `# why:` of the next draft, a section heading) and stay as they are."""
    rows = text.splitlines()
    end = min(lines.stop, len(rows))
    while end > lines.start + 1 and (
        not rows[end - 1].strip() or rows[end - 1].lstrip()[:1] == "#"
    ):
        end -= 1
    return range(lines.start, end)


def why_above(text: str, start: int) -> range:
    """The `# why:` comment lines that draft wrote right above line start (from 0) of text:
    its evidence for the entry there. Draft writes them at the entry's own indentation; a line
    indented otherwise that reads "# why:" is someone's text (the last line of a note written
    as a block above), never taken."""
    rows = text.splitlines()
    k = min(start, len(rows))
    if k >= len(rows):
        return range(k, k)
    indent = rows[k][: len(rows[k]) - len(rows[k].lstrip())]
    while k > 0 and rows[k - 1].startswith(f"{indent}# why:"):
        k -= 1
    return range(k, min(start, len(rows)))


def _without(old: str, new: str, lines: range) -> str:
    """new without lines (from 0), which it holds as old has them (the lines above an entry
    removed are where they were); new as it is otherwise."""
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    if (
        not lines
        or lines.stop > len(b)
        or b[lines.start : lines.stop] != a[lines.start : lines.stop]
    ):
        return new
    return "".join(b[: lines.start] + b[lines.stop :])


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def edit_file(
    path: str | os.PathLike[str],
    mutate: Callable[[Any], None],
    *,
    may_change: re.Pattern[str] | None = None,
    today: date | None = None,
    what: str = "the change",
    may_rewrite: Callable[[Any], range] | None = None,
    project: str | os.PathLike[str] | None = None,
    removes: Callable[[Any], int] | None = None,
) -> str:
    """Apply mutate to the round-trip data of the file and write it back safely. Returns the new
    text. may_rewrite, given the data before mutate, names the old lines (from 0) that the
    change may rewrite or delete, such as one entry; any other line may only stay.

    project: the project's commitments.yaml when path is a file it includes (entries.py finds
    which): the whole project is validated with the new text of path.

    removes, given the data before mutate, names the first line (from 0) of an entry that
    mutate removes: the `# why:` lines draft wrote above it go with it (why_above)."""

    target = Path(path)
    label = os.fspath(path)
    with file_lock(target):
        test_pause("edit")
        try:
            raw = read_regular(target, limit=MAX_BYTES)
        except FileNotFoundError:
            raise UserError(f"{label}: no such file") from None
        except Unreadable as exc:
            raise UserError(f"{label}: {exc.reason}; nothing was written") from None
        stat = os.stat(target)
        try:
            old = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise UserError(
                f"{label}: the file is not UTF-8 text; run 'sco-tracker validate' first"
            ) from None
        y = round_trip_yaml()
        try:
            data = y.load(old)
        except Exception as exc:  # noqa: BLE001 ruamel raises many error types; not valid YAML
            raise UserError(
                f"{label}: cannot be read as YAML ({exc.__class__.__name__}); run 'sco-tracker "
                "validate' first"
            ) from None
        rewrite = _own_lines(may_rewrite(data), old) if may_rewrite is not None else None
        why = why_above(old, removes(data)) if removes is not None else range(0)
        mutate(data)
        buf = io.StringIO()
        y.dump(data, buf)
        check_only_insertions(old, buf.getvalue(), may_change, rewrite)
        new = _without(old, buf.getvalue(), why)  # comment lines only, checked to be those
        try:
            if project is None or real(project) == real(target):
                load_project_text(new, target, today=today)
            else:
                load_project(project, today=today, replace={real(target): new})
        except InvalidFile as exc:
            raise InvalidFile(
                f"{what} would make {label} invalid, so nothing was written (line numbers are "
                "those of the file as it would have been)",
                [p for p in exc.problems if p.severity == "error"]
                or [Problem(label, 1, 1, exc.message, code=codes.UNREADABLE.code)],
            ) from None
        now = os.stat(target)
        if _digest(target.read_bytes()) != _digest(raw) or now.st_mtime_ns != stat.st_mtime_ns:
            raise UserError(
                f"{label} was changed by someone else while {what} was being prepared; nothing "
                "was written. Run the command again."
            )
        write_atomic(target, new)
    return new

"""The parts of a row of tests/validation_mistakes.py: the edits an analyst makes to a copy
of the frozen commitments file, where a problem must point, and what validate must say."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

#: A fixed "today" after every update in the frozen file, so results do not depend on the clock.
TODAY = date(2025, 1, 1)


def _entry(text: str, commitment: str) -> tuple[int, int]:
    """(start, end) of one commitment's entry in the text."""
    start = text.index(f"  - id: {commitment}\n")
    end = text.find("\n  - id: ", start + 1)
    return start, (len(text) if end < 0 else end)


@dataclass(frozen=True)
class Edit:
    """Replace the first `old` with `new`: in the whole file, or inside one commitment."""

    old: str
    new: str
    within: str | None = None

    def apply(self, folder: Path) -> None:
        path = folder / "commitments.yaml"
        text = path.read_text(encoding="utf-8")
        start, end = _entry(text, self.within) if self.within else (0, len(text))
        at = text.find(self.old, start)
        assert 0 <= at < end, f"{self.old!r} not in {self.within or 'the file'}"
        path.write_text(text[:at] + self.new + text[at + len(self.old) :], encoding="utf-8")


@dataclass(frozen=True)
class CutFrom:
    """Delete the file from `marker` to its end."""

    marker: str

    def apply(self, folder: Path) -> None:
        path = folder / "commitments.yaml"
        text = path.read_text(encoding="utf-8")
        path.write_text(text[: text.index(self.marker)], encoding="utf-8")


@dataclass(frozen=True)
class AddSource:
    """Put a file (these bytes) under sources/."""

    name: str
    data: bytes

    def apply(self, folder: Path) -> None:
        (folder / "sources" / self.name).write_bytes(self.data)


@dataclass(frozen=True)
class At:
    """Where a problem must point: the column of `col` (default: of `line`) on the
    occurrence-th line holding `line`; with `within`, the first such line from that
    commitment's '- id:' line on."""

    line: str
    col: str | None = None
    occurrence: int = 1
    within: str | None = None

    def find(self, path: Path) -> tuple[int, int]:
        lines = path.read_text(encoding="utf-8").splitlines()
        first = lines.index(f"  - id: {self.within}") if self.within else 0
        seen = 0
        for n in range(first, len(lines)):
            if self.line in lines[n]:
                seen += 1
                if seen == self.occurrence:
                    needle = self.col if self.col is not None else self.line
                    assert needle in lines[n], (needle, lines[n])
                    return n + 1, lines[n].index(needle) + 1
        raise AssertionError(f"{self.line!r} not found in {path}")


@dataclass(frozen=True)
class Also:
    """Another problem that must be reported exactly once (message start), on the line
    holding `line` when given."""

    message: str
    line: str | None = None


@dataclass(frozen=True)
class Mistake:
    """What the analyst did wrong, and what validate must say about it.

    message is the problem's whole message (its start when exact is False); '{first}' in it
    stands for the line number of the first line holding first_line. count is the number of
    problems when the mistake must cause no others; absent lists message starts that must not
    appear (no cascade of follow-on problems).
    """

    did: str
    edits: tuple[Edit | CutFrom | AddSource, ...]
    message: str
    at: At
    exact: bool = True
    ends: str | None = None
    first_line: str | None = None
    also: tuple[Also, ...] = ()
    absent: tuple[str, ...] = ()
    count: int | None = None
    today: date = TODAY


def within(commitment: str, old: str, new: str) -> tuple[Edit]:
    """One edit inside one commitment's entry."""
    return (Edit(old, new, within=commitment),)


def anywhere(old: str, new: str) -> tuple[Edit]:
    """One edit at the first place `old` is in the file."""
    return (Edit(old, new),)

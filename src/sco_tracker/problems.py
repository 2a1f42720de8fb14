"""Problems found in a user's file, and the one exception the CLI turns into a clean message.

Every problem points at something: a file, a line and a column (both counted from 1).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import get_close_matches
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    col: int
    message: str
    severity: Severity = field(default="error", compare=False)
    #: The stable code of this kind of problem (sco_tracker/spec/codes.py), e.g. "SCO402".
    code: str = field(default="", compare=False)

    def __str__(self) -> str:
        prefix = "warning: " if self.severity == "warning" else ""
        return f"{self.file}:{self.line}:{self.col}: {prefix}{self.message}"


class UserError(Exception):
    """An error the user can fix. The CLI prints it without a traceback.

    exit_code: 1 when the user's data has problems, 2 for usage or environment errors.
    """

    exit_code = 2

    def __init__(self, message: str, problems: Iterable[Problem] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.problems = sorted(problems)


class InvalidFile(UserError):
    """commitments.yaml (or another input) has problems; every one is listed."""

    exit_code = 1
    #: Warnings found along the way (a quote that cannot be verified, a draft), for validate.
    warnings: list[Problem] = []  # noqa: RUF012 - replaced, never mutated


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice closest to word (a misspelling of it), or None when nothing is close.

    A long id typed short ('beijng' for 'beijing-2018-05-22', 'moscow' for
    'moscow-2017-10-11') is matched by its leading words, when they begin one choice only."""
    choices = list(choices)
    close = get_close_matches(word, choices, n=1, cutoff=0.6)
    if close:
        return close[0]
    heads: dict[str, list[str]] = {}
    for choice in choices:
        parts = choice.split("-")
        for k in range(1, len(parts)):
            heads.setdefault("-".join(parts[:k]), []).append(choice)
    close = get_close_matches(word, list(heads), n=1, cutoff=0.8)
    return heads[close[0]][0] if close and len(heads[close[0]]) == 1 else None


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A ' (did you mean 'x'?)' hint, or an empty string when nothing is close."""
    close = closest(word, choices)
    return f" (did you mean '{close}'?)" if close else ""

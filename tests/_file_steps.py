"""Steps about the commitments file shared by the drafting and updating features."""

from __future__ import annotations

import difflib

from conftest import FROZEN_FILE


def shipped_text() -> str:
    """The commitments file every scenario starts from (the frozen copy in tests/data)."""
    return FROZEN_FILE.read_text(encoding="utf-8")


def changes(old: str, new: str) -> list[tuple[str, list[str], list[str]]]:
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    return [
        (op, a[i1:i2], b[j1:j2])
        for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
        if op != "equal"
    ]

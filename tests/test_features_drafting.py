"""Binds features/drafting.feature."""

from __future__ import annotations

import shutil
from pathlib import Path

from pytest_bdd import given, parsers, scenarios, then

from _file_steps import changes, shipped_text

scenarios("drafting.feature")

DATA = Path(__file__).resolve().parent / "data" / "made-up-communique-TEST-DATA.txt"


@given("the made-up test communiqué")
def made_up(workdir: Path) -> None:
    shutil.copy(DATA, workdir / "made-up.txt")


@then("the commitments file keeps every line it had, in order")
def only_insertions(workdir: Path) -> None:
    diff = changes(shipped_text(), (workdir / "commitments.yaml").read_text(encoding="utf-8"))
    assert diff, "nothing was added"
    assert all(op == "insert" for op, _, _ in diff), diff


@then(parsers.parse('the text is copied to "{relpath}"'))
def copied(workdir: Path, relpath: str) -> None:
    assert (workdir / relpath).read_bytes() == DATA.read_bytes()

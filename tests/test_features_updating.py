"""Binds features/updating.feature."""

from __future__ import annotations

import signal
import stat
from pathlib import Path

import pytest
from pytest_bdd import given, parsers, scenarios, then

from _file_steps import changes, shipped_text
from pause_helpers import Held

scenarios("updating.feature")


@given("another edit of the commitments file is in progress")
def locked(
    workdir: Path, tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest
) -> None:
    held = Held(
        ["update", "iran-jcpoa", "--date", "2019-01-01", "--note", "x"],
        workdir,
        "edit",
        tmp_path_factory.mktemp("held"),
    )
    request.addfinalizer(held.kill)


@given("an earlier update was killed with kill -9 while it held the lock")
def killed_while_locked(workdir: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    held = Held(
        ["update", "iran-jcpoa", "--date", "2019-01-01", "--note", "x"],
        workdir,
        "edit",
        tmp_path_factory.mktemp("held"),
    )
    assert held.kill() == -signal.SIGKILL
    assert (workdir / "commitments.yaml.lock").exists()  # left behind, as after any crash


@then("the commitments file keeps every line it had, except its status line")
def only_insertions_and_status(workdir: Path) -> None:
    diff = changes(shipped_text(), (workdir / "commitments.yaml").read_text(encoding="utf-8"))
    assert diff, "nothing was changed"
    for op, old, _new in diff:
        assert op == "insert" or (
            op == "replace" and all(line.strip().startswith("status:") for line in old)
        ), diff


@then(parsers.parse('the comment "{comment}" is still in the file'))
def comment_kept(workdir: Path, comment: str) -> None:
    lines = (workdir / "commitments.yaml").read_text(encoding="utf-8").splitlines()
    original = shipped_text().splitlines()
    at_old = next(i for i, line in enumerate(original) if comment in line)
    at_new = next(i for i, line in enumerate(lines) if comment in line)
    # the comment still heads the same commitment
    assert lines[at_new + 1] == original[at_old + 1]


@then("the commitments file keeps every line it had, adding only lines")
def only_insertions(workdir: Path) -> None:
    diff = changes(shipped_text(), (workdir / "commitments.yaml").read_text(encoding="utf-8"))
    assert diff, "nothing was changed"
    assert all(op == "insert" for op, _old, _new in diff), diff


@then(parsers.parse('the updates of "{cid}" are dated {dates}'))
def updates_dated(workdir: Path, cid: str, dates: str) -> None:
    from sco_tracker.spec.project import load_project

    project = load_project(workdir / "commitments.yaml")
    entry = next(c for c in project.commitments if c.id == cid)
    assert [u.date.isoformat() for u in entry.updates] == dates.split(", ")


@given("commitments.yaml may be read and written by its owner, and read by the group only")
def owner_and_group(workdir: Path) -> None:
    (workdir / "commitments.yaml").chmod(0o640)


@then("commitments.yaml may still be read and written by its owner, and read by the group only")
def still_owner_and_group(workdir: Path) -> None:
    assert stat.S_IMODE((workdir / "commitments.yaml").stat().st_mode) == 0o640

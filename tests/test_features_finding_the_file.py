"""Binds features/finding_the_file.feature (shared steps are in conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytest_bdd import given, scenarios, then

scenarios("finding_the_file.feature")


@given("a folder without commitments.yaml", target_fixture="workdir")
def empty_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    # Neither the environment nor a database URL may point the command at a file elsewhere.
    monkeypatch.delenv("SCO_TRACKER_FILE", raising=False)
    monkeypatch.delenv("SCO_TRACKER_DB", raising=False)
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    return folder


@then("nothing was written in the folder")
def nothing_written(workdir: Path) -> None:
    assert sorted(p.name for p in workdir.iterdir()) == []

"""Binds features/finding_the_file.feature (shared steps are in conftest.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pytest_bdd import given, parsers, scenarios, then

from conftest import YOUTH_PROGRAMME, edit, run_cli

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


@given(parsers.parse('the shipped commitments file, renamed "{name}"'), target_fixture="workdir")
def renamed(project_dir: Path, name: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("SCO_TRACKER_FILE", raising=False)
    (project_dir / "commitments.yaml").rename(project_dir / name)
    return project_dir


@given(parsers.parse('SCO_TRACKER_FILE is "{name}"'))
def file_in_environment(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SCO_TRACKER_FILE", name)


@given('"sco-tracker validate" has run there')
def validated(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SCO_TRACKER_FILE", raising=False)
    monkeypatch.delenv("SCO_TRACKER_NO_CACHE", raising=False)  # remembered, as for an analyst
    result = run_cli(["validate"], workdir)
    assert result.exit_code == 0, result.output


@given(
    parsers.parse(
        'a copy of it as "{name}" with the youth action programme\'s status misspelt as "{word}"'
    )
)
def broken_copy(workdir: Path, name: str, word: str) -> None:
    shutil.copy(workdir / "commitments.yaml", workdir / name)
    edit(workdir / name, YOUTH_PROGRAMME, YOUTH_PROGRAMME.replace("planned", word))

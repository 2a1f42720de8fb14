"""Binds features/linking_drafts.feature."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from pytest_bdd import given, parsers, scenarios, then

from conftest import Result

scenarios("linking_drafts.feature")

DATA = Path(__file__).resolve().parent / "data"
BEIJING = DATA / "beijing" / "sources" / "sco-security-council-secretaries-2018-05-22-beijing.txt"


def printed(result: Result) -> dict[str, object]:
    """The YAML that 'draft' printed (its two header lines are comments)."""
    data = yaml.safe_load(result.stdout)
    assert isinstance(data, dict)
    return data


@given(
    "a commitments file that tracks only the SCO-Afghanistan Contact Group's plan of 11 October"
    " 2017 (Moscow)",
    target_fixture="workdir",
)
def moscow_only(tmp_path: Path) -> Path:
    folder = tmp_path / "project"
    folder.mkdir()
    shutil.copy(DATA / "links" / "moscow-2017.yaml", folder / "commitments.yaml")
    return folder


@given("the Beijing communiqué of 22 May 2018")
def beijing(workdir: Path) -> None:
    shutil.copy(BEIJING, workdir / "beijing.txt")


@given(parsers.parse('the follow-up note "{text}" as "{name}"'))
def note(workdir: Path, text: str, name: str) -> None:
    (workdir / name).write_text(text + "\n", encoding="utf-8")


@given("UN General Assembly resolution 80/16 on security of and in the use of ICTs")
def resolution(workdir: Path) -> None:
    shutil.copy(DATA / "corpus" / "A_RES_80_16.md", workdir / "A_RES_80_16.md")


@then(parsers.parse('the proposal quoting "{quote}" restates "{earlier}"'))
def restates(result: Result, quote: str, earlier: str) -> None:
    stubs = [c for c in printed(result)["commitments"] if quote in c["quote"]]  # type: ignore[union-attr]
    assert [c.get("restates") for c in stubs] == [earlier], stubs


@then(parsers.parse('an update of "{commitment}" dated {day} is proposed, quoting "{words}"'))
def update_proposed(result: Result, commitment: str, day: str, words: str) -> None:
    updates = printed(result).get("updates") or {}
    found = updates.get(commitment) or []  # type: ignore[union-attr]
    assert any(
        str(u["date"]) == day and words in u["note"] and u["draft"] is True for u in found
    ), found


@then("no update of a tracked commitment is proposed")
def no_update(result: Result) -> None:
    assert "updates" not in printed(result)


@then("no proposal restates a tracked commitment")
def no_restates(result: Result) -> None:
    assert not [c for c in printed(result)["commitments"] if "restates" in c]  # type: ignore[union-attr]


@then(parsers.parse('"{commitment}" has a draft update dated {day} citing "{source}"'))
def draft_update_written(workdir: Path, commitment: str, day: str, source: str) -> None:
    data = yaml.safe_load((workdir / "commitments.yaml").read_text(encoding="utf-8"))
    entry = next(c for c in data["commitments"] if c["id"] == commitment)
    assert [
        (str(u["date"]), u.get("draft"), f"'{source}'" in u["note"]) for u in entry["updates"]
    ] == [(day, True, True)]


@then("the commitments file is unchanged")
def unchanged(workdir: Path) -> None:
    now = (workdir / "commitments.yaml").read_text(encoding="utf-8")
    assert now == (DATA / "links" / "moscow-2017.yaml").read_text(encoding="utf-8")

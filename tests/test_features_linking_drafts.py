"""Binds features/linking_drafts.feature."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import yaml
from pytest_bdd import given, parsers, scenarios, then, when

from conftest import Result
from pty_session import Terminal

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


def _updates(workdir: Path, commitment: str) -> list[dict[str, object]]:
    data = yaml.safe_load((workdir / "commitments.yaml").read_text(encoding="utf-8"))
    entry = next(c for c in data["commitments"] if c["id"] == commitment)
    return list(entry.get("updates") or [])


@then(parsers.parse('"{commitment}" has a reviewed update dated {day} citing "{source}"'))
def reviewed_update(workdir: Path, commitment: str, day: str, source: str) -> None:
    found = [u for u in _updates(workdir, commitment) if f"'{source}'" in str(u["note"])]
    assert [(str(u["date"]), "draft" in u) for u in found] == [(day, False)], found


@then(parsers.parse('"{commitment}" has no update citing "{source}"'))
def no_update_citing(workdir: Path, commitment: str, source: str) -> None:
    assert not [u for u in _updates(workdir, commitment) if f"'{source}'" in str(u["note"])]


def _whys(workdir: Path, commitment: str) -> list[str]:
    """The '# why: reports on ...' comment lines inside the commitment's entry."""
    text = (workdir / "commitments.yaml").read_text(encoding="utf-8")
    entry = text[text.index(f"  - id: {commitment}\n") :].split("\n  - id: ", 1)[0]
    return [line.strip() for line in entry.splitlines() if "# why: reports on" in line]


@then(
    parsers.parse(
        'the "# why:" comment drafting wrote for the dropped update of "{commitment}" is gone'
        " with it"
    )
)
def why_gone(workdir: Path, commitment: str) -> None:
    assert _whys(workdir, commitment) == []


@then(
    parsers.parse(
        'the "# why:" comment drafting wrote for the accepted update of "{commitment}" is kept'
    )
)
def why_kept(workdir: Path, commitment: str) -> None:
    (why,) = _whys(workdir, commitment)
    assert why.startswith(f"# why: reports on '{commitment}'"), why


# -- sco-tracker review in a real pseudo-terminal (as in test_features_reviewing_drafts.py) -----
@when(parsers.parse('I review the drafts of "{source}" in the terminal'), target_fixture="terminal")
def review(workdir: Path, source: str) -> Iterator[Terminal]:
    terminal = Terminal(["review", "--source", source], workdir, {"EDITOR": "false"})
    yield terminal
    if terminal.proc.poll() is None:
        terminal.proc.kill()
        terminal.finish()


@then(parsers.parse('I am shown "{text}"'))
def shown(terminal: Terminal, text: str) -> None:
    terminal.expect(text)


@when(parsers.parse('I press "{key}"'))
def press(terminal: Terminal, key: str) -> None:
    assert terminal.prompt().endswith("[q]uit: ")
    terminal.type(key)


@then(parsers.parse('the review ends with "{text}"'))
def review_ends(terminal: Terminal, text: str) -> None:
    assert terminal.finish() == 0, terminal.seen
    assert text in terminal.seen, terminal.seen

"""The commitments remembered clean (spec/entrycache.py): validation gives the very same
result with and without them, on valid and invalid files, and checks again whatever changed.

Each test validates once to fill `.sco-tracker-cache/entries.json`, changes something, then
compares the validation with the cache to one with SCO_TRACKER_NO_CACHE: problems, warnings
(FILE:LINE:COL, code, message), the --json output, and the validated commitments themselves.
A spy on entrycache.check_remembered says which commitments the validation took as remembered,
so that a test also fails when the cache is silently never used.
"""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from conftest import benchmark_generator, run_cli
from mistake_table import TODAY, Mistake
from sco_tracker.spec import entrycache
from sco_tracker.spec.validation import validate_file
from validation_mistakes import MISTAKES

ROOT = Path(__file__).resolve().parent.parent
MEMO = Path(".sco-tracker-cache") / entrycache.ENTRIES_FILE
#: The commitments of the frozen file quoting the Moscow document, which has no local text:
#: each gets a warning, so none of them is ever remembered.
MOSCOW = {"afghanistan-contact-group-beijing-2018-plan"}


class Spy:
    """The ids of the commitments taken as remembered, by validation."""

    def __init__(self) -> None:
        self.runs: list[list[str]] = []

    @property
    def last(self) -> list[str]:
        return self.runs[-1] if self.runs else []


@pytest.fixture
def spy(monkeypatch: pytest.MonkeyPatch) -> Spy:
    monkeypatch.delenv("SCO_TRACKER_NO_CACHE", raising=False)
    found = Spy()
    real = entrycache.check_remembered
    bind = entrycache.EntryMemo.bind

    def check(checker: Any, i: int, c: Any, *args: Any) -> None:
        found.runs[-1].append(c.id)
        real(checker, i, c, *args)

    def bound(self: entrycache.EntryMemo, *args: Any) -> None:
        found.runs.append([])
        bind(self, *args)

    monkeypatch.setattr(entrycache, "check_remembered", check)
    monkeypatch.setattr(entrycache.EntryMemo, "bind", bound)
    return found


def outcome(path: Path, today: date, monkeypatch: pytest.MonkeyPatch, *, cache: bool) -> Any:
    """Everything validation gives: its --json output, the warnings as printed, the
    commitments as validated (with the line each paragraph resolved to)."""
    if cache:
        monkeypatch.delenv("SCO_TRACKER_NO_CACHE", raising=False)
    else:
        monkeypatch.setenv("SCO_TRACKER_NO_CACHE", "1")
    try:
        result = validate_file(str(path), today=today)
    finally:
        monkeypatch.delenv("SCO_TRACKER_NO_CACHE", raising=False)
    project = result.project
    return {
        "json": result.as_dict(),
        "problems": [str(p) for p in result.problems],
        "warnings": [str(w) for w in result.warnings],
        "summary": result.summary,
        "commitments": None
        if project is None
        else [
            (c.model_dump(mode="json"), getattr(c, "_line", None), c.draft_updates)
            for c in project.commitments
        ],
        "exclusions": None
        if project is None
        else [x.model_dump(mode="json") for x in project.exclusions],
    }


def same_both_ways(
    path: Path, today: date, monkeypatch: pytest.MonkeyPatch, spy: Spy | None = None
) -> Any:
    """Validate with the cache, then without: the same outcome; the one with the cache."""
    runs = len(spy.runs) if spy is not None else 0
    with_cache = outcome(path, today, monkeypatch, cache=True)
    remembered = list(spy.last) if spy is not None and len(spy.runs) > runs else []
    without = outcome(path, today, monkeypatch, cache=False)
    assert with_cache == without
    if spy is not None:
        spy.runs.append(remembered)  # what the run with the cache remembered, for the caller
    return with_cache


def _ids(path: Path) -> list[str]:
    return [
        line.removeprefix("  - id: ")
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.startswith("  - id: ")
    ]


# --- the same results ------------------------------------------------------------------------


def test_frozen_data_the_same_with_the_cache(
    project_dir: Path, spy: Spy, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = project_dir / "commitments.yaml"
    first = same_both_ways(path, TODAY, monkeypatch, spy)
    assert first["json"]["valid"] and first["warnings"]
    assert (project_dir / MEMO).is_file()
    second = same_both_ways(path, TODAY, monkeypatch, spy)
    assert second == first
    commitments = {c[0]["id"] for c in first["commitments"]}
    # every commitment without a warning was remembered; those with one never are
    assert set(spy.last) == commitments - MOSCOW
    assert commitments >= MOSCOW


def _generator() -> Any:
    return benchmark_generator()


def test_generated_data_the_same_with_the_cache(
    tmp_path: Path, spy: Spy, monkeypatch: pytest.MonkeyPatch
) -> None:
    _generator().generate(300, tmp_path, seed=11)
    path = tmp_path / "commitments.yaml"
    today = date(2026, 6, 1)
    first = same_both_ways(path, today, monkeypatch, spy)
    assert first["json"]["commitments"] == 300
    second = same_both_ways(path, today, monkeypatch, spy)
    assert second == first
    assert len(spy.last) > 250  # all but those with a warning
    # one commitment changed: checked again; the others still remembered
    text = path.read_text(encoding="utf-8")
    first_id = _ids(path)[0]
    changed = text.replace("    status: ", "    status:  ", 1)  # the same data, another text
    assert changed != text
    path.write_text(changed, encoding="utf-8")
    third = same_both_ways(path, today, monkeypatch, spy)
    assert third == first
    assert first_id not in spy.last and len(spy.last) > 250


def test_split_files_the_same_with_the_cache(
    project_dir: Path, spy: Spy, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run_cli(["split"], project_dir, env={"SCO_TRACKER_NO_CACHE": "1"}).exit_code == 0
    included = sorted((project_dir / "commitments").glob("*.yaml"))
    assert included
    path = project_dir / "commitments.yaml"
    first = same_both_ways(path, TODAY, monkeypatch, spy)
    second = same_both_ways(path, TODAY, monkeypatch, spy)
    assert second == first and first["json"]["valid"]
    commitments = {c[0]["id"] for c in first["commitments"]}
    in_included = {i for f in included for i in _ids(f)} & commitments
    assert in_included and in_included - MOSCOW <= set(spy.last)
    # an error in a remembered commitment of an included file is found, where it is
    beijing = next(f for f in included if "beijing" in f.name)
    beijing.write_text(
        beijing.read_text(encoding="utf-8").replace("    lead: china\n", "    lead: chna\n", 1),
        encoding="utf-8",
    )
    third = same_both_ways(path, TODAY, monkeypatch, spy)
    assert any("unknown party 'chna'" in p and beijing.name in p for p in third["problems"])


@pytest.mark.parametrize("mistake", MISTAKES, ids=[m.did for m in MISTAKES])
def test_every_mistake_the_same_with_the_cache(
    project_dir: Path, mistake: Mistake, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = project_dir / "commitments.yaml"
    assert outcome(path, mistake.today, monkeypatch, cache=True)["json"]["valid"]
    assert (project_dir / MEMO).is_file()  # every commitment of the file is remembered
    for change in mistake.edits:
        change.apply(project_dir)
    result = same_both_ways(path, mistake.today, monkeypatch)
    assert result["problems"]


# --- what changed is checked again -----------------------------------------------------------


def test_an_error_in_a_remembered_commitment_is_reported(
    project_dir: Path, spy: Spy, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = project_dir / "commitments.yaml"
    same_both_ways(path, TODAY, monkeypatch, spy)
    same_both_ways(path, TODAY, monkeypatch, spy)
    assert "qingdao-counter-terrorism-programme" in spy.last
    text = path.read_text(encoding="utf-8")
    old = "quote: the approval of a cooperation programme"
    path.write_text(text.replace(old, "quote: the refusal of a cooperation programme"), "utf-8")
    result = same_both_ways(path, TODAY, monkeypatch, spy)
    line = next(n for n, s in enumerate(path.read_text().splitlines(), 1) if "the refusal" in s)
    assert any(
        p.startswith(f"{path}:{line}:") and "the quote is not in paragraph 13" in p
        for p in result["problems"]
    ), result["problems"]


def test_a_warning_in_a_remembered_commitment_is_reported(
    project_dir: Path, spy: Spy, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A valid file all the way: the validation with the cache runs to its end."""
    path = project_dir / "commitments.yaml"
    same_both_ways(path, TODAY, monkeypatch, spy)
    cid = "qingdao-counter-terrorism-programme"
    text = path.read_text(encoding="utf-8")
    at = text.index(f"  - id: {cid}\n")
    at = text.index("    strength:", at)
    path.write_text(text[:at] + "    addressees: [Chna]\n" + text[at:], encoding="utf-8")
    result = same_both_ways(path, TODAY, monkeypatch, spy)
    assert result["json"]["valid"]
    assert any("addressee 'Chna'" in w for w in result["warnings"]), result["warnings"]
    assert cid not in spy.last and spy.last  # the others were remembered
    again = same_both_ways(path, TODAY, monkeypatch, spy)
    assert again == result and cid not in spy.last  # a commitment with a warning: never


def _add_addressee(path: Path, cid: str, name: str) -> None:
    text = path.read_text(encoding="utf-8")
    at = text.index("    strength:", text.index(f"  - id: {cid}\n"))
    path.write_text(text[:at] + f"    addressees: [{name}]\n" + text[at:], encoding="utf-8")


def test_a_party_added_checks_every_commitment_again(
    project_dir: Path, spy: Spy, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = project_dir / "commitments.yaml"
    cid = "qingdao-counter-terrorism-programme"
    _add_addressee(path, cid, "Belarus")  # a plain name: no party is close to it
    first = same_both_ways(path, TODAY, monkeypatch, spy)
    same_both_ways(path, TODAY, monkeypatch, spy)
    assert cid in spy.last and not [w for w in first["warnings"] if "Belarus" in w]
    text = path.read_text(encoding="utf-8")
    new = "  - {id: belarus, name: Belarus, kind: observer_state}\n"
    path.write_text(text.replace("\nsources:\n", f"{new}\nsources:\n", 1), encoding="utf-8")
    result = same_both_ways(path, TODAY, monkeypatch, spy)
    assert result["json"]["valid"]
    assert any("addressee 'Belarus'" in w and "belarus" in w for w in result["warnings"])
    assert spy.last == []  # the parties changed: nothing taken as remembered


def test_a_party_removed_is_an_error_in_remembered_commitments(
    project_dir: Path, spy: Spy, monkeypatch: pytest.MonkeyPatch
) -> None:
    """RATS named by one commitment only, a remembered one: its removal is found there."""
    path = project_dir / "commitments.yaml"
    cid = "qingdao-counter-terrorism-programme"
    text = path.read_text(encoding="utf-8")
    at = text.index("    parties: [", text.index(f"  - id: {cid}\n")) + len("    parties: [")
    path.write_text(text[:at] + "rats, " + text[at:], encoding="utf-8")
    same_both_ways(path, TODAY, monkeypatch, spy)
    same_both_ways(path, TODAY, monkeypatch, spy)
    assert cid in spy.last
    text = path.read_text(encoding="utf-8")
    gone = "  - {id: rats, name: SCO Regional Anti-Terrorist Structure (RATS), kind: sco_body}\n"
    assert gone in text
    path.write_text(text.replace(gone, ""), encoding="utf-8")
    result = same_both_ways(path, TODAY, monkeypatch, spy)
    line = next(n for n, s in enumerate(path.read_text().splitlines(), 1) if "[rats, " in s)
    assert [p for p in result["problems"] if "unknown party 'rats'" in p] == [
        p for p in result["problems"] if p.startswith(f"{path}:{line}:")
    ]
    assert len(result["problems"]) == 1, result["problems"]


def test_a_source_text_changed_checks_its_commitments_again(
    project_dir: Path, spy: Spy, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = project_dir / "commitments.yaml"
    same_both_ways(path, TODAY, monkeypatch, spy)
    source = next((project_dir / "sources").glob("*.txt"))
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[12] = "A paragraph rewritten since.\n"  # paragraph 13
    source.write_text("".join(lines), encoding="utf-8")
    result = same_both_ways(path, TODAY, monkeypatch, spy)
    assert any("the quote is not in paragraph 13" in p for p in result["problems"])


def test_a_source_text_dropped_warns_about_remembered_commitments(
    project_dir: Path, spy: Spy, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Still valid: the quotes of its commitments cannot be verified (a warning each)."""
    path = project_dir / "commitments.yaml"
    same_both_ways(path, TODAY, monkeypatch, spy)
    same_both_ways(path, TODAY, monkeypatch, spy)
    assert "qingdao-counter-terrorism-programme" in spy.last
    text = path.read_text(encoding="utf-8")
    line = "    text: sco-security-council-secretaries-2018-05-22-beijing.txt\n"
    path.write_text(text.replace(line, ""), encoding="utf-8")
    result = same_both_ways(path, TODAY, monkeypatch, spy)
    unverified = [w for w in result["warnings"] if "source 'beijing-2018-05-22' has no local" in w]
    assert len(unverified) > 10, result["warnings"]


def test_an_earlier_day_checks_every_commitment_again(
    project_dir: Path, spy: Spy, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Clean on a day, clean on every later day (its dates are not after it); not before."""
    path = project_dir / "commitments.yaml"
    same_both_ways(path, TODAY, monkeypatch, spy)
    same_both_ways(path, TODAY, monkeypatch, spy)
    remembered = set(spy.last)
    assert remembered
    later = same_both_ways(path, date(2025, 1, 2), monkeypatch, spy)
    assert later["json"]["valid"] and set(spy.last) == remembered
    # the day before the latest update of a remembered commitment: it is in the future
    cid = "qingdao-counter-terrorism-programme"
    assert cid in remembered
    early = same_both_ways(path, date(2019, 5, 14), monkeypatch, spy)
    assert spy.last == []
    assert [p for p in early["problems"] if "update dated 2019-05-15 is in the future" in p]
    # and once the file was valid as of an earlier day, a later day is still a later day
    same_both_ways(path, date(2019, 5, 15), monkeypatch, spy)
    assert spy.last == []  # remembered as of 2025-01-02: not before it
    same_both_ways(path, date(2019, 5, 15), monkeypatch, spy)
    assert set(spy.last) == remembered
    same_both_ways(path, TODAY, monkeypatch, spy)
    assert set(spy.last) == remembered


def test_another_timezone_checks_every_commitment_again(
    project_dir: Path, spy: Spy, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = project_dir / "commitments.yaml"
    same_both_ways(path, TODAY, monkeypatch, spy)
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("timezone: UTC", "timezone: Asia/Bishkek", 1), "utf-8")
    result = same_both_ways(path, TODAY, monkeypatch, spy)
    assert result["json"]["valid"] and spy.last == []
    same_both_ways(path, TODAY, monkeypatch, spy)
    assert spy.last


# --- the cache file ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "damage",
    [
        b"\x00\xff not json",
        b'{"version": 1, "tool": "another", "fingerprint": "x", "clean": ""}',
        b'{"version": 1, "clean": 5}',
        b"[]",
        b"",
        b"[" * 100_000 + b"]" * 100_000,
    ],
    ids=["bytes", "another-tool", "wrong-types", "a-list", "empty", "too-deep"],
)
def test_a_damaged_cache_file_is_ignored(
    project_dir: Path, spy: Spy, monkeypatch: pytest.MonkeyPatch, damage: bytes
) -> None:
    path = project_dir / "commitments.yaml"
    first = same_both_ways(path, TODAY, monkeypatch, spy)
    (project_dir / MEMO).write_bytes(damage)
    assert same_both_ways(path, TODAY, monkeypatch, spy) == first
    assert spy.last == []
    data = json.loads((project_dir / MEMO).read_text(encoding="utf-8"))
    assert data["version"] == entrycache.VERSION  # written again
    same_both_ways(path, TODAY, monkeypatch, spy)
    assert spy.last


def test_the_cache_of_another_project_is_not_used(
    project_dir: Path,
    tmp_path_factory: pytest.TempPathFactory,
    spy: Spy,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = project_dir / "commitments.yaml"
    same_both_ways(path, TODAY, monkeypatch, spy)
    other = tmp_path_factory.mktemp("other")
    shutil.copytree(project_dir / "sources", other / "sources")
    text = path.read_text(encoding="utf-8")
    (other / "commitments.yaml").write_text(text.replace("due_soon_days: 14", "due_soon_days: 7"))
    (other / MEMO.parent).mkdir()
    shutil.copy(project_dir / MEMO, other / MEMO)
    same_both_ways(other / "commitments.yaml", TODAY, monkeypatch, spy)
    assert spy.last == []  # other settings: another fingerprint


def test_no_cache_remembers_nothing(project_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = project_dir / "commitments.yaml"
    outcome(path, TODAY, monkeypatch, cache=False)
    outcome(path, TODAY, monkeypatch, cache=False)
    assert not (project_dir / MEMO).exists()


def _drop_entry(path: Path, cid: str) -> None:
    text = path.read_text(encoding="utf-8")
    start = text.index(f"  - id: {cid}\n")
    end = text.find("\n  - id: ", start + 1) + 1
    path.write_text(text[:start] + text[end:], encoding="utf-8")


@pytest.mark.parametrize(
    ("cid", "named", "field"),
    [
        ("qingdao-youth-action-programme", "qingdao-youth-joint-appeal", "depends_on"),
        ("afghanistan-contact-group-beijing", "afghanistan-contact-group-beijing-2018-plan", ""),
    ],
    ids=["depends_on", "restates"],
)
def test_the_ids_a_remembered_commitment_names_are_looked_up_again(
    project_dir: Path,
    spy: Spy,
    monkeypatch: pytest.MonkeyPatch,
    cid: str,
    named: str,
    field: str,
) -> None:
    """depends_on and restates name other commitments: looked up in every validation."""
    path = project_dir / "commitments.yaml"
    if field:
        text = path.read_text(encoding="utf-8")
        at = text.index("    strength:", text.index(f"  - id: {cid}\n"))
        path.write_text(text[:at] + f"    {field}: [{named}]\n" + text[at:], encoding="utf-8")
    same_both_ways(path, TODAY, monkeypatch, spy)
    same_both_ways(path, TODAY, monkeypatch, spy)
    assert cid in spy.last
    _drop_entry(path, named)
    result = same_both_ways(path, TODAY, monkeypatch, spy)
    assert cid in spy.last  # the fast reader's attempt took it as remembered
    assert [p for p in result["problems"] if f"unknown commitment '{named}'" in p], result


def test_a_validation_cache_nested_too_deep_is_a_miss(project_dir: Path) -> None:
    """The same reader as validate.json's: a file json cannot read (too deep) is no cache."""
    env = {"SCO_TRACKER_NO_CACHE": ""}
    assert run_cli(["validate"], project_dir, env=env).exit_code == 0
    deep = "[" * 100_000 + "]" * 100_000
    (project_dir / ".sco-tracker-cache" / "validate.json").write_text(deep, encoding="utf-8")
    r = run_cli(["validate"], project_dir, env=env)
    assert r.exit_code == 0 and "Traceback" not in r.output, r.output
    assert "valid" in r.stdout

"""One test (at least) for every rule of `sco-tracker validate`.

The mistakes an analyst makes in the file are one table (tests/validation_mistakes.py): each
row makes its edit in a copy of the frozen commitments.yaml and asserts both the message and
the line:col it points at. Positions are computed from the edited file, so a problem reported
at the wrong place fails. The hostile files at the end are small files written from scratch.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from conftest import line_of
from mistake_table import TODAY, Mistake
from sco_tracker.problems import Problem
from sco_tracker.sources.text import fold, quote_in
from sco_tracker.spec import yamlfile
from sco_tracker.spec.validation import ValidationResult, validate_file
from validation_mistakes import MISTAKES

__all__ = ["TODAY", "assert_problem", "at", "at_in", "edit_in", "only", "run"]


def run(path: Path, today: date = TODAY) -> ValidationResult:
    return validate_file(str(path), today=today)


def edit_in(path: Path, commitment: str, old: str, new: str) -> None:
    """Replace the first `old` inside the entry of one commitment."""
    text = path.read_text(encoding="utf-8")
    start = text.index(f"  - id: {commitment}\n")
    end = text.find("\n  - id: ", start + 1)
    at = text.find(old, start)
    assert at >= 0 and (end < 0 or at < end), f"{old!r} not in commitment {commitment!r}"
    path.write_text(text[:at] + new + text[at + len(old) :], encoding="utf-8")


def at(
    path: Path, line_needle: str, col_needle: str | None = None, occurrence: int = 1
) -> tuple[int, int]:
    """(line, col) of col_needle on the occurrence-th line holding line_needle (by default the
    col of line_needle itself)."""
    line = line_of(path, line_needle, occurrence)
    text = path.read_text(encoding="utf-8").splitlines()[line - 1]
    needle = col_needle if col_needle is not None else line_needle
    assert needle in text, (needle, text)
    return line, text.index(needle) + 1


def at_in(path: Path, commitment: str, line_needle: str, col_needle: str) -> tuple[int, int]:
    """Like at(), for the first line holding line_needle inside one commitment."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = lines.index(f"  - id: {commitment}")
    for n in range(start, len(lines)):
        if line_needle in lines[n]:
            return n + 1, lines[n].index(col_needle) + 1
    raise AssertionError(f"{line_needle!r} not found after commitment {commitment!r}")


def only(result: ValidationResult, start: str) -> Problem:
    """The single problem whose message starts with `start`."""
    found = [p for p in result.problems if p.message.startswith(start)]
    assert len(found) == 1, f"expected one problem starting {start!r}, got:\n" + "\n".join(
        map(str, result.problems)
    )
    return found[0]


def assert_problem(
    result: ValidationResult, message: str, where: tuple[int, int], *, exact: bool = True
) -> None:
    assert not result.ok and result.project is None
    p = only(result, message)
    if exact:
        assert p.message == message
    assert (p.line, p.col) == where, f"{p} expected at {where}"


@pytest.fixture
def yaml_file(project_dir: Path) -> Path:
    return project_dir / "commitments.yaml"


# --- the frozen file as it is ----------------------------------------------------------------


def test_the_shipped_file_is_valid(yaml_file: Path) -> None:
    result = run(yaml_file)
    assert result.ok, "\n".join(map(str, result.problems))
    assert result.project is not None
    assert len(result.project.commitments) == 25
    assert result.summary.startswith(
        f"{yaml_file}: valid. 25 commitments (7 deliverable, 18 continuous) from 2 sources"
    )
    # The Moscow 2017 source has no local text: its one quote cannot be checked, and only that
    # is said.
    moscow = at_in(
        yaml_file, "afghanistan-contact-group-beijing-2018-plan", "quote:", "in early 2018"
    )
    assert [(w.line, w.col, w.severity, w.message) for w in result.warnings] == [
        (
            *moscow,
            "warning",
            "the quote cannot be verified: source 'moscow-2017-10-11' has no local text",
        )
    ]


# --- the analyst's mistakes, one row each ----------------------------------------------------


@pytest.mark.parametrize("mistake", MISTAKES, ids=[m.did for m in MISTAKES])
def test_mistake(project_dir: Path, mistake: Mistake) -> None:
    for change in mistake.edits:
        change.apply(project_dir)
    path = project_dir / "commitments.yaml"
    result = run(path, today=mistake.today)
    message = mistake.message
    if mistake.first_line is not None:
        message = message.format(first=line_of(path, mistake.first_line))
    assert_problem(result, message, mistake.at.find(path), exact=mistake.exact)
    if mistake.ends is not None:
        assert only(result, message).message.endswith(mistake.ends)
    for other in mistake.also:
        p = only(result, other.message)
        if other.line is not None:
            assert p.line == line_of(path, other.line), p
    for start in mistake.absent:
        assert not [p for p in result.problems if p.message.startswith(start)], result.problems
    if mistake.count is not None:
        assert len(result.problems) == mistake.count, "\n".join(map(str, result.problems))


# --- edits that keep the file valid ----------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "SUPPORTED PLANS TO HOLD THE GROUP'S NEXT MEETING IN MAY 2018 IN BEIJING",  # case
        "supported  plans to hold\tthe Group's next meeting in May 2018 in Beijing",  # whitespace
        # ’ and no-break spaces
        "supported plans to hold the Group\u2019s next meeting in May\u00a02018 in\u00a0Beijing",
    ],
    ids=["case", "whitespace", "typographic-and-no-break"],
)
def test_quote_matching_forgives_how_people_type(yaml_file: Path, typed: str) -> None:
    old = "quote: supported plans to hold the Group's next meeting in May 2018 in Beijing"
    edit_in(yaml_file, "afghanistan-contact-group-beijing", old, "quote: " + _yaml_string(typed))
    result = run(yaml_file)
    assert result.ok, "\n".join(map(str, result.problems))


def _yaml_string(text: str) -> str:
    """text as a YAML double-quoted string (escapes for tab and quotes)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t") + '"'


def test_quote_matching_is_not_too_lenient() -> None:
    para = (
        "The sides agreed to continue maintaining effective border control, to exchange information"
    )
    assert quote_in("agreed to continue maintaining effective border control", para)
    assert not quote_in(
        "agreed to continue maintaining effective border controls and patrols", para
    )
    assert fold("Group\u2019s\u00a0next  MEETING") == "group's next meeting"


def test_update_dated_today_is_fine(yaml_file: Path) -> None:
    edit_in(yaml_file, "afghanistan-contact-group-beijing", "date: 2019-04-19", "date: 2025-01-01")
    assert run(yaml_file, today=date(2025, 1, 1)).ok


def test_latest_update_without_status_does_not_count(yaml_file: Path) -> None:
    """The 2019 update of the Contact Group sets no status: the 2018 one still decides."""
    result = run(yaml_file)
    assert result.ok
    assert result.project is not None
    c = result.project.commitment("afghanistan-contact-group-beijing")
    assert c is not None and c.updates[-1].status is None and c.status.value == "fulfilled"


# --- hostile input -------------------------------------------------------------------------------


def test_file_over_the_size_limit(yaml_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlfile, "MAX_BYTES", 1000)
    size = yaml_file.stat().st_size
    assert_problem(
        run(yaml_file),
        f"the file is too large ({size / 1024:,.0f} KB); the limit is 1000 bytes",
        (1, 1),
    )


def test_alias_bomb(tmp_path: Path) -> None:
    rows = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        rows.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = run(bomb)  # 9**9 values if expanded: must fail fast instead
    p = only(result, "YAML aliases (*name) expand to too much data; write the values out instead")
    line = p.line
    assert rows[line - 1][p.col - 1] == "&"  # points at an anchor whose value is repeated
    assert 3 <= line <= 9


def test_alias_that_contains_itself(tmp_path: Path) -> None:
    f = tmp_path / "self.yaml"
    f.write_text("settings: &s\n  inner: *s\n", encoding="utf-8")
    assert_problem(run(f), "this YAML anchor (&name) is used (*name) inside its own value", (1, 11))


@pytest.mark.parametrize("depth", [100, 2000])
def test_deep_nesting(tmp_path: Path, depth: int) -> None:
    f = tmp_path / "deep.yaml"
    f.write_text("a: " + "[" * depth + "]" * depth + "\n", encoding="utf-8")
    p = only(run(f), "YAML nested too deeply (more than 64 levels)")
    assert p.line == 1
    # Our own limit (64) stops at the 65th bracket; libyaml's (1000) stops a very deep file earlier.
    assert p.col == (3 + 65 if depth == 100 else p.col) and p.col > 3 + 64


def test_bytes_that_are_not_utf8(tmp_path: Path) -> None:
    f = tmp_path / "latin1.yaml"
    f.write_bytes(b"settings:\n  timezone: Europe/Z\xfcrich\n")
    assert_problem(
        run(f),
        "the file is not UTF-8 text: byte 0xfc cannot be read; save the file as UTF-8",
        (2, 21),
    )


@pytest.mark.parametrize(
    "content",
    ["", "\n\n   \n", "# only a comment\n", "---\n"],
    ids=["empty", "blank", "comment", "marker"],
)
def test_empty_file(tmp_path: Path, content: str) -> None:
    f = tmp_path / "empty.yaml"
    f.write_text(content, encoding="utf-8")
    assert_problem(run(f), "the file is empty", (1, 1))


@pytest.mark.parametrize("content", ["- china\n- india\n", "just some text\n", "42\n"])
def test_file_that_is_not_a_mapping(tmp_path: Path, content: str) -> None:
    f = tmp_path / "list.yaml"
    f.write_text(content, encoding="utf-8")
    assert_problem(
        run(f),
        "the file must be a mapping with the keys settings, parties, sources, events, commitments",
        (1, 1),
    )


def test_no_such_file(tmp_path: Path) -> None:
    assert_problem(run(tmp_path / "nothing.yaml"), "no such file", (1, 1))


def test_a_folder_instead_of_a_file(tmp_path: Path) -> None:
    assert_problem(run(tmp_path), "this is a folder, not a file", (1, 1))


def test_the_summary_counts_one_of_each_in_the_singular(tmp_path: Path) -> None:
    yaml_file = tmp_path / "commitments.yaml"
    yaml_file.write_text(
        "parties:\n"
        "  - {id: kyrgyzstan, name: Kyrgyzstan, kind: member_state}\n"
        "sources:\n"
        "  - {id: beijing, title: Beijing meeting, date: 2018-05-22}\n"
        "events:\n"
        "  - {id: bishkek-meeting, title: The 14th meeting in Bishkek, place: Bishkek}\n"
        "commitments:\n"
        "  - id: next-meeting\n"
        "    title: Hold the next meeting in the Kyrgyz Republic\n"
        "    source: beijing\n"
        "    quote: the next meeting will be held in the Kyrgyz Republic\n"
        "    theme: Meetings\n"
        "    parties: [kyrgyzstan]\n"
        "    strength: agreed\n"
        "    kind: deliverable\n"
        "    due: bishkek-meeting\n"
        "    status: planned\n",
        encoding="utf-8",
    )
    result = validate_file(yaml_file, today=TODAY)
    assert result.ok, result.problems
    assert result.summary.endswith(
        ": valid. 1 commitment (1 deliverable, 0 continuous) from 1 source, 1 party, 1 event."
    )

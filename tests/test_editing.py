"""update and the safe-edit machinery: byte-identical outside the added lines, validate first,
lock file, concurrent edits, atomic write."""

from __future__ import annotations

import difflib
from datetime import date
from pathlib import Path

import pytest

from conftest import edit
from sco_tracker.problems import InvalidFile, UserError
from sco_tracker.spec.updating import add_update
from sco_tracker.spec.yamledit import edit_file

TODAY = date(2026, 1, 1)


def diff_ops(old: str, new: str) -> list[tuple[str, list[str], list[str]]]:
    a, b = old.splitlines(keepends=True), new.splitlines(keepends=True)
    return [
        (op, a[i1:i2], b[j1:j2])
        for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
        if op != "equal"
    ]


@pytest.mark.parametrize(
    "cid",
    [
        "qingdao-drug-abuse-concept",  # has updates, followed by the "# --- Meetings" heading
        "qingdao-youth-action-programme",  # no updates yet, ends with notes
        "border-control",  # no updates, first of a group
        "responsible-state-conduct-norms",  # the last commitment, followed by the exclusions
        "next-secretaries-meeting-kyrgyzstan",  # followed by a section heading comment
    ],
)
def test_update_keeps_the_file_byte_identical_outside_the_added_lines(
    project_dir: Path, cid: str
) -> None:
    path = project_dir / "commitments.yaml"
    old = path.read_text(encoding="utf-8")
    add_update(
        path,
        cid,
        on=date(2019, 6, 1),
        note="Evidence: seen in a report.",
        source="http://example.org/report",
        today=TODAY,
    )
    new = path.read_text(encoding="utf-8")
    ops = diff_ops(old, new)
    assert [op for op, _, _ in ops] == ["insert"]
    added = "".join(ops[0][2])
    assert "- date: 2019-06-01" in added and "note: 'Evidence: seen in a report.'" in added
    # with a status, only the status line changes besides the insertion
    add_update(path, cid, on=date(2019, 6, 2), note="Done.", status="fulfilled", today=TODAY)
    ops = diff_ops(new, path.read_text(encoding="utf-8"))
    for op, before, _after in ops:
        assert op == "insert" or (
            op == "replace" and [line.strip().split(":")[0] for line in before] == ["status"]
        ), ops


def test_an_update_that_makes_the_file_invalid_writes_nothing(project_dir: Path) -> None:
    path = project_dir / "commitments.yaml"
    before = path.read_bytes()
    with pytest.raises(InvalidFile) as exc:
        add_update(path, "iran-jcpoa", on=date(2030, 1, 1), note="From the future.", today=TODAY)
    assert "nothing was written" in exc.value.message
    assert any("in the future" in p.message for p in exc.value.problems)
    assert path.read_bytes() == before
    assert sorted(p.name for p in project_dir.iterdir()) == [
        "commitments.yaml",
        "commitments.yaml.lock",  # the OS lock's file stays, empty: it blocks nothing
        "sources",
    ]  # no temporary file left


def test_a_concurrent_edit_is_not_overwritten(project_dir: Path) -> None:
    path = project_dir / "commitments.yaml"

    def meanwhile(data: object) -> None:  # someone saves the file in an editor during our edit
        path.write_text(path.read_text(encoding="utf-8") + "# edited by hand\n", encoding="utf-8")

    with pytest.raises(UserError, match="changed by someone else"):
        edit_file(path, meanwhile, today=TODAY)
    assert path.read_text(encoding="utf-8").endswith("# edited by hand\n")


def test_a_held_lock_refuses_the_edit(project_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from filelock import FileLock

    from sco_tracker.spec import yamledit

    monkeypatch.setattr(yamledit, "EDIT_LOCK_WAIT_SECONDS", 0.2)
    path = project_dir / "commitments.yaml"
    before = path.read_bytes()
    with (
        FileLock(project_dir / "commitments.yaml.lock", thread_local=False),
        pytest.raises(UserError, match="another edit is in progress"),
    ):
        add_update(path, "iran-jcpoa", on=date(2019, 1, 1), note="x", today=TODAY)
    assert path.read_bytes() == before


def test_a_lock_file_left_behind_does_not_block_the_next_edit(project_dir: Path) -> None:
    path = project_dir / "commitments.yaml"
    (project_dir / "commitments.yaml.lock").write_text("12345\n")  # its writer is gone
    add_update(path, "iran-jcpoa", on=date(2019, 1, 1), note="Noted.", today=TODAY)
    assert "Noted." in path.read_text(encoding="utf-8")


def test_exclusion_with_reason_other_needs_a_note(project_dir: Path) -> None:
    from sco_tracker.spec.project import load_project

    path = project_dir / "commitments.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(
            "  - {source: beijing-2018-05-22, paragraph: 31, reason: procedural}",
            "  - {source: beijing-2018-05-22, paragraph: 31, reason: other}\n  - {source: "
            "beijing-2018-05-22, paragraph: 99, reason: procedural}",
        ),
        encoding="utf-8",
    )
    with pytest.raises(InvalidFile) as exc:
        load_project(path, today=TODAY)
    messages = [str(p) for p in exc.value.problems]
    assert any("reason 'other' needs a 'note'" in m for m in messages), messages
    assert any("paragraph 99 is out of range" in m for m in messages), messages
    assert all(m.startswith(str(path) + ":") for m in messages)


def test_a_late_update_goes_in_date_order_keeping_the_comments(project_dir: Path) -> None:
    """Evidence found late: the update goes before the later ones (after those of its date),
    a comment above the update it now precedes stays above that update, and the status stays
    the one the latest update sets."""
    path = project_dir / "commitments.yaml"
    edit(
        path,
        "      - date: 2019-04-19\n",
        "      # Bishkek, a year later.\n      - date: 2019-04-19\n",
    )
    old = path.read_text(encoding="utf-8")
    add_update(
        path,
        "afghanistan-contact-group-beijing",
        on=date(2018, 5, 28),
        note="Reported the same day.",
        today=TODAY,
    )
    new = path.read_text(encoding="utf-8")
    ops = diff_ops(old, new)
    assert [op for op, _, _ in ops] == ["insert"], ops
    assert "".join(ops[0][2]) == (
        "      - date: 2018-05-28\n        note: Reported the same day.\n"
    )
    lines = new.splitlines()
    at = lines.index("        note: Reported the same day.")
    assert lines[at - 2].endswith("source: http://www.news.tj/tj/node/255130")  # after 05-28
    assert lines[at + 1 : at + 3] == ["      # Bishkek, a year later.", "      - date: 2019-04-19"]
    # an earlier status does not override the one the 28 May update set
    add_update(
        path,
        "afghanistan-contact-group-beijing",
        on=date(2018, 5, 20),
        status="in_progress",
        note="Preparations reported.",
        today=TODAY,
    )
    ops = diff_ops(new, path.read_text(encoding="utf-8"))
    assert [op for op, _, _ in ops] == ["insert"], ops
    assert "".join(ops[0][2]).startswith("      - date: 2018-05-20\n        status: in_progress\n")

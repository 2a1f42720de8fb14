"""review's decisions change only the lines of the entry decided on: every other line of the
file, above all the `# why:` comment that draft writes above the next proposal (which
ruamel.yaml stores with the entry before it), stays byte-identical."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import run_cli
from notify_servers import configure, notify_settings
from resolution_drafts import SOURCE as RESOLUTION
from resolution_drafts import import_and_draft
from sco_tracker.problems import UserError
from sco_tracker.spec.project import load_project
from sco_tracker.spec.reviewing import (
    Draft,
    StillNamed,
    accept,
    drafts,
    drop,
    entry_text,
    exclude,
    replace,
)
from sco_tracker.spec.yamledit import why_above

CORPUS = Path(__file__).resolve().parent / "data" / "corpus"
SOURCE = "a-res-80-16"
FIRST = "request-secretary-general-provide-necessary-support"
SECOND = "request-secretary-general-provide-necessary-support-2"
THIRD = "include-item-entitled-developments-field-information"


@pytest.fixture
def drafted(project_dir: Path) -> Path:
    """The frozen file with the three proposals (and the exclusions) drafted from A/RES/80/16."""
    shutil.copy(CORPUS / "A_RES_80_16.md", project_dir / "A_RES_80_16.md")
    r = run_cli(["draft", "A_RES_80_16.md", "--source-id", SOURCE, "--write"], project_dir)
    assert r.exit_code == 0, r.output
    # The drafts are in the resolution's own file; a heading above its exclusions, as an
    # analyst would write one, is what follows the last proposal.
    own = project_dir / "commitments" / f"{SOURCE}.yaml"
    text = own.read_text(encoding="utf-8")
    heading = "\n\n# The sentences of the resolution that are not commitments.\nexclusions:\n"
    own.write_text(text.replace("\nexclusions:\n", heading, 1), encoding="utf-8")
    return own


def _main(own: Path) -> Path:
    """commitments.yaml, which includes the file the drafts are in."""
    return own.parent.parent / "commitments.yaml"


def _draft(path: Path, cid: str) -> Draft:
    return next(d for d in drafts(load_project(path), SOURCE) if d.key == (cid,))


def _entry(lines: list[str], cid: str) -> range:
    """The lines of the commitment: from its '- id:' line to its last line of content."""
    start = lines.index(f"  - id: {cid}\n")
    end = start + 1
    while end < len(lines) and lines[end].startswith("    "):
        end += 1
    return range(start, end)


def _why(lines: list[str], cid: str) -> str:
    line = lines[lines.index(f"  - id: {cid}\n") - 1]
    assert line.startswith("  # why: "), line
    return line


def test_accept_exclude_and_edit_change_only_the_lines_of_the_entry(drafted: Path) -> None:
    old = drafted.read_text(encoding="utf-8").splitlines(keepends=True)
    whys = [_why(old, cid) for cid in (FIRST, SECOND, THIRD)]

    # accept the first: only its 'draft: true' line goes
    first = _entry(old, FIRST)
    assert old[first[-1]] == "    draft: true\n"
    accept(_main(drafted), _draft(_main(drafted), FIRST))
    new = drafted.read_text(encoding="utf-8").splitlines(keepends=True)
    assert new == old[: first[-1]] + old[first[-1] + 1 :]

    # exclude the second: its lines and its '# why:' go, the exclusion is added at the end of
    # the exclusions
    old = new
    second = _entry(old, SECOND)
    assert old[second.start - 1] == whys[1]
    draft = _draft(_main(drafted), SECOND)
    exclude(_main(drafted), draft, "procedural", "The title line of the resolution.")
    new = drafted.read_text(encoding="utf-8").splitlines(keepends=True)
    # the exclusions are the file's last section: the new one goes at the end
    groups = len(old)
    exclusion = [
        f"  - source: {SOURCE}\n",
        "    paragraph: '3'\n",
        f"    quote: {draft.quote}\n",
        "    reason: procedural\n",
        "    note: The title line of the resolution.\n",
    ]
    assert new == old[: second.start - 1] + old[second.stop : groups] + exclusion + old[groups:]

    # edit the third: only the line edited changes, and the editor is not shown the comment
    # above the next entry
    old = new
    third = _entry(old, THIRD)
    draft = _draft(_main(drafted), THIRD)
    text = entry_text(_main(drafted), draft)
    assert "#" not in text
    title = next(i for i in third if old[i].startswith("    title: "))
    replace(
        _main(drafted), draft, text.replace(old[title][4:], "title: Put the item on the agenda\n")
    )
    new = drafted.read_text(encoding="utf-8").splitlines(keepends=True)
    assert new == old[:title] + ["    title: Put the item on the agenda\n"] + old[title + 1 :]

    # every '# why:' comment is still there, above its own proposal
    assert [_why(new, cid) for cid in (FIRST, THIRD)] == [whys[0], whys[2]]
    assert whys[1] not in new  # the excluded proposal's evidence went with it


def test_deciding_the_last_draft_keeps_the_heading_that_follows(drafted: Path) -> None:
    old = drafted.read_text(encoding="utf-8").splitlines(keepends=True)
    third = _entry(old, THIRD)
    assert old[third.stop] == "\n" and old[third.stop + 1].startswith("# The sentences")
    exclude(
        _main(drafted),
        _draft(_main(drafted), THIRD),
        "procedural",
        "The agenda of the next session.",
    )
    new = drafted.read_text(encoding="utf-8").splitlines(keepends=True)
    why = third.start - 1  # its '# why:' goes with it
    assert old[why].startswith("  # why: ")
    assert new[: why + 3] == old[:why] + old[third.stop : third.stop + 3]


def test_the_guard_refuses_a_decision_that_would_drop_the_next_comment(drafted: Path) -> None:
    """The comment lines after an entry are not the entry's: an edit losing them is refused."""
    from sco_tracker.spec.reviewing import _index, _lines
    from sco_tracker.spec.yamledit import edit_file

    before = drafted.read_bytes()
    draft = _draft(_main(drafted), FIRST)

    def drop(data: Any) -> None:
        del data["commitments"][_index(data, draft)]["draft"]  # the comment below goes too

    with pytest.raises(UserError, match="would also rewrite line"):
        edit_file(
            drafted, drop, may_rewrite=lambda data: _lines(data, draft), project=_main(drafted)
        )
    assert drafted.read_bytes() == before


def test_review_in_the_terminal_keeps_the_comment_of_the_next_draft(drafted: Path) -> None:
    """The analyst's report: accept draft 1, exclude draft 2, quit."""
    old = drafted.read_text(encoding="utf-8")
    why = _why(old.splitlines(keepends=True), THIRD)
    done = subprocess.run(
        [sys.executable, "-m", "sco_tracker", "review", "--source", SOURCE],
        cwd=drafted.parent.parent,
        input="a\nx\nprocedural\nThe title line of the resolution.\nq\n",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert "2 decisions written" in done.stdout
    lines = drafted.read_text(encoding="utf-8").splitlines(keepends=True)
    assert _why(lines, THIRD) == why


# --- An exclusion whose note is still drafting's placeholder is not accepted as it is ----------


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("The Ministers expressed their gratitude to the Kyrgyz side.", "other"),
        ("Long live the friendship of the peoples of the SCO", "other"),
    ],
)
def test_accepting_a_placeholder_note_is_refused_until_the_note_is_written(
    project_dir: Path, text: str, reason: str
) -> None:
    from sco_tracker.spec.reviewing import needs_note

    body = f"Meeting of the SCO Council of Ministers of Foreign Affairs\n{text}\n"
    (project_dir / "note.txt").write_text(body, encoding="utf-8")
    r = run_cli(
        [
            "draft",
            "note.txt",
            "--source-id",
            "note-1",
            "--date",
            "2019-06-14",
            "--write",
            "--title",
            "Meeting of the SCO Council of Ministers of Foreign Affairs",
        ],
        project_dir,
    )
    assert r.exit_code == 0, r.output
    main = project_dir / "commitments.yaml"
    pending = drafts(load_project(main), "note-1")
    (found,) = [d for d in pending if d.section == "exclusions" and d.entry.reason.value == reason]
    assert needs_note(found) and found.entry.reason.value == reason
    with pytest.raises(UserError, match="still the placeholder"):
        accept(main, found)
    exclude(main, found, reason, "A courtesy to the hosts, not an undertaking.")
    for rest in drafts(load_project(main), "note-1"):
        accept(main, rest)  # the title line: a real note, accepted as it is
    assert run_cli(["validate", "--strict"], project_dir).exit_code == 0


def test_a_written_note_and_a_commitment_need_no_note(drafted: Path) -> None:
    from sco_tracker.spec.reviewing import needs_note

    main = _main(drafted)
    pending = drafts(load_project(main), SOURCE)
    assert not needs_note(next(d for d in pending if d.section == "commitments"))
    excluded = [d for d in pending if d.section == "exclusions"]
    placeholder = [d for d in excluded if needs_note(d)]
    assert placeholder and all(d.entry.reason.value == "other" for d in placeholder)
    written = [d for d in excluded if d.entry.note and not needs_note(d)]
    assert written, "the preamble's drafted notes are real notes"


def test_an_edit_that_keeps_the_placeholder_note_is_refused_as_accepting_it_is(
    drafted: Path,
) -> None:
    from sco_tracker.spec.reviewing import needs_note

    main = _main(drafted)
    found = next(d for d in drafts(load_project(main), SOURCE) if needs_note(d))
    before = drafted.read_text(encoding="utf-8")
    with pytest.raises(UserError) as accepted:
        accept(main, found)
    text = entry_text(main, found)
    assert "draft: true\n" in text
    undrafted = text.replace("draft: true\n", "")
    for edited in (undrafted, undrafted.replace("note: '", "note:  '")):
        with pytest.raises(UserError) as edit:
            replace(main, found, edited)
        assert edit.value.message == accepted.value.message
    assert drafted.read_text(encoding="utf-8") == before
    # still a draft, the placeholder may stay; with a note of its own, the edit is saved
    replace(main, found, text.replace("reason: other", "reason: procedural"))
    found = next(d for d in drafts(load_project(main), SOURCE) if needs_note(d))
    note = "The heading of the resolution, not an undertaking."
    replace(
        main, found, undrafted.replace(found.entry.note or "", note).replace("other", "procedural")
    )
    assert note in drafted.read_text(encoding="utf-8")


# --- A draft taken out of the file takes the `# why:` lines draft wrote for it -----------------

FOLLOW_UP = (
    "The SCO-Afghanistan Contact Group met in Beijing, at the level of deputy foreign ministers."
)
NOTE_SOURCE = "contact-group-2018-05-28"


def test_dropping_a_draft_update_removes_its_why_and_nothing_else(project_dir: Path) -> None:
    (project_dir / "met.txt").write_text(FOLLOW_UP + "\n", encoding="utf-8")
    r = run_cli(
        ["draft", "met.txt", "--source-id", NOTE_SOURCE, "--date", "2018-05-28", "--write"],
        project_dir,
    )
    assert r.exit_code == 0, r.output
    main = project_dir / "commitments.yaml"
    old = main.read_text(encoding="utf-8").splitlines(keepends=True)
    updates = [d for d in drafts(load_project(main), NOTE_SOURCE) if d.section == "updates"]
    assert len(updates) == 2
    dropped, kept = updates
    whys = [i for i, line in enumerate(old) if line.lstrip().startswith("# why: reports on")]
    assert len(whys) == 2
    mine = next(i for i in whys if f"'{dropped.key[0]}'" in old[i])
    other = next(i for i in whys if i != mine)
    assert old[mine + 1].lstrip().startswith("- date: 2018-05-28")
    drop(main, dropped)
    new = main.read_text(encoding="utf-8").splitlines(keepends=True)
    # its comment line and its three lines go; every other line stays as it was
    assert new == old[:mine] + old[mine + 4 :]
    assert old[other] in new
    assert run_cli(["validate"], project_dir).exit_code == 0
    accept(main, next(d for d in drafts(load_project(main), NOTE_SOURCE) if d.key == kept.key))
    assert old[other] in main.read_text(encoding="utf-8").splitlines(keepends=True)


# --- The party drafted for a resolution is a draft to review too -------------------------------

PARTY = "united-nations-general-assembly"


def test_a_drafted_party_is_dropped_only_once_no_commitment_names_it(project_dir: Path) -> None:
    own = import_and_draft(project_dir)
    main = project_dir / "commitments.yaml"
    pending = drafts(load_project(main), RESOLUTION)
    party = pending[-1]  # last: the decisions on the commitments may leave it unnamed
    assert (party.section, party.key, len(party.named_by)) == ("parties", (PARTY,), 10)
    assert party.where == "named by 10 commitments"
    before = own.read_bytes()
    with pytest.raises(StillNamed, match="cannot be dropped: 10 commitments name it"):
        drop(main, party)
    assert own.read_bytes() == before
    for d in pending:
        if d.section == "commitments":
            exclude(main, d, "other", "The Assembly's own business, not tracked here.")
    (party,) = [d for d in drafts(load_project(main), RESOLUTION) if d.section == "parties"]
    assert party.named_by == ()
    drop(main, party)
    assert "parties:" not in own.read_text(encoding="utf-8")
    assert PARTY not in own.read_text(encoding="utf-8")
    assert run_cli(["validate"], project_dir).exit_code == 0


def test_no_draft_left_to_review_means_strict_refuses_no_draft(project_dir: Path) -> None:
    from sco_tracker.spec.reviewing import needs_note

    import_and_draft(project_dir)
    main = project_dir / "commitments.yaml"
    for d in drafts(load_project(main), RESOLUTION):
        if needs_note(d):
            exclude(main, d, d.entry.reason.value, "Not an undertaking of the Assembly.")  # type: ignore[union-attr]
        else:
            accept(main, d)
    assert drafts(load_project(main)) == []
    strict = run_cli(["validate", "--strict"], project_dir)
    assert "is a draft proposed by" not in strict.output, strict.output


def test_a_refused_edit_says_what_to_type_and_a_review_without_decisions_writes_nothing(
    project_dir: Path,
) -> None:
    import_and_draft(project_dir)
    script = project_dir.parent / "delete_quote.py"
    script.write_text(
        "import pathlib, sys\n"
        "p = pathlib.Path(sys.argv[1])\n"
        "lines = p.read_text(encoding='utf-8').splitlines(keepends=True)\n"
        "p.write_text(''.join(x for x in lines if not x.startswith('quote:')), encoding='utf-8')\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, "-m", "sco_tracker", "review", "--source", RESOLUTION],
        cwd=project_dir,
        input="e\nmaybe\nn\nq\n",
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "EDITOR": f"{sys.executable} {script}"},
    )
    assert done.returncode == 0, done.stderr
    assert "Error: invalid input" not in done.stdout + done.stderr
    assert "Type y (or press Enter) to edit it again, or n to leave it as it was." in done.stdout
    assert "stays a draft, as it was." in done.stdout
    assert done.stdout.rstrip().endswith("Nothing written; 37 drafts left to review.")
    assert "commitments.yaml: 0 decisions written" not in done.stdout


def test_an_exclusion_left_with_the_placeholder_note_is_still_to_review(project_dir: Path) -> None:
    """'draft: true' removed by hand, the note still drafting's placeholder: --strict refuses
    it (SCO506), so review offers it, for its note."""
    from sco_tracker.spec.reviewing import needs_note

    own = import_and_draft(project_dir)
    own.write_text(own.read_text(encoding="utf-8").replace("    draft: true\n", ""), "utf-8")
    main = project_dir / "commitments.yaml"
    pending = drafts(load_project(main), RESOLUTION)
    assert pending and all(needs_note(d) for d in pending)
    assert "is still the placeholder" in run_cli(["validate", "--strict"], project_dir).output
    for d in pending:
        exclude(main, d, "other", "Part of the resolution's masthead or preamble.")
    assert drafts(load_project(main), RESOLUTION) == []
    assert "is still the placeholder" not in run_cli(["validate", "--strict"], project_dir).output


def test_a_note_line_that_reads_like_a_why_comment_is_kept_when_a_draft_below_is_dropped() -> None:
    text = (
        "    updates:\n"
        "      - date: 2018-05-28\n"
        "        note: |\n"
        "          The Contact Group met in Beijing.\n"
        "          # why: the minutes say so; keep this line\n"
        "      # why: reports on 'afghanistan-contact-group-beijing-2018-plan'\n"
        "      - date: 2018-05-29\n"
        "        draft: true\n"
    )
    assert why_above(text, 6) == range(5, 6)  # only draft's own line, at the entry's indent


def test_a_drafted_party_the_notify_settings_name_is_not_dropped(project_dir: Path) -> None:
    own = import_and_draft(project_dir)
    main = project_dir / "commitments.yaml"
    for d in drafts(load_project(main), RESOLUTION):
        if d.section == "commitments":
            exclude(main, d, "other", "The Assembly's own business, not tracked here.")
    configure(
        project_dir,
        notify_settings(
            None, "https://chat.example.org/hooks/un", hook_extra=f"parties: [{PARTY}]"
        ),
    )
    (party,) = [d for d in drafts(load_project(main), RESOLUTION) if d.section == "parties"]
    assert party.named_by == () and party.told == ("webhook 1",)
    before = own.read_bytes(), main.read_bytes()
    with pytest.raises(StillNamed, match=r"settings.notify names it \(in the 'parties' or 'leads'"):
        drop(main, party)
    assert (own.read_bytes(), main.read_bytes()) == before

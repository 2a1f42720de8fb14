"""Steps for features/reviewing_drafts.feature: sco-tracker review in a real pseudo-terminal,
with a real editor (a script given as $EDITOR)."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from conftest import run_cli
from intake_docs import BISHKEK_PRESS
from pty_session import Terminal
from resolution_drafts import SOURCE as RESOLUTION_80_36
from resolution_drafts import import_and_draft
from sco_tracker.spec.vocabulary import DRAFT_EXCLUSION_NOTE
from un_resolution import add_resolution

scenarios("reviewing_drafts.feature")

#: An editor that deletes the quote the first time and renames the title the second time (from
#: the text it was first given): a broken edit, then a good one.
EDITOR_SCRIPT = """\
import pathlib, sys
target = pathlib.Path(sys.argv[1])
state = pathlib.Path(__file__).with_suffix(".first")
if not state.exists():
    state.write_text(target.read_text(encoding="utf-8"), encoding="utf-8")
    kept, skipping = [], False
    for line in target.read_text(encoding="utf-8").splitlines(keepends=True):
        if line.startswith("quote:"):
            skipping = True
            continue
        if skipping and line.startswith(" "):
            continue
        skipping = False
        kept.append(line)
    target.write_text("".join(kept), encoding="utf-8")
else:
    original = state.read_text(encoding="utf-8")
    lines = [
        "title: NEW_TITLE\\n" if line.startswith("title:") else line
        for line in original.splitlines(keepends=True)
    ]
    target.write_text("".join(lines), encoding="utf-8")
"""


#: An editor that deletes the quote every time: each edit is refused.
QUOTE_DELETER = """\
import pathlib, sys
target = pathlib.Path(sys.argv[1])
lines = target.read_text(encoding="utf-8").splitlines(keepends=True)
kept, skipping = [], False
for line in lines:
    if line.startswith("quote:"):
        skipping = True
        continue
    if skipping and line.startswith(" "):
        continue
    skipping = False
    kept.append(line)
target.write_text("".join(kept), encoding="utf-8")
"""


@pytest.fixture
def editor_env() -> dict[str, str]:
    return {}


@given(
    parsers.parse(
        "UN General Assembly resolution 80/36 on small arms, imported and drafted with --write"
        ' as "{source}"'
    ),
    target_fixture="workdir",
)
def resolution_80_36(workdir: Path, source: str) -> Path:
    assert source == RESOLUTION_80_36
    import_and_draft(workdir)
    return workdir


@given("my editor always deletes the quote")
def quote_deleting_editor(workdir: Path, editor_env: dict[str, str]) -> None:
    script = workdir.parent / "delete_quote.py"
    script.write_text(QUOTE_DELETER, encoding="utf-8")
    editor_env["EDITOR"] = f"{sys.executable} {script}"


@given(
    "the made-up UN resolution on cooperation with the SCO, proposed as drafts",
    target_fixture="workdir",
)
def un_drafts(workdir: Path) -> Path:
    add_resolution(workdir, draft=True)
    return workdir


@given(
    parsers.parse(
        "the SCO Secretariat's press release on the Bishkek meeting of the Council of Ministers"
        ' of Foreign Affairs, drafted with --write as "{source}"'
    ),
    target_fixture="workdir",
)
def press_release_drafts(workdir: Path, source: str) -> Path:
    (workdir / "cfm.txt").write_text("\n".join(BISHKEK_PRESS) + "\n", encoding="utf-8")
    done = run_cli(
        ["draft", "cfm.txt", "--source-id", source, "--date", "2019-06-14", "--write"], workdir
    )
    assert done.exit_code == 0, done.output
    return workdir


@given(
    parsers.parse('my editor first deletes the quote, then renames the title to "{title}"'),
)
def broken_then_good_editor(workdir: Path, editor_env: dict[str, str], title: str) -> None:
    script = workdir.parent / "editor.py"
    script.write_text(EDITOR_SCRIPT.replace("NEW_TITLE", title), encoding="utf-8")
    editor_env["EDITOR"] = f"{sys.executable} {script}"


#: An editor that only deletes the entry's `draft: true` line.
UNDRAFT_SCRIPT = """\
import pathlib, sys
target = pathlib.Path(sys.argv[1])
lines = target.read_text(encoding="utf-8").splitlines(keepends=True)
target.write_text("".join(l for l in lines if l.strip() != "draft: true"), encoding="utf-8")
"""


@given('my editor only deletes the line "draft: true"')
def undraft_editor(workdir: Path, editor_env: dict[str, str]) -> None:
    script = workdir.parent / "undraft.py"
    script.write_text(UNDRAFT_SCRIPT, encoding="utf-8")
    editor_env["EDITOR"] = f"{sys.executable} {script}"


@when(
    "I skip the drafts up to the first exclusion whose note is still the placeholder, and edit it"
)
def edit_first_placeholder(terminal: Terminal) -> None:
    while True:
        question = terminal.prompt()
        assert question.endswith("[q]uit: "), question
        *_, last = re.finditer(r"Draft \d+ of \d+: ", terminal.seen)
        shown = terminal.seen[last.end() :]  # the draft asked about now
        if shown.startswith("exclusion (") and f"note: {DRAFT_EXCLUSION_NOTE}" in shown:
            terminal.type("e")
            return
        terminal.type("s")


@when(
    parsers.parse('I review the drafts of "{source}" in the terminal'),
    target_fixture="terminal",
)
def review(workdir: Path, editor_env: dict[str, str], source: str) -> Iterator[Terminal]:
    env = {"EDITOR": "false", **editor_env}  # no editor unless the scenario gives one
    terminal = Terminal(["review", "--source", source], workdir, env)
    yield terminal
    if terminal.proc.poll() is None:
        terminal.proc.kill()
        terminal.finish()


@then(parsers.parse('I am shown "{text}"'))
def shown(terminal: Terminal, text: str) -> None:
    terminal.expect(text)


@when(parsers.parse('I press "{key}"'))
def press(terminal: Terminal, key: str) -> None:
    question = terminal.prompt()
    assert question.endswith(("[q]uit: ", "[Y/n]: ")), question
    terminal.type(key)


@when(parsers.parse("I skip the next {count:d} drafts"))
def skip(terminal: Terminal, count: int) -> None:
    for _ in range(count):
        assert terminal.prompt().endswith("[q]uit: ")
        terminal.type("s")


@when(parsers.parse('I choose the reason "{reason}" and note "{note}"'))
def reason_and_note(terminal: Terminal, reason: str, note: str) -> None:
    assert terminal.prompt().startswith("Why is it not a commitment")
    terminal.type(reason)
    assert terminal.prompt().startswith("Note")
    terminal.type(note)


@when(
    parsers.parse(
        'I accept the {count:d} drafts one after another, writing the note "{note}" when I am'
        " asked for one"
    )
)
def accept_all(terminal: Terminal, count: int, note: str) -> None:
    for n in range(count + 1):
        try:
            question = terminal.prompt()
        except AssertionError:  # the review ended: no question after the last draft
            assert n == count, terminal.seen
            return
        while question.startswith("Note"):
            terminal.type(note)
            question = terminal.prompt() if n < count else ""
        if n < count:
            assert question.endswith("[q]uit: "), question
            terminal.type("a")


@then(parsers.parse('I was told "{text}"'))
def told(terminal: Terminal, text: str) -> None:
    assert text in terminal.seen, terminal.seen


@when("I end the input at the next question (Ctrl-D)")
def stop_review(terminal: Terminal) -> None:
    assert terminal.prompt().endswith("[q]uit: ")
    terminal.end_input()


@when("I press Ctrl-C at the next question")
def interrupt_review(terminal: Terminal) -> None:
    assert terminal.prompt().endswith("[q]uit: ")
    terminal.interrupt()


@then(parsers.parse('the review stops, as if I had quit, with "{text}"'))
def review_stops(terminal: Terminal, text: str) -> None:
    assert terminal.finish() == 0, terminal.seen
    assert text in terminal.seen, terminal.seen
    assert "Traceback" not in terminal.seen, terminal.seen


@then(parsers.parse('the review is interrupted (exit code {code:d}) with "{text}"'))
def review_interrupted(terminal: Terminal, code: int, text: str) -> None:
    assert terminal.finish() == code, terminal.seen
    assert text in terminal.seen, terminal.seen
    assert "Traceback" not in terminal.seen, terminal.seen


@then(parsers.parse('I am not shown "{text}"'))
def not_shown(terminal: Terminal, text: str) -> None:
    """After the review has ended: nothing it showed holds the text."""
    assert terminal.proc.poll() is not None, "the review has not ended"
    assert text not in terminal.seen, terminal.seen


@then(parsers.parse('the review ends with "{text}"'))
def review_ends(terminal: Terminal, text: str) -> None:
    assert terminal.finish() == 0, terminal.seen
    assert text in terminal.seen, terminal.seen


def _entry(workdir: Path, cid: str) -> str:
    text = (workdir / "commitments.yaml").read_text(encoding="utf-8")
    return text[text.index(f"  - id: {cid}\n") :].split("\n  - id: ", 1)[0].split("\n\n")[0]


@then(parsers.parse('"{cid}" is no longer a draft'))
def not_a_draft(workdir: Path, cid: str) -> None:
    assert "draft: true" not in _entry(workdir, cid)


@then(parsers.parse('"{cid}" is still a draft'))
def still_a_draft(workdir: Path, cid: str) -> None:
    assert "    draft: true" in _entry(workdir, cid)


@then(parsers.parse('"{cid}" has the title "{title}"'))
def has_title(workdir: Path, cid: str, title: str) -> None:
    assert f"    title: {title}\n" in _entry(workdir, cid) + "\n"


@then(parsers.parse('paragraph "{label}" of "{source}" is excluded as "{reason}"'))
def excluded_as(workdir: Path, label: str, source: str, reason: str) -> None:
    result = run_cli(["validate"], workdir)
    assert result.exit_code == 0, result.output
    from sco_tracker.spec.project import load_project

    project = load_project(workdir / "commitments.yaml")
    found = [
        x.reason.value
        for x in project.exclusions
        if x.source == source and x.paragraph == label and not x.draft
    ]
    assert found == [reason], project.exclusions
    assert not [c for c in project.commitments if c.source == source and c.paragraph == label]


@then("the comments of the commitments file are kept")
def comments_kept(workdir: Path) -> None:
    from conftest import FROZEN_FILE

    old = [line for line in FROZEN_FILE.read_text(encoding="utf-8").splitlines() if "#" in line]
    new = (workdir / "commitments.yaml").read_text(encoding="utf-8").splitlines()
    assert [line for line in new if line in old] == old


@then(parsers.parse('the report as of {day} says "{text}"'))
def report_says(workdir: Path, day: str, text: str) -> None:
    assert text in (workdir / "reports" / f"{day}.md").read_text(encoding="utf-8")


@then(parsers.parse('the report as of {day} does not mention "{text}"'))
def report_lacks(workdir: Path, day: str, text: str) -> None:
    assert text not in (workdir / "reports" / f"{day}.md").read_text(encoding="utf-8")

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
import textwrap
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import click

from sco_tracker.cli.common import load_valid
from sco_tracker.cli.options import file_option
from sco_tracker.encoding import one_line
from sco_tracker.problems import InvalidFile, UserError
from sco_tracker.spec.vocabulary import plural

if TYPE_CHECKING:
    from sco_tracker.spec.reviewing import Draft

KEYS = {
    "a": "accept",
    "x": "exclude",
    "d": "drop",
    "e": "edit",
    "s": "skip",
    "q": "quit",
}


@click.command()
@file_option
@click.option("--source", "source", metavar="ID", help="Review only the drafts of this source.")
def command(file: str, source: str | None) -> None:
    """Walk through the drafts (entries with 'draft: true') one by one.

    For each draft: the paragraph of the source, the quote and the proposal. Then a key:
    a accept (remove 'draft: true'), x exclude (not a commitment: give a reason and a note),
    e edit (in $EDITOR; a broken edit is refused and offered again), s skip, q quit. A
    proposed update of a commitment already tracked (a later document reports on it) is
    accepted, dropped (d: not evidence about it), edited or skipped; so, last, is a party
    drafted for the document (its name and kind; not dropped while commitments name it).

    Each decision is written at once, like 'update': comments and formatting kept, only if the
    file stays valid, never over an edit made meanwhile.
    """
    from sco_tracker.spec.reviewing import drafts
    from sco_tracker.tracking.selection import unknown_source

    project = load_valid(file)
    if source is not None and source not in project.sources:
        raise unknown_source(project, source)
    pending = drafts(project, source)
    if not pending:
        click.echo(f"{file}: no drafts to review" + (f" from '{source}'." if source else "."))
        return
    #: the files written, in the order first written, each with its number of decisions
    changed: dict[str, int] = {}
    try:
        _walk(file, source, len(pending), changed)
    except click.exceptions.Abort as exc:  # Ctrl-C, or the end of the input, at a question
        # the end of the input stops the review as 'q' does (exit 0); Ctrl-C interrupts it (130)
        interrupted = not isinstance(exc.__context__, EOFError)
        click.echo("")  # the question's line was left open
        click.echo(
            "The review stopped: "
            + ("it was interrupted (Ctrl-C)" if interrupted else "its input ended")
            + " before the last draft. Every decision made is kept."
        )
        _tally(file, source, changed)
        if interrupted:
            raise click.exceptions.Exit(130) from None
        return
    _tally(file, source, changed)


def _tally(file: str, source: str | None, changed: dict[str, int]) -> None:
    """What the review wrote (each decision is written at once) and what is left."""
    from sco_tracker.spec.reviewing import drafts

    left = f"{plural(len(drafts(load_valid(file), source)), 'draft')} left to review."
    if not changed:
        click.echo(f"Nothing written; {left}")
        return
    names = list(changed)
    click.echo(
        f"{', '.join(names[:-1]) + ' and ' if len(names) > 1 else ''}{names[-1]}: "
        f"{plural(sum(changed.values()), 'decision')} written; {left}"
    )


def _walk(file: str, source: str | None, total: int, changed: dict[str, int]) -> None:
    """Offer each draft in turn, counting the decisions written per file in changed."""
    from sco_tracker.spec.reviewing import drafts, drop, holder, why_of

    passed: set[tuple[object, ...]] = set()
    while True:
        current = [d for d in drafts(load_valid(file), source) if d.ident not in passed]
        if not current:
            break
        draft = current[0]
        shown_at = total - len(current) + 1
        _show(draft, max(shown_at, 1), total)
        for why in why_of(file, draft):  # the evidence drafting gave, to weigh before a key
            click.echo(textwrap.fill(why, 96, initial_indent="  # ", subsequent_indent="    "))
        droppable = draft.section in ("updates", "parties")
        key = click.prompt(
            "[a]ccept, [d]rop, [e]dit, [s]kip, [q]uit"
            if droppable
            else "[a]ccept, e[x]clude, [e]dit, [s]kip, [q]uit",
            type=click.Choice([k for k in KEYS if k != ("x" if droppable else "d")]),
            show_choices=False,
        )
        if key == "q":
            break
        if key == "s":
            passed.add(draft.ident)
            click.echo(f"Skipped {draft.what}: it stays a draft.")
            continue
        where = str(holder(file, draft))
        if key == "a":
            if _accept(file, draft):
                click.echo(f"Accepted {draft.what}.")
                changed[where] = changed.get(where, 0) + 1
        elif key == "d":
            if _decide(partial(drop, file, draft)):
                click.echo(f"Dropped {draft.what}.")
                changed[where] = changed.get(where, 0) + 1
        elif (key == "x" and _exclude(file, draft)) or (key == "e" and _edit(file, draft)):
            changed[where] = changed.get(where, 0) + 1


def _show(draft: Draft, n: int, total: int) -> None:
    from sco_tracker.spec.model import Commitment, Party, PartyKind, Update

    click.echo("")
    click.secho(f"Draft {n} of {total}: {one_line(draft.what)}, {one_line(draft.where)}", bold=True)
    e = draft.entry
    if isinstance(e, Party):
        click.echo("Proposed party:")
        click.echo(f"  name: {one_line(e.name)}")
        click.echo(f"  kind: {e.kind.value}")
        kinds = ", ".join(k.value for k in PartyKind)
        click.echo(textwrap.fill(f"(the kinds: {kinds})", 96, subsequent_indent="  "))
        return
    if isinstance(e, Update):
        if draft.title:
            click.echo(f"The commitment: {one_line(draft.title)}")
        click.echo("It quotes:" if draft.title else "The commitment quotes:")
        click.echo(
            textwrap.fill(
                f"\u201c{draft.quote}\u201d", 96, initial_indent="  ", subsequent_indent="  "
            )
        )
        click.echo("Proposed update (a later document reports on it):")
        status = e.status.value.replace("_", " ") if e.status is not None else ""
        for name, value in [
            ("date", str(e.date)),
            ("status", status),
            ("note", e.note),
            ("source", e.source or ""),
        ]:
            if value:
                click.echo(f"  {name}: {one_line(value)}")
        return
    if draft.text is not None:
        click.echo("Paragraph:")
        click.echo(textwrap.fill(draft.text, 96, initial_indent="  ", subsequent_indent="  "))
    if draft.quote:
        click.echo("Quote:")
        quoted = f"\u201c{draft.quote}\u201d"
        click.echo(textwrap.fill(quoted, 96, initial_indent="  ", subsequent_indent="  "))
    click.echo("Proposal:")
    if isinstance(e, Commitment):
        if e.due is not None:
            when = f"due {e.due}"
        else:
            when = f"reviewed {e.review_every}" if e.review_every else "no due date"
        rows = [
            ("title", e.title),
            ("kind", f"{e.kind.value}, {when}"),
            ("parties", ", ".join(e.parties)),
            ("asked to act", ", ".join(e.addressees)),
            ("wording", e.strength),
            ("theme", e.theme),
            ("restates", e.restates or ""),
        ]
    else:
        rows = [("not a commitment", e.reason.value), ("note", e.note or "")]
    for name, value in rows:
        if value:
            click.echo(f"  {name}: {one_line(value)}")


def _decide(action: Callable[[], object]) -> bool:
    """Run a decision; print why it was refused (nothing written) and say so."""
    from sco_tracker.spec.reviewing import StillNamed

    try:
        action()
    except (InvalidFile, StillNamed) as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        click.echo(f"Refused: {exc.message}", err=True)
        return False
    return True


def _accept(file: str, draft: Draft) -> bool:
    """Accept the draft; an exclusion whose note is still drafting's placeholder is accepted
    with the note the analyst writes now (kept as it is, `validate --strict` would refuse it)."""
    from sco_tracker.spec.model import Exclusion
    from sco_tracker.spec.reviewing import accept, exclude, needs_note

    if not needs_note(draft) or not isinstance(draft.entry, Exclusion):
        return _decide(partial(accept, file, draft))
    click.echo(
        "Its note is still the placeholder drafting wrote; 'validate --strict' refuses it"
        " (the reports publish the note)."
    )
    note = ""
    while not note:
        note = click.prompt("Note: why is it not a commitment").strip()
    return _decide(partial(exclude, file, draft, draft.entry.reason.value, note))


def _exclude(file: str, draft: Draft) -> bool:
    from sco_tracker.spec.reviewing import REASONS, exclude

    for i, reason in enumerate(REASONS, start=1):
        click.echo(f"  {i} {reason}")
    choice = click.prompt(
        "Why is it not a commitment (number or name)",
        type=click.Choice([*map(str, range(1, len(REASONS) + 1)), *REASONS]),
        show_choices=False,
    )
    reason = REASONS[int(choice) - 1] if choice.isdigit() else choice
    note = click.prompt(
        "Note" + (" (required for 'other')" if reason == "other" else " (Enter for none)"),
        default="",
        show_default=False,
    ).strip()
    while reason == "other" and not note:
        note = click.prompt("Note (required for 'other')").strip()
    if not _decide(partial(exclude, file, draft, reason, note or None)):
        return False
    click.echo(f"Excluded: {reason}.")
    return True


def _again() -> bool:
    """Ask whether to edit the refused entry again: Enter or y is yes, n is no."""
    while True:
        answer = click.prompt("Edit it again? [Y/n]", default="", show_default=False)
        if answer.strip().lower() in ("", "y", "yes"):
            return True
        if answer.strip().lower() in ("n", "no"):
            return False
        click.echo("Type y (or press Enter) to edit it again, or n to leave it as it was.")


def _edit(file: str, draft: Draft) -> bool:
    """Edit the entry in $EDITOR until it validates or the analyst gives up."""
    from sco_tracker.spec.reviewing import entry_text, replace

    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        click.echo("Set $EDITOR (for example: export EDITOR=nano) to edit drafts.", err=True)
        return False
    text = entry_text(file, draft)
    while True:
        with tempfile.TemporaryDirectory(prefix="sco-review-") as tmp:
            path = Path(tmp) / "draft.yaml"
            path.write_text(text, encoding="utf-8")
            try:
                done = subprocess.run([*shlex.split(editor), str(path)], check=False)
            except OSError as exc:
                raise UserError(f"cannot start the editor '{editor}': {exc.strerror}") from None
            if done.returncode != 0:
                click.echo(f"The editor exited with status {done.returncode}; nothing written.")
                return False
            text = path.read_text(encoding="utf-8")
        try:
            replace(file, draft, text)
        except (InvalidFile, UserError) as exc:
            for problem in exc.problems:
                click.echo(str(problem), err=True)
            click.echo(f"Refused: {exc.message}", err=True)
            if not _again():
                click.echo(f"Nothing written: {draft.what} stays a draft, as it was.")
                return False
            continue
        click.echo(f"Saved the edit of {draft.what}.")
        return True

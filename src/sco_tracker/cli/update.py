from __future__ import annotations

from datetime import date

import click

from sco_tracker.cli.common import require_file
from sco_tracker.cli.options import Choice, check_date, check_text, date_option, file_option
from sco_tracker.spec.vocabulary import STATUSES


@click.command()
@file_option
@click.argument("commitment_id", metavar="ID")
@click.option("--status", type=Choice(STATUSES), help="The commitment's status from this date on.")
@date_option("When it happened (default: today).")
@click.option("--note", required=True, help="What happened, in a sentence.")
@click.option("--source", metavar="URL", help="A link to the evidence.")
def command(
    file: str,
    commitment_id: str,
    status: str | None,
    on: date | None,
    note: str,
    source: str | None,
) -> None:
    """Record a dated update of commitment ID (and its new status) in commitments.yaml.

    The change goes to the file that holds the commitment: commitments.yaml, or the file it
    includes where the commitment is written.

    The update goes in date order among the commitment's updates, so evidence found late can
    be recorded; the commitment's status changes only when no later update sets one.

    Example: sco-tracker update qingdao-youth-action-programme --status fulfilled
    --date 2018-06-10 --note "Adopted at the Qingdao summit." --source https://...

    The file is written in place, keeping every comment and the formatting, and only if the
    result is valid; otherwise nothing is written and the problems are listed. An edit made
    to the file meanwhile is never overwritten.
    """
    require_file(file)
    from sco_tracker.spec.entries import commitment_file
    from sco_tracker.spec.project import load_project, today_in
    from sco_tracker.spec.updating import add_update

    check_text("--note", note, required=True)
    check_text("--source", source)
    today = today_in(load_project(file).settings.timezone)
    day = on if on is not None else today
    check_date(day, today, "an update records what has happened: give the day it happened")
    add_update(file, commitment_id, on=day, note=note, status=status, source=source)
    what = f", with the status {status} from that date" if status else ""
    where = commitment_file(file, commitment_id)
    click.echo(f"{where}: added the update of {day.isoformat()} to '{commitment_id}'{what}.")
    for warning in _warnings(file, commitment_id, status, source):
        click.echo(warning, err=True)
    click.echo("Run 'sco-tracker run' to bring the database and the reports up to date.")


def _warnings(file: str, commitment_id: str, status: str | None, source: str | None) -> list[str]:
    """What validate and the check will say of the update just recorded: a source that is not
    a link (validate's warning, at its line); a status of fulfilled that no update with a link
    backs (the finding itself)."""
    from sco_tracker.spec.codes import NOT_A_LINK
    from sco_tracker.spec.links import not_a_link
    from sco_tracker.spec.project import today_in
    from sco_tracker.spec.vocabulary import link

    found: list[str] = []
    message = not_a_link(source, "update")
    unbacked = status in ("fulfilled", "partially_fulfilled") and link(source) is None
    if message is None and not unbacked:
        return found
    from sco_tracker.cli.common import load_valid

    project = load_valid(file)
    if message is not None:
        at = [
            str(w) for w in project.warnings if w.code == NOT_A_LINK.code and w.message == message
        ]
        found += at[-1:] or [f"warning: {message}"]  # the latest, for a source cited twice
    if unbacked:
        from sco_tracker.tracking.checks import FindingKind, evaluate

        fix = "add --source with" if not source else "give --source"
        for ev in evaluate(project, today_in(project.settings.timezone)):
            for f in ev.findings:
                if f.commitment_id == commitment_id and f.kind == FindingKind.unsupported:
                    found.append(
                        f"warning: the check will list it as unsupported: {f.message}; {fix} "
                        "a link to the evidence"
                    )
    return found

from __future__ import annotations

from datetime import date

import click

from sco_tracker.cli.common import require_file
from sco_tracker.cli.options import Choice, check_date, check_text, date_option, file_option
from sco_tracker.problems import UserError, did_you_mean
from sco_tracker.spec.vocabulary import SCORE_WORDS, score_label


@click.command()
@file_option
@click.argument("commitment_id", metavar="ID")
@click.option("--party", required=True, help="The member scored, e.g. kyrgyzstan.")
@click.option(
    "--score",
    required=True,
    type=Choice([w for w in SCORE_WORDS if w != "na"]),
    help=(
        "-1 no compliance or action against it, 0 partial or under way, +1 (or 1) full "
        "compliance, n/a not applicable."
    ),
)
@click.option(
    "--window",
    required=True,
    help="The assessment window (an id from settings.assessment_windows).",
)
@date_option("The date of the evidence (default: today).")
@click.option("--note", required=True, help="What the member did, in a sentence.")
@click.option("--source", metavar="URL", help="A link to the evidence (required for -1, 0 and +1).")
def command(
    file: str,
    commitment_id: str,
    party: str,
    score: str,
    window: str,
    on: date | None,
    note: str,
    source: str | None,
) -> None:
    """Record a per-member compliance score for commitment ID in commitments.yaml.

    The change goes to the file that holds the commitment: commitments.yaml, or the file it
    includes where the commitment is written.

    Example: sco-tracker assess next-secretaries-meeting-kyrgyzstan --party kyrgyzstan
    --score +1 --window final-2019 --date 2019-05-15 --note "Hosted and chaired the meeting."
    --source http://...

    Like 'update', the file keeps its comments and layout, and is written only if the result is
    valid; otherwise nothing is written and the problems are listed.
    """
    require_file(file)

    from sco_tracker.spec.entries import commitment_file
    from sco_tracker.spec.updating import add_assessment

    check_text("--note", note, required=True)
    check_text("--source", source)
    day = on if on is not None else date.today()
    value: int | str = SCORE_WORDS[score]
    _check_options(file, commitment_id, party, window, value, source, day, given=on is not None)
    add_assessment(
        file,
        commitment_id,
        party=party,
        score=value,
        window=window,
        on=day,
        note=note,
        source=source,
    )
    shown = score_label(value)
    where = commitment_file(file, commitment_id)
    click.echo(
        f"{where}: scored {party} {shown} on '{commitment_id}' in window '{window}' "
        f"({day.isoformat()})."
    )
    from sco_tracker.spec.links import not_a_link

    warning = not_a_link(source, "score")
    if warning is not None:  # what validate will say of it
        click.echo(f"warning: {warning}", err=True)
    click.echo("Run 'sco-tracker run' to bring the database and the reports up to date.")


def _check_options(
    file: str,
    commitment_id: str,
    party: str,
    window: str,
    value: int | str,
    source: str | None,
    day: date,
    *,
    given: bool,
) -> None:
    """A mistake typed on the command line is a usage error (exit 2) that names the option, not
    a problem of the file: an unknown --party or --window, a party the commitment does not
    bind, evidence dated after the window, a score without --source."""
    from sco_tracker.spec.project import load_project, today_in

    project = load_project(file)
    check_date(day, today_in(project.settings.timezone), "give the date of the evidence")
    if party not in project.parties:
        raise UserError(
            f"--party: unknown party '{party}'{did_you_mean(party, project.parties)}; the parties "
            f"are: {', '.join(project.parties) or '(none)'}"
        )
    commitment = project.commitment(commitment_id)
    if commitment is not None and party not in commitment.parties:
        raise UserError(
            f"--party: '{party}' is not a party to '{commitment_id}'; its parties are: "
            f"{', '.join(commitment.parties)}"
        )
    windows = [w.id for w in project.settings.assessment_windows]
    if window not in windows:
        raise UserError(
            f"--window: unknown window '{window}'{did_you_mean(window, windows)}; "
            + (
                f"the windows are: {', '.join(windows)}"
                if windows
                else f"{file} defines none: add them under settings.assessment_windows"
            )
        )
    earlier = next(
        (
            a
            for a in (commitment.assessments if commitment else [])
            if (a.party, a.window) == (party, window)
        ),
        None,
    )
    if earlier is not None:
        raise UserError(
            f"--window: '{party}' already has a score in window '{window}' on '{commitment_id}' "
            f"({score_label(earlier.score)}, {earlier.date.isoformat()}): one score per party "
            "per window; change that score in the file, or score a later window"
        )
    end = next(w.end for w in project.settings.assessment_windows if w.id == window)
    if day > end:
        raise UserError(
            f"--date: the evidence is dated {day.isoformat()}"
            + ("" if given else " (today: --date was not given)")
            + f", after the end of window '{window}' ({end.isoformat()}): give the date of the "
            "evidence with --date, or score it in a later window"
        )
    if value != "n/a" and not source:
        raise UserError(
            f"--source: a score of {score_label(value)} needs a link to the evidence "
            "(--source URL); only n/a is recorded without one"
        )

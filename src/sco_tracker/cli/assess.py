from __future__ import annotations

from datetime import date

import click

from sco_tracker.cli.options import date_option, file_option
from sco_tracker.spec.vocabulary import SCORE_WORDS, score_label


@click.command()
@file_option
@click.argument("commitment_id", metavar="ID")
@click.option("--party", required=True, help="The member scored, e.g. kyrgyzstan.")
@click.option(
    "--score",
    required=True,
    type=click.Choice([w for w in SCORE_WORDS if w != "na"]),
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

    from sco_tracker.spec.entries import commitment_file
    from sco_tracker.spec.updating import add_assessment

    day = on if on is not None else date.today()
    value: int | str = SCORE_WORDS[score]
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
    click.echo("Run 'sco-tracker run' to bring the database and the reports up to date.")

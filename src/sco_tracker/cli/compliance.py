from __future__ import annotations

import json

import click

from sco_tracker.cli.common import require_file
from sco_tracker.cli.options import file_option, json_option, party_option, source_option
from sco_tracker.problems import UserError, did_you_mean


@click.command()
@file_option
@click.option(
    "--window",
    "window_id",
    metavar="ID",
    help=(
        "The assessment window (an id in settings.assessment_windows). Default: the latest "
        "that has begun."
    ),
)
@json_option
@click.option(
    "--csv",
    "as_csv",
    is_flag=True,
    help="Print CSV for spreadsheets: one row per commitment, one column per member.",
)
@source_option
@party_option
def command(
    file: str,
    window_id: str | None,
    as_json: bool,
    as_csv: bool,
    sources: tuple[str, ...],
    parties: tuple[str, ...],
) -> None:
    """Show each member's compliance score on each commitment, with the averages.

    Scores are -1 (no compliance), 0 (partial or under way) and +1 (full), as the G7, G20 and
    BRICS Research Groups score them, and belong to an assessment window. A member with no
    score is 'not assessed', which is never counted as -1; n/a is left out of the averages.
    Averages are shown on the -1..+1 scale and as (average + 1) / 2 x 100 percent, with the
    change in each member's average since the previous window. Restated commitments are
    listed with how their due date moved.

    In the CSV, scores are the numbers 1, 0 and -1; the other cells say 'not assessed',
    'n/a' or 'not a party', so a spreadsheet's AVERAGE() leaves them out.

    A window scores the commitments of the sources it names (every source when it names none)
    issued by its end; the commitments that no window scores are listed, with why. --source
    and --party narrow the grid to some documents or parties.
    """
    require_file(file)
    from sco_tracker.spec.project import load_project
    from sco_tracker.tracking.compliance import compliance, ordered_windows
    from sco_tracker.tracking.compliance_output import to_csv, to_text
    from sco_tracker.tracking.selection import select

    if as_json and as_csv:
        raise UserError("choose one of --json and --csv")
    project = load_project(file)
    chosen = select(project, sources, parties)
    ids = [w.id for w in ordered_windows(project)]
    if window_id is not None and window_id not in ids:
        if not ids:
            raise UserError(
                f"unknown window '{window_id}': {file} defines no assessment windows; add them "
                "under settings.assessment_windows (id, start, end)"
            )
        raise UserError(
            f"unknown window '{window_id}'{did_you_mean(window_id, ids)}; the windows are: "
            f"{', '.join(ids)}"
        )
    report = compliance(project, window_id, selection=chosen)
    if as_json:
        data = {"file": file, "filter": chosen.as_dict(), **report.as_dict()}
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    elif as_csv:
        click.echo(to_csv(report), nl=False)
    else:
        click.echo(to_text(report, chosen.describe()), nl=False)

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import click

from sco_tracker.cli.common import require_file
from sco_tracker.cli.options import file_option, party_option, source_option
from sco_tracker.cli.report_options import as_of_option
from sco_tracker.fileio import write_atomic
from sco_tracker.paths import output_roots


@click.command()
@file_option
@as_of_option
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, allow_dash=True),
    default=None,
    help=(
        "Where to write the calendar; '-' prints it. Default: deadlines.ics in the reports folder."
    ),
)
@source_option
@party_option
def command(
    file: str,
    as_of: object,
    output: str | None,
    sources: tuple[str, ...],
    parties: tuple[str, ...],
) -> None:
    """Write an iCalendar file (.ics) of the open commitments' due dates.

    One all-day event per open commitment with a known due date. Subscribe to the file from
    your calendar program; events keep their identity when the file is written again. The
    calendar is named after settings.title (else the sources' titles). With --source or
    --party, only those commitments, written by default to deadlines-<the view>.ics.
    """
    require_file(file)

    from sco_tracker.report.calendar import build_calendar
    from sco_tracker.spec.project import load_project, today_in
    from sco_tracker.tracking.selection import select

    project = load_project(file)
    chosen = select(project, sources, parties)
    day = as_of if isinstance(as_of, date) else today_in(project.settings.timezone)
    now = datetime.now(ZoneInfo("UTC")).replace(microsecond=0)
    data = build_calendar(project, day, now, chosen)
    if output == "-":
        click.echo(data.decode("utf-8"), nl=False)
        return
    roots: list[str] | None
    if output:  # a file named on the command line: written wherever it is (never a device)
        target, roots = Path(output), None
    else:  # the reports folder of settings.reports_dir: only inside the project
        name = f"deadlines-{chosen.slug}.ics" if chosen.slug else "deadlines.ics"
        target = project.base_dir / project.settings.reports_dir / name
        roots = output_roots(project)
    write_atomic(target, data, elsewhere="choose another file with --output", roots=roots)
    n = data.count(b"BEGIN:VEVENT")
    click.echo(
        f"Wrote {target}: {n} open commitment{'s' if n != 1 else ''} with a due date, as of "
        f"{day.isoformat()}."
    )

from __future__ import annotations

import json
from datetime import date

import click

from sco_tracker.cli.common import load_valid
from sco_tracker.cli.options import db_option, file_option, json_option, party_option, source_option
from sco_tracker.cli.report_options import as_of_option, parse_formats
from sco_tracker.spec.vocabulary import plural


@click.command()
@file_option
@db_option
@as_of_option
@click.option(
    "--format",
    "formats",
    default="md,html",
    show_default=True,
    help="Which reports to write: md (Markdown), html, or both separated by a comma.",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False),
    default=None,
    help=(
        "Folder for the reports. Default: settings.reports_dir (reports/ beside commitments.yaml)."
    ),
)
@source_option
@party_option
@json_option
def command(
    file: str,
    db: str | None,
    as_of: object,
    formats: str,
    out: str | None,
    sources: tuple[str, ...],
    parties: tuple[str, ...],
    as_json: bool,
) -> None:
    """Write the status report as of a date, in Markdown and HTML.

    Writes YYYY-MM-DD.md and .html into the reports folder, replaces latest.md and
    latest.html when this is the most recent date, and updates index.md and index.html,
    which list every report. Running it again for the same date replaces that report.

    With --source or --party the report shows only those documents or parties, and is written
    to a folder of its own inside the reports folder (reports/views/beijing-2018-05-22/,
    reports/views/party-india/), with its own index; the check is still of the whole file.
    """
    chosen = parse_formats(formats)
    write_and_describe(file, db, as_of, chosen, out, as_json, sources, parties)


def write_and_describe(
    file: str,
    db: str | None,
    as_of: object,
    formats: tuple[str, ...],
    out: str | None,
    as_json: bool,
    sources: tuple[str, ...] = (),
    parties: tuple[str, ...] = (),
) -> None:
    """Validate, sync and check (so the report matches the database), report, and tell the
    analyst where the files are."""

    from sco_tracker import pipeline
    from sco_tracker.tracking.selection import select

    project = load_valid(file)  # an invalid file: validate's messages, exit 1, nothing written
    selection = select(project, sources, parties)
    outcome = pipeline.report(
        file,
        db,
        as_of=as_of if isinstance(as_of, date) else None,
        formats=formats,
        out=out,
        project=project,
        selection=selection,
    )
    run = outcome.report
    assert run is not None
    day = outcome.as_of
    ctx = run.context
    if as_json:
        click.echo(
            json.dumps(
                {
                    "as_of": day.isoformat(),
                    "title": ctx.title,
                    "filter": selection.as_dict(),
                    "folder": str(run.out_dir),
                    "files": [str(p) for p in run.written],
                    "commitments": ctx.total,
                    "overdue": [c.id for c in ctx.overdue],
                    "due_soon": [c.id for c in ctx.due_soon],
                    "fulfilment": ctx.fulfilment.label,
                    "site": None
                    if run.site is None
                    else {
                        "folder": str(run.site.folder),
                        "pages": run.site.pages,
                        "rewritten": run.site.written,
                        "removed": run.site.removed,
                    },
                },
                indent=2,
            )
        )
        return
    scope = f" ({ctx.view})" if ctx.view else ""
    click.echo(
        f"Report as of {ctx.as_of_label}{scope}: {plural(ctx.total, 'commitment')}, "
        f"{len(ctx.overdue)} overdue, {len(ctx.due_soon)} due soon; {ctx.fulfilment.label}."
    )
    for fmt in formats:
        click.echo(f"  {run.out_dir / f'{day.isoformat()}.{fmt}'}")
    click.echo(
        f"  index: {run.out_dir / 'index.html' if 'html' in formats else run.out_dir / 'index.md'}"
    )
    from sco_tracker.cli.run import site_line

    site = site_line(run)
    if site:
        click.echo(site)

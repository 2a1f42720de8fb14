from __future__ import annotations

import os
from datetime import date
from typing import TYPE_CHECKING

import click

from sco_tracker import cache as runstamp
from sco_tracker.cli.common import load_valid
from sco_tracker.cli.options import db_option, file_option
from sco_tracker.cli.report_options import as_of_option
from sco_tracker.heap import collector_paused

if TYPE_CHECKING:
    from sco_tracker.report.render import ReportRun

#: Findings printed in the terminal; the reports list every one.
SHOWN_FINDINGS = 50


@click.command()
@file_option
@db_option
@as_of_option
@click.option(
    "--force",
    is_flag=True,
    help="Do the whole job even when nothing changed since the last run today.",
)
def command(file: str, db: str | None, as_of: object, force: bool) -> None:
    """The main job: validate commitments.yaml, sync the database, check progress and write the
    reports.

    With --as-of, checks and reports the state on that date (a past date reproduces the past).
    When nothing changed since the last run today (the file, its source texts, the templates,
    the database and the reports are as that run left them), says so and stops.
    """

    remembered = runstamp.applies(as_of)
    if remembered and not force:
        lines = runstamp.unchanged(file, db)
        if lines is not None:
            click.echo("\n".join(lines))
            return
    with collector_paused():
        _job(file, db, as_of, remembered)


def _job(file: str, db: str | None, as_of: object, remembered: bool) -> None:
    """The whole job, run with Python's cycle collector paused (heap.collector_paused)."""
    from sco_tracker import pipeline
    from sco_tracker.db.store import resolve_url
    from sco_tracker.db.views import check_text

    project = load_valid(file)  # an invalid file: validate's messages, exit 1, nothing written
    n = len(project.warnings)
    valid = f"{file}: valid." + (
        (
            f" ({n} warning{'s' if n != 1 else ''}: 'sco-tracker validate' shows "
            f"{'them' if n != 1 else 'it'}.)"
        )
        if n
        else ""
    )
    click.echo(valid)
    outcome = pipeline.report(
        file, db, as_of=as_of if isinstance(as_of, date) else None, project=project
    )
    click.echo(outcome.sync.summary(file))
    checked = check_text(outcome.check, outcome.evaluations, limit=SHOWN_FINDINGS)
    click.echo(checked)
    run = outcome.report
    assert run is not None
    reports = [
        p
        for p in run.written
        if p.suffix in (".md", ".html") and not p.name.startswith(("latest", "index"))
    ]
    click.echo(f"Reports as of {run.context.as_of_label} written to {run.out_dir}:")
    for path in reports:
        click.echo(f"  {path}")
    site = site_line(run)
    if site:
        click.echo(site)
    from sco_tracker.spec.project import today_in

    if outcome.as_of == today_in(project.settings.timezone):  # the news goes out for today only
        from sco_tracker.notify.deliver import after_check

        said = after_check(
            None, resolve_url(db, file, project.settings.database), project, outcome.as_of
        )
        if said:
            click.echo(said[0].upper() + said[1:] + ".")

    if remembered:  # today's run: remember it
        from sco_tracker.report.render import templates_dir

        runstamp.remember(
            file,
            project,
            outcome.as_of,
            resolve_url(db, file, project.settings.database),
            bool(db or os.environ.get("SCO_TRACKER_DB")),
            templates_dir(project),
            run.written,
            [
                valid,
                (
                    f"Nothing changed since the last run ({run.context.generated_label}): the "
                    f"same {file}, source texts, templates, database and reports, on the same "
                    "day. A new check would find the same, so nothing was done."
                ),
                checked.split("\n", 1)[0],
                f"Reports as of {run.context.as_of_label} in {run.out_dir}:",
                *(f"  {path}" for path in reports),
                *([f"Site: {run.site.folder / 'index.html'}"] if run.site else []),
                "To check and write the reports again anyway: sco-tracker run --force",
            ],
        )


def site_line(run: ReportRun) -> str:
    """What the run did to the site beside the report ('' without one)."""
    site = run.site
    if site is None:
        return ""
    removed = f", {len(site.removed)} removed" if site.removed else ""
    return (
        f"Site: {len(site.written)} of {site.pages} pages rewritten{removed}; open "
        f"{site.folder / 'index.html'}"
    )

from __future__ import annotations

import json

import click

from sco_tracker.cli.common import require_file
from sco_tracker.cli.options import db_option, file_option, json_option


@click.command()
@file_option
@db_option
@click.option(
    "--list", "list_only", is_flag=True, help="Print the jobs and their next run times, then exit."
)
@json_option
def command(file: str, db: str | None, list_only: bool, as_json: bool) -> None:
    """Run the scheduler: check and write reports on the schedule in settings.schedule.

    Two jobs: 'check' (re-read, validate, sync and check) and 'report' (check, then write the
    reports). Stop it with Ctrl-C or SIGTERM; a running job finishes first. Only one scheduler
    may run per database. See README, "The scheduler", for running it under systemd.
    """
    require_file(file)
    from sco_tracker.db.store import resolve_url
    from sco_tracker.schedule.daemon import configure_logging, next_runs, serve
    from sco_tracker.spec.project import load_project

    project = load_project(file)
    if list_only:
        rows = next_runs(project)
        if as_json:
            click.echo(
                json.dumps(
                    [
                        {
                            "job": job.id,
                            "schedule": job.schedule,
                            "next_run": nxt.isoformat() if nxt else None,
                        }
                        for job, nxt in rows
                    ],
                    indent=2,
                )
            )
            return
        click.echo(f"Schedule from {file} (timezone {project.settings.timezone}):")
        for job, nxt in rows:
            when = f"{nxt:%Y-%m-%d %H:%M %Z}" if nxt else "never"
            click.echo(f"  {job.id:<7} {job.schedule:<20} next run {when}")
        return
    configure_logging()
    raise click.exceptions.Exit(serve(file, resolve_url(db, file, project.settings.database)))

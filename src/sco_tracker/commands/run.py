from __future__ import annotations

import click

from sco_tracker.commands.options import db_option, file_option
from sco_tracker.commands.report_options import as_of_option


@click.command()
@file_option
@db_option
@as_of_option
def command(file: str, db: str | None, as_of: object) -> None:
    """The main job: validate commitments.yaml, sync the database, check progress and write the reports.

    With --as-of, checks and reports the state on that date (a past date reproduces the past).
    """
    from datetime import date

    from sco_tracker import pipeline
    from sco_tracker.commands.common import load_valid
    from sco_tracker.views import check_text

    project = load_valid(file)  # an invalid file: validate's messages, exit 1, nothing written
    click.echo(f"{file}: valid.")
    outcome = pipeline.report(file, db, as_of=as_of if isinstance(as_of, date) else None, project=project)
    click.echo(outcome.sync.summary(file))
    click.echo(check_text(outcome.check, outcome.evaluations))
    run = outcome.report
    assert run is not None
    click.echo(f"Reports as of {run.context.as_of_label} written to {run.out_dir}:")
    for path in run.written:
        if path.suffix in (".md", ".html") and not path.name.startswith(("latest", "index")):
            click.echo(f"  {path}")

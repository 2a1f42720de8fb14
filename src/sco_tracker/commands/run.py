from __future__ import annotations

import click

from sco_tracker.commands.options import db_option, file_option


@click.command()
@file_option
@db_option
def command(file: str, db: str | None) -> None:
    """The main job: validate commitments.yaml, sync the database and check progress as of today."""
    from sco_tracker.checks import evaluate
    from sco_tracker.commands.common import load_valid, open_db, parse_as_of
    from sco_tracker.sync import record_check, sync_project
    from sco_tracker.views import check_text

    project = load_valid(file)
    click.echo(f"{file}: valid, {len(project.commitments)} commitments.")
    day = parse_as_of(None, project)
    evaluations = evaluate(project, day)
    with open_db(db, file, project) as store:
        click.echo(sync_project(store, project, file).summary(file))
        record = record_check(store, evaluations, day, file)
    click.echo(check_text(record, evaluations))

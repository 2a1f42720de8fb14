from __future__ import annotations

import json

import click

from sco_tracker.cli.common import load_valid, open_db
from sco_tracker.cli.options import db_option, file_option, json_option


@click.command()
@file_option
@db_option
@json_option
def command(file: str, db: str | None, as_json: bool) -> None:
    """Bring the database up to date with commitments.yaml, all at once or not at all.

    Records every status change with the date it took effect (from the dated updates) and
    the time it was seen. A commitment removed from the file is archived, its history kept.
    With nothing changed, nothing is written. An invalid file changes nothing (exit 1).
    """
    from sco_tracker.db.sync import sync_project

    project = load_valid(file)
    with open_db(db, file, project) as store:
        result = sync_project(store, project, file)
    if as_json:
        click.echo(
            json.dumps(
                {
                    "file": file,
                    "changed": result.wrote,
                    "sync_run": result.run_id,
                    "commitments": result.commitments,
                    "added": result.added,
                    "updated": result.changed,
                    "archived": result.archived,
                    "restored": result.restored,
                    "moved": result.moved,
                    "history_entries": result.history_entries,
                },
                indent=2,
            )
        )
    else:
        click.echo(result.summary(file))

from __future__ import annotations

import os
from pathlib import Path

import click

from sco_tracker.cli.common import WholeHelpGroup, load_valid
from sco_tracker.cli.options import db_option, file_option


@click.group(cls=WholeHelpGroup)
def command() -> None:
    """Manage the database: create it or bring it up to this version's tables."""


def _url(db: str | None, file: str) -> str:
    from sco_tracker.db.store import resolve_url

    setting = None
    if not db and Path(file).exists():
        from sco_tracker.db.store import ENV_VAR

        if not os.environ.get(ENV_VAR):
            setting = load_valid(file).settings.database
    return resolve_url(db, file, setting)


@command.command()
@file_option
@db_option
def upgrade(file: str, db: str | None) -> None:
    """Apply the database migrations shipped with sco-tracker (creates a new database)."""
    from sco_tracker.db.store import display_url, open_store

    url = _url(db, file)
    with open_store(url, migrate=False) as store:
        before, after = store.upgrade()
    if before == after:
        click.echo(f"{display_url(url)}: already up to date (revision {after}).")
    else:
        click.echo(
            f"{display_url(url)}: upgraded from {before or 'an empty database'} to revision "
            f"{after}."
        )


@command.command()
@file_option
@db_option
def current(file: str, db: str | None) -> None:
    """Print the database's revision and the one this version of sco-tracker needs."""
    from sco_tracker.db.store import display_url, head_revision, known_revisions, open_store

    url = _url(db, file)
    with open_store(url, migrate=False) as store:
        rev = store.revision()
    head = head_revision()
    if rev == head:
        state = "up to date"
    elif rev is None:
        state = "empty: run 'sco-tracker db upgrade'"
    elif rev in known_revisions():
        state = "needs 'sco-tracker db upgrade'"
    else:
        state = (
            "the database is newer than this sco-tracker (made by a newer version): "
            "upgrade sco-tracker itself (pip install --upgrade sco-tracker), not the database"
        )
    click.echo(
        f"{display_url(url)}: revision {rev or 'none'} (this version needs {head}): {state}."
    )

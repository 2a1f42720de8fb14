"""Options shared by several commands."""

from __future__ import annotations

import click

file_option = click.option(
    "--file",
    "-f",
    "file",
    default="commitments.yaml",
    show_default=True,
    envvar="SCO_TRACKER_FILE",
    type=click.Path(dir_okay=False),
    help="The commitments file (or set SCO_TRACKER_FILE).",
)

json_option = click.option(
    "--json", "as_json", is_flag=True, help="Print JSON for scripts instead of text."
)

db_option = click.option(
    "--db",
    "db",
    metavar="URL",
    default=None,
    help=(
        "Database URL (or set SCO_TRACKER_DB; else settings.database; else sco-tracker.db "
        "beside the file). PostgreSQL: postgresql+psycopg://user@host/dbname"
    ),
)

as_of_option = click.option(
    "--as-of",
    "as_of",
    metavar="DATE",
    default=None,
    help="Evaluate as of this date (YYYY-MM-DD). Default: today in settings.timezone.",
)

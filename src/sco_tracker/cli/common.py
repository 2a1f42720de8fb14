"""Helpers shared by the commands (not a command itself)."""

from __future__ import annotations

import os
from datetime import date
from typing import TYPE_CHECKING

import click

from sco_tracker.problems import UserError

if TYPE_CHECKING:
    from sco_tracker.db.store import Store
    from sco_tracker.spec.project import Project


def require_file(file: str) -> None:
    """The one answer of every command to a commitments file that is not there: a usage error
    (exit 2: the environment is not right) saying where to run it or how to name the file."""
    if os.path.exists(file):
        return
    ctx = click.get_current_context(silent=True)
    command = ctx.command_path if ctx is not None else "sco-tracker COMMAND"
    raise UserError(
        f"{file}: no such file. Run sco-tracker in the folder that holds commitments.yaml, "
        f"or give the path: {command} -f path/to/commitments.yaml (or set SCO_TRACKER_FILE)"
    )


def load_valid(file: str) -> Project:
    """The validated project; for an invalid file, print exactly what validate prints and exit 1.

    A missing file is require_file's usage error. Warnings (such as a quote that cannot be
    verified) are validate's business: the other commands do not repeat them on every run.
    """
    from sco_tracker.spec.validation import validate_file

    require_file(file)
    result = validate_file(file)
    if not result.ok or result.project is None:
        for problem in sorted(result.problems + result.warnings):  # in the order of the file
            click.echo(str(problem), err=True)
        n = len(result.problems)
        click.echo(f"{file}: {n} problem{'s' if n != 1 else ''} found.", err=True)
        raise click.exceptions.Exit(1)
    return result.project


def open_db(db: str | None, file: str, project: Project | None = None) -> Store:
    """Open (and on first use create) the database for this file."""
    from sco_tracker.db.store import open_store, resolve_url

    setting = project.settings.database if project is not None else None
    return open_store(resolve_url(db, file, setting))


def parse_as_of(value: date | None, project: Project) -> date:
    """The --as-of date (already read by options.DayType), else today in settings.timezone."""
    from sco_tracker.spec.project import today_in

    return value if value is not None else today_in(project.settings.timezone)


def sync_quietly(store: Store, project: Project, file: str) -> None:
    """Sync before a check or status; say so (on stderr) only when something changed."""
    from sco_tracker.db.sync import sync_project

    result = sync_project(store, project, file)
    if result.wrote:
        click.echo(result.summary(file), err=True)


class WholeHelpGroup(click.Group):
    """A group whose --help lists each command with its whole first sentence, wrapped, never
    cut short with "..." (click's default)."""

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        for name in self.list_commands(ctx):
            cmd = self.get_command(ctx, name)
            if cmd is not None and not cmd.hidden:
                rows.append((name, cmd.get_short_help_str(limit=10_000)))
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)

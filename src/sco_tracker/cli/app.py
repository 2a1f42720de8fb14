"""The sco-tracker command line: a thin layer that parses options and calls the library.

Each command lives in sco_tracker/commands/<name>.py and is imported only when it runs (or
when --help lists it), so `validate` and `--help` never pay for the database, the scheduler
or the templates.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

from sco_tracker import __version__
from sco_tracker.encoding import ShownStream
from sco_tracker.problems import UserError, did_you_mean

#: command name -> module under sco_tracker.cli. The order is the order in --help.
COMMANDS: dict[str, str] = {
    "validate": "validate",
    "run": "run",
    "status": "status",
    "check": "check",
    "notify": "notify",
    "sync": "sync",
    "report": "report",
    "calendar": "calendar",
    "schedule": "schedule",
    "runs": "runs",
    "coverage": "coverage",
    "import": "importdoc",
    "draft": "draft",
    "review": "review",
    "update": "update",
    "assess": "assess",
    "compliance": "compliance",
    "db": "db",
    "schema": "schema",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        module = COMMANDS.get(name)
        if module is None:
            return None
        cmd: click.Command = importlib.import_module(f"sco_tracker.cli.{module}").command
        return cmd

    def resolve_command(self, ctx: click.Context, args: list[str]) -> Any:
        name = args[0] if args else ""
        if name and not name.startswith("-") and name not in COMMANDS:
            raise click.UsageError(
                f"no such command '{name}'{did_you_mean(name, COMMANDS)}. See 'sco-tracker --help'."
            )
        return super().resolve_command(ctx, args)


@click.group(
    cls=LazyGroup,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(
    __version__, "--version", "-V", prog_name="sco-tracker", message="%(prog)s %(version)s"
)
def cli() -> None:
    """Track the undertakings of diplomatic communiqués as commitments.

    commitments.yaml is the source of truth. Start with 'sco-tracker validate', then
    'sco-tracker run' to sync the database, check progress and write the reports.
    """


def main(argv: list[str] | None = None) -> None:
    """Entry point: runs a command and turns every UserError into a clean message and exit code.

    Everything printed goes through encoding.shown: a control character from the user's file
    (an escape sequence, a carriage return) is printed as a visible escape, never sent raw."""
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = ShownStream(sys.stdout), ShownStream(sys.stderr)
    try:
        _main(argv)
    finally:
        sys.stdout, sys.stderr = saved


def _main(argv: list[str] | None) -> None:
    try:
        rc = cli.main(args=argv, prog_name="sco-tracker", standalone_mode=False)
    except UserError as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        if exc.message and not (exc.problems and exc.message.endswith("problem(s)")):
            click.echo(f"Error: {exc.message}", err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(2 if isinstance(exc, click.UsageError) else exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        sys.exit(130)
    sys.exit(rc if isinstance(rc, int) else 0)

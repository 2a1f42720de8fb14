"""The sco-tracker command line: a thin layer that parses options and calls the library.

Each command lives in sco_tracker/cli/<name>.py and is imported only when it runs, so
`validate` and `--help` never pay for the database, the scheduler or the templates.
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

from sco_tracker import __version__
from sco_tracker.encoding import ShownStream
from sco_tracker.problems import UserError, did_you_mean

#: command name -> (module under sco_tracker.cli, the first sentence of its help). The order is
#: the order in --help, which prints these sentences without importing the commands' modules
#: (they import the database, the scheduler, the PDF reader...). tests/test_cli.py checks each
#: sentence is the one its command's help starts with.
COMMANDS: dict[str, tuple[str, str]] = {
    "validate": (
        "validate",
        "Check commitments.yaml and list every problem as FILE:LINE:COL: message.",
    ),
    "split": (
        "split",
        "Move each source of commitments.yaml, with its entries, into a file of its own.",
    ),
    "run": (
        "run",
        (
            "The main job: validate commitments.yaml, sync the database, check progress and write "
            "the reports."
        ),
    ),
    "status": (
        "status",
        "Show every commitment with its status, due date and findings, or one commitment in full.",
    ),
    "check": (
        "check",
        "Check progress as of a date and store the check run with its findings.",
    ),
    "notify": (
        "notify",
        "Send the news of the latest check: new findings, status changes and new commitments.",
    ),
    "sync": (
        "sync",
        "Bring the database up to date with commitments.yaml, all at once or not at all.",
    ),
    "report": (
        "report",
        "Write the status report as of a date, in Markdown and HTML.",
    ),
    "calendar": (
        "calendar",
        "Write an iCalendar file (.ics) of the open commitments' due dates.",
    ),
    "schedule": (
        "schedule",
        "Run the scheduler: check and write reports on the schedule in settings.schedule.",
    ),
    "runs": (
        "runs",
        "Show the latest scheduled runs: job, start, duration, outcome and error.",
    ),
    "coverage": (
        "coverage",
        "Show, sentence by sentence, what has been decided about each source text.",
    ),
    "import": (
        "importdoc",
        (
            "Take in a new document: a PDF, a web page saved from the SCO's or the UN's site, "
            "or text extracted from a PDF."
        ),
    ),
    "draft": (
        "draft",
        (
            "Do the first reading of a new communiqué (one paragraph per line, as published; "
            "a PDF, a saved web page or an extracted text is taken in first, as "
            "'sco-tracker import' does)."
        ),
    ),
    "review": (
        "review",
        "Walk through the drafts (entries with 'draft: true') one by one.",
    ),
    "update": (
        "update",
        "Record a dated update of commitment ID (and its new status) in commitments.yaml.",
    ),
    "assess": (
        "assess",
        "Record a per-member compliance score for commitment ID in commitments.yaml.",
    ),
    "compliance": (
        "compliance",
        "Show each member's compliance score on each commitment, with the averages.",
    ),
    "db": (
        "db",
        "Manage the database: create it or bring it up to this version's tables.",
    ),
    "schema": (
        "schema",
        "Print the JSON Schema of commitments.yaml (editors use it to check as you type).",
    ),
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        entry = COMMANDS.get(name)
        if entry is None:
            return None
        cmd: click.Command = importlib.import_module(f"sco_tracker.cli.{entry[0]}").command
        return cmd

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """The list of commands, each with its whole first sentence (wrapped, never cut short
        with "..."), from COMMANDS instead of the modules."""
        rows = [(name, short) for name, (_, short) in COMMANDS.items()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)

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

"""Options shared by several commands."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import click

from sco_tracker.problems import UserError, did_you_mean


class DayType(click.ParamType):
    """A date written YYYY-MM-DD, read as commitments.yaml reads one (spec/dates.parse_day):
    the one type of --as-of and of every --date."""

    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value
        from sco_tracker.spec.dates import parse_day

        try:
            return parse_day(str(value))
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


def date_option(help: str) -> Any:
    """A --date option of type DayType (the value is passed as `on`)."""
    return click.option("--date", "on", type=DayType(), metavar="YYYY-MM-DD", help=help)


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
    type=DayType(),
    default=None,
    help="Check (and report) the state on this date (YYYY-MM-DD). "
    "Default: today in settings.timezone.",
)

source_option = click.option(
    "--source",
    "sources",
    metavar="ID",
    multiple=True,
    help=(
        "Show only the commitments of this source (its id under sources:); repeat for several. "
        "The checks still cover the whole file."
    ),
)

party_option = click.option(
    "--party",
    "parties",
    metavar="ID",
    multiple=True,
    help=(
        "Show only the commitments this party made or is asked to act on: a party id, a "
        "party_groups id (any of its members) or an addressee as written; repeat for several."
    ),
)


class Choice(click.Choice):
    """click.Choice that also says "did you mean 'fulfilled'?" for a typo (exit 2, as before)."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter as exc:
            hint = did_you_mean(str(value), [str(c) for c in self.choices])
            if not hint:
                raise
            self.fail(f"{exc.message.rstrip('.')}{hint}.", param, ctx)


def check_date(on: date, today: date, fix: str) -> None:
    """A --date after today (in settings.timezone) is a usage error (exit 2) that names the
    option, where the file's rule would refuse the entry at a line of a file never written."""
    if on > today:
        raise UserError(
            f"--date: {on.isoformat()} is in the future (today is {today.isoformat()}): {fix}"
        )


def check_text(option: str, value: str | None, *, required: bool = False) -> None:
    """A text typed for the file (--note, --source) that the file's rules would refuse: empty
    when required, or holding a control character (spec/shape.CONTROL), as a usage error."""
    from sco_tracker.spec.shape import CONTROL

    if value is None:
        return
    if required and not value.strip():
        raise UserError(f"{option}: the text is empty: say what happened, in a sentence")
    if re.search("[\ud800-\udfff]", value):
        raise UserError(
            f"{option}: the text holds bytes that are not UTF-8 text (your terminal's "
            "setting?): type it again, or set the terminal to UTF-8"
        )
    found = CONTROL.search(value)
    if found is not None:
        raise UserError(
            f"{option}: the text holds the control character U+{ord(found.group()):04X}, which "
            "the database and the reports cannot hold: type it again without it"
        )

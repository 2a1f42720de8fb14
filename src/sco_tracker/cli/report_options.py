"""Options of the report and calendar commands (and `run --as-of`)."""

from __future__ import annotations

from datetime import date
from typing import Any

import click

from sco_tracker.spec.dates import parse_day


class DayType(click.ParamType):
    name = "DATE"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> date:
        if isinstance(value, date):
            return value

        try:
            return parse_day(str(value))
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


as_of_option = click.option(
    "--as-of",
    "as_of",
    type=DayType(),
    default=None,
    help="Report the state on this date (YYYY-MM-DD). Default: today in settings.timezone.",
)


def parse_formats(value: str) -> tuple[str, ...]:
    from sco_tracker.report.render import FORMATS

    chosen = tuple(dict.fromkeys(f.strip().lower() for f in value.split(",") if f.strip()))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise click.BadParameter(
            f"unknown format '{','.join(unknown) or value}'; use md, html or md,html",
            param_hint="'--format'",
        )
    return chosen

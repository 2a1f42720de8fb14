from __future__ import annotations

import json
import os
import time
from datetime import datetime
from zoneinfo import ZoneInfo

import click

from sco_tracker import cache
from sco_tracker.cli.common import require_file
from sco_tracker.cli.options import file_option, json_option


@click.command()
@click.argument("named", metavar="[FILE]", required=False, type=click.Path(dir_okay=False))
@file_option
@json_option
@click.option(
    "--strict",
    is_flag=True,
    help="Also fail when a sentence with undertaking language is neither tracked nor excluded, "
    "or when a draft proposed by 'sco-tracker draft' has not been reviewed.",
)
def command(named: str | None, file: str, as_json: bool, strict: bool) -> None:
    """Check commitments.yaml and list every problem as FILE:LINE:COL: message.

    The file is FILE, else -f FILE, else SCO_TRACKER_FILE, else commitments.yaml. Exits 0 when
    the file is valid, 1 when it has problems, 2 when there is no such file.
    """
    file = _the_file(named, file)
    require_file(file)

    from sco_tracker.spec.validation import validate_file

    started = time.time()
    try:
        digest = cache.sha256_file(file)
    except OSError:
        digest = None
    result = validate_file(file, strict=strict)
    if digest is not None and not strict and result.ok and result.project is not None:
        # Remember this success for the fast path (sco_tracker/cache.py), unless the day
        # changed while validating (future-dated updates depend on today).

        tz = ZoneInfo(result.project.settings.timezone)
        day = datetime.fromtimestamp(started, tz).date()
        if datetime.now(tz).date() == day:
            cache.remember_validation(file, digest, result, day)
    if as_json:
        click.echo(json.dumps(result.as_dict(), indent=2, ensure_ascii=False))
        if not result.ok:
            raise click.exceptions.Exit(1)
        return
    if not result.ok:
        for problem in sorted(result.problems + result.warnings):  # in the order of the file
            click.echo(str(problem), err=True)
        n = len(result.problems)
        click.echo(f"{file}: {n} problem{'s' if n != 1 else ''} found.", err=True)
        raise click.exceptions.Exit(1)
    for warning in result.warnings:
        click.echo(str(warning), err=True)
    click.echo(result.summary)


def _the_file(named: str | None, option: str) -> str:
    """FILE as an argument, as every other command's -f FILE: both given must agree."""
    if named is None:
        return option
    source = click.get_current_context().get_parameter_source("file")
    same = os.path.abspath(named) == os.path.abspath(option)
    if source is click.core.ParameterSource.COMMANDLINE and not same:
        raise click.UsageError(
            f"two files given: {named} and -f {option}. Give one: "
            f"sco-tracker validate -f {option} (or sco-tracker validate {named})"
        )
    return named  # an argument beats SCO_TRACKER_FILE, as -f does

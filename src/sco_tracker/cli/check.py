from __future__ import annotations

import json
from datetime import date

import click

from sco_tracker.cli.common import load_valid, open_db, parse_as_of, sync_quietly
from sco_tracker.cli.options import (
    as_of_option,
    db_option,
    file_option,
    json_option,
    party_option,
    source_option,
)
from sco_tracker.problems import did_you_mean
from sco_tracker.spec.vocabulary import FINDING_KINDS

FAIL_ON_HELP = (
    "Exit 1 when findings of these kinds exist, e.g. 'overdue' or 'overdue,stale'. "
    f"Kinds: {', '.join(FINDING_KINDS)}."
)


def parse_fail_on(value: str | None) -> list[str]:

    if not value:
        return []
    kinds = [k.strip() for k in value.split(",") if k.strip()]
    for k in kinds:
        if k not in FINDING_KINDS:
            raise click.BadParameter(
                f"unknown finding kind '{k}'{did_you_mean(k, FINDING_KINDS)}; expected some of: "
                f"{', '.join(FINDING_KINDS)}",
                param_hint="'--fail-on'",
            )
    return kinds


@click.command()
@file_option
@db_option
@as_of_option
@click.option("--fail-on", "fail_on", metavar="KINDS", default=None, help=FAIL_ON_HELP)
@source_option
@party_option
@json_option
def command(
    file: str,
    db: str | None,
    as_of: date | None,
    fail_on: str | None,
    sources: tuple[str, ...],
    parties: tuple[str, ...],
    as_json: bool,
) -> None:
    """Check progress as of a date and store the check run with its findings.

    Syncs the file first. Findings: overdue, due soon, undated (the document gives no date, or
    it is due at an event with no date yet), stale (no update for too long), blocked (waits for
    an unfulfilled commitment) and unsupported (closed without a dated update that cites a
    source). Each finding is marked new, continuing or resolved against the previous check run.

    --source and --party show only some documents' or parties' findings (and --fail-on looks
    at those only); the check run is still recorded for the whole file, so "new since the last
    check" means the same with or without them.
    """
    run_check(file, db, as_of, fail_on, as_json, sources, parties)


def run_check(
    file: str,
    db: str | None,
    as_of: date | None,
    fail_on: str | None,
    as_json: bool,
    sources: tuple[str, ...] = (),
    parties: tuple[str, ...] = (),
) -> None:
    from sco_tracker.db.sync import record_check
    from sco_tracker.db.views import check_dict, check_text, shown_record
    from sco_tracker.tracking.checks import evaluate
    from sco_tracker.tracking.selection import select

    kinds = parse_fail_on(fail_on)
    project = load_valid(file)
    chosen = select(project, sources, parties)
    day = parse_as_of(as_of, project)
    evaluations = evaluate(project, day)
    with open_db(db, file, project) as store:
        sync_quietly(store, project, file)
        recorded = record_check(store, evaluations, day, file)
    kept = None if chosen.everything else chosen.kept_ids(project)
    record = shown_record(recorded, kept)
    shown = chosen.evaluations(evaluations)
    if as_json:
        data = check_dict(record, shown, file, chosen)
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        click.echo(check_text(record, shown, scope=chosen.describe()))
    failing = sorted({f.kind for f in record.current if f.kind in kinds})
    if failing:
        if not as_json:
            click.echo(f"Failing because of: {', '.join(failing)} (--fail-on {fail_on}).", err=True)
        raise click.exceptions.Exit(1)

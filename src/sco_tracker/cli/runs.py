from __future__ import annotations

import json
from typing import TYPE_CHECKING

import click

from sco_tracker.cli.options import db_option, file_option, json_option
from sco_tracker.db.store import database_setting

if TYPE_CHECKING:
    from sco_tracker.notify.log import DeliveryRow


@click.command()
@file_option
@db_option
@click.option("-n", "--limit", default=20, show_default=True, help="How many runs to show.")
@click.option("--job", type=click.Choice(["check", "report", "digest"]), help="Only this job.")
@json_option
def command(file: str, db: str | None, limit: int, job: str | None, as_json: bool) -> None:
    """Show the latest scheduled runs: job, start, duration, outcome and error.

    Then the notifications waiting for a retry, or given up, with the reason. With --json:
    {"runs": [...], "notifications": [...]}, the same things.
    """
    from sco_tracker.db.job_runs import latest_runs
    from sco_tracker.db.store import open_store, resolve_url
    from sco_tracker.notify.log import open_deliveries

    with open_store(resolve_url(db, file, database_setting(file))) as store:
        runs = latest_runs(store, limit, job)
        undelivered = open_deliveries(store)
    if as_json:
        click.echo(
            json.dumps(
                {
                    "runs": [
                        {
                            "id": r.id,
                            "job": r.job,
                            "started_at": r.started_at.isoformat(),
                            "finished_at": r.finished_at.isoformat() if r.finished_at else None,
                            "outcome": r.outcome,
                            "error": r.error,
                            "summary": r.summary,
                        }
                        for r in runs
                    ],
                    "notifications": [_undelivered_json(row) for row in undelivered],
                },
                indent=2,
                ensure_ascii=False,
            )
        )
        return
    _undelivered(undelivered)
    if not runs:
        click.echo(
            "No scheduled runs recorded yet. Start the scheduler with 'sco-tracker schedule'."
        )
        return
    from tabulate import tabulate

    rows = [
        [
            r.id,
            r.job,
            f"{r.started_at:%Y-%m-%d %H:%M:%S}",
            f"{r.seconds:.1f} s" if r.seconds is not None else "-",
            r.outcome,
            r.summary or "",
        ]
        for r in runs
    ]
    click.echo(tabulate(rows, headers=["#", "job", "started (UTC)", "took", "outcome", "summary"]))
    for r in runs:
        if r.outcome == "failed" and r.error:
            click.echo(f"\nRun {r.id} ({r.job}) failed:\n{r.error}")
            break


def _undelivered_json(row: DeliveryRow) -> dict[str, object]:
    """A notification not delivered yet, for scripts: what the text says of it."""
    waiting = row.state != "failed"
    return {
        "id": row.id,
        "kind": row.kind,
        "channel": row.channel,
        "recipient": row.recipient,
        "state": "waiting for a retry" if waiting else "given up",
        "attempts": row.attempts,
        "next_attempt_at": row.next_attempt_at.isoformat() if waiting else None,
        "last_error": row.last_error,
    }


def _undelivered(rows: list[DeliveryRow]) -> None:
    """The notifications not delivered yet: waiting for a retry, or given up."""
    for row in rows:
        if row.state == "failed":
            click.echo(
                f"Notification {row.id} ({row.kind}, {row.channel} to {row.recipient}) given up "
                f"after {row.attempts} attempts: {row.last_error}"
            )
        else:
            click.echo(
                f"Notification {row.id} ({row.kind}, {row.channel} to {row.recipient}) waiting for "
                f"a retry after {row.next_attempt_at:%Y-%m-%d %H:%M} UTC "
                f"({row.attempts} attempt{'s' if row.attempts != 1 else ''} so far): "
                f"{row.last_error or 'not tried yet'}"
            )
    if rows:
        click.echo("")

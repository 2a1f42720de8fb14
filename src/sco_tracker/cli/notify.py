from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import click

from sco_tracker.cli.options import DayType, db_option, file_option, json_option

if TYPE_CHECKING:
    from sco_tracker.notify.deliver import Attempt, Report


@click.command()
@file_option
@db_option
@click.option(
    "--as-of",
    "as_of",
    type=DayType(),
    default=None,
    help="Send the news of the latest check as of this date (YYYY-MM-DD): the check for that "
    "date, or the nearest earlier one. It checks nothing: run 'sco-tracker check' first. "
    "Default: today in settings.timezone.",
)
@click.option("--dry-run", is_flag=True, help="Print what would be sent to whom; send nothing.")
@click.option(
    "--show",
    is_flag=True,
    help="With --dry-run: print each message in full, as its recipient would read it (an "
    "e-mail's subject and text, a chat message's text).",
)
@click.option("--test", "test", is_flag=True, help="Send a test message to each channel.")
@click.option(
    "--retry-now", is_flag=True, help="Retry failed deliveries now, without waiting for their time."
)
@json_option
def command(
    file: str,
    db: str | None,
    as_of: date | None,
    dry_run: bool,
    show: bool,
    test: bool,
    retry_now: bool,
    as_json: bool,
) -> None:
    """Send the news of the latest check: new findings, status changes and new commitments.

    Sends what changed, net, since the news last sent, as the latest check as of the date
    (default: today) found it, by e-mail and webhook (settings.notify), each recipient their
    part (their limits). A change undone before the news goes out is not news. Nothing is sent
    when nothing is new; a failed delivery is retried at the next run.
    """
    from sco_tracker.cli.common import load_valid, open_db, parse_as_of

    if show and not dry_run:
        from sco_tracker.problems import UserError

        raise UserError("--show goes with --dry-run: 'sco-tracker notify --dry-run --show'")
    project = load_valid(file)
    configured = project.settings.notify.configured
    if not configured and not (dry_run and not test):
        from sco_tracker.problems import UserError

        raise UserError(
            f"No channel is configured in settings.notify of {file}: nothing can be sent. "
            'Add an e-mail server or a webhook (see the README, "Telling people: e-mail and chat'
            ' after each check").'
        )
    if test:
        from sco_tracker.notify.deliver import send_tests

        results = send_tests(project)
        _show_attempts(results, as_json)
        if any(a.outcome != "sent" for a in results):
            raise click.exceptions.Exit(1)
        return
    from sco_tracker.notify.deliver import notify

    day = parse_as_of(as_of, project)
    with open_db(db, file, project) as store:
        report = notify(store, project, day, dry_run=dry_run, retry_now=retry_now)
    if as_json:
        import json

        data = _report_json(report, show)
        if not configured:
            data["message"] = NO_CHANNEL
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    elif not configured:
        click.echo(_no_channel_text(report))
    else:
        click.echo(_report_text(report, file))
        if show:
            click.echo(_messages_text(report))
    if any(a.outcome in ("pending", "failed") for a in report.attempts):
        raise click.exceptions.Exit(1)


NO_CHANNEL = "No channel is configured in settings.notify: nothing would be sent."


def _no_channel_text(report: Report) -> str:
    """A dry run without channels: say so, and what the news would hold."""
    from sco_tracker.spec.dates import day_label
    from sco_tracker.spec.vocabulary import plural

    if report.check_run is None:
        found = f"There is no check as of {day_label(report.as_of)} yet."
    else:
        found = (
            f"The news of the check as of {day_label(report.as_of)} (check run "
            f"{report.check_run}) has {plural(report.news_items, 'item')} never sent before."
        )
    return (
        f"{NO_CHANNEL}\n{found}\n"
        "Add an e-mail server or a webhook to settings.notify (see the README) to send it."
    )


def _show_attempts(results: list[Attempt], as_json: bool) -> None:
    if as_json:
        import json

        click.echo(json.dumps([a.as_json() for a in results], indent=2, ensure_ascii=False))
        return
    for a in results:
        mark = "ok" if a.outcome == "sent" else "FAILED"
        click.echo(f"{mark:6} {a.channel} {a.recipient}: {a.detail}")


def _report_json(report: Report, show: bool = False) -> dict[str, object]:
    planned: list[dict[str, object]] = [
        {
            "channel": channel,
            "recipient": recipient,
            "items": [
                {"commitment": i.commitment, "what": i.what, "message": i.message} for i in items
            ],
        }
        for channel, recipient, items in report.plans
    ]
    if show:  # each message in full, as its recipient reads it
        for entry, (subject, text) in zip(planned, report.messages, strict=True):
            entry.update({"subject": subject, "text": text})
    return {
        "as_of": report.as_of.isoformat(),
        "check_run": report.check_run,
        "dry_run": report.dry_run,
        "news": report.news_items,
        "planned": planned,
        "deliveries": [a.as_json() for a in report.attempts],
        "followed": report.followed,
        "waiting_for_retry": report.pending,
    }


def _messages_text(report: Report) -> str:
    """--show: each message in full, after a line that says to whom it goes."""
    lines: list[str] = []
    for (channel, recipient, _items), (subject, text) in zip(
        report.plans, report.messages, strict=True
    ):
        lines.append(f"\n----- the {channel} message to {recipient} -----")
        if subject is not None:
            lines.append(f"Subject: {subject}\n")
        lines.append(text.rstrip("\n"))
    return "\n".join(lines)


def _report_text(report: Report, file: str) -> str:
    from sco_tracker.notify.render import WHAT_LABELS
    from sco_tracker.spec.dates import day_label
    from sco_tracker.spec.vocabulary import plural

    lines: list[str] = []
    if report.check_run is None:
        lines.append(
            f"No check as of {day_label(report.as_of)} yet: run 'sco-tracker check' first."
        )
    elif not report.plans:
        lines.append(
            f"Nothing new to send for the check as of {day_label(report.as_of)} "
            f"(check run {report.check_run})."
        )
    else:
        verb = "Would send" if report.dry_run else "Planned"
        lines.append(
            f"{verb} {plural(len(report.plans), 'message')} "
            f"for the check as of {day_label(report.as_of)} (check run {report.check_run}):"
        )
        for channel, recipient, items in report.plans:
            lines.append(f"  {channel} to {recipient}: {plural(len(items), 'item')}")
            for i in items:  # what the news is in words, as the messages say it
                lines.append(f"    {i.commitment} [{WHAT_LABELS.get(i.what, i.what)}]: {i.message}")
    lines += report.followed
    for a in report.attempts:
        if a.outcome == "sent":
            lines.append(f"Sent {a.kind} to {a.recipient} ({a.channel}): {a.detail}.")
        else:
            again = (
                f" Retried at the next run after {a.next_attempt_at:%Y-%m-%d %H:%M} UTC."
                if a.outcome == "pending" and a.next_attempt_at
                else " Given up: see 'sco-tracker runs'."
            )
            lines.append(f"NOT sent to {a.recipient} ({a.channel}): {a.detail}.{again}")
    if report.pending:
        lines.append(
            f"{plural(report.pending, 'delivery', 'deliveries')} waiting for a retry "
            "('sco-tracker notify --retry-now' tries again now)."
        )
    return "\n".join(lines)

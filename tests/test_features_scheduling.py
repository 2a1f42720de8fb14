"""Bindings for features/scheduling.feature.

"Reports appear on schedule" drives the report job at the times its trigger gives (no clock);
the other scenarios run the daemon as a real process, for what only the process does."""

from __future__ import annotations

import logging
import re
import signal
import socket
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from conftest import Result, edit, run_cli
from dbbackend import table_rows
from scheduler_helpers import Daemon, fire_times, next_run_is_ahead, pretend_downtime
from sco_tracker.schedule.jobs import report_job

scenarios("scheduling.feature")

CHECK_LINE = '    check: "0 6 * * *"       # every day at 06:00'
REPORT_LINE = '    report: "0 7 * * mon"    # every Monday at 07:00'


@pytest.fixture
def daemons() -> list[Daemon]:
    started: list[Daemon] = []
    yield started
    for d in started:
        if d.proc.poll() is None:
            d.stop(signal.SIGKILL)


def _report_runs(db_url: str) -> list[tuple]:
    return [r for r in table_rows(db_url).get("job_runs", []) if r[1] == "report"]


@given(parsers.parse('the report is scheduled "{schedule}"'))
def report_schedule(workdir: Path, schedule: str) -> None:
    edit(workdir / "commitments.yaml", CHECK_LINE, '    check: "every 1 hours"')
    edit(workdir / "commitments.yaml", REPORT_LINE, f'    report: "{schedule}"')


def _daemon(workdir: Path, daemons: list[Daemon], log: str, count: int = 1) -> Daemon:
    """A real scheduler process in workdir, once its log shows `log` count times."""
    d = Daemon(workdir)
    daemons.append(d)
    d.wait_for_log(log, count=count)
    return d


@given("a scheduler is running", target_fixture="daemon")
def a_scheduler_is_running(workdir: Path, daemons: list[Daemon]) -> Daemon:
    return _daemon(workdir, daemons, "scheduler started")


@given("the scheduler has written a report", target_fixture="daemon")
def scheduler_has_written(workdir: Path, daemons: list[Daemon]) -> Daemon:
    return _daemon(workdir, daemons, "report run: ok")


def _day(text: str) -> datetime:
    """'Friday 15 June 2018' as midnight UTC of that day (the weekday must be right)."""
    day = datetime.strptime(text, "%A %d %B %Y").replace(tzinfo=UTC)
    assert f"{day:%A} {day.day} {day:%B %Y}" == text, f"{text!r} is not a real day"
    return day


@when(parsers.parse("the scheduled report runs twice from {day}"), target_fixture="scheduler_log")
def report_runs_twice(
    workdir: Path, db_url: str, day: str, caplog: pytest.LogCaptureFixture
) -> list[str]:
    """The report job, run at the next two times its trigger gives after that day."""
    caplog.set_level(logging.INFO, logger="sco_tracker.schedule")
    file = workdir / "commitments.yaml"
    for at in fire_times(file, "report", _day(day), 2):
        assert report_job(str(file), db_url, now=at) is True
    return [r.getMessage() for r in caplog.records if r.name == "sco_tracker.schedule"]


@then(parsers.parse("the reports of {days} are in the reports folder"))
def reports_of(workdir: Path, days: str) -> None:
    written = sorted(p.name for p in (workdir / "reports").glob("????-??-??.*"))
    expected = sorted(
        f"{_day(d).date().isoformat()}.{ext}" for d in days.split(" and ") for ext in ("html", "md")
    )
    assert written == expected


@then("the scheduler log has a line for each report run with its outcome and duration")
def log_lines(scheduler_log: list[str]) -> None:
    lines = [line for line in scheduler_log if "report run:" in line]
    assert len(lines) == 2
    assert all(
        re.search(r"report run: ok in \d+\.\d s: \d+ commitments as of \d{4}-\d{2}-\d{2}", line)
        for line in lines
    ), lines


@then("stopping the scheduler with SIGTERM exits with code 0")
def sigterm_exit_0(daemon: Daemon) -> None:
    assert daemon.stop(signal.SIGTERM) == 0
    assert "scheduler stopped" in daemon.log


@when(
    parsers.parse(
        'an analyst saves commitments.yaml with the status "done" for the drug-abuse concept'
    ),
    target_fixture="good_report",
)
def broken_edit(workdir: Path, daemon: Daemon) -> bytes:
    good = (workdir / "reports" / "latest.html").read_bytes()
    (workdir / "commitments.yaml.good").write_text((workdir / "commitments.yaml").read_text())
    edit(
        workdir / "commitments.yaml", "status: in_progress\n    notes:", "status: done\n    notes:"
    )
    daemon.wait_for_log("report run: FAILED")
    return good


@then(parsers.parse('the scheduler log shows "{message}" at commitments.yaml line and column'))
def log_shows(daemon: Daemon, workdir: Path, message: str) -> None:
    assert re.search(r"commitments\.yaml:\d+:\d+: " + re.escape(message), daemon.log), daemon.log


@then("the last good report is unchanged")
def last_good_kept(workdir: Path, good_report: bytes) -> None:
    assert (workdir / "reports" / "latest.html").read_bytes() == good_report


@then("the scheduler is still running")
def still_running(daemon: Daemon) -> None:
    assert daemon.proc.poll() is None


@then("`sco-tracker runs` lists the failed run")
def runs_lists_failed(workdir: Path) -> None:
    result = run_cli(["runs", "--job", "report"], workdir)
    assert result.exit_code == 0, result.output
    assert "failed" in result.stdout and "unknown status 'done'" in result.stdout


@when("the analyst fixes the file")
def fix_file(workdir: Path, daemon: Daemon) -> None:
    daemon.fixed_at = daemon.log.count("report run: ok")  # type: ignore[attr-defined]
    (workdir / "commitments.yaml").write_text((workdir / "commitments.yaml.good").read_text())


@then("the next report run succeeds")
def next_run_ok(daemon: Daemon) -> None:
    daemon.wait_for_log("report run: ok", count=daemon.fixed_at + 1)  # type: ignore[attr-defined]


@given("the scheduler was started once and then killed")
def started_and_killed(workdir: Path, daemons: list[Daemon]) -> None:
    d = Daemon(workdir, "first")
    daemons.append(d)
    d.wait_for_log("scheduler started")
    d.stop(signal.SIGKILL)


@given("it was down while Monday's 07:00 report fell due two hours ago")
def down_while_due(db_url: str) -> None:
    pretend_downtime(db_url, "report", timedelta(hours=2))


@when("the scheduler starts again", target_fixture="daemon")
def starts_again(workdir: Path, daemons: list[Daemon]) -> Daemon:
    d = Daemon(workdir, "second")
    daemons.append(d)
    d.wait_for_log("report run: ok")
    return d


@then("it says it is catching up the missed report")
def catching_up(daemon: Daemon) -> None:
    assert "catching up at start-up: report" in daemon.log


@then("exactly one report run happens at start-up")
def one_run(daemon: Daemon, db_url: str) -> None:
    # Once the stored next run is ahead, nothing more is due: no second run can start.
    daemon.wait_for(lambda: next_run_is_ahead(db_url, "report"), "the next report run to be ahead")
    assert len(_report_runs(db_url)) == 1
    assert daemon.stop() == 0
    jobs = table_rows(db_url)["apscheduler_jobs"]
    assert sorted(r[0] for r in jobs) == ["check", "report"]  # no duplicate jobs


@then("the output names the host and process id of the running scheduler")
def names_holder(result: Result, daemon: Daemon) -> None:
    assert f"host {socket.gethostname()}, pid {daemon.proc.pid}" in result.output

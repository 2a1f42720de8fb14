"""Bindings for features/scheduling.feature: the daemon runs as a real process."""

from __future__ import annotations

import signal
import socket
import time
from datetime import timedelta
from pathlib import Path

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from conftest import Result, edit, run_cli
from dbbackend import table_rows
from scheduler_helpers import Daemon, pretend_downtime

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


@when("the scheduler runs for a while", target_fixture="daemon")
def scheduler_runs(workdir: Path, daemons: list[Daemon]) -> Daemon:
    return _daemon(workdir, daemons, "report run: ok", count=2)


@given("the scheduler has written a report", target_fixture="daemon")
def scheduler_has_written(workdir: Path, daemons: list[Daemon]) -> Daemon:
    return _daemon(workdir, daemons, "report run: ok")


@then("a status report for today is in the reports folder")
def report_for_today(workdir: Path) -> None:
    from sco_tracker.spec.project import today_in

    day = today_in("UTC").isoformat()
    assert (workdir / "reports" / f"{day}.html").exists()
    assert (workdir / "reports" / f"{day}.md").exists()


@then("the scheduler log has a line for each report run with its outcome and duration")
def log_lines(daemon: Daemon) -> None:
    import re

    lines = [line for line in daemon.log.splitlines() if "report run:" in line]
    assert len(lines) >= 2
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
    import re

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
    assert daemon.stop() == 0


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
    time.sleep(2)
    assert len(_report_runs(db_url)) == 1
    assert daemon.stop() == 0


@then("the output names the host and process id of the running scheduler")
def names_holder(result: Result, daemon: Daemon) -> None:
    assert f"host {socket.gethostname()}, pid {daemon.proc.pid}" in result.output

"""The scheduler.

What a job does is tested by calling check_job / report_job with `now` set to the times the
job's trigger gives (scheduler_helpers.fire_times): no one-second schedules, no sleeps. The lock
is tested on its own. A few tests run the daemon as a real process, for what only the process
does: start, run a job, stop on SIGTERM or SIGINT, catch up after kill -9, skip a run missed
beyond the grace period, replace a job whose schedule changed."""

from __future__ import annotations

import logging
import os
import re
import signal
import socket
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from conftest import edit, line_of, run_cli
from dbbackend import table_rows
from scheduler_helpers import (
    Daemon,
    fire_times,
    next_run_is_ahead,
    pretend_downtime,
    set_schedule,
    stored_job,
)
from sco_tracker.db.job_runs import (
    AlreadyRunning,
    acquire_lock,
    current_lock,
    latest_runs,
    release_lock,
)
from sco_tracker.db.store import SchedulerLock, open_store
from sco_tracker.schedule.jobs import check_job, report_job

NOW = datetime(2018, 6, 15, 6, 0, tzinfo=UTC)  # a Friday


def break_file(project: Path) -> None:
    edit(
        project / "commitments.yaml", "status: in_progress\n    notes:", "status: done\n    notes:"
    )


# --- job functions, called directly ------------------------------------------------------------


def test_check_job_syncs_checks_and_records_the_run(project_dir: Path, db_url: str) -> None:
    assert check_job(str(project_dir / "commitments.yaml"), db_url, now=NOW) is True
    with open_store(db_url) as store:
        runs = latest_runs(store)
    assert [(r.job, r.outcome) for r in runs] == [("check", "ok")]
    # The 24 Beijing commitments and the Moscow 2017 plan, which existed by then too.
    assert runs[0].summary == "25 commitments as of 2018-06-15, 2 overdue"
    rows = table_rows(db_url)
    assert len(rows["commitments"]) == 25
    assert len(rows["check_runs"]) == 1


def test_report_job_writes_the_reports_for_its_date(project_dir: Path, db_url: str) -> None:
    assert report_job(str(project_dir / "commitments.yaml"), db_url, now=NOW) is True
    assert (project_dir / "reports" / "2018-06-15.html").exists()
    assert (project_dir / "reports" / "2018-06-15.md").exists()


def test_a_broken_file_is_a_failed_run_and_changes_nothing_else(
    project_dir: Path, db_url: str
) -> None:
    file = str(project_dir / "commitments.yaml")
    assert report_job(file, db_url, now=NOW) is True
    reports = {str(p): p.read_bytes() for p in (project_dir / "reports").rglob("*") if p.is_file()}
    before = {k: v for k, v in table_rows(db_url).items() if k != "job_runs"}
    break_file(project_dir)
    assert report_job(file, db_url, now=NOW + timedelta(days=1)) is False
    after = {k: v for k, v in table_rows(db_url).items() if k != "job_runs"}
    assert after == before
    assert {
        str(p): p.read_bytes() for p in (project_dir / "reports").rglob("*") if p.is_file()
    } == reports
    with open_store(db_url) as store:
        failed = latest_runs(store)[0]
    assert failed.outcome == "failed"
    assert "commitments.yaml:" in (failed.error or "") and "unknown status 'done'" in (
        failed.error or ""
    )


def test_weekly_reports_appear_on_their_mondays_with_a_log_line_each(
    project_dir: Path, db_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    """The file's own schedule, "0 7 * * mon": from Friday 15 June the next two report runs
    are on Mondays 18 and 25 June at 07:00, and each writes that day's reports."""
    file = project_dir / "commitments.yaml"
    runs = fire_times(file, "report", NOW, 2)
    assert runs == [datetime(2018, 6, 18, 7, tzinfo=UTC), datetime(2018, 6, 25, 7, tzinfo=UTC)]
    caplog.set_level(logging.INFO, logger="sco_tracker.schedule")
    for when in runs:
        assert report_job(str(file), db_url, now=when) is True
    names = sorted(p.name for p in (project_dir / "reports").iterdir())
    for day in ("2018-06-18", "2018-06-25"):
        assert f"{day}.html" in names and f"{day}.md" in names
    lines = [r.getMessage() for r in caplog.records if "report run:" in r.getMessage()]
    assert len(lines) == 2
    for line, day in zip(lines, ("2018-06-18", "2018-06-25"), strict=True):
        assert re.fullmatch(
            rf"report run: ok in \d+\.\d s: 25 commitments as of {day}, \d+ overdue; "
            r"reports in .+",
            line,
        ), line
    with open_store(db_url) as store:
        assert [(r.job, r.outcome) for r in latest_runs(store)] == [("report", "ok")] * 2


def test_a_broken_edit_fails_its_run_with_file_line_col_and_the_run_after_the_fix_succeeds(
    project_dir: Path, db_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    path = project_dir / "commitments.yaml"
    first, second, third = fire_times(path, "report", NOW, 3)
    assert report_job(str(path), db_url, now=first) is True
    good = (project_dir / "reports" / "latest.html").read_bytes()
    text = path.read_text()
    break_file(project_dir)
    line = line_of(path, "status: done")
    col = path.read_text().splitlines()[line - 1].index("done") + 1
    caplog.set_level(logging.INFO, logger="sco_tracker.schedule")
    assert report_job(str(path), db_url, now=second) is False
    errors = [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]
    where = f"{path}:{line}:{col}: unknown status 'done'; expected one of: planned, "
    assert [m for m in errors if m.startswith(where)], errors
    assert any("report run: FAILED" in r.getMessage() for r in caplog.records)
    assert (project_dir / "reports" / "latest.html").read_bytes() == good
    path.write_text(text)
    assert report_job(str(path), db_url, now=third) is True
    with open_store(db_url) as store:
        outcomes = [r.outcome for r in reversed(latest_runs(store, job="report"))]
    assert outcomes == ["ok", "failed", "ok"]


# --- the lock ----------------------------------------------------------------------------------


def _holder(db_url: str, host: str, pid: int, heartbeat: datetime) -> None:
    with open_store(db_url) as store, store.write() as s:
        s.merge(
            SchedulerLock(
                name="scheduler", host=host, pid=pid, started_at=heartbeat, heartbeat_at=heartbeat
            )
        )


def test_a_live_holder_keeps_the_lock(project_dir: Path, db_url: str) -> None:
    _holder(db_url, socket.gethostname(), os.getppid(), datetime.now(UTC))
    with open_store(db_url) as store, pytest.raises(AlreadyRunning) as exc:
        acquire_lock(store)
    assert exc.value.holder.pid == os.getppid()


def test_a_lock_left_by_a_killed_process_is_taken_over(project_dir: Path, db_url: str) -> None:
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    _holder(db_url, socket.gethostname(), dead.pid, datetime.now(UTC))
    with open_store(db_url) as store:
        mine = acquire_lock(store)
        assert mine.pid == os.getpid()
        release_lock(store)
        assert current_lock(store) is None


def test_a_silent_holder_on_another_host_is_taken_over_after_a_minute(
    project_dir: Path, db_url: str
) -> None:
    _holder(db_url, "other-host", 4242, datetime.now(UTC) - timedelta(seconds=30))
    with open_store(db_url) as store:
        with pytest.raises(AlreadyRunning):
            acquire_lock(store)
        assert acquire_lock(store, now=datetime.now(UTC) + timedelta(seconds=45)).pid == os.getpid()


def test_schedule_is_refused_while_another_scheduler_holds_the_lock(
    project_dir: Path, db_url: str
) -> None:
    holder = os.getppid()  # a live process on this host
    _holder(db_url, socket.gethostname(), holder, datetime.now(UTC))
    result = run_cli(["schedule"], project_dir)
    assert result.exit_code == 2, result.output
    assert "a scheduler is already running for the database" in result.stderr
    assert f"host {socket.gethostname()}, pid {holder}" in result.stderr
    assert "Traceback" not in result.output


# --- the daemon, as a real process ------------------------------------------------------------


def report_runs(db_url: str) -> list[tuple]:
    return [r for r in table_rows(db_url)["job_runs"] if r[1] == "report"]


def test_the_daemon_runs_a_job_and_sigterm_stops_it_with_exit_0(
    project_dir: Path, db_url: str
) -> None:
    set_schedule(project_dir, "every 1 hours", "every 1 seconds")
    daemon = Daemon(project_dir)
    daemon.wait_for_log("report run: ok")
    assert (project_dir / "reports" / "latest.html").exists()
    assert "job check: every 1 hours; next run" in daemon.log
    assert "job report: every 1 seconds; next run" in daemon.log
    assert daemon.stop(signal.SIGTERM) == 0
    assert "scheduler stopped" in daemon.log
    assert "Traceback" not in daemon.log
    with open_store(db_url) as store:
        assert current_lock(store) is None


def test_sigint_also_exits_0(project_dir: Path) -> None:
    set_schedule(project_dir, "every 1 hours", "every 1 hours")
    daemon = Daemon(project_dir)
    daemon.wait_for_log("scheduler started")
    assert daemon.stop(signal.SIGINT) == 0
    assert "scheduler stopped" in daemon.log


def test_after_kill_9_a_restart_catches_up_once_without_duplicates(
    project_dir: Path, db_url: str
) -> None:
    set_schedule(project_dir, "every 1 hours", "every 1 hours")
    first = Daemon(project_dir, "first")
    first.wait_for_log("scheduler started")
    first.stop(signal.SIGKILL)
    # Three hourly runs fell due while the daemon was down: 2 h 5 min, 1 h 5 min and 5 min ago.
    missed = pretend_downtime(db_url, "report", timedelta(hours=2, minutes=5))
    second = Daemon(project_dir, "second")
    second.wait_for_log("report run: ok")
    assert "catching up at start-up: report" in second.log
    second.wait_for(lambda: next_run_is_ahead(db_url, "report"), "the next report run to be ahead")
    # The missed runs were coalesced into one, and the next is the first hourly time still ahead.
    assert len(report_runs(db_url)) == 1
    assert stored_job(db_url, "report")[1] == missed + timedelta(hours=3)
    assert second.stop() == 0
    jobs = table_rows(db_url)["apscheduler_jobs"]
    assert sorted(r[0] for r in jobs) == ["check", "report"]  # no duplicate jobs


def test_a_run_missed_beyond_the_grace_period_is_skipped(project_dir: Path, db_url: str) -> None:
    set_schedule(project_dir, "every 1 hours", "every 1 hours", grace="30 minutes")
    first = Daemon(project_dir, "first")
    first.wait_for_log("scheduler started")
    first.stop(signal.SIGKILL)
    pretend_downtime(db_url, "report", timedelta(minutes=45))  # the one missed run is 45 min late
    second = Daemon(project_dir, "second")
    second.wait_for_log("was missed (beyond the grace period); skipped")
    assert report_runs(db_url) == []
    assert second.stop() == 0


def test_a_changed_schedule_takes_effect_at_the_next_start(project_dir: Path, db_url: str) -> None:
    set_schedule(project_dir, "every 1 hours", "every 1 hours")
    first = Daemon(project_dir, "first")
    first.wait_for_log("scheduler started")
    assert first.stop() == 0
    assert stored_job(db_url, "report")[0] == "report: every 1 hours"
    edit(project_dir / "commitments.yaml", 'report: "every 1 hours"', 'report: "every 2 hours"')
    second = Daemon(project_dir, "second")
    second.wait_for_log("scheduler started")
    assert "job report: every 2 hours" in second.log
    assert second.stop() == 0
    # The stored job was replaced, not added to: still one job each, the report's new schedule.
    assert stored_job(db_url, "report")[0] == "report: every 2 hours"
    assert sorted(r[0] for r in table_rows(db_url)["apscheduler_jobs"]) == ["check", "report"]


def test_schedule_list_prints_the_jobs_and_next_runs(project_dir: Path) -> None:
    result = run_cli(["schedule", "--list"], project_dir)
    assert result.exit_code == 0, result.output
    assert "check   0 6 * * *" in result.stdout
    assert "report  0 7 * * mon" in result.stdout
    assert "next run" in result.stdout


def test_runs_lists_the_latest_runs(project_dir: Path, db_url: str) -> None:
    file = str(project_dir / "commitments.yaml")
    check_job(file, db_url, now=NOW)
    break_file(project_dir)
    check_job(file, db_url, now=NOW)
    result = run_cli(["runs"], project_dir)
    assert result.exit_code == 0, result.output
    assert "failed" in result.stdout and "ok" in result.stdout
    assert "unknown status 'done'" in result.stdout

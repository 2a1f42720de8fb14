"""The scheduler: job functions called directly with `now`, the lock, and the daemon as a real
process with a seconds-level schedule (reports appear; kill -9 and restart; SIGTERM; a broken
edit; a second scheduler refused)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from conftest import edit, run_cli
from dbbackend import table_rows
from scheduler_helpers import Daemon, pretend_downtime, set_schedule
from sco_tracker.db.job_runs import (
    AlreadyRunning,
    acquire_lock,
    current_lock,
    latest_runs,
    release_lock,
)
from sco_tracker.db.store import SchedulerLock, open_store
from sco_tracker.schedule.jobs import check_job, report_job

NOW = datetime(2018, 6, 15, 6, 0, tzinfo=UTC)


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
    reports = {p.name: p.read_bytes() for p in (project_dir / "reports").iterdir()}
    before = {k: v for k, v in table_rows(db_url).items() if k != "job_runs"}
    break_file(project_dir)
    assert report_job(file, db_url, now=NOW + timedelta(days=1)) is False
    after = {k: v for k, v in table_rows(db_url).items() if k != "job_runs"}
    assert after == before
    assert {p.name: p.read_bytes() for p in (project_dir / "reports").iterdir()} == reports
    with open_store(db_url) as store:
        failed = latest_runs(store)[0]
    assert failed.outcome == "failed"
    assert "commitments.yaml:" in (failed.error or "") and "unknown status 'done'" in (
        failed.error or ""
    )


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


# --- the daemon, as a real process ------------------------------------------------------------


def report_runs(db_url: str) -> list[tuple]:
    return [r for r in table_rows(db_url)["job_runs"] if r[1] == "report"]


def test_reports_appear_on_schedule_and_sigterm_exits_0(project_dir: Path, db_url: str) -> None:
    set_schedule(project_dir, "every 1 seconds", "every 2 seconds")
    daemon = Daemon(project_dir)
    daemon.wait_for_log("report run: ok", count=2)
    daemon.wait_for_log("check run: ok")
    assert (project_dir / "reports" / "latest.html").exists()
    assert "job check: every 1 seconds; next run" in daemon.log
    assert daemon.stop(signal.SIGTERM) == 0
    assert "scheduler stopped" in daemon.log
    assert "Traceback" not in daemon.log
    with open_store(db_url) as store:
        assert current_lock(store) is None


def test_sigint_also_exits_0(project_dir: Path) -> None:
    set_schedule(project_dir, "every 1 seconds", "every 1 hours")
    daemon = Daemon(project_dir)
    daemon.wait_for_log("check run: ok")
    assert daemon.stop(signal.SIGINT) == 0


def test_a_second_scheduler_is_refused_naming_the_first(project_dir: Path) -> None:
    set_schedule(project_dir, "every 1 hours", "every 1 hours")
    first = Daemon(project_dir)
    first.wait_for_log("scheduler started")
    second = run_cli(["schedule"], project_dir)
    assert second.exit_code == 2
    assert "a scheduler is already running for the database" in second.stderr
    assert f"host {socket.gethostname()}, pid {first.proc.pid}" in second.stderr
    assert "Traceback" not in second.output
    assert first.stop() == 0


def test_after_kill_9_a_restart_catches_up_once_without_duplicates(
    project_dir: Path, db_url: str
) -> None:
    set_schedule(project_dir, "every 1 hours", "every 1 hours")
    first = Daemon(project_dir, "first")
    first.wait_for_log("scheduler started")
    first.stop(signal.SIGKILL)
    # Two hourly reports fell due while the daemon was down.
    pretend_downtime(db_url, "report", timedelta(hours=2, minutes=5))
    second = Daemon(project_dir, "second")
    second.wait_for_log("report run: ok")
    assert "catching up at start-up: report" in second.log
    time.sleep(2)  # a second catch-up run would have started by now
    assert len(report_runs(db_url)) == 1  # the two missed runs were coalesced into one
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
    edit(project_dir / "commitments.yaml", 'report: "every 1 hours"', 'report: "every 1 seconds"')
    second = Daemon(project_dir, "second")
    second.wait_for_log("report run: ok")
    assert "job report: every 1 seconds" in second.log
    assert second.stop() == 0
    assert len(table_rows(db_url)["apscheduler_jobs"]) == 2


def test_a_broken_edit_is_logged_and_the_next_run_after_the_fix_succeeds(
    project_dir: Path, db_url: str
) -> None:
    set_schedule(project_dir, "every 1 hours", "every 1 seconds")
    daemon = Daemon(project_dir)
    daemon.wait_for_log("report run: ok")
    good = (project_dir / "reports" / "latest.html").read_bytes()
    text = (project_dir / "commitments.yaml").read_text()
    break_file(project_dir)
    daemon.wait_for_log("report run: FAILED")
    assert "commitments.yaml:" in daemon.log and "unknown status 'done'" in daemon.log
    assert (project_dir / "reports" / "latest.html").read_bytes() == good
    (project_dir / "commitments.yaml").write_text(text)
    ok_before = daemon.log.count("report run: ok")
    daemon.wait_for_log("report run: ok", count=ok_before + 1)
    assert daemon.stop() == 0


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

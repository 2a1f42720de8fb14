"""Helpers for the scheduler tests.

Most tests drive the jobs themselves: `fire_times` asks the job's trigger, as the daemon's
APScheduler does (trigger.get_next_fire_time(prev, now)), when the job would run, and the test
calls check_job / report_job with that time as `now`. No test waits for a clock.
A few tests run the daemon as a real process (`Daemon`), for what only the process does:
start, run, stop on a signal, survive a broken file, catch up after downtime, hold the lock.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from conftest import edit

FILE_CHECK_LINE = '    check: "0 6 * * *"       # every day at 06:00'
FILE_REPORT_LINE = '    report: "0 7 * * mon"    # every Monday at 07:00'


def set_schedule(project: Path, check: str, report: str, grace: str | None = None) -> None:
    """Give the fixture project's jobs these schedules (and a misfire grace period)."""
    edit(project / "commitments.yaml", FILE_CHECK_LINE, f'    check: "{check}"')
    extra = f'\n    misfire_grace: "{grace}"' if grace else ""
    edit(project / "commitments.yaml", FILE_REPORT_LINE, f'    report: "{report}"{extra}')


def fire_times(file: Path, job_id: str, after: datetime, count: int) -> list[datetime]:
    """The next `count` times the daemon would run job_id after `after`, on the schedule the
    file gives it: the daemon's own trigger (planned_jobs), stepped through as APScheduler
    steps it, each next time from the previous one."""
    from sco_tracker.schedule.daemon import planned_jobs
    from sco_tracker.spec.project import load_project

    (job,) = [j for j in planned_jobs(load_project(file)) if j.id == job_id]
    times: list[datetime] = []
    previous, now = None, after
    for _ in range(count):
        nxt = job.trigger.get_next_fire_time(previous, now)
        assert nxt is not None, f"{job.schedule!r} never fires after {now}"
        times.append(nxt)
        previous = now = nxt
    return times


class Daemon:
    """`sco-tracker schedule` in the fixture project, its log in daemon.log."""

    def __init__(self, project: Path, name: str = "daemon") -> None:
        self.project = project
        self.log_path = project / f"{name}.log"
        self._log = open(self.log_path, "w")  # noqa: SIM115 - closed in stop()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "sco_tracker", "schedule"],
            cwd=project,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )

    @property
    def log(self) -> str:
        return self.log_path.read_text()

    def wait_for(self, condition: Callable[[], bool], what: str, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition():
                return
            if self.proc.poll() is not None:
                code = self.proc.returncode
                raise AssertionError(f"the daemon exited ({code}) waiting for {what}:\n{self.log}")
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {what}:\n{self.log}")

    def wait_for_log(self, text: str, count: int = 1, timeout: float = 30) -> None:
        self.wait_for(
            lambda: self.log.count(text) >= count, f"{count} x {text!r} in the log", timeout
        )

    def stop(self, sig: int = signal.SIGTERM, timeout: float = 30) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        try:
            code = self.proc.wait(timeout)
        finally:
            self._log.close()
        return code


def _stored_job(store: Any, job_id: str) -> tuple[Any, Any]:
    """(the job store, the stored job), through APScheduler's own job store API, the way the
    daemon itself reads it."""
    from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
    from apscheduler.schedulers.background import BackgroundScheduler

    jobstore = SQLAlchemyJobStore(engine=store.engine, tablename="apscheduler_jobs")
    jobstore.start(BackgroundScheduler(timezone=UTC), "default")
    job = jobstore.lookup_job(job_id)
    assert job is not None, f"no stored job {job_id!r}"
    return jobstore, job


def pretend_downtime(db_url: str, job_id: str, down_for: timedelta) -> datetime:
    """Make the stored job look as if the daemon had been down for `down_for`: its next run
    time moves that far into the past, as after a real outage. Returns that missed time."""
    from sco_tracker.db.store import open_store

    missed = (datetime.now(UTC) - down_for).replace(microsecond=0)  # exact as a stored float
    with open_store(db_url) as store:
        jobstore, job = _stored_job(store, job_id)
        job._modify(next_run_time=missed)
        jobstore.update_job(job)
    return missed


def stored_job(db_url: str, job_id: str) -> tuple[str, datetime | None]:
    """(name, next run time) of the job as the daemon stored it."""
    from sco_tracker.db.store import open_store

    with open_store(db_url) as store:
        _, job = _stored_job(store, job_id)
        return job.name, job.next_run_time


def next_run_is_ahead(db_url: str, job_id: str) -> bool:
    """Whether the stored job's next run is in the future: nothing more is due, so no further
    run can start before then (what a fixed sleep used to wait out)."""
    _, nxt = stored_job(db_url, job_id)
    return nxt is not None and nxt > datetime.now(UTC)

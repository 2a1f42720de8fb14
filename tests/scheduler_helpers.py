"""Helpers for tests that run the scheduler daemon as a real process."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from conftest import edit


def set_schedule(project: Path, check: str, report: str, grace: str | None = None) -> None:
    edit(
        project / "commitments.yaml",
        '    check: "0 6 * * *"       # every day at 06:00',
        f'    check: "{check}"',
    )
    extra = f'\n    misfire_grace: "{grace}"' if grace else ""
    edit(
        project / "commitments.yaml",
        '    report: "0 7 * * mon"    # every Monday at 07:00',
        f'    report: "{report}"{extra}',
    )


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
                raise AssertionError(
                    f"the daemon exited ({self.proc.returncode}) while waiting for "
                    f"{what}:\n{self.log}"
                )
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


def pretend_downtime(db_url: str, job_id: str, down_for: timedelta) -> None:
    """Make the stored job look as if the daemon had been down for `down_for`: its next run
    time moves that far into the past, as after a real outage (through APScheduler's own job
    store API, the way the daemon itself reads it)."""
    from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
    from apscheduler.schedulers.background import BackgroundScheduler

    from sco_tracker.db.store import open_store

    with open_store(db_url) as store:
        jobstore = SQLAlchemyJobStore(engine=store.engine, tablename="apscheduler_jobs")
        jobstore.start(BackgroundScheduler(timezone=UTC), "default")
        job = jobstore.lookup_job(job_id)
        assert job is not None, f"no stored job {job_id!r}"
        job._modify(next_run_time=datetime.now(UTC) - down_for)
        jobstore.update_job(job)

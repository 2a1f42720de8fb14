"""What the scheduler keeps in the database: its lock and the history of job runs.

The tables (store.SchedulerLock, store.JobRun) live in the same database as the rest of the
state, created by migration 0003. APScheduler's own job table (apscheduler_jobs) sits beside them.
"""

from __future__ import annotations

import os
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select

from sco_tracker.db.store import JobRun, SchedulerLock, Store, utcnow

#: A lock whose holder has not refreshed it for this long is treated as abandoned.
LOCK_STALE_AFTER = timedelta(seconds=60)
#: How often the running scheduler refreshes its lock.
HEARTBEAT_SECONDS = 15
LOCK_NAME = "scheduler"


class AlreadyRunning(Exception):
    def __init__(self, holder: SchedulerLock) -> None:
        super().__init__(holder.host, holder.pid)
        self.holder = holder


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def acquire_lock(store: Store, *, now: datetime | None = None) -> SchedulerLock:
    """Take the scheduler lock, or raise AlreadyRunning naming the holder.

    A lock is taken over when its holder is gone: a process on this host that no longer
    exists (e.g. after kill -9), or any holder silent for longer than LOCK_STALE_AFTER.
    """
    now = now or utcnow()
    host, pid = socket.gethostname(), os.getpid()
    with store.write() as s:
        held = s.get(SchedulerLock, LOCK_NAME)
        if held is not None and not (held.host == host and held.pid == pid):
            gone = held.host == host and not _pid_alive(held.pid)
            silent = now - held.heartbeat_at > LOCK_STALE_AFTER
            if not (gone or silent):
                s.expunge(held)
                raise AlreadyRunning(held)
            s.delete(held)
            s.flush()
        mine = SchedulerLock(name=LOCK_NAME, host=host, pid=pid, started_at=now, heartbeat_at=now)
        s.merge(mine)
    return mine


def heartbeat(store: Store, *, now: datetime | None = None) -> bool:
    """Refresh our lock; False if it is no longer ours."""
    host, pid = socket.gethostname(), os.getpid()
    with store.write() as s:
        held = s.get(SchedulerLock, LOCK_NAME)
        if held is None or held.host != host or held.pid != pid:
            return False
        held.heartbeat_at = now or utcnow()
    return True


def release_lock(store: Store) -> None:
    host, pid = socket.gethostname(), os.getpid()
    with store.write() as s:
        s.execute(
            delete(SchedulerLock).where(
                SchedulerLock.name == LOCK_NAME,
                SchedulerLock.host == host,
                SchedulerLock.pid == pid,
            )
        )


def current_lock(store: Store) -> SchedulerLock | None:
    with store.session() as s:
        held = s.get(SchedulerLock, LOCK_NAME)
        if held is not None:
            s.expunge(held)
        return held


#: The outcome of a run whose scheduler stopped (was killed) before the run finished.
INTERRUPTED = "interrupted"


def mark_interrupted(store: Store) -> list[RunView]:
    """Mark as interrupted the runs still "running" whose process is gone: called by a
    scheduler that has just taken the lock, so no other scheduler is running them. A run of a
    live process on this host (a job run by hand, say) is left alone."""
    host = socket.gethostname()
    marked: list[RunView] = []
    with store.write() as s:
        for r in s.scalars(select(JobRun).where(JobRun.outcome == "running")):
            if r.host == host and r.pid is not None and r.pid != os.getpid() and _pid_alive(r.pid):
                continue
            r.outcome = INTERRUPTED  # finished_at stays empty: when it stopped is not known
            r.summary = (
                "the scheduler stopped during this run (it was killed or the machine went down)"
            )
            marked.append(
                RunView(r.id, r.job, r.started_at, r.finished_at, r.outcome, r.error, r.summary)
            )
    return marked


def start_run(store: Store, job: str, *, now: datetime | None = None) -> int:
    with store.write() as s:
        run = JobRun(
            job=job,
            started_at=now or utcnow(),
            outcome="running",
            host=socket.gethostname(),
            pid=os.getpid(),
        )
        s.add(run)
        s.flush()
        return run.id


def finish_run(
    store: Store,
    run_id: int,
    outcome: str,
    *,
    error: str | None = None,
    summary: str | None = None,
    now: datetime | None = None,
) -> None:
    with store.write() as s:
        run = s.get(JobRun, run_id)
        if run is not None:
            run.finished_at = now or utcnow()
            run.outcome = outcome
            run.error = error
            run.summary = summary


@dataclass
class RunView:
    id: int
    job: str
    started_at: datetime
    finished_at: datetime | None
    outcome: str
    error: str | None
    summary: str | None

    @property
    def seconds(self) -> float | None:
        if self.finished_at is None:
            return None
        return (self.finished_at - self.started_at).total_seconds()


def latest_runs(store: Store, limit: int = 20, job: str | None = None) -> list[RunView]:
    with store.session() as s:
        q = select(JobRun).order_by(JobRun.id.desc()).limit(limit)
        if job:
            q = q.where(JobRun.job == job)
        return [
            RunView(r.id, r.job, r.started_at, r.finished_at, r.outcome, r.error, r.summary)
            for r in s.scalars(q)
        ]


def last_successful(store: Store, job: str = "check") -> RunView | None:
    """The latest successful run of job (the report job also checks, so it counts for 'check')."""
    jobs = ("check", "report") if job == "check" else (job,)
    with store.session() as s:
        r = s.scalars(
            select(JobRun)
            .where(JobRun.outcome == "ok", JobRun.job.in_(jobs))
            .order_by(JobRun.id.desc())
            .limit(1)
        ).first()
        return (
            RunView(r.id, r.job, r.started_at, r.finished_at, r.outcome, r.error, r.summary)
            if r
            else None
        )

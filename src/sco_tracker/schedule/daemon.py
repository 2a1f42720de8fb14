"""The scheduler daemon: APScheduler wiring only. The jobs call the same library functions as
the command line (sco_tracker.pipeline).

- Jobs live in APScheduler's SQLAlchemyJobStore, in the same database as the rest of the state.
- At start-up a job whose schedule is unchanged is kept as stored, so a run missed while the
  daemon was down is caught up once (coalesced) if it is within the grace period; a job whose
  schedule changed in settings is replaced (explicit ids + replace_existing: no duplicates).
- One scheduler per database: a lock row in the database names the holder (host, pid).
- The jobs' stored arguments are the file's path only: the database URL (and its password)
  stays in this process's memory (schedule.jobs.use_database), never in the job table.
- At start, runs left "running" by a scheduler that was killed are marked "interrupted".
- SIGTERM and SIGINT stop it cleanly: the running job finishes, then the process exits 0.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from apscheduler.events import EVENT_JOB_MISSED, EVENT_SCHEDULER_STARTED
from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from apscheduler.schedulers.blocking import BlockingScheduler

from sco_tracker.db.job_runs import (
    HEARTBEAT_SECONDS,
    AlreadyRunning,
    acquire_lock,
    mark_interrupted,
    release_lock,
)
from sco_tracker.db.job_runs import heartbeat as beat
from sco_tracker.db.store import display_url, open_store
from sco_tracker.problems import InvalidFile, UserError
from sco_tracker.schedule.jobs import CHECK_REF, DIGEST_REF, REPORT_REF, use_database
from sco_tracker.schedule.triggers import parse_trigger
from sco_tracker.spec.codes import INVALID_SCHEDULE
from sco_tracker.spec.dates import parse_duration
from sco_tracker.spec.project import load_project

log = logging.getLogger("sco_tracker.schedule")

JOBSTORE_TABLE = "apscheduler_jobs"


@dataclass
class PlannedJob:
    id: str
    ref: str
    schedule: str
    trigger: Any

    @property
    def name(self) -> str:
        # The name records the schedule, so a changed schedule is noticed at the next start.
        return f"{self.id}: {self.schedule}"


def planned_jobs(project: Any) -> list[PlannedJob]:
    tz = ZoneInfo(project.settings.timezone)
    jobs, problems = [], []
    wanted = [("check", CHECK_REF), ("report", REPORT_REF)]
    if project.settings.schedule.digest and project.settings.notify.configured:
        wanted.append(("digest", DIGEST_REF))
    for job_id, ref in wanted:
        text = getattr(project.settings.schedule, job_id)
        try:
            jobs.append(PlannedJob(job_id, ref, text, parse_trigger(text, tz)))
        except ValueError as exc:
            problems.append(
                project.positions.problem(
                    ("settings", "schedule", job_id), str(exc), code=INVALID_SCHEDULE
                )
            )
    if problems:
        raise InvalidFile("invalid schedule", problems)
    return jobs


def grace_seconds(project: Any) -> int:
    return int(parse_duration(project.settings.schedule.misfire_grace).total_seconds())


def next_runs(
    project: Any, now: datetime | None = None
) -> list[tuple[PlannedJob, datetime | None]]:
    tz = ZoneInfo(project.settings.timezone)
    now = now or datetime.now(tz)
    return [(job, job.trigger.get_next_fire_time(None, now)) for job in planned_jobs(project)]


def serve(file: str, db_url: str) -> int:
    """Run the daemon until SIGTERM or SIGINT. Returns the exit code."""

    file = str(Path(file).resolve())
    project = load_project(file)  # a broken file at start-up is refused (exit 1)
    jobs = planned_jobs(project)
    tz = ZoneInfo(project.settings.timezone)
    store = open_store(db_url)
    try:
        acquire_lock(store)
    except AlreadyRunning as exc:
        store.close()
        h = exc.holder
        raise UserError(
            f"a scheduler is already running for the database {display_url(db_url)}: "
            f"host {h.host}, pid {h.pid}, started {h.started_at:%Y-%m-%d %H:%M:%S} UTC. "
            "Stop it first (or wait a minute if it was killed on another host)."
        ) from None
    interrupted = mark_interrupted(store)
    use_database(db_url)

    jobstore = SQLAlchemyJobStore(engine=store.engine, tablename=JOBSTORE_TABLE)
    scheduler = BlockingScheduler(
        timezone=tz,
        jobstores={"default": jobstore, "volatile": MemoryJobStore()},
        job_defaults={
            "coalesce": True,
            "max_instances": 1,
            "misfire_grace_time": grace_seconds(project),
        },
    )
    # Look at what is stored before starting, so an unchanged job keeps its missed run time.
    jobstore.start(scheduler, "default")
    now = datetime.now(tz)
    catch_up: list[str] = []
    for job in jobs:
        kwargs = {"file": file}  # the database is found at run time: no URL in the row
        stored = jobstore.lookup_job(job.id)
        if (
            stored is not None
            and stored.name == job.name
            and stored.kwargs == kwargs
            and stored.func_ref == job.ref
        ):
            if stored.next_run_time is not None and stored.next_run_time < now:
                catch_up.append(f"{job.id} (missed {stored.next_run_time:%Y-%m-%d %H:%M %Z})")
            continue
        scheduler.add_job(
            job.ref, job.trigger, id=job.id, name=job.name, kwargs=kwargs, replace_existing=True
        )

    if "digest" not in {j.id for j in jobs} and jobstore.lookup_job("digest") is not None:
        jobstore.remove_job("digest")  # settings.schedule.digest was removed

    def heartbeat() -> None:
        if not beat(store):
            log.error("the scheduler lock was taken over by another process; stopping")
            os.kill(os.getpid(), signal.SIGTERM)

    scheduler.add_job(
        heartbeat, "interval", seconds=HEARTBEAT_SECONDS, id="heartbeat", jobstore="volatile"
    )

    def on_missed(event: Any) -> None:
        log.warning(
            "%s run due at %s was missed (beyond the grace period); skipped",
            event.job_id,
            event.scheduled_run_time,
        )

    scheduler.add_listener(on_missed, EVENT_JOB_MISSED)

    stopping: dict[str, int | None] = {"signal": None}

    def stop(signum: int, frame: Any) -> None:
        if stopping["signal"] is None:
            stopping["signal"] = signum
            log.info(
                "%s received: finishing the running job, then stopping", signal.Signals(signum).name
            )
            scheduler.shutdown(wait=True)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)

    def on_started(event: Any) -> None:
        # Fired inside start(), once the jobs are in the job store: from here on a restart
        # finds them there.
        log.info(
            "scheduler started (pid %d) for %s, database %s, timezone %s",
            os.getpid(),
            file,
            display_url(db_url),
            tz.key,
        )
        for job, nxt in next_runs(project, now):
            log.info(
                "job %s: %s; next run %s",
                job.id,
                job.schedule,
                f"{nxt:%Y-%m-%d %H:%M:%S %Z}" if nxt else "never",
            )
        for text in catch_up:
            log.info("catching up at start-up: %s", text)
        for run in interrupted:
            log.warning(
                "%s run %d, started %s UTC, was interrupted (its scheduler stopped during it)",
                run.job,
                run.id,
                f"{run.started_at:%Y-%m-%d %H:%M:%S}",
            )

    scheduler.add_listener(on_started, EVENT_SCHEDULER_STARTED)
    try:
        scheduler.start()
    finally:
        use_database(None)
        release_lock(store)
        store.close()
        log.info("scheduler stopped")
    return 0


def configure_logging() -> None:
    logging.basicConfig(
        level=logging.INFO,
        format="%(asctime)s %(levelname)s %(message)s",
        datefmt="%Y-%m-%d %H:%M:%S",
        stream=sys.stderr,
    )
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    logging.getLogger("alembic").setLevel(logging.WARNING)

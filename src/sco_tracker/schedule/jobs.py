"""The scheduled jobs. APScheduler stores them by these textual references, so keep the names
stable: "sco_tracker.schedule.jobs:check_job", "sco_tracker.schedule.jobs:report_job" and
"sco_tracker.schedule.jobs:digest_job". Their only stored argument is the file's path: the
database is found at run time (the daemon's own, else SCO_TRACKER_DB, else settings.database),
so no database URL, and so no password, is ever written into the job table. Jobs stored by
older versions (with a `db` argument) still load; the daemon replaces them at start.

Each run is recorded (job_runs) and logged in one line with its start, outcome and duration.
A run that meets an invalid commitments.yaml logs the same FILE:LINE errors as validate,
is recorded as failed, and changes nothing else: the daemon stays up for the next run.

After each check, the news goes out (settings.notify): a failing channel is recorded in the
summary and retried at the next run, and never fails the job. The digest job checks, sends the
news, then the digest of everything open.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime

from sco_tracker import pipeline
from sco_tracker.db.job_runs import finish_run, start_run
from sco_tracker.db.store import Store, database_setting, open_store, resolve_url
from sco_tracker.notify.deliver import after_check, send_digest
from sco_tracker.problems import UserError
from sco_tracker.spec.vocabulary import plural as plural_of

log = logging.getLogger("sco_tracker.schedule")

CHECK_REF = "sco_tracker.schedule.jobs:check_job"
REPORT_REF = "sco_tracker.schedule.jobs:report_job"
DIGEST_REF = "sco_tracker.schedule.jobs:digest_job"


#: The database of the daemon running in this process (set by daemon.serve), held in memory.
_daemon: dict[str, str | None] = {"database": None}


def use_database(url: str | None) -> None:
    """The database the jobs of this process use (the daemon's, never stored in a job row)."""
    _daemon["database"] = url


def database_for(file: str, db: str | None = None) -> str:
    """The database of a run: the one given, else the daemon's, else SCO_TRACKER_DB, else
    settings.database (read now), else the file beside commitments.yaml."""
    if db:
        return db
    daemon_db = _daemon["database"]
    if daemon_db:
        return daemon_db
    return resolve_url(None, file, database_setting(file))


def check_job(file: str, db: str | None = None, now: datetime | None = None) -> bool:
    """Re-read, validate, sync and check. True when the run succeeded."""
    return _run("check", file, db, now)


def report_job(file: str, db: str | None = None, now: datetime | None = None) -> bool:
    """Check, then write the reports. True when the run succeeded."""
    return _run("report", file, db, now)


def digest_job(file: str, db: str | None = None, now: datetime | None = None) -> bool:
    """Check, send the news, then the digest of everything open. True when the run succeeded."""
    return _run("digest", file, db, now)


def _run(job: str, file: str, db: str | None, now: datetime | None) -> bool:
    started = time.monotonic()
    try:
        store = open_store(database_for(file, db))
    except UserError as exc:
        log.error("%s run: FAILED: %s", job, exc.message)
        return False
    run_id = start_run(store, job)
    outcome, error, summary = "failed", None, None
    try:
        result = (pipeline.report if job == "report" else pipeline.check)(
            file, db, now=now, store=store
        )
        outcome = "ok"
        overdue = sum(1 for e in result.evaluations if "overdue" in e.finding_kinds)
        counted = plural_of(len(result.evaluations), "commitment")
        summary = f"{counted} as of {result.as_of}, {overdue} overdue"
        if result.report is not None:
            summary += f"; reports in {result.report.out_dir}"
        summary += _notify(job, store, result)
    except UserError as exc:
        lines = [str(p) for p in exc.problems] or [exc.message]
        for line in lines:
            log.error("%s", line)
        error = "\n".join(lines)
        summary = (
            f"{file}: {len(exc.problems)} problem(s); database and reports left as they were"
            if exc.problems
            else exc.message
        )
    except Exception as exc:
        log.exception("%s run failed unexpectedly", job)
        error = f"{type(exc).__name__}: {exc}"
        summary = "unexpected error"
    finally:
        seconds = time.monotonic() - started
        finish_run(store, run_id, outcome, error=error, summary=summary, now=None)
        store.close()
    log.info(
        "%s run: %s in %.1f s: %s", job, "ok" if outcome == "ok" else "FAILED", seconds, summary
    )
    return outcome == "ok"


def _notify(job: str, store: Store, result: pipeline.Outcome) -> str:
    """Send the news of the check (and the digest); '; what happened', or '' with no channel."""
    said = after_check(store, None, result.project, result.as_of)
    if said is None:
        return ""
    if job == "digest":
        try:
            digest = send_digest(
                store, result.project, result.evaluations, result.as_of, result.check.run_id
            )
            said += f"; digest: {digest.summary().removeprefix('notifications: ')}"
        except Exception as exc:  # noqa: BLE001 - the check is done: record it, go on
            said += f"; digest not sent: {type(exc).__name__}: {exc}"
    return f"; {said}"

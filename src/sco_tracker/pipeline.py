"""The main job as library functions, shared by `sco-tracker run` and the scheduler.

check():  validate commitments.yaml, sync it into the database, evaluate and record a check run.
report(): check(), then write the Markdown and HTML reports.

An invalid file raises InvalidFile before anything is written: the database and the existing
reports stay as they were.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from sco_tracker.db.history import history_by_commitment
from sco_tracker.db.store import Store, open_store, resolve_url
from sco_tracker.db.sync import CheckRecord, SyncResult, record_check, sync_project
from sco_tracker.spec.project import Project, load_project, today_in
from sco_tracker.tracking.checks import Evaluation, evaluate
from sco_tracker.tracking.selection import EVERYTHING, Selection

if TYPE_CHECKING:
    from sco_tracker.report.render import ReportRun


@dataclass
class Outcome:
    file: str
    project: Project
    as_of: date
    evaluations: list[Evaluation]
    sync: SyncResult
    check: CheckRecord
    report: ReportRun | None = None


def as_of_for(project: Project, as_of: date | None, now: datetime | None) -> date:
    """The as-of date: the one given, else today (or now's date) in settings.timezone."""

    if as_of is not None:
        return as_of
    if now is not None:
        return now.astimezone(ZoneInfo(project.settings.timezone)).date()
    return today_in(project.settings.timezone)


def check(
    file: str | os.PathLike[str],
    db: str | None = None,
    *,
    as_of: date | None = None,
    now: datetime | None = None,
    store: Store | None = None,
    project: Project | None = None,
) -> Outcome:
    """Validate, sync and record a check.

    store: an open database to use instead of db; project: the file already validated.
    """

    label = os.fspath(file)
    if project is None:
        project = load_project(label)
    day = as_of_for(project, as_of, now)
    evaluations = evaluate(project, day)
    if store is None:
        with open_store(resolve_url(db, label, project.settings.database)) as opened:
            synced = sync_project(opened, project, label, now=now)
            record = record_check(opened, evaluations, day, label, now=now)
    else:
        synced = sync_project(store, project, label, now=now)
        record = record_check(store, evaluations, day, label, now=now)
    return Outcome(label, project, day, evaluations, synced, record)


def report(
    file: str | os.PathLike[str],
    db: str | None = None,
    *,
    as_of: date | None = None,
    now: datetime | None = None,
    formats: tuple[str, ...] = ("md", "html"),
    out: str | None = None,
    store: Store | None = None,
    project: Project | None = None,
    selection: Selection = EVERYTHING,
) -> Outcome:
    """check(), then write the reports (rendered in full before any file is replaced).

    selection: the report shows only those sources or parties (in a folder of its own); the
    check is still of the whole file."""
    # Jinja2 only for the reports: the scheduler's check job does without it
    from sco_tracker.report.render import write_reports  # noqa: PLC0415

    if store is None:
        label = os.fspath(file)
        if project is None:
            project = load_project(label)
        with open_store(resolve_url(db, label, project.settings.database)) as opened:
            return report(
                file,
                db,
                as_of=as_of,
                now=now,
                formats=formats,
                out=out,
                store=opened,
                project=project,
                selection=selection,
            )
    outcome = check(file, db, as_of=as_of, now=now, store=store, project=project)
    with store.session() as session:
        history = history_by_commitment(session)
    record = outcome.check
    last_check = f"{record.run_at:%Y-%m-%d %H:%M} UTC (check run {record.run_id})"
    outcome.report = write_reports(
        outcome.project,
        outcome.as_of,
        formats=formats,
        out=out,
        generated_at=now,
        last_check=last_check,
        evaluations=outcome.evaluations,  # computed once, for the check run and the reports
        selection=selection,
        history=history,
    )
    return outcome

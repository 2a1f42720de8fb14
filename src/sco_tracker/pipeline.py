"""The main job as library functions, shared by `sco-tracker run` and the scheduler.

check():  validate commitments.yaml, sync it into the database, evaluate and record a check run.
report(): check(), then write the Markdown and HTML reports.

An invalid file raises InvalidFile before anything is written: the database and the existing
reports stay as they were.
"""

from __future__ import annotations

import contextlib
import gc
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any
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


_frozen = [0]  # how many _heap_frozen blocks are open (freezing is only about speed)


@contextlib.contextmanager
def _heap_frozen() -> Iterator[None]:
    """The objects alive now (the validated project: a million at 10,000 commitments) are left
    out of the cycle collector's walks until the block ends (gc.freeze, then gc.unfreeze).

    Evaluation, sync and the reports allocate millions of objects more; each full collection
    walked the whole project again, though it is alive until the job ends. Memory is freed as
    usual (reference counting), and after the block the collector sees everything again: the
    scheduler, which runs this job again and again, keeps nothing longer than before."""
    if _frozen[0] or not gc.isenabled():
        yield
        return
    _frozen[0] += 1
    gc.freeze()
    try:
        yield
    finally:
        _frozen[0] -= 1
        gc.unfreeze()


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
    with _heap_frozen():
        return _check(label, project, db, as_of, now, store)


def _check(
    label: str,
    project: Project,
    db: str | None,
    as_of: date | None,
    now: datetime | None,
    store: Store | None,
) -> Outcome:
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

    if project is None:
        project = load_project(os.fspath(file))
    with _heap_frozen():  # from the start: opening the database walked the project once more
        if store is None:
            label = os.fspath(file)
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
        _write(outcome, formats, out, now, selection, write_reports, history)
    return outcome


def _write(
    outcome: Outcome,
    formats: tuple[str, ...],
    out: str | None,
    now: datetime | None,
    selection: Selection,
    write_reports: Any,
    history: Any,
) -> None:
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

"""Sync commitments.yaml into the database, and record progress checks.

sync_project writes the validated file in ONE transaction:
- a new commitment is added, with its status history from its dated updates;
- a changed commitment is updated; each status change is recorded once, with the date it took
  effect (from the dated update) and the time the tracker observed it;
- a commitment removed from the file is archived, its history kept, never deleted;
- drafts (`draft: true`, not reviewed yet) are not commitments: never written. A draft enters
  the database, with its history, when the analyst accepts it; one removed was never there;
- when nothing changed, nothing at all is written (not even a timestamp).

record_check stores a check run and its findings, each marked new, continuing or resolved
against the previous run. The checks themselves are pure (checks.evaluate).

Test hook: when the environment variable SCO_TRACKER_TEST_HOOK_SYNC_PAUSE names a folder,
sync writes `paused` in that folder just before it commits, then waits (up to 10 minutes)
until a file `release` appears there. Tests use it to kill a sync part-way and to run two
syncs at once. Never set it in normal use.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from sco_tracker.db.history import history_entries
from sco_tracker.db.rows import executemany, read_rows
from sco_tracker.db.store import (
    CheckRun,
    FindingRow,
    Store,
    SyncRun,
    latest_check_run,
    table_of,
    utcnow,
)
from sco_tracker.db.sync_plan import ContentHashes, SyncPlan, file_hash, plan_sync
from sco_tracker.db.sync_write import (
    archive_commitments,
    insert_history,
    relocate_commitments,
    upsert_commitments,
)
from sco_tracker.heap import collector_paused
from sco_tracker.spec.project import Project
from sco_tracker.spec.vocabulary import plural as plural_of
from sco_tracker.tracking.checks import Evaluation

TEST_HOOK_ENV = "SCO_TRACKER_TEST_HOOK_SYNC_PAUSE"


@dataclass
class SyncResult:
    commitments: int
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    archived: list[str] = field(default_factory=list)
    restored: list[str] = field(default_factory=list)
    #: Unchanged commitments now in another file.
    moved: list[str] = field(default_factory=list)
    history_entries: int = 0
    run_id: int | None = None

    @property
    def wrote(self) -> bool:
        return self.run_id is not None

    def summary(self, file: str) -> str:
        if not self.wrote:
            return (
                f"No changes: the database already matches {file} "
                f"({plural_of(self.commitments, 'commitment')})."
            )
        parts = []
        for label, ids in (
            ("added", self.added),
            ("changed", self.changed),
            ("archived", self.archived),
            ("restored", self.restored),
            ("moved to another file", self.moved),
        ):
            if ids:
                parts.append(f"{len(ids)} {label}")
        n = self.history_entries
        return (
            f"Synced {file}: {', '.join(parts) or 'no commitment changed'}; "
            f"{n} status history entr{'ies' if n != 1 else 'y'} recorded."
        )


#: Commitments written per executemany.
UPSERT_BATCH = 2000


def sync_project(
    store: Store, project: Project, file_label: str, *, now: datetime | None = None
) -> SyncResult:
    """Bring the database in line with the validated project, in one transaction."""
    result = SyncResult(sum(1 for c in project.commitments if not c.draft))
    hashes = ContentHashes(project)  # each commitment's content_hash, computed once per sync
    try:
        with collector_paused():
            _sync(store, project, file_label, hashes, now, result)
    finally:
        hashes.save()
    return result


def _sync(
    store: Store,
    project: Project,
    file_label: str,
    hashes: ContentHashes,
    now: datetime | None,
    result: SyncResult,
) -> None:
    # A read first: when nothing changed, no write transaction is even opened.
    with store.session() as s:
        if _already_synced(s, project):
            return
        seen = _last_sync(s)
        plan = plan_sync(s, project, hashes)
        if plan.empty:
            return
    with store.write() as s:
        # Under the writers' lock: when another sync ran meanwhile (every write of the
        # commitments is a sync run), compare again; else the plan read above still holds.
        if _last_sync(s) != seen:
            plan = plan_sync(s, project, hashes)
            if plan.empty:
                return
        _write(s, store.dialect, project, file_label, plan, hashes, now or utcnow(), result)


def _last_sync(session: Session) -> int | None:
    """The id of the latest sync run (None before the first)."""
    return session.execute(select(func.max(SyncRun.id))).scalar()


def _already_synced(session: Session, project: Project) -> bool:
    """The file is byte for byte the one the last sync that wrote anything brought in: the
    database already matches it, no need to compare each commitment."""
    digest = project.content_sha256
    last = session.execute(select(SyncRun.file_hash).order_by(SyncRun.id.desc()).limit(1)).scalar()
    return digest is not None and last == digest


def _write(
    s: Session,
    dialect: str,
    project: Project,
    file_label: str,
    plan: SyncPlan,
    hashes: ContentHashes,
    now: datetime,
    result: SyncResult,
) -> None:
    """Record the sync run, its history and the commitments; fill in `result`."""
    run = SyncRun(
        run_at=now,
        file=file_label,
        added=len(plan.added),
        changed=len(plan.changed),
        archived=len(plan.archived),
        restored=len(plan.restored),
        history_entries=0,
        file_hash=project.content_sha256 or file_hash(project.path),
    )
    s.add(run)
    s.flush()
    by_id = {c.id: c for c in project.commitments}
    entries = history_entries(s, plan, by_id, run.id, now)
    upserting = [by_id[cid] for cid in plan.upserting]
    upsert_commitments(s, dialect, upserting, hashes, now, UPSERT_BATCH, plan.files)
    relocate_commitments(s, plan.moved + plan.located, plan.files)
    archive_commitments(s, plan.archived, now)
    insert_history(s, entries)
    run.history_entries = len(entries)
    _test_pause()
    result.added, result.changed = plan.added, plan.changed
    result.archived, result.restored = plan.archived, plan.restored
    result.moved = plan.moved
    result.history_entries = len(entries)
    result.run_id = run.id


def _test_pause() -> None:
    folder = os.environ.get(TEST_HOOK_ENV)
    if not folder:
        return
    Path(folder, "paused").write_text(str(os.getpid()))
    deadline = time.monotonic() + 600
    while not Path(folder, "release").exists() and time.monotonic() < deadline:
        time.sleep(0.05)


# --- check runs -------------------------------------------------------------------------------


@dataclass
class StoredFinding:
    commitment_id: str
    kind: str
    message: str
    days: int | None
    state: str  # new | continuing | resolved


@dataclass
class CheckRecord:
    run_id: int
    run_at: datetime
    as_of: date
    previous_run_id: int | None
    findings: list[StoredFinding]

    @property
    def current(self) -> list[StoredFinding]:
        return [f for f in self.findings if f.state != "resolved"]

    @property
    def resolved(self) -> list[StoredFinding]:
        return [f for f in self.findings if f.state == "resolved"]


def record_check(
    store: Store,
    evaluations: list[Evaluation],
    as_of: date,
    file_label: str,
    *,
    now: datetime | None = None,
) -> CheckRecord:
    """Store a check run; mark each finding new, continuing or resolved against the previous run."""
    now = now or utcnow()
    with collector_paused(), store.write() as s:
        previous = latest_check_run(s, as_of)
        before: dict[tuple[str, str], tuple[str, str, str, int | None]] = {}
        if previous is not None:
            cols = select(
                FindingRow.commitment_id, FindingRow.kind, FindingRow.message, FindingRow.days
            )
            for old in read_rows(
                s,
                cols.where(FindingRow.check_run_id == previous.id, FindingRow.state != "resolved"),
            ):
                before[(old[0], old[1])] = old
        found: list[StoredFinding] = []
        counts: dict[str, int] = {}
        now_keys: set[tuple[str, str]] = set()
        for ev in evaluations:
            for f in ev.findings:
                kind = f.kind.value  # an enum's value is a property: read once
                key = (f.commitment_id, kind)
                state = "continuing" if key in before else "new"
                found.append(StoredFinding(f.commitment_id, kind, f.message, f.days, state))
                counts[kind] = counts.get(kind, 0) + 1
                now_keys.add(key)
        for key, (cid, kind, message, days) in before.items():
            if key not in now_keys:
                found.append(StoredFinding(cid, kind, message, days, "resolved"))
        run = CheckRun(
            as_of=as_of,
            run_at=now,
            file=file_label,
            commitments=len(evaluations),
            counts=counts,
            previous_run_id=previous.id if previous else None,
        )
        s.add(run)
        s.flush()
        if found:
            executemany(
                s,
                insert(table_of(FindingRow)),
                [
                    {
                        "check_run_id": run.id,
                        "commitment_id": sf.commitment_id,
                        "kind": sf.kind,
                        "message": sf.message,
                        "days": sf.days,
                        "state": sf.state,
                    }
                    for sf in found
                ],
            )
        return CheckRecord(run.id, now, as_of, run.previous_run_id, found)

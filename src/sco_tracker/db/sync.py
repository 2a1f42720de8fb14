"""Sync commitments.yaml into the database, and record progress checks.

sync_project writes the validated file in ONE transaction:
- a new commitment is added, with its status history from its dated updates;
- a changed commitment is updated; each status change is recorded once, with the date it took
  effect (from the dated update) and the time the tracker observed it;
- a commitment removed from the file is archived, its history kept, never deleted;
- when nothing changed, nothing at all is written (not even a timestamp).

record_check stores a check run and its findings, each marked new, continuing or resolved
against the previous run. The checks themselves are pure (checks.evaluate).

Test hook: when the environment variable SCO_TRACKER_TEST_HOOK_SYNC_PAUSE names a folder,
sync writes `paused` in that folder just before it commits, then waits (up to 10 minutes)
until a file `release` appears there. Tests use it to kill a sync part-way and to run two
syncs at once. Never set it in normal use.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Table, insert, select, update
from sqlalchemy.orm import Session

from sco_tracker.db.store import (
    Base,
    CheckRun,
    CommitmentRow,
    FindingRow,
    StatusHistoryRow,
    Store,
    SyncRun,
    latest_check_run,
    utcnow,
)
from sco_tracker.spec.model import Commitment
from sco_tracker.spec.project import Project
from sco_tracker.tracking.checks import Evaluation

TEST_HOOK_ENV = "SCO_TRACKER_TEST_HOOK_SYNC_PAUSE"


@dataclass
class SyncResult:
    commitments: int
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    archived: list[str] = field(default_factory=list)
    restored: list[str] = field(default_factory=list)
    history_entries: int = 0
    run_id: int | None = None

    @property
    def wrote(self) -> bool:
        return self.run_id is not None

    def summary(self, file: str) -> str:
        if not self.wrote:
            return (
                f"No changes: the database already matches {file} ({self.commitments} commitments)."
            )
        parts = []
        for label, ids in (
            ("added", self.added),
            ("changed", self.changed),
            ("archived", self.archived),
            ("restored", self.restored),
        ):
            if ids:
                parts.append(f"{len(ids)} {label}")
        n = self.history_entries
        return (
            f"Synced {file}: {', '.join(parts) or 'no commitment changed'}; "
            f"{n} status history entr{'ies' if n != 1 else 'y'} recorded."
        )


def content_hash(c: Commitment) -> str:
    return hashlib.sha256(
        json.dumps(c.model_dump(mode="json"), sort_keys=True).encode()
    ).hexdigest()


def file_hash(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _plan(
    session: Session, project: Project, hashes: dict[str, str]
) -> tuple[dict[str, tuple[str, datetime | None]], list[str], list[str], list[str], list[str]]:
    existing = {
        row.id: (row.content_hash, row.archived_at)
        for row in session.execute(
            select(CommitmentRow.id, CommitmentRow.content_hash, CommitmentRow.archived_at)
        )
    }
    in_file = {c.id for c in project.commitments}
    added, changed, restored = [], [], []
    for c in project.commitments:
        if c.id not in existing:
            added.append(c.id)
            continue
        old_hash, archived_at = existing[c.id]
        if archived_at is not None:
            restored.append(c.id)
        if c.id not in hashes:
            hashes[c.id] = content_hash(c)
        if old_hash != hashes[c.id]:
            changed.append(c.id)
    archived = [
        cid
        for cid, (_, archived_at) in existing.items()
        if cid not in in_file and archived_at is None
    ]
    return existing, added, changed, archived, restored


#: Commitments written per executemany.
UPSERT_BATCH = 2000


def sync_project(
    store: Store, project: Project, file_label: str, *, now: datetime | None = None
) -> SyncResult:
    """Bring the database in line with the validated project, in one transaction."""
    result = SyncResult(len(project.commitments))
    digest = project.content_sha256
    hashes: dict[str, str] = {}  # commitment id -> content_hash, computed once per sync
    # A read first: when nothing changed, no write transaction is even opened.
    with store.session() as s:
        # The file is byte for byte the one the last sync that wrote anything brought in: the
        # database already matches it, no need to compare each commitment.
        last = s.execute(select(SyncRun.file_hash).order_by(SyncRun.id.desc()).limit(1)).scalar()
        if digest is not None and last == digest:
            return result
        _, added, changed, archived, restored = _plan(s, project, hashes)
    if not (added or changed or archived or restored):
        return result

    with store.write() as s:
        # Again under the writers' lock: another sync may have run meanwhile.
        _, added, changed, archived, restored = _plan(s, project, hashes)
        if not (added or changed or archived or restored):
            return result
        now = now or utcnow()
        by_id = {c.id: c for c in project.commitments}
        run = SyncRun(
            run_at=now,
            file=file_label,
            added=len(added),
            changed=len(changed),
            archived=len(archived),
            restored=len(restored),
            history_entries=0,
            file_hash=digest or file_hash(project.path),
        )
        s.add(run)
        s.flush()

        # Status history of the touched commitments, one query.
        touched = sorted(set(changed) | set(restored) | set(archived))
        seen: dict[str, list[StatusHistoryRow]] = {cid: [] for cid in touched}
        if touched:
            for h in s.scalars(
                select(StatusHistoryRow)
                .where(StatusHistoryRow.commitment_id.in_(touched))
                .order_by(StatusHistoryRow.id)
            ):
                seen[h.commitment_id].append(h)
        current_status = (
            dict(
                s.execute(
                    select(CommitmentRow.id, CommitmentRow.status).where(
                        CommitmentRow.id.in_(archived)
                    )
                ).all()
            )
            if archived
            else {}
        )

        entries: list[dict[str, Any]] = []

        def entry(
            cid: str,
            event: str,
            status: str,
            effective: date | None,
            source: str | None,
            note: str | None,
        ) -> None:
            entries.append(
                {
                    "commitment_id": cid,
                    "event": event,
                    "status": status,
                    "effective_date": effective,
                    "observed_at": now,
                    "source": source,
                    "note": note,
                    "sync_run_id": run.id,
                }
            )

        for cid in added + list(restored) + [x for x in changed if x not in restored]:
            c = by_id[cid]
            rows = seen.get(cid, [])
            if cid in restored:
                entry(cid, "restored", c.status.value, None, None, "back in commitments.yaml")
            recorded = {(h.effective_date, h.status) for h in rows if h.event == "status"}
            dated = [u for u in c.updates if u.status is not None]
            for u in dated:
                assert u.status is not None
                if (u.date, u.status.value) not in recorded:
                    entry(cid, "status", u.status.value, u.date, u.source, u.note)
                    recorded.add((u.date, u.status.value))
            if not dated:
                last = next((h.status for h in reversed(rows) if h.event == "status"), None)
                if last != c.status.value:
                    entry(
                        cid,
                        "status",
                        c.status.value,
                        None,
                        None,
                        "status set in commitments.yaml without a dated update",
                    )
        for cid in archived:
            entry(cid, "archived", current_status[cid], None, None, "removed from commitments.yaml")

        # Set-based writes: one upsert for the commitments, one update, one insert.
        # In batches, so that 100,000 new commitments are never all in memory as plain data at once.
        upserting = sorted(set(added) | set(changed) | set(restored))
        statement = _upsert(store)
        for start in range(0, len(upserting), UPSERT_BATCH):
            upserts = [
                {
                    "id": cid,
                    "data": by_id[cid].model_dump(mode="json"),
                    "content_hash": hashes.get(cid) or content_hash(by_id[cid]),
                    "status": by_id[cid].status.value,
                    "first_seen": now,
                    "changed_at": now,
                    "archived_at": None,
                }
                for cid in upserting[start : start + UPSERT_BATCH]
            ]
            s.execute(statement, upserts)  # executemany: one statement, compiled once
        if archived:
            s.execute(
                update(CommitmentRow).where(CommitmentRow.id.in_(archived)).values(archived_at=now)
            )
        if entries:
            # Core executemany, no ORM bulk path
            s.execute(insert(_table(StatusHistoryRow)), entries)
        run.history_entries = len(entries)
        _test_pause()

        result.added, result.changed, result.archived, result.restored = (
            added,
            changed,
            archived,
            restored,
        )
        result.history_entries = len(entries)
        result.run_id = run.id
    return result


def _upsert(store: Store) -> Any:
    from sqlalchemy.dialects import postgresql, sqlite

    table: Any = CommitmentRow.__table__
    stmt: Any = (postgresql.insert if store.dialect == "postgresql" else sqlite.insert)(table)
    # first_seen stays as it was; everything else takes the new values.
    return stmt.on_conflict_do_update(
        index_elements=[table.c.id],
        set_={
            col: stmt.excluded[col]
            for col in ("data", "content_hash", "status", "changed_at", "archived_at")
        },
    )


def _table(model: type[Base]) -> Table:
    """The Core table of a mapped class (SQLAlchemy types `__table__` as any FromClause)."""
    table = model.__table__
    assert isinstance(table, Table)
    return table


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
    with store.write() as s:
        previous = latest_check_run(s, as_of)
        before: dict[tuple[str, str], Any] = {}
        if previous is not None:
            cols = select(
                FindingRow.commitment_id, FindingRow.kind, FindingRow.message, FindingRow.days
            )
            for old in s.execute(
                cols.where(FindingRow.check_run_id == previous.id, FindingRow.state != "resolved")
            ):
                before[(old.commitment_id, old.kind)] = old
        found: list[StoredFinding] = []
        counts: dict[str, int] = {}
        for ev in evaluations:
            for f in ev.findings:
                key = (f.commitment_id, f.kind.value)
                state = "continuing" if key in before else "new"
                found.append(StoredFinding(f.commitment_id, f.kind.value, f.message, f.days, state))
                counts[f.kind.value] = counts.get(f.kind.value, 0) + 1
        now_keys = {(sf.commitment_id, sf.kind) for sf in found}
        for key, gone in before.items():
            if key not in now_keys:
                found.append(
                    StoredFinding(
                        gone.commitment_id, gone.kind, gone.message, gone.days, "resolved"
                    )
                )
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
            s.execute(
                insert(_table(FindingRow)),  # Core executemany, no ORM bulk path
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

"""The status history rows a sync records: status changes, restorations and archivings.

Each status change is recorded once, with the date it took effect (from the dated update) and
the time the tracker observed it. history_entries reads what is already recorded for the
commitments a sync touches and returns only the rows still to insert, in the order to insert
them; it writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sco_tracker.db.rows import read_rows
from sco_tracker.db.store import CommitmentRow, StatusHistoryRow
from sco_tracker.db.sync_plan import SyncPlan
from sco_tracker.spec.model import Commitment

UNDATED_NOTE = "status set in commitments.yaml without a dated update"


@dataclass
class _Entries:
    """Collects rows of one sync run, all observed at the same time."""

    run_id: int
    observed_at: datetime
    rows: list[dict[str, Any]]

    def add(
        self,
        cid: str,
        event: str,
        status: str,
        effective: date | None = None,
        source: str | None = None,
        note: str | None = None,
    ) -> None:
        self.rows.append(
            {
                "commitment_id": cid,
                "event": event,
                "status": status,
                "effective_date": effective,
                "observed_at": self.observed_at,
                "source": source,
                "note": note,
                "sync_run_id": self.run_id,
            }
        )


def history_entries(
    session: Session,
    plan: SyncPlan,
    by_id: dict[str, Commitment],
    run_id: int,
    now: datetime,
) -> list[dict[str, Any]]:
    """The status history rows of this sync, for a Core executemany insert."""
    recorded = _recorded_history(session, plan.touched)
    entries = _Entries(run_id, now, [])
    for cid in plan.brought_in:
        if cid in plan.restored:
            note = f"back in {plan.files[cid]}"
            entries.add(cid, "restored", by_id[cid].status.value, note=note)
        _status_entries(entries, by_id[cid], recorded.get(cid, []))
    stored_status = _stored_status(session, plan.archived)
    for cid in plan.archived:
        entries.add(cid, "archived", stored_status[cid], note=removed_note(plan, cid))
    return entries.rows


def removed_note(plan: SyncPlan, cid: str) -> str:
    """'removed from commitments/moscow-2017-10-11.yaml', the file the commitment was last seen
    in; 'removed from the tracker's files' when the database does not know it (last synced
    before migration 0006); 'marked as a draft again in commitments.yaml' when the file still
    holds it, as a draft to review."""
    if cid in plan.drafts:
        return f"{REDRAFTED} in {plan.drafts[cid]}"
    return f"removed from {plan.archived_from.get(cid, REMOVED_FROM_UNKNOWN)}"


#: Why a commitment still in the file was archived: it is a draft again (`draft: true`).
REDRAFTED = "marked as a draft again"


#: Where an archived commitment was, when the database does not know the file.
REMOVED_FROM_UNKNOWN = "the tracker's files"


def _status_entries(entries: _Entries, c: Commitment, rows: list[StatusHistoryRow]) -> None:
    """Status rows for one commitment from the file, skipping those already recorded."""
    dated = [u for u in c.updates if u.status is not None]
    if dated:
        seen = {(h.effective_date, h.status) for h in rows if h.event == "status"}
        for u in dated:
            assert u.status is not None
            if (u.date, u.status.value) not in seen:
                entries.add(c.id, "status", u.status.value, u.date, u.source, u.note)
                seen.add((u.date, u.status.value))
        return
    last = next((h.status for h in reversed(rows) if h.event == "status"), None)
    if last != c.status.value:
        entries.add(c.id, "status", c.status.value, note=UNDATED_NOTE)


def _recorded_history(session: Session, ids: list[str]) -> dict[str, list[StatusHistoryRow]]:
    """The history already stored for these commitments, oldest first, in one query."""
    recorded: dict[str, list[StatusHistoryRow]] = {cid: [] for cid in ids}
    if ids:
        for h in session.scalars(
            select(StatusHistoryRow)
            .where(StatusHistoryRow.commitment_id.in_(ids))
            .order_by(StatusHistoryRow.id)
        ):
            recorded[h.commitment_id].append(h)
    return recorded


def _stored_status(session: Session, ids: list[str]) -> dict[str, str]:
    """The status stored for these commitments (the archived keep their last one)."""
    if not ids:
        return {}
    query = select(CommitmentRow.id, CommitmentRow.status).where(CommitmentRow.id.in_(ids))
    return dict(session.execute(query).tuples().all())


def history_by_commitment(session: Session) -> dict[str, list[dict[str, Any]]]:
    """Every recorded row of the status history, per commitment, oldest observation first,
    as plain data (db/views.history_dict's keys) for the site's pages."""
    t = StatusHistoryRow.__table__
    out: dict[str, list[dict[str, Any]]] = {}
    query = select(
        t.c.commitment_id,
        t.c.event,
        t.c.status,
        t.c.effective_date,
        t.c.observed_at,
        t.c.source,
        t.c.note,
    ).order_by(t.c.id)
    # Equal values are kept once (each column apart, so no two types meet): the rows of
    # 100,000 commitments repeat a few events, statuses, days and check times.
    events: dict[Any, Any] = {}
    statuses: dict[Any, Any] = {}
    days: dict[Any, Any] = {}
    times: dict[Any, Any] = {}
    sources: dict[Any, Any] = {}
    notes: dict[Any, Any] = {}
    for cid, event, status, effective, observed, source, note in read_rows(session, query):
        out.setdefault(cid, []).append(
            {
                "event": events.setdefault(event, event),
                "status": statuses.setdefault(status, status),
                "effective_date": days.setdefault(effective, effective),
                "observed_at": times.setdefault(observed, observed),
                "source": sources.setdefault(source, source),
                "note": notes.setdefault(note, note),
            }
        )
    return out

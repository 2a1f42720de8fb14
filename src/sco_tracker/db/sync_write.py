"""The set-based writes of a sync: batched upserts of commitments, archiving, history inserts.

Each is one statement compiled once and run as a Core executemany (no ORM bulk path; on SQLite
through db/rows.executemany, as the check run's findings). The upserts go in batches, so that
100,000 new commitments are never all in memory as plain data at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, insert, update
from sqlalchemy.orm import Session

from sco_tracker.db.rows import executemany
from sco_tracker.db.store import CommitmentRow, StatusHistoryRow, table_of
from sco_tracker.db.sync_plan import ContentHashes
from sco_tracker.spec.model import Commitment


def upsert_commitments(
    session: Session,
    dialect: str,
    commitments: list[Commitment],
    hashes: ContentHashes,
    now: datetime,
    batch: int,
    files: dict[str, str],
) -> None:
    """Insert or update these commitments' rows, `batch` rows per executemany; files: the file
    that holds each one."""
    statement = _upsert(dialect)
    for rows in _batches(commitments, batch):
        executemany(session, statement, [_row(c, hashes, now, files.get(c.id)) for c in rows])


def relocate_commitments(session: Session, ids: list[str], files: dict[str, str]) -> None:
    """Record the file that now holds each of these (otherwise unchanged) commitments."""
    if ids:
        table = table_of(CommitmentRow)
        statement = (
            update(table).where(table.c.id == bindparam("b_id")).values(file=bindparam("b_file"))
        )
        session.execute(statement, [{"b_id": cid, "b_file": files[cid]} for cid in ids])


def archive_commitments(session: Session, ids: list[str], now: datetime) -> None:
    if ids:
        session.execute(
            update(CommitmentRow).where(CommitmentRow.id.in_(ids)).values(archived_at=now)
        )


def insert_history(session: Session, entries: list[dict[str, Any]]) -> None:
    executemany(session, insert(table_of(StatusHistoryRow)), entries)


def _row(c: Commitment, hashes: ContentHashes, now: datetime, file: str | None) -> dict[str, Any]:
    data = c.model_dump(mode="json")  # dumped once, for the row and its hash
    return {
        "id": c.id,
        "data": data,
        "content_hash": hashes.of(c, data),
        "status": c.status.value,
        "first_seen": now,
        "changed_at": now,
        "archived_at": None,
        "file": file,
    }


def _batches(items: list[Commitment], size: int) -> Iterator[list[Commitment]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _upsert(dialect: str) -> Any:
    # The PostgreSQL dialect costs a tenth of a second (its package imports every driver's
    # module, asyncpg's and asyncio with it): an SQLite user never loads it.
    table = table_of(CommitmentRow)
    stmt: Any
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert  # noqa: PLC0415

        stmt = pg_insert(table)
    else:
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert  # noqa: PLC0415

        stmt = sqlite_insert(table)
    # first_seen stays as it was; everything else takes the new values.
    return stmt.on_conflict_do_update(
        index_elements=[table.c.id],
        set_={
            col: stmt.excluded[col]
            for col in ("data", "content_hash", "status", "changed_at", "archived_at", "file")
        },
    )

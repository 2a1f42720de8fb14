"""The set-based writes of a sync: batched upserts of commitments, archiving, history inserts.

Each is one statement compiled once and run as a Core executemany (no ORM bulk path, see
`executemany`, which the check run's findings use too). The upserts go in batches, so that
100,000 new commitments are never all in memory as plain data at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, datetime
from typing import Any

from sqlalchemy import insert, update
from sqlalchemy.orm import Session

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
) -> None:
    """Insert or update these commitments' rows, `batch` rows per executemany."""
    statement = _upsert(dialect)
    for rows in _batches(commitments, batch):
        executemany(session, statement, [_row(c, hashes, now) for c in rows])


def archive_commitments(session: Session, ids: list[str], now: datetime) -> None:
    if ids:
        session.execute(
            update(CommitmentRow).where(CommitmentRow.id.in_(ids)).values(archived_at=now)
        )


def insert_history(session: Session, entries: list[dict[str, Any]]) -> None:
    executemany(session, insert(table_of(StatusHistoryRow)), entries)


def executemany(session: Session, statement: Any, rows: list[dict[str, Any]]) -> None:
    """Run an INSERT (or upsert) once per row, in one executemany; every row has the same keys.

    On SQLite the values are bound here as SQLAlchemy binds them (each column type's own bind
    processor: JSON text, timestamps in UTC as text, dates as text) and handed to the driver in
    one call, the SQL compiled by SQLAlchemy from the same statement: the same rows, without
    SQLAlchemy's per-row parameter handling (a third of the time of a first sync of 10,000
    commitments). A timestamp or None shared by every row (a sync's `now`) is bound once.
    Elsewhere (PostgreSQL) SQLAlchemy runs it: its batched insertmanyvalues."""
    if not rows:
        return
    dialect = session.get_bind().dialect
    if dialect.name != "sqlite":
        session.execute(statement, rows)
        return
    compiled = statement.compile(dialect=dialect, column_keys=list(rows[0]))
    assert compiled.positional and compiled.positiontup is not None
    columns = []
    for key in compiled.positiontup:
        process = compiled.binds[key].type.dialect_impl(dialect).bind_processor(dialect)
        columns.append(_bound([r[key] for r in rows], process))
    session.connection().exec_driver_sql(compiled.string, list(zip(*columns, strict=True)))


#: Values a bind processor may be run on once for all the rows that hold that very object.
_SHARED = (type(None), datetime, date)


def _bound(values: list[Any], process: Callable[[Any], Any] | None) -> list[Any]:
    """The values as the driver takes them: `process` applied to each, once per object shared
    by several rows (an immutable value, the same object: the same result)."""
    if process is None:
        return values
    done: dict[int, Any] = {}
    out = []
    for v in values:
        if type(v) in _SHARED:
            key = id(v)  # alive in `values` throughout: no other object can take its id
            if key not in done:
                done[key] = process(v)
            out.append(done[key])
        else:
            out.append(process(v))
    return out


def _row(c: Commitment, hashes: ContentHashes, now: datetime) -> dict[str, Any]:
    data = c.model_dump(mode="json")  # dumped once, for the row and its hash
    return {
        "id": c.id,
        "data": data,
        "content_hash": hashes.of(c, data),
        "status": c.status.value,
        "first_seen": now,
        "changed_at": now,
        "archived_at": None,
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
            for col in ("data", "content_hash", "status", "changed_at", "archived_at")
        },
    )

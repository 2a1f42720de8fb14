"""Many rows at once on SQLite, without SQLAlchemy's per-row handling of parameters and results.

`executemany` writes rows and `read_rows` reads them with the SQL SQLAlchemy compiles from the
same statement, each value converted by its column type's own processor (JSON, timestamps in
UTC, dates, booleans), exactly as SQLAlchemy converts it; only the per-row work around the
conversions is left out (at 10,000 commitments it was a third of a first sync and half of
reading the status history). A value held by many rows (a sync's `now`, a stored timestamp)
is converted once. On any other database (PostgreSQL) SQLAlchemy does both as usual.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from sqlalchemy import Select
from sqlalchemy.orm import Session

#: Values immutable and hashable: a conversion of one may serve every row that holds it.
_IMMUTABLE = (type(None), bool, int, float, str, bytes, date, datetime)


def executemany(session: Session, statement: Any, rows: list[dict[str, Any]]) -> None:
    """Run an INSERT (or an upsert) once per row, in one executemany; every row has the same
    keys."""
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


def _bound(values: list[Any], process: Callable[[Any], Any] | None) -> list[Any]:
    """The values as the driver takes them: `process` applied to each, once per object that
    several rows hold (an immutable object: the same object, the same result)."""
    if process is None:
        return values
    done: dict[int, Any] = {}
    out = []
    for v in values:
        if type(v) in _IMMUTABLE:
            key = id(v)  # alive in `values` throughout: no other object can take its id
            if key not in done:
                done[key] = process(v)
            out.append(done[key])
        else:
            out.append(process(v))
    return out


def read_rows(session: Session, query: Select[*tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """The rows of a SELECT, as tuples of the values SQLAlchemy gives for its columns."""
    dialect = session.get_bind().dialect
    compiled = query.compile(dialect=dialect) if dialect.name == "sqlite" else None
    if compiled is None or compiled.post_compile_params:  # an IN list: SQLAlchemy expands it
        return [tuple(row) for row in session.execute(query)]
    assert compiled.positional and compiled.positiontup is not None
    params = []
    for key in compiled.positiontup:
        value = compiled.params[key]
        process = compiled.binds[key].type.dialect_impl(dialect).bind_processor(dialect)
        params.append(value if process is None else process(value))
    raw = session.connection().exec_driver_sql(compiled.string, tuple(params)).fetchall()
    columns = [
        _read(
            [r[i] for r in raw],
            c.type.dialect_impl(dialect).result_processor(dialect, None),
        )
        for i, c in enumerate(query.selected_columns)
    ]
    return list(zip(*columns, strict=True))


def _read(values: list[Any], process: Callable[[Any], Any] | None) -> list[Any]:
    """The values as SQLAlchemy gives them: `process` applied once per distinct stored value
    (None, int, float, str or bytes) whose result is immutable."""
    if process is None:
        return values
    done: dict[tuple[type, Any], Any] = {}
    out = []
    for v in values:
        key = (type(v), v)
        if key in done:
            out.append(done[key])
            continue
        value = process(v)
        if type(value) in _IMMUTABLE:
            done[key] = value
        out.append(value)
    return out

"""Many rows at once on SQLite (db/rows.py): what a sync and a check run write outside
SQLAlchemy's per-row handling is what SQLAlchemy itself writes, byte for byte, in every table,
and what read_rows reads is what SQLAlchemy reads, value for value and type for type."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import insert, select

from conftest import YOUTH_PROGRAMME, edit
from sco_tracker.db import rows, sync, sync_write
from sco_tracker.db.store import (
    CheckRun,
    CommitmentRow,
    FindingRow,
    StatusHistoryRow,
    SyncRun,
    open_store,
    table_of,
)
from sco_tracker.spec.project import load_project
from sco_tracker.tracking.checks import evaluate

YOUTH = "qingdao-youth-action-programme"
#: Not UTC, so that the timestamps are converted as they are bound.
KYRGYZ_TIME = timezone(timedelta(hours=6))
FIRST = datetime(2026, 12, 1, 9, 30, 15, 123456, tzinfo=KYRGYZ_TIME)
SECOND = datetime(2027, 1, 15, 18, 5, tzinfo=UTC)


def _raw(db: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table as SQLite stores it (text stays text, with its type)."""
    conn = sqlite3.connect(db)
    try:
        names = [
            n
            for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not n.startswith("sqlite_")
        ]
        out = {}
        for name in sorted(names):
            cols = [c[1] for c in conn.execute(f"PRAGMA table_info({name})")]
            typed = ", ".join(f"{c}, typeof({c})" for c in cols)
            out[name] = conn.execute(f"SELECT {typed} FROM {name} ORDER BY rowid").fetchall()
        return out
    finally:
        conn.close()


def _sqlalchemy_only(session: Any, statement: Any, rows: list[dict[str, Any]]) -> None:
    if rows:
        session.execute(statement, rows)


def _two_syncs_and_checks(folder: Path) -> None:
    """A first sync and check into an empty database, then a status changed, a commitment
    removed, and a second sync and check (continuing and resolved findings)."""
    for now in (FIRST, SECOND):
        if now is SECOND:
            edit(
                folder / "commitments.yaml",
                YOUTH_PROGRAMME,
                YOUTH_PROGRAMME.replace("planned", "in_progress"),
            )
        project = load_project(folder / "commitments.yaml")
        store = open_store("sqlite:///" + str(folder / "sco-tracker.db"))
        try:
            sync.sync_project(store, project, "commitments.yaml", now=now)
            day = now.date()
            sync.record_check(store, evaluate(project, day), day, "commitments.yaml", now=now)
        finally:
            store.close()


def test_a_sync_and_a_check_write_on_sqlite_what_sqlalchemy_writes(
    project_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = tmp_path / "through-sqlalchemy"
    shutil.copytree(project_dir, other, ignore=shutil.ignore_patterns("sco-tracker.db*"))
    _two_syncs_and_checks(project_dir)
    monkeypatch.setattr(sync, "executemany", _sqlalchemy_only)
    monkeypatch.setattr(sync_write, "executemany", _sqlalchemy_only)
    _two_syncs_and_checks(other)
    ours, theirs = _raw(project_dir / "sco-tracker.db"), _raw(other / "sco-tracker.db")
    assert ours["commitments"] and ours["status_history"] and ours["findings"]
    assert ours == theirs


def test_shared_and_unshared_values_are_bound_as_sqlalchemy_binds_them(tmp_path: Path) -> None:
    """Timestamps shared by every row and timestamps of their own, in and out of UTC, naive,
    None; dates; JSON with text that is not ASCII; an upsert over rows already there."""
    shared = datetime(2026, 12, 1, 23, 59, 59, 999999, tzinfo=KYRGYZ_TIME)
    commitments = [
        {
            "id": f"c{i}",
            "data": {"title": "Qingdao summit, Бишкек", "n": i, "parties": ["china", "kyrgyzstan"]},
            "content_hash": f"{i:064d}",
            "status": "planned",
            "first_seen": shared,
            "changed_at": shared if i % 2 else datetime(2026, 6, 1, 12, 0, i),
            "archived_at": None if i % 3 else datetime(2026, 6, 2, 8, 0, tzinfo=UTC),
        }
        for i in range(7)
    ]
    history = [
        {
            "commitment_id": f"c{i}",
            "event": "status",
            "status": "planned",
            "effective_date": date(2026, 1, 1 + i) if i % 2 else None,
            "observed_at": shared,
            "source": None,
            "note": "noted at the meeting in the Kyrgyz Republic" if i % 2 else None,
            "sync_run_id": None,
        }
        for i in range(7)
    ]
    later = [{**c, "status": "in_progress", "changed_at": SECOND} for c in commitments[:4]]
    dbs = []
    for name, write in (("ours", rows.executemany), ("theirs", _sqlalchemy_only)):
        db = tmp_path / f"{name}.db"
        store = open_store(f"sqlite:///{db}")
        try:
            upsert = sync_write._upsert("sqlite")
            with store.write() as s:
                write(s, upsert, commitments)
                write(s, insert(table_of(StatusHistoryRow)), history)
            with store.write() as s:
                write(s, upsert, later)
        finally:
            store.close()
        dbs.append(_raw(db))
    ours, theirs = dbs
    assert len(ours["commitments"]) == 7 and len(ours["status_history"]) == 7
    assert ours == theirs


def test_read_rows_gives_what_sqlalchemy_gives(project_dir: Path) -> None:
    """Timestamps (read back in UTC), dates, JSON, booleans of an expression, None, a query with
    parameters and one with an IN list, from the rows of two syncs and two checks."""
    _two_syncs_and_checks(project_dir)
    c, h, f = table_of(CommitmentRow).c, table_of(StatusHistoryRow).c, table_of(FindingRow).c
    queries = [
        select(c.id, c.content_hash, c.archived_at.is_not(None).label("archived")),
        select(*c).order_by(c.id),
        select(*h).order_by(h.id),
        select(*table_of(SyncRun).c, *table_of(CheckRun).c).join_from(
            table_of(SyncRun), table_of(CheckRun), table_of(SyncRun).c.id == table_of(CheckRun).c.id
        ),
        select(f.commitment_id, f.kind, f.message, f.days).where(
            f.check_run_id == 2, f.state != "resolved"
        ),
        select(h.commitment_id, h.effective_date).where(h.commitment_id.in_([YOUTH, "nobody"])),
    ]
    store = open_store("sqlite:///" + str(project_dir / "sco-tracker.db"))
    try:
        with store.session() as s:
            for query in queries:
                ours = rows.read_rows(s, query)
                theirs = [tuple(row) for row in s.execute(query)]
                assert ours, query
                assert ours == theirs, query
                assert [tuple(map(type, r)) for r in ours] == [tuple(map(type, r)) for r in theirs]
                tz = [v.tzinfo for r in ours for v in r if isinstance(v, datetime)]
                assert tz == [v.tzinfo for r in theirs for v in r if isinstance(v, datetime)]
    finally:
        store.close()

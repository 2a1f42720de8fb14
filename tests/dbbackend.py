"""Which database the tests use, imported by conftest.py.

SCO_TRACKER_TEST_DB=sqlite (the default) or postgresql selects the backend for the whole
suite. With postgresql, every test gets a fresh schema on the server at
SCO_TRACKER_TEST_PG_URL, and SCO_TRACKER_DB points every sco-tracker process at it. With
sqlite, sco-tracker uses its default file beside the fixture's commitments.yaml.

Tests that need PostgreSQL whatever the backend (comparisons of the two) use the `pg_url`
fixture: without a server they skip on a developer machine and FAIL in CI (CI=true).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

BACKEND = os.environ.get("SCO_TRACKER_TEST_DB", "sqlite").strip().lower() or "sqlite"
PG_URL = os.environ.get("SCO_TRACKER_TEST_PG_URL", "").strip()
IN_CI = os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def pytest_report_header(config: Any) -> str:
    pg = (
        f"PostgreSQL at {PG_URL}"
        if PG_URL
        else "no PostgreSQL configured (SCO_TRACKER_TEST_PG_URL unset)"
    )
    return f"sco-tracker database backend: {BACKEND.upper()} ({pg})"


def pytest_configure(config: Any) -> None:
    if BACKEND not in ("sqlite", "postgresql"):
        raise pytest.UsageError(
            f"SCO_TRACKER_TEST_DB must be sqlite or postgresql, got {BACKEND!r}"
        )
    if BACKEND == "postgresql" and not PG_URL:
        raise pytest.UsageError(
            "SCO_TRACKER_TEST_DB=postgresql needs SCO_TRACKER_TEST_PG_URL (start a server with: "
            'eval "$(.ci/start-postgres)")'
        )


def pytest_terminal_summary(terminalreporter: Any) -> None:
    terminalreporter.write_line(f"sco-tracker tests ran on {BACKEND.upper()}")


def _pg_schema_url(admin_url: str, schema: str) -> str:
    from sqlalchemy.engine import make_url

    return (
        make_url(admin_url)
        .update_query_dict({"options": f"-csearch_path={schema}"})
        .render_as_string(hide_password=False)
    )


class PgSchemas:
    """Creates and drops throw-away schemas on the test server."""

    def __init__(self, url: str) -> None:
        from sqlalchemy import create_engine

        self.url = url
        self.engine = create_engine(url, isolation_level="AUTOCOMMIT", pool_size=1)

    def new(self) -> tuple[str, str]:
        from sqlalchemy import text

        schema = "t_" + uuid.uuid4().hex[:16]
        with self.engine.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        return schema, _pg_schema_url(self.url, schema)

    def drop(self, schema: str) -> None:
        from sqlalchemy import text

        with self.engine.connect() as conn:
            conn.execute(text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))


@pytest.fixture(scope="session")
def _pg_schemas() -> Iterator[PgSchemas | None]:
    if not PG_URL:
        yield None
        return
    schemas = PgSchemas(PG_URL)
    yield schemas
    schemas.engine.dispose()


@pytest.fixture(autouse=True)
def _database_backend(
    monkeypatch: pytest.MonkeyPatch, _pg_schemas: PgSchemas | None
) -> Iterator[str | None]:
    """Point every sco-tracker run of this test at the selected backend."""
    monkeypatch.delenv("SCO_TRACKER_DB", raising=False)
    if BACKEND != "postgresql":
        yield None
        return
    assert _pg_schemas is not None
    schema, url = _pg_schemas.new()
    monkeypatch.setenv("SCO_TRACKER_DB", url)
    yield url
    _pg_schemas.drop(schema)


@pytest.fixture
def db_url(_database_backend: str | None, project_dir: Path) -> str:
    """The URL sco-tracker uses in the fixture project for the selected backend."""
    return _database_backend or "sqlite:///" + str(project_dir / "sco-tracker.db")


@pytest.fixture
def pg_url(_pg_schemas: PgSchemas | None) -> Iterator[str]:
    """A fresh PostgreSQL schema, whatever the backend; fails in CI when there is no server."""
    if _pg_schemas is None:
        message = 'needs PostgreSQL: set SCO_TRACKER_TEST_PG_URL (eval "$(.ci/start-postgres)")'
        if IN_CI:
            pytest.fail("CI must provide PostgreSQL: " + message)
        pytest.skip(message)
    schema, url = _pg_schemas.new()
    yield url
    _pg_schemas.drop(schema)


def execute(url: str, sql: str) -> None:
    """Run one SQL statement on the database, committed (a test's own change behind the
    tool's back: a database of an older version, a newer revision)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            conn.execute(text(sql))
    finally:
        engine.dispose()


def table_rows(url: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, in a stable order: the database's whole content."""
    from sqlalchemy import MetaData, create_engine, select

    engine = create_engine(url)
    try:
        meta = MetaData()
        meta.reflect(engine)
        out: dict[str, list[tuple[Any, ...]]] = {}
        with engine.connect() as conn:
            for name, table in sorted(meta.tables.items()):
                keys = [c for c in table.columns if c.type.__class__.__name__ != "JSON"]
                out[name] = [tuple(r) for r in conn.execute(select(table).order_by(*keys))]
        return out
    finally:
        engine.dispose()


def snapshot(url: str) -> Any:
    """What 'unchanged' means: the exact bytes of an SQLite file; every row on PostgreSQL."""
    if url.startswith("sqlite:///"):
        path = Path(url.removeprefix("sqlite:///"))
        files = {
            p.name: p.read_bytes()
            for p in (path, Path(f"{path}-wal"), Path(f"{path}-journal"))
            if p.exists()
        }
        return files
    return table_rows(url)

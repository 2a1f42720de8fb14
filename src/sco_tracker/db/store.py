"""The database: the one module that owns the engine, sessions, tables and migrations.

State that outlives commitments.yaml lives here: what the tracker saw and when (commitments,
status_history, sync_runs) and what each progress check found (check_runs, findings).
The checks themselves stay pure (checks.py); this module only stores and reads.

Where the database is: `--db URL` wins, then the SCO_TRACKER_DB environment variable, then
`settings.database` in commitments.yaml, then an SQLite file `sco-tracker.db` beside
commitments.yaml. PostgreSQL is supported through psycopg 3 (`postgresql+psycopg://...`).

Writers are serialised so that two runs at once never duplicate anything: on SQLite a write
transaction starts with BEGIN IMMEDIATE (WAL journal, busy timeout), on PostgreSQL it takes a
transaction-level advisory lock.

Table names starting with `apscheduler_` belong to the scheduler's job store: migrations
never create, alter or drop them.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Self

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    Engine,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
    inspect,
    select,
    text,
)
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column
from sqlalchemy.types import TypeDecorator

from sco_tracker.db.errors import db_errors, display_url, driver_missing, newer_version
from sco_tracker.paths import database_inside_project, unsupported_backend
from sco_tracker.problems import UserError
from sco_tracker.spec import yamlfile
from sco_tracker.spec.vocabulary import ID_MAX_LENGTH

ENV_VAR = "SCO_TRACKER_DB"
DEFAULT_FILENAME = "sco-tracker.db"
#: SQLite waits this long (ms) for another writer before giving up.
BUSY_TIMEOUT_MS = 60_000
#: Key of the PostgreSQL advisory lock that serialises writers.
PG_LOCK_KEY = 0x5C0_7EAC
#: Tables owned by others (APScheduler's job store) that migrations must leave alone.
FOREIGN_TABLE_PREFIXES = ("apscheduler_",)

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """A timestamp stored in UTC and always read back timezone-aware (SQLite forgets the zone)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is not None and value.tzinfo is not None:
            value = value.astimezone(UTC)
            if dialect.name == "sqlite":
                value = value.replace(tzinfo=None)
        return value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is not None:
            value = value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        return value


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def table_of(model: type[Base]) -> Table:
    """The Core table of a mapped class (SQLAlchemy types `__table__` as any FromClause)."""
    table = model.__table__
    assert isinstance(table, Table)
    return table


class CommitmentRow(Base):
    """A commitment as last seen in commitments.yaml. Never deleted: removed ones are archived."""

    __tablename__ = "commitments"

    #: As wide as the longest id validate accepts (spec/vocabulary.ID_MAX_LENGTH).
    id: Mapped[str] = mapped_column(String(ID_MAX_LENGTH), primary_key=True)
    #: The commitment entry as JSON (the model's fields).
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    #: sha256 of the entry: a sync that finds the same hash writes nothing.
    content_hash: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(40))
    first_seen: Mapped[datetime] = mapped_column(UTCDateTime)
    #: When the entry last changed in the file (not when it was last looked at).
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    archived_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    #: The file that holds it, relative to the project: 'commitments/moscow-2017-10-11.yaml'
    #: (migration 0006; None until a sync after it).
    file: Mapped[str | None] = mapped_column(Text, nullable=True)


class StatusHistoryRow(Base):
    """One observed change: a status (from a dated update or the file), an archival or a
    restoral."""

    __tablename__ = "status_history"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    commitment_id: Mapped[str] = mapped_column(ForeignKey("commitments.id"), index=True)
    #: status | archived | restored
    event: Mapped[str] = mapped_column(String(20))
    status: Mapped[str] = mapped_column(String(40))
    #: The date the change took effect, from the dated update; None when the file gives none.
    effective_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    #: When the tracker saw it.
    observed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    #: The evidence (a link), when the update gives one.
    source: Mapped[str | None] = mapped_column(Text, nullable=True)
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
    sync_run_id: Mapped[int | None] = mapped_column(ForeignKey("sync_runs.id"), nullable=True)

    __table_args__ = (Index(None, "commitment_id", "effective_date"),)


class SyncRun(Base):
    """A sync that changed something (a sync that finds nothing new leaves no trace)."""

    __tablename__ = "sync_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    run_at: Mapped[datetime] = mapped_column(UTCDateTime)
    file: Mapped[str] = mapped_column(Text)
    added: Mapped[int] = mapped_column(Integer)
    changed: Mapped[int] = mapped_column(Integer)
    archived: Mapped[int] = mapped_column(Integer)
    restored: Mapped[int] = mapped_column(Integer)
    history_entries: Mapped[int] = mapped_column(Integer)
    #: sha256 of commitments.yaml as synced (added by migration 0002).
    file_hash: Mapped[str | None] = mapped_column(String(64), nullable=True)


class CheckRun(Base):
    """One progress check: the as-of date, when it ran, and how many findings of each kind."""

    __tablename__ = "check_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    as_of: Mapped[date] = mapped_column(Date)
    run_at: Mapped[datetime] = mapped_column(UTCDateTime)
    file: Mapped[str] = mapped_column(Text)
    commitments: Mapped[int] = mapped_column(Integer)
    #: finding kind -> number of current (new or continuing) findings
    counts: Mapped[dict[str, int]] = mapped_column(JSON)
    previous_run_id: Mapped[int | None] = mapped_column(ForeignKey("check_runs.id"), nullable=True)


class FindingRow(Base):
    """A finding of a check run, marked against the previous run: new, continuing or resolved."""

    __tablename__ = "findings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    check_run_id: Mapped[int] = mapped_column(
        ForeignKey("check_runs.id", ondelete="CASCADE"), index=True
    )
    commitment_id: Mapped[str] = mapped_column(ForeignKey("commitments.id"))
    kind: Mapped[str] = mapped_column(String(40))
    message: Mapped[str] = mapped_column(Text)
    days: Mapped[int | None] = mapped_column(Integer, nullable=True)
    #: new | continuing | resolved
    state: Mapped[str] = mapped_column(String(20))


class SchedulerLock(Base):
    """The one scheduler allowed per database: who holds it and when it last said so."""

    __tablename__ = "scheduler_lock"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    host: Mapped[str] = mapped_column(String(255))
    pid: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    heartbeat_at: Mapped[datetime] = mapped_column(UTCDateTime)


class JobRun(Base):
    """One run of a scheduled job: when, how it ended, and why it failed."""

    __tablename__ = "job_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    job: Mapped[str] = mapped_column(String(40), index=True)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    #: running | ok | failed | interrupted (its scheduler stopped during the run)
    outcome: Mapped[str] = mapped_column(String(20))
    error: Mapped[str | None] = mapped_column(Text, nullable=True)
    summary: Mapped[str | None] = mapped_column(Text, nullable=True)
    host: Mapped[str | None] = mapped_column(String(255), nullable=True)
    pid: Mapped[int | None] = mapped_column(Integer, nullable=True)


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    """Alembic filter: leave the scheduler's tables alone."""
    if type_ == "table" and name and name.startswith(FOREIGN_TABLE_PREFIXES):
        return False
    table = getattr(obj, "table", None)
    return not (table is not None and str(table.name).startswith(FOREIGN_TABLE_PREFIXES))


# --- where the database is -----------------------------------------------------------------


def default_url(file: str | os.PathLike[str]) -> str:
    """An SQLite file beside commitments.yaml."""
    return "sqlite:///" + str(Path(file).resolve().parent / DEFAULT_FILENAME)


def resolve_url(flag: str | None, file: str | os.PathLike[str], setting: str | None = None) -> str:
    """--db wins, then SCO_TRACKER_DB, then settings.database, then the default file. An SQLite
    file of the last two must be inside the project (paths.database_inside_project)."""
    for candidate in (flag, os.environ.get(ENV_VAR)):
        if candidate:
            return candidate
    url = setting or default_url(file)
    database_inside_project(url, file, "settings.database" if setting else "the database file")
    return url


def database_setting(file: str) -> str | None:
    """settings.database read leniently, for what must work while the file is broken (`runs`
    shows why the last scheduled run failed; a scheduled run records that it failed)."""
    try:
        data, _ = yamlfile.load(file)
    except UserError:
        return None
    settings = data.get("settings") if isinstance(data, dict) else None
    value = settings.get("database") if isinstance(settings, dict) else None
    return value if isinstance(value, str) else None


# --- engine and sessions -------------------------------------------------------------------


def _engine(url: str) -> Engine:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise UserError(
            f"'{url}' is not a database URL; use e.g. sqlite:///sco-tracker.db or "
            "postgresql+psycopg://user@host/dbname"
        ) from None
    backend = parsed.get_backend_name()
    unsupported = unsupported_backend(backend)
    if unsupported:
        raise UserError(unsupported)
    if backend == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    try:
        engine = create_engine(parsed)
    except NoSuchModuleError:
        raise UserError(
            f"unsupported database driver '{parsed.drivername}': use sqlite:/// or"
            " postgresql+psycopg://"
        ) from None
    except ModuleNotFoundError as exc:
        raise driver_missing(parsed.drivername, exc.name) from None
    if engine.dialect.name == "sqlite":
        db = parsed.database
        if db and db != ":memory:" and not db.startswith("file:"):
            folder = Path(db).resolve().parent
            if not folder.is_dir():
                raise UserError(
                    f"cannot create the database {db}: the folder {folder} does not exist"
                )
        _sqlite_events(engine)
    elif engine.dialect.name != "postgresql":
        raise UserError(f"unsupported database '{engine.dialect.name}': use SQLite or PostgreSQL")
    return engine


def _sqlite_events(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, record: Any) -> None:
        # Let us emit BEGIN ourselves (pysqlite's own transaction handling defers it badly).
        dbapi_connection.isolation_level = None
        cur = dbapi_connection.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA synchronous = NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # Writers take the write lock at once, so two syncs never both read the old state.
        conn.exec_driver_sql(
            "BEGIN IMMEDIATE" if conn.get_execution_options().get("sco_write") else "BEGIN"
        )


class Store:
    """An open database. Use `session()` to read and `write()` for a serialised write
    transaction."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = _engine(url)
        self._writer = self.engine.execution_options(sco_write=True)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A read transaction."""
        with db_errors(self.url), Session(self.engine, expire_on_commit=False) as s, s.begin():
            yield s

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A write transaction that holds the writers' lock until it commits or rolls back."""
        with db_errors(self.url), Session(self._writer, expire_on_commit=False) as s, s.begin():
            if self.dialect == "postgresql":
                s.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_LOCK_KEY})
            yield s

    # -- migrations ----------------------------------------------------------------------------
    def revision(self) -> str | None:
        """The migration the database is at (Alembic's alembic_version table); None for a new one.

        Read with a plain query: importing Alembic costs a fifth of a second, and almost every
        run finds the database current (see ensure_current)."""

        with db_errors(self.url), self.engine.connect() as conn:
            if not inspect(conn).has_table("alembic_version"):
                return None
            versions = [
                row[0] for row in conn.execute(text("SELECT version_num FROM alembic_version"))
            ]
        if len(versions) > 1:  # branches: this project's migrations are one line, so not ours
            return ",".join(sorted(versions))
        return versions[0] if versions else None

    def upgrade(self, target: str = "head") -> tuple[str | None, str | None]:
        """Apply the migrations up to target under the writers' lock; (before, after)."""
        # Alembic (a fifth of a second) only when migrating: see revision()
        from alembic import command  # noqa: PLC0415
        from alembic.runtime.migration import MigrationContext  # noqa: PLC0415

        with db_errors(self.url), self._writer.connect() as conn, conn.begin():
            if self.dialect == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": PG_LOCK_KEY})
            before = MigrationContext.configure(conn).get_current_revision()
            if before is not None and before not in known_revisions():
                raise newer_version(self.url, before)
            cfg = alembic_config()
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, target)
            after = MigrationContext.configure(conn).get_current_revision()
        return before, after

    def ensure_current(self) -> None:
        """Create a new database; refuse an older or newer one with a clear message."""
        current = self.revision()
        if current == HEAD_REVISION:
            return
        head = head_revision()
        if current is None:
            self.upgrade()
            return
        if current in known_revisions():
            raise UserError(
                f"the database {display_url(self.url)} is at revision {current}; this version of "
                f"sco-tracker needs {head}. Back it up if you wish, then run 'sco-tracker db "
                "upgrade'."
            )
        raise newer_version(self.url, current)


def open_store(url: str, *, migrate: bool = True) -> Store:
    """Open the database at url; a new database gets its tables (the migrations) at once."""
    store = Store(url)
    if migrate:
        try:
            store.ensure_current()
        except BaseException:
            store.close()
            raise
    return store


def alembic_config() -> Any:
    from alembic.config import Config  # noqa: PLC0415 - Alembic only when migrating

    cfg = Config()
    cfg.set_main_option("script_location", "sco_tracker.db:migrations")
    return cfg


def _script() -> Any:
    from alembic.script import ScriptDirectory  # noqa: PLC0415 - Alembic only when migrating

    return ScriptDirectory.from_config(alembic_config())


#: The newest migration in sco_tracker/migrations/versions (a test checks that Alembic agrees).
HEAD_REVISION = "0008"


def known_revisions() -> set[str]:
    """Every migration this version of sco-tracker ships."""
    return {s.revision for s in _script().walk_revisions()}


def head_revision() -> str:
    head: str = _script().get_current_head()
    return head


# --- queries used by the commands ------------------------------------------------------------


def history(session: Session, commitment_id: str) -> list[StatusHistoryRow]:
    """A commitment's recorded changes, oldest observation first."""
    rows = session.scalars(
        select(StatusHistoryRow)
        .where(StatusHistoryRow.commitment_id == commitment_id)
        .order_by(StatusHistoryRow.id)
    )
    return list(rows)


def commitment_row(session: Session, commitment_id: str) -> CommitmentRow | None:
    return session.get(CommitmentRow, commitment_id)


def latest_check_run(session: Session, as_of: date | None = None) -> CheckRun | None:
    """The latest check run; with as_of, the latest for that date or the nearest earlier one.

    A check is compared with the one before it in time *as of*, not in the order the checks
    were run: looking at the past first must not make today's findings look new.
    """
    query = select(CheckRun)
    if as_of is not None:
        query = query.where(CheckRun.as_of <= as_of).order_by(
            CheckRun.as_of.desc(), CheckRun.id.desc()
        )
    else:
        query = query.order_by(CheckRun.id.desc())
    return session.scalars(query.limit(1)).first()


# The delivery log's tables (notify_deliveries, notify_items, notify_marks) belong to the same
# metadata, so that the migrations and the tables are compared as one.
from sco_tracker.db import deliveries as _deliveries  # noqa: E402,F401

"""Alembic environment for sco_tracker.

The CLI runs Alembic programmatically (sco_tracker.db.store.Store.upgrade) and hands over an
open connection inside a transaction that already holds the writers' lock; no alembic.ini is
needed. SQLite gets batch mode (ALTER TABLE through copy-and-move); constraint names come
from the naming convention in store.py. APScheduler's tables are never touched.
"""

from __future__ import annotations

from alembic import context

from sco_tracker.db.store import Base, include_object

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reached by running alembic by hand
    raise SystemExit(
        "Run migrations with 'sco-tracker db upgrade' (it knows where the database is)."
    )

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    include_object=include_object,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()

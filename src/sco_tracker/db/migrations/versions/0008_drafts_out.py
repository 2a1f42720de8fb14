"""The drafts an earlier sco-tracker synced are taken out of the database.

A draft (`draft: true`, proposed by 'sco-tracker draft' and not yet reviewed) is not a
commitment: since this revision a sync never writes one, and adds it (with its status history)
only once the analyst accepts it. Earlier versions synced every draft as a commitment: 'run'
after 'draft --write' said "342 added", and a draft excluded in review came back as "1
archived".

A commitment row last synced as a draft (its stored entry says `draft: true`) is deleted with
its status history, unless a progress check ever found something about it (a finding names it:
it was checked as a commitment once: the next sync archives it if the file still marks it a
draft, so the last sync's file_hash is cleared for that sync to compare every commitment).
Nothing else refers to those rows: checks, reports and news always left drafts out. The sync
runs keep their counts: they are the record of what each sync did.

When a deleted draft has been accepted since, the next sync adds it, with its history. When
the file has not changed, the database already matches it: the drafts are simply no longer
there.

Downgrade changes nothing: the rows cannot come back (the next sync of an older version would
write the drafts again).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

from __future__ import annotations

import json
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

#: Rows deleted per statement.
BATCH = 500


def _is_draft(data: Any) -> bool:
    if isinstance(data, str):  # a JSON column read back as text by some drivers
        try:
            data = json.loads(data)
        except ValueError:
            return False
    return isinstance(data, dict) and data.get("draft") is True


def upgrade() -> None:
    commitments = sa.table("commitments", sa.column("id", sa.String), sa.column("data", sa.JSON))
    history = sa.table("status_history", sa.column("commitment_id", sa.String))
    findings = sa.table("findings", sa.column("commitment_id", sa.String))
    syncs = sa.table("sync_runs", sa.column("file_hash", sa.String))
    conn = op.get_bind()
    checked = {row[0] for row in conn.execute(sa.select(findings.c.commitment_id).distinct())}
    found = [
        cid
        for cid, data in conn.execute(sa.select(commitments.c.id, commitments.c.data))
        if _is_draft(data)
    ]
    drafts = [cid for cid in found if cid not in checked]
    if len(drafts) < len(found):  # the next sync compares, and archives the ones kept
        conn.execute(sa.update(syncs).values(file_hash=None))
    for start in range(0, len(drafts), BATCH):
        ids = drafts[start : start + BATCH]
        conn.execute(sa.delete(history).where(history.c.commitment_id.in_(ids)))
        conn.execute(sa.delete(commitments).where(commitments.c.id.in_(ids)))


def downgrade() -> None:
    pass

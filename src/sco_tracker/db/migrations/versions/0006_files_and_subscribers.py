"""The file that holds each commitment; the subscriber each notification is for.

commitments.file: where the commitment was last seen (commitments.yaml or an included file),
so that an archived one says which file it was removed from. notify_deliveries.subscriber:
the subscription a delivery is for (its name when it has one), so that news waiting for an
address that was then corrected goes to the corrected address.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A nullable column is added in place (SQLite's ADD COLUMN too): no table is copied, so
    # the rows that refer to these tables are never touched.
    op.add_column("commitments", sa.Column("file", sa.Text(), nullable=True))
    op.add_column("notify_deliveries", sa.Column("subscriber", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("notify_deliveries") as batch:
        batch.drop_column("subscriber")
    with op.batch_alter_table("commitments") as batch:
        batch.drop_column("file")

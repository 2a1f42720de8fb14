"""What the news last told of each commitment's status, so the next news tells the net change.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from sco_tracker.db.store import UTCDateTime

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "notify_told",
        sa.Column("commitment_id", sa.String(200), nullable=False),
        sa.Column("status", sa.String(40), nullable=True),
        sa.Column("effective_date", sa.Date(), nullable=True),
        sa.Column("check_run_id", sa.Integer(), nullable=True),
        sa.Column("told_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["check_run_id"],
            ["check_runs.id"],
            name=op.f("fk_notify_told_check_run_id_check_runs"),
        ),
        sa.PrimaryKeyConstraint("commitment_id", name=op.f("pk_notify_told")),
    )


def downgrade() -> None:
    op.drop_table("notify_told")

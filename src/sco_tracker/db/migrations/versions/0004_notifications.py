"""The delivery log of notifications: deliveries, the news items they hold, the runs notified.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from sco_tracker.db.store import UTCDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "notify_deliveries",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("channel", sa.String(20), nullable=False),
        sa.Column("recipient", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("check_run_id", sa.Integer(), nullable=True),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", UTCDateTime(), nullable=False),
        sa.Column("claimed_at", UTCDateTime(), nullable=True),
        sa.Column("claimed_by", sa.String(255), nullable=True),
        sa.Column("sent_at", UTCDateTime(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["check_run_id"],
            ["check_runs.id"],
            name=op.f("fk_notify_deliveries_check_run_id_check_runs"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notify_deliveries")),
        sa.UniqueConstraint("key", name=op.f("uq_notify_deliveries_key")),
    )
    op.create_index(op.f("ix_notify_deliveries_state"), "notify_deliveries", ["state"])
    op.create_table(
        "notify_items",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("delivery_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("commitment_id", sa.String(200), nullable=False),
        sa.Column("what", sa.String(60), nullable=False),
        sa.ForeignKeyConstraint(
            ["delivery_id"],
            ["notify_deliveries.id"],
            name=op.f("fk_notify_items_delivery_id_notify_deliveries"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notify_items")),
        sa.UniqueConstraint("key", name=op.f("uq_notify_items_key")),
    )
    op.create_index(op.f("ix_notify_items_delivery_id"), "notify_items", ["delivery_id"])
    op.create_table(
        "notify_marks",
        sa.Column("check_run_id", sa.Integer(), nullable=False),
        sa.Column("marked_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["check_run_id"],
            ["check_runs.id"],
            name=op.f("fk_notify_marks_check_run_id_check_runs"),
        ),
        sa.PrimaryKeyConstraint("check_run_id", name=op.f("pk_notify_marks")),
    )


def downgrade() -> None:
    op.drop_table("notify_marks")
    op.drop_index(op.f("ix_notify_items_delivery_id"), table_name="notify_items")
    op.drop_table("notify_items")
    op.drop_index(op.f("ix_notify_deliveries_state"), table_name="notify_deliveries")
    op.drop_table("notify_deliveries")

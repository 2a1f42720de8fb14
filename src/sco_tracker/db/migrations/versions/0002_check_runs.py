"""Check runs and their findings; the file hash of each sync; an index for history by date.

Revision ID: 0002
Revises: 0001
Create Date: 2024-05-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from sco_tracker.db.store import UTCDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "check_runs",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("run_at", UTCDateTime(), nullable=False),
        sa.Column("file", sa.Text(), nullable=False),
        sa.Column("commitments", sa.Integer(), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.Column("previous_run_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["previous_run_id"],
            ["check_runs.id"],
            name=op.f("fk_check_runs_previous_run_id_check_runs"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_check_runs")),
    )
    op.create_table(
        "findings",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("check_run_id", sa.Integer(), nullable=False),
        sa.Column("commitment_id", sa.String(200), nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("days", sa.Integer(), nullable=True),
        sa.Column("state", sa.String(20), nullable=False),
        sa.ForeignKeyConstraint(
            ["check_run_id"],
            ["check_runs.id"],
            name=op.f("fk_findings_check_run_id_check_runs"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["commitment_id"],
            ["commitments.id"],
            name=op.f("fk_findings_commitment_id_commitments"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_findings")),
    )
    op.create_index(op.f("ix_findings_check_run_id"), "findings", ["check_run_id"])
    op.create_index(
        op.f("ix_status_history_commitment_id_effective_date"),
        "status_history",
        ["commitment_id", "effective_date"],
    )
    # An ALTER TABLE: on SQLite, batch mode copies the table, keeping every row.
    with op.batch_alter_table("sync_runs") as batch:
        batch.add_column(sa.Column("file_hash", sa.String(64), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("sync_runs") as batch:
        batch.drop_column("file_hash")
    op.drop_index(
        op.f("ix_status_history_commitment_id_effective_date"), table_name="status_history"
    )
    op.drop_index(op.f("ix_findings_check_run_id"), table_name="findings")
    op.drop_table("findings")
    op.drop_table("check_runs")

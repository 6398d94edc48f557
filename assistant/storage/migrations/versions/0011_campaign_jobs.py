"""background campaign jobs (queued, claimed once, progress, result)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06 23:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "campaign_jobs",
        sa.Column("job_id", sa.String(length=40), nullable=False),
        sa.Column("rm_id", sa.String(length=32), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("request", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.String(length=40), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("claimed_by", sa.String(length=64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("job_id", name=op.f("pk_campaign_jobs")),
    )
    for column in ("rm_id", "status"):
        op.create_index(op.f(f"ix_campaign_jobs_{column}"), "campaign_jobs", [column])


def downgrade() -> None:
    for column in ("status", "rm_id"):
        op.drop_index(op.f(f"ix_campaign_jobs_{column}"), "campaign_jobs")
    op.drop_table("campaign_jobs")

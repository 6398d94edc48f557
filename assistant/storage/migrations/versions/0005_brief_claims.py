"""brief claims (one morning brief per RM and day, across replicas and restarts)

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 04:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "brief_claims",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("rm_id", sa.String(length=32), nullable=False),
        sa.Column("brief_date", sa.Date(), nullable=False),
        sa.Column("claimed_by", sa.String(length=128), nullable=False),
        sa.Column("sink", sa.String(length=32), nullable=False),
        sa.Column("claimed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_brief_claims")),
        sa.UniqueConstraint("rm_id", "brief_date", name=op.f("uq_brief_claims_rm_id")),
    )


def downgrade() -> None:
    op.drop_table("brief_claims")

"""segment campaigns and their messages (kept beside the extract)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06 23:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "campaigns",
        sa.Column("campaign_id", sa.String(length=40), nullable=False),
        sa.Column("rm_id", sa.String(length=32), nullable=False),
        sa.Column("scope", sa.String(length=160), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("purpose", sa.String(length=32), nullable=False),
        sa.Column("product_code", sa.String(length=64), nullable=True),
        sa.Column("query", sa.JSON(), nullable=False),
        sa.Column("described", sa.Text(), nullable=False),
        sa.Column("drafted", sa.Integer(), nullable=False),
        sa.Column("held", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("exported_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("campaign_id", name=op.f("pk_campaigns")),
    )
    for column in ("rm_id", "created_at"):
        op.create_index(op.f(f"ix_campaigns_{column}"), "campaigns", [column])
    op.create_table(
        "campaign_messages",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("campaign_id", sa.String(length=40), nullable=False),
        sa.Column("client_id", sa.String(length=64), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("codes", sa.String(length=256), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_campaign_messages")),
    )
    for column in ("campaign_id", "client_id"):
        op.create_index(op.f(f"ix_campaign_messages_{column}"), "campaign_messages", [column])


def downgrade() -> None:
    for column in ("client_id", "campaign_id"):
        op.drop_index(op.f(f"ix_campaign_messages_{column}"), "campaign_messages")
    op.drop_table("campaign_messages")
    for column in ("created_at", "rm_id"):
        op.drop_index(op.f(f"ix_campaigns_{column}"), "campaigns")
    op.drop_table("campaigns")

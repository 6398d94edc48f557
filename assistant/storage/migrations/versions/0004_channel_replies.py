"""channel replies (a chat platform's message id -> the turn it answered)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28 17:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "channel_replies",
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("message_id", sa.String(length=300), nullable=False),
        sa.Column("turn_id", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["turn_id"], ["turns.turn_id"], name=op.f("fk_channel_replies_turn_id_turns")
        ),
        sa.PrimaryKeyConstraint("channel", "message_id", name=op.f("pk_channel_replies")),
    )


def downgrade() -> None:
    op.drop_table("channel_replies")

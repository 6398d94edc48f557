"""action outcomes (what an RM did about a suggested action, kept beside the extract)

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 06:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "action_outcomes",
        sa.Column("outcome_id", sa.String(length=40), nullable=False),
        sa.Column("action_key", sa.String(length=256), nullable=False),
        sa.Column("client_id", sa.String(length=64), nullable=False),
        sa.Column("rm_id", sa.String(length=32), nullable=False),
        sa.Column("kind", sa.String(length=64), nullable=False),
        sa.Column("period", sa.String(length=16), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.String(length=32), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("hide_until", sa.Date(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("undone_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("outcome_id", name=op.f("pk_action_outcomes")),
    )
    for column in ("action_key", "client_id", "rm_id", "recorded_at"):
        op.create_index(op.f(f"ix_action_outcomes_{column}"), "action_outcomes", [column])


def downgrade() -> None:
    for column in ("recorded_at", "rm_id", "client_id", "action_key"):
        op.drop_index(op.f(f"ix_action_outcomes_{column}"), "action_outcomes")
    op.drop_table("action_outcomes")

"""captured interactions (notes an RM saved in chat, kept beside the imported extract)

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 04:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "captured_interactions",
        sa.Column("note_id", sa.String(length=40), nullable=False),
        sa.Column("client_id", sa.String(length=64), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("rm_id", sa.String(length=32), nullable=False),
        sa.Column("channel", sa.String(length=32), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("contact", sa.String(length=128), nullable=True),
        sa.Column("client_said", sa.Text(), nullable=True),
        sa.Column("next_step", sa.Text(), nullable=True),
        sa.Column("due_date", sa.Date(), nullable=True),
        sa.Column("captured_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("note_id", name=op.f("pk_captured_interactions")),
    )
    op.create_index(
        op.f("ix_captured_interactions_client_id"), "captured_interactions", ["client_id"]
    )
    op.create_index(
        op.f("ix_captured_interactions_captured_at"), "captured_interactions", ["captured_at"]
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_captured_interactions_captured_at"), "captured_interactions")
    op.drop_index(op.f("ix_captured_interactions_client_id"), "captured_interactions")
    op.drop_table("captured_interactions")

"""channel addresses (a Teams conversation reference per RM, for proactive messages)

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 05:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "channel_addresses",
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("rm_id", sa.String(length=32), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("channel", "rm_id", name=op.f("pk_channel_addresses")),
    )


def downgrade() -> None:
    op.drop_table("channel_addresses")

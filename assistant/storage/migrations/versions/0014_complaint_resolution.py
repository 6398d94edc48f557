"""how a complaint ended: its closing day and first-contact resolution (complaints.csv)

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-07 03:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("complaints") as batch:
        batch.add_column(sa.Column("closed_date", sa.Date(), nullable=True))
        batch.add_column(sa.Column("first_contact_resolved", sa.Boolean(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("complaints") as batch:
        batch.drop_column("first_contact_resolved")
        batch.drop_column("closed_date")

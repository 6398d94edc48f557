"""relationships (the optional relationships.csv) and referrals between departments

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-07 02:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "relationships",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("client_id", sa.String(length=32), nullable=False),
        sa.Column("related_client_id", sa.String(length=32), nullable=False),
        sa.Column("relation", sa.String(length=16), nullable=False),
        sa.Column("role", sa.String(length=64), nullable=True),
        sa.Column("attributes", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"], ["clients.client_id"], name=op.f("fk_relationships_client_id_clients")
        ),
        sa.ForeignKeyConstraint(
            ["related_client_id"],
            ["clients.client_id"],
            name=op.f("fk_relationships_related_client_id_clients"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_relationships")),
    )
    for column in ("client_id", "related_client_id"):
        op.create_index(op.f(f"ix_relationships_{column}"), "relationships", [column])
    op.create_table(
        "referrals",
        sa.Column("referral_id", sa.String(length=16), nullable=False),
        sa.Column("from_rm", sa.String(length=32), nullable=False),
        sa.Column("to_rm", sa.String(length=32), nullable=False),
        sa.Column("target", sa.String(length=32), nullable=False),
        sa.Column("client_id", sa.String(length=64), nullable=False),
        sa.Column("contact_title", sa.String(length=64), nullable=True),
        sa.Column("need", sa.Text(), nullable=False),
        sa.Column("scope", sa.String(length=160), nullable=False),
        sa.Column("consent", sa.String(length=16), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("due", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("contacted_on", sa.Date(), nullable=True),
        sa.Column("escalated_to", sa.String(length=32), nullable=True),
        sa.Column("escalated_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("notified_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("referral_id", name=op.f("pk_referrals")),
    )
    for column in ("from_rm", "to_rm", "client_id", "status"):
        op.create_index(op.f(f"ix_referrals_{column}"), "referrals", [column])


def downgrade() -> None:
    for column in ("status", "client_id", "to_rm", "from_rm"):
        op.drop_index(op.f(f"ix_referrals_{column}"), "referrals")
    op.drop_table("referrals")
    for column in ("related_client_id", "client_id"):
        op.drop_index(op.f(f"ix_relationships_{column}"), "relationships")
    op.drop_table("relationships")

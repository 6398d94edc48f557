"""bank tables

Revision ID: 0001
Revises:
Create Date: 2026-11-28 14:01:18.197459
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "extract_meta",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.Column("loaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_extract_meta")),
    )
    op.create_table(
        "products",
        sa.Column("product_code", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=128), nullable=False),
        sa.Column("category", sa.String(length=64), nullable=False),
        sa.Column("risk_level", sa.String(length=2), nullable=False),
        sa.Column("segment", sa.String(length=16), nullable=False),
        sa.Column("min_amount", sa.Numeric(precision=18, scale=2), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("attributes", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("product_code", name=op.f("pk_products")),
    )
    with op.batch_alter_table("products", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_products_category"), ["category"], unique=False)

    op.create_table(
        "teams",
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("branch", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("team_id", name=op.f("pk_teams")),
    )
    op.create_table(
        "rms",
        sa.Column("rm_id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=128), nullable=False),
        sa.Column("team_id", sa.String(length=32), nullable=False),
        sa.Column("branch", sa.String(length=64), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("slack_user_id", sa.String(length=64), nullable=True),
        sa.Column("teams_aad_id", sa.String(length=64), nullable=True),
        sa.Column("email", sa.String(length=256), nullable=True),
        sa.Column("attributes", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["team_id"], ["teams.team_id"], name=op.f("fk_rms_team_id_teams")),
        sa.PrimaryKeyConstraint("rm_id", name=op.f("pk_rms")),
    )
    with op.batch_alter_table("rms", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_rms_slack_user_id"), ["slack_user_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_rms_team_id"), ["team_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_rms_teams_aad_id"), ["teams_aad_id"], unique=False)

    op.create_table(
        "clients",
        sa.Column("client_id", sa.String(length=32), nullable=False),
        sa.Column("client_type", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=256), nullable=False),
        sa.Column("rm_id", sa.String(length=32), nullable=False),
        sa.Column("branch", sa.String(length=64), nullable=False),
        sa.Column("onboard_date", sa.Date(), nullable=False),
        sa.Column("industry", sa.String(length=64), nullable=True),
        sa.Column("registration_id", sa.String(length=32), nullable=True),
        sa.Column("risk_rating", sa.String(length=16), nullable=True),
        sa.Column("risk_appetite", sa.String(length=2), nullable=True),
        sa.Column("annual_revenue", sa.Numeric(precision=18, scale=2), nullable=True),
        sa.Column("employees", sa.Integer(), nullable=True),
        sa.Column("phone", sa.String(length=32), nullable=True),
        sa.Column("email", sa.String(length=256), nullable=True),
        sa.Column("address", sa.Text(), nullable=True),
        sa.Column("attributes", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["rm_id"], ["rms.rm_id"], name=op.f("fk_clients_rm_id_rms")),
        sa.PrimaryKeyConstraint("client_id", name=op.f("pk_clients")),
    )
    with op.batch_alter_table("clients", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_clients_client_type"), ["client_type"], unique=False)
        batch_op.create_index(batch_op.f("ix_clients_industry"), ["industry"], unique=False)
        batch_op.create_index(batch_op.f("ix_clients_rm_id"), ["rm_id"], unique=False)

    op.create_table(
        "balances",
        sa.Column("client_id", sa.String(length=32), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("avg_daily_deposit", sa.Numeric(precision=18, scale=2), nullable=False),
        sa.Column("loan_balance", sa.Numeric(precision=18, scale=2), nullable=False),
        sa.Column("transaction_count", sa.Integer(), nullable=True),
        sa.Column("attributes", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"], ["clients.client_id"], name=op.f("fk_balances_client_id_clients")
        ),
        sa.PrimaryKeyConstraint("client_id", "month", name=op.f("pk_balances")),
    )
    op.create_table(
        "contacts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("client_id", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=128), nullable=False),
        sa.Column("title", sa.String(length=128), nullable=False),
        sa.Column("phone", sa.String(length=32), nullable=True),
        sa.Column("email", sa.String(length=256), nullable=True),
        sa.Column("id_number", sa.String(length=32), nullable=True),
        sa.Column("is_primary", sa.Boolean(), nullable=False),
        sa.Column("attributes", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"], ["clients.client_id"], name=op.f("fk_contacts_client_id_clients")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contacts")),
    )
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contacts_client_id"), ["client_id"], unique=False)

    op.create_table(
        "holdings",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("client_id", sa.String(length=32), nullable=False),
        sa.Column("product_code", sa.String(length=32), nullable=False),
        sa.Column("balance", sa.Numeric(precision=18, scale=2), nullable=False),
        sa.Column("opened_date", sa.Date(), nullable=False),
        sa.Column("account_no", sa.String(length=32), nullable=True),
        sa.Column("maturity_date", sa.Date(), nullable=True),
        sa.Column("attributes", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"], ["clients.client_id"], name=op.f("fk_holdings_client_id_clients")
        ),
        sa.ForeignKeyConstraint(
            ["product_code"],
            ["products.product_code"],
            name=op.f("fk_holdings_product_code_products"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_holdings")),
    )
    with op.batch_alter_table("holdings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_holdings_client_id"), ["client_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_holdings_maturity_date"), ["maturity_date"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_holdings_product_code"), ["product_code"], unique=False
        )

    op.create_table(
        "interactions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("client_id", sa.String(length=32), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("rm_id", sa.String(length=32), nullable=False),
        sa.Column("channel", sa.String(length=32), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("attributes", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["client_id"], ["clients.client_id"], name=op.f("fk_interactions_client_id_clients")
        ),
        sa.ForeignKeyConstraint(["rm_id"], ["rms.rm_id"], name=op.f("fk_interactions_rm_id_rms")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_interactions")),
    )
    with op.batch_alter_table("interactions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_interactions_client_id"), ["client_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_interactions_date"), ["date"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("interactions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_interactions_date"))
        batch_op.drop_index(batch_op.f("ix_interactions_client_id"))

    op.drop_table("interactions")
    with op.batch_alter_table("holdings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_holdings_product_code"))
        batch_op.drop_index(batch_op.f("ix_holdings_maturity_date"))
        batch_op.drop_index(batch_op.f("ix_holdings_client_id"))

    op.drop_table("holdings")
    with op.batch_alter_table("contacts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contacts_client_id"))

    op.drop_table("contacts")
    op.drop_table("balances")
    with op.batch_alter_table("clients", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_clients_rm_id"))
        batch_op.drop_index(batch_op.f("ix_clients_industry"))
        batch_op.drop_index(batch_op.f("ix_clients_client_type"))

    op.drop_table("clients")
    with op.batch_alter_table("rms", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rms_teams_aad_id"))
        batch_op.drop_index(batch_op.f("ix_rms_team_id"))
        batch_op.drop_index(batch_op.f("ix_rms_slack_user_id"))

    op.drop_table("rms")
    op.drop_table("teams")
    with op.batch_alter_table("products", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_products_category"))

    op.drop_table("products")
    op.drop_table("extract_meta")

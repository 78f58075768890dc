"""tenants (plan, status, accounts, quota, branding)

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "gw_tenants",
        sa.Column("tenant_id", sa.String(64), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("name_key", sa.String(200), nullable=False, unique=True),
        sa.Column("status", sa.Integer, nullable=False),
        sa.Column("plan", sa.Integer, nullable=False),
        sa.Column("account_ids", sa.Text, nullable=False),
        sa.Column("quota", sa.Text, nullable=False),
        sa.Column("branding", sa.Text, nullable=False),
        sa.Column("custom_domain", sa.String(253), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_gw_tenants_custom_domain", "gw_tenants", ["custom_domain"])


def downgrade() -> None:
    op.drop_index("ix_gw_tenants_custom_domain", "gw_tenants")
    op.drop_table("gw_tenants")

"""signal-engine: subscriptions

Revision ID: 0001_se_subscriptions
Revises:
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_se_subscriptions"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "se_subscriptions",
        sa.Column("subscription_id", sa.String(64), primary_key=True),
        sa.Column("instrument", sa.String(64), nullable=False),
        sa.Column("owner", sa.String(128), nullable=False),
        sa.Column("created_ns", sa.BigInteger(), nullable=False),
        sa.Column("body", sa.LargeBinary(), nullable=False),
    )
    op.create_index("ix_se_subscriptions_instrument", "se_subscriptions", ["instrument"])


def downgrade() -> None:
    op.drop_index("ix_se_subscriptions_instrument", table_name="se_subscriptions")
    op.drop_table("se_subscriptions")

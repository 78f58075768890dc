"""risk engine: history of limit-set versions

Revision ID: risk_0002
Revises: risk_0001
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "risk_0002"
down_revision = "risk_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "risk_limit_set_history",
        sa.Column("account_id", sa.String(128), primary_key=True),
        sa.Column("strategy_id", sa.String(128), primary_key=True),
        sa.Column("version", sa.BigInteger, primary_key=True),
        sa.Column("payload", sa.LargeBinary, nullable=False),
        sa.Column("updated_by", sa.String(256), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("risk_limit_set_history")

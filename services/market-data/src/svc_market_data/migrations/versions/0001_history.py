"""market-data history: bars and trades

Revision ID: 0001_md_history
Revises:
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "0001_md_history"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "md_bars",
        sa.Column("instrument", sa.String(64), nullable=False),
        sa.Column("timeframe", sa.String(16), nullable=False),
        sa.Column("start_ns", sa.BigInteger(), nullable=False),
        sa.Column("end_ns", sa.BigInteger(), nullable=False),
        sa.Column("open", sa.Double(), nullable=False),
        sa.Column("high", sa.Double(), nullable=False),
        sa.Column("low", sa.Double(), nullable=False),
        sa.Column("close", sa.Double(), nullable=False),
        sa.Column("volume", sa.Double(), nullable=False),
        sa.Column("vwap", sa.Double(), nullable=False),
        sa.Column("trade_count", sa.BigInteger(), nullable=False),
        sa.Column("bar_type", sa.SmallInteger(), nullable=False),
        sa.Column("source", sa.String(32), nullable=False),
        sa.PrimaryKeyConstraint("instrument", "timeframe", "start_ns"),
    )
    op.create_table(
        "md_trades",
        sa.Column("id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), primary_key=True,
                  autoincrement=True),
        sa.Column("instrument", sa.String(64), nullable=False),
        sa.Column("ts_ns", sa.BigInteger(), nullable=False),
        sa.Column("price", sa.Double(), nullable=False),
        sa.Column("size", sa.Double(), nullable=False),
        sa.Column("side", sa.SmallInteger(), nullable=False),
        sa.Column("trade_id", sa.String(64), nullable=False),
        sa.Column("source", sa.String(32), nullable=False),
    )
    op.create_index("ux_md_trades_identity", "md_trades", ["instrument", "ts_ns", "trade_id"],
                    unique=True)


def downgrade() -> None:
    op.drop_index("ux_md_trades_identity", table_name="md_trades")
    op.drop_table("md_trades")
    op.drop_table("md_bars")

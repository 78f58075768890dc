"""analytics history: daily and intraday NAV, daily P&L, fills, positions, daily prices

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

MONEY = sa.String(64)
TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "an_nav_daily",
        sa.Column("account_id", sa.String(100), primary_key=True),
        sa.Column("day", sa.String(10), primary_key=True),
        sa.Column("nav", MONEY, nullable=False),
        sa.Column("cash", MONEY, nullable=False),
        sa.Column("gross_exposure", MONEY, nullable=False),
        sa.Column("net_exposure", MONEY, nullable=False),
        sa.Column("base_currency", sa.String(16), nullable=False),
        sa.Column("event_time", TS, nullable=False),
    )
    op.create_table(
        "an_nav_intraday",
        sa.Column("account_id", sa.String(100), primary_key=True),
        sa.Column("minute", TS, primary_key=True),
        sa.Column("nav", MONEY, nullable=False),
        sa.Column("event_time", TS, nullable=False),
    )
    op.create_table(
        "an_pnl_daily",
        sa.Column("account_id", sa.String(100), primary_key=True),
        sa.Column("strategy_id", sa.String(100), primary_key=True),
        sa.Column("day", sa.String(10), primary_key=True),
        sa.Column("realized", MONEY, nullable=False),
        sa.Column("unrealized", MONEY, nullable=False),
        sa.Column("fees", MONEY, nullable=False),
        sa.Column("total", MONEY, nullable=False),
        sa.Column("day_pnl", MONEY, nullable=False),
        sa.Column("currency", sa.String(16), nullable=False),
        sa.Column("as_of", TS, nullable=False),
    )
    op.create_table(
        "an_fills",
        sa.Column("account_id", sa.String(100), primary_key=True),
        sa.Column("fill_id", sa.String(100), primary_key=True),
        sa.Column("day", sa.String(10), nullable=False),
    )
    op.create_index("ix_an_fills_day", "an_fills", ["account_id", "day"])
    op.create_table(
        "an_positions",
        sa.Column("account_id", sa.String(100), primary_key=True),
        sa.Column("instrument_id", sa.String(100), primary_key=True),
        sa.Column("quantity", sa.Float, nullable=False),
        sa.Column("market_value", MONEY, nullable=False),
        sa.Column("unrealized_pnl", MONEY, nullable=False),
        sa.Column("weight", sa.Float, nullable=False),
        sa.Column("by_strategy_json", sa.Text, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
    )
    op.create_table(
        "an_price_daily",
        sa.Column("instrument_id", sa.String(100), primary_key=True),
        sa.Column("day", sa.String(10), primary_key=True),
        sa.Column("close", sa.Float, nullable=False),
        sa.Column("bar_end", TS, nullable=False),
    )


def downgrade() -> None:
    op.drop_index("ix_an_fills_day", table_name="an_fills")
    for t in ("an_price_daily", "an_positions", "an_fills", "an_pnl_daily",
              "an_nav_intraday", "an_nav_daily"):
        op.drop_table(t)

"""risk engine: limits, accounts, instruments, restrictions, kill switches and history,
fills, drawdown state

Revision ID: risk_0001
Revises:
Create Date: 2026-11-24
"""

import sqlalchemy as sa
from alembic import op

revision = "risk_0001"
down_revision = None
branch_labels = None
depends_on = None

TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "risk_limit_sets",
        sa.Column("account_id", sa.String(128), primary_key=True),
        sa.Column("strategy_id", sa.String(128), primary_key=True),
        sa.Column("version", sa.BigInteger, nullable=False),
        sa.Column("payload", sa.LargeBinary, nullable=False),
        sa.Column("updated_by", sa.String(256), nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
    )
    op.create_table(
        "risk_accounts",
        sa.Column("account_id", sa.String(128), primary_key=True),
        sa.Column("payload", sa.LargeBinary, nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
    )
    op.create_table(
        "risk_instruments",
        sa.Column("instrument_id", sa.String(128), primary_key=True),
        sa.Column("asset_class", sa.Integer, nullable=False),
        sa.Column("sector", sa.String(128), nullable=False),
        sa.Column("multiplier", sa.Float, nullable=False),
        sa.Column("currency", sa.String(16), nullable=False),
        sa.Column("margin_rate", sa.Float, nullable=False),
    )
    op.create_table(
        "risk_restrictions",
        sa.Column("account_id", sa.String(128), primary_key=True),
        sa.Column("instrument_id", sa.String(128), primary_key=True),
        sa.Column("kind", sa.Integer, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("added_by", sa.String(256), nullable=False),
        sa.Column("added_at", TZ, nullable=False),
    )
    op.create_table(
        "risk_kill_switches",
        sa.Column("account_id", sa.String(128), primary_key=True),
        sa.Column("state", sa.Integer, nullable=False),
        sa.Column("actor", sa.String(256), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("changed_at", TZ, nullable=False),
    )
    op.create_table(
        "risk_kill_switch_history",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("account_id", sa.String(128), nullable=False),
        sa.Column("previous_state", sa.Integer, nullable=False),
        sa.Column("state", sa.Integer, nullable=False),
        sa.Column("actor", sa.String(256), nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("changed_at", TZ, nullable=False),
    )
    op.create_index("ix_risk_kill_switch_history_account_id", "risk_kill_switch_history",
                    ["account_id"])
    op.create_table(
        "risk_fills",
        sa.Column("fill_id", sa.String(128), primary_key=True),
        sa.Column("account_id", sa.String(128), nullable=False),
        sa.Column("strategy_id", sa.String(128), nullable=False),
        sa.Column("instrument_id", sa.String(128), nullable=False),
        sa.Column("side", sa.Integer, nullable=False),
        sa.Column("quantity", sa.Float, nullable=False),
        sa.Column("price", sa.Float, nullable=False),
        sa.Column("fee", sa.Float, nullable=False),
        sa.Column("executed_at", TZ, nullable=False),
        sa.Column("seq", sa.BigInteger, nullable=False),
    )
    op.create_index("ix_risk_fills_account_id", "risk_fills", ["account_id"])
    op.create_table(
        "risk_drawdown_state",
        sa.Column("account_id", sa.String(128), primary_key=True),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("updated_at", TZ, nullable=False),
    )


def downgrade() -> None:
    for name in ("risk_drawdown_state", "risk_fills", "risk_kill_switch_history",
                 "risk_kill_switches", "risk_restrictions", "risk_instruments",
                 "risk_accounts", "risk_limit_sets"):
        op.drop_table(name)

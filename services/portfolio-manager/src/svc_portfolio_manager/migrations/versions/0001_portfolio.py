"""positions, lots, cash ledger, fills, wash sales, targets, nav

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "pm_accounts",
        sa.Column("account_id", sa.String(length=128), nullable=False),
        sa.Column("base_currency", sa.String(length=16), nullable=False),
        sa.Column("lot_method", sa.Integer(), nullable=False),
        sa.Column("cash", sa.String(length=64), nullable=False),
        sa.Column("fees", sa.String(length=64), nullable=False),
        sa.Column("dividends", sa.String(length=64), nullable=False),
        sa.Column("strategy_json", sa.Text(), nullable=False),
        sa.Column("lot_seq", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("account_id"),
    )
    op.create_table(
        "pm_cash_ledger",
        sa.Column("entry_id", sa.String(length=200), nullable=False),
        sa.Column("account_id", sa.String(length=128), nullable=False),
        sa.Column("amount", sa.String(length=64), nullable=False),
        sa.Column("currency", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("reference_id", sa.String(length=200), nullable=False),
        sa.Column("balance_after", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("entry_id"),
    )
    with op.batch_alter_table("pm_cash_ledger", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_pm_cash_ledger_account_id"), ["account_id"], unique=False
        )

    op.create_table(
        "pm_corporate_actions",
        sa.Column("account_id", sa.String(length=128), nullable=False),
        sa.Column("action_id", sa.String(length=160), nullable=False),
        sa.PrimaryKeyConstraint("account_id", "action_id"),
    )
    op.create_table(
        "pm_fills",
        sa.Column("account_id", sa.String(length=128), nullable=False),
        sa.Column("fill_id", sa.String(length=160), nullable=False),
        sa.Column("instrument", sa.String(length=128), nullable=False),
        sa.Column("side", sa.Integer(), nullable=False),
        sa.Column("quantity", sa.String(length=64), nullable=False),
        sa.Column("price", sa.String(length=64), nullable=False),
        sa.Column("fee", sa.String(length=64), nullable=False),
        sa.Column("executed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("strategy_id", sa.String(length=128), nullable=False),
        sa.Column("client_order_id", sa.String(length=160), nullable=False),
        sa.PrimaryKeyConstraint("account_id", "fill_id"),
    )
    op.create_table(
        "pm_loss_sales",
        sa.Column("account_id", sa.String(length=128), nullable=False),
        sa.Column("sale_id", sa.String(length=330), nullable=False),
        sa.Column("instrument", sa.String(length=128), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("quantity", sa.String(length=64), nullable=False),
        sa.Column("remaining", sa.String(length=64), nullable=False),
        sa.Column("loss_per_unit", sa.String(length=64), nullable=False),
        sa.Column("long_term", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("account_id", "sale_id"),
    )
    op.create_table(
        "pm_lot_closes",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("account_id", sa.String(length=128), nullable=False),
        sa.Column("lot_id", sa.String(length=160), nullable=False),
        sa.Column("instrument", sa.String(length=128), nullable=False),
        sa.Column("quantity", sa.String(length=64), nullable=False),
        sa.Column("cost_per_unit", sa.String(length=64), nullable=False),
        sa.Column("price", sa.String(length=64), nullable=False),
        sa.Column("realized", sa.String(length=64), nullable=False),
        sa.Column("wash_adjustment", sa.String(length=64), nullable=False),
        sa.Column("wash_disallowed", sa.String(length=64), nullable=False),
        sa.Column("acquired_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("fill_id", sa.String(length=160), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("pm_lot_closes", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_pm_lot_closes_account_id"), ["account_id"], unique=False
        )

    op.create_table(
        "pm_lot_designations",
        sa.Column("account_id", sa.String(length=128), nullable=False),
        sa.Column("client_order_id", sa.String(length=160), nullable=False),
        sa.Column("lot_ids_json", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("account_id", "client_order_id"),
    )
    op.create_table(
        "pm_lots",
        sa.Column("account_id", sa.String(length=128), nullable=False),
        sa.Column("lot_id", sa.String(length=160), nullable=False),
        sa.Column("instrument", sa.String(length=128), nullable=False),
        sa.Column("quantity", sa.String(length=64), nullable=False),
        sa.Column("original_quantity", sa.String(length=64), nullable=False),
        sa.Column("cost_per_unit", sa.String(length=64), nullable=False),
        sa.Column("wash_adjustment", sa.String(length=64), nullable=False),
        sa.Column("wash_used", sa.String(length=64), nullable=False),
        sa.Column("acquired_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("fill_id", sa.String(length=160), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("account_id", "lot_id"),
    )
    with op.batch_alter_table("pm_lots", schema=None) as batch_op:
        batch_op.create_index("ix_pm_lots_instrument", ["account_id", "instrument"], unique=False)

    op.create_table(
        "pm_nav_history",
        sa.Column("account_id", sa.String(length=128), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("nav", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("account_id", "at"),
    )
    op.create_table(
        "pm_positions",
        sa.Column("account_id", sa.String(length=128), nullable=False),
        sa.Column("instrument", sa.String(length=128), nullable=False),
        sa.Column("quantity", sa.String(length=64), nullable=False),
        sa.Column("average_cost", sa.String(length=64), nullable=False),
        sa.Column("realized", sa.String(length=64), nullable=False),
        sa.Column("fees", sa.String(length=64), nullable=False),
        sa.Column("dividends", sa.String(length=64), nullable=False),
        sa.Column("mark", sa.String(length=64), nullable=True),
        sa.Column("by_strategy_json", sa.Text(), nullable=False),
        sa.Column("day", sa.String(length=10), nullable=False),
        sa.Column("day_start_value", sa.String(length=64), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("account_id", "instrument"),
    )
    op.create_table(
        "pm_standing_targets",
        sa.Column("account_id", sa.String(length=128), nullable=False),
        sa.Column("strategy_id", sa.String(length=128), nullable=False),
        sa.Column("targets_json", sa.Text(), nullable=False),
        sa.Column("drift_threshold", sa.String(length=32), nullable=False),
        sa.Column("last_rebalanced_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("account_id", "strategy_id"),
    )
    op.create_table(
        "pm_wash_sales",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("account_id", sa.String(length=128), nullable=False),
        sa.Column("instrument", sa.String(length=128), nullable=False),
        sa.Column("sold_lot_id", sa.String(length=330), nullable=False),
        sa.Column("replacement_lot_id", sa.String(length=160), nullable=False),
        sa.Column("quantity", sa.String(length=64), nullable=False),
        sa.Column("disallowed_loss", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("long_term", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("pm_wash_sales", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_pm_wash_sales_account_id"), ["account_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("pm_wash_sales", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pm_wash_sales_account_id"))

    op.drop_table("pm_wash_sales")
    op.drop_table("pm_standing_targets")
    op.drop_table("pm_positions")
    op.drop_table("pm_nav_history")
    with op.batch_alter_table("pm_lots", schema=None) as batch_op:
        batch_op.drop_index("ix_pm_lots_instrument")

    op.drop_table("pm_lots")
    op.drop_table("pm_lot_designations")
    with op.batch_alter_table("pm_lot_closes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pm_lot_closes_account_id"))

    op.drop_table("pm_lot_closes")
    op.drop_table("pm_loss_sales")
    op.drop_table("pm_fills")
    op.drop_table("pm_corporate_actions")
    with op.batch_alter_table("pm_cash_ledger", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pm_cash_ledger_account_id"))

    op.drop_table("pm_cash_ledger")
    op.drop_table("pm_accounts")

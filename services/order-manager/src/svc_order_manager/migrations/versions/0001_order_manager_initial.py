"""orders, order events, fills, parent orders, kill switches

Revision ID: om0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "om0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "om_orders",
        sa.Column("order_id", sa.String(64), primary_key=True),
        sa.Column("account_id", sa.String(128), nullable=False),
        sa.Column("client_order_id", sa.String(200), nullable=False),
        sa.Column("strategy_id", sa.String(128), nullable=False),
        sa.Column("instrument_id", sa.String(128), nullable=False),
        sa.Column("parent_order_id", sa.String(64), nullable=False),
        sa.Column("status", sa.Integer, nullable=False),
        sa.Column("is_open", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("updated_at", sa.Float, nullable=False),
        sa.Column("expire_at", sa.Float, nullable=True),
        sa.Column("data", sa.LargeBinary, nullable=False),
        sa.Column("extra", sa.Text, nullable=False),
        sa.UniqueConstraint("account_id", "client_order_id", name="uq_om_orders_client"),
    )
    op.create_index("ix_om_orders_open", "om_orders", ["is_open"])
    op.create_index("ix_om_orders_parent", "om_orders", ["parent_order_id"])
    op.create_index("ix_om_orders_account_created", "om_orders", ["account_id", "created_at"])
    op.create_table(
        "om_order_events",
        sa.Column("event_id", sa.String(64), primary_key=True),
        sa.Column("order_id", sa.String(64), nullable=False),
        sa.Column("event_type", sa.String(200), nullable=False),
        sa.Column("from_status", sa.Integer, nullable=False),
        sa.Column("to_status", sa.Integer, nullable=False),
        sa.Column("reason", sa.Text, nullable=False),
        sa.Column("at", sa.Float, nullable=False),
        sa.Column("payload", sa.LargeBinary, nullable=False),
    )
    op.create_index("ix_om_order_events_order", "om_order_events", ["order_id", "at"])
    op.create_table(
        "om_fills",
        sa.Column("fill_id", sa.String(200), primary_key=True),
        sa.Column("order_id", sa.String(64), nullable=False),
        sa.Column("parent_order_id", sa.String(64), nullable=False),
        sa.Column("account_id", sa.String(128), nullable=False),
        sa.Column("strategy_id", sa.String(128), nullable=False),
        sa.Column("instrument_id", sa.String(128), nullable=False),
        sa.Column("side", sa.Integer, nullable=False),
        sa.Column("quantity", sa.Float, nullable=False),
        sa.Column("price", sa.Float, nullable=False),
        sa.Column("executed_at", sa.Float, nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
    )
    op.create_index("ix_om_fills_order", "om_fills", ["order_id"])
    op.create_index("ix_om_fills_parent", "om_fills", ["parent_order_id"])
    op.create_index("ix_om_fills_account", "om_fills", ["account_id", "executed_at"])
    op.create_table(
        "om_parent_orders",
        sa.Column("parent_order_id", sa.String(64), primary_key=True),
        sa.Column("account_id", sa.String(128), nullable=False),
        sa.Column("client_order_id", sa.String(200), nullable=False),
        sa.Column("status", sa.Integer, nullable=False),
        sa.Column("created_at", sa.Float, nullable=False),
        sa.Column("updated_at", sa.Float, nullable=False),
        sa.Column("data", sa.LargeBinary, nullable=False),
        sa.Column("state", sa.Text, nullable=False),
        sa.UniqueConstraint("account_id", "client_order_id", name="uq_om_parents_client"),
    )
    op.create_index("ix_om_parents_status", "om_parent_orders", ["status"])
    op.create_table(
        "om_kill_switches",
        sa.Column("account_id", sa.String(128), primary_key=True),
        sa.Column("state", sa.Integer, nullable=False),
        sa.Column("updated_at", sa.Float, nullable=False),
    )


def downgrade() -> None:
    for t in ("om_kill_switches", "om_parent_orders", "om_fills", "om_order_events", "om_orders"):
        op.drop_table(t)

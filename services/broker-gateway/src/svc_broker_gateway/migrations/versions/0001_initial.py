"""orders, venue slices, route decisions

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
        "bg_orders",
        sa.Column("order_id", sa.String(64), primary_key=True),
        sa.Column("account_id", sa.String(64), nullable=False),
        sa.Column("client_order_id", sa.String(128), nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("status", sa.String(24), nullable=False),
        sa.Column("updated_at", sa.Float, nullable=False),
        sa.UniqueConstraint("account_id", "client_order_id", name="uq_bg_orders_client"),
    )
    op.create_index("ix_bg_orders_status", "bg_orders", ["status"])
    op.create_table(
        "bg_slices",
        sa.Column("slice_id", sa.String(160), primary_key=True),
        sa.Column("order_id", sa.String(64), nullable=False),
        sa.Column("venue", sa.String(64), nullable=False),
        sa.Column("data", sa.Text, nullable=False),
        sa.Column("status", sa.String(24), nullable=False),
        sa.Column("updated_at", sa.Float, nullable=False),
    )
    op.create_index("ix_bg_slices_order_id", "bg_slices", ["order_id"])
    op.create_index("ix_bg_slices_venue", "bg_slices", ["venue"])
    op.create_index("ix_bg_slices_status", "bg_slices", ["status"])
    op.create_table(
        "bg_route_decisions",
        sa.Column("decision_id", sa.String(64), primary_key=True),
        sa.Column("order_id", sa.String(64), nullable=False),
        sa.Column("account_id", sa.String(64), nullable=False),
        sa.Column("seq", sa.Integer, nullable=False),
        sa.Column("payload", sa.LargeBinary, nullable=False),
    )
    op.create_index("ix_bg_route_decisions_order_id", "bg_route_decisions", ["order_id"])
    op.create_index("ix_bg_route_decisions_account_id", "bg_route_decisions", ["account_id"])
    op.create_index("ix_bg_route_decisions_seq", "bg_route_decisions", ["seq"])


def downgrade() -> None:
    op.drop_table("bg_route_decisions")
    op.drop_table("bg_slices")
    op.drop_table("bg_orders")

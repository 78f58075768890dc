"""Tables of the risk engine (schema changes only through migrations/)."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Float,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

limit_sets = Table(
    "risk_limit_sets",
    metadata,
    Column("account_id", String(128), primary_key=True),
    Column("strategy_id", String(128), primary_key=True, default=""),
    Column("version", BigInteger, nullable=False),
    Column("payload", LargeBinary, nullable=False),  # serialized omni.risk_engine.v1.LimitSet
    Column("updated_by", String(256), nullable=False, default=""),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

limit_set_history = Table(
    "risk_limit_set_history",
    metadata,
    Column("account_id", String(128), primary_key=True),
    Column("strategy_id", String(128), primary_key=True),
    Column("version", BigInteger, primary_key=True),
    Column("payload", LargeBinary, nullable=False),
    Column("updated_by", String(256), nullable=False, default=""),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

accounts = Table(
    "risk_accounts",
    metadata,
    Column("account_id", String(128), primary_key=True),
    Column("payload", LargeBinary, nullable=False),  # serialized RiskAccount
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

instruments = Table(
    "risk_instruments",
    metadata,
    Column("instrument_id", String(128), primary_key=True),
    Column("asset_class", Integer, nullable=False, default=0),
    Column("sector", String(128), nullable=False, default=""),
    Column("multiplier", Float, nullable=False, default=1.0),
    Column("currency", String(16), nullable=False, default=""),
    Column("margin_rate", Float, nullable=False, default=0.0),
)

restrictions = Table(
    "risk_restrictions",
    metadata,
    Column("account_id", String(128), primary_key=True, default=""),
    Column("instrument_id", String(128), primary_key=True),
    Column("kind", Integer, nullable=False),
    Column("reason", Text, nullable=False, default=""),
    Column("added_by", String(256), nullable=False, default=""),
    Column("added_at", DateTime(timezone=True), nullable=False),
)

kill_switches = Table(
    "risk_kill_switches",
    metadata,
    Column("account_id", String(128), primary_key=True),  # "" = global
    Column("state", Integer, nullable=False),
    Column("actor", String(256), nullable=False),
    Column("reason", Text, nullable=False),
    Column("changed_at", DateTime(timezone=True), nullable=False),
)

kill_switch_history = Table(
    "risk_kill_switch_history",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("account_id", String(128), nullable=False, index=True),
    Column("previous_state", Integer, nullable=False),
    Column("state", Integer, nullable=False),
    Column("actor", String(256), nullable=False),
    Column("reason", Text, nullable=False),
    Column("changed_at", DateTime(timezone=True), nullable=False),
)

fills = Table(
    "risk_fills",
    metadata,
    Column("fill_id", String(128), primary_key=True),
    Column("account_id", String(128), nullable=False, index=True),
    Column("strategy_id", String(128), nullable=False, default=""),
    Column("instrument_id", String(128), nullable=False),
    Column("side", Integer, nullable=False),
    Column("quantity", Float, nullable=False),
    Column("price", Float, nullable=False),
    Column("fee", Float, nullable=False, default=0.0),
    Column("executed_at", DateTime(timezone=True), nullable=False),
    Column("seq", BigInteger, nullable=False),  # arrival order, for replay
)

drawdown_state = Table(
    "risk_drawdown_state",
    metadata,
    Column("account_id", String(128), primary_key=True),
    Column("payload", Text, nullable=False),  # JSON of omni_quant.risk.DrawdownState
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

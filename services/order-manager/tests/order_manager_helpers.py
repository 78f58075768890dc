"""Shared by the order-manager tests: a database per backend, a risk-engine over real gRPC
(the real svc_risk_engine servicer in process when importable, else a stand-in), builders."""

from __future__ import annotations

import contextlib
from datetime import UTC, datetime
from typing import Any

from omni.common.v1 import types_pb2 as common
from omni.order_manager.v1 import events_pb2 as ome
from omni.order_manager.v1 import order_manager_service_pb2 as om
from omni.risk_engine.v1 import risk_engine_service_pb2 as rk
from omni.risk_engine.v1 import risk_engine_service_pb2_grpc as rk_grpc
from omni_core.db import Database, outbox_table
from omni_core.rpc import channel
from sqlalchemy import select

ACCT = "ACC1"
AAPL = "AAPL.XNAS"
T0 = datetime(2024, 5, 6, 14, 30, tzinfo=UTC)


async def make_db(kind: str, sqlite_url: str, pg: Any) -> Database:
    db = Database(sqlite_url) if kind == "sqlite" else pg.database()
    await db.migrate("svc_order_manager.migrations", version_table="alembic_version_order_manager")
    await db.ensure_kit_tables()
    return db


def sub(coid: str = "c1", qty: float = 100, side: int = common.SIDE_BUY, inst: str = AAPL,
        otype: int = common.ORDER_TYPE_MARKET, limit: float = 0.0,
        tif: int = common.TIME_IN_FORCE_GTC, account: str = ACCT) -> om.SubmitOrderRequest:
    return om.SubmitOrderRequest(
        client_order_id=coid, account_id=account, strategy_id="S1",
        instrument_id=common.InstrumentId(value=inst), side=side, order_type=otype,
        time_in_force=tif, quantity=qty, limit_price=limit)


def report(order: om.Order, et: int, *, q: float = 0.0, px: float = 0.0, fid: str = "",
           reason: str = "", cum: float = 0.0, leaves: float = 0.0,
           original: str = "") -> ome.ExecutionReport:
    return ome.ExecutionReport(
        account_id=order.account_id, exec_id=fid or f"{order.order_id}:{et}", exec_type=et,
        order_id=order.order_id, client_order_id=order.client_order_id, venue="paper",
        venue_order_id="v-" + order.order_id[-6:], instrument_id=order.instrument_id,
        side=order.side, last_quantity=q, last_price=px, cumulative_quantity=cum,
        leaves_quantity=leaves, fee=common.Decimal(value="0.01" if q else "0"),
        fee_currency="USD", liquidity=common.LIQUIDITY_TAKER if q else 0, reason=reason,
        original_order_id=original)


async def outbox_events(db: Database) -> list[tuple[str, Any]]:
    from omni_core.envelope import message_class

    async with db.engine.connect() as conn:
        rows = (await conn.execute(select(outbox_table).order_by(
            outbox_table.c.created_at, outbox_table.c.id))).all()
    return [(r.event_type.rsplit(".", 1)[-1], message_class(r.event_type).FromString(r.payload))
            for r in rows]


class StandInRisk(rk_grpc.RiskEngineServiceServicer):
    """Used only when svc_risk_engine cannot be imported: approves up to max_quantity for
    known accounts."""

    def __init__(self, accounts: set[str], max_quantity: float) -> None:
        self.accounts, self.max_quantity = accounts, max_quantity

    async def CheckOrder(self, request, context):  # noqa: N802
        if request.account_id not in self.accounts:
            return rk.CheckOrderResponse(approved=False, reasons=[rk.CheckFailure(
                rule="unknown_account", message=f"unknown account {request.account_id}")])
        if request.quantity > self.max_quantity:
            return rk.CheckOrderResponse(approved=False, reasons=[rk.CheckFailure(
                rule="max_order_quantity", message="order quantity above the limit")])
        return rk.CheckOrderResponse(approved=True, check_id="c")


@contextlib.asynccontextmanager
async def risk_engine(grpc_server, max_quantity: float = 1000.0):
    """Yields (address, kind): a gRPC RiskEngineService knowing ACC1 and AAPL, refusing
    orders above `max_quantity`."""
    try:
        from omni_core.clock import SimulatedClock
        from svc_risk_engine.engine import RiskEngine
        from svc_risk_engine.servicer import RiskRuntime, RiskServicer
    except ImportError:
        _, address = await grpc_server((rk_grpc.add_RiskEngineServiceServicer_to_server,
                                        StandInRisk({ACCT}, max_quantity),
                                        "omni.risk_engine.v1.RiskEngineService"))
        yield address, "stand-in"
        return
    engine = RiskEngine(SimulatedClock(T0))
    rt = RiskRuntime(engine, None, lambda t, k, e: None)
    rt.start()
    _, address = await grpc_server((rk_grpc.add_RiskEngineServiceServicer_to_server,
                                    RiskServicer(rt), "omni.risk_engine.v1.RiskEngineService"))
    async with channel(address) as ch:
        stub = rk_grpc.RiskEngineServiceStub(ch)
        acc = rk.RiskAccount(account_id=ACCT, currency="USD", initial_margin_rate=1.0)
        acc.starting_equity.value = "100000000"
        await stub.SetAccount(rk.SetAccountRequest(account=acc, actor="test"))
        for inst in (AAPL, "MSFT.XNAS"):
            info = rk.InstrumentRiskData(asset_class=common.ASSET_CLASS_EQUITY, sector="tech",
                                         multiplier=1.0, currency="USD")
            info.instrument_id.value = inst
            await stub.UpsertInstruments(rk.UpsertInstrumentsRequest(instruments=[info]))
        lim = rk.Limit(type=rk.LIMIT_TYPE_MAX_ORDER_QUANTITY, action=rk.BREACH_ACTION_REJECT,
                       enabled=True)
        lim.threshold.value = str(max_quantity)
        await stub.SetLimits(rk.SetLimitsRequest(
            limit_set=rk.LimitSet(account_id=ACCT, limits=[lim]), expected_version=0,
            actor="test"))
    engine.update_price(AAPL, 190.0)
    engine.update_price("MSFT.XNAS", 400.0)
    try:
        yield address, "svc_risk_engine"
    finally:
        with contextlib.suppress(Exception):
            await rt.stop()

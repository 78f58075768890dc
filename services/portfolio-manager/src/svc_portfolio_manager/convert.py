"""Protobuf <-> accounting objects. Decimals go on the wire as plain strings (no exponent)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

from google.protobuf.timestamp_pb2 import Timestamp
from omni.common.v1 import types_pb2 as common
from omni.order_manager.v1 import order_manager_service_pb2 as om
from omni.portfolio_manager.v1 import portfolio_manager_service_pb2 as pb
from omni_core.errors import InvalidArgument

from svc_portfolio_manager.accounting import (
    ZERO,
    Account,
    Fill,
    Lot,
    LotClose,
    LotMethod,
    Position,
    Side,
    dec,
)

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def dstr(d: Decimal) -> str:
    if d == 0:
        return "0"
    s = format(d.normalize(), "f")
    return s


def D(d: Decimal) -> common.Decimal:  # noqa: N802
    return common.Decimal(value=dstr(d))


def from_d(msg: common.Decimal, what: str = "decimal") -> Decimal:
    try:
        return dec(msg.value) if msg.value else ZERO
    except InvalidArgument:
        raise InvalidArgument(f"{what}: not a decimal number: {msg.value!r}") from None


def ts(dt: datetime | None) -> Timestamp:
    t = Timestamp()
    if dt is not None:
        t.FromDatetime(dt.astimezone(UTC))
    return t


def from_ts(t: Timestamp, default: datetime | None = None) -> datetime | None:
    if t.seconds == 0 and t.nanos == 0:
        return default
    return t.ToDatetime(tzinfo=UTC)


def inst(i: str) -> common.InstrumentId:
    return common.InstrumentId(value=i)


def fill_from_pb(f: om.Fill, account_id: str, now: datetime) -> Fill:
    side = {common.SIDE_BUY: Side.BUY, common.SIDE_SELL: Side.SELL}.get(f.side)
    if side is None:
        raise InvalidArgument(f"fill {f.fill_id} has no side")
    return Fill(
        fill_id=f.fill_id,
        account_id=f.account_id or account_id,
        instrument=f.instrument_id.value,
        side=side,
        quantity=dec(f.quantity),
        price=dec(f.price),
        fee=from_d(f.fee, "fee"),
        executed_at=from_ts(f.executed_at, now) or now,
        strategy_id=f.strategy_id,
        client_order_id=f.client_order_id,
    )


def position_pb(pos: Position, nav: Decimal, currency: str = "") -> pb.Position:
    mv = pos.market_value
    return pb.Position(
        account_id=pos.account_id,
        instrument_id=inst(pos.instrument),
        quantity=float(pos.quantity),
        average_cost=float(pos.average_cost),
        market_price=float(pos.price),
        market_value=D(mv),
        cost_basis=D(pos.cost_basis),
        unrealized_pnl=D(pos.unrealized),
        realized_pnl=D(pos.realized),
        day_pnl=D(pos.day_pnl),
        currency=currency,
        weight=float(mv / nav) if nav > 0 else 0.0,
        updated_at=ts(pos.updated_at),
        quantity_by_strategy={k: float(v) for k, v in pos.quantity_by_strategy.items()},
    )


def pnl_pb(acc: Account, now: datetime, strategy_id: str = "") -> pb.PnlSummary:
    return pb.PnlSummary(
        account_id=acc.account_id,
        strategy_id=strategy_id,
        realized=D(acc.realized),
        unrealized=D(acc.unrealized),
        fees=D(acc.fees),
        dividends=D(acc.dividends),
        total=D(acc.total_pnl),
        day=D(acc.day_pnl),
        currency=acc.base_currency,
        as_of=ts(now),
    )


def cash_pb(acc: Account) -> pb.CashBalance:
    return pb.CashBalance(
        currency=acc.base_currency, settled=D(acc.cash), available=D(acc.cash), reserved=D(ZERO)
    )


def lot_pb(lot: Lot, mark: Decimal | None, now: datetime) -> pb.TaxLot:
    price = mark if mark is not None else lot.cost_per_unit
    return pb.TaxLot(
        lot_id=lot.lot_id,
        account_id=lot.account_id,
        instrument_id=inst(lot.instrument),
        quantity=float(lot.quantity),
        original_quantity=float(lot.original_quantity),
        cost_per_unit=float(lot.cost_per_unit),
        cost_basis=D(lot.tax_basis),
        unrealized_pnl=D((price - lot.cost_per_unit) * lot.quantity),
        acquired_at=ts(lot.acquired_at),
        long_term=lot.is_long_term(now),
        fill_id=lot.fill_id,
    )


def closed_lot_pb(c: LotClose) -> pb.TaxLot:
    return pb.TaxLot(
        lot_id=c.lot_id,
        account_id=c.account_id,
        instrument_id=inst(c.instrument),
        quantity=0.0,
        original_quantity=float(c.quantity),
        cost_per_unit=float(c.cost_per_unit),
        cost_basis=D(c.quantity * c.cost_per_unit),
        unrealized_pnl=D(ZERO),
        acquired_at=ts(c.acquired_at),
        long_term=c.long_term,
        fill_id=c.lot_id,
    )


def portfolio_pb(acc: Account, now: datetime) -> pb.Portfolio:
    nav = acc.nav
    gross = acc.gross_exposure
    return pb.Portfolio(
        account_id=acc.account_id,
        base_currency=acc.base_currency,
        nav=D(nav),
        cash=D(acc.cash),
        gross_exposure=D(gross),
        net_exposure=D(acc.net_exposure),
        leverage=float(gross / nav) if nav > 0 else 0.0,
        positions=[
            position_pb(p, nav, acc.base_currency)
            for _, p in sorted(acc.positions.items())
            if p.lots
        ],
        cash_balances=[cash_pb(acc)],
        pnl=pnl_pb(acc, now),
        lot_method=int(acc.lot_method),
        as_of=ts(now),
    )


def lot_method_from_pb(v: int, *, allow_unspecified: bool = False) -> LotMethod | None:
    if v == pb.LOT_METHOD_UNSPECIFIED:
        if allow_unspecified:
            return None
        raise InvalidArgument("lot_method is required")
    try:
        return LotMethod(v)
    except ValueError:
        raise InvalidArgument(f"unknown lot_method {v}") from None

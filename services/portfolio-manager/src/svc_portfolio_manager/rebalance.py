"""Target weights into trades: a no-trade band around each target (only a weight that has
drifted past the band trades, and only back to the band's edge, which minimises turnover),
quantities rounded toward zero to lot sizes, tiny trades dropped. Pure: no I/O.

An instrument held but absent from the targets has target 0 and is closed in full (the band
applies to it too, but a close is never left at the edge: it trades to zero).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_DOWN, Decimal

from omni_core.errors import FailedPrecondition, InvalidArgument

from svc_portfolio_manager.accounting import ZERO, Account, Book, Fill, LotMethod, Side

__all__ = ["PlannedTrade", "plan_rebalance", "max_drift", "rebalance_due", "estimate_realized"]


@dataclass(frozen=True, slots=True)
class PlannedTrade:
    instrument: str
    side: Side
    quantity: Decimal
    price: Decimal
    notional: Decimal
    estimated_cost: Decimal
    current_weight: float
    target_weight: float


def _round_lot(q: Decimal, lot: Decimal) -> Decimal:
    if lot <= 0:
        raise InvalidArgument(f"lot size must be positive, got {lot}")
    return (q / lot).to_integral_value(rounding=ROUND_DOWN) * lot


def plan_rebalance(
    account: Account,
    targets: Mapping[str, float],
    *,
    band: float = 0.0,
    lot_sizes: Mapping[str, Decimal] | None = None,
    default_lot: Decimal = Decimal(1),
    min_notional: Decimal = ZERO,
    cost_bps: float = 0.0,
    prices: Mapping[str, Decimal] | None = None,
    to_edge: bool = True,
) -> list[PlannedTrade]:
    if band < 0:
        raise InvalidArgument("drift_threshold must be >= 0")
    for inst, w in targets.items():
        if not inst:
            raise InvalidArgument("a target has no instrument id")
        if w != w or abs(w) > 10:
            raise InvalidArgument(f"target weight of {inst} is not a sensible weight: {w}")
    nav = account.nav
    if nav <= 0:
        raise FailedPrecondition(f"account {account.account_id} has no positive NAV ({nav})")
    lot_sizes = lot_sizes or {}
    prices = dict(prices or {})
    universe = sorted(set(targets) | {i for i, p in account.positions.items() if p.lots})
    trades: list[PlannedTrade] = []
    for inst in universe:
        pos = account.positions.get(inst)
        price = prices.get(inst) or (pos.mark if pos is not None else None)
        if price is None or price <= 0:
            raise FailedPrecondition(f"no market price for {inst}: cannot size the trade")
        qty_now = pos.quantity if pos is not None else ZERO
        w_now = float(qty_now * price / nav)
        w_tgt = float(targets.get(inst, 0.0))
        drift = w_now - w_tgt
        if abs(drift) <= band:
            continue
        closing = w_tgt == 0
        if to_edge and not closing:
            w_goal = w_tgt + (band if drift > 0 else -band)
        else:
            w_goal = w_tgt
        if closing:
            delta_q = -qty_now
        else:
            delta_q = (Decimal(repr(w_goal)) * nav / price) - qty_now
        q = _round_lot(abs(delta_q), lot_sizes.get(inst, default_lot))
        if closing:
            q = abs(qty_now)  # close in full, odd lot included
        if q == 0:
            continue
        notional = q * price
        if notional < min_notional:
            continue
        trades.append(
            PlannedTrade(
                inst,
                Side.BUY if delta_q > 0 else Side.SELL,
                q,
                price,
                notional,
                notional * Decimal(repr(cost_bps)) / Decimal(10000),
                w_now,
                w_tgt,
            )
        )
    # sells first: they fund the buys
    trades.sort(key=lambda t: (t.side != Side.SELL, t.instrument))
    return trades


def estimate_realized(
    book: Book,
    account_id: str,
    trades: list[PlannedTrade],
    lot_method: LotMethod | None,
    at: datetime,
) -> Decimal:
    """Realised P&L the trades would book, on a copy of the account."""
    snap = book.snapshot(account_id)
    if snap is None:
        return ZERO
    scratch = Book(wash_sale_days=book.wash_sale_days)
    scratch.accounts[account_id] = snap
    before = snap.realized
    for k, t in enumerate(trades):
        scratch.apply_fill(
            Fill(f"__est{k}", account_id, t.instrument, t.side, t.quantity, t.price, ZERO, at),
            lot_method=lot_method,
        )
    return scratch.accounts[account_id].realized - before


def max_drift(current: Mapping[str, float], targets: Mapping[str, float]) -> float:
    keys = set(current) | set(targets)
    return max((abs(current.get(k, 0.0) - targets.get(k, 0.0)) for k in keys), default=0.0)


def rebalance_due(last: datetime | None, interval: float, now: datetime) -> bool:
    """Scheduled rebalance: never done, or `interval` seconds since the last (0 = no
    schedule)."""
    if interval <= 0:
        return False
    return last is None or now - last >= timedelta(seconds=interval)

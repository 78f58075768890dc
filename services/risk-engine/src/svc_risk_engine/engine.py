"""The pre-trade check engine: plain Python over in-memory state, no I/O and no await.

`RiskEngine.check(request)` answers one `CheckOrderRequest`. Everything it reads (limits,
positions, marks, open orders, order rates, restrictions, kill switches, equity) is kept in
dicts and floats and updated by the event handlers (`apply_fill`, `update_price`, order
lifecycle methods) and by the RPCs that change configuration. Persistence and publishing
happen outside, through the listeners (`on_kill_switch`, `on_breach`).

Bad input:
- a malformed request (no account or instrument id, side unspecified, quantity not a finite
  positive number, a price that is negative or not finite, a limit order without a limit
  price, a stop order without a stop price) raises `InvalidOrder`; over gRPC that is
  INVALID_ARGUMENT and no check result is published;
- a well-formed order the engine cannot or will not accept (unknown account, unknown
  instrument, no price to value it, any rule failing) is an ``approved=False`` outcome with
  one `Failure` per failing rule (rule name, message, limit type, observed and threshold).

Position and exposure limits are checked on the worst case: the position plus the open
orders on the same side (from order events, plus approved checks not yet confirmed by an
order event, for `pending_ttl` seconds), plus this order. An order fails such a limit only if
it makes the measure larger than the threshold AND larger than it was: an order that reduces
a position already above its limit is let through.
"""

from __future__ import annotations

import math
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from omni.common.v1 import types_pb2 as ct
from omni.risk_engine.v1 import risk_engine_service_pb2 as pb
from omni_quant.risk import DrawdownTracker

__all__ = [
    "RiskEngine",
    "InvalidOrder",
    "CheckOutcome",
    "Failure",
    "Rule",
    "Scope",
    "Book",
    "AccountState",
    "InstrumentInfo",
    "KillSwitchRecord",
    "Breach",
    "STATE_RANK",
    "LIMIT_RULE_NAMES",
]

_RESTRICTION_KIND_NO_TRADE = int(pb.RESTRICTION_KIND_NO_TRADE)
_RESTRICTION_KIND_NO_BUY = int(pb.RESTRICTION_KIND_NO_BUY)
_RESTRICTION_KIND_NO_SHORT = int(pb.RESTRICTION_KIND_NO_SHORT)
ACTIVE = pb.KILL_SWITCH_STATE_ACTIVE
REDUCING = pb.KILL_SWITCH_STATE_REDUCING
HALTED = pb.KILL_SWITCH_STATE_HALTED
STATE_RANK = {pb.KILL_SWITCH_STATE_UNSPECIFIED: 0, ACTIVE: 1, REDUCING: 2, HALTED: 3}

BUY = ct.SIDE_BUY
SELL = ct.SIDE_SELL
MARKET = ct.ORDER_TYPE_MARKET
LIMIT = ct.ORDER_TYPE_LIMIT
STOP = ct.ORDER_TYPE_STOP
STOP_LIMIT = ct.ORDER_TYPE_STOP_LIMIT

REJECT = pb.BREACH_ACTION_REJECT
WARN = pb.BREACH_ACTION_WARN
REDUCE = pb.BREACH_ACTION_REDUCE
HALT = pb.BREACH_ACTION_HALT

LT = pb.LimitType
# Plain ints (protobuf enum attribute access is slow on the hot path).
L_UNSPECIFIED = int(pb.LIMIT_TYPE_UNSPECIFIED)
L_MAX_ORDER_QUANTITY = int(pb.LIMIT_TYPE_MAX_ORDER_QUANTITY)
L_MAX_ORDER_NOTIONAL = int(pb.LIMIT_TYPE_MAX_ORDER_NOTIONAL)
L_MAX_POSITION_QUANTITY = int(pb.LIMIT_TYPE_MAX_POSITION_QUANTITY)
L_MAX_POSITION_NOTIONAL = int(pb.LIMIT_TYPE_MAX_POSITION_NOTIONAL)
L_MAX_GROSS_EXPOSURE = int(pb.LIMIT_TYPE_MAX_GROSS_EXPOSURE)
L_MAX_NET_EXPOSURE = int(pb.LIMIT_TYPE_MAX_NET_EXPOSURE)
L_MAX_LEVERAGE = int(pb.LIMIT_TYPE_MAX_LEVERAGE)
L_MAX_CONCENTRATION = int(pb.LIMIT_TYPE_MAX_CONCENTRATION)
L_MAX_DAILY_LOSS = int(pb.LIMIT_TYPE_MAX_DAILY_LOSS)
L_MAX_DRAWDOWN = int(pb.LIMIT_TYPE_MAX_DRAWDOWN)
L_MAX_VAR = int(pb.LIMIT_TYPE_MAX_VAR)
L_MAX_ORDERS_PER_SECOND = int(pb.LIMIT_TYPE_MAX_ORDERS_PER_SECOND)
L_MAX_OPEN_ORDERS = int(pb.LIMIT_TYPE_MAX_OPEN_ORDERS)
L_MAX_PRICE_DEVIATION = int(pb.LIMIT_TYPE_MAX_PRICE_DEVIATION)
L_MAX_SECTOR_EXPOSURE = int(pb.LIMIT_TYPE_MAX_SECTOR_EXPOSURE)
L_MAX_DAILY_DRAWDOWN = int(pb.LIMIT_TYPE_MAX_DAILY_DRAWDOWN)
L_MAX_MONTHLY_DRAWDOWN = int(pb.LIMIT_TYPE_MAX_MONTHLY_DRAWDOWN)
LIMIT_RULE_NAMES: dict[int, str] = {
    v.number: v.name.removeprefix("LIMIT_TYPE_").lower()
    for v in pb.LimitType.DESCRIPTOR.values
    if v.number
}
# Limits evaluated on the account's state (not per order): breaches are found on fills,
# price moves and VaR snapshots, and they act through the kill switch.
STATE_LIMITS = frozenset(
    {
        L_MAX_DAILY_LOSS,
        L_MAX_DRAWDOWN,
        L_MAX_DAILY_DRAWDOWN,
        L_MAX_MONTHLY_DRAWDOWN,
        L_MAX_VAR,
    }
)
ASSET_CLASS_NAMES = {
    ct.ASSET_CLASS_EQUITY: "equity",
    ct.ASSET_CLASS_FX: "fx",
    ct.ASSET_CLASS_FUTURE: "future",
    ct.ASSET_CLASS_OPTION: "option",
    ct.ASSET_CLASS_CRYPTO: "crypto",
}

_isfinite = math.isfinite


class InvalidOrder(ValueError):
    """A malformed check request (maps to INVALID_ARGUMENT)."""


def _farg(a: Any) -> str:
    if isinstance(a, float):
        return fmt(a)
    if isinstance(a, tuple):
        kind, x = a
        return f"{x:.2%}" if kind == "%" else f"{x:.2f}"
    return str(a)


def fmt(x: float) -> str:
    """A float as a decimal string for the wire (no exponent for ordinary magnitudes)."""
    if not _isfinite(x):
        return str(x)
    s = f"{x:.10f}".rstrip("0").rstrip(".")
    return s if s not in ("-0", "") else "0"


# --- configuration ---------------------------------------------------------------------------


@dataclass(slots=True)
class Rule:
    type: int
    threshold: float
    warn_at: float
    action: int
    instrument: str = ""
    sector: str = ""

    @property
    def name(self) -> str:
        return LIMIT_RULE_NAMES.get(self.type, "limit")


class Scope:
    """The compiled limits of one scope (an account, or a strategy in an account): the first
    enabled rule of each type, account-wide, per instrument and per sector."""

    __slots__ = ("limit_set", "rules", "by_instrument", "by_sector", "has_state_limits")

    def __init__(self, limit_set: pb.LimitSet) -> None:
        self.limit_set = limit_set
        self.rules: dict[int, Rule] = {}
        self.by_instrument: dict[str, dict[int, Rule]] = {}
        self.by_sector: dict[str, Rule] = {}
        for lim in limit_set.limits:
            if not lim.enabled:
                continue
            try:
                threshold = float(lim.threshold.value or "nan")
            except ValueError:
                threshold = math.nan
            if not _isfinite(threshold) or threshold < 0:
                raise InvalidOrder(
                    f"limit {LIMIT_RULE_NAMES.get(lim.type, lim.type)}: threshold must be a "
                    f"finite non-negative number, got {lim.threshold.value!r}"
                )
            if lim.type == L_UNSPECIFIED:
                raise InvalidOrder("limit type is unspecified")
            if not (0.0 <= lim.warn_at <= 1.0):
                raise InvalidOrder("warn_at must be within 0..1")
            rule = Rule(
                lim.type,
                threshold,
                lim.warn_at,
                lim.action or REJECT,
                lim.instrument_id.value,
                lim.sector,
            )
            if lim.type == L_MAX_SECTOR_EXPOSURE:
                if not lim.sector:
                    raise InvalidOrder("a max_sector_exposure limit needs a sector")
                self.by_sector.setdefault(lim.sector, rule)
            elif rule.instrument:
                self.by_instrument.setdefault(rule.instrument, {}).setdefault(lim.type, rule)
            else:
                self.rules.setdefault(lim.type, rule)
        self.has_state_limits = any(t in STATE_LIMITS for t in self.rules)

    def rule(self, type_: int, instrument: str) -> Rule | None:
        per = self.by_instrument.get(instrument)
        if per is not None:
            r = per.get(type_)
            if r is not None:
                return r
        return self.rules.get(type_)

    def all_rules(self) -> list[Rule]:
        out = list(self.rules.values())
        for per in self.by_instrument.values():
            out.extend(per.values())
        out.extend(self.by_sector.values())
        return out


@dataclass(slots=True)
class InstrumentInfo:
    instrument_id: str
    asset_class: int = ct.ASSET_CLASS_UNSPECIFIED
    sector: str = ""
    multiplier: float = 1.0
    currency: str = ""
    margin_rate: float = 0.0  # 0 = the account's


@dataclass(slots=True)
class KillSwitchRecord:
    account_id: str
    state: int
    actor: str
    reason: str
    changed_at: datetime | None
    previous_state: int = pb.KILL_SWITCH_STATE_UNSPECIFIED
    cancel_open_orders: bool = False


@dataclass(slots=True)
class Breach:
    account_id: str
    strategy_id: str
    rule: Rule
    current: float
    warning: bool
    action_taken: int
    at: datetime


# --- exposure book ---------------------------------------------------------------------------


class Book:
    """Positions and exposure of one account or one strategy, marked to the last price. Gross,
    net, per-sector gross and margin in use are kept incrementally."""

    __slots__ = ("qty", "mv", "gross", "net", "sector_gross", "margin", "owner")

    def __init__(self, owner: str) -> None:
        self.owner = owner
        self.qty: dict[str, float] = {}
        self.mv: dict[str, float] = {}
        self.gross = 0.0
        self.net = 0.0
        self.sector_gross: dict[str, float] = {}
        self.margin = 0.0

    def mark(self, inst: str, price: float, info: InstrumentInfo, rate: float) -> None:
        q = self.qty.get(inst, 0.0)
        new = q * price * info.multiplier
        old = self.mv.get(inst, 0.0)
        self.gross += abs(new) - abs(old)
        self.net += new - old
        self.margin += (abs(new) - abs(old)) * rate
        if info.sector:
            self.sector_gross[info.sector] = (
                self.sector_gross.get(info.sector, 0.0) + abs(new) - abs(old)
            )
        if q == 0.0:
            self.mv.pop(inst, None)
            self.qty.pop(inst, None)
        else:
            self.mv[inst] = new

    def recompute(self, infos: dict[str, InstrumentInfo], rate_of: Callable[[str], float]) -> None:
        """Rebuild the running sums from the positions (removes float drift)."""
        self.gross = sum(abs(v) for v in self.mv.values())
        self.net = sum(self.mv.values())
        self.margin = sum(abs(v) * rate_of(i) for i, v in self.mv.items())
        sg: dict[str, float] = {}
        for i, v in self.mv.items():
            info = infos.get(i)
            if info is not None and info.sector:
                sg[info.sector] = sg.get(info.sector, 0.0) + abs(v)
        self.sector_gross = sg


@dataclass(slots=True)
class OpenOrder:
    order_id: str
    account_id: str
    strategy_id: str
    instrument: str
    side: int
    leaves: float
    price: float
    pending_until: float = 0.0  # >0: an approved check not yet confirmed by an order event
    margin: float = 0.0  # margin this order contributes to its account's open_margin


@dataclass(slots=True, eq=False)
class AccountState:
    account_id: str
    known: bool = False
    account: pb.RiskAccount | None = None
    starting_equity: float = 0.0
    margin_rate: float = 1.0
    cash_flow: float = 0.0  # minus the cost of fills, minus fees
    book: Book = field(default_factory=lambda: Book(""))
    strategies: dict[str, Book] = field(default_factory=dict)
    open_buy: dict[str, float] = field(default_factory=dict)
    open_sell: dict[str, float] = field(default_factory=dict)
    open_margin: float = 0.0
    open_count: int = 0
    # open quantity per (strategy, instrument, side), open orders and order times per strategy
    open_strategy: dict[tuple[str, str, int], float] = field(default_factory=dict)
    open_count_strategy: dict[str, int] = field(default_factory=dict)
    strategy_windows: dict[str, deque[float]] = field(default_factory=dict)
    rate_window: deque[float] = field(default_factory=deque)
    drawdown: DrawdownTracker | None = None
    last_var: float = 0.0
    breached: set[tuple[str, int, str]] = field(default_factory=set)
    warned: set[tuple[str, int, str]] = field(default_factory=set)
    # state limits currently breached with action REJECT: new exposure is refused
    blocking: dict[tuple[str, int, str], Rule] = field(default_factory=dict)

    @property
    def equity(self) -> float:
        return self.starting_equity + self.cash_flow + self.book.net


@dataclass(slots=True)
class Failure:
    rule: str
    message: str
    limit_type: int = 0
    observed: float | None = None
    threshold: float | None = None
    action: int = REJECT

    def to_proto(self) -> pb.CheckFailure:
        f = pb.CheckFailure(rule=self.rule, message=self.message, limit_type=self.limit_type)
        if self.observed is not None:
            f.observed.value = fmt(self.observed)
        if self.threshold is not None:
            f.threshold.value = fmt(self.threshold)
        return f


@dataclass(slots=True)
class CheckOutcome:
    approved: bool
    failures: list[Failure]
    warnings: list[Failure]
    state: int
    reduces: bool = False


# --- the engine ------------------------------------------------------------------------------


class RiskEngine:
    def __init__(
        self,
        clock: Any,
        *,
        pending_ttl: float = 10.0,
        default_margin_rate: float = 1.0,
        require_known_account: bool = True,
        seen_fills_capacity: int = 200_000,
    ) -> None:
        self.clock = clock
        self.pending_ttl = pending_ttl
        self.default_margin_rate = default_margin_rate
        self.require_known_account = require_known_account
        self.accounts: dict[str, AccountState] = {}
        self.scopes: dict[tuple[str, str], Scope] = {}
        self.instruments: dict[str, InstrumentInfo] = {}
        self.last_price: dict[str, float] = {}
        self.holders: dict[str, set[AccountState]] = {}
        # restrictions: account ("" = every account) -> instrument -> kind
        self.restrictions: dict[str, dict[str, pb.Restriction]] = {}
        self.kill_switches: dict[str, KillSwitchRecord] = {}
        self.open_orders: dict[str, OpenOrder] = {}
        # recent fill ids (bounded: durable dedupe is the fills table's primary key)
        self.seen_fills: OrderedDict[str, None] = OrderedDict()
        self.seen_fills_capacity = seen_fills_capacity
        self._kill_listeners: list[Callable[[KillSwitchRecord], None]] = []
        self._breach_listeners: list[Callable[[Breach], None]] = []
        self.stats = {"checks": 0, "rejected": 0}

    # listeners ---------------------------------------------------------------------------

    def on_kill_switch(self, fn: Callable[[KillSwitchRecord], None]) -> None:
        self._kill_listeners.append(fn)

    def on_breach(self, fn: Callable[[Breach], None]) -> None:
        self._breach_listeners.append(fn)

    # configuration -----------------------------------------------------------------------

    def account(self, account_id: str) -> AccountState:
        acct = self.accounts.get(account_id)
        if acct is None:
            acct = AccountState(account_id, margin_rate=self.default_margin_rate)
            acct.book = Book(account_id)
            self.accounts[account_id] = acct
        return acct

    def set_account(self, account: pb.RiskAccount) -> AccountState:
        if not account.account_id:
            raise InvalidOrder("account_id is required")
        eq = float(account.starting_equity.value or "0")
        if not _isfinite(eq):
            raise InvalidOrder("starting_equity must be finite")
        rate = account.initial_margin_rate or self.default_margin_rate
        if not (_isfinite(rate) and 0 < rate <= 10):
            raise InvalidOrder("initial_margin_rate must be in (0, 10]")
        acct = self.account(account.account_id)
        acct.known = True
        acct.account = account
        acct.starting_equity = eq
        acct.margin_rate = rate
        acct.book.recompute(self.instruments, lambda i: self._rate(acct, i))
        if acct.drawdown is None:
            acct.drawdown = DrawdownTracker(acct.equity, self.clock.now())
        return acct

    def set_limits(self, limit_set: pb.LimitSet) -> Scope:
        if not limit_set.account_id:
            raise InvalidOrder("limit_set.account_id is required")
        scope = Scope(limit_set)
        self.scopes[(limit_set.account_id, limit_set.strategy_id)] = scope
        acct = self.account(limit_set.account_id)
        acct.known = True
        if acct.drawdown is None:
            acct.drawdown = DrawdownTracker(acct.equity, self.clock.now())
        return scope

    def upsert_instrument(self, info: InstrumentInfo) -> None:
        if not info.instrument_id:
            raise InvalidOrder("instrument_id is required")
        if not (_isfinite(info.multiplier) and info.multiplier > 0):
            info.multiplier = 1.0
        old = self.instruments.get(info.instrument_id)
        self.instruments[info.instrument_id] = info
        if old is not None and (old.sector != info.sector or old.multiplier != info.multiplier
                                or old.margin_rate != info.margin_rate):
            iid = info.instrument_id
            px = self.last_price.get(iid)
            for acct in self.holders.get(iid, ()):
                for book in (acct.book, *acct.strategies.values()):
                    if px is not None and iid in book.qty:
                        book.mv[iid] = book.qty[iid] * px * info.multiplier
                    book.recompute(self.instruments, lambda i, a=acct: self._rate(a, i))

    def set_restriction(self, r: pb.Restriction, remove: bool) -> None:
        inst = r.instrument_id.value
        if not inst:
            raise InvalidOrder("restriction.instrument_id is required")
        per = self.restrictions.setdefault(r.account_id, {})
        if remove:
            per.pop(inst, None)
        else:
            if r.kind == pb.RESTRICTION_KIND_UNSPECIFIED:
                r.kind = _RESTRICTION_KIND_NO_TRADE
            per[inst] = r

    def list_restrictions(self, account_id: str) -> list[pb.Restriction]:
        out = list(self.restrictions.get("", {}).values())
        if account_id:
            out += list(self.restrictions.get(account_id, {}).values())
        return out

    # kill switch -------------------------------------------------------------------------

    def kill_switch(self, account_id: str) -> KillSwitchRecord:
        rec = self.kill_switches.get(account_id)
        if rec is None:
            return KillSwitchRecord(account_id, ACTIVE, "", "", None)
        return rec

    def effective_state(self, account_id: str) -> int:
        g = self.kill_switches.get("")
        a = self.kill_switches.get(account_id) if account_id else None
        gs = g.state if g is not None else ACTIVE
        as_ = a.state if a is not None else ACTIVE
        return gs if STATE_RANK[gs] >= STATE_RANK[as_] else as_

    def set_kill_switch(
        self,
        account_id: str,
        state: int,
        actor: str,
        reason: str,
        *,
        cancel_open_orders: bool = False,
        at: datetime | None = None,
        notify: bool = True,
    ) -> KillSwitchRecord:
        if state not in (ACTIVE, REDUCING, HALTED):
            raise InvalidOrder("state must be ACTIVE, REDUCING or HALTED")
        prev = self.kill_switch(account_id)
        rec = KillSwitchRecord(
            account_id,
            state,
            actor,
            reason,
            at or self.clock.now(),
            prev.state,
            cancel_open_orders or state == HALTED,
        )
        self.kill_switches[account_id] = rec
        if notify:
            for fn in self._kill_listeners:
                fn(rec)
        return rec

    def _escalate(self, account_id: str, action: int, reason: str) -> None:
        target = HALTED if action == HALT else REDUCING
        cur = self.kill_switch(account_id).state
        if STATE_RANK[target] > STATE_RANK[cur]:
            self.set_kill_switch(account_id, target, "risk-engine", reason)

    # market data and order events --------------------------------------------------------

    def _rate(self, acct: AccountState, inst: str) -> float:
        info = self.instruments.get(inst)
        if info is not None and info.margin_rate > 0:
            return info.margin_rate
        return acct.margin_rate

    def _info(self, inst: str) -> InstrumentInfo:
        info = self.instruments.get(inst)
        if info is None:
            info = InstrumentInfo(inst)
        return info

    def update_price(self, inst: str, price: float) -> bool:
        """A new mark for an instrument; re-marks every holder. Returns False (and ignores
        the price) when it is not a finite positive number."""
        if not (_isfinite(price) and price > 0):
            return False
        self.last_price[inst] = price
        holders = self.holders.get(inst)
        if holders:
            info = self._info(inst)
            for acct in holders:
                rate = self._rate(acct, inst)
                acct.book.mark(inst, price, info, rate)
                for book in acct.strategies.values():
                    if inst in book.qty:
                        book.mark(inst, price, info, rate)
        return True

    def apply_fill(
        self,
        fill_id: str,
        account_id: str,
        strategy_id: str,
        inst: str,
        side: int,
        qty: float,
        price: float,
        fee: float = 0.0,
        order_id: str = "",
    ) -> bool:
        """Book one fill (idempotent by fill id). Returns False for a duplicate or an
        unusable fill."""
        if fill_id and fill_id in self.seen_fills:
            return False
        if not (_isfinite(qty) and qty > 0 and _isfinite(price) and price > 0):
            return False
        if side not in (BUY, SELL):
            return False
        if fill_id:
            self.seen_fills[fill_id] = None
            if len(self.seen_fills) > self.seen_fills_capacity:
                self.seen_fills.popitem(last=False)
        acct = self.account(account_id)
        info = self._info(inst)
        signed = qty if side == BUY else -qty
        acct.cash_flow -= signed * price * info.multiplier + (fee if _isfinite(fee) else 0.0)
        mark = self.last_price.get(inst)
        if mark is None:
            mark = price
            self.last_price[inst] = price
        rate = self._rate(acct, inst)
        acct.book.qty[inst] = acct.book.qty.get(inst, 0.0) + signed
        acct.book.mark(inst, mark, info, rate)
        sbook = acct.strategies.get(strategy_id)
        if sbook is None:
            sbook = acct.strategies[strategy_id] = Book(strategy_id)
        sbook.qty[inst] = sbook.qty.get(inst, 0.0) + signed
        sbook.mark(inst, mark, info, rate)
        self.holders.setdefault(inst, set()).add(acct)
        # The open quantity of the order is NOT reduced here: order events carry the absolute
        # leaves quantity, and fills and order events may arrive in either order. Until the
        # order event comes, the filled part counts twice (position and open order): the
        # conservative side for limits.
        return True

    def order_open(
        self,
        order_id: str,
        account_id: str,
        strategy_id: str,
        inst: str,
        side: int,
        leaves: float,
        price: float,
        client_order_id: str = "",
    ) -> None:
        """An order is working (submitted, accepted or partially filled) with `leaves` open.
        It replaces the pending entry of its approved check (keyed by order id, or by client
        order id when the check had no order id)."""
        if not order_id:
            return
        if client_order_id and client_order_id != order_id:
            pend = self.open_orders.get(client_order_id)
            if pend is not None and pend.pending_until:
                self.order_closed(client_order_id)
        if leaves <= 0 or not _isfinite(leaves):
            self.order_closed(order_id)
            return
        if not (_isfinite(price) and price > 0):
            price = self.last_price.get(inst, 0.0)
        self.order_closed(order_id)
        o = OpenOrder(order_id, account_id, strategy_id, inst, side, leaves, price)
        self.open_orders[order_id] = o
        self._open_apply(self.account(account_id), o, +1)

    def order_closed(self, order_id: str) -> None:
        oo = self.open_orders.pop(order_id, None)
        if oo is not None:
            self._open_apply(self.account(oo.account_id), oo, -1)

    def expire_pending(self) -> int:
        """Drop approved checks that no order event confirmed within `pending_ttl`."""
        now = self.clock.monotonic()
        stale = [
            o for o in self.open_orders.values() if o.pending_until and o.pending_until < now
        ]
        for o in stale:
            self.order_closed(o.order_id)
        return len(stale)

    def _open_apply(self, acct: AccountState, o: OpenOrder, sign: int) -> None:
        """Add (sign=+1) or remove (-1) one open order's share of the account's open
        quantities, margin and count (incremental: O(1) per order event)."""
        if o.leaves <= 0:
            return
        d = acct.open_buy if o.side == BUY else acct.open_sell
        v = d.get(o.instrument, 0.0) + sign * o.leaves
        if v > 1e-12:
            d[o.instrument] = v
        else:
            d.pop(o.instrument, None)
        key = (o.strategy_id, o.instrument, o.side)
        v = acct.open_strategy.get(key, 0.0) + sign * o.leaves
        if v > 1e-12:
            acct.open_strategy[key] = v
        else:
            acct.open_strategy.pop(key, None)
        if sign > 0:
            o.margin = (o.leaves * o.price * self._info(o.instrument).multiplier
                        * self._rate(acct, o.instrument))
        acct.open_margin = max(0.0, acct.open_margin + sign * o.margin)
        acct.open_count += sign
        sc = acct.open_count_strategy
        sc[o.strategy_id] = sc.get(o.strategy_id, 0) + sign

    # the check ---------------------------------------------------------------------------

    def validate(self, r: pb.CheckOrderRequest) -> None:
        if not r.account_id:
            raise InvalidOrder("account_id is required")
        if not r.instrument_id.value:
            raise InvalidOrder("instrument_id is required")
        if r.side not in (BUY, SELL):
            raise InvalidOrder("side must be BUY or SELL")
        q = r.quantity
        if not (_isfinite(q) and q > 0):
            raise InvalidOrder(f"quantity must be a finite positive number, got {q!r}")
        for name in ("limit_price", "stop_price", "reference_price", "multiplier"):
            v = getattr(r, name)
            if not _isfinite(v) or v < 0:
                raise InvalidOrder(f"{name} must be a finite non-negative number, got {v!r}")
        ot = r.order_type
        if ot in (LIMIT, STOP_LIMIT) and r.limit_price <= 0:
            raise InvalidOrder("a limit order needs a positive limit_price")
        if ot in (STOP, STOP_LIMIT) and r.stop_price <= 0:
            raise InvalidOrder("a stop order needs a positive stop_price")

    def check(self, r: pb.CheckOrderRequest) -> CheckOutcome:
        """Check one order. Raises `InvalidOrder` for a malformed request."""
        self.validate(r)
        self.stats["checks"] += 1
        out = self._check(r)
        if not out.approved:
            self.stats["rejected"] += 1
        return out

    def _reject(self, f: Failure, state: int) -> CheckOutcome:
        return CheckOutcome(False, [f], [], state)

    def _check(self, r: pb.CheckOrderRequest) -> CheckOutcome:
        account_id = r.account_id
        inst = r.instrument_id.value
        state = self.effective_state(account_id)
        acct = self.accounts.get(account_id)
        if acct is None or (self.require_known_account and not acct.known):
            return self._reject(
                Failure("unknown_account", f"account {account_id!r} is not known to risk"), state
            )
        info = self.instruments.get(inst)
        last = self.last_price.get(inst)
        if info is None:
            if last is None:
                return self._reject(
                    Failure("unknown_instrument", f"instrument {inst!r} is not known to risk"),
                    state,
                )
            info = InstrumentInfo(inst)
            mult = r.multiplier or 1.0
        else:
            # reference data wins over the request's multiplier
            mult = info.multiplier
        failures: list[Failure] = []
        warnings: list[Failure] = []
        buy = r.side == BUY
        qty = r.quantity
        dq = qty if buy else -qty

        # kill switch
        pos = acct.book.qty.get(inst, 0.0)
        open_same = (acct.open_buy if buy else acct.open_sell).get(inst, 0.0)
        worst_pre = pos + (open_same if buy else -open_same)
        worst_post = worst_pre + dq
        reduces = (pos > 0 and not buy and worst_post >= 0) or (
            pos < 0 and buy and worst_post <= 0
        )
        if state == HALTED:
            return self._reject(
                Failure("kill_switch", "trading is halted: no orders are accepted"), state
            )
        if state == REDUCING and not reduces:
            return self._reject(
                Failure(
                    "kill_switch",
                    "trading is reducing-only: the order does not reduce the position "
                    f"(position {fmt(pos)}, open same side {fmt(open_same)})",
                ),
                state,
            )

        # restricted list
        if self.restrictions:
            for key in ("", account_id):
                rs = self.restrictions.get(key)
                res = rs.get(inst) if rs else None
                if res is None:
                    continue
                kind = res.kind
                if (
                    kind == _RESTRICTION_KIND_NO_TRADE
                    or (kind == _RESTRICTION_KIND_NO_BUY and buy)
                    or (kind == _RESTRICTION_KIND_NO_SHORT and not buy and worst_post < 0)
                ):
                    kname = pb.RestrictionKind.Name(kind).removeprefix("RESTRICTION_KIND_")
                    failures.append(
                        Failure(
                            "restricted_list",
                            f"{inst} is restricted ({kname.lower()})"
                            + (f": {res.reason}" if res.reason else ""),
                        )
                    )

        # the price the order is valued at, and the reference for the collar
        ot = r.order_type
        ref = last if last is not None else (r.reference_price or None)
        if ot in (LIMIT, STOP_LIMIT):
            px = r.limit_price
        elif ot == STOP:
            px = r.stop_price
        else:
            px = ref
        if px is None or px <= 0:
            failures.append(
                Failure("no_price", f"no last or reference price to value {inst}")
            )
            return CheckOutcome(False, failures, warnings, state, reduces)

        scope = self.scopes.get((account_id, ""))
        sscope = self.scopes.get((account_id, r.strategy_id)) if r.strategy_id else None
        notional = qty * px * mult

        for sc, book, label in ((scope, acct.book, ""), (sscope, None, r.strategy_id)):
            if sc is None:
                continue
            if book is None:
                book = acct.strategies.get(label) or Book(label)
            self._order_rules(
                sc, acct, book, label, r, inst, info, buy, qty, px, mult, notional, ref,
                reduces, failures, warnings,
            )

        # buying power / margin
        if acct.account is not None:
            rate = self._rate(acct, inst)
            add = max(0.0, abs(worst_post) - abs(worst_pre)) * px * mult * rate
            if add > 0:
                available = acct.equity - acct.book.margin - acct.open_margin
                if add > available:
                    failures.append(
                        Failure(
                            "buying_power",
                            f"order needs margin {fmt(add)} but only {fmt(available)} is "
                            "available",
                            observed=add,
                            threshold=max(available, 0.0),
                        )
                    )

        # state limits breached with action REJECT refuse new exposure
        if acct.blocking and not reduces:
            for (sid, _t, _i), rule in acct.blocking.items():
                if sid in ("", r.strategy_id):
                    failures.append(
                        Failure(rule.name, f"{rule.name} is breached: only reducing orders",
                                rule.type, threshold=rule.threshold)
                    )

        approved = not failures
        if approved:
            self._record_approval(acct, r, inst, px)
        else:
            for f in failures:
                if f.action in (REDUCE, HALT):
                    self._escalate(account_id, f.action, f"{f.rule}: {f.message}")
            state = self.effective_state(account_id)
        return CheckOutcome(approved, failures, warnings, state, reduces)

    @staticmethod
    def _limit(
        rule: Rule,
        value: float,
        before: float,
        message: str,
        args: tuple[Any, ...],
        failures: list[Failure],
        warnings: list[Failure],
        increasing_only: bool = True,
    ) -> None:
        """Compare a measure with a rule. Messages are built only for failures and warnings
        (the passing path formats nothing)."""
        t = rule.threshold
        if value > t:
            if not increasing_only or value > before + 1e-9:
                f = Failure(rule.name, message.format(*[_farg(a) for a in args]), rule.type,
                            value, t, rule.action)
                (warnings if rule.action == WARN else failures).append(f)
        elif rule.warn_at > 0 and value >= rule.warn_at * t and value > before + 1e-9:
            warnings.append(
                Failure(rule.name, f"{rule.name} at {value / t:.0%} of its limit" if t else
                        rule.name, rule.type, value, t, WARN)
            )

    def _order_rules(
        self,
        sc: Scope,
        acct: AccountState,
        book: Book,
        strategy_id: str,
        r: pb.CheckOrderRequest,
        inst: str,
        info: InstrumentInfo,
        buy: bool,
        qty: float,
        px: float,
        mult: float,
        notional: float,
        ref: float | None,
        reduces: bool,
        failures: list[Failure],
        warnings: list[Failure],
    ) -> None:
        where = f" (strategy {strategy_id})" if strategy_id else ""
        check = self._limit
        per = sc.by_instrument.get(inst)
        rules = sc.rules if per is None else {**sc.rules, **per}
        get = rules.get
        # order size
        rl = get(L_MAX_ORDER_QUANTITY)
        if rl is not None:
            check(rl, qty, 0.0, "order quantity {} exceeds {}{}", (qty, rl.threshold, where),
                  failures, warnings, False)
        rn = get(L_MAX_ORDER_NOTIONAL)
        if rn is not None:
            check(rn, notional, 0.0, "order notional {} exceeds {}{}",
                  (notional, rn.threshold, where), failures, warnings, False)
        # fat finger
        rd = get(L_MAX_PRICE_DEVIATION)
        if rd is not None and r.order_type != MARKET:
            if ref is None or ref <= 0:
                failures.append(Failure("max_price_deviation",
                                        f"no reference price for the price collar of {inst}",
                                        rd.type, threshold=rd.threshold, action=rd.action))
            else:
                dev = abs(px - ref) / ref
                check(rd, dev, 0.0, "price {} is {} from the reference {}{}",
                      (px, ("%", dev), ref, where), failures, warnings, False)
        # order rate
        rr = get(L_MAX_ORDERS_PER_SECOND)
        if rr is not None:
            window = (acct.strategy_windows.setdefault(strategy_id, deque()) if strategy_id
                      else acct.rate_window)
            now = self.clock.monotonic()
            while window and window[0] <= now - 1.0:
                window.popleft()
            n = len(window) + 1
            check(rr, float(n), 0.0, "{} orders in the last second exceeds {}{}",
                  (n, rr.threshold, where), failures, warnings, False)
        ro = get(L_MAX_OPEN_ORDERS)
        if ro is not None:
            n_open = 1 + (acct.open_count_strategy.get(strategy_id, 0) if strategy_id
                          else acct.open_count)
            check(ro, float(n_open), 0.0, "{} open orders exceeds {}{}",
                  (n_open, ro.threshold, where), failures, warnings, False)
        # positions (worst case with the open orders of this scope's side)
        if strategy_id:
            open_same = acct.open_strategy.get((strategy_id, inst, r.side), 0.0)
        else:
            open_same = (acct.open_buy if buy else acct.open_sell).get(inst, 0.0)
        pos = book.qty.get(inst, 0.0)
        pre = pos + (open_same if buy else -open_same)
        post = pre + (qty if buy else -qty)
        rq = get(L_MAX_POSITION_QUANTITY)
        if rq is not None:
            check(rq, abs(post), abs(pre), "position in {} would be {}, limit {}{}",
                  (inst, post, rq.threshold, where), failures, warnings)
        mark_mv = book.mv.get(inst, 0.0)
        new_mv = post * px * mult
        pre_mv = pre * px * mult
        a_new = abs(new_mv)
        a_pre = abs(pre_mv)
        rp = get(L_MAX_POSITION_NOTIONAL)
        if rp is not None:
            check(rp, a_new, a_pre, "position notional in {} would be {}, limit {}{}",
                  (inst, a_new, rp.threshold, where), failures, warnings)
        base = book.gross - abs(mark_mv)
        gross_post = base + a_new
        gross_pre = base + a_pre
        rg = get(L_MAX_GROSS_EXPOSURE)
        if rg is not None:
            check(rg, gross_post, gross_pre, "gross exposure would be {}, limit {}{}",
                  (gross_post, rg.threshold, where), failures, warnings)
        rnet = get(L_MAX_NET_EXPOSURE)
        if rnet is not None:
            net_base = book.net - mark_mv
            net_post = abs(net_base + new_mv)
            net_pre = abs(net_base + pre_mv)
            check(rnet, net_post, net_pre, "net exposure would be {}, limit {}{}",
                  (net_post, rnet.threshold, where), failures, warnings)
        if info.sector and sc.by_sector:
            rs = sc.by_sector.get(info.sector)
            if rs is not None:
                sg = book.sector_gross.get(info.sector, 0.0) - abs(mark_mv)
                check(rs, sg + a_new, sg + a_pre, "exposure to sector {} would be {}, limit {}{}",
                      (info.sector, sg + a_new, rs.threshold, where), failures, warnings)
        rlev = get(L_MAX_LEVERAGE)
        rcon = get(L_MAX_CONCENTRATION)
        if rlev is None and rcon is None:
            return
        equity = acct.equity
        if rlev is not None:
            if equity <= 0:
                if not reduces:
                    failures.append(Failure(rlev.name, "no positive equity to lever", rlev.type,
                                            threshold=rlev.threshold, action=rlev.action))
            else:
                lev = gross_post / equity
                check(rlev, lev, gross_pre / equity, "leverage would be {}x, limit {}x{}",
                      (("f", lev), ("f", rlev.threshold), where), failures, warnings)
        if rcon is not None and equity > 0:
            c_post = a_new / equity
            check(rcon, c_post, a_pre / equity, "{} would be {} of equity, limit {}{}",
                  (inst, ("%", c_post), ("%", rcon.threshold), where), failures, warnings)

    def _record_approval(
        self, acct: AccountState, r: pb.CheckOrderRequest, inst: str, px: float
    ) -> None:
        now = self.clock.monotonic()
        for window in (acct.rate_window, acct.strategy_windows.get(r.strategy_id)):
            if window is not None:
                window.append(now)
                if len(window) > 10_000:
                    window.popleft()
        oid = r.order_id or r.client_order_id
        if oid and oid not in self.open_orders:
            o = OpenOrder(
                oid, acct.account_id, r.strategy_id, inst, r.side, r.quantity, px,
                self.clock.monotonic() + self.pending_ttl,
            )
            self.open_orders[oid] = o
            self._open_apply(acct, o, +1)

    # state limits ------------------------------------------------------------------------

    def evaluate(self, account_id: str) -> list[Breach]:
        """Update the account's drawdown and check every state and exposure limit; new
        breaches (and new warnings) are returned and sent to the listeners, and their action
        is applied (REDUCE / HALT through the kill switch; REJECT blocks new exposure until
        the measure is back under the threshold)."""
        acct = self.accounts.get(account_id)
        if acct is None or not acct.known:
            return []
        now = self.clock.now()
        if acct.drawdown is None:
            acct.drawdown = DrawdownTracker(acct.equity, now)
        dd = acct.drawdown.update(acct.equity, now)
        out: list[Breach] = []
        for (aid, sid), scope in self.scopes.items():
            if aid != account_id:
                continue
            book = acct.book if not sid else acct.strategies.get(sid)
            for rule in scope.all_rules():
                value = self._state_value(rule, acct, book, dd, sid)
                if value is None:
                    continue
                key = (sid, rule.type, rule.instrument or rule.sector)
                breached = value > rule.threshold
                warn_level = rule.warn_at > 0 and value >= rule.warn_at * rule.threshold
                if breached:
                    if key not in acct.breached:
                        acct.breached.add(key)
                        action = rule.action
                        if action in (REDUCE, HALT):
                            self._escalate(account_id, action,
                                           f"{rule.name} breached: {fmt(value)} > "
                                           f"{fmt(rule.threshold)}")
                        out.append(Breach(account_id, sid, rule, value, False, action, now))
                    if rule.action == REJECT and rule.type in STATE_LIMITS:
                        acct.blocking[key] = rule
                else:
                    acct.breached.discard(key)
                    acct.blocking.pop(key, None)
                    if warn_level and key not in acct.warned:
                        acct.warned.add(key)
                        out.append(Breach(account_id, sid, rule, value, True, WARN, now))
                    elif not warn_level:
                        acct.warned.discard(key)
        for b in out:
            for fn in self._breach_listeners:
                fn(b)
        return out

    def _state_value(
        self, rule: Rule, acct: AccountState, book: Book | None, dd: Any, sid: str
    ) -> float | None:
        t = rule.type
        if t in STATE_LIMITS:
            if sid:  # state limits are account-wide
                return None
            if t == L_MAX_DAILY_LOSS:
                return max(0.0, -dd.daily_pnl)
            if t == L_MAX_DRAWDOWN:
                return dd.drawdown
            if t == L_MAX_DAILY_DRAWDOWN:
                return dd.daily_drawdown
            if t == L_MAX_MONTHLY_DRAWDOWN:
                return dd.monthly_drawdown
            return acct.last_var
        if book is None:
            return None
        return self.usage_value(rule, acct, book)

    def usage_value(self, rule: Rule, acct: AccountState, book: Book) -> float | None:
        """Current value of an exposure limit's measure (None for per-order limits)."""
        t = rule.type
        if t == L_MAX_GROSS_EXPOSURE:
            return book.gross
        if t == L_MAX_NET_EXPOSURE:
            return abs(book.net)
        if t == L_MAX_LEVERAGE:
            eq = acct.equity
            return book.gross / eq if eq > 0 else (0.0 if book.gross == 0 else math.inf)
        if t == L_MAX_SECTOR_EXPOSURE:
            return book.sector_gross.get(rule.sector, 0.0)
        if t == L_MAX_POSITION_QUANTITY:
            if rule.instrument:
                return abs(book.qty.get(rule.instrument, 0.0))
            return max((abs(q) for q in book.qty.values()), default=0.0)
        if t == L_MAX_POSITION_NOTIONAL:
            if rule.instrument:
                return abs(book.mv.get(rule.instrument, 0.0))
            return max((abs(v) for v in book.mv.values()), default=0.0)
        if t == L_MAX_CONCENTRATION:
            eq = acct.equity
            if eq <= 0:
                return None
            if rule.instrument:
                return abs(book.mv.get(rule.instrument, 0.0)) / eq
            return max((abs(v) for v in book.mv.values()), default=0.0) / eq
        if t == L_MAX_OPEN_ORDERS:
            if book is acct.book:
                return float(acct.open_count)
            return float(acct.open_count_strategy.get(book.owner, 0))
        return None

    def usage(self, account_id: str, strategy_id: str) -> list[tuple[Rule, float, str]]:
        """(rule, current value, strategy id) for every limit of the account (and of the
        strategy, or of every strategy when strategy_id is empty)."""
        acct = self.accounts.get(account_id)
        if acct is None:
            return []
        dd = acct.drawdown.state if acct.drawdown is not None else None
        out = []
        for (aid, sid), scope in self.scopes.items():
            if aid != account_id or (strategy_id and sid not in ("", strategy_id)):
                continue
            book = acct.book if not sid else acct.strategies.get(sid, Book(sid))
            for rule in scope.all_rules():
                if rule.type in STATE_LIMITS:
                    if dd is None or sid:
                        continue
                    v = self._state_value(rule, acct, book, dd, sid)
                else:
                    v = self.usage_value(rule, acct, book)
                if v is not None:
                    out.append((rule, v, sid))
        return out

"""Position accounting from fills: quantities, tax lots, average cost, realised and unrealised
P&L, cash, fees, dividends, splits and wash sales. Pure: no I/O, no clock (times come in with
the events), no protobuf. `Book` holds every account; the service persists what each call
changed (`Book.drain_changes`) and publishes the results.

Conventions
-----------
- Money and prices are `Decimal` throughout; quantities too (a float off the wire is turned
  into the Decimal of its shortest repr, so 0.1 stays 0.1). Quantities are signed: a long lot
  or position is positive, a short one negative.
- One cash balance per account, in its base currency. A buy pays quantity x price + fee, a
  sell receives quantity x price - fee. Fees are not capitalised into lots: realised P&L is
  price-to-price and fees are reported beside it, so total P&L = realised + unrealised +
  dividends - fees (the PnlSummary identity). A fee in another currency is booked as if it
  were in the base currency (there is no FX conversion here).
- A fill in the direction of the position (or from flat) opens a lot (lot id = fill id). A
  fill against the position closes lots by the account's lot method, and what is left of the
  fill after the position reaches zero opens a lot on the other side (a flip).
- Lot methods: FIFO and LIFO by acquisition time; HIGHEST_COST closes, for a long position,
  the lots bought dearest first and, for a short position, the lots sold cheapest first (in
  both cases the close that realises the least gain); SPECIFIC_LOT closes the lots designated
  for the order (`designate_lots`), then FIFO for anything not covered. A designation wins
  under any method (harvesting and rebalancing designate the lots they mean to sell).
- Unrealised P&L uses the last mark; with no mark yet, the average cost (unrealised 0).
- Wash sales (US, long lots): a loss realised on a lot is disallowed to the extent that
  shares of the same instrument were bought within `wash_sale_days` before the sale (other
  lots) or are bought within `wash_sale_days` after it; the disallowed loss is added to the
  replacement lot's tax basis (`Lot.wash_adjustment`). Economic P&L is unaffected; the tax
  view (`tax_realized`) reports the loss net of the disallowed part.
- Splits multiply lot quantities by the ratio and divide unit costs (cost basis unchanged);
  cash dividends credit quantity x amount (a short position pays it).
- Idempotency: a fill id, a cash reference id or a corporate action id already applied to an
  account changes nothing (the call returns None).
"""

from __future__ import annotations

import copy
import enum
import itertools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from decimal import Decimal

from omni_core.errors import FailedPrecondition, InvalidArgument, NotFound

__all__ = [
    "ZERO",
    "LotMethod",
    "Side",
    "Fill",
    "Lot",
    "LotClose",
    "LossSale",
    "WashSale",
    "CashEntry",
    "Position",
    "Account",
    "FillResult",
    "CorporateActionResult",
    "Changes",
    "Book",
    "dec",
]

ZERO = Decimal(0)
LONG_TERM_DAYS = 365


def dec(x: float | int | str | Decimal) -> Decimal:
    """A Decimal from a wire value; floats through their shortest repr."""
    if isinstance(x, Decimal):
        return x
    if isinstance(x, float):
        if x != x or x in (float("inf"), float("-inf")):
            raise InvalidArgument(f"not a finite number: {x}")
        return Decimal(repr(x))
    if isinstance(x, str):
        try:
            d = Decimal(x.strip() or "0")
        except Exception:
            raise InvalidArgument(f"not a decimal number: {x!r}") from None
        if not d.is_finite():
            raise InvalidArgument(f"not a finite decimal: {x!r}")
        return d
    return Decimal(x)


class LotMethod(enum.IntEnum):
    FIFO = 1
    LIFO = 2
    HIGHEST_COST = 3
    SPECIFIC_LOT = 4


class Side(enum.IntEnum):
    BUY = 1
    SELL = 2


@dataclass(frozen=True, slots=True)
class Fill:
    fill_id: str
    account_id: str
    instrument: str
    side: Side
    quantity: Decimal
    price: Decimal
    fee: Decimal = ZERO
    executed_at: datetime = datetime(1970, 1, 1, tzinfo=UTC)
    strategy_id: str = ""
    client_order_id: str = ""

    @property
    def signed_quantity(self) -> Decimal:
        return self.quantity if self.side == Side.BUY else -self.quantity


@dataclass(slots=True)
class Lot:
    lot_id: str
    account_id: str
    instrument: str
    # signed remaining quantity (long > 0, short < 0); 0 once closed
    quantity: Decimal
    original_quantity: Decimal
    cost_per_unit: Decimal
    acquired_at: datetime
    fill_id: str
    seq: int
    # disallowed wash-sale losses added to this lot's tax basis (for its remaining quantity)
    wash_adjustment: Decimal = ZERO
    # quantity of this lot already used as a wash-sale replacement
    wash_used: Decimal = ZERO
    closed_at: datetime | None = None

    @property
    def cost_basis(self) -> Decimal:
        return self.quantity * self.cost_per_unit

    @property
    def tax_basis(self) -> Decimal:
        return self.cost_basis + self.wash_adjustment

    def is_long_term(self, now: datetime) -> bool:
        return now - self.acquired_at > timedelta(days=LONG_TERM_DAYS)


@dataclass(frozen=True, slots=True)
class LotClose:
    lot_id: str
    account_id: str
    instrument: str
    # positive quantity closed; negative for a short lot
    quantity: Decimal
    cost_per_unit: Decimal
    price: Decimal
    realized: Decimal
    acquired_at: datetime
    closed_at: datetime
    fill_id: str
    # wash-sale adjustment carried by the closed part of the lot (reduces a tax gain)
    wash_adjustment: Decimal = ZERO
    # loss of this close disallowed by a replacement bought before it
    wash_disallowed: Decimal = ZERO

    @property
    def long_term(self) -> bool:
        return self.closed_at - self.acquired_at > timedelta(days=LONG_TERM_DAYS)

    @property
    def tax_realized(self) -> Decimal:
        return self.realized - self.wash_adjustment + self.wash_disallowed


@dataclass(slots=True)
class LossSale:
    """A realised loss still open to the "after" half of the wash-sale rule."""

    sale_id: str
    account_id: str
    instrument: str
    at: datetime
    quantity: Decimal
    remaining: Decimal
    loss_per_unit: Decimal
    long_term: bool = False


@dataclass(frozen=True, slots=True)
class WashSale:
    account_id: str
    instrument: str
    sold_lot_id: str
    replacement_lot_id: str
    quantity: Decimal
    disallowed_loss: Decimal
    at: datetime
    # "before": a replacement bought before the sale; "after": bought after it
    kind: str = "before"
    long_term: bool = False


@dataclass(frozen=True, slots=True)
class CashEntry:
    entry_id: str
    account_id: str
    amount: Decimal
    currency: str
    reason: str
    reference_id: str
    at: datetime
    balance_after: Decimal


@dataclass(slots=True)
class Position:
    account_id: str
    instrument: str
    lots: list[Lot] = field(default_factory=list)
    realized: Decimal = ZERO
    fees: Decimal = ZERO
    dividends: Decimal = ZERO
    mark: Decimal | None = None
    quantity_by_strategy: dict[str, Decimal] = field(default_factory=dict)
    updated_at: datetime | None = None
    # realised + unrealised at the start of the current UTC day, and that day
    day_start_value: Decimal = ZERO
    day: str = ""

    @property
    def quantity(self) -> Decimal:
        return sum((lot.quantity for lot in self.lots), ZERO)

    @property
    def cost_basis(self) -> Decimal:
        return sum((lot.cost_basis for lot in self.lots), ZERO)

    @property
    def average_cost(self) -> Decimal:
        q = self.quantity
        return self.cost_basis / q if q else ZERO

    @property
    def price(self) -> Decimal:
        return self.mark if self.mark is not None else self.average_cost

    @property
    def market_value(self) -> Decimal:
        return self.quantity * self.price

    @property
    def unrealized(self) -> Decimal:
        return self.market_value - self.cost_basis if self.lots else ZERO

    @property
    def day_pnl(self) -> Decimal:
        return self.realized + self.unrealized - self.day_start_value

    def roll_day(self, now: datetime) -> None:
        today = now.astimezone(UTC).date().isoformat()
        if self.day != today:
            self.day = today
            self.day_start_value = self.realized + self.unrealized


@dataclass(slots=True)
class Account:
    account_id: str
    base_currency: str = "USD"
    lot_method: LotMethod = LotMethod.FIFO
    cash: Decimal = ZERO
    positions: dict[str, Position] = field(default_factory=dict)
    closed: list[LotClose] = field(default_factory=list)
    # recent fill ids, oldest first (bounded: `Book.max_fill_ids` per account; older ones are
    # caught by the store's primary key)
    fills: dict[str, None] = field(default_factory=dict)
    cash_refs: set[str] = field(default_factory=set)
    actions: set[str] = field(default_factory=set)
    loss_sales: list[LossSale] = field(default_factory=list)
    wash_sales: list[WashSale] = field(default_factory=list)
    # purchases (instrument, time, lot id) for the wash-sale look-back
    purchases: list[tuple[str, datetime, str]] = field(default_factory=list)
    designations: dict[str, list[str]] = field(default_factory=dict)
    lot_seq: int = 0
    fees: Decimal = ZERO
    dividends: Decimal = ZERO
    strategy_realized: dict[str, Decimal] = field(default_factory=dict)
    strategy_fees: dict[str, Decimal] = field(default_factory=dict)

    @property
    def realized(self) -> Decimal:
        return sum((p.realized for p in self.positions.values()), ZERO)

    @property
    def unrealized(self) -> Decimal:
        return sum((p.unrealized for p in self.positions.values()), ZERO)

    @property
    def gross_exposure(self) -> Decimal:
        return sum((abs(p.market_value) for p in self.positions.values()), ZERO)

    @property
    def net_exposure(self) -> Decimal:
        return sum((p.market_value for p in self.positions.values()), ZERO)

    @property
    def nav(self) -> Decimal:
        return self.cash + self.net_exposure

    @property
    def day_pnl(self) -> Decimal:
        return sum((p.day_pnl for p in self.positions.values()), ZERO)

    @property
    def total_pnl(self) -> Decimal:
        return self.realized + self.unrealized + self.dividends - self.fees

    def open_lots(self, instrument: str | None = None) -> list[Lot]:
        ps = (
            [self.positions[instrument]]
            if instrument and instrument in self.positions
            else ([] if instrument else list(self.positions.values()))
        )
        return [lot for p in ps for lot in p.lots]

    def weights(self) -> dict[str, float]:
        nav = self.nav
        if nav <= 0:
            return {}
        return {i: float(p.market_value / nav) for i, p in self.positions.items() if p.lots}


@dataclass(slots=True)
class FillResult:
    account: Account
    position: Position
    closes: list[LotClose]
    opened: Lot | None
    cash: CashEntry
    wash_sales: list[WashSale]


@dataclass(slots=True)
class CorporateActionResult:
    account: Account
    position: Position
    cash: CashEntry | None


@dataclass(slots=True)
class Changes:
    """What to write after a mutation (ids; the objects are read from the book)."""

    accounts: set[str] = field(default_factory=set)
    positions: set[tuple[str, str]] = field(default_factory=set)
    lots: dict[str, Lot] = field(default_factory=dict)
    closes: list[LotClose] = field(default_factory=list)
    ledger: list[CashEntry] = field(default_factory=list)
    fills: list[Fill] = field(default_factory=list)
    loss_sales: dict[str, LossSale] = field(default_factory=dict)
    wash_sales: list[WashSale] = field(default_factory=list)
    actions: list[tuple[str, str]] = field(default_factory=list)
    designations: list[tuple[str, str, list[str]]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.accounts or self.positions or self.lots or self.ledger)


class Book:
    def __init__(
        self,
        *,
        base_currency: str = "USD",
        wash_sale_days: int = 30,
        default_lot_method: LotMethod = LotMethod.FIFO,
        max_fill_ids: int = 100_000,
    ) -> None:
        self.max_fill_ids = max_fill_ids
        # instrument -> accounts that have held it (only grows; a tick visits these)
        self.held: dict[str, set[str]] = {}
        self.accounts: dict[str, Account] = {}
        self.base_currency = base_currency
        self.wash_sale_days = wash_sale_days
        self.default_lot_method = default_lot_method
        self.changes = Changes()

    # ---- helpers -------------------------------------------------------------------------

    def account(self, account_id: str, *, create: bool = True) -> Account:
        if not account_id:
            raise InvalidArgument("account_id is required")
        acc = self.accounts.get(account_id)
        if acc is None:
            if not create:
                raise NotFound(f"account {account_id} not found")
            acc = Account(account_id, self.base_currency, self.default_lot_method)
            self.accounts[account_id] = acc
            self.changes.accounts.add(account_id)
        return acc

    def _position(self, acc: Account, instrument: str) -> Position:
        pos = acc.positions.get(instrument)
        if pos is None:
            pos = Position(acc.account_id, instrument)
            acc.positions[instrument] = pos
        return pos

    def reindex(self) -> None:
        """Rebuild the instrument -> accounts index (after loading accounts)."""
        self.held = {}
        for acc in self.accounts.values():
            for inst in acc.positions:
                self.held.setdefault(inst, set()).add(acc.account_id)

    def drain_changes(self) -> Changes:
        ch, self.changes = self.changes, Changes()
        return ch

    def snapshot(self, account_id: str) -> Account | None:
        """A copy of the account to `restore` if persisting a mutation fails. The append-only
        histories (closes, wash sales, purchases) are copied as lists of the same frozen
        records, so the cost is that of the open state."""
        acc = self.accounts.get(account_id)
        if acc is None:
            return None
        keep = (acc.closed, acc.wash_sales, acc.purchases, acc.fills)
        acc.closed, acc.wash_sales, acc.purchases, acc.fills = [], [], [], {}
        try:
            snap = copy.deepcopy(acc)
        finally:
            acc.closed, acc.wash_sales, acc.purchases, acc.fills = keep
        snap.closed, snap.wash_sales = list(keep[0]), list(keep[1])
        snap.purchases, snap.fills = list(keep[2]), dict(keep[3])
        return snap

    def restore(self, account_id: str, snap: Account | None) -> None:
        """Undo a failed mutation (the caller took `snapshot` before it)."""
        if snap is None:
            self.accounts.pop(account_id, None)
        else:
            self.accounts[account_id] = snap
        self.changes = Changes()

    def _touch(self, acc: Account, pos: Position | None = None) -> None:
        self.changes.accounts.add(acc.account_id)
        if pos is not None:
            self.changes.positions.add((acc.account_id, pos.instrument))

    def _ledger(
        self, acc: Account, amount: Decimal, reason: str, ref: str, at: datetime, entry_id: str
    ) -> CashEntry:
        acc.cash += amount
        entry = CashEntry(
            entry_id, acc.account_id, amount, acc.base_currency, reason, ref, at, acc.cash
        )
        self.changes.ledger.append(entry)
        return entry

    # ---- lot selection -------------------------------------------------------------------

    def _order_lots(
        self, acc: Account, pos: Position, method: LotMethod, designated: Sequence[str]
    ) -> list[Lot]:
        lots = sorted(pos.lots, key=lambda lot: (lot.acquired_at, lot.seq))
        if method == LotMethod.LIFO:
            return lots[::-1]
        if method == LotMethod.HIGHEST_COST:
            long = pos.quantity > 0
            return sorted(
                lots,
                key=lambda lot: (
                    -lot.cost_per_unit if long else lot.cost_per_unit,
                    lot.acquired_at,
                    lot.seq,
                ),
            )
        return lots

    def _close_order(
        self, acc: Account, pos: Position, method: LotMethod, designated: Sequence[str]
    ) -> list[Lot]:
        """Designated lots first (whatever the method), then the method's order."""
        lots = self._order_lots(acc, pos, method, designated)
        if not designated:
            return lots
        by_id = {lot.lot_id: lot for lot in lots}
        first = [by_id[i] for i in designated if i in by_id]
        chosen = {lot.lot_id for lot in first}
        return first + [lot for lot in lots if lot.lot_id not in chosen]

    # ---- fills ---------------------------------------------------------------------------

    def designate_lots(
        self, account_id: str, client_order_id: str, lot_ids: Sequence[str]
    ) -> list[str]:
        acc = self.account(account_id, create=False)
        if not client_order_id:
            raise InvalidArgument("client_order_id is required")
        if not lot_ids:
            raise InvalidArgument("lot_ids is empty")
        open_ids = {lot.lot_id for lot in acc.open_lots()}
        unknown = [i for i in lot_ids if i not in open_ids]
        if unknown:
            raise InvalidArgument(f"lots not open in account {account_id}: {unknown}")
        acc.designations[client_order_id] = list(lot_ids)
        self.changes.designations.append((account_id, client_order_id, list(lot_ids)))
        return list(lot_ids)

    def apply_fill(self, fill: Fill, *, lot_method: LotMethod | None = None) -> FillResult | None:
        if not fill.fill_id:
            raise InvalidArgument("fill_id is required")
        if not fill.instrument:
            raise InvalidArgument("instrument is required")
        if fill.quantity <= 0:
            raise InvalidArgument(f"fill quantity must be positive, got {fill.quantity}")
        if fill.price < 0:
            raise InvalidArgument(f"fill price must not be negative, got {fill.price}")
        if fill.side not in (Side.BUY, Side.SELL):
            raise InvalidArgument("fill side must be BUY or SELL")
        acc = self.account(fill.account_id)
        if fill.fill_id in acc.fills:
            return None
        acc.fills[fill.fill_id] = None
        if len(acc.fills) > self.max_fill_ids:
            for old in list(itertools.islice(acc.fills, len(acc.fills) - self.max_fill_ids)):
                del acc.fills[old]
        self.changes.fills.append(fill)
        pos = self._position(acc, fill.instrument)
        self.held.setdefault(fill.instrument, set()).add(acc.account_id)
        pos.roll_day(fill.executed_at)
        method = lot_method or acc.lot_method
        designated = acc.designations.get(fill.client_order_id, []) if fill.client_order_id else []
        signed = fill.signed_quantity
        remaining = signed
        closes: list[LotClose] = []
        wash: list[WashSale] = []
        current = pos.quantity
        if current != 0 and (current > 0) != (signed > 0):
            for lot in self._close_order(acc, pos, method, designated):
                if remaining == 0:
                    break
                take = min(abs(remaining), abs(lot.quantity))
                q = take if lot.quantity > 0 else -take  # signed quantity closed from the lot
                realized = (fill.price - lot.cost_per_unit) * q
                share = take / abs(lot.quantity)
                adj = lot.wash_adjustment * share
                lot.wash_adjustment -= adj
                lot.quantity -= q
                remaining += q
                close = LotClose(
                    lot.lot_id,
                    acc.account_id,
                    fill.instrument,
                    q,
                    lot.cost_per_unit,
                    fill.price,
                    realized,
                    lot.acquired_at,
                    fill.executed_at,
                    fill.fill_id,
                    wash_adjustment=adj,
                )
                pos.realized += realized
                st = fill.strategy_id
                acc.strategy_realized[st] = acc.strategy_realized.get(st, ZERO) + realized
                if lot.quantity == 0:
                    lot.closed_at = fill.executed_at
                self.changes.lots[lot.lot_id] = lot
                tax_loss = close.realized - adj
                if q > 0 and tax_loss < 0:
                    close, ws = self._wash_before(acc, pos, close, tax_loss)
                    wash += ws
                closes.append(close)
            pos.lots = [lot for lot in pos.lots if lot.quantity != 0]
        opened: Lot | None = None
        if remaining != 0:
            acc.lot_seq += 1
            opened = Lot(
                lot_id=fill.fill_id,
                account_id=acc.account_id,
                instrument=fill.instrument,
                quantity=remaining,
                original_quantity=remaining,
                cost_per_unit=fill.price,
                acquired_at=fill.executed_at,
                fill_id=fill.fill_id,
                seq=acc.lot_seq,
            )
            pos.lots.append(opened)
            self.changes.lots[opened.lot_id] = opened
            if remaining > 0:
                acc.purchases.append((fill.instrument, fill.executed_at, opened.lot_id))
                wash += self._wash_after(acc, opened)
        self._prune(acc, fill.executed_at)
        acc.closed.extend(closes)
        self.changes.closes.extend(closes)
        pos.fees += fill.fee
        acc.fees += fill.fee
        st = fill.strategy_id
        acc.strategy_fees[st] = acc.strategy_fees.get(st, ZERO) + fill.fee
        pos.quantity_by_strategy[st] = pos.quantity_by_strategy.get(st, ZERO) + signed
        if pos.quantity_by_strategy[st] == 0:
            del pos.quantity_by_strategy[st]
        pos.updated_at = fill.executed_at
        amount = -(signed * fill.price) - fill.fee
        entry = self._ledger(
            acc, amount, "fill", fill.fill_id, fill.executed_at, f"fill:{fill.fill_id}"
        )
        self._touch(acc, pos)
        self.changes.wash_sales.extend(wash)
        acc.wash_sales.extend(wash)
        return FillResult(acc, pos, closes, opened, entry, wash)

    # ---- wash sales ----------------------------------------------------------------------

    def _window(self) -> timedelta:
        return timedelta(days=self.wash_sale_days)

    def _wash_before(
        self, acc: Account, pos: Position, close: LotClose, tax_loss: Decimal
    ) -> tuple[LotClose, list[WashSale]]:
        """A loss on a long lot, with other shares bought within the window before the sale:
        the loss is disallowed up to their quantity and moves into their basis. What is not
        matched stays open to the "after" rule (`_wash_after`)."""
        qty = close.quantity
        per_unit = -tax_loss / qty
        left = qty
        out: list[WashSale] = []
        disallowed = ZERO
        for lot in sorted(pos.lots, key=lambda x: (x.acquired_at, x.seq)):
            if left == 0:
                break
            if lot.lot_id == close.lot_id or lot.quantity <= 0:
                continue
            if not (close.closed_at - self._window() <= lot.acquired_at <= close.closed_at):
                continue
            free = lot.quantity - lot.wash_used
            if free <= 0:
                continue
            m = min(left, free)
            amount = m * per_unit
            lot.wash_adjustment += amount
            lot.wash_used += m
            self.changes.lots[lot.lot_id] = lot
            left -= m
            disallowed += amount
            out.append(
                WashSale(
                    acc.account_id,
                    pos.instrument,
                    close.lot_id,
                    lot.lot_id,
                    m,
                    amount,
                    close.closed_at,
                    "before",
                    close.long_term,
                )
            )
        if left > 0:
            sale = LossSale(
                f"{close.fill_id}:{close.lot_id}",
                acc.account_id,
                pos.instrument,
                close.closed_at,
                left,
                left,
                per_unit,
                close.long_term,
            )
            acc.loss_sales.append(sale)
            self.changes.loss_sales[sale.sale_id] = sale
        if disallowed:
            close = LotClose(
                **{
                    **{f: getattr(close, f) for f in close.__dataclass_fields__},
                    "wash_disallowed": disallowed,
                }
            )
        return close, out

    def _wash_after(self, acc: Account, lot: Lot) -> list[WashSale]:
        """A purchase within the window after a loss sale of the same instrument."""
        out: list[WashSale] = []
        for sale in sorted(acc.loss_sales, key=lambda x: (x.at, x.sale_id)):
            if lot.quantity - lot.wash_used <= 0:
                break
            if sale.instrument != lot.instrument or sale.remaining <= 0:
                continue
            if not (sale.at <= lot.acquired_at <= sale.at + self._window()):
                continue
            m = min(sale.remaining, lot.quantity - lot.wash_used)
            amount = m * sale.loss_per_unit
            sale.remaining -= m
            lot.wash_used += m
            lot.wash_adjustment += amount
            self.changes.loss_sales[sale.sale_id] = sale
            out.append(
                WashSale(
                    acc.account_id,
                    lot.instrument,
                    sale.sale_id,
                    lot.lot_id,
                    m,
                    amount,
                    lot.acquired_at,
                    "after",
                    sale.long_term,
                )
            )
        return out

    def _prune(self, acc: Account, now: datetime) -> None:
        """Forget purchases and spent or expired loss sales older than twice the wash-sale
        window (twice: fills may arrive somewhat out of order), so memory stays bounded."""
        if len(acc.purchases) + len(acc.loss_sales) < 256:
            return
        horizon = now - 2 * self._window()
        acc.purchases = [p for p in acc.purchases if p[1] >= horizon]
        acc.loss_sales = [s for s in acc.loss_sales if s.remaining > 0 and s.at >= horizon]

    def wash_window_open(self, account_id: str, instrument: str, now: datetime) -> bool:
        """True when buying `instrument` now would wash an earlier loss."""
        acc = self.accounts.get(account_id)
        if acc is None:
            return False
        return any(
            s.instrument == instrument and s.remaining > 0 and s.at <= now <= s.at + self._window()
            for s in acc.loss_sales
        )

    def recent_purchase(
        self, account_id: str, instrument: str, now: datetime, exclude: Iterable[str] = ()
    ) -> bool:
        """True when shares of `instrument` were bought within the window before `now`
        (other than the lots in `exclude`)."""
        acc = self.accounts.get(account_id)
        if acc is None:
            return False
        skip = set(exclude)
        return any(
            i == instrument and lot_id not in skip and now - self._window() <= at <= now
            for i, at, lot_id in acc.purchases
        )

    # ---- marks, cash, corporate actions --------------------------------------------------

    def mark(self, instrument: str, price: Decimal, at: datetime) -> list[Position]:
        """Sets the mark of `instrument` in every account holding it; returns the positions
        whose value changed."""
        changed = []
        for account_id in self.held.get(instrument, ()):
            acc = self.accounts.get(account_id)
            pos = acc.positions.get(instrument) if acc is not None else None
            if pos is None or pos.mark == price:
                continue
            pos.roll_day(at)
            pos.mark = price
            changed.append(pos)
        return changed

    def adjust_cash(
        self, account_id: str, amount: Decimal, reason: str, reference_id: str, at: datetime
    ) -> CashEntry | None:
        if not reference_id:
            raise InvalidArgument("reference_id is required (the idempotency key)")
        if amount == 0:
            raise InvalidArgument("amount must not be zero")
        acc = self.account(account_id)
        if reference_id in acc.cash_refs:
            return None
        if amount < 0 and acc.cash + amount < 0:
            raise FailedPrecondition(
                f"withdrawal of {-amount} exceeds the cash balance {acc.cash} of {account_id}"
            )
        acc.cash_refs.add(reference_id)
        entry = self._ledger(
            acc,
            amount,
            reason or ("deposit" if amount > 0 else "withdrawal"),
            reference_id,
            at,
            f"cash:{reference_id}",
        )
        self._touch(acc)
        return entry

    def set_lot_method(self, account_id: str, method: LotMethod) -> LotMethod:
        acc = self.account(account_id)
        acc.lot_method = LotMethod(method)
        self._touch(acc)
        return acc.lot_method

    def split(
        self, account_id: str, action_id: str, instrument: str, ratio: Decimal, at: datetime
    ) -> CorporateActionResult | None:
        if ratio <= 0:
            raise InvalidArgument(f"split ratio must be positive, got {ratio}")
        acc = self.account(account_id)
        if action_id in acc.actions:
            return None
        pos = acc.positions.get(instrument)
        if pos is None:
            raise NotFound(f"account {account_id} holds no {instrument}")
        acc.actions.add(action_id)
        self.changes.actions.append((account_id, action_id))
        for lot in pos.lots:
            lot.quantity *= ratio
            lot.original_quantity *= ratio
            lot.cost_per_unit /= ratio
            lot.wash_used *= ratio
            self.changes.lots[lot.lot_id] = lot
        for s in acc.loss_sales:
            if s.instrument == instrument:
                s.remaining *= ratio
                s.quantity *= ratio
                s.loss_per_unit /= ratio
                self.changes.loss_sales[s.sale_id] = s
        pos.quantity_by_strategy = {k: v * ratio for k, v in pos.quantity_by_strategy.items()}
        if pos.mark is not None:
            pos.mark /= ratio
        pos.updated_at = at
        self._touch(acc, pos)
        return CorporateActionResult(acc, pos, None)

    def cash_dividend(
        self, account_id: str, action_id: str, instrument: str, per_share: Decimal, at: datetime
    ) -> CorporateActionResult | None:
        if per_share <= 0:
            raise InvalidArgument(f"dividend per share must be positive, got {per_share}")
        acc = self.account(account_id)
        if action_id in acc.actions:
            return None
        pos = acc.positions.get(instrument)
        if pos is None:
            raise NotFound(f"account {account_id} holds no {instrument}")
        acc.actions.add(action_id)
        self.changes.actions.append((account_id, action_id))
        amount = pos.quantity * per_share
        pos.dividends += amount
        acc.dividends += amount
        pos.updated_at = at
        entry = self._ledger(
            acc, amount, "dividend", action_id, at, f"div:{action_id}:{account_id}"
        )
        self._touch(acc, pos)
        return CorporateActionResult(acc, pos, entry)

    def holders(self, instrument: str) -> list[str]:
        return sorted(
            a.account_id
            for a in self.accounts.values()
            if instrument in a.positions and a.positions[instrument].lots
        )

    # ---- tax view ------------------------------------------------------------------------

    def tax_realized(
        self, account_id: str, since: datetime | None = None, until: datetime | None = None
    ) -> dict[str, Decimal]:
        """Realised gains for tax, net of wash-sale adjustments: short- and long-term."""
        acc = self.account(account_id, create=False)
        out = {"short_term": ZERO, "long_term": ZERO, "disallowed": ZERO}
        for c in acc.closed:
            if (since and c.closed_at < since) or (until and c.closed_at >= until):
                continue
            out["long_term" if c.long_term else "short_term"] += c.tax_realized
        for w in acc.wash_sales:
            if (since and w.at < since) or (until and w.at >= until):
                continue
            out["disallowed"] += w.disallowed_loss
            if w.kind == "after":  # the loss was first reported when sold: add it back
                out["long_term" if w.long_term else "short_term"] += w.disallowed_loss
        return out

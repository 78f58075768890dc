"""Tax-loss harvesting with the wash-sale rule, and after-tax returns. Pure: no I/O.

A lot is a harvest candidate when its unrealised loss at the current mark is at least
``min_loss``. Selling it is *blocked* when shares of the same instrument were bought within
``wash_sale_days`` before now (other than lots being harvested in the same pass): the loss
would be disallowed. To keep the exposure without washing the loss afterwards, the
configured replacement (a correlated substitute, not "substantially identical") is bought
for the same notional; the original must then not be bought back for ``wash_sale_days``
(`Book.wash_window_open` tells the rebalancer).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from omni_core.errors import InvalidArgument

from svc_portfolio_manager.accounting import ZERO, Book, Lot

__all__ = ["HarvestCandidate", "harvest_candidates", "after_tax_return"]


@dataclass(frozen=True, slots=True)
class HarvestCandidate:
    lot: Lot
    loss: Decimal
    mark: Decimal
    replacement: str
    blocked: bool
    reason: str


def harvest_candidates(
    book: Book,
    account_id: str,
    now: datetime,
    *,
    min_loss: Decimal = ZERO,
    replacements: Mapping[str, str] | None = None,
) -> list[HarvestCandidate]:
    if min_loss < 0:
        raise InvalidArgument("min_loss must be >= 0")
    acc = book.account(account_id, create=False)
    replacements = replacements or {}
    losing: list[tuple[Lot, Decimal, Decimal]] = []
    for _, pos in sorted(acc.positions.items()):
        if pos.mark is None:
            continue
        for lot in pos.lots:
            if lot.quantity <= 0:
                continue  # short lots: no harvesting here
            loss = (lot.cost_per_unit - pos.mark) * lot.quantity + lot.wash_adjustment
            if loss > 0 and loss >= min_loss:
                losing.append((lot, loss, pos.mark))
    harvested = {lot.lot_id for lot, _, _ in losing}
    out = []
    for lot, loss, mark in losing:
        blocked = book.recent_purchase(account_id, lot.instrument, now, exclude=harvested)
        repl = replacements.get(lot.instrument, "")
        if repl == lot.instrument:
            raise InvalidArgument(f"{lot.instrument} cannot replace itself")
        reason = (
            (
                f"bought {lot.instrument} within {book.wash_sale_days} days: the loss would "
                "be a wash sale"
            )
            if blocked
            else ""
        )
        out.append(HarvestCandidate(lot, loss, mark, repl, blocked, reason))
    out.sort(key=lambda c: -c.loss)
    return out


def after_tax_return(
    start_value: Decimal,
    end_value: Decimal,
    *,
    short_term_gains: Decimal = ZERO,
    long_term_gains: Decimal = ZERO,
    dividends: Decimal = ZERO,
    net_flows: Decimal = ZERO,
    short_term_rate: Decimal = Decimal("0.37"),
    long_term_rate: Decimal = Decimal("0.20"),
    dividend_rate: Decimal = Decimal("0.20"),
) -> tuple[Decimal, Decimal, Decimal]:
    """(pre-tax return, after-tax return, tax) over a period. Tax is charged on realised
    gains and dividends; a net realised loss is credited at its rate (it offsets other
    income, which is what harvesting buys), short-term losses first netted against
    long-term gains as the US rules do."""
    if start_value <= 0:
        raise InvalidArgument("start value must be positive")
    st, lt = short_term_gains, long_term_gains
    if st < 0 < lt:
        lt, st = lt + st, ZERO
        if lt < 0:
            st, lt = lt, ZERO
    elif lt < 0 < st:
        st, lt = st + lt, ZERO
        if st < 0:
            lt, st = st, ZERO
    tax = st * short_term_rate + lt * long_term_rate + dividends * dividend_rate
    gain = end_value - start_value - net_flows
    return gain / start_value, (gain - tax) / start_value, tax

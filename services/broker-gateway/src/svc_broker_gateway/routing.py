"""Smart order routing: pick the venue (or the split across venues) with the lowest expected
cost, and say why.

Cost of taking quantity q at a venue, in basis points of the consolidated mid:

* fee: the venue's taker fee;
* half spread: its touch against the consolidated mid (a venue with a worse touch pays more);
* impact: walking its book beyond the touch (average price against touch);
* latency: expected one-way latency times an adverse drift per millisecond.

Splitting takes units from all venues cheapest first (fee and latency folded into each
level's effective price), which is optimal for these linear costs; the split is used only
when it beats the best single venue by at least ``min_split_saving_bps`` or when no venue
alone has the liquidity. Venues that are disabled, tripped, or do not list the instrument
are listed with the reason they were left out.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from omni_quant.matching import EPS, Side, walk_levels

Levels = list[tuple[float, float]]


@dataclass(slots=True)
class VenueCandidate:
    venue: str
    taker_fee: Decimal
    latency_s: float
    bids: Levels | None
    asks: Levels | None
    excluded_reason: str = ""


@dataclass(slots=True)
class CostLine:
    venue: str
    quantity: float = 0.0
    available_quantity: float = 0.0
    fee_bps: float = 0.0
    half_spread_bps: float = 0.0
    impact_bps: float = 0.0
    latency_bps: float = 0.0
    total_bps: float = 0.0
    expected_average_price: float = 0.0
    expected_latency_ms: float = 0.0
    excluded_reason: str = ""


@dataclass(slots=True)
class Route:
    side: Side
    quantity: float
    slices: list[tuple[str, float]]
    candidates: list[CostLine]
    chosen_cost_bps: float
    best_single_venue_cost_bps: float
    reason: str
    mid: float | None = None
    failover_from: str = ""
    extra: dict = field(default_factory=dict)


class NoRoute(Exception):
    pass


class SmartOrderRouter:
    def __init__(
        self, latency_bps_per_ms: float = 0.02, min_split_saving_bps: float = 0.25
    ) -> None:
        self.latency_bps_per_ms = latency_bps_per_ms
        self.min_split_saving_bps = min_split_saving_bps

    def route(
        self,
        side: Side,
        quantity: float,
        candidates: Sequence[VenueCandidate],
        limit: float | None = None,
    ) -> Route:
        usable = [c for c in candidates if not c.excluded_reason]
        lines = {c.venue: CostLine(c.venue, excluded_reason=c.excluded_reason) for c in candidates}
        if not usable:
            raise NoRoute(
                "no venue available: "
                + "; ".join(f"{c.venue}: {c.excluded_reason}" for c in candidates)
                if candidates
                else "no venue lists the instrument"
            )
        bb = max((c.bids[0][0] for c in usable if c.bids), default=None)
        ba = min((c.asks[0][0] for c in usable if c.asks), default=None)
        mid = (bb + ba) / 2.0 if bb is not None and ba is not None else (bb or ba)
        buy = side is Side.BUY

        def book(c: VenueCandidate) -> Levels:
            return (c.asks if buy else c.bids) or []

        def cost_of(c: VenueCandidate, q: float) -> CostLine:
            line = lines[c.venue]
            lv = book(c)
            line.expected_latency_ms = c.latency_s * 1000.0
            line.fee_bps = float(c.taker_fee) * 1e4
            line.latency_bps = line.expected_latency_ms * self.latency_bps_per_ms
            line.available_quantity = sum(
                sz
                for px, sz in lv
                if limit is None or (px <= limit + EPS if buy else px >= limit - EPS)
            )
            line.quantity = q
            if not lv or not mid or q <= EPS:
                line.half_spread_bps = line.impact_bps = 0.0
                line.expected_average_price = 0.0
                line.total_bps = line.fee_bps + line.latency_bps + (0.0 if lv else 1e6)
                return line
            w = walk_levels(lv, q, limit, side)
            touch = lv[0][0]
            sgn = 1.0 if buy else -1.0
            line.half_spread_bps = sgn * (touch - mid) / mid * 1e4
            line.impact_bps = sgn * (w.average_price - touch) / mid * 1e4 if w.filled > EPS else 0.0
            line.expected_average_price = w.average_price
            # Quantity the book cannot take is priced at the worst level walked plus a penalty
            # proportional to the shortfall, so thin venues lose against deep ones.
            short = (q - w.filled) / q
            line.total_bps = (
                line.fee_bps
                + line.latency_bps
                + line.half_spread_bps
                + line.impact_bps
                + short * 100.0
            )
            return line

        # Best single venue for the whole quantity.
        single = sorted((cost_of(c, quantity).total_bps, i, c) for i, c in enumerate(usable))
        best_cost, _, best = single[0]
        single_costs = {c.venue: cost for cost, _, c in single}

        # Greedy split over effective prices.
        units: list[tuple[float, int, str, float]] = []
        for i, c in enumerate(usable):
            lv = book(c)
            fee = float(c.taker_fee)
            lat = c.latency_s * 1000.0 * self.latency_bps_per_ms * 1e-4
            for px, size in lv:
                if limit is not None and (
                    (buy and px > limit + EPS) or (not buy and px < limit - EPS)
                ):
                    break
                eff = px * (1 + fee + lat) if buy else -px * (1 - fee - lat)
                units.append((eff, i, c.venue, size))
        units.sort()
        alloc: dict[str, float] = {}
        need = quantity
        for _, _, venue, size in units:
            if need <= EPS:
                break
            take = min(size, need)
            alloc[venue] = alloc.get(venue, 0.0) + take
            need -= take
        split_ok = len(alloc) > 1
        if split_ok:
            if need > EPS:  # the books cannot take it all: the rest goes to the best venue
                alloc[best.venue] = alloc.get(best.venue, 0.0) + need
            split_cost = 0.0
            for c in usable:
                q = alloc.get(c.venue, 0.0)
                if q > EPS:
                    split_cost += cost_of(c, q).total_bps * q / quantity
            saving = best_cost - split_cost
            if saving >= self.min_split_saving_bps:
                slices = sorted(((v, q) for v, q in alloc.items() if q > EPS), key=lambda x: -x[1])
                for c in usable:
                    if c.venue not in alloc:
                        cost_of(c, 0.0)
                return Route(
                    side,
                    quantity,
                    slices,
                    list(lines.values()),
                    split_cost,
                    best_cost,
                    f"split over {len(slices)} venues: {saving:.2f} bps cheaper than "
                    f"{best.venue} alone ({best_cost:.2f} bps)",
                    mid,
                )
        # One venue: recompute lines at the full quantity for the report.
        for c in usable:
            cost_of(c, quantity)
        runner = single[1] if len(single) > 1 else None
        why = f"{best.venue}: lowest expected cost {best_cost:.2f} bps"
        if runner is not None:
            why += f" (next {runner[2].venue} {runner[0]:.2f} bps)"
        if split_ok:
            why += "; a split saved less than the threshold"
        del single_costs
        return Route(
            side,
            quantity,
            [(best.venue, quantity)],
            list(lines.values()),
            best_cost,
            best_cost,
            why,
            mid,
        )

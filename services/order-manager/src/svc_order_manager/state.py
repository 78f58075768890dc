"""The order state machine: pure code, no I/O.

    NEW ──> PENDING ──> ACCEPTED ──> PARTIALLY_FILLED ──> FILLED
     │         │           │  │             │  │
     │         │           │  └─> PENDING_CANCEL ──> CANCELLED / EXPIRED (session close)
     │         │           └────> PENDING_REPLACE ──> REPLACED (the replacement goes on)
     └─> REJECTED (risk, validation)      (a refused cancel/replace returns to where it was)

`TRANSITIONS` lists every legal move; `check(from, to)` refuses the rest with
`IllegalTransition` (the caller logs and ignores it: a late or duplicated venue report never
moves an order backwards). A fill while PENDING_CANCEL / PENDING_REPLACE keeps the pending
status (the request is still outstanding), unless it completes the order (FILLED).

`apply_report` maps a venue `ExecutionReport` onto an `OrderState` and returns what happened
(`Outcome`) so the caller can persist and publish it; it never does I/O itself.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from omni.order_manager.v1 import events_pb2 as ome
from omni.order_manager.v1 import order_manager_service_pb2 as om

__all__ = [
    "S",
    "TRANSITIONS",
    "TERMINAL",
    "OPEN",
    "IllegalTransition",
    "check",
    "can",
    "name",
    "OrderState",
    "Outcome",
    "apply_report",
]


class S:
    NEW = om.ORDER_STATUS_NEW
    PENDING = om.ORDER_STATUS_PENDING
    ACCEPTED = om.ORDER_STATUS_ACCEPTED
    PARTIALLY_FILLED = om.ORDER_STATUS_PARTIALLY_FILLED
    FILLED = om.ORDER_STATUS_FILLED
    PENDING_CANCEL = om.ORDER_STATUS_PENDING_CANCEL
    CANCELLED = om.ORDER_STATUS_CANCELLED
    PENDING_REPLACE = om.ORDER_STATUS_PENDING_REPLACE
    REPLACED = om.ORDER_STATUS_REPLACED
    REJECTED = om.ORDER_STATUS_REJECTED
    EXPIRED = om.ORDER_STATUS_EXPIRED


TERMINAL = frozenset({S.FILLED, S.CANCELLED, S.REPLACED, S.REJECTED, S.EXPIRED})
# working at (or on the way to) the venue
OPEN = frozenset({S.PENDING, S.ACCEPTED, S.PARTIALLY_FILLED, S.PENDING_CANCEL,
                  S.PENDING_REPLACE})

TRANSITIONS: dict[int, frozenset[int]] = {
    # created; risk check and routing follow. Cancel/expiry before it was sent needs no venue.
    S.NEW: frozenset({S.PENDING, S.REJECTED, S.CANCELLED, S.EXPIRED}),
    # sent, not acknowledged: the venue may accept, reject, fill (fill before the ack), or
    # cancel (IOC); a cancel request may already be outstanding.
    S.PENDING: frozenset({S.ACCEPTED, S.REJECTED, S.PARTIALLY_FILLED, S.FILLED,
                          S.PENDING_CANCEL, S.CANCELLED, S.EXPIRED}),
    S.ACCEPTED: frozenset({S.PARTIALLY_FILLED, S.FILLED, S.PENDING_CANCEL, S.PENDING_REPLACE,
                           S.CANCELLED, S.EXPIRED}),
    S.PARTIALLY_FILLED: frozenset({S.PARTIALLY_FILLED, S.FILLED, S.PENDING_CANCEL,
                                   S.PENDING_REPLACE, S.CANCELLED, S.EXPIRED}),
    # a fill may race the cancel; a refused cancel returns to ACCEPTED / PARTIALLY_FILLED
    S.PENDING_CANCEL: frozenset({S.PENDING_CANCEL, S.CANCELLED, S.FILLED, S.EXPIRED,
                                 S.ACCEPTED, S.PARTIALLY_FILLED}),
    # REPLACED when the replacement took over; CANCELLED when the venue cancelled the original
    # but the replacement was refused; a refused replace returns to where it was
    S.PENDING_REPLACE: frozenset({S.PENDING_REPLACE, S.REPLACED, S.CANCELLED, S.FILLED,
                                  S.EXPIRED, S.ACCEPTED, S.PARTIALLY_FILLED}),
    S.FILLED: frozenset(),
    S.CANCELLED: frozenset(),
    S.REPLACED: frozenset(),
    S.REJECTED: frozenset(),
    S.EXPIRED: frozenset(),
}


def name(status: int) -> str:
    try:
        return om.OrderStatus.Name(status).removeprefix("ORDER_STATUS_")
    except ValueError:
        return str(status)


class IllegalTransition(ValueError):
    def __init__(self, order_id: str, src: int, dst: int, why: str = "") -> None:
        self.order_id, self.src, self.dst = order_id, src, dst
        super().__init__(f"order {order_id}: {name(src)} -> {name(dst)} is not a legal "
                         f"transition" + (f" ({why})" if why else ""))


def can(src: int, dst: int) -> bool:
    return dst in TRANSITIONS.get(src, frozenset())


def check(order_id: str, src: int, dst: int) -> None:
    if not can(src, dst):
        raise IllegalTransition(order_id, src, dst)


_EPS = 1e-9


@dataclass(slots=True)
class OrderState:
    """What the machine needs of an order (the service keeps the full `Order` proto)."""

    order_id: str
    status: int
    quantity: float
    filled: float = 0.0
    notional: float = 0.0
    # status to return to when a pending cancel/replace is refused
    prior_status: int = 0
    # the pending cancel is the session close (a CANCELLED report then means EXPIRED)
    expiring: bool = False
    # for PENDING_REPLACE: the venue already cancelled the original leg
    replace_cancelled: bool = False
    fill_ids: set[str] = field(default_factory=set)

    @property
    def leaves(self) -> float:
        return 0.0 if self.status in TERMINAL else max(0.0, self.quantity - self.filled)

    @property
    def average_price(self) -> float:
        return self.notional / self.filled if self.filled > _EPS else 0.0

    def move(self, dst: int) -> int:
        """Apply a transition (checked); returns the previous status."""
        check(self.order_id, self.status, dst)
        src = self.status
        if dst in (S.PENDING_CANCEL, S.PENDING_REPLACE) and src not in (
            S.PENDING_CANCEL, S.PENDING_REPLACE
        ):
            self.prior_status = src
        self.status = dst
        return src


@dataclass(slots=True)
class Outcome:
    """What one report did: the transition (None if the status did not change), a new fill
    (id, quantity, price), a reason, and whether the report was ignored (duplicate, stale or
    illegal: `ignored` says why)."""

    src: int = 0
    dst: int = 0
    fill: tuple[str, float, float] | None = None
    reason: str = ""
    ignored: str = ""
    # for REPLACED reports: the replacement took over
    replaced: bool = False

    @property
    def changed(self) -> bool:
        return self.src != self.dst or self.fill is not None


def _fill_status(st: OrderState) -> int:
    if st.filled >= st.quantity - _EPS * max(1.0, st.quantity):
        return S.FILLED
    if st.status in (S.PENDING_CANCEL, S.PENDING_REPLACE):
        return st.status
    return S.PARTIALLY_FILLED


def apply_report(st: OrderState, er: ome.ExecutionReport) -> Outcome:
    """Map a venue report onto the order. Raises `IllegalTransition` for a report that would
    move the order illegally (the caller logs it and leaves the order as it is)."""
    et = er.exec_type
    out = Outcome(src=st.status, dst=st.status, reason=er.reason)
    if et in (ome.EXEC_TYPE_PARTIAL_FILL, ome.EXEC_TYPE_FILL):
        fid = er.exec_id
        q, px = er.last_quantity, er.last_price
        if fid and fid in st.fill_ids:
            out.ignored = "duplicate fill"
            return out
        if not (math.isfinite(q) and q > 0 and math.isfinite(px) and px > 0):
            out.ignored = "fill without a positive quantity and price"
            return out
        if st.status in TERMINAL and st.status != S.FILLED:
            # a fill after cancel/expiry confirmation still happened at the venue: book it
            pass
        elif st.status == S.FILLED:
            out.ignored = "fill on a filled order"
            return out
        if st.status not in TERMINAL:
            dst = S.FILLED if st.filled + q >= st.quantity - _EPS * max(1.0, st.quantity) else (
                st.status if st.status in (S.PENDING_CANCEL, S.PENDING_REPLACE)
                else S.PARTIALLY_FILLED)
            check(st.order_id, st.status, dst)
        st.fill_ids.add(fid)
        st.filled += q
        st.notional += q * px
        if st.status not in TERMINAL:
            st.move(_fill_status(st))
        out.fill = (fid, q, px)
        out.dst = st.status
        return out
    if et == ome.EXEC_TYPE_NEW:
        if st.status == S.PENDING:
            st.move(S.ACCEPTED)
        elif st.status in (S.ACCEPTED, S.PARTIALLY_FILLED, S.PENDING_CANCEL, S.PENDING_REPLACE):
            out.ignored = "already acknowledged"
        else:
            raise IllegalTransition(st.order_id, st.status, S.ACCEPTED, "venue acknowledgement")
        out.dst = st.status
        return out
    if et == ome.EXEC_TYPE_REJECTED:
        st.move(S.REJECTED)
        out.dst = st.status
        return out
    if et == ome.EXEC_TYPE_CANCELLED:
        if st.status == S.PENDING_REPLACE:
            # the venue cancelled the original leg of a cancel/replace; REPLACED follows
            st.replace_cancelled = True
            out.ignored = "original leg of a replace cancelled"
            return out
        st.move(S.EXPIRED if st.expiring else S.CANCELLED)
        out.dst = st.status
        return out
    if et == ome.EXEC_TYPE_EXPIRED:
        st.move(S.EXPIRED)
        out.dst = st.status
        return out
    if et == ome.EXEC_TYPE_CANCEL_REJECTED:
        if st.status in (S.PENDING_CANCEL, S.PENDING_REPLACE):
            back = st.prior_status or (S.PARTIALLY_FILLED if st.filled > _EPS else S.ACCEPTED)
            if st.status == S.PENDING_REPLACE and st.replace_cancelled:
                back = S.CANCELLED  # original already gone at the venue
            st.move(back)
            st.expiring = False
            out.dst = st.status
        else:
            out.ignored = "cancel reject for an order with no pending request"
        return out
    if et == ome.EXEC_TYPE_REPLACED:
        # addressed to the replacement (order_id), original_order_id names the old one: the
        # caller applies `replaced` to the original and NEW semantics to the replacement.
        if st.status == S.PENDING:
            st.move(S.ACCEPTED)
        out.dst = st.status
        out.replaced = True
        return out
    if et == ome.EXEC_TYPE_RESTATED:
        out.ignored = "restatement carries no transition"
        return out
    out.ignored = f"unknown exec type {et}"
    return out

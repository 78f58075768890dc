"""The state machine: every pair of statuses, legal and illegal, and the mapping of venue
reports onto it."""

from __future__ import annotations

import itertools

import pytest
from omni.order_manager.v1 import events_pb2 as ome
from svc_order_manager.state import (
    TERMINAL,
    TRANSITIONS,
    IllegalTransition,
    OrderState,
    S,
    apply_report,
    can,
    check,
)

ALL = [S.NEW, S.PENDING, S.ACCEPTED, S.PARTIALLY_FILLED, S.FILLED, S.PENDING_CANCEL,
       S.CANCELLED, S.PENDING_REPLACE, S.REPLACED, S.REJECTED, S.EXPIRED]

# The specification, written out independently of the module's table.
LEGAL = {
    (S.NEW, S.PENDING), (S.NEW, S.REJECTED), (S.NEW, S.CANCELLED), (S.NEW, S.EXPIRED),
    (S.PENDING, S.ACCEPTED), (S.PENDING, S.REJECTED), (S.PENDING, S.PARTIALLY_FILLED),
    (S.PENDING, S.FILLED), (S.PENDING, S.PENDING_CANCEL), (S.PENDING, S.CANCELLED),
    (S.PENDING, S.EXPIRED),
    (S.ACCEPTED, S.PARTIALLY_FILLED), (S.ACCEPTED, S.FILLED), (S.ACCEPTED, S.PENDING_CANCEL),
    (S.ACCEPTED, S.PENDING_REPLACE), (S.ACCEPTED, S.CANCELLED), (S.ACCEPTED, S.EXPIRED),
    (S.PARTIALLY_FILLED, S.PARTIALLY_FILLED), (S.PARTIALLY_FILLED, S.FILLED),
    (S.PARTIALLY_FILLED, S.PENDING_CANCEL), (S.PARTIALLY_FILLED, S.PENDING_REPLACE),
    (S.PARTIALLY_FILLED, S.CANCELLED), (S.PARTIALLY_FILLED, S.EXPIRED),
    (S.PENDING_CANCEL, S.PENDING_CANCEL), (S.PENDING_CANCEL, S.CANCELLED),
    (S.PENDING_CANCEL, S.FILLED), (S.PENDING_CANCEL, S.EXPIRED),
    (S.PENDING_CANCEL, S.ACCEPTED), (S.PENDING_CANCEL, S.PARTIALLY_FILLED),
    (S.PENDING_REPLACE, S.PENDING_REPLACE), (S.PENDING_REPLACE, S.REPLACED),
    (S.PENDING_REPLACE, S.CANCELLED), (S.PENDING_REPLACE, S.FILLED),
    (S.PENDING_REPLACE, S.EXPIRED), (S.PENDING_REPLACE, S.ACCEPTED),
    (S.PENDING_REPLACE, S.PARTIALLY_FILLED),
}


@pytest.mark.parametrize("src,dst", list(itertools.product(ALL, ALL)))
def test_every_pair(src, dst):
    st = OrderState("o", src, 100)
    if (src, dst) in LEGAL:
        assert can(src, dst)
        st.move(dst)
        assert st.status == dst
    else:
        assert not can(src, dst)
        with pytest.raises(IllegalTransition):
            check("o", src, dst)
        with pytest.raises(IllegalTransition):
            st.move(dst)
        assert st.status == src


def test_table_covers_every_status_and_terminals_are_final():
    assert set(TRANSITIONS) == set(ALL)
    for t in TERMINAL:
        assert TRANSITIONS[t] == frozenset()


def rep(et, **kw) -> ome.ExecutionReport:
    return ome.ExecutionReport(exec_type=et, order_id="o", **kw)


def test_submit_accept_partial_fill():
    st = OrderState("o", S.PENDING, 100)
    assert apply_report(st, rep(ome.EXEC_TYPE_NEW)).dst == S.ACCEPTED
    out = apply_report(st, rep(ome.EXEC_TYPE_PARTIAL_FILL, exec_id="f1", last_quantity=40,
                               last_price=10))
    assert out.fill == ("f1", 40, 10) and st.status == S.PARTIALLY_FILLED
    dup = apply_report(st, rep(ome.EXEC_TYPE_PARTIAL_FILL, exec_id="f1", last_quantity=40,
                               last_price=10))
    assert dup.ignored == "duplicate fill" and st.filled == 40
    apply_report(st, rep(ome.EXEC_TYPE_FILL, exec_id="f2", last_quantity=60, last_price=11))
    assert st.status == S.FILLED and st.leaves == 0
    assert st.average_price == pytest.approx((400 + 660) / 100)
    # a late ack or cancel after the fill is refused, the order stays FILLED
    with pytest.raises(IllegalTransition):
        apply_report(st, rep(ome.EXEC_TYPE_NEW))
    with pytest.raises(IllegalTransition):
        apply_report(st, rep(ome.EXEC_TYPE_CANCELLED))
    assert st.status == S.FILLED


def test_fill_racing_a_cancel_keeps_pending_cancel_then_cancel():
    st = OrderState("o", S.ACCEPTED, 100)
    st.move(S.PENDING_CANCEL)
    apply_report(st, rep(ome.EXEC_TYPE_PARTIAL_FILL, exec_id="f", last_quantity=10,
                         last_price=5))
    assert st.status == S.PENDING_CANCEL and st.filled == 10
    apply_report(st, rep(ome.EXEC_TYPE_CANCELLED))
    assert st.status == S.CANCELLED


def test_cancel_rejected_returns_to_prior_status():
    st = OrderState("o", S.PARTIALLY_FILLED, 100, filled=10, notional=50)
    st.move(S.PENDING_CANCEL)
    apply_report(st, rep(ome.EXEC_TYPE_CANCEL_REJECTED, reason="too late"))
    assert st.status == S.PARTIALLY_FILLED


def test_expiry_cancel_maps_to_expired_and_venue_expiry():
    st = OrderState("o", S.ACCEPTED, 100)
    st.move(S.PENDING_CANCEL)
    st.expiring = True
    apply_report(st, rep(ome.EXEC_TYPE_CANCELLED))
    assert st.status == S.EXPIRED
    st2 = OrderState("o", S.ACCEPTED, 100)
    apply_report(st2, rep(ome.EXEC_TYPE_EXPIRED))
    assert st2.status == S.EXPIRED


def test_replace_flow():
    orig = OrderState("o", S.ACCEPTED, 100)
    orig.move(S.PENDING_REPLACE)
    out = apply_report(orig, rep(ome.EXEC_TYPE_CANCELLED, reason="replaced"))
    assert out.ignored and orig.status == S.PENDING_REPLACE and orig.replace_cancelled
    new = OrderState("n", S.PENDING, 50)
    apply_report(new, rep(ome.EXEC_TYPE_NEW))
    assert apply_report(new, rep(ome.EXEC_TYPE_REPLACED, original_order_id="o")).replaced
    orig.move(S.REPLACED)
    assert orig.status == S.REPLACED


def test_venue_reject_and_garbage_fill():
    st = OrderState("o", S.PENDING, 100)
    assert apply_report(st, rep(ome.EXEC_TYPE_PARTIAL_FILL, exec_id="x", last_quantity=-1,
                                last_price=5)).ignored
    apply_report(st, rep(ome.EXEC_TYPE_REJECTED, reason="bad tick"))
    assert st.status == S.REJECTED
    with pytest.raises(IllegalTransition):
        apply_report(st, rep(ome.EXEC_TYPE_NEW))

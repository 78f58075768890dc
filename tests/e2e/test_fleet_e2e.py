"""The whole embedded fleet end to end: ``omni up`` on its defaults trades a simulated
multi-asset market; after the session the orders, fills, risk checks, positions, cash and P&L
must agree with each other and with an independent recomputation from the fills.

Real processes: ``omni up`` runs as a subprocess in a fresh OMNI_HOME and starts the embedded
broker and every implemented service. The simulator runs at the fleet profile's speed (60x:
one-minute bars every second), so ~75 s of wall time is over an hour of market time.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from collections import Counter, defaultdict, deque
from decimal import Decimal
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import fleet_harness as fh  # noqa: E402
from omni.common.v1 import types_pb2 as ct  # noqa: E402
from omni.control_plane.v1 import control_plane_service_pb2 as cp  # noqa: E402
from omni.order_manager.v1 import order_manager_service_pb2 as om  # noqa: E402
from omni_core.embedded.defaults import PROFILE  # noqa: E402

pytestmark = [pytest.mark.e2e, pytest.mark.timeout(330)]

ACCOUNT = PROFILE["account_id"]
SESSION_S = float(os.environ.get("OMNI_E2E_SESSION", "75"))
TERMINAL = {om.ORDER_STATUS_FILLED, om.ORDER_STATUS_CANCELLED, om.ORDER_STATUS_REJECTED,
            om.ORDER_STATUS_EXPIRED, om.ORDER_STATUS_REPLACED}
D0 = Decimal(0)


def _d(x: float | str) -> Decimal:
    return Decimal(x) if isinstance(x, str) else Decimal(repr(float(x)))


def fifo(fills: list[om.Fill]) -> dict[str, dict[str, Decimal]]:
    """Independent FIFO book per instrument: quantity, realised P&L, open cost, fees, cash."""
    lots: dict[str, deque[list[Decimal]]] = defaultdict(deque)  # [signed qty, price]
    out: dict[str, dict[str, Decimal]] = defaultdict(
        lambda: {"qty": D0, "realized": D0, "fees": D0, "cash": D0, "cost": D0})
    for f in sorted(fills, key=lambda f: (f.executed_at.ToNanoseconds(), f.fill_id)):
        inst, q, px = f.instrument_id.value, _d(f.quantity), _d(f.price)
        sign = 1 if f.side == ct.SIDE_BUY else -1
        o = out[inst]
        o["fees"] += _d(f.fee.value or "0")
        o["cash"] -= sign * q * px
        left = q
        book = lots[inst]
        while left > 0 and book and (book[0][0] > 0) != (sign > 0):
            lot = book[0]
            take = min(left, abs(lot[0]))
            o["realized"] += take * (px - lot[1]) * (1 if lot[0] > 0 else -1)
            lot[0] += take * sign
            left -= take
            if lot[0] == 0:
                book.popleft()
        if left > 0:
            book.append([sign * left, px])
        o["qty"] += sign * q
        o["cost"] = sum((lq * lp for lq, lp in book), D0)
    return out


def close(a: Decimal, b: Decimal, tol: Decimal = Decimal("0.01")) -> bool:
    return abs(a - b) <= tol


def run_session(tmp_path: Path, kill: str | None = None) -> None:
    fleet = fh.Fleet(tmp_path / "omni")
    fleet.start()
    killed_pid = None
    try:
        ready_s = fleet.wait_ready()
        print(f"fleet ready in {ready_s:.1f}s")
        bootstrap = fleet.bootstrap
        t0 = time.monotonic()
        # the session: strategies warm up on 1-minute bars, then trade
        while time.monotonic() - t0 < SESSION_S:
            time.sleep(2)
            if kill and killed_pid is None and time.monotonic() - t0 > SESSION_S / 2:
                killed_pid = fleet.record()["services"][kill]["pid"]
                os.kill(killed_pid, signal.SIGKILL)
                print(f"kill -9 {kill} pid {killed_pid}")
        if kill:
            # the supervisor brings it back and it is ready again
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                s = fleet.record()["services"][kill]
                if s["pid"] != killed_pid and s["state"] == "READY":
                    break
                time.sleep(0.5)
            assert s["pid"] != killed_pid and s["state"] == "READY", s
        # stop trading: strategies first, then whatever still works at the cut-off
        stopped = fh.stop_strategies()
        assert stopped, "no strategy was deployed"
        fh.cancel_all(ACCOUNT)
        check_books(fleet, bootstrap, kill)
    finally:
        rc = fleet.stop()
        left = fleet.leftovers()
        fleet.kill_leftovers()
    assert rc == 0, f"omni up exit code {rc}: {fleet.output()[-2000:]}"
    assert not left, f"processes left behind after Ctrl-C: {left}"


def _settled(fills: list[om.Fill]) -> tuple[list, object]:
    """Wait until portfolio-manager has booked every fill order-manager knows of."""
    deadline = time.monotonic() + 45
    while True:
        orders = fh.list_orders(ACCOUNT)
        fills = fh.list_fills(ACCOUNT)
        port = fh.portfolio(ACCOUNT)
        book = fifo(fills)
        held = {p.instrument_id.value: _d(p.quantity) for p in port.positions}
        working = [o for o in orders if o.status not in TERMINAL]
        agree = all(close(book[i]["qty"], held.get(i, D0), Decimal("1e-9"))
                    for i in set(book) | set(held))
        if (not working and agree) or time.monotonic() > deadline:
            return orders, fills, port
        time.sleep(1)


def check_books(fleet: fh.Fleet, bootstrap: str, kill: str | None) -> None:
    orders, fills, port = _settled([])
    statuses = Counter(om.OrderStatus.Name(o.status) for o in orders)
    print(f"orders {len(orders)} {dict(statuses)}; fills {len(fills)}")
    assert fills, f"no fills in the session (orders {dict(statuses)})"

    # every order reached a terminal state; no order twice for one client order id
    working = [(o.order_id, om.OrderStatus.Name(o.status)) for o in orders
               if o.status not in TERMINAL]
    assert not working, f"orders still working after the cut-off and CancelAll: {working}"
    dup = [k for k, n in Counter(o.client_order_id for o in orders).items() if n > 1]
    assert not dup, f"more than one order per client order id: {dup}"
    assert len({f.fill_id for f in fills}) == len(fills), "a fill id listed twice"
    by_order = defaultdict(Decimal)
    for f in fills:
        by_order[f.order_id] += _d(f.quantity)
    for o in orders:
        assert close(by_order.get(o.order_id, D0), _d(o.filled_quantity), Decimal("1e-9")), o

    # fills add up to positions (nothing lost, nothing booked twice)
    book = fifo(fills)
    held = {p.instrument_id.value: p for p in port.positions}
    for inst in set(book) | set(held):
        q = _d(held[inst].quantity) if inst in held else D0
        assert close(book[inst]["qty"], q, Decimal("1e-9")), (inst, book[inst]["qty"], q)

    # cash: the starting cash plus the fills' cash flows and fees; equity = cash + positions
    start = Decimal(PROFILE["starting_cash"])
    cash = start + sum((b["cash"] - b["fees"] for b in book.values()), D0)
    assert close(cash, Decimal(port.cash.value)), (cash, port.cash.value)
    mv = sum((Decimal(p.market_value.value or "0") for p in port.positions), D0)
    for p in port.positions:
        assert close(Decimal(p.market_value.value or "0"),
                     _d(p.quantity) * _d(p.market_price)), p
    assert close(Decimal(port.nav.value), Decimal(port.cash.value) + mv), \
        (port.nav.value, port.cash.value, mv)

    # P&L: an independent FIFO recomputation at the portfolio's own marks
    realized = sum((b["realized"] for b in book.values()), D0)
    fees = sum((b["fees"] for b in book.values()), D0)
    unreal = D0
    for inst, b in book.items():
        if b["qty"]:
            unreal += b["qty"] * _d(held[inst].market_price) - b["cost"]
    pnl = port.pnl
    print(f"P&L realised {realized:.4f} unrealised {unreal:.4f} fees {fees:.4f}; "
          f"portfolio says {pnl.realized.value} / {pnl.unrealized.value} / {pnl.fees.value}")
    assert close(realized, Decimal(pnl.realized.value or "0")), (realized, pnl.realized.value)
    assert close(fees, Decimal(pnl.fees.value or "0")), (fees, pnl.fees.value)
    assert close(unreal, Decimal(pnl.unrealized.value or "0")), (unreal, pnl.unrealized.value)
    assert close(realized + unreal - fees, Decimal(pnl.total.value or "0")), pnl
    assert close(Decimal(port.nav.value) - start, Decimal(pnl.total.value or "0")), pnl

    # a risk check for every order (OrderCheckResult on risk-management)
    from omni.risk_engine.v1 import events_pb2 as rke
    from omni_core.envelope import unpack

    checks: dict[str, list] = defaultdict(list)
    for env, _m in fh.read_topic(bootstrap, "risk-management"):
        if env is not None and env.event_type == rke.OrderCheckResult.DESCRIPTOR.full_name:
            r = unpack(env, rke.OrderCheckResult)
            checks[r.order_id].append(r)
    missing = []
    for o in orders:
        if "risk-engine unavailable" in o.reject_reason:
            continue  # refused by order-manager without an answer (fail closed)
        rs = checks.get(o.order_id, [])
        if not rs and kill and o.reject_reason.startswith("kill switch"):
            # refused by order-manager's own copy of the kill switch (e.g. the orchestrator
            # halted trading while a dependency was down): a risk control, no CheckOrder
            assert o.status == om.ORDER_STATUS_REJECTED and not o.filled_quantity, o
            continue
        if not rs:
            missing.append((o.order_id, om.OrderStatus.Name(o.status), o.reject_reason))
            continue
        if kill is None:
            assert len(rs) == 1, f"{len(rs)} risk checks for order {o.order_id}"
        if o.filled_quantity > 0:
            assert any(r.approved for r in rs), f"filled without approval: {o.order_id}"
    assert not missing, f"{len(missing)} orders without a risk check: {missing[:5]}"
    # fail closed: order-manager refused these because risk-engine did not answer in time
    # (a loaded machine); they must not have reached the venue
    unchecked = [o for o in orders if "risk-engine unavailable" in o.reject_reason]
    for o in unchecked:
        assert o.status == om.ORDER_STATUS_REJECTED and not o.filled_quantity, o
    if unchecked:
        print(f"{len(unchecked)} orders refused fail-closed: {unchecked[0].reject_reason}")

    # nothing in dead-letter
    dead = fh.read_topic(bootstrap, "dead-letter")
    assert not dead, f"{len(dead)} messages in dead-letter: {dead[:3]}"

    # every service healthy; restarts only where we killed
    rec = fleet.record()
    restarts = {n: s["restarts"] for n, s in rec["services"].items()}
    expected = {n: (1 if n == kill else 0) for n in restarts}
    assert restarts == expected, restarts
    running = set(rec["services"])
    health = {h.service: h for h in fh.service_health() if h.service in running}
    assert set(health) == running, f"no health for {running - set(health)}"
    for name, h in health.items():
        assert h.ready, f"{name} not ready: {h}"
        if name != kill:
            assert h.status == cp.HEALTH_STATUS_HEALTHY, f"{name}: {h}"


def test_fleet_session(tmp_path: Path) -> None:
    run_session(tmp_path)


def test_fleet_survives_kill(tmp_path: Path) -> None:
    run_session(tmp_path, kill=os.environ.get("OMNI_E2E_KILL", "order-manager"))

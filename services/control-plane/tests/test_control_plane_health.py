"""The health score formula (documented in svc_control_plane.health) and the breaker board."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from google.protobuf.timestamp_pb2 import Timestamp
from omni.control_plane.v1 import events_pb2 as cp
from omni_core import catalogue
from svc_control_plane.breakers import BreakerBoard
from svc_control_plane.health import (
    DEGRADED,
    HEALTHY,
    MISSING,
    STOPPED,
    UNHEALTHY,
    HealthPolicy,
    HealthTracker,
)

T0 = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)


def ts(dt: datetime) -> Timestamp:
    t = Timestamp()
    t.FromDatetime(dt)
    return t


def hb(
    at: datetime,
    service: str = "risk-engine",
    instance: str = "i-1",
    *,
    started: datetime = T0 - timedelta(hours=1),
    ready: bool = True,
    interval: float = 5.0,
    breakers: list[cp.BreakerState] | None = None,
    **counters: int,
) -> cp.ServiceHeartbeat:
    return cp.ServiceHeartbeat(
        service=service,
        instance_id=instance,
        ready=ready,
        started_at=ts(started),
        sent_at=ts(at),
        interval_seconds=interval,
        breakers=breakers or [],
        **counters,
    )


def breaker(
    name: str, status: int, at: datetime, failures: int = 0, successes: int = 0
) -> cp.BreakerState:
    return cp.BreakerState(
        name=name,
        status=status,  # type: ignore[arg-type]
        failures_total=failures,
        successes_total=successes,
        changed_at=ts(at),
    )


def comp(h, name: str):  # type: ignore[no-untyped-def]
    return next(c for c in h.components if c.name == name)


def test_healthy_service_scores_100() -> None:
    t = HealthTracker()
    assert t.record_heartbeat(hb(T0, requests_total=100), T0)
    h = t.service_health("risk-engine", T0 + timedelta(seconds=3))
    assert (h.score, h.status, h.ready, h.instance_ids) == (100.0, HEALTHY, True, ("i-1",))
    assert {c.name for c in h.components} == {
        "liveness",
        "readiness",
        "request_errors",
        "message_errors",
        "dead_letters",
        "restarts",
        "open_breakers",
    }
    assert all(c.penalty == 0 for c in h.components)


def test_never_heard_from_is_missing_with_score_0() -> None:
    t = HealthTracker()
    fleet = t.fleet(T0)
    assert [h.service for h in fleet] == [s.name for s in catalogue.SERVICES]
    assert all(h.score == 0 and h.status == MISSING for h in fleet)


@pytest.mark.parametrize(
    ("age", "expected"),
    [
        (7.5, 100.0),  # 1.5 beats: within grace
        (12.5, 66.67),  # 2.5 beats: 1 - (2.5 - 1.5) / 3
        (15.0, 50.0),  # 3 beats: 1 - (3 - 1.5) / 3
        (22.5, 0.0),  # 4.5 beats: dead
    ],
)
def test_missed_beats_decay_liveness(age: float, expected: float) -> None:
    t = HealthTracker()
    t.record_heartbeat(hb(T0), T0)
    h = t.service_health("risk-engine", T0 + timedelta(seconds=age))
    assert h.score == pytest.approx(expected, abs=0.01)


def test_liveness_decay_exact_values() -> None:
    t = HealthTracker()
    t.record_heartbeat(hb(T0, interval=2.0), T0)
    # 5 s at 2 s interval = 2.5 beats -> 1 - (2.5 - 1.5) / 3 = 2/3
    h = t.service_health("risk-engine", T0 + timedelta(seconds=5))
    assert h.score == pytest.approx(66.67, abs=0.01)
    assert comp(h, "liveness").value == pytest.approx(2 / 3)
    assert h.status == DEGRADED
    gone = t.service_health("risk-engine", T0 + timedelta(seconds=9))
    assert (gone.score, gone.status, gone.instance_ids) == (0.0, MISSING, ())


def test_not_ready_costs_readiness_weight() -> None:
    t = HealthTracker()
    t.record_heartbeat(hb(T0, ready=False), T0)
    h = t.service_health("risk-engine", T0)
    assert h.score == 70.0 and h.status == DEGRADED and not h.ready
    assert comp(h, "readiness").penalty == 30.0


def test_error_rates_come_from_counter_deltas() -> None:
    t = HealthTracker()
    t.record_heartbeat(hb(T0, requests_total=1000, request_errors_total=500), T0)
    # since the previous heartbeat: 100 requests, 10 errors -> 10 % -> 20 * 0.1/0.25 = 8
    t.record_heartbeat(
        hb(T0 + timedelta(seconds=5), requests_total=1100, request_errors_total=510),
        T0 + timedelta(seconds=5),
    )
    h = t.service_health("risk-engine", T0 + timedelta(seconds=5))
    assert comp(h, "request_errors").value == pytest.approx(0.1)
    assert comp(h, "request_errors").penalty == pytest.approx(8.0)
    assert h.score == pytest.approx(92.0)


def test_message_errors_and_dead_letters() -> None:
    t = HealthTracker()
    t.record_heartbeat(
        hb(T0, messages_processed_total=90, messages_failed_total=10, dead_lettered_total=1), T0
    )
    h = t.service_health("risk-engine", T0)
    # message error rate 10/100 -> 15 * 0.4 = 6; dead-letter rate 1/100 -> 10 * 0.2 = 2
    assert comp(h, "message_errors").penalty == pytest.approx(6.0)
    assert comp(h, "dead_letters").penalty == pytest.approx(2.0)
    assert h.score == pytest.approx(92.0)


def test_counter_reset_counts_from_zero() -> None:
    t = HealthTracker()
    t.record_heartbeat(hb(T0, requests_total=1000, request_errors_total=0), T0)
    t.record_heartbeat(
        hb(T0 + timedelta(seconds=5), requests_total=10, request_errors_total=10),
        T0 + timedelta(seconds=5),
    )
    h = t.service_health("risk-engine", T0 + timedelta(seconds=5))
    assert comp(h, "request_errors").value == 1.0 and comp(h, "request_errors").penalty == 20.0


def test_everything_wrong_floors_at_zero() -> None:
    board = BreakerBoard()
    t = HealthTracker(board=board)
    t.record_heartbeat(
        hb(
            T0,
            ready=False,
            requests_total=10,
            request_errors_total=10,
            messages_processed_total=0,
            messages_failed_total=10,
            dead_lettered_total=10,
            breakers=[
                breaker("a", cp.BREAKER_STATUS_OPEN, T0),
                breaker("b", cp.BREAKER_STATUS_OPEN, T0),
            ],
        ),
        T0,
    )
    h = t.service_health("risk-engine", T0)
    assert h.score == 10.0  # 100 - 30 - 20 - 15 - 10 - 15; no restarts
    assert h.status == UNHEALTHY and h.open_breakers == 2


def test_stale_and_duplicate_heartbeats_are_ignored() -> None:
    t = HealthTracker()
    t10 = T0 + timedelta(seconds=10)
    assert t.record_heartbeat(hb(t10, requests_total=100), t10)
    assert not t.record_heartbeat(hb(T0, requests_total=50, request_errors_total=50), t10)
    assert not t.record_heartbeat(hb(t10, requests_total=100), t10)
    assert not t.record_heartbeat(hb(T0, service="not-a-service"), T0)
    assert t.service_health("risk-engine", T0 + timedelta(seconds=10)).score == 100.0


def test_backlog_heartbeat_ages_from_sent_at() -> None:
    t = HealthTracker()
    # received now, but sent an hour ago: replayed backlog, not a live instance
    t.record_heartbeat(hb(T0 - timedelta(hours=1)), T0)
    assert t.service_health("risk-engine", T0).status == MISSING


def test_restarts_are_counted_within_the_window() -> None:
    t = HealthTracker()
    t.record_heartbeat(hb(T0, instance="a"), T0)
    for n, iid in enumerate(["b", "c"], start=1):
        at = T0 + timedelta(seconds=10 * n)
        t.record_lifecycle(
            cp.ServiceLifecycleChanged(
                service="risk-engine",
                instance_id="a" if n == 1 else "b",
                phase=cp.SERVICE_PHASE_STOPPED,
            ),
            at,
        )
        t.record_heartbeat(hb(at, instance=iid, started=at), at)
    now = T0 + timedelta(seconds=20)
    h = t.service_health("risk-engine", now)
    assert h.restarts == 2 and h.instance_ids == ("c",)
    assert comp(h, "restarts").penalty == pytest.approx(10 * 2 / 3)
    # a new process under the same instance id is a restart too
    t.record_heartbeat(
        hb(now + timedelta(seconds=5), instance="c", started=now + timedelta(seconds=2)), now
    )
    assert t.service_health("risk-engine", now + timedelta(seconds=5)).restarts == 3
    later = now + timedelta(seconds=700)
    t.record_heartbeat(hb(later, instance="c", started=now + timedelta(seconds=2)), later)
    assert t.service_health("risk-engine", later).restarts == 0


def test_instances_started_before_we_watched_are_not_restarts() -> None:
    t = HealthTracker()
    t.record_heartbeat(hb(T0, instance="a", started=T0 - timedelta(hours=2)), T0)
    t.record_heartbeat(hb(T0, instance="b", started=T0 - timedelta(hours=1)), T0)
    h = t.service_health("risk-engine", T0)
    assert h.restarts == 0 and h.instance_ids == ("a", "b") and h.score == 100.0


def test_service_score_is_mean_of_live_instances() -> None:
    t = HealthTracker()
    t.record_heartbeat(hb(T0, instance="a"), T0)
    t.record_heartbeat(hb(T0, instance="b", ready=False), T0)
    h = t.service_health("risk-engine", T0)
    assert h.score == 85.0 and h.ready
    assert comp(h, "readiness").penalty == 30.0  # components of the worst instance


def test_stopped_service() -> None:
    t = HealthTracker()
    t.record_heartbeat(hb(T0), T0)
    t.record_lifecycle(
        cp.ServiceLifecycleChanged(
            service="risk-engine", instance_id="i-1", phase=cp.SERVICE_PHASE_STOPPED
        ),
        T0 + timedelta(seconds=1),
    )
    h = t.service_health("risk-engine", T0 + timedelta(seconds=1))
    assert (h.score, h.status) == (0.0, STOPPED)


def test_silent_instances_are_forgotten_with_their_breakers() -> None:
    board = BreakerBoard()
    t = HealthTracker(HealthPolicy(forget_after_beats=10), board)
    t.record_heartbeat(hb(T0, breakers=[breaker("x", cp.BREAKER_STATUS_OPEN, T0)]), T0)
    assert len(board) == 1
    h = t.service_health("risk-engine", T0 + timedelta(seconds=51))
    assert h.instances == () and h.status == MISSING and len(board) == 0


# ---- breaker board --------------------------------------------------------------------


def test_board_orders_by_changed_at_newest_first() -> None:
    b = BreakerBoard()
    b.apply("broker-gateway", "i", breaker("venue:alpaca", cp.BREAKER_STATUS_OPEN, T0))
    b.apply("market-data", "i", breaker("yahoo", cp.BREAKER_STATUS_CLOSED, T0 + timedelta(1)))
    b.apply(
        "broker-gateway",
        "i",
        breaker("venue:binance", cp.BREAKER_STATUS_HALF_OPEN, T0 - timedelta(1)),
    )
    assert [e.name for e in b.entries()] == ["yahoo", "venue:alpaca", "venue:binance"]
    assert [e.name for e in b.entries(service="broker-gateway")] == [
        "venue:alpaca",
        "venue:binance",
    ]
    assert [e.name for e in b.entries(statuses=[cp.BREAKER_STATUS_OPEN])] == ["venue:alpaca"]
    assert b.open_load("broker-gateway", "i") == (1, 1)


def test_board_drops_stale_events() -> None:
    b = BreakerBoard()
    t1 = T0 + timedelta(seconds=10)
    assert b.apply("broker-gateway", "i", breaker("v", cp.BREAKER_STATUS_OPEN, t1, failures=5))
    # an older CLOSED arriving late is ignored
    assert not b.apply("broker-gateway", "i", breaker("v", cp.BREAKER_STATUS_CLOSED, T0, 0, 9))
    # same changed_at with fewer calls counted: older snapshot, ignored
    assert not b.apply("broker-gateway", "i", breaker("v", cp.BREAKER_STATUS_OPEN, t1, failures=4))
    # same changed_at, more calls: counters refreshed by a heartbeat
    assert b.apply("broker-gateway", "i", breaker("v", cp.BREAKER_STATUS_OPEN, t1, failures=6))
    (e,) = b.entries()
    assert (e.status, e.failures_total) == (cp.BREAKER_STATUS_OPEN, 6)
    assert b.apply(
        "broker-gateway", "i", breaker("v", cp.BREAKER_STATUS_CLOSED, t1 + timedelta(seconds=30))
    )
    assert b.entries()[0].status == cp.BREAKER_STATUS_CLOSED


def test_breaker_changed_event_feeds_health() -> None:
    t = HealthTracker()
    t.record_heartbeat(hb(T0, service="broker-gateway"), T0)
    t.record_breaker(
        cp.CircuitBreakerChanged(
            service="broker-gateway",
            instance_id="i-1",
            breaker=breaker("venue:alpaca", cp.BREAKER_STATUS_OPEN, T0),
        )
    )
    h = t.service_health("broker-gateway", T0)
    assert h.open_breakers == 1 and comp(h, "open_breakers").penalty == 7.5
    assert h.score == 92.5


def test_stale_lifecycle_event_is_ignored() -> None:
    t = HealthTracker()
    t1 = T0 + timedelta(seconds=30)
    t.record_heartbeat(hb(t1), t1)
    stopped = cp.ServiceLifecycleChanged(
        service="risk-engine", instance_id="i-1", phase=cp.SERVICE_PHASE_STOPPED
    )
    # produced before the last heartbeat: a redelivered STOPPED of an earlier life
    assert not t.record_lifecycle(stopped, t1, produced_at=T0)
    assert t.service_health("risk-engine", t1).status == HEALTHY
    assert t.record_lifecycle(stopped, t1, produced_at=t1 + timedelta(seconds=1))
    assert t.service_health("risk-engine", t1).status == STOPPED


def test_lifecycle_starting_counts_a_restart_and_not_ready() -> None:
    t = HealthTracker()
    t.record_heartbeat(hb(T0, instance="a"), T0)
    at = T0 + timedelta(seconds=2)
    ev = cp.ServiceLifecycleChanged(
        service="risk-engine", instance_id="b", phase=cp.SERVICE_PHASE_STARTING
    )
    assert t.record_lifecycle(ev, at, produced_at=at)
    h = t.service_health("risk-engine", at)
    assert h.restarts == 1 and set(h.instance_ids) == {"a", "b"}
    b = next(i for i in h.instances if i.instance_id == "b")
    assert not b.ready and b.score == pytest.approx(70.0 - 10 / 3, abs=0.01)


def test_orphan_breakers_are_forgotten() -> None:
    board = BreakerBoard()
    t = HealthTracker(HealthPolicy(forget_after_beats=10, default_interval=5), board)
    t.record_breaker(
        cp.CircuitBreakerChanged(
            service="broker-gateway",
            instance_id="ghost",
            breaker=breaker("v", cp.BREAKER_STATUS_OPEN, T0),
        )
    )
    t.forget_stale(T0 + timedelta(seconds=49))
    assert len(board) == 1
    t.forget_stale(T0 + timedelta(seconds=51))
    assert len(board) == 0

"""Health scores, 0-100, for every service of the fleet, from the heartbeats and lifecycle
events each service publishes on system-monitoring.

Kept in memory only, by design: every service sends a heartbeat every few seconds carrying
cumulative counters, so after a control-plane restart the state is rebuilt within a few
intervals. Nothing here is persisted.

The formula (per instance; all parameters are `HealthPolicy` fields, i.e. settings)::

    score = liveness * max(0, 100 - readiness - request_errors - message_errors
                                   - dead_letters - restarts - open_breakers)

liveness (a factor 0..1)
    ``beats = age / interval`` where ``age`` is the time since the instance's last heartbeat
    and ``interval`` the heartbeat interval the sender announced. Up to ``grace_beats`` (1.5)
    liveness is 1; then it decays linearly and reaches 0 after ``dead_after_beats`` (3) more
    missed beats. ``age`` is measured from when the heartbeat was received, or from its
    ``sent_at`` when that is more than ``max_clock_skew`` older (a backlog being replayed).
readiness (weight 30)
    the whole weight when the instance is not ready (heartbeat ``ready`` / lifecycle phase).
request_errors (20), message_errors (15), dead_letters (10)
    rates over the counter deltas between the instance's last two heartbeats (the first
    heartbeat counts from zero: everything since the process started); a counter that went
    down is a reset and counts from zero. ``penalty = weight * min(1, rate / full_rate)``:
    request error rate = d(request_errors) / d(requests) (full at 25 %); message error rate
    = d(messages_failed) / (d(messages_processed) + d(messages_failed)) (full at 25 %);
    dead-letter rate = d(dead_lettered) / (d(processed) + d(failed)) (full at 5 %).
restarts (10)
    instance starts seen within ``restart_window`` (10 min) that began after the control plane
    first saw the service (a new instance id, or a new ``started_at`` of a known one);
    ``weight * min(1, restarts / restarts_full)`` with restarts_full = 3.
open_breakers (15)
    ``load = open + 0.5 * half_open`` breakers of the instance on the breaker board;
    ``weight * min(1, load / breakers_full)`` with breakers_full = 2.

A service's score is the mean over its live instances (liveness > 0, not stopped); its
components are those of its worst live instance. Status: MISSING (score 0) when never heard
from or no instance is alive; STOPPED (score 0) when every known instance announced it
stopped; otherwise HEALTHY at >= 80, DEGRADED at >= 50, else UNHEALTHY. Instances silent for
``forget_after_beats`` (20) intervals, or stopped, are dropped (with their breakers).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from omni.control_plane.v1 import events_pb2 as cp
from omni_core import catalogue

from svc_control_plane.breakers import BreakerBoard, ts_to_dt

__all__ = [
    "HealthPolicy",
    "Component",
    "InstanceHealth",
    "ServiceHealth",
    "HealthTracker",
    "HEALTHY",
    "DEGRADED",
    "UNHEALTHY",
    "MISSING",
    "STOPPED",
]

HEALTHY = "healthy"
DEGRADED = "degraded"
UNHEALTHY = "unhealthy"
MISSING = "missing"
STOPPED = "stopped"


@dataclass(frozen=True, slots=True)
class HealthPolicy:
    readiness_weight: float = 30.0
    request_errors_weight: float = 20.0
    message_errors_weight: float = 15.0
    dead_letters_weight: float = 10.0
    restarts_weight: float = 10.0
    open_breakers_weight: float = 15.0
    grace_beats: float = 1.5
    dead_after_beats: float = 3.0
    forget_after_beats: float = 20.0
    default_interval: float = 5.0
    max_clock_skew: float = 30.0
    request_error_full_rate: float = 0.25
    message_error_full_rate: float = 0.25
    dead_letter_full_rate: float = 0.05
    restarts_full: float = 3.0
    restart_window: float = 600.0
    breakers_full: float = 2.0
    healthy_threshold: float = 80.0
    degraded_threshold: float = 50.0


@dataclass(frozen=True, slots=True)
class Component:
    name: str
    value: float
    weight: float
    penalty: float
    detail: str = ""


@dataclass(frozen=True, slots=True)
class InstanceHealth:
    instance_id: str
    score: float
    liveness: float
    ready: bool
    phase: int
    started_at: datetime | None
    last_heartbeat_at: datetime | None
    interval: float
    components: tuple[Component, ...]
    consumer_lag: int
    open_breakers: int


@dataclass(frozen=True, slots=True)
class ServiceHealth:
    service: str
    score: float
    status: str
    components: tuple[Component, ...]
    last_heartbeat_at: datetime | None
    heartbeat_age: float
    ready: bool
    instance_ids: tuple[str, ...]
    instances: tuple[InstanceHealth, ...]
    restarts: int
    open_breakers: int


_COUNTERS = (
    "requests_total",
    "request_errors_total",
    "messages_processed_total",
    "messages_failed_total",
    "dead_lettered_total",
)


@dataclass(slots=True)
class _Instance:
    instance_id: str
    started_at: datetime | None = None
    observed_at: datetime | None = None  # when the last heartbeat counts as seen
    sent_at: datetime | None = None
    interval: float = 5.0
    ready: bool = False
    phase: int = cp.SERVICE_PHASE_UNSPECIFIED
    stopped: bool = False
    counters: tuple[int, ...] | None = None
    deltas: tuple[int, ...] = (0, 0, 0, 0, 0)
    consumer_lag: int = 0


@dataclass(slots=True)
class _Service:
    name: str
    first_seen: datetime | None = None
    instances: dict[str, _Instance] = field(default_factory=dict)
    restarts: deque[datetime] = field(default_factory=deque)


def _rate(num: int, den: int) -> float:
    return num / den if den > 0 else 0.0


def _penalty(weight: float, value: float, full: float) -> float:
    if full <= 0:
        return weight if value > 0 else 0.0
    return weight * min(1.0, value / full)


class HealthTracker:
    """Holds the latest heartbeat facts of every instance and computes scores on demand at a
    given ``now`` (no clock inside: the caller passes time, so tests are deterministic)."""

    def __init__(self, policy: HealthPolicy | None = None, board: BreakerBoard | None = None):
        self.policy = policy or HealthPolicy()
        self.board = board if board is not None else BreakerBoard()
        self._services: dict[str, _Service] = {s.name: _Service(s.name) for s in catalogue.SERVICES}

    # ---- input ----------------------------------------------------------------------------

    def _service(self, name: str) -> _Service | None:
        return self._services.get(name)

    def _restart(self, svc: _Service, started: datetime) -> None:
        if svc.first_seen is not None and started > svc.first_seen:
            svc.restarts.append(started)

    def record_heartbeat(self, hb: cp.ServiceHeartbeat, received_at: datetime) -> bool:
        """Applies one heartbeat; False when ignored (unknown service, no instance id, or not
        newer than the last heartbeat of that instance)."""
        svc = self._service(hb.service)
        if svc is None or not hb.instance_id:
            return False
        sent_at = ts_to_dt(hb.sent_at)
        started_at = ts_to_dt(hb.started_at)
        inst = svc.instances.get(hb.instance_id)
        if inst is not None and inst.sent_at is not None and sent_at is not None:
            if sent_at <= inst.sent_at:
                return False  # duplicate or out of order
        observed = received_at
        if (
            sent_at is not None
            and (received_at - sent_at).total_seconds() > self.policy.max_clock_skew
        ):
            observed = sent_at
        if inst is None:
            inst = _Instance(hb.instance_id)
            svc.instances[hb.instance_id] = inst
            if started_at is not None:
                self._restart(svc, started_at)
        elif (
            started_at is not None and inst.started_at is not None and started_at != inst.started_at
        ):
            self._restart(svc, started_at)  # same id, new process
            inst.counters = None
        if svc.first_seen is None:
            svc.first_seen = observed
        counters = tuple(int(getattr(hb, c)) for c in _COUNTERS)
        if inst.counters is None:
            inst.deltas = tuple(max(0, c) for c in counters)
        else:
            inst.deltas = tuple(
                (c - p) if c >= p else c for c, p in zip(counters, inst.counters, strict=True)
            )
        inst.counters = counters
        inst.started_at = started_at or inst.started_at
        inst.sent_at = sent_at
        inst.observed_at = observed if inst.observed_at is None else max(observed, inst.observed_at)
        inst.interval = (
            hb.interval_seconds if hb.interval_seconds > 0 else self.policy.default_interval
        )
        inst.ready = hb.ready
        inst.stopped = False
        if inst.phase in (cp.SERVICE_PHASE_STOPPING, cp.SERVICE_PHASE_STOPPED):
            inst.phase = cp.SERVICE_PHASE_READY if hb.ready else cp.SERVICE_PHASE_STARTING
        elif inst.phase == cp.SERVICE_PHASE_UNSPECIFIED:
            inst.phase = cp.SERVICE_PHASE_READY if hb.ready else cp.SERVICE_PHASE_STARTING
        inst.consumer_lag = hb.consumer_lag
        self.board.apply_heartbeat(hb)
        return True

    def record_lifecycle(
        self,
        ev: cp.ServiceLifecycleChanged,
        received_at: datetime,
        produced_at: datetime | None = None,
    ) -> bool:
        """Applies a lifecycle change. ``produced_at`` (the envelope's time) orders it against
        heartbeats: a change produced before the instance's last heartbeat is stale (a
        redelivery or a replayed backlog) and ignored."""
        svc = self._service(ev.service)
        if svc is None or not ev.instance_id:
            return False
        at = min(produced_at, received_at) if produced_at is not None else received_at
        inst = svc.instances.get(ev.instance_id)
        if inst is not None and inst.sent_at is not None and produced_at is not None:
            if produced_at < inst.sent_at:
                return False
        if inst is None:
            if ev.phase in (cp.SERVICE_PHASE_STOPPING, cp.SERVICE_PHASE_STOPPED):
                return False  # nothing known to stop
            inst = _Instance(ev.instance_id, interval=self.policy.default_interval)
            inst.observed_at = at
            svc.instances[ev.instance_id] = inst
            if svc.first_seen is None:
                svc.first_seen = at
            elif ev.phase == cp.SERVICE_PHASE_STARTING:
                self._restart(svc, at)
                inst.started_at = at
        inst.phase = ev.phase
        if ev.phase == cp.SERVICE_PHASE_READY:
            inst.ready = True
        elif ev.phase in (
            cp.SERVICE_PHASE_STARTING,
            cp.SERVICE_PHASE_DEGRADED,
            cp.SERVICE_PHASE_STOPPING,
        ):
            inst.ready = False
        if ev.phase == cp.SERVICE_PHASE_STOPPED:
            inst.ready = False
            inst.stopped = True
        return True

    def record_breaker(self, ev: cp.CircuitBreakerChanged) -> bool:
        if ev.service not in self._services:
            return False
        return self.board.apply_changed(ev)

    # ---- scoring --------------------------------------------------------------------------

    def _liveness(self, inst: _Instance, now: datetime) -> tuple[float, float]:
        if inst.observed_at is None:
            return 0.0, 0.0
        age = max(0.0, (now - inst.observed_at).total_seconds())
        beats = age / inst.interval
        p = self.policy
        if beats <= p.grace_beats:
            return 1.0, age
        if p.dead_after_beats <= 0:
            return 0.0, age
        return max(0.0, 1.0 - (beats - p.grace_beats) / p.dead_after_beats), age

    def _restarts(self, svc: _Service, now: datetime) -> int:
        horizon = now - timedelta(seconds=self.policy.restart_window)
        while svc.restarts and svc.restarts[0] < horizon:
            svc.restarts.popleft()
        # appended in arrival order; count precisely in case starts arrive out of order
        return sum(1 for t in svc.restarts if t >= horizon)

    def _instance_health(
        self, svc: _Service, inst: _Instance, now: datetime, restarts: int
    ) -> InstanceHealth:
        p = self.policy
        liveness, age = self._liveness(inst, now)
        req, req_err, processed, failed, dlq = inst.deltas
        req_rate = _rate(req_err, req)
        msg_rate = _rate(failed, processed + failed)
        dlq_rate = (
            min(1.0, _rate(dlq, processed + failed))
            if processed + failed
            else (1.0 if dlq else 0.0)
        )
        n_open, n_half = self.board.open_load(svc.name, inst.instance_id)
        load = n_open + 0.5 * n_half
        ready = inst.ready and not inst.stopped
        comps = (
            Component(
                "liveness",
                liveness,
                100.0,
                0.0,
                f"last heartbeat {age:.1f}s ago, interval {inst.interval:g}s",
            ),
            Component(
                "readiness",
                1.0 if ready else 0.0,
                p.readiness_weight,
                0.0 if ready else p.readiness_weight,
                "ready" if ready else "not ready",
            ),
            Component(
                "request_errors",
                req_rate,
                p.request_errors_weight,
                _penalty(p.request_errors_weight, req_rate, p.request_error_full_rate),
                f"{req_err} of {req} requests failed since the previous heartbeat",
            ),
            Component(
                "message_errors",
                msg_rate,
                p.message_errors_weight,
                _penalty(p.message_errors_weight, msg_rate, p.message_error_full_rate),
                f"{failed} of {processed + failed} messages failed since the previous heartbeat",
            ),
            Component(
                "dead_letters",
                dlq_rate,
                p.dead_letters_weight,
                _penalty(p.dead_letters_weight, dlq_rate, p.dead_letter_full_rate),
                f"{dlq} messages dead-lettered since the previous heartbeat",
            ),
            Component(
                "restarts",
                float(restarts),
                p.restarts_weight,
                _penalty(p.restarts_weight, restarts, p.restarts_full),
                f"{restarts} restarts in the last {p.restart_window:g}s",
            ),
            Component(
                "open_breakers",
                load,
                p.open_breakers_weight,
                _penalty(p.open_breakers_weight, load, p.breakers_full),
                f"{n_open} open, {n_half} half-open",
            ),
        )
        base = max(0.0, 100.0 - sum(c.penalty for c in comps[1:]))
        score = 0.0 if inst.stopped else round(liveness * base, 2)
        # liveness shown as the points it takes away
        comps = (
            Component("liveness", liveness, 100.0, round(base - score, 2), comps[0].detail),
            *comps[1:],
        )
        return InstanceHealth(
            instance_id=inst.instance_id,
            score=score,
            liveness=liveness,
            ready=ready,
            phase=inst.phase,
            started_at=inst.started_at,
            last_heartbeat_at=inst.observed_at,
            interval=inst.interval,
            components=comps,
            consumer_lag=inst.consumer_lag,
            open_breakers=n_open,
        )

    def _forget_stale(self, svc: _Service, now: datetime) -> None:
        for iid, inst in list(svc.instances.items()):
            if inst.observed_at is None:
                continue
            silent = (now - inst.observed_at).total_seconds() / inst.interval
            if silent > self.policy.forget_after_beats or (inst.stopped and len(svc.instances) > 1):
                del svc.instances[iid]
                self.board.forget_instance(svc.name, iid)
        # breakers reported by instances we never heard a heartbeat from (or forgot) go too,
        # once they are as old as a forgotten instance
        horizon = now - timedelta(
            seconds=self.policy.forget_after_beats * self.policy.default_interval
        )
        self.board.forget_orphans(svc.name, set(svc.instances), horizon)

    def service_health(self, name: str, now: datetime) -> ServiceHealth:
        svc = self._services.get(name)
        if svc is None:
            raise KeyError(name)
        self._forget_stale(svc, now)
        restarts = self._restarts(svc, now)
        insts = [self._instance_health(svc, i, now, restarts) for i in svc.instances.values()]
        insts.sort(key=lambda h: h.instance_id)
        live = [
            h
            for h, i in zip(insts, [svc.instances[h.instance_id] for h in insts], strict=True)
            if h.liveness > 0 and not i.stopped
        ]
        last = max((h.last_heartbeat_at for h in insts if h.last_heartbeat_at), default=None)
        age = (now - last).total_seconds() if last else 0.0
        if live:
            score = round(sum(h.score for h in live) / len(live), 2)
            worst = min(live, key=lambda h: h.score)
            p = self.policy
            status = (
                HEALTHY
                if score >= p.healthy_threshold
                else DEGRADED
                if score >= p.degraded_threshold
                else UNHEALTHY
            )
            components = worst.components
        else:
            score = 0.0
            all_stopped = bool(svc.instances) and all(i.stopped for i in svc.instances.values())
            status = STOPPED if all_stopped else MISSING
            components = min(insts, key=lambda h: h.score).components if insts else ()
        return ServiceHealth(
            service=name,
            score=score,
            status=status,
            components=components,
            last_heartbeat_at=last,
            heartbeat_age=max(0.0, age),
            ready=any(h.ready for h in live),
            instance_ids=tuple(h.instance_id for h in live),
            instances=tuple(insts),
            restarts=restarts,
            open_breakers=sum(h.open_breakers for h in live),
        )

    def fleet(self, now: datetime) -> list[ServiceHealth]:
        """Every catalogue service, in catalogue order."""
        return [self.service_health(s.name, now) for s in catalogue.SERVICES]

    def forget_stale(self, now: datetime) -> None:
        for svc in self._services.values():
            self._forget_stale(svc, now)

"""The circuit-breaker board: the latest known state of every breaker of every service
instance, fed by CircuitBreakerChanged events and by the ``breakers`` list each heartbeat
carries.

Kept in memory only: it is rebuilt from the next heartbeats after a restart (every heartbeat
lists all breakers of its sender), so nothing here is persisted.

Stale-event safety: events arrive at least once and possibly out of order (heartbeat and change
events race). An update replaces the held state only when its ``changed_at`` is later, or equal
with at least as many calls counted (failures_total + successes_total): counters only grow, so
the update with more calls is the newer one. Anything else is dropped.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime

from omni.control_plane.v1 import events_pb2 as cp

__all__ = ["BoardEntry", "BreakerBoard"]

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def ts_to_dt(ts) -> datetime | None:  # type: ignore[no-untyped-def]
    """A protobuf Timestamp as an aware datetime; None when unset (zero)."""
    if ts is None or (ts.seconds == 0 and ts.nanos == 0):
        return None
    return ts.ToDatetime(tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class BoardEntry:
    service: str
    instance_id: str
    name: str
    status: int  # cp.BreakerStatus value
    consecutive_failures: int
    failures_total: int
    successes_total: int
    changed_at: datetime

    @property
    def calls(self) -> int:
        return self.failures_total + self.successes_total

    @classmethod
    def from_proto(cls, service: str, instance_id: str, state: cp.BreakerState) -> BoardEntry:
        return cls(
            service=service,
            instance_id=instance_id,
            name=state.name,
            status=state.status,
            consecutive_failures=state.consecutive_failures,
            failures_total=state.failures_total,
            successes_total=state.successes_total,
            changed_at=ts_to_dt(state.changed_at) or EPOCH,
        )

    def to_proto(self) -> cp.BreakerState:
        state = cp.BreakerState(
            name=self.name,
            status=self.status,  # type: ignore[arg-type]
            consecutive_failures=self.consecutive_failures,
            failures_total=self.failures_total,
            successes_total=self.successes_total,
        )
        if self.changed_at != EPOCH:
            state.changed_at.FromDatetime(self.changed_at)
        return state


def _newer(new: BoardEntry, old: BoardEntry) -> bool:
    if new.changed_at != old.changed_at:
        return new.changed_at > old.changed_at
    return new.calls >= old.calls


class BreakerBoard:
    def __init__(self) -> None:
        self._entries: dict[tuple[str, str, str], BoardEntry] = {}

    def __len__(self) -> int:
        return len(self._entries)

    def apply(self, service: str, instance_id: str, state: cp.BreakerState) -> bool:
        """Records one breaker state; False when it was stale (older than what is held) or
        has no name."""
        if not state.name:
            return False
        new = BoardEntry.from_proto(service, instance_id, state)
        k = (service, instance_id, state.name)
        old = self._entries.get(k)
        if old is not None and not _newer(new, old):
            return False
        self._entries[k] = new
        return True

    def apply_changed(self, event: cp.CircuitBreakerChanged) -> bool:
        return self.apply(event.service, event.instance_id, event.breaker)

    def apply_heartbeat(self, hb: cp.ServiceHeartbeat) -> int:
        """Records every breaker listed in a heartbeat; returns how many changed the board."""
        return sum(self.apply(hb.service, hb.instance_id, b) for b in hb.breakers)

    def forget_instance(self, service: str, instance_id: str) -> None:
        for k in [k for k in self._entries if k[0] == service and k[1] == instance_id]:
            del self._entries[k]

    def forget_orphans(self, service: str, live: set[str], older_than: datetime) -> int:
        """Drops breakers of `service` whose instance is not in `live` and which have not
        changed since `older_than` (bounded memory on long runs)."""
        gone = [
            k
            for k, e in self._entries.items()
            if k[0] == service and k[1] not in live and e.changed_at < older_than
        ]
        for k in gone:
            del self._entries[k]
        return len(gone)

    def entries(
        self, service: str | None = None, statuses: Iterable[int] | None = None
    ) -> list[BoardEntry]:
        """Most recently changed first; ties by service, instance, breaker name."""
        wanted = set(statuses) if statuses else None
        rows = [
            e
            for e in self._entries.values()
            if (not service or e.service == service) and (wanted is None or e.status in wanted)
        ]
        rows.sort(key=lambda e: (e.service, e.instance_id, e.name))
        rows.sort(key=lambda e: e.changed_at, reverse=True)
        return rows

    def open_load(self, service: str, instance_id: str) -> tuple[int, int]:
        """(open, half-open) breaker counts of one instance."""
        n_open = n_half = 0
        for (s, i, _), e in self._entries.items():
            if s == service and i == instance_id:
                if e.status == cp.BREAKER_STATUS_OPEN:
                    n_open += 1
                elif e.status == cp.BREAKER_STATUS_HALF_OPEN:
                    n_half += 1
        return n_open, n_half

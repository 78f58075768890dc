"""The trading-session state machine and the schedules that drive it.

States (``omni.orchestrator.v1.SessionState``): PRE_OPEN, OPEN, HALTED, CLOSING, CLOSED.

Legal moves (anything else is FAILED_PRECONDITION)::

    CLOSED   -> PRE_OPEN, OPEN, HALTED
    PRE_OPEN -> OPEN, CLOSED, HALTED
    OPEN     -> CLOSING, CLOSED, HALTED
    CLOSING  -> CLOSED, OPEN, HALTED
    HALTED   -> PRE_OPEN, OPEN, CLOSING, CLOSED

(CLOSED -> OPEN is legal so a 24x7 calendar, or a fleet started mid-session, opens without a
pretend pre-open; CLOSING -> OPEN lets an operator extend a session.)

A `Schedule` says which state the calendar alone gives at a time (`Window`). The machine acts
on calendar *edges*: when the calendar state changes it moves there (through the legal path),
so an operator override stands until the next scheduled change. HALTED is sticky: the
schedule never leaves it; only an operator transition or a global resume does.

Schedules:

- ``"24x7"`` (`AlwaysOpen`): always OPEN (crypto-style); the embedded default, so the fleet
  trades as soon as it is started.
- an exchange-calendars code such as ``"XNYS"`` (`ExchangeSchedule`): holidays, half days
  and the exchange's own open/close; PRE_OPEN for ``pre_open_minutes`` before the open and
  CLOSING for the last ``closing_minutes``.
- ``"SIM"`` (`SimulatedCycle`): a repeating cycle of configurable lengths (pre-open, open,
  closing, closed) anchored at a time, for the simulated clock and demos.

No I/O here: the orchestrator feeds it times from its clock.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from omni.orchestrator.v1 import orchestrator_service_pb2 as pb
from omni_core.errors import FailedPrecondition, InvalidArgument

__all__ = [
    "PRE_OPEN", "OPEN", "HALTED", "CLOSING", "CLOSED", "STATE_NAMES", "LEGAL",
    "Window", "Schedule", "AlwaysOpen", "ExchangeSchedule", "SimulatedCycle",
    "make_schedule", "SessionMachine", "Transition", "state_name", "parse_state",
]

PRE_OPEN = pb.SESSION_STATE_PRE_OPEN
OPEN = pb.SESSION_STATE_OPEN
HALTED = pb.SESSION_STATE_HALTED
CLOSING = pb.SESSION_STATE_CLOSING
CLOSED = pb.SESSION_STATE_CLOSED

STATE_NAMES = {PRE_OPEN: "PRE_OPEN", OPEN: "OPEN", HALTED: "HALTED", CLOSING: "CLOSING",
               CLOSED: "CLOSED"}

LEGAL: dict[int, frozenset[int]] = {
    CLOSED: frozenset({PRE_OPEN, OPEN, HALTED}),
    PRE_OPEN: frozenset({OPEN, CLOSED, HALTED}),
    OPEN: frozenset({CLOSING, CLOSED, HALTED}),
    CLOSING: frozenset({CLOSED, OPEN, HALTED}),
    HALTED: frozenset({PRE_OPEN, OPEN, CLOSING, CLOSED}),
}


def state_name(state: int) -> str:
    return STATE_NAMES.get(state, "UNSPECIFIED")


def parse_state(name: str) -> int:
    key = name.strip().upper().removeprefix("SESSION_STATE_")
    for v, n in STATE_NAMES.items():
        if n == key:
            return v
    raise InvalidArgument(
        f"unknown session state {name!r}; one of {', '.join(STATE_NAMES.values())}")


def _utc(dt: datetime) -> datetime:
    if dt.tzinfo is None:
        raise ValueError("datetimes must be timezone-aware")
    return dt.astimezone(UTC)


@dataclass(frozen=True, slots=True)
class Window:
    """What the calendar says at one time."""

    state: int
    # the trading date the time belongs to (the session's date, or the next session's when
    # between sessions), as midnight UTC of that date
    trading_date: datetime
    opens_at: datetime | None
    closes_at: datetime | None
    # when the calendar state next changes (None: never)
    next_change_at: datetime | None


class Schedule(Protocol):
    name: str

    def window(self, now: datetime) -> Window: ...


def _midnight(d) -> datetime:  # type: ignore[no-untyped-def]
    return datetime(d.year, d.month, d.day, tzinfo=UTC)


class AlwaysOpen:
    """24x7: always OPEN; the trading date is the UTC date."""

    name = "24x7"

    def window(self, now: datetime) -> Window:
        now = _utc(now)
        day = _midnight(now.date())
        return Window(OPEN, day, day, day + timedelta(days=1), None)


class SimulatedCycle:
    """A repeating session: ``pre_open`` s PRE_OPEN, ``open`` s OPEN, ``closing`` s CLOSING,
    ``closed`` s CLOSED, starting at `anchor` (cycle k has trading date anchor date + k days)."""

    name = "SIM"

    def __init__(self, anchor: datetime, pre_open: float, open: float, closing: float,
                 closed: float) -> None:
        if min(pre_open, closing, closed) < 0 or open <= 0:
            raise InvalidArgument("simulated session lengths must be >= 0 (open > 0)")
        self.anchor = _utc(anchor)
        self.parts = [(PRE_OPEN, pre_open), (OPEN, open), (CLOSING, closing), (CLOSED, closed)]
        self.period = pre_open + open + closing + closed

    def window(self, now: datetime) -> Window:
        now = _utc(now)
        elapsed = (now - self.anchor).total_seconds()
        k = int(elapsed // self.period)
        start = self.anchor + timedelta(seconds=k * self.period)
        pos = elapsed - k * self.period
        opens = start + timedelta(seconds=self.parts[0][1])
        closes = opens + timedelta(seconds=self.parts[1][1] + self.parts[2][1])
        day = _midnight((self.anchor + timedelta(days=k)).date())
        acc = 0.0
        for state, length in self.parts:
            if length > 0 and pos < acc + length:
                return Window(state, day, opens, closes, start + timedelta(seconds=acc + length))
            acc += length
        return Window(CLOSED, day, opens, closes, start + timedelta(seconds=self.period))


@functools.lru_cache(maxsize=8)
def _calendar(code: str):  # type: ignore[no-untyped-def]
    import exchange_calendars as xcals

    try:
        return xcals.get_calendar(code)
    except Exception as exc:  # InvalidCalendarName
        raise InvalidArgument(f"unknown exchange calendar {code!r}: {exc}") from None


class ExchangeSchedule:
    """An exchange's sessions from `exchange_calendars` (holidays, early closes included)."""

    def __init__(self, code: str, pre_open_minutes: float = 30,
                 closing_minutes: float = 10) -> None:
        self.name = code.upper()
        self.cal = _calendar(self.name)
        self.pre_open = timedelta(minutes=pre_open_minutes)
        self.closing = timedelta(minutes=closing_minutes)
        self._cache: dict[Any, list[tuple[datetime, datetime, datetime]]] = {}

    def _sessions(self, now: datetime) -> list[tuple[datetime, datetime, datetime]]:
        """(session date, open, close) for sessions around `now` (cached per date)."""
        key = now.date()
        if key not in self._cache:
            if len(self._cache) > 64:
                self._cache.clear()
            self._cache[key] = self._load(now)
        return self._cache[key]

    def _load(self, now: datetime) -> list[tuple[datetime, datetime, datetime]]:
        import pandas as pd

        first, last = self.cal.first_session, self.cal.last_session
        lo = max(pd.Timestamp(now.date()) - pd.Timedelta(days=3), first)
        hi = min(pd.Timestamp(now.date()) + pd.Timedelta(days=12), last)
        if lo > hi:
            return []
        out = []
        for s in self.cal.sessions_in_range(lo, hi):
            o = self.cal.session_open(s).to_pydatetime().astimezone(UTC)
            c = self.cal.session_close(s).to_pydatetime().astimezone(UTC)
            out.append((_midnight(s.date()), o, c))
        return out

    def window(self, now: datetime) -> Window:
        now = _utc(now)
        for day, o, c in self._sessions(now):
            if now >= c:
                continue
            pre, closing = o - self.pre_open, c - self.closing
            if now < pre:
                return Window(CLOSED, day, o, c, pre)
            if now < o:
                return Window(PRE_OPEN, day, o, c, o)
            if now < closing:
                return Window(OPEN, day, o, c, closing)
            return Window(CLOSING, day, o, c, c)
        # outside the calendar's range: closed, nothing known
        return Window(CLOSED, _midnight(now.date()), None, None, None)


def make_schedule(calendar: str, *, pre_open_minutes: float = 30, closing_minutes: float = 10,
                  sim_anchor: datetime | None = None, sim_lengths: tuple[float, ...] = (
                      60, 600, 60, 120)) -> Schedule:
    code = (calendar or "24x7").strip()
    if code.lower() in ("24x7", "24/7", "always", "always_open"):
        return AlwaysOpen()
    if code.upper() in ("SIM", "SIMULATED"):
        return SimulatedCycle(sim_anchor or datetime(2024, 1, 1, tzinfo=UTC), *sim_lengths)
    return ExchangeSchedule(code, pre_open_minutes, closing_minutes)


@dataclass(frozen=True, slots=True)
class Transition:
    previous: int
    session: pb.Session


class SessionMachine:
    """One calendar's session: the state, who changed it and why, the global-halt flag."""

    def __init__(self, schedule: Schedule) -> None:
        self.schedule = schedule
        self.state = CLOSED
        self.changed_at: datetime | None = None
        self.changed_by = ""
        self.reason = ""
        self.globally_halted = False
        self._calendar_state: int | None = None
        self._window: Window | None = None

    # views -------------------------------------------------------------------------------

    def snapshot(self, now: datetime) -> pb.Session:
        w = self.schedule.window(now)
        s = pb.Session(calendar=self.schedule.name, state=self.state, changed_by=self.changed_by,
                       reason=self.reason, globally_halted=self.globally_halted,
                       calendar_state=w.state)
        s.trading_date.FromDatetime(w.trading_date)
        if w.opens_at:
            s.opens_at.FromDatetime(w.opens_at)
        if w.closes_at:
            s.closes_at.FromDatetime(w.closes_at)
        if w.next_change_at:
            s.next_change_at.FromDatetime(w.next_change_at)
        if self.changed_at:
            s.changed_at.FromDatetime(self.changed_at)
        return s

    @property
    def trading_allowed(self) -> bool:
        return self.state == OPEN and not self.globally_halted

    # moves -------------------------------------------------------------------------------

    def _move(self, target: int, now: datetime, actor: str, reason: str) -> Transition:
        prev = self.state
        self.state, self.changed_at, self.changed_by, self.reason = target, now, actor, reason
        return Transition(prev, self.snapshot(now))

    def transition(self, target: int, now: datetime, actor: str, reason: str = "") -> Transition:
        """An operator move; illegal moves raise FailedPrecondition naming both states."""
        if target not in STATE_NAMES:
            raise InvalidArgument("target_state must be PRE_OPEN, OPEN, HALTED, CLOSING or CLOSED")
        if not actor.strip():
            raise InvalidArgument("actor is required")
        if self.globally_halted and target != HALTED:
            raise FailedPrecondition("a global halt is in force: resume it first (GlobalResume)")
        if target == self.state:
            raise FailedPrecondition(f"session is already {state_name(target)}")
        if target not in LEGAL[self.state]:
            raise FailedPrecondition(
                f"illegal session transition {state_name(self.state)} -> {state_name(target)}")
        return self._move(target, _utc(now), actor, reason)

    def _path(self, target: int) -> list[int]:
        if target == self.state:
            return []
        if target in LEGAL[self.state]:
            return [target]
        for mid in LEGAL[self.state]:
            if mid != HALTED and target in LEGAL[mid]:
                return [mid, target]
        return [target]  # pragma: no cover (every state reaches every other in two steps)

    def tick(self, now: datetime) -> list[Transition]:
        """Follow the calendar: on a calendar edge (or the first tick) move to the calendar's
        state through legal steps, unless HALTED. Returns the moves made."""
        now = _utc(now)
        w = self.schedule.window(now)
        self._window = w
        if w.state == self._calendar_state:
            return []
        self._calendar_state = w.state
        if self.state == HALTED:
            return []
        out = []
        for step in self._path(w.state):
            out.append(self._move(step, now, "calendar", f"{self.schedule.name} schedule"))
        return out

    def halt(self, now: datetime, actor: str, reason: str) -> Transition | None:
        self.globally_halted = True
        if self.state == HALTED:
            self.changed_by, self.reason = actor, reason
            return None
        return self._move(HALTED, _utc(now), actor, reason)

    def resume(self, now: datetime, actor: str, reason: str) -> list[Transition]:
        """Lift the global halt and go back to what the calendar says now."""
        now = _utc(now)
        self.globally_halted = False
        w = self.schedule.window(now)
        self._calendar_state = w.state
        if self.state != HALTED:
            return []
        out = []
        for step in self._path(w.state):
            out.append(self._move(step, now, actor, reason))
        return out

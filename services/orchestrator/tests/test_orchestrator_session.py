"""The session state machine: legal and illegal moves, calendar edges, XNYS holidays and half
days (from exchange-calendars), the simulated cycle, 24x7, halt and resume."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from omni_core.errors import FailedPrecondition, InvalidArgument
from svc_orchestrator.session import (
    CLOSED,
    CLOSING,
    HALTED,
    LEGAL,
    OPEN,
    PRE_OPEN,
    STATE_NAMES,
    AlwaysOpen,
    ExchangeSchedule,
    SessionMachine,
    SimulatedCycle,
    make_schedule,
    parse_state,
)

T0 = datetime(2024, 1, 1, tzinfo=UTC)


def machine_at(state: int) -> SessionMachine:
    m = SessionMachine(AlwaysOpen())
    m.state = state
    return m


@pytest.mark.parametrize("src", list(STATE_NAMES))
@pytest.mark.parametrize("dst", list(STATE_NAMES))
def test_transition_table(src: int, dst: int) -> None:
    m = machine_at(src)
    if dst != src and dst in LEGAL[src]:
        t = m.transition(dst, T0, "ops", "test")
        assert t.previous == src and m.state == dst and t.session.state == dst
        assert t.session.changed_by == "ops" and t.session.reason == "test"
    else:
        with pytest.raises(FailedPrecondition):
            m.transition(dst, T0, "ops", "test")
        assert m.state == src


def test_illegal_examples_and_bad_input() -> None:
    m = machine_at(CLOSED)
    with pytest.raises(FailedPrecondition, match="CLOSED -> CLOSING"):
        m.transition(CLOSING, T0, "ops")
    m = machine_at(PRE_OPEN)
    with pytest.raises(FailedPrecondition, match="PRE_OPEN -> CLOSING"):
        m.transition(CLOSING, T0, "ops")
    with pytest.raises(InvalidArgument):
        m.transition(0, T0, "ops")
    with pytest.raises(InvalidArgument):
        m.transition(OPEN, T0, "  ")
    assert parse_state("open") == OPEN and parse_state("SESSION_STATE_HALTED") == HALTED
    with pytest.raises(InvalidArgument):
        parse_state("lunch")


def test_global_halt_blocks_operator_moves_until_resume() -> None:
    m = SessionMachine(AlwaysOpen())
    m.tick(T0)
    assert m.state == OPEN
    m.halt(T0, "ops", "incident")
    assert m.state == HALTED and m.globally_halted and not m.trading_allowed
    with pytest.raises(FailedPrecondition, match="global halt"):
        m.transition(OPEN, T0, "ops")
    moves = m.resume(T0 + timedelta(minutes=1), "ops", "fixed")
    assert [t.session.state for t in moves] == [OPEN] and m.trading_allowed


def test_24x7_always_open() -> None:
    m = SessionMachine(make_schedule("24x7"))
    moves = m.tick(datetime(2024, 7, 4, 3, tzinfo=UTC))  # a US holiday: irrelevant here
    assert [(t.previous, t.session.state) for t in moves] == [(CLOSED, OPEN)]
    assert m.tick(datetime(2024, 12, 25, 12, tzinfo=UTC)) == []
    assert m.snapshot(T0).calendar == "24x7"


NY_OPEN = datetime(2024, 7, 2, 13, 30, tzinfo=UTC)  # 09:30 EDT


def test_xnys_regular_day_walks_through_every_state() -> None:
    m = SessionMachine(ExchangeSchedule("XNYS", pre_open_minutes=30, closing_minutes=10))
    seen = []
    t = NY_OPEN - timedelta(hours=2)
    while t < NY_OPEN + timedelta(hours=8):
        seen += [x.session.state for x in m.tick(t)]
        t += timedelta(minutes=1)
    assert seen == [PRE_OPEN, OPEN, CLOSING, CLOSED]
    w = m.schedule.window(NY_OPEN + timedelta(hours=1))
    assert w.state == OPEN and w.closes_at == datetime(2024, 7, 2, 20, tzinfo=UTC)
    assert w.trading_date == datetime(2024, 7, 2, tzinfo=UTC)


def test_xnys_half_day_closes_at_13_eastern() -> None:
    s = ExchangeSchedule("XNYS", pre_open_minutes=30, closing_minutes=10)
    w = s.window(datetime(2024, 7, 3, 15, tzinfo=UTC))
    assert w.state == OPEN and w.closes_at == datetime(2024, 7, 3, 17, tzinfo=UTC)
    assert s.window(datetime(2024, 7, 3, 16, 55, tzinfo=UTC)).state == CLOSING
    # 14:00 EDT: a regular day would be open; the half day is closed
    assert s.window(datetime(2024, 7, 3, 18, tzinfo=UTC)).state == CLOSED
    assert s.window(datetime(2024, 7, 2, 18, tzinfo=UTC)).state == OPEN


def test_xnys_holiday_stays_closed_all_day() -> None:
    s = ExchangeSchedule("XNYS")
    m = SessionMachine(s)
    t = datetime(2024, 7, 4, 0, tzinfo=UTC)
    moves = []
    while t < datetime(2024, 7, 5, 0, tzinfo=UTC):
        moves += m.tick(t)
        t += timedelta(minutes=5)
    assert moves == [] and m.state == CLOSED
    w = s.window(datetime(2024, 7, 4, 15, tzinfo=UTC))
    # between sessions the window points at the next session (Friday 5 July)
    assert w.trading_date == datetime(2024, 7, 5, tzinfo=UTC)
    assert w.next_change_at == datetime(2024, 7, 5, 13, 0, tzinfo=UTC)


def test_calendar_edges_respect_operator_override_and_halt() -> None:
    m = SessionMachine(ExchangeSchedule("XNYS"))
    m.tick(NY_OPEN + timedelta(minutes=5))
    assert m.state == OPEN  # started mid-session: CLOSED -> OPEN directly
    m.transition(CLOSING, NY_OPEN + timedelta(minutes=6), "ops", "early close")
    assert m.tick(NY_OPEN + timedelta(minutes=7)) == []  # no calendar edge: override stands
    assert m.state == CLOSING
    m.transition(HALTED, NY_OPEN + timedelta(minutes=8), "ops", "manual halt")
    # calendar edges (CLOSING, CLOSED) do not leave HALTED
    assert m.tick(datetime(2024, 7, 2, 19, 55, tzinfo=UTC)) == []
    assert m.tick(datetime(2024, 7, 2, 20, 5, tzinfo=UTC)) == []
    assert m.state == HALTED
    m.transition(CLOSED, datetime(2024, 7, 2, 20, 6, tzinfo=UTC), "ops", "done")
    # next morning the calendar takes over again
    moves = m.tick(datetime(2024, 7, 3, 13, 10, tzinfo=UTC))
    assert [x.session.state for x in moves] == [PRE_OPEN]


def test_unknown_calendar_is_invalid_argument() -> None:
    with pytest.raises(InvalidArgument):
        make_schedule("NOPE")


def test_simulated_cycle() -> None:
    s = SimulatedCycle(T0, pre_open=10, open=100, closing=10, closed=30)
    assert s.window(T0).state == PRE_OPEN
    assert s.window(T0 + timedelta(seconds=10)).state == OPEN
    assert s.window(T0 + timedelta(seconds=115)).state == CLOSING
    w = s.window(T0 + timedelta(seconds=125))
    assert w.state == CLOSED and w.next_change_at == T0 + timedelta(seconds=150)
    w2 = s.window(T0 + timedelta(seconds=160))
    assert w2.state == OPEN and w2.trading_date == datetime(2024, 1, 2, tzinfo=UTC)
    m = SessionMachine(s)
    states = []
    for sec in range(0, 300, 5):
        states += [x.session.state for x in m.tick(T0 + timedelta(seconds=sec))]
    assert states == [PRE_OPEN, OPEN, CLOSING, CLOSED, PRE_OPEN, OPEN, CLOSING, CLOSED]

"""PublishWindow: ticks wait for the window, anything else goes at once after them, in order;
nothing is dropped."""

from __future__ import annotations

import pytest
from omni.common.v1 import types_pb2
from omni.market_data.v1 import events_pb2 as ev
from omni_core.settings import SettingsError
from svc_market_data.publish_window import PublishWindow
from svc_market_data.settings import Settings


def quote(i: str, n: int) -> ev.Quote:
    return ev.Quote(instrument_id=types_pb2.InstrumentId(value=i), bid_size=n)


def bar(i: str) -> ev.Bar:
    return ev.Bar(instrument_id=types_pb2.InstrumentId(value=i), timeframe="1m")


def test_without_a_window_each_event_goes_at_once():
    sent = []
    w = PublishWindow(lambda k, m: sent.append((k, m)), 0.0)
    w("A", quote("A", 1))
    assert len(sent) == 1 and w.held == 0


def test_ticks_wait_and_a_bar_takes_them_out_first_in_order():
    sent = []
    w = PublishWindow(lambda k, m: sent.append((k, m)), 0.5)
    ticks = [("A", quote("A", 1)), ("B", ev.Trade(trade_id="t1")), ("A", ev.BookDelta()),
             ("B", ev.BookSnapshot())]
    for k, m in ticks:
        w(k, m)
    assert sent == [] and w.held == 4
    b = bar("A")
    w("A", b)
    assert sent == [*ticks, ("A", b)] and w.held == 0


def test_status_events_do_not_wait():
    sent = []
    w = PublishWindow(lambda k, m: sent.append(m), 1.0)
    w("A", quote("A", 1))
    s = ev.InstrumentStatus(status=ev.TRADING_STATUS_HALTED)
    w("A", s)
    assert [type(m) for m in sent] == [ev.Quote, ev.InstrumentStatus]


async def test_flush_sends_what_is_held_once():
    sent = []
    w = PublishWindow(lambda k, m: sent.append(m.bid_size), 0.2)
    for n in range(5):
        w("A", quote("A", n))
    await w.flush_async()
    w.flush()
    assert sent == [0, 1, 2, 3, 4]


def test_negative_window_is_refused():
    with pytest.raises(ValueError):
        PublishWindow(lambda k, m: None, -0.1)
    with pytest.raises(SettingsError) as exc:
        Settings(md_publish_window=-1)
    assert exc.value.variables == ["OMNI_MD_PUBLISH_WINDOW"]

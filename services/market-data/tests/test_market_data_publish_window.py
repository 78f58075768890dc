"""PublishWindow: ticks wait for the next bar or at most the window, anything else goes at once
after them, in order; what one loop iteration hands over goes out together; nothing is
dropped."""

from __future__ import annotations

import asyncio

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


async def test_ticks_wait_at_most_the_window():
    now = [100.0]
    sent = []
    w = PublishWindow(lambda k, m: sent.append(m.bid_size), 1.0, clock=lambda: now[0])
    for n in range(3):
        w("A", quote("A", n))
        now[0] += 0.4
    await w.flush_due()  # the oldest has waited 1.2 s
    assert sent == [0, 1, 2] and w.held == 0
    w("A", quote("A", 3))
    now[0] += 0.9
    await w.flush_due()  # 0.9 s: not yet
    await asyncio.sleep(0)
    assert sent == [0, 1, 2]
    w.flush()  # the stop path sends at once
    assert sent == [0, 1, 2, 3]


async def test_what_one_iteration_hands_over_goes_out_together_at_its_end():
    batches: list[list[str]] = []
    current: list[str] = []

    def send(key, msg):
        current.append(type(msg).__name__ + key)

    async def producer_tick():  # what the producer sees per iteration
        while True:
            await asyncio.sleep(0)
            if current:
                batches.append(current[:])
                current.clear()

    ticker = asyncio.create_task(producer_tick())
    await asyncio.sleep(0)
    w = PublishWindow(send, 0.0)
    for i in "ABCD":  # one simulator step: every instrument's quote and closed bar
        w(i, quote(i, 1))
        w(i, bar(i))
    assert current == []
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    ticker.cancel()
    assert batches == [["QuoteA", "BarA", "QuoteB", "BarB", "QuoteC", "BarC", "QuoteD", "BarD"]]


def test_negative_window_is_refused():
    with pytest.raises(ValueError):
        PublishWindow(lambda k, m: None, -0.1)
    with pytest.raises(SettingsError) as exc:
        Settings(md_publish_window=-1)
    assert exc.value.variables == ["OMNI_MD_PUBLISH_WINDOW"]

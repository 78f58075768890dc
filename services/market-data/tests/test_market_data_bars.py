import pytest
from svc_market_data.bars import (
    BAR_TICK,
    BAR_TIME,
    BAR_VOLUME,
    BarEngine,
    TickBarAggregator,
    TimeBarAggregator,
    VolumeBarAggregator,
    parse_timeframe,
)

S = 1_000_000_000
T0 = 1_767_225_600 * S  # 2026-01-01 00:00:00 UTC


def test_parse_timeframes():
    assert parse_timeframe("1m").seconds == 60
    assert parse_timeframe("60m").label == "1h"
    assert parse_timeframe("1d").seconds == 86_400
    assert parse_timeframe("100t").bar_type == BAR_TICK
    assert parse_timeframe("5000v").volume == 5000
    for bad in ("7m", "2d", "30s", "0m", "m", "1w", "abc"):
        with pytest.raises(ValueError):
            parse_timeframe(bad)


def test_time_bars_ohlcv_vwap_and_alignment():
    agg = TimeBarAggregator("X", 60)
    assert agg.add(T0 + 5 * S, 10.0, 2) is None
    assert agg.add(T0 + 20 * S, 12.0, 1) is None
    assert agg.add(T0 + 40 * S, 9.0, 3) is None
    assert agg.add(T0 + 59 * S, 11.0, 4) is None
    bar = agg.add(T0 + 61 * S, 11.5, 1)
    assert (bar.start_ns, bar.end_ns) == (T0, T0 + 60 * S)
    assert (bar.open, bar.high, bar.low, bar.close, bar.volume, bar.trade_count) == (
        10.0, 12.0, 9.0, 11.0, 10, 4)
    assert bar.vwap == pytest.approx((20 + 12 + 27 + 44) / 10)
    assert bar.bar_type == BAR_TIME and bar.timeframe == "1m"
    # an empty interval makes no bar; a trade three minutes later closes the second bar
    bar2 = agg.add(T0 + 200 * S, 13.0, 1)
    assert bar2.start_ns == T0 + 60 * S and bar2.close == 11.5
    assert agg.flush(T0 + 239 * S) is None
    bar3 = agg.flush(T0 + 240 * S)
    assert bar3.start_ns == T0 + 180 * S and bar3.open == 13.0


def test_rollups_agree_with_base_bars():
    eng = BarEngine("X", ["1m", "5m", "1h", "1d"])
    out = []
    price = 100.0
    for i in range(3 * 3600):  # one trade per second for three hours
        price += 0.01 if (i * 7919) % 3 else -0.01
        out.extend(eng.on_trade(T0 + i * S, round(price, 2), 1.0))
    out.extend(eng.flush(T0 + 86_400 * S))
    by_tf = {}
    for b in out:
        by_tf.setdefault(b.timeframe, []).append(b)
    assert len(by_tf["1m"]) == 180 and len(by_tf["5m"]) == 36 and len(by_tf["1h"]) == 3
    assert len(by_tf["1d"]) == 1
    day = by_tf["1d"][0]
    ones = by_tf["1m"]
    assert day.open == ones[0].open and day.close == ones[-1].close
    assert day.high == max(b.high for b in ones) and day.low == min(b.low for b in ones)
    assert day.volume == 3 * 3600 and day.trade_count == 3 * 3600
    assert day.vwap == pytest.approx(sum(b.vwap * b.volume for b in ones) / day.volume)
    h1 = by_tf["1h"][1]
    assert h1.start_ns == T0 + 3600 * S and h1.end_ns == T0 + 7200 * S
    # the 5m bar of 00:00-00:05 is emitted as soon as 00:05 trades arrive, after its 1m bars
    first_5m = out.index(by_tf["5m"][0])
    assert out[first_5m - 1].timeframe == "1m" and out[first_5m - 1].start_ns == T0 + 240 * S


def test_tick_bars():
    agg = TickBarAggregator("X", 3)
    res = [agg.add(T0 + i, p, 1) for i, p in enumerate([5, 7, 6, 8, 9, 4])]
    assert res[0] is None and res[1] is None and res[3] is None
    b1, b2 = res[2], res[5]
    assert (b1.open, b1.high, b1.low, b1.close, b1.trade_count) == (5, 7, 5, 6, 3)
    assert (b2.open, b2.high, b2.low, b2.close) == (8, 9, 4, 4)
    assert b2.start_ns == T0 + 3 and b2.end_ns == T0 + 5 and b2.bar_type == BAR_TICK


def test_volume_bars_split_trades_exactly():
    agg = VolumeBarAggregator("X", 10)
    assert agg.add(T0, 100.0, 4) == []
    bars = agg.add(T0 + 1, 101.0, 23)  # 6 fill bar 1, 10 make bar 2, 7 carry over
    assert len(bars) == 2
    assert [b.volume for b in bars] == [10, 10]
    assert bars[0].vwap == pytest.approx((400 + 606) / 10)
    assert bars[1].open == 101.0 and bars[1].vwap == 101.0
    assert agg.bar.volume == 7 and bars[0].bar_type == BAR_VOLUME
    assert agg.add(T0 + 2, 99.0, 3)[0].low == 99.0

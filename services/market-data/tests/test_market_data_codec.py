from omni.common.v1 import types_pb2
from omni.market_data.v1 import events_pb2 as ev
from omni_core.envelope import decode, encode, unpack
from omni_quant.marketsim import Quote, Trade
from omni_quant.orderbook import OrderBook
from svc_market_data import codec
from svc_market_data.bars import Bar

S = 1_000_000_000
T = 1_767_619_800 * S + 123_456_789


def test_quotes_and_trades_keep_their_own_instrument_and_source():
    a = codec.quote_to_proto(Quote("A.X", T, 1.0, 1.1, 5, 6), "sim")
    b = codec.quote_to_proto(Quote("B.X", T + 1, 2.0, 2.1, 7, 8), "replay")
    a2 = codec.quote_to_proto(Quote("A.X", T + 2, 1.5, 1.6, 9, 9), "sim")
    assert (a.instrument_id.value, a.source, a.bid, a.time.nanos) == ("A.X", "sim", 1.0, 123456789)
    assert (b.instrument_id.value, b.source, b.ask_size) == ("B.X", "replay", 8)
    assert (a2.bid, a.bid) == (1.5, 1.0)  # templates are copied, never shared
    t = codec.trade_to_proto(Trade("C.X", T, 3.0, 4.0, 2, "x1"), "sim")
    assert t.aggressor_side == types_pb2.SIDE_SELL and t.trade_id == "x1"
    assert codec.ts_to_ns(t.time) == T


def test_envelope_roundtrip_and_bar_conversion():
    bar = Bar("A.X", "5m", 1, T, T + 300 * S, 1.0, 2.0, 0.5, 1.5, 10.0, 1.2, 3, "sim")
    data, env = encode(codec.bar_to_proto(bar), tenant_id="t", source_service="market-data")
    back = unpack(decode(data))
    assert isinstance(back, ev.Bar) and codec.bar_from_proto(back) == bar


def test_book_snapshot_and_delta_messages():
    book = OrderBook.from_snapshot("A.X", [10.0, 9.9], [1, 2], [10.1], [3], T, 4)
    m = codec.book_to_proto(book, 1, "sim")
    assert [(lv.price, lv.size) for lv in m.bids] == [(10.0, 1)] and m.sequence == 4
    d = codec.delta_to_proto("A.X", T, 5, [(1, 10.05, 2.0), (2, 10.1, 0.0)])
    assert [u.side for u in d.updates] == [ev.BOOK_SIDE_BID, ev.BOOK_SIDE_ASK]
    assert d.updates[1].size == 0

"""Each venue adapter against a local fake server speaking that venue's REST protocol: the real
alpaca-py and ccxt code runs; nothing reaches the internet."""

from __future__ import annotations

import pytest
from svc_broker_gateway.fakes.alpaca import FakeAlpaca
from svc_broker_gateway.fakes.binance import FakeBinance
from svc_broker_gateway.venues.alpaca import AlpacaVenue
from svc_broker_gateway.venues.base import (
    InstrumentSpec,
    OrderRequest,
    Status,
    VenueGarbage,
    VenueRejected,
    VenueTimeout,
    VenueUnavailable,
)
from svc_broker_gateway.venues.ccxt_venue import CcxtVenue

AAPL = InstrumentSpec("AAPL.XNAS", "AAPL", 0.01)
BTC = InstrumentSpec("BTC-USDT.CRYPTO", "BTC/USDT", 0.01, 0.00001)


@pytest.fixture
async def alpaca():
    fake = await FakeAlpaca({"AAPL": 190.0}).start()
    venue = AlpacaVenue(
        "alpaca-paper", "key", "secret", [AAPL], paper=True, url_override=fake.url, timeout_s=3.0
    )
    yield fake, venue
    await fake.stop()


@pytest.fixture
async def binance():
    fake = await FakeBinance(
        {"BTCUSDT": ([(49990.0, 1.0), (49980.0, 2.0)], [(50010.0, 0.5), (50020.0, 2.0)])}
    ).start()
    venue = CcxtVenue(
        "binance",
        "binance",
        [BTC],
        api_key="bkey",
        secret="bsecret",
        urls={"public": fake.url + "/api/v3", "private": fake.url + "/api/v3"},
        timeout_s=3.0,
    )
    yield fake, venue
    await venue.close()
    await fake.stop()


async def test_alpaca_submit_get_cancel_positions(alpaca):
    fake, v = alpaca
    mkt = await v.submit(OrderRequest("c-1", "AAPL.XNAS", "buy", 10, "market", "day"))
    assert mkt.status is Status.FILLED and mkt.filled == 10 and mkt.average_price == 190.0
    assert ("POST", "/v2/orders") in fake.requests
    lim = await v.submit(
        OrderRequest("c-2", "AAPL.XNAS", "buy", 5, "limit", "gtc", limit_price=180.0)
    )
    assert lim.status is Status.NEW and lim.venue_order_id
    got = await v.get_order("c-2", "", "AAPL.XNAS")
    assert got is not None and got.client_order_id == "c-2"
    assert [o.client_order_id for o in await v.open_orders()] == ["c-2"]
    fake.fill("c-2", 2, 180.0)
    part = await v.get_order("c-2", "", "AAPL.XNAS")
    assert part.status is Status.PARTIALLY_FILLED and part.filled == 2
    cancelled = await v.cancel("c-2", lim.venue_order_id, "AAPL.XNAS")
    assert cancelled.status is Status.CANCELLED
    assert await v.get_order("nope", "", "AAPL.XNAS") is None
    pos = await v.positions()
    assert [(p.instrument_id, p.quantity) for p in pos] == [("AAPL.XNAS", 12.0)]
    acct = await v.account()
    assert acct.account_number == "PA0000FAKE"


async def test_alpaca_rejects_garbage_and_outage(alpaca):
    fake, v = alpaca
    with pytest.raises(VenueRejected):
        await v.submit(
            OrderRequest("c-3", "AAPL.XNAS", "buy", 10, "limit", "gtc", limit_price=1.0)
            if False
            else OrderRequest("c-3", "MSFT.XNAS", "buy", 10, "market", "day")
        )
    fake.garbage = True
    with pytest.raises(VenueGarbage):
        await v.open_orders()
    fake.garbage = False
    fake.drop = "after"  # acted on, answer lost: the fate is unknown, not "unavailable"
    with pytest.raises(VenueTimeout):
        await v.submit(OrderRequest("c-4", "AAPL.XNAS", "buy", 1, "market", "day"))
    assert fake.by_client("c-4") is not None
    fake.drop = None
    await fake.stop()
    with pytest.raises(VenueUnavailable):
        await v.open_orders()


async def test_ccxt_binance_against_fake(binance):
    fake, v = binance
    book = await v.book("BTC-USDT.CRYPTO", 20)
    assert book == ([(49990.0, 1.0), (49980.0, 2.0)], [(50010.0, 0.5), (50020.0, 2.0)])
    o = await v.submit(OrderRequest("b-1", "BTC-USDT.CRYPTO", "buy", 1.0, "market", "ioc"))
    assert o.status is Status.FILLED and o.filled == 1.0
    assert o.average_price == pytest.approx((0.5 * 50010 + 0.5 * 50020) / 1.0)
    assert len(o.fills) == 2
    rest = await v.submit(
        OrderRequest("b-2", "BTC-USDT.CRYPTO", "buy", 0.3, "limit", "gtc", limit_price=49000.0)
    )
    assert rest.status is Status.NEW
    assert [x.client_order_id for x in await v.open_orders()] == ["b-2"]
    fake.fill("b-2", 0.1, 49000.0)
    got = await v.get_order("b-2", "", "BTC-USDT.CRYPTO")
    assert got.status is Status.PARTIALLY_FILLED and got.filled == pytest.approx(0.1)
    c = await v.cancel("b-2", rest.venue_order_id, "BTC-USDT.CRYPTO")
    assert c.status is Status.CANCELLED
    assert await v.get_order("zzz", "", "BTC-USDT.CRYPTO") is None
    pos = await v.positions()
    assert pos[0].instrument_id == "BTC-USDT.CRYPTO" and pos[0].quantity == pytest.approx(1.1)


async def test_ccxt_bad_signature_and_garbage(binance):
    fake, v = binance
    fake.secret = "other"
    with pytest.raises(VenueRejected):
        await v.open_orders()
    fake.secret = "bsecret"
    fake.garbage = True
    with pytest.raises(VenueGarbage):
        await v.open_orders()


async def test_paper_venue_memory_stays_bounded():
    from svc_broker_gateway.venues.paper import PaperVenue

    v = PaperVenue("paper", [AAPL], max_orders=100)
    v.on_book("AAPL.XNAS", [(99.99, 1e9)], [(100.01, 1e9)])
    await v.submit(OrderRequest("keep", "AAPL.XNAS", "buy", 1, "limit", "gtc", limit_price=99.0))
    for i in range(1000):
        o = await v.submit(OrderRequest(f"m{i}", "AAPL.XNAS", "buy", 1, "market", "ioc"))
        assert o.status is Status.FILLED
    assert len(v._by_client) <= 101
    assert len(v.engines["AAPL.XNAS"].orders) <= 101
    assert (await v.get_order("keep", "", "AAPL.XNAS")).status is Status.NEW

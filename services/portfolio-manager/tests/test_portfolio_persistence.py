"""Persistence on PostgreSQL and SQLite: the book written by PortfolioCore and read back by a
fresh repository equals the one in memory; a redelivered fill changes nothing; a failed
write leaves memory as it was. Also the coalescing of mark-driven publications."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal as D
from typing import Any

import pytest
from omni.portfolio_manager.v1 import events_pb2 as ev
from omni_core.db import Database
from svc_portfolio_manager.accounting import Book, Fill, LotMethod, Side
from svc_portfolio_manager.portfolio import PortfolioCore
from svc_portfolio_manager.repository import PortfolioRepository

T0 = datetime(2026, 3, 2, 14, 30, tzinfo=UTC)


@pytest.fixture(params=["sqlite", "postgres"])
def db_target(request, tmp_path):  # type: ignore[no-untyped-def]
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'pm.db'}", None
    pg = request.getfixturevalue("postgres_url")
    return pg.url, pg.schema


@pytest.fixture
async def db(db_target):  # type: ignore[no-untyped-def]
    database = Database(db_target[0], schema=db_target[1])
    await database.migrate(
        "svc_portfolio_manager.migrations", version_table="alembic_version_portfolio_manager"
    )
    yield database
    await database.dispose()


def _fill(
    fid: str,
    side: str,
    qty: str,
    price: str,
    fee: str = "0",
    *,
    days: int = 0,
    inst: str = "MSFT.XNAS",
    coid: str = "",
) -> Fill:
    return Fill(
        fid,
        "acc-7",
        inst,
        Side.BUY if side == "B" else Side.SELL,
        D(qty),
        D(price),
        D(fee),
        T0 + timedelta(days=days),
        "s1",
        coid,
    )


def _state(book: Book) -> Any:
    out = {}
    for a in book.accounts.values():
        out[a.account_id] = (
            a.cash,
            a.fees,
            a.dividends,
            a.lot_method,
            sorted(a.fills),
            sorted(a.cash_refs),
            sorted(a.actions),
            {
                i: (
                    p.quantity,
                    p.cost_basis,
                    p.realized,
                    p.fees,
                    p.dividends,
                    p.mark,
                    [
                        (x.lot_id, x.quantity, x.cost_per_unit, x.wash_adjustment, x.acquired_at)
                        for x in p.lots
                    ],
                )
                for i, p in a.positions.items()
            },
            [(c.lot_id, c.quantity, c.realized, c.wash_disallowed) for c in a.closed],
            [
                (w.sold_lot_id, w.replacement_lot_id, w.disallowed_loss, w.kind)
                for w in a.wash_sales
            ],
            sorted((s.sale_id, s.remaining) for s in a.loss_sales),
            a.designations,
        )
    return out


async def test_book_round_trip_and_idempotent_fills(db) -> None:  # type: ignore[no-untyped-def]
    published: list[tuple[str, Any]] = []

    async def publish(key: str, e: Any) -> None:
        published.append((key, e))

    core = PortfolioCore(Book(), PortfolioRepository(db), publish, now=lambda: T0)
    await core.adjust_cash("acc-7", D("100000"), "", "USD", "seed-1")
    await core.set_lot_method("acc-7", LotMethod.HIGHEST_COST)
    await core.apply_fill(_fill("f1", "B", "100", "400.10", "1.25"))
    await core.apply_fill(_fill("f2", "B", "50", "390", "1"))
    await core.apply_fill(_fill("f3", "S", "120", "380.5", "1.5", days=5))  # loss, wash
    await core.apply_fill(_fill("f4", "B", "10", "379", days=10))  # after a loss
    await core.apply_fill(_fill("s1", "S", "30", "20", inst="XOM.XNYS"))
    await core.designate_lots("acc-7", "o-1", ["f4"])
    core.on_price("MSFT.XNAS", 385.25, T0)
    await core.flush()
    from omni.common.v1 import types_pb2 as common
    from omni.portfolio_manager.v1 import portfolio_manager_service_pb2 as pb

    await core.corporate_action(
        pb.CorporateAction(
            action_id="div-1",
            type=pb.CORPORATE_ACTION_TYPE_CASH_DIVIDEND,
            instrument_id=common.InstrumentId(value="MSFT.XNAS"),
            dividend_per_share=common.Money(amount=common.Decimal(value="0.83")),
        ),
        "",
    )
    before = _state(core.book)
    n = len(published)
    # a redelivered fill: nothing changes, nothing is published
    assert await core.apply_fill(_fill("f3", "S", "120", "380.5", "1.5", days=5)) is None
    assert _state(core.book) == before and len(published) == n

    fresh = Book()
    await PortfolioRepository(db).load(fresh)
    assert _state(fresh) == before
    acc = fresh.accounts["acc-7"]
    # and the reloaded book goes on from where it was: sell the designated lot
    core2 = PortfolioCore(fresh, PortfolioRepository(db), publish, now=lambda: T0)
    await core2.set_lot_method("acc-7", LotMethod.SPECIFIC_LOT)
    res = await core2.apply_fill(_fill("f5", "S", "5", "390", days=11, coid="o-1"))
    assert [c.lot_id for c in res.closes] == ["f4"]
    assert acc.positions["MSFT.XNAS"].quantity == D(35)
    kinds = {type(e).__name__ for _, e in published}
    assert {
        "PositionUpdated",
        "TaxLotClosed",
        "CashUpdated",
        "PnlUpdated",
        "NavSnapshot",
        "CorporateActionApplied",
    } <= kinds
    assert all(k == "acc-7" for k, _ in published)


async def test_failed_write_restores_memory(db) -> None:  # type: ignore[no-untyped-def]
    async def publish(key: str, e: Any) -> None:
        return None

    repo = PortfolioRepository(db)
    core = PortfolioCore(Book(), repo, publish, now=lambda: T0)
    await core.apply_fill(_fill("f1", "B", "10", "100"))
    before = _state(core.book)

    async def broken(book, ch):  # type: ignore[no-untyped-def]
        raise RuntimeError("disk full")

    repo.save = broken  # type: ignore[method-assign]
    with pytest.raises(RuntimeError):
        await core.apply_fill(_fill("f2", "S", "4", "110"))
    assert _state(core.book) == before


async def test_marks_are_coalesced_per_account(sqlite_url) -> None:  # type: ignore[no-untyped-def]
    db = Database(sqlite_url)
    await db.migrate(
        "svc_portfolio_manager.migrations", version_table="alembic_version_portfolio_manager"
    )
    published: list[tuple[str, Any]] = []

    async def publish(key: str, e: Any) -> None:
        published.append((key, e))

    core = PortfolioCore(Book(), PortfolioRepository(db), publish, now=lambda: T0)
    for acct in ("a", "b"):
        await core.apply_fill(Fill(f"{acct}-1", acct, "X", Side.BUY, D(10), D(100), D(0), T0))
        await core.apply_fill(Fill(f"{acct}-2", acct, "Y", Side.BUY, D(5), D(50), D(0), T0))
    await core.flush()
    published.clear()
    for k in range(200):  # a burst of ticks within one publish interval
        core.on_price("X", 100 + k * 0.01, T0)
        core.on_price("Y", 50 - k * 0.01, T0)
    assert await core.flush() == 2
    count: dict[tuple[str, str], int] = {}
    for key, e in published:
        count[(key, type(e).__name__)] = count.get((key, type(e).__name__), 0) + 1
    assert count == {
        (a, t): n
        for a in ("a", "b")
        for t, n in (("PositionUpdated", 2), ("PnlUpdated", 1), ("NavSnapshot", 1))
    }
    last_pnl = [e for k, e in published if k == "a" and isinstance(e, ev.PnlUpdated)][-1]
    # unrealised after the last tick: 10*(101.99-100) + 5*(48.01-50)
    assert D(last_pnl.pnl.unrealized.value) == D("19.9") + D("-9.95")
    assert await core.flush() == 0  # nothing changed since
    await db.dispose()


async def test_old_redelivered_fill_caught_by_the_store(db) -> None:  # type: ignore[no-untyped-def]
    async def publish(key: str, e: Any) -> None:
        return None

    # the book remembers only the last 2 fill ids per account; the store remembers all
    core = PortfolioCore(Book(max_fill_ids=2), PortfolioRepository(db), publish, now=lambda: T0)
    for k in range(4):
        await core.apply_fill(_fill(f"f{k}", "B", "10", "100"))
    assert list(core.book.accounts["acc-7"].fills) == ["f2", "f3"]
    before = _state(core.book)
    assert await core.apply_fill(_fill("f0", "B", "10", "100")) is None
    assert _state(core.book) == before
    assert core.book.accounts["acc-7"].positions["MSFT.XNAS"].quantity == D(40)


async def test_migrations_match_the_models(sqlite_url) -> None:  # type: ignore[no-untyped-def]
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from svc_portfolio_manager.models import Base

    database = Database(sqlite_url)
    await database.migrate(
        "svc_portfolio_manager.migrations", version_table="alembic_version_portfolio_manager"
    )

    def diff(conn):  # type: ignore[no-untyped-def]
        ctx = MigrationContext.configure(
            conn,
            opts={"compare_type": True, "version_table": "alembic_version_portfolio_manager"},
        )
        return compare_metadata(ctx, Base.metadata)

    async with database.engine.connect() as conn:
        assert await conn.run_sync(diff) == []
    await database.dispose()

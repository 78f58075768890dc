"""The history store: bars and trades in SQL (PostgreSQL in cluster, SQLite embedded).

Times are integer Unix nanoseconds (exact, index-friendly, the same in both databases). Writes
are idempotent: a bar is keyed by (instrument, timeframe, start) and re-writing it updates it;
a trade is keyed by (instrument, time, trade id) and a repeat is ignored, so a replay or a
restart that re-sends data changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence

from omni_quant.marketsim import Trade
from sqlalchemy import (
    BigInteger,
    Double,
    Index,
    Integer,
    MetaData,
    SmallInteger,
    String,
    delete,
    func,
    select,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from svc_market_data.bars import Bar

MAX_ROWS_PER_STATEMENT = 2000


class Base(DeclarativeBase):
    metadata = MetaData()


class BarRow(Base):
    __tablename__ = "md_bars"
    instrument: Mapped[str] = mapped_column(String(64), primary_key=True)
    timeframe: Mapped[str] = mapped_column(String(16), primary_key=True)
    start_ns: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    end_ns: Mapped[int] = mapped_column(BigInteger)
    open: Mapped[float] = mapped_column(Double)
    high: Mapped[float] = mapped_column(Double)
    low: Mapped[float] = mapped_column(Double)
    close: Mapped[float] = mapped_column(Double)
    volume: Mapped[float] = mapped_column(Double)
    vwap: Mapped[float] = mapped_column(Double)
    trade_count: Mapped[int] = mapped_column(BigInteger, default=0)
    bar_type: Mapped[int] = mapped_column(SmallInteger, default=1)
    source: Mapped[str] = mapped_column(String(32), default="")


class TradeRow(Base):
    __tablename__ = "md_trades"
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"),
                                    primary_key=True, autoincrement=True)
    instrument: Mapped[str] = mapped_column(String(64))
    ts_ns: Mapped[int] = mapped_column(BigInteger)
    price: Mapped[float] = mapped_column(Double)
    size: Mapped[float] = mapped_column(Double)
    side: Mapped[int] = mapped_column(SmallInteger, default=0)
    trade_id: Mapped[str] = mapped_column(String(64), default="")
    source: Mapped[str] = mapped_column(String(32), default="")
    __table_args__ = (
        Index("ux_md_trades_identity", "instrument", "ts_ns", "trade_id", unique=True),
    )


class HistoryStore:
    """Reads and writes through an ``omni_core.db.Database`` (``.session()``, ``.dialect``)."""

    def __init__(self, db) -> None:
        self.db = db
        self._insert = pg_insert if db.dialect == "postgresql" else sqlite_insert

    async def save_bars(self, bars: Sequence[Bar]) -> int:
        if not bars:
            return 0
        rows = {}
        for b in bars:  # last write of a key wins within a batch too
            rows[(b.instrument, b.timeframe, b.start_ns)] = {
                "instrument": b.instrument, "timeframe": b.timeframe, "start_ns": b.start_ns,
                "end_ns": b.end_ns, "open": b.open, "high": b.high, "low": b.low,
                "close": b.close, "volume": b.volume, "vwap": b.vwap,
                "trade_count": b.trade_count, "bar_type": b.bar_type, "source": b.source}
        values = list(rows.values())
        async with self.db.session() as s:
            for i in range(0, len(values), MAX_ROWS_PER_STATEMENT):
                stmt = self._insert(BarRow).values(values[i:i + MAX_ROWS_PER_STATEMENT])
                ex = stmt.excluded
                stmt = stmt.on_conflict_do_update(
                    index_elements=["instrument", "timeframe", "start_ns"],
                    set_={"end_ns": ex.end_ns, "open": ex.open, "high": ex.high, "low": ex.low,
                          "close": ex.close, "volume": ex.volume, "vwap": ex.vwap,
                          "trade_count": ex.trade_count, "bar_type": ex.bar_type,
                          "source": ex.source})
                await s.execute(stmt)
        return len(values)

    async def save_trades(self, trades: Sequence[Trade], source: str = "") -> int:
        if not trades:
            return 0
        values = [{"instrument": t.instrument, "ts_ns": t.ts_ns, "price": t.price,
                   "size": t.size, "side": t.side, "trade_id": t.trade_id, "source": source}
                  for t in trades]
        async with self.db.session() as s:
            for i in range(0, len(values), MAX_ROWS_PER_STATEMENT):
                stmt = self._insert(TradeRow).values(values[i:i + MAX_ROWS_PER_STATEMENT])
                stmt = stmt.on_conflict_do_nothing(
                    index_elements=["instrument", "ts_ns", "trade_id"])
                await s.execute(stmt)
        return len(values)

    async def get_bars(self, instrument: str, timeframe: str, start_ns: int, end_ns: int,
                       limit: int = 1000) -> list[Bar]:
        """Bars with start in [start_ns, end_ns): the latest ``limit`` of them, oldest first."""
        q = (select(BarRow)
             .where(BarRow.instrument == instrument, BarRow.timeframe == timeframe,
                    BarRow.start_ns >= start_ns, BarRow.start_ns < end_ns)
             .order_by(BarRow.start_ns.desc()).limit(limit))
        async with self.db.session() as s:
            rows = (await s.execute(q)).scalars().all()
        return [Bar(r.instrument, r.timeframe, r.bar_type, r.start_ns, r.end_ns, r.open, r.high,
                    r.low, r.close, r.volume, r.vwap, r.trade_count, r.source)
                for r in reversed(rows)]

    async def get_trades(self, instrument: str, start_ns: int, end_ns: int,
                         limit: int = 10_000) -> list[Trade]:
        q = (select(TradeRow)
             .where(TradeRow.instrument == instrument, TradeRow.ts_ns >= start_ns,
                    TradeRow.ts_ns < end_ns)
             .order_by(TradeRow.ts_ns, TradeRow.id).limit(limit))
        async with self.db.session() as s:
            rows = (await s.execute(q)).scalars().all()
        return [Trade(r.instrument, r.ts_ns, r.price, r.size, r.side, r.trade_id) for r in rows]

    async def count(self) -> tuple[int, int]:
        async with self.db.session() as s:
            nb = (await s.execute(select(func.count()).select_from(BarRow))).scalar_one()
            nt = (await s.execute(select(func.count()).select_from(TradeRow))).scalar_one()
        return int(nb), int(nt)

    async def prune_trades(self, before_ns: int) -> int:
        """Delete trades older than ``before_ns`` (retention; bars are kept)."""
        async with self.db.session() as s:
            res = await s.execute(delete(TradeRow).where(TradeRow.ts_ns < before_ns))
        return int(res.rowcount or 0)

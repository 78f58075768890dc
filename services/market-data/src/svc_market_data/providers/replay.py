"""Replay of recorded market data from CSV or Parquet files, at a chosen speed.

Columns (names are case-insensitive; the first present alias wins):

* time: ``ts`` | ``timestamp`` | ``time`` | ``t`` — integer epoch (s, ms, us or ns, by magnitude)
  or an ISO-8601 string (UTC when no offset is given);
* instrument: ``instrument`` | ``instrument_id`` | ``symbol``;
* quotes: ``bid``, ``ask`` [, ``bid_size``, ``ask_size``];
* trades: ``price``, ``size`` | ``quantity`` | ``qty`` [, ``side`` (buy/sell/B/S/1/2),
  ``trade_id``];
* bars: ``open``, ``high``, ``low``, ``close``, ``volume`` [, ``timeframe`` (default "1m")];
* a ``type`` column (quote | trade | bar) allows several kinds in one file.

All files are merged in time order. ``speed`` 1.0 replays in real time, 60 at one minute per
second, 0 as fast as possible. ``loop`` restarts from the beginning, shifting timestamps so
they keep increasing.
"""

from __future__ import annotations

import asyncio
import heapq
import math
import time
from collections.abc import Callable, Iterator, Sequence
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
from omni_quant.marketsim import DEFAULT_UNIVERSE, Quote, Trade

from svc_market_data.bars import BAR_TIME, Bar, parse_timeframe
from svc_market_data.pipeline import InstrumentInfo
from svc_market_data.providers.base import NS, Pacer, Provider, Sink

TIME_COLS = ("ts", "timestamp", "time", "t", "datetime", "date")
INSTR_COLS = ("instrument", "instrument_id", "symbol", "ticker")
SIZE_COLS = ("size", "quantity", "qty", "amount")


def bundled_sample() -> Path:
    """The small replay file shipped with the service (three instruments, ten minutes)."""
    return Path(str(resources.files("svc_market_data") / "data" / "sample_ticks.csv"))


class ReplayError(ValueError):
    pass


NUMERIC_COLS = ("bid", "ask", "bid_size", "ask_size", "price", "size", "quantity", "qty",
                "amount", "open", "high", "low", "close", "volume")
STRING_COLS = ("type", "side", "trade_id", "timeframe", *INSTR_COLS)
BATCH_ROWS = 65_536
CSV_BLOCK_BYTES = 1 << 22


def _kind_of(path: Path) -> str:
    suffixes = "".join(path.suffixes).lower()
    if not path.exists():
        raise ReplayError(f"replay file {path} does not exist")
    if ".parquet" in suffixes or ".pq" in suffixes:
        return "parquet"
    if ".csv" in suffixes:
        return "csv"
    raise ReplayError(f"replay file {path}: expected .csv[.gz] or .parquet")


def _column_names(path: Path) -> list[str]:
    if _kind_of(path) == "parquet":
        return list(pq.ParquetFile(path).schema_arrow.names)
    return list(pacsv.open_csv(path).schema.names)


def _csv_convert(names: list[str], include: list[str] | None = None) -> pacsv.ConvertOptions:
    # fixed types for the known columns: a first block of all-empty values must not make a
    # column "null" typed when later rows carry numbers or strings
    types = {}
    for n in names:
        low = n.lower()
        if low in NUMERIC_COLS:
            types[n] = pa.float64()
        elif low in STRING_COLS:
            types[n] = pa.string()
    return pacsv.ConvertOptions(column_types=types, include_columns=include)


def _batches(path: Path, columns: list[str] | None = None) -> Iterator[pa.RecordBatch]:
    """The file as record batches (streamed: a large file is never held in memory whole)."""
    names = _column_names(path)
    if _kind_of(path) == "parquet":
        yield from pq.ParquetFile(path).iter_batches(batch_size=BATCH_ROWS, columns=columns)
        return
    reader = pacsv.open_csv(path, read_options=pacsv.ReadOptions(block_size=CSV_BLOCK_BYTES),
                            convert_options=_csv_convert(names, columns))
    yield from reader


def _to_ns(v) -> int:
    if isinstance(v, datetime):
        if v.tzinfo is None:
            v = v.replace(tzinfo=UTC)
        return int(v.timestamp()) * NS + v.microsecond * 1000
    if isinstance(v, str):
        s = v.strip()
        if s.lstrip("-").isdigit():
            return _to_ns(int(s))
        return _to_ns(datetime.fromisoformat(s.replace("Z", "+00:00")))
    if isinstance(v, float):
        if not math.isfinite(v):
            raise ReplayError(f"bad timestamp {v!r}")
        v = int(v)
    if isinstance(v, int):
        a = abs(v)
        if a < 10**11:
            return v * NS
        if a < 10**14:
            return v * 1_000_000
        if a < 10**17:
            return v * 1000
        return v
    raise ReplayError(f"bad timestamp {v!r}")


def _side(v) -> int:
    if v is None:
        return 0
    s = str(v).strip().lower()
    if s in ("buy", "b", "1", "bid"):
        return 1
    if s in ("sell", "s", "2", "ask"):
        return 2
    return 0


def _pick(cols: dict[str, str], names: Sequence[str]) -> str | None:
    for n in names:
        if n in cols:
            return cols[n]
    return None


def _layout(path: Path) -> tuple[dict[str, str], str, str]:
    names = _column_names(path)
    cols = {c.lower(): c for c in names}
    tcol = _pick(cols, TIME_COLS)
    icol = _pick(cols, INSTR_COLS)
    if tcol is None or icol is None:
        raise ReplayError(f"{path}: needs a time column {TIME_COLS} and an instrument column "
                          f"{INSTR_COLS}; has {names}")
    has_quote = "bid" in cols and "ask" in cols
    has_trade = "price" in cols and _pick(cols, SIZE_COLS) is not None
    has_bar = all(k in cols for k in ("open", "high", "low", "close"))
    if not (has_quote or has_trade or has_bar):
        raise ReplayError(f"{path}: no quote (bid, ask), trade (price, size) or bar (open, high, "
                          f"low, close) columns")
    default_kind = "quote" if has_quote else "trade" if has_trade else "bar"
    return cols, default_kind, icol


def _scan(path: Path) -> tuple[list[str], set[str]]:
    """First pass over the instrument (and type) columns only: the instruments in order of
    appearance, and those with trades or bars."""
    cols, default_kind, icol = _layout(path)
    wanted = [icol] + ([cols["type"]] if "type" in cols else [])
    order: dict[str, None] = {}
    traded: set[str] = set()
    for batch in _batches(path, wanted):
        ins = batch.column(0).to_pylist()
        kinds = batch.column(1).to_pylist() if len(wanted) > 1 else None
        for i, x in enumerate(ins):
            iid = str(x)
            order.setdefault(iid, None)
            kind = (kinds[i] or default_kind).lower() if kinds is not None else default_kind
            if kind != "quote":
                traded.add(iid)
    return list(order), traded


def _rows(path: Path, default_timeframe: str) -> Iterator[tuple[int, int, object]]:
    """(ts_ns, seq, event) in file order, streamed; events are Quote, Trade or Bar."""
    cols, default_kind, icol = _layout(path)
    tcol = _pick(cols, TIME_COLS)
    scol = _pick(cols, SIZE_COLS)
    tf_cache: dict[str, int] = {}

    def f(x) -> float:
        return math.nan if x is None else float(x)

    seq = 0
    for batch in _batches(path):
        data = batch.to_pydict()
        n = batch.num_rows
        none = [None] * n
        get = lambda name: data[cols[name]] if name in cols else none  # noqa: E731, B023
        kinds = get("type")
        ts_l, ins = data[tcol], data[icol]
        bid, ask, bsz, asz = get("bid"), get("ask"), get("bid_size"), get("ask_size")
        price = get("price")
        size = data[scol] if scol else none
        side, tid = get("side"), get("trade_id")
        o, h, lo, c = get("open"), get("high"), get("low"), get("close")
        vol, tf = get("volume"), get("timeframe")
        for i in range(n):
            ts = _to_ns(ts_l[i])
            kind = (kinds[i] or default_kind).lower() if kinds[i] is not None else default_kind
            iid = str(ins[i])
            if kind == "quote":
                ev = Quote(iid, ts, f(bid[i]), f(ask[i]),
                           f(bsz[i]) if bsz[i] is not None else 0.0,
                           f(asz[i]) if asz[i] is not None else 0.0)
            elif kind == "trade":
                ev = Trade(iid, ts, f(price[i]), f(size[i]), _side(side[i]),
                           "" if tid[i] is None else str(tid[i]))
            elif kind == "bar":
                label = tf[i] or default_timeframe
                period = tf_cache.get(label)
                if period is None:
                    period = tf_cache[label] = parse_timeframe(label).seconds * NS
                ev = Bar(iid, label, BAR_TIME, ts, ts + period, f(o[i]), f(h[i]), f(lo[i]),
                         f(c[i]), f(vol[i]) if vol[i] is not None else 0.0, f(c[i]), 0,
                         "replay")
            else:
                raise ReplayError(f"{path}: row {seq}: unknown type {kinds[i]!r}")
            yield ts, seq, ev
            seq += 1


class ReplayProvider(Provider):
    name = "replay"

    def __init__(self, paths: Sequence[str | Path], speed: float = 1.0, loop: bool = False,
                 default_timeframe: str = "1m", instruments: Sequence[InstrumentInfo] = (),
                 monotonic: Callable[[], float] = time.monotonic, sleep=asyncio.sleep) -> None:
        if not paths:
            raise ReplayError("replay needs at least one file")
        self.paths = [Path(p) for p in paths]
        self.speed = speed
        self.loop = loop
        self.default_timeframe = parse_timeframe(default_timeframe).label
        self._monotonic = monotonic
        self._sleep = sleep
        self.pacer: Pacer | None = None
        # a first pass reads only the instrument (and type) columns; the data itself is
        # streamed from the files on each run, so large files are never loaded whole
        order: dict[str, None] = {}
        traded: set[str] = set()
        for path in self.paths:
            ids, t = _scan(path)
            order.update(dict.fromkeys(ids))
            traded |= t
        seen: dict[str, InstrumentInfo] = {i.instrument_id: i for i in instruments}
        known = {s.instrument_id: s for s in DEFAULT_UNIVERSE}
        for iid in order:
            if iid in seen:
                continue
            # instruments with quotes only (no trades, no bars) get bars from mid quotes
            bar_source = "trades" if iid in traded else "quotes"
            spec = known.get(iid)
            if spec is not None:  # the simulator's universe doubles as a small instrument master
                seen[iid] = InstrumentInfo(iid, spec.asset_class, spec.tick_size, spec.lot_size,
                                           spec.currency, spec.venue, spec.description, self.name,
                                           bar_source=bar_source)
            else:
                seen[iid] = InstrumentInfo(iid, _guess_class(iid), source=self.name,
                                           bar_source=bar_source)
        self._instruments = list(seen.values())
        self.replayed = 0

    def stream(self) -> Iterator[tuple[int, object]]:
        """(ts_ns, event) over all files: file order within a file (validation flags rows out
        of time order), files interleaved by time."""
        merged = heapq.merge(*[_keyed(k, _rows(p, self.default_timeframe))
                               for k, p in enumerate(self.paths)], key=lambda x: x[0])
        for key, ev in merged:
            yield key[0], ev

    def instruments(self) -> list[InstrumentInfo]:
        return list(self._instruments)

    async def run(self, sink: Sink, stop: asyncio.Event) -> None:
        shift = 0
        self.pacer = pacer = Pacer(self.speed, self._monotonic, self._sleep)
        while True:
            first = last = None
            for ts, ev in self.stream():
                if stop.is_set():
                    return
                if first is None:
                    first = ts
                last = ts
                await pacer.pace(ts + shift)
                if shift:
                    ev = _shifted(ev, shift)
                t = type(ev)
                if t is Quote:
                    sink.on_quote(ev, self.name)
                elif t is Trade:
                    sink.on_trade(ev, self.name)
                else:
                    sink.on_bar(ev)
                self.replayed += 1
            if not self.loop or first is None:
                return
            shift += max(last, first) - first + NS


def _keyed(k: int, rows: Iterator[tuple[int, int, object]]):
    for ts, seq, ev in rows:
        yield (ts, k, seq), ev


def _shifted(ev, shift: int):
    if type(ev) is Quote:
        return Quote(ev.instrument, ev.ts_ns + shift, ev.bid, ev.ask, ev.bid_size, ev.ask_size)
    if type(ev) is Trade:
        return Trade(ev.instrument, ev.ts_ns + shift, ev.price, ev.size, ev.side,
                     f"{ev.trade_id}+{shift}" if ev.trade_id else "")
    return Bar(ev.instrument, ev.timeframe, ev.bar_type, ev.start_ns + shift, ev.end_ns + shift,
               ev.open, ev.high, ev.low, ev.close, ev.volume, ev.vwap, ev.trade_count, ev.source)


def _guess_class(iid: str) -> str:
    suffix = iid.rsplit(".", 1)[-1].upper() if "." in iid else ""
    return {"FX": "fx", "CRYPTO": "crypto", "XCME": "future", "XCBT": "future",
            "XNYM": "future"}.get(suffix, "equity")

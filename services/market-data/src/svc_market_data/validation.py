"""Validation of quotes, trades and bars before anything is published (pure, no I/O).

Rules (the rule name is what the quarantine records and the metrics count):

``invalid``       a price that is not a positive finite number, a negative or non-finite size,
                  a bar whose high/low do not contain its open/close.
``crossed``       a quote with bid > ask.
``locked``        a quote with bid == ask (allowed per instrument with ``allow_locked``).
``out_of_order``  an event time earlier than the last accepted one of the same kind.
``duplicate``     a trade id seen before, or a repeat of the previous trade / quote / bar.
``stale``         an event older than ``max_age_s`` against the clock (a late tick), and a
                  feed from which nothing good has arrived for ``stale_after_s`` by the clock
                  (:meth:`Validator.check_stale`; reported once per silence, then the
                  instrument's status is STALE until data flows again).
``spike``         a move from the last good price larger than ``spike_max_pct`` or than
                  ``spike_sigmas`` times the EWMA volatility of tick returns (and at least
                  ``spike_min_pct``). If ``spike_confirm`` consecutive quarantined ticks all
                  moved the same way (and less than ``spike_confirm_max_pct``), the move is
                  real (a genuine jump or a fast trend): the latest one is accepted and becomes
                  the reference.
``outlier``       a trade priced outside the current quote by more than ``outlier_spreads``
                  spreads and ``outlier_min_pct`` (a print that could not have happened there).
``gap``           a bar that starts later than the previous bar's end plus the bar period, or
                  quotes more than ``gap_after_s`` apart in event time. The gap is recorded
                  and counted;
                  the data after it is good and is published.

A rejected item goes to the :class:`Quarantine` (bounded, newest kept) with its reason; it is
never published as good data.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

NS = 1_000_000_000

RULES = ("invalid", "crossed", "locked", "out_of_order", "duplicate", "stale", "spike", "outlier",
         "gap")


@dataclass(frozen=True, slots=True)
class ValidationConfig:
    spike_sigmas: float = 12.0
    spike_min_pct: float = 0.5
    spike_max_pct: float = 8.0
    spike_confirm: int = 3
    spike_confirm_max_pct: float = 30.0
    ewma_lambda: float = 0.97
    outlier_spreads: float = 5.0
    outlier_min_pct: float = 0.5
    # the quote is used to judge trades only while it is this fresh (event time); older
    # quotes fall back to the spike rule against the last good price
    outlier_quote_max_age_s: float = 5.0
    stale_after_s: float = 10.0
    max_age_s: float = 0.0  # 0 disables the late-tick check (replays carry old timestamps)
    gap_after_s: float = 0.0  # 0 disables the feed-silence gap record
    allow_locked: bool = False
    trade_id_memory: int = 4096

    def __post_init__(self) -> None:
        if self.spike_min_pct <= 0 or self.spike_max_pct <= self.spike_min_pct:
            raise ValueError("spike_min_pct must be > 0 and below spike_max_pct")
        if self.spike_confirm < 1:
            raise ValueError("spike_confirm must be at least 1")
        if not 0 < self.ewma_lambda < 1:
            raise ValueError("ewma_lambda must be in (0, 1)")


@dataclass(frozen=True, slots=True)
class QuarantineRecord:
    instrument: str
    rule: str
    reason: str
    kind: str  # quote | trade | bar | feed
    event_ts_ns: int
    at_ns: int
    detail: str
    source: str = ""


class Quarantine:
    """Bounded store of rejected items with per-rule totals. ``on_record`` is called for each
    record (the service increments its Prometheus counters there)."""

    def __init__(self, capacity: int = 10_000,
                 on_record: Callable[[QuarantineRecord], None] | None = None) -> None:
        if capacity <= 0:
            raise ValueError("quarantine capacity must be positive")
        self.records: deque[QuarantineRecord] = deque(maxlen=capacity)
        self.counts: dict[str, int] = {}
        self.on_record = on_record

    def add(self, record: QuarantineRecord) -> None:
        self.records.append(record)
        self.counts[record.rule] = self.counts.get(record.rule, 0) + 1
        if self.on_record is not None:
            self.on_record(record)

    def query(self, instrument: str = "", rule: str = "", limit: int = 100,
              since_ns: int = 0) -> list[QuarantineRecord]:
        out = []
        for r in reversed(self.records):
            if instrument and r.instrument != instrument:
                continue
            if rule and r.rule != rule:
                continue
            if r.at_ns < since_ns:
                continue
            out.append(r)
            if len(out) >= limit:
                break
        return out

    def __len__(self) -> int:
        return len(self.records)


class _State:
    __slots__ = ("q_ts", "t_ts", "ref", "var", "pending", "last_q", "last_t", "trade_ids",
                 "trade_id_set", "bid", "ask", "last_seen_ns", "stale", "bar_ends", "last_bar",
                 "allow_locked")

    def __init__(self, allow_locked: bool) -> None:
        self.q_ts = -1
        self.t_ts = -1
        self.ref = 0.0  # last good price (mid for quotes, trade price otherwise)
        self.var = -1.0  # EWMA variance of log returns between good ticks
        self.pending: list[float] = []
        self.last_q: tuple = ()
        self.last_t: tuple = ()
        self.trade_ids: deque[str] = deque()
        self.trade_id_set: set[str] = set()
        self.bid = 0.0
        self.ask = 0.0
        self.last_seen_ns = 0
        self.stale = False
        self.bar_ends: dict[str, int] = {}
        self.last_bar: dict[str, tuple] = {}
        self.allow_locked = allow_locked


_isfinite = math.isfinite
_INF = math.inf
_log = math.log


class Validator:
    """Stateful per-instrument validation. ``now_ns`` is a callable giving the clock's time."""

    def __init__(self, config: ValidationConfig | None = None, quarantine: Quarantine | None = None,
                 now_ns: Callable[[], int] | None = None) -> None:
        self.config = config or ValidationConfig()
        self.quarantine = quarantine if quarantine is not None else Quarantine()
        self._now = now_ns
        self._state: dict[str, _State] = {}
        c = self.config
        self._min_r = c.spike_min_pct / 100.0
        self._max_r = c.spike_max_pct / 100.0
        self._k2 = c.spike_sigmas * c.spike_sigmas
        self._confirm_max_r = c.spike_confirm_max_pct / 100.0
        self._lam = c.ewma_lambda
        self._max_age_ns = int(c.max_age_s * NS)
        self._gap_ns = int(c.gap_after_s * NS)
        self._quote_fresh_ns = int(c.outlier_quote_max_age_s * NS)
        self.accepted = 0

    def state(self, instrument: str, allow_locked: bool | None = None) -> _State:
        st = self._state.get(instrument)
        if st is None:
            st = self._state[instrument] = _State(
                self.config.allow_locked if allow_locked is None else allow_locked)
        return st

    def configure_instrument(self, instrument: str, allow_locked: bool) -> None:
        self.state(instrument).allow_locked = allow_locked

    def _reject(self, instrument: str, rule: str, reason: str, kind: str, ts: int, detail: str,
                source: str) -> str:
        now = self._now() if self._now is not None else ts
        self.quarantine.add(QuarantineRecord(instrument, rule, reason, kind, ts, now, detail,
                                             source))
        return rule

    # -- spike test shared by quotes and trades ---------------------------------------------

    def _spike(self, st: _State, price: float) -> tuple[bool, float]:
        """(is_spike, log return). Updates nothing."""
        ref = st.ref
        if ref <= 0.0:
            return False, 0.0
        r = _log(price / ref)
        a = r if r >= 0 else -r
        if a <= self._min_r:
            return False, r
        if a > self._max_r:
            return True, r
        var = st.var
        if var < 0:
            return False, r  # no volatility estimate yet: only the hard limit applies
        return r * r > self._k2 * var, r

    def _confirm(self, st: _State, price: float) -> bool:
        """A quarantined spike or outlier: remember it; True when the last ``spike_confirm``
        quarantined prices all lie on the same side of the last good price and within
        ``spike_confirm_max_pct`` of it (a real jump or a fast trend, not a stray print or
        noise either side). Beyond that limit a move is never taken automatically (e.g. a
        decimal-shifted feed); the instrument goes stale and an operator looks."""
        pend = st.pending
        pend.append(price)
        n = self.config.spike_confirm
        if len(pend) > n:
            del pend[0]
        if len(pend) < n:
            return False
        ref = st.ref
        if ref <= 0.0:
            return True
        lo = min(pend)
        hi = max(pend)
        if not (lo > ref or hi < ref):
            return False
        far = hi if hi > ref else lo
        r = _log(far / ref)
        return (r if r >= 0 else -r) <= self._confirm_max_r

    def _accept_price(self, st: _State, price: float, r: float) -> None:
        if st.ref > 0.0:
            lam = self._lam
            rr = r * r
            st.var = rr if st.var < 0 else lam * st.var + (1.0 - lam) * rr
        st.ref = price
        if st.pending:
            st.pending.clear()

    # -- quotes ------------------------------------------------------------------------------

    def check_quote(self, instrument: str, ts: int, bid: float, ask: float, bid_size: float,
                    ask_size: float, source: str = "") -> str | None:
        """None if the quote is good (state updated), else the rule that rejected it."""
        st = self._state.get(instrument)
        if st is None:
            st = self.state(instrument)
        # chained comparisons reject NaN and infinities too (and are cheaper than isfinite)
        if not (0.0 < bid < _INF and 0.0 < ask < _INF and 0.0 <= bid_size < _INF
                and 0.0 <= ask_size < _INF):
            return self._reject(instrument, "invalid", "non-positive or non-finite price/size",
                                "quote", ts, _qd(bid, ask, bid_size, ask_size), source)
        if bid >= ask:
            if bid > ask:
                return self._reject(instrument, "crossed", f"bid {bid} above ask {ask}", "quote",
                                    ts, _qd(bid, ask, bid_size, ask_size), source)
            if not st.allow_locked:
                return self._reject(instrument, "locked", f"bid equals ask {ask}", "quote", ts,
                                    _qd(bid, ask, bid_size, ask_size), source)
        last_ts = st.q_ts
        if ts <= last_ts:
            if ts < last_ts:
                return self._reject(instrument, "out_of_order",
                                    f"time {ts} before last quote {last_ts}", "quote", ts,
                                    _qd(bid, ask, bid_size, ask_size), source)
            if st.last_q == (bid, ask, bid_size, ask_size):
                return self._reject(instrument, "duplicate", "same quote at the same time",
                                    "quote", ts, _qd(bid, ask, bid_size, ask_size), source)
        if self._max_age_ns:
            now = self._now() if self._now is not None else ts
            if now - ts > self._max_age_ns:
                return self._reject(instrument, "stale", f"quote {(now - ts) / NS:.3f}s old",
                                    "quote", ts, _qd(bid, ask, bid_size, ask_size), source)
        mid = 0.5 * (bid + ask)
        ref = st.ref
        r = _log(mid / ref) if ref > 0.0 else 0.0
        if (r if r >= 0.0 else -r) > self._min_r:  # only then can it be a spike
            spike, r = self._spike(st, mid)
            if spike:
                if not self._confirm(st, mid):
                    return self._reject(instrument, "spike",
                                        f"mid moved {r * 100:.3f}% from {st.ref:g}", "quote",
                                        ts, _qd(bid, ask, bid_size, ask_size), source)
                r = 0.0  # a confirmed level shift does not inflate the volatility estimate
        if self._gap_ns and st.q_ts >= 0 and ts - st.q_ts > self._gap_ns:
            self._reject(instrument, "gap", f"no quote for {(ts - st.q_ts) / NS:.1f}s",
                         "feed", ts, "", source)
        # accept: EWMA variance of tick returns, new reference (inlined _accept_price)
        if ref > 0.0:
            rr = r * r
            var = st.var
            st.var = rr if var < 0.0 else self._lam * var + (1.0 - self._lam) * rr
        st.ref = mid
        if st.pending:
            st.pending.clear()
        st.q_ts = ts
        st.last_q = (bid, ask, bid_size, ask_size)
        st.bid = bid
        st.ask = ask
        st.last_seen_ns = self._now() if self._now is not None else ts
        st.stale = False
        self.accepted += 1
        return None

    # -- trades ------------------------------------------------------------------------------

    def check_trade(self, instrument: str, ts: int, price: float, size: float,
                    trade_id: str = "", source: str = "") -> str | None:
        st = self._state.get(instrument)
        if st is None:
            st = self.state(instrument)
        if not (0.0 < price < _INF and 0.0 < size < _INF):
            return self._reject(instrument, "invalid", "non-positive or non-finite price/size",
                                "trade", ts, _td(price, size, trade_id), source)
        if trade_id:
            if trade_id in st.trade_id_set:
                return self._reject(instrument, "duplicate", f"trade id {trade_id} seen before",
                                    "trade", ts, _td(price, size, trade_id), source)
        elif st.last_t == (ts, price, size):
            return self._reject(instrument, "duplicate", "same trade as the previous one",
                                "trade", ts, _td(price, size, trade_id), source)
        if ts < st.t_ts:
            return self._reject(instrument, "out_of_order",
                                f"time {ts} before last trade {st.t_ts}", "trade", ts,
                                _td(price, size, trade_id), source)
        if self._max_age_ns:
            now = self._now() if self._now is not None else ts
            if now - ts > self._max_age_ns:
                return self._reject(instrument, "stale", f"trade {(now - ts) / NS:.3f}s old",
                                    "trade", ts, _td(price, size, trade_id), source)
        bid = st.bid
        if bid > 0.0 and ts - st.q_ts <= self._quote_fresh_ns:
            ask = st.ask
            band = self.config.outlier_spreads * (ask - bid)
            mid = 0.5 * (bid + ask)
            pct = self.config.outlier_min_pct / 100.0 * mid
            if pct > band:
                band = pct
            if (price > ask + band or price < bid - band) and not self._confirm(st, price):
                return self._reject(instrument, "outlier",
                                    f"price {price} outside quote {bid}/{ask} by more than "
                                    f"{band:g}",
                                    "trade", ts, _td(price, size, trade_id), source)
            if st.pending:
                st.pending.clear()
        else:
            spike, r = self._spike(st, price)
            if spike:
                if not self._confirm(st, price):
                    return self._reject(instrument, "spike",
                                        f"price moved {r * 100:.3f}% from {st.ref:g}", "trade",
                                        ts, _td(price, size, trade_id), source)
                r = 0.0
            self._accept_price(st, price, r)
        if trade_id:
            ids = st.trade_ids
            ids.append(trade_id)
            st.trade_id_set.add(trade_id)
            if len(ids) > self.config.trade_id_memory:
                st.trade_id_set.discard(ids.popleft())
        st.t_ts = ts
        st.last_t = (ts, price, size)
        st.last_seen_ns = self._now() if self._now is not None else max(ts, st.last_seen_ns)
        st.stale = False
        self.accepted += 1
        return None

    # -- bars --------------------------------------------------------------------------------

    def check_bar(self, instrument: str, timeframe: str, period_ns: int, start_ns: int,
                  end_ns: int, o: float, h: float, low: float, c: float, volume: float,
                  source: str = "") -> str | None:
        st = self._state.get(instrument)
        if st is None:
            st = self.state(instrument)
        detail = f"tf={timeframe} start={start_ns} o={o} h={h} l={low} c={c} v={volume}"
        vals = (o, h, low, c)
        if not (all(v > 0.0 and _isfinite(v) for v in vals) and volume >= 0.0
                and _isfinite(volume) and low <= min(o, c) and h >= max(o, c)
                and end_ns > start_ns):
            return self._reject(instrument, "invalid", "inconsistent OHLCV or times", "bar",
                                start_ns, detail, source)
        key = timeframe
        last_end = st.bar_ends.get(key, -1)
        if last_end >= 0:
            if (start_ns, o, h, low, c, volume) == st.last_bar.get(key):
                return self._reject(instrument, "duplicate", "same bar as the previous one",
                                    "bar", start_ns, detail, source)
            if start_ns < last_end:
                return self._reject(instrument, "out_of_order",
                                    f"bar start {start_ns} before previous bar end {last_end}",
                                    "bar", start_ns, detail, source)
        spike, r = self._spike(st, c)
        if spike and not self._confirm(st, c):
            return self._reject(instrument, "spike", f"close moved {r * 100:.3f}% from {st.ref:g}",
                                "bar", start_ns, detail, source)
        if last_end >= 0 and period_ns and start_ns > last_end:
            missing = (start_ns - last_end) // period_ns
            if missing >= 1:
                self._reject(instrument, "gap", f"{missing} {timeframe} bar(s) missing before this",
                             "bar", last_end, f"from={last_end} to={start_ns}", source)
        self._accept_price(st, c, 0.0 if spike else r)
        st.bar_ends[key] = end_ns
        st.last_bar[key] = (start_ns, o, h, low, c, volume)
        st.last_seen_ns = self._now() if self._now is not None else max(st.last_seen_ns, end_ns)
        st.stale = False
        self.accepted += 1
        return None

    # -- feed staleness ----------------------------------------------------------------------

    def check_stale(self, now_ns: int, instruments: list[str] | None = None) -> list[str]:
        """Instruments whose feed went silent for ``stale_after_s`` since the last call that
        saw them fresh (each silence is reported once). Records a ``stale`` feed entry."""
        limit = int(self.config.stale_after_s * NS)
        out = []
        names = instruments if instruments is not None else list(self._state)
        for name in names:
            st = self.state(name)
            if st.stale or not st.last_seen_ns:
                continue
            if now_ns - st.last_seen_ns > limit:
                st.stale = True
                self._reject(name, "stale",
                             f"no update for {(now_ns - st.last_seen_ns) / NS:.1f}s", "feed",
                             st.last_seen_ns, "", "")
                out.append(name)
        return out

    def is_stale(self, instrument: str) -> bool:
        st = self._state.get(instrument)
        return bool(st and st.stale)


def _qd(bid: float, ask: float, bs: float, as_: float) -> str:
    return f"bid={bid} ask={ask} bid_size={bs} ask_size={as_}"


def _td(price: float, size: float, trade_id: str) -> str:
    return f"price={price} size={size} id={trade_id}"

"""The embedded fleet: cold start, resident memory, and tick-to-order latency.

Starts ``omni up`` (a real subprocess, fresh OMNI_HOME, embedded broker, every implemented
service on the fleet profile's defaults), lets it trade for a while, then prints:

- cold start: from launching ``omni up`` until every service answers SERVING (fleet.json);
- resident memory of the fleet: the sum of VmRSS of the broker and every service (/proc),
  at the end of the session and the peak seen while it ran;
- tick-to-order latency: from the market-data event that triggered an order to the first
  order event on ``order-management`` that names that order. The default strategies act on
  1-minute bars, so the trigger is a Bar. Matching: by W3C trace id when the order event and
  a bar share one (the kit carries traceparent through Kafka and gRPC); otherwise the latest
  1m Bar of the order's instrument produced before the order event. Both times are the
  envelopes' produced_at (one host, one clock).
- the Kafka hops on that path, from each trading consumer's ``omni_delivery_seconds``
  histogram (the message's creation by its producer to its handling, once per batch);
- each service's event-loop stalls and full garbage collections (omni_core.runtime_watch);
- the record batches each topic holds at the end (bench/broker_batches.py): what the embedded
  broker's work per fetch grows with.

Figures are printed beside their goals; nothing is asserted.

    OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 .venv/bin/python bench/fleet.py [--session 60]
"""

from __future__ import annotations

import argparse
import bisect
import contextlib
import os
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "e2e"))

import broker_batches  # noqa: E402  (bench/, beside this script)
import fleet_harness as fh  # noqa: E402

GOAL_P99_MS = 50.0
GOAL_START_S = 30.0
GOAL_RSS_GIB = 4.0


def _ns(ts) -> int:
    return ts.seconds * 1_000_000_000 + ts.nanos


def _trace_id(tp: str) -> str:
    parts = tp.split("-")
    return parts[1] if len(parts) == 4 and parts[1].strip("0") else ""


def _pct(xs: list[float], q: float) -> float:
    s = sorted(xs)
    return s[min(len(s) - 1, max(0, round(q * (len(s) - 1))))]


def by_minute(rows: list[tuple[int, str, float]], start_ns: int) -> None:
    """Tick-to-order per minute of the session: the embedded broker's work per fetch grows
    with the batches a topic holds, so latency drifts up as a session goes on."""
    per: dict[int, list[float]] = defaultdict(list)
    for t, _inst, ms in rows:
        per[max(0, t - start_ns) // 60_000_000_000].append(ms)
    print("  by minute of the session: " + "; ".join(
        f"{m + 1}: n={len(v)} p50 {_pct(v, 0.5):.0f} / p99 {_pct(v, 0.99):.0f} / "
        f"max {max(v):.0f} ms" for m, v in sorted(per.items())))


def latency(bootstrap: str, start_ns: int) -> None:
    from omni.market_data.v1 import events_pb2 as mde
    from omni.order_manager.v1 import events_pb2 as _ome  # noqa: F401  (registers the types)
    from omni_core.envelope import unpack

    bar_type = mde.Bar.DESCRIPTOR.full_name
    bars: dict[str, list[tuple[int, str]]] = defaultdict(list)  # instrument -> (ns, trace)
    bar_by_trace: dict[str, int] = {}
    for env, _m in fh.read_topic(bootstrap, "market-data-stream", timeout=120):
        if env is None or env.event_type != bar_type:
            continue
        bar = unpack(env, mde.Bar)
        if bar.timeframe != "1m":
            continue
        t = _ns(env.produced_at)
        tid = _trace_id(env.traceparent)
        bars[bar.instrument_id.value].append((t, tid))
        if tid:
            bar_by_trace[tid] = t
    for v in bars.values():
        v.sort()

    first: dict[str, tuple[int, str, str, str]] = {}  # order id -> (ns, instrument, trace, type)
    received: dict[str, int] = {}  # order id -> order-manager took the SubmitOrder (created_at)
    for env, _m in fh.read_topic(bootstrap, "order-management", timeout=60):
        if env is None or not env.event_type.startswith("omni.order_manager.v1.Order"):
            continue
        ev = unpack(env)
        order = getattr(ev, "order", None)
        if order is None or not order.order_id or not order.strategy_id:
            continue
        t = _ns(env.produced_at)
        if order.order_id not in first or t < first[order.order_id][0]:
            first[order.order_id] = (t, order.instrument_id.value, _trace_id(env.traceparent),
                                     env.event_type.rsplit(".", 1)[1])
            received[order.order_id] = _ns(order.created_at)

    from omni.risk_engine.v1 import events_pb2 as rke

    check_at: dict[str, int] = {}  # order id -> risk-engine's OrderCheckResult produced_at
    for env, _m in fh.read_topic(bootstrap, "risk-management", timeout=60):
        if env is not None and env.event_type == rke.OrderCheckResult.DESCRIPTOR.full_name:
            check_at.setdefault(unpack(env, rke.OrderCheckResult).order_id,
                                _ns(env.produced_at))

    by_trace, by_time, unmatched = [], [], 0
    to_check, check_to_order, to_submit, submit_to_check = [], [], [], []
    rows: list[tuple[int, str, float]] = []  # (order event ns, instrument, latency ms)
    for oid, (t, inst, tid, _typ) in first.items():
        if tid and tid in bar_by_trace and bar_by_trace[tid] <= t:
            t_bar = bar_by_trace[tid]
            by_trace.append((t - t_bar) / 1e6)
        else:
            seq = bars.get(inst, [])
            i = bisect.bisect_right(seq, (t, "\uffff")) - 1
            if i < 0:
                unmatched += 1
                continue
            t_bar = seq[i][0]
            by_time.append((t - t_bar) / 1e6)
        rows.append((t, inst, (t - t_bar) / 1e6))
        if oid in check_at and t_bar <= check_at[oid] <= t:
            to_check.append((check_at[oid] - t_bar) / 1e6)
            check_to_order.append((t - check_at[oid]) / 1e6)
            if t_bar <= received.get(oid, 0) <= check_at[oid]:
                to_submit.append((received[oid] - t_bar) / 1e6)
                submit_to_check.append((check_at[oid] - received[oid]) / 1e6)
    lat = by_trace + by_time
    types = sorted({v[3] for v in first.values()})
    print(f"bars (1m) seen: {sum(len(v) for v in bars.values())} on {len(bars)} instruments "
          f"({len(bar_by_trace)} with a trace id); strategy orders: {len(first)} "
          f"(first order event types: {', '.join(types) or '-'})")
    print(f"matching: {len(by_trace)} by trace id, {len(by_time)} by instrument and time "
          f"(latest 1m bar before the order event), {unmatched} unmatched")
    if not lat:
        print("tick-to-order latency: no orders to measure")
        return
    print(f"tick-to-order latency (bar produced_at -> first order event produced_at), "
          f"n={len(lat)}: p50 {_pct(lat, 0.5):.1f} ms   p99 {_pct(lat, 0.99):.1f} ms "
          f"(goal <= {GOAL_P99_MS:g} ms)   mean {statistics.fmean(lat):.1f} ms   "
          f"max {max(lat):.1f} ms")
    rows.sort()
    by_minute(rows, start_ns)
    firsts: set[int] = set()
    seen_inst: set[str] = set()
    for i, (_t, inst, _ms) in enumerate(rows):
        if inst not in seen_inst:
            seen_inst.add(inst)
            firsts.add(i)
    slow = sorted(range(len(rows)), key=lambda i: -rows[i][2])[:3]
    print("  slowest: " + ", ".join(
        f"{rows[i][2]:.0f} ms ({rows[i][1]}, {'first' if i in firsts else f'#{i + 1}'} order"
        f"{' of its instrument' if i in firsts else ' of the session'})" for i in slow))
    warm = [ms for i, (_t, _inst, ms) in enumerate(rows) if i not in firsts]
    if warm:
        print(f"  without each instrument's first order (channel set-up, first-use paths), "
              f"n={len(warm)}: p50 {_pct(warm, 0.5):.1f} ms   p99 {_pct(warm, 0.99):.1f} ms")
    if to_check:
        print(f"  split at risk-engine's OrderCheckResult (n={len(to_check)}): bar -> check "
              f"p50 {_pct(to_check, 0.5):.1f} / p99 {_pct(to_check, 0.99):.1f} ms "
              f"(signal/strategy-engine, order-manager, CheckOrder); check -> order event "
              f"p50 {_pct(check_to_order, 0.5):.1f} / p99 {_pct(check_to_order, 0.99):.1f} ms "
              f"(order-manager's commit and outbox)")
    if to_submit:
        print(f"  bar -> check split at the order's created_at (order-manager takes the "
              f"SubmitOrder, n={len(to_submit)}): bar -> submit p50 {_pct(to_submit, 0.5):.1f} / "
              f"p99 {_pct(to_submit, 0.99):.1f} / max {max(to_submit):.0f} ms (Kafka hop, "
              f"strategy-engine, gRPC); submit -> check p50 {_pct(submit_to_check, 0.5):.1f} / "
              f"p99 {_pct(submit_to_check, 0.99):.1f} / max {max(submit_to_check):.0f} ms "
              f"(order-manager's pre-checks, risk-engine's CheckOrder)")


HOPS = {  # consumer -> the topics it takes on the way from a bar to an order
    "strategy-engine": ("market-data-stream",),
    "order-manager": ("market-data-stream", "order-management"),
    "risk-engine": ("market-data-stream",),
    "broker-gateway": ("order-management",),
}


Buckets = list[tuple[float, float]]  # sorted (le, cumulative count)


def _bucket_pct(buckets: Buckets, q: float) -> float:
    """The upper bound of the histogram bucket holding the q-quantile (cumulative counts)."""
    total = buckets[-1][1]
    if not total:
        return 0.0
    return next(le for le, c in buckets if c >= q * total)


def _histograms(rec: dict, service: str, *metrics: tuple[str, str]) -> list[dict[str, Buckets]]:
    """Histograms from one read of a service's /metrics: for each (metric, label), the label's
    value -> buckets."""
    import urllib.request

    from prometheus_client.parser import text_string_to_metric_families

    port = (rec["services"].get(service) or {}).get("metrics_port")
    if not port:
        return [{} for _ in metrics]
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as r:
        text = r.read().decode()
    per: dict[str, dict[str, Buckets]] = {m: defaultdict(list) for m, _label in metrics}
    labels = dict(metrics)
    for fam in text_string_to_metric_families(text):
        if fam.name not in per:
            continue
        for smp in fam.samples:
            if smp.name.endswith("_bucket"):
                per[fam.name][smp.labels.get(labels[fam.name], "")].append(
                    (float(smp.labels["le"]), smp.value))
    return [{k: sorted(v) for k, v in per[m].items()} for m, _label in metrics]


def _above(buckets: Buckets, le: float) -> int:
    return int(buckets[-1][1] - next(c for b, c in buckets if b >= le))


Pauses = dict[str, tuple[Buckets, Buckets, float]]


def pauses(rec: dict) -> Pauses:
    """Each service's event-loop lag and full-collection histograms and its CPU seconds (with
    its helper processes), as they stand now."""
    from omni_core.embedded.fleet import cpu_seconds

    out: Pauses = {}
    for name, svc in rec["services"].items():
        lags, gcs = _histograms(rec, name, ("omni_event_loop_lag_seconds", ""),
                                ("omni_gc_pause_seconds", "generation"))
        lag, gen2 = lags.get(""), gcs.get("2")
        if lag and gen2:
            out[name] = (lag, gen2, cpu_seconds(svc.get("pid")) or 0.0)
    return out


def _minus(a: Buckets, b: Buckets) -> Buckets:
    base = dict(b)
    return [(le, c - base.get(le, 0.0)) for le, c in a]


def stalls(rec: dict, before: Pauses, seconds: float) -> None:
    """Each service's CPU, event-loop stalls and garbage-collector pauses during the session
    (omni_core.runtime_watch): which process could hold an order up, and whether the
    collector did."""
    print("during the session, per service: CPU (% of a core), event-loop stalls (a timer "
          "late by >= 100 / 250 ms) and full (gen 2) collections (n, > 50 ms, largest bucket):")
    for name, (lag, gen2, cpu) in sorted(pauses(rec).items()):
        lag0, gen20, cpu0 = before.get(name, ([], [], cpu))
        lag, gen2 = _minus(lag, lag0), _minus(gen2, gen20)
        print(f"  {name:<18} cpu {100 * (cpu - cpu0) / seconds:>3.0f}%  "
              f"stalls {_above(lag, 0.1):>3} / {_above(lag, 0.25):>3} "
              f"(max <= {_bucket_pct(lag, 1.0) * 1e3:g} ms)   gen-2 collections "
              f"{int(gen2[-1][1]):>4}, {_above(gen2, 0.05):>3} > 50 ms "
              f"(max <= {_bucket_pct(gen2, 1.0) * 1e3:g} ms)")


def kafka_hops(rec: dict) -> None:
    """Each trading consumer's omni_delivery_seconds (producer CreateTime -> handling: the
    broker hop plus the wait in the consumer), read from its /metrics."""
    print("Kafka hops (message created by its producer -> handled by the consumer; "
          "first message of each batch; bucket upper bounds):")
    for name, topics in HOPS.items():
        per, = _histograms(rec, name, ("omni_delivery_seconds", "topic"))
        for topic in topics:
            b = per.get(topic, [])
            if not b or not b[-1][1]:
                continue
            p50, p99 = _bucket_pct(b, 0.5) * 1e3, _bucket_pct(b, 0.99) * 1e3
            top = _bucket_pct(b, 1.0) * 1e3
            print(f"  {name:<15} <- {topic:<19} batches={int(b[-1][1]):>6}  "
                  f"p50 <= {p50:g} ms  p99 <= {p99:g} ms  max <= {top:g} ms")


def fh_account() -> str:
    from omni_core.embedded.defaults import PROFILE

    return PROFILE["account_id"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--session", type=float, default=90.0, help="seconds of trading")
    ap.add_argument("--keep", action="store_true",
                    help="keep the fleet's home (service logs, broker data) and print where")
    args = ap.parse_args()
    home = (contextlib.nullcontext(tempfile.mkdtemp(prefix="omni-bench-fleet-")) if args.keep
            else tempfile.TemporaryDirectory(prefix="omni-bench-fleet-"))
    with home as tmp:
        if args.keep:
            print(f"fleet home (kept): {tmp}/omni; service logs in {tmp}/omni/logs")
        fleet = fh.Fleet(Path(tmp) / "omni")
        fleet.start()
        try:
            ready = fleet.wait_ready()
            rec = fleet.record()
            n = len(rec.get("services") or {})
            print(f"cores: {os.cpu_count()}; services: {n} + embedded broker")
            print(f"cold start to all {n} services READY: {ready:.1f} s "
                  f"(goal <= {GOAL_START_S:g} s on 2 cores)")
            peak = fleet.rss_total()
            from omni_core.embedded.fleet import cpu_seconds

            broker = (rec.get("broker") or {}).get("pid")

            def broker_cpu_s() -> float:
                return cpu_seconds(broker) or 0.0

            at_start = pauses(rec)
            t0, start_ns = time.monotonic(), time.time_ns()
            window = min(30.0, args.session / 3)
            # (time, broker CPU seconds) at the session's start, the end of its first window,
            # the start of its last window, and its end
            marks = {"start": (t0, broker_cpu_s())}
            while time.monotonic() - t0 < args.session:
                time.sleep(2)
                peak = max(peak, fleet.rss_total())
                now = time.monotonic()
                if "first" not in marks and now - t0 >= window:
                    marks["first"] = (now, broker_cpu_s())
                if "last" not in marks and now - t0 >= args.session - window - 2:
                    marks["last"] = (now, broker_cpu_s())
            marks["end"] = (time.monotonic(), broker_cpu_s())
            end = fleet.rss_total()
            per = {name: fh.rss_of(s.get("pid")) for name, s in rec["services"].items()}
            top = sorted(per.items(), key=lambda kv: -kv[1])[:4]
            print(f"fleet resident memory after {args.session:g} s of trading: "
                  f"{end / 2**30:.2f} GiB (peak {peak / 2**30:.2f} GiB; goal <= "
                  f"{GOAL_RSS_GIB:g} GiB); largest: "
                  + ", ".join(f"{k} {v / 2**20:.0f} MiB" for k, v in top))
            if len(marks) == 4:
                (a0, c0), (a1, c1) = marks["start"], marks["first"]
                (b0, d0), (b1, d1) = marks["last"], marks["end"]
                print(f"embedded broker CPU: {100 * (c1 - c0) / (a1 - a0):.0f}% of a core in the "
                      f"session's first {a1 - a0:.0f} s, {100 * (d1 - d0) / (b1 - b0):.0f}% in its "
                      f"last {b1 - b0:.0f} s (its work per fetch grows with the batches a topic "
                      f"holds; docs/embedded.md)")
            fh.stop_strategies()
            from collections import Counter

            from omni.order_manager.v1 import order_manager_service_pb2 as om

            orders = fh.list_orders(fh_account())
            st = Counter(om.OrderStatus.Name(o.status)[13:] for o in orders)
            why = Counter(o.reject_reason[:80] for o in orders
                          if o.status == om.ORDER_STATUS_REJECTED)
            print(f"orders: {len(orders)} {dict(st)}"
                  + (f"; rejections: {dict(why.most_common(3))}" if why else ""))
            latency(fleet.bootstrap, start_ns)
            kafka_hops(rec)
            stalls(rec, at_start, marks["end"][0] - t0)
            broker_batches.report(fleet.bootstrap)
        finally:
            rc = fleet.stop()
            left = fleet.leftovers()
            fleet.kill_leftovers()
            print(f"omni up stopped with exit code {rc}; processes left behind: {len(left)}")


if __name__ == "__main__":
    main()

"""Incremental kernels for the hand-written streaming indicators.

Every kernel has one signature, ``k(s, b, ip, fp, ins, outs)``:
  s     float64 state (counters, running sums, previous values), zero at start
  b     float64 ring buffer(s), zero at start
  ip    int64 parameters, fp float64 parameters
  ins   float64 (n_inputs, n) new bars, oldest first
  outs  float64 (n_outputs, n) written: the value after each bar (NaN while warming up)

A kernel processes any number of bars, so one call per bar (live) and one call per block
(replay, backtest) share the code and give identical values. Each follows TA-Lib's own C
algorithm (seeding, smoothing order, zero guards) so the stream equals the batch function
over the whole series. Compiled with numba when it is installed (pure Python otherwise).
"""

from __future__ import annotations

import math

import numpy as np

try:  # pragma: no cover - import guard
    from numba import njit as _njit

    def jit(fn):
        # cache compiled code on disk when a cache directory is writable (NUMBA_CACHE_DIR,
        # __pycache__ or the user cache); compile in memory otherwise (read-only images)
        try:
            return _njit(cache=True, nogil=True, fastmath=False)(fn)
        except RuntimeError:
            return _njit(cache=False, nogil=True, fastmath=False)(fn)

    HAVE_NUMBA = True
except ImportError:  # pragma: no cover
    def jit(fn):
        return fn

    HAVE_NUMBA = False

NAN = np.nan
EPS = 1e-14  # TA-Lib's TA_EPSILON (TA_IS_ZERO, TA_IS_ZERO_OR_NEG)


# ------------------------------------------------------------------ shared steps
@jit
def _ema_step(s, o, v, p, k):
    """EMA seeded by the SMA of its first p values (TA-Lib classic). State s[o:o+3]:
    count, seed sum, value. Returns NaN until seeded."""
    n = s[o] + 1.0
    s[o] = n
    if n < p:
        s[o + 1] += v
        return NAN
    if n == p:
        s[o + 1] += v
        s[o + 2] = s[o + 1] / p
        return s[o + 2]
    s[o + 2] = ((v - s[o + 2]) * k) + s[o + 2]
    return s[o + 2]


@jit
def _push(b, o, cap, pos, v):
    """Write v into ring b[o:o+cap] at pos; return the next position."""
    b[o + pos] = v
    pos += 1
    if pos == cap:
        pos = 0
    return pos


# ------------------------------------------------------------------ overlap studies
@jit
def k_sma(s, b, ip, fp, ins, outs):
    # s: n, total, pos
    p = ip[0]
    x = ins[0]
    for i in range(x.shape[0]):
        v = x[i]
        pos = int(s[2])
        b[pos] = v
        s[1] += v
        s[0] += 1.0
        nxt = pos + 1 if pos + 1 < p else 0
        if s[0] >= p:
            outs[0, i] = s[1] / p
            s[1] -= b[nxt]  # trailing value leaves the window
        else:
            outs[0, i] = NAN
        s[2] = nxt


@jit
def k_sum(s, b, ip, fp, ins, outs):
    p = ip[0]
    x = ins[0]
    for i in range(x.shape[0]):
        v = x[i]
        pos = int(s[2])
        b[pos] = v
        s[1] += v
        s[0] += 1.0
        nxt = pos + 1 if pos + 1 < p else 0
        if s[0] >= p:
            outs[0, i] = s[1]
            s[1] -= b[nxt]
        else:
            outs[0, i] = NAN
        s[2] = nxt


@jit
def k_ema(s, b, ip, fp, ins, outs):
    p = ip[0]
    k = 2.0 / (p + 1)
    x = ins[0]
    for i in range(x.shape[0]):
        outs[0, i] = _ema_step(s, 0, x[i], p, k)


@jit
def k_dema(s, b, ip, fp, ins, outs):
    p = ip[0]
    k = 2.0 / (p + 1)
    x = ins[0]
    for i in range(x.shape[0]):
        e1 = _ema_step(s, 0, x[i], p, k)
        if math.isnan(e1):
            outs[0, i] = NAN
            continue
        e2 = _ema_step(s, 3, e1, p, k)
        outs[0, i] = NAN if math.isnan(e2) else (2.0 * e1) - e2


@jit
def k_tema(s, b, ip, fp, ins, outs):
    p = ip[0]
    k = 2.0 / (p + 1)
    x = ins[0]
    for i in range(x.shape[0]):
        e1 = _ema_step(s, 0, x[i], p, k)
        if math.isnan(e1):
            outs[0, i] = NAN
            continue
        e2 = _ema_step(s, 3, e1, p, k)
        if math.isnan(e2):
            outs[0, i] = NAN
            continue
        e3 = _ema_step(s, 6, e2, p, k)
        outs[0, i] = NAN if math.isnan(e3) else (3.0 * e1) - (3.0 * e2) + e3


@jit
def k_wma(s, b, ip, fp, ins, outs):
    # s: n, pos ; b: ring of p values
    p = ip[0]
    divider = (p * (p + 1)) // 2
    x = ins[0]
    for i in range(x.shape[0]):
        pos = int(s[1])
        b[pos] = x[i]
        pos = pos + 1 if pos + 1 < p else 0
        s[1] = pos
        s[0] += 1.0
        if s[0] < p:
            outs[0, i] = NAN
            continue
        tot = 0.0
        for j in range(p):  # oldest (weight 1) .. newest (weight p)
            tot += b[(pos + j) % p] * (j + 1)
        outs[0, i] = tot / divider


@jit
def k_bbands(s, b, ip, fp, ins, outs):
    # SMA middle band (running total, as TA_INT_SMA); population std of the window
    # two-pass (TA-Lib 0.6 gives it exact to ~1e-13). s: n, total, -, pos
    p = ip[0]
    up = fp[0]
    dn = fp[1]
    x = ins[0]
    for i in range(x.shape[0]):
        v = x[i]
        pos = int(s[3])
        b[pos] = v
        s[1] += v
        s[0] += 1.0
        nxt = pos + 1 if pos + 1 < p else 0
        s[3] = nxt
        if s[0] < p:
            outs[0, i] = NAN
            outs[1, i] = NAN
            outs[2, i] = NAN
            continue
        mid = s[1] / p
        s[1] -= b[nxt]
        m = 0.0
        for j in range(p):
            m += b[j]
        m /= p
        var = 0.0
        for j in range(p):
            d = b[j] - m
            var += d * d
        var /= p
        sd = math.sqrt(var) if var >= EPS else 0.0
        outs[0, i] = mid + sd * up
        outs[1, i] = mid
        outs[2, i] = mid - sd * dn


@jit
def k_var(s, b, ip, fp, ins, outs):
    # population variance of the window, two-pass over the ring (TA-Lib 0.6 values are
    # exact to ~1e-13, a running E[x^2]-m^2 drifts); ip[1] == 1 -> STDDEV * fp[0]
    p = ip[0]
    is_std = ip[1]
    nb = fp[0]
    x = ins[0]
    for i in range(x.shape[0]):
        pos = int(s[1])
        b[pos] = x[i]
        s[1] = pos + 1 if pos + 1 < p else 0
        s[0] += 1.0
        if s[0] < p:
            outs[0, i] = NAN
            continue
        m = 0.0
        for j in range(p):
            m += b[j]
        m /= p
        var = 0.0
        for j in range(p):
            d = b[j] - m
            var += d * d
        var /= p
        if is_std == 0:
            outs[0, i] = var
        else:
            outs[0, i] = math.sqrt(var) * nb if var >= EPS else 0.0


@jit
def k_minmax(s, b, ip, fp, ins, outs):
    # ip[1]: 0 MAX, 1 MIN, 2 MIDPOINT ; ring of p values (exact, no arithmetic drift)
    p = ip[0]
    mode = ip[1]
    x = ins[0]
    for i in range(x.shape[0]):
        pos = int(s[1])
        b[pos] = x[i]
        s[1] = pos + 1 if pos + 1 < p else 0
        s[0] += 1.0
        if s[0] < p:
            outs[0, i] = NAN
            continue
        hi = b[0]
        lo = b[0]
        for j in range(1, p):
            if b[j] > hi:
                hi = b[j]
            if b[j] < lo:
                lo = b[j]
        if mode == 0:
            outs[0, i] = hi
        elif mode == 1:
            outs[0, i] = lo
        else:
            outs[0, i] = (hi + lo) / 2.0


@jit
def k_midprice(s, b, ip, fp, ins, outs):
    p = ip[0]
    h = ins[0]
    lw = ins[1]
    for i in range(h.shape[0]):
        pos = int(s[1])
        b[pos] = h[i]
        b[p + pos] = lw[i]
        s[1] = pos + 1 if pos + 1 < p else 0
        s[0] += 1.0
        if s[0] < p:
            outs[0, i] = NAN
            continue
        hi = b[0]
        lo = b[p]
        for j in range(1, p):
            if b[j] > hi:
                hi = b[j]
            if b[p + j] < lo:
                lo = b[p + j]
        outs[0, i] = (hi + lo) / 2.0


# ------------------------------------------------------------------ momentum
@jit
def k_rsi(s, b, ip, fp, ins, outs):
    # Wilder: gains/losses averaged over the first p changes, then smoothed (TA_RSI).
    # s: n, prev, gain, loss, last value
    p = ip[0]
    x = ins[0]
    for i in range(x.shape[0]):
        v = x[i]
        n = s[0]
        if n == 0.0:
            s[0] = 1.0
            s[1] = v
            outs[0, i] = NAN
            continue
        d = v - s[1]
        s[1] = v
        if n <= p:
            if d < 0:
                s[3] -= d
            else:
                s[2] += d
            s[0] = n + 1.0
            if n < p:
                outs[0, i] = NAN
                continue
            s[3] /= p
            s[2] /= p
        else:
            s[3] *= p - 1
            s[2] *= p - 1
            if d < 0:
                s[3] -= d
            else:
                s[2] += d
            s[3] /= p
            s[2] /= p
        t = s[2] + s[3]
        if t > EPS or t < -EPS:
            outs[0, i] = 100.0 * (s[2] / t)
        else:  # no movement: the last value repeats (0 for the first)
            outs[0, i] = s[4] if n > p else 0.0
        s[4] = outs[0, i]


@jit
def k_macd(s, b, ip, fp, ins, outs):
    # TA_INT_MACD: slow EMA seeded on the first `slow` values, fast EMA seeded so that its
    # first value lands on the same bar (it starts slow-fast bars later), signal = EMA(macd).
    # s: n | slow ema 1..3 | fast ema 4..6 | signal ema 7..9
    fast = ip[0]
    slow = ip[1]
    sig = ip[2]
    kf = 2.0 / (fast + 1)
    ks = 2.0 / (slow + 1)
    kg = 2.0 / (sig + 1)
    x = ins[0]
    for i in range(x.shape[0]):
        v = x[i]
        idx = s[0]
        s[0] = idx + 1.0
        es = _ema_step(s, 1, v, slow, ks)
        ef = NAN
        if idx >= slow - fast:
            ef = _ema_step(s, 4, v, fast, kf)
        if math.isnan(es):
            outs[0, i] = NAN
            outs[1, i] = NAN
            outs[2, i] = NAN
            continue
        m = ef - es
        g = _ema_step(s, 7, m, sig, kg)
        if math.isnan(g):
            outs[0, i] = NAN
            outs[1, i] = NAN
            outs[2, i] = NAN
        else:
            outs[0, i] = m
            outs[1, i] = g
            outs[2, i] = m - g


@jit
def k_change(s, b, ip, fp, ins, outs):
    # ring of p+1 values; ip[1]: 0 MOM, 1 ROC, 2 ROCP, 3 ROCR, 4 ROCR100
    p = ip[0]
    mode = ip[1]
    cap = p + 1
    x = ins[0]
    for i in range(x.shape[0]):
        v = x[i]
        pos = int(s[1])
        b[pos] = v
        nxt = pos + 1 if pos + 1 < cap else 0
        s[1] = nxt
        s[0] += 1.0
        if s[0] <= p:
            outs[0, i] = NAN
            continue
        old = b[nxt]  # the value p bars ago
        if mode == 0:
            outs[0, i] = v - old
        elif old != 0.0:
            if mode == 1:
                outs[0, i] = ((v / old) - 1.0) * 100.0
            elif mode == 2:
                outs[0, i] = (v - old) / old
            elif mode == 3:
                outs[0, i] = v / old
            else:
                outs[0, i] = (v / old) * 100.0
        else:
            outs[0, i] = 0.0


@jit
def k_willr(s, b, ip, fp, ins, outs):
    p = ip[0]
    h = ins[0]
    lw = ins[1]
    c = ins[2]
    for i in range(h.shape[0]):
        pos = int(s[1])
        b[pos] = h[i]
        b[p + pos] = lw[i]
        s[1] = pos + 1 if pos + 1 < p else 0
        s[0] += 1.0
        if s[0] < p:
            outs[0, i] = NAN
            continue
        hi = b[0]
        lo = b[p]
        for j in range(1, p):
            if b[j] > hi:
                hi = b[j]
            if b[p + j] < lo:
                lo = b[p + j]
        diff = (hi - lo) / (-100.0)
        outs[0, i] = (hi - c[i]) / diff if diff != 0.0 else 0.0


@jit
def k_cci(s, b, ip, fp, ins, outs):
    p = ip[0]
    h = ins[0]
    lw = ins[1]
    c = ins[2]
    for i in range(h.shape[0]):
        last = (h[i] + lw[i] + c[i]) / 3.0
        pos = int(s[1])
        b[pos] = last
        s[1] = pos + 1 if pos + 1 < p else 0
        s[0] += 1.0
        if s[0] < p:
            outs[0, i] = NAN
            continue
        avg = 0.0
        for j in range(p):
            avg += b[j]
        avg /= p
        dev = 0.0
        for j in range(p):
            dev += abs(b[j] - avg)
        t = last - avg
        # TA-Lib 0.6 treats a mean deviation below 1e-14 of the average as zero (measured:
        # a flat window's rounding noise gives 0, not +-66.7)
        zero = t == 0.0 or (dev / p) < EPS * abs(avg)
        outs[0, i] = 0.0 if zero else t / (0.015 * (dev / p))


@jit
def k_stoch(s, b, ip, fp, ins, outs):
    # STOCH with SMA smoothing (slowk_matype = slowd_matype = 0), as TA_STOCH:
    # fastk = (c - lowest) / ((highest - lowest) / 100), 0 when the range is 0;
    # slowk = SMA(fastk, slowk_period); slowd = SMA(slowk, slowd_period).
    # s: n, pos | sma(k): n, total, pos (2..4) | sma(d): n, total, pos (5..7)
    # b: highs[fk] lows[fk] | k ring[sk] | d ring[sd]
    fk = ip[0]
    sk = ip[1]
    sd = ip[2]
    h = ins[0]
    lw = ins[1]
    c = ins[2]
    for i in range(h.shape[0]):
        pos = int(s[1])
        b[pos] = h[i]
        b[fk + pos] = lw[i]
        s[1] = pos + 1 if pos + 1 < fk else 0
        s[0] += 1.0
        outs[0, i] = NAN
        outs[1, i] = NAN
        if s[0] < fk:
            continue
        hi = b[0]
        lo = b[fk]
        for j in range(1, fk):
            if b[j] > hi:
                hi = b[j]
            if b[fk + j] < lo:
                lo = b[fk + j]
        diff = (hi - lo) / 100.0
        fastk = (c[i] - lo) / diff if diff != 0.0 else 0.0
        # slowk = SMA(fastk)
        o = 2 * fk
        kp = int(s[4])
        b[o + kp] = fastk
        s[3] += fastk
        s[2] += 1.0
        knxt = kp + 1 if kp + 1 < sk else 0
        s[4] = knxt
        if s[2] < sk:
            continue
        slowk = s[3] / sk
        s[3] -= b[o + knxt]
        o2 = o + sk
        dp = int(s[7])
        b[o2 + dp] = slowk
        s[6] += slowk
        s[5] += 1.0
        dnxt = dp + 1 if dp + 1 < sd else 0
        s[7] = dnxt
        if s[5] < sd:
            continue
        slowd = s[6] / sd
        s[6] -= b[o2 + dnxt]
        outs[0, i] = slowk
        outs[1, i] = slowd


@jit
def k_linreg(s, b, ip, fp, ins, outs):
    # TA_LINEARREG family; ip[1]: 0 LINEARREG, 1 SLOPE, 2 INTERCEPT, 3 ANGLE, 4 TSF
    p = ip[0]
    mode = ip[1]
    sum_x = p * (p - 1) * 0.5
    sum_x2 = p * (p - 1) * (2 * p - 1) / 6.0
    divisor = sum_x * sum_x - p * sum_x2
    x = ins[0]
    for i in range(x.shape[0]):
        pos = int(s[1])
        b[pos] = x[i]
        pos = pos + 1 if pos + 1 < p else 0
        s[1] = pos
        s[0] += 1.0
        if s[0] < p:
            outs[0, i] = NAN
            continue
        sxy = 0.0
        sy = 0.0
        for j in range(p):  # j = 0 is the oldest, weighted p-1 (bars back)
            v = b[(pos + j) % p]
            sy += v
            sxy += (p - 1 - j) * v
        m = (p * sxy - sum_x * sy) / divisor
        bb = (sy - m * sum_x) / p
        if mode == 0:
            outs[0, i] = bb + m * (p - 1)
        elif mode == 1:
            outs[0, i] = m
        elif mode == 2:
            outs[0, i] = bb
        elif mode == 3:
            outs[0, i] = math.atan(m) * (180.0 / 3.14159265358979323846)
        else:
            outs[0, i] = bb + m * p


# ------------------------------------------------------------------ volatility
@jit
def k_atr(s, b, ip, fp, ins, outs):
    # ip[1]: 0 TRANGE, 1 ATR, 2 NATR. s: n, prev close, tr count, tr sum, atr
    p = ip[0]
    mode = ip[1]
    h = ins[0]
    lw = ins[1]
    c = ins[2]
    for i in range(h.shape[0]):
        if s[0] == 0.0:
            s[0] = 1.0
            s[1] = c[i]
            outs[0, i] = NAN
            continue
        pc = s[1]
        tr = h[i] - lw[i]
        v2 = abs(pc - h[i])
        if v2 > tr:
            tr = v2
        v3 = abs(pc - lw[i])
        if v3 > tr:
            tr = v3
        s[1] = c[i]
        if mode == 0:
            outs[0, i] = tr
            continue
        m = s[2] + 1.0
        s[2] = m
        if m < p:
            s[3] += tr
            outs[0, i] = NAN
            continue
        if m == p:
            s[3] += tr
            s[4] = s[3] / p
        else:
            a = s[4] * (p - 1)
            a += tr
            s[4] = a / p
        if mode == 1:
            outs[0, i] = s[4]
        else:
            cl = c[i]
            outs[0, i] = (s[4] / cl) * 100.0 if (cl > EPS or cl < -EPS) else 0.0


# ------------------------------------------------------------------ volume
@jit
def k_obv(s, b, ip, fp, ins, outs):
    c = ins[0]
    vol = ins[1]
    for i in range(c.shape[0]):
        if s[0] == 0.0:
            s[0] = 1.0
            s[1] = vol[i]
            s[2] = c[i]
        else:
            if c[i] > s[2]:
                s[1] += vol[i]
            elif c[i] < s[2]:
                s[1] -= vol[i]
            s[2] = c[i]
        outs[0, i] = s[1]


@jit
def k_ad(s, b, ip, fp, ins, outs):
    h = ins[0]
    lw = ins[1]
    c = ins[2]
    vol = ins[3]
    for i in range(h.shape[0]):
        rng = h[i] - lw[i]
        if rng > 0.0:
            s[0] += (((c[i] - lw[i]) - (h[i] - c[i])) / rng) * vol[i]
        outs[0, i] = s[0]


@jit
def k_adosc(s, b, ip, fp, ins, outs):
    # TA_ADOSC: both EMAs seeded with the first AD value, k*ad + (1-k)*ema
    # s: n, ad, fast, slow
    fast = ip[0]
    slow = ip[1]
    lb = (fast if fast > slow else slow) - 1
    fk = 2.0 / (fast + 1)
    sk = 2.0 / (slow + 1)
    h = ins[0]
    lw = ins[1]
    c = ins[2]
    vol = ins[3]
    for i in range(h.shape[0]):
        rng = h[i] - lw[i]
        if rng > 0.0:
            s[1] += (((c[i] - lw[i]) - (h[i] - c[i])) / rng) * vol[i]
        ad = s[1]
        if s[0] == 0.0:
            s[2] = ad
            s[3] = ad
        else:
            s[2] = (fk * ad) + ((1.0 - fk) * s[2])
            s[3] = (sk * ad) + ((1.0 - sk) * s[3])
        outs[0, i] = s[2] - s[3] if s[0] >= lb else NAN
        s[0] += 1.0


# ------------------------------------------------------------------ price transforms
@jit
def k_price(s, b, ip, fp, ins, outs):
    # ip[0]: 0 AVGPRICE(o,h,l,c) 1 MEDPRICE(h,l) 2 TYPPRICE(h,l,c) 3 WCLPRICE(h,l,c)
    mode = ip[0]
    for i in range(ins.shape[1]):
        if mode == 0:
            outs[0, i] = (ins[0, i] + ins[1, i] + ins[2, i] + ins[3, i]) / 4.0
        elif mode == 1:
            outs[0, i] = (ins[0, i] + ins[1, i]) / 2.0
        elif mode == 2:
            outs[0, i] = (ins[0, i] + ins[1, i] + ins[2, i]) / 3.0
        else:
            outs[0, i] = (ins[0, i] + ins[1, i] + (ins[2, i] * 2.0)) / 4.0


# ------------------------------------------------------------------ directional movement
@jit
def k_dmi(s, b, ip, fp, ins, outs):
    """Wilder's directional movement family, as TA-Lib: ip[1] selects the output
    0 ADX, 1 DX, 2 PLUS_DI, 3 MINUS_DI, 4 PLUS_DM, 5 MINUS_DM.
    DM and TR are summed over the first p-1 changes, then Wilder-smoothed
    (x - x/p + new); DI = 100 DM/TR; DX = 100 |-DI - +DI| / (-DI + +DI); the first ADX is the
    mean of the first p DX values, then (adx (p-1) + dx) / p.
    s: t, prev high, prev low, prev close, +DM, -DM, TR, sumDX, ADX, last out"""
    p = ip[0]
    mode = ip[1]
    h = ins[0]
    lw = ins[1]
    c = ins[2]
    for i in range(h.shape[0]):
        t = s[0]
        s[0] = t + 1.0
        if t == 0.0:
            s[1] = h[i]
            s[2] = lw[i]
            s[3] = c[i]
            outs[0, i] = NAN
            continue
        dp = h[i] - s[1]
        dm = s[2] - lw[i]
        s[1] = h[i]
        s[2] = lw[i]
        tr = h[i] - lw[i]
        v = abs(h[i] - s[3])
        if v > tr:
            tr = v
        v = abs(lw[i] - s[3])
        if v > tr:
            tr = v
        s[3] = c[i]
        if t < p:  # initial sums over changes 1 .. p-1
            if dm > 0 and dp < dm:
                s[5] += dm
            elif dp > 0 and dp > dm:
                s[4] += dp
            s[6] += tr
            if mode >= 4 and t == p - 1:
                outs[0, i] = s[4] if mode == 4 else s[5]
            else:
                outs[0, i] = NAN
            continue
        s[5] -= s[5] / p
        s[4] -= s[4] / p
        if dm > 0 and dp < dm:
            s[5] += dm
        elif dp > 0 and dp > dm:
            s[4] += dp
        s[6] = s[6] - (s[6] / p) + tr
        if mode == 4:
            outs[0, i] = s[4]
            continue
        if mode == 5:
            outs[0, i] = s[5]
            continue
        trz = -EPS < s[6] < EPS
        if mode == 2 or mode == 3:
            if trz:  # zero range: the last value repeats (0 for the first)
                outs[0, i] = s[9] if t > p else 0.0
            else:
                outs[0, i] = 100.0 * ((s[4] if mode == 2 else s[5]) / s[6])
            s[9] = outs[0, i]
            continue
        dx = NAN  # NaN: undefined (zero range); DX repeats its last value, ADX holds
        if not trz:
            mdi = 100.0 * (s[5] / s[6])
            pdi = 100.0 * (s[4] / s[6])
            tot = mdi + pdi
            if not (-EPS < tot < EPS):
                dx = 100.0 * (abs(mdi - pdi) / tot)
        if mode == 1:
            if math.isnan(dx):
                outs[0, i] = s[9] if t > p else 0.0
            else:
                outs[0, i] = dx
            s[9] = outs[0, i]
            continue
        # ADX: t = p .. 2p-1 accumulate the first p DX values
        if t < 2 * p:
            if not math.isnan(dx):
                s[7] += dx
            if t == 2 * p - 1:
                s[8] = s[7] / p
                outs[0, i] = s[8]
            else:
                outs[0, i] = NAN
            continue
        if not math.isnan(dx):
            s[8] = ((s[8] * (p - 1)) + dx) / p
        outs[0, i] = s[8]


@jit
def k_vwap(s, b, ip, fp, ins, outs):
    """Cumulative VWAP of the typical price (h+l+c)/3 from the first bar (0 while no volume).
    s: sum(tp * v), sum(v)"""
    h = ins[0]
    lw = ins[1]
    c = ins[2]
    vol = ins[3]
    for i in range(h.shape[0]):
        tp = (h[i] + lw[i] + c[i]) / 3.0
        s[0] += tp * vol[i]
        s[1] += vol[i]
        outs[0, i] = s[0] / s[1] if s[1] != 0.0 else 0.0

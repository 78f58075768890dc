"""The strategy library. Every strategy is incremental (state updated per bar, O(1) or
O(window)) and sees only the bars delivered so far, so none can look ahead.

==================  ==========================================================================
sma_crossover       long (or short) while the fast simple moving average is above the slow one
momentum            long when the return over ``lookback`` bars exceeds ``threshold``
mean_reversion      z-score of the close against its rolling mean/std: enter beyond
                    ``entry_z`` against the move, exit inside ``exit_z``
bollinger           mean reversion at the Bollinger bands (``k`` std), exit at the middle band
breakout            Donchian channel breakout: enter above the highest high of ``lookback``
                    bars, exit below the lowest low of ``exit_lookback`` bars
pairs               two instruments; OLS hedge ratio and Engle-Granger cointegration test
                    (statsmodels) on a rolling formation window of past bars, refitted every
                    ``refit`` bars; trade the spread's z-score while cointegrated
ml_classifier       scikit-learn classifier (logistic regression or gradient boosting) on
                    lagged-return / volatility / trend features predicting the next bar's
                    direction; retrained every ``retrain_every`` bars on past rows only
                    (expanding, or rolling ``train_window``), labels known at training time
==================  ==========================================================================
"""

from __future__ import annotations

import math
from collections import deque
from typing import Any, ClassVar

import numpy as np

from svc_strategy_engine.model import Bar, Param, ParameterError
from svc_strategy_engine.strategy import RollingWindow, Strategy, register

__all__ = [
    "SmaCrossover",
    "Momentum",
    "MeanReversion",
    "Bollinger",
    "Breakout",
    "PairsTrading",
    "MLClassifier",
    "warmup_bars",
]

_QTY = Param("float", 100.0, 1e-9, 1e12, "order size (units) when in the market")
_SHORT = Param("bool", False, description="allow short positions")


def warmup_bars(cls: type[Strategy], params: dict[str, Any]) -> int:
    fn = getattr(cls, "warmup", None)
    return int(fn(params)) if fn else 0


@register
class SmaCrossover(Strategy):
    name = "sma_crossover"
    description = "Moving-average crossover: long while SMA(fast) > SMA(slow)"
    params: ClassVar[dict[str, Param]] = {
        "fast": Param("int", 10, 1, 10_000, "fast SMA length (bars)"),
        "slow": Param("int", 30, 2, 10_000, "slow SMA length (bars)"),
        "quantity": _QTY,
        "allow_short": _SHORT,
    }

    @classmethod
    def check_params(cls, p: dict[str, Any]) -> None:
        if p["fast"] >= p["slow"]:
            raise ParameterError(f"sma_crossover: fast ({p['fast']}) must be < slow "
                                 f"({p['slow']})")

    @staticmethod
    def warmup(p: dict[str, Any]) -> int:
        return int(p["slow"])

    def on_start(self) -> None:
        f, s = self.fast, self.slow
        self._buf = [0.0] * s
        self._i = 0
        self._n = 0
        self._fs = 0.0  # sum of the last `fast` closes
        self._ss = 0.0  # sum of the last `slow` closes
        self._qty = float(self.quantity)
        self._low = -self._qty if self.allow_short else 0.0
        self._f = f
        self._s = s
        self._pos = self.ctx._positions
        self._pend = self.ctx.handle.pending
        self._target = self.ctx.target

    def on_bar(self, bar: Bar) -> None:
        c = bar.close
        buf = self._buf
        s = self._s
        i = self._i
        n = self._n
        f = self._f
        # the close leaving the fast window is `fast` bars back
        if n >= f:
            self._fs += c - buf[i - f]  # negative index wraps around the ring
        else:
            self._fs += c
        if n >= s:
            self._ss += c - buf[i]
        else:
            self._ss += c
        buf[i] = c
        if i + 1 < s:
            self._i = i + 1
        else:
            # the ring wrapped: re-anchor both sums exactly (no drift on long runs)
            self._i = 0
            self._ss = math.fsum(buf)
            if n + 1 >= f:
                self._fs = math.fsum(buf[s - f:])
        n += 1
        self._n = n
        if n < s:
            return
        # fast mean > slow mean, i.e. fs*s > ss*f; a difference within 1e-9 relative is a
        # tie (summation order must not decide what the data leaves equal)
        ss = self._ss * f
        want = self._qty if self._fs * s - ss > 1e-9 * abs(ss) else self._low
        inst = bar.instrument
        if want != self._pos.get(inst, 0.0) + self._pend.get(inst, 0.0):
            self._target(inst, want)


@register
class Momentum(Strategy):
    name = "momentum"
    description = "Time-series momentum: long when the lookback return exceeds the threshold"
    params: ClassVar[dict[str, Param]] = {
        "lookback": Param("int", 20, 1, 10_000, "return lookback (bars)"),
        "threshold": Param("float", 0.0, 0.0, 10.0, "minimum |return| to be in the market"),
        "quantity": _QTY,
        "allow_short": _SHORT,
    }

    @staticmethod
    def warmup(p: dict[str, Any]) -> int:
        return int(p["lookback"]) + 1

    def on_start(self) -> None:
        self._hist: deque[float] = deque(maxlen=self.lookback + 1)

    def on_bar(self, bar: Bar) -> None:
        h = self._hist
        h.append(bar.close)
        if len(h) <= self.lookback:
            return
        r = h[-1] / h[0] - 1.0
        if r > self.threshold:
            want = self.quantity
        elif r < -self.threshold and self.allow_short:
            want = -self.quantity
        else:
            want = 0.0
        self.ctx.target(bar.instrument, want)


@register
class MeanReversion(Strategy):
    name = "mean_reversion"
    description = "Z-score mean reversion: fade moves beyond entry_z, exit inside exit_z"
    params: ClassVar[dict[str, Param]] = {
        "window": Param("int", 20, 2, 10_000, "rolling mean/std window (bars)"),
        "entry_z": Param("float", 2.0, 0.0, 20.0, "enter when |z| exceeds this"),
        "exit_z": Param("float", 0.5, 0.0, 20.0, "exit when |z| falls inside this"),
        "quantity": _QTY,
        "allow_short": Param("bool", True, description="allow short positions"),
    }

    @classmethod
    def check_params(cls, p: dict[str, Any]) -> None:
        if p["exit_z"] > p["entry_z"]:
            raise ParameterError(f"{cls.name}: exit_z must be <= entry_z")

    @staticmethod
    def warmup(p: dict[str, Any]) -> int:
        return int(p["window"])

    def on_start(self) -> None:
        self._w = RollingWindow(self.window)
        self._side = 0

    def zscore(self, c: float) -> float:
        w = self._w
        sd = w.std
        return (c - w.mean) / sd if sd and sd > 0 else 0.0

    def on_bar(self, bar: Bar) -> None:
        w = self._w
        w.push(bar.close)
        if not w.full:
            return
        z = self.zscore(bar.close)
        side = self._side
        if side == 0:
            if z <= -self.entry_z:
                side = 1
            elif z >= self.entry_z and self.allow_short:
                side = -1
        elif (side > 0 and z >= -self.exit_z) or (side < 0 and z <= self.exit_z):
            side = 0
        self._side = side
        self.ctx.target(bar.instrument, side * self.quantity)


@register
class Bollinger(MeanReversion):
    name = "bollinger"
    description = "Bollinger-band mean reversion: enter outside k std bands, exit at the mean"
    params: ClassVar[dict[str, Param]] = {
        "window": Param("int", 20, 2, 10_000, "band window (bars)"),
        "k": Param("float", 2.0, 0.1, 10.0, "band width in standard deviations"),
        "quantity": _QTY,
        "allow_short": Param("bool", True, description="allow short positions"),
    }

    @classmethod
    def check_params(cls, p: dict[str, Any]) -> None:
        pass

    def on_start(self) -> None:
        super().on_start()
        self.entry_z = self.k
        self.exit_z = 0.0


@register
class Breakout(Strategy):
    name = "breakout"
    description = "Donchian breakout: enter beyond the lookback high/low, exit at the exit channel"
    params: ClassVar[dict[str, Param]] = {
        "lookback": Param("int", 20, 2, 10_000, "entry channel (bars)"),
        "exit_lookback": Param("int", 10, 1, 10_000, "exit channel (bars)"),
        "quantity": _QTY,
        "allow_short": _SHORT,
    }

    @staticmethod
    def warmup(p: dict[str, Any]) -> int:
        return int(max(p["lookback"], p["exit_lookback"])) + 1

    def on_start(self) -> None:
        n = max(self.lookback, self.exit_lookback)
        self._hi: deque[float] = deque(maxlen=n)
        self._lo: deque[float] = deque(maxlen=n)
        self._side = 0

    def on_bar(self, bar: Bar) -> None:
        hi, lo = self._hi, self._lo
        if len(hi) >= max(self.lookback, self.exit_lookback):
            # channels of the previous bars (the current bar is not in them)
            up = max(list(hi)[-self.lookback:])
            dn = min(list(lo)[-self.lookback:])
            xdn = min(list(lo)[-self.exit_lookback:])
            xup = max(list(hi)[-self.exit_lookback:])
            c = bar.close
            side = self._side
            if side <= 0 and c > up:
                side = 1
            elif side >= 0 and c < dn and self.allow_short:
                side = -1
            elif side > 0 and c < xdn:
                side = 0
            elif side < 0 and c > xup:
                side = 0
            self._side = side
            self.ctx.target(bar.instrument, side * self.quantity)
        hi.append(bar.high)
        lo.append(bar.low)


@register
class PairsTrading(Strategy):
    name = "pairs"
    description = ("Pairs trading: OLS hedge ratio and Engle-Granger cointegration on a rolling "
                   "formation window; trade the spread z-score while cointegrated")
    n_instruments = 2
    params: ClassVar[dict[str, Param]] = {
        "formation": Param("int", 120, 20, 10_000, "formation window (bars) for OLS and coint"),
        "refit": Param("int", 20, 1, 10_000, "re-estimate every this many bars"),
        "entry_z": Param("float", 2.0, 0.1, 20.0, "enter when |z| exceeds this"),
        "exit_z": Param("float", 0.5, 0.0, 20.0, "exit when |z| falls inside this"),
        "max_pvalue": Param("float", 0.05, 0.0, 1.0, "trade only if coint p-value is below"),
        "notional": Param("float", 100_000.0, 1.0, 1e12, "notional of the first leg"),
        "use_log": Param("bool", True, description="model log prices"),
    }

    @staticmethod
    def warmup(p: dict[str, Any]) -> int:
        return int(p["formation"])

    def on_start(self) -> None:
        self._y: deque[float] = deque(maxlen=self.formation)
        self._x: deque[float] = deque(maxlen=self.formation)
        self._last: dict[str, tuple[int, float]] = {}
        self._since = 0
        self._done = -1
        self.beta = math.nan
        self.alpha = 0.0
        self.pvalue = 1.0
        self._mu = 0.0
        self._sd = 0.0
        self._side = 0
        self.fits = 0

    def _fit(self) -> None:
        import statsmodels.api as sm
        from statsmodels.tsa.stattools import coint

        y = np.asarray(self._y)
        x = np.asarray(self._x)
        res = sm.OLS(y, sm.add_constant(x)).fit()
        self.alpha, self.beta = float(res.params[0]), float(res.params[1])
        try:
            self.pvalue = float(coint(y, x)[1])
        except Exception:  # noqa: BLE001  (degenerate windows)
            self.pvalue = 1.0
        spread = y - self.beta * x - self.alpha
        self._mu = float(spread.mean())
        self._sd = float(spread.std(ddof=1))
        self.fits += 1

    def on_bar(self, bar: Bar) -> None:
        self._last[bar.instrument] = (bar.ts, bar.close)
        a, b = self.instruments
        la, lb = self._last.get(a), self._last.get(b)
        # act once per timestamp, when both legs' bars of that timestamp are known
        if la is None or lb is None or la[0] != lb[0] or self._done == la[0]:
            return
        self._done = la[0]
        pa, pb = la[1], lb[1]
        fy, fx = (math.log(pa), math.log(pb)) if self.use_log else (pa, pb)
        self._y.append(fy)
        self._x.append(fx)
        if len(self._y) < self.formation:
            return
        if self._since % self.refit == 0:
            self._fit()
        self._since += 1
        if not (self._sd > 0 and math.isfinite(self.beta)):
            return
        z = (fy - self.beta * fx - self.alpha - self._mu) / self._sd
        side = self._side
        tradable = self.pvalue < self.max_pvalue
        if side == 0 and tradable:
            if z >= self.entry_z:
                side = -1  # spread rich: short y, long x
            elif z <= -self.entry_z:
                side = 1
        elif side != 0 and (abs(z) <= self.exit_z or not tradable):
            side = 0
        self._side = side
        qa = side * self.notional / pa
        qb = -side * self.beta * self.notional / pb if side else 0.0
        qa, qb = float(round(qa)), float(round(qb))
        ctx = self.ctx
        if side == 0 or qa != ctx.position(a) + ctx.pending_quantity(a):
            ctx.target(a, qa)
            ctx.target(b, qb)


@register
class MLClassifier(Strategy):
    name = "ml_classifier"
    description = ("scikit-learn classifier on lagged returns, volatility and trend features; "
                   "walk-forward (expanding or rolling) retraining on past data only")
    params: ClassVar[dict[str, Param]] = {
        "model": Param("string", "logistic", description="logistic | gbt | forest"),
        "lags": Param("int", 5, 1, 50, "lagged returns used as features"),
        "min_train": Param("int", 250, 30, 100_000, "rows needed before the first fit"),
        "train_window": Param("int", 0, 0, 100_000, "rolling window of rows (0 = expanding)"),
        "retrain_every": Param("int", 60, 1, 100_000, "refit every this many bars"),
        "threshold": Param("float", 0.55, 0.5, 1.0, "probability needed to be long"),
        "quantity": _QTY,
        "allow_short": _SHORT,
        "seed": Param("int", 0, 0, 2**31 - 1, "model random state"),
    }

    @classmethod
    def check_params(cls, p: dict[str, Any]) -> None:
        if p["model"] not in ("logistic", "gbt", "forest"):
            raise ParameterError(f"ml_classifier: model must be logistic, gbt or forest, got "
                                 f"{p['model']!r}")

    @staticmethod
    def warmup(p: dict[str, Any]) -> int:
        return int(p["min_train"]) + int(p["lags"]) + 21

    def on_start(self) -> None:
        self._closes: list[float] = []
        self._X: list[list[float]] = []  # feature row at bar t (known at t's close)
        self._y: list[int] = []  # label of row t: close[t+1] > close[t] (known at t+1)
        self._model: Any = None
        self._bars_since_fit = 0
        self.fits = 0
        # for the no-look-ahead audit: (bar count at fit, number of rows used)
        self.fit_log: list[tuple[int, int]] = []

    def _features(self) -> list[float] | None:
        c = self._closes
        n = len(c)
        if n < max(self.lags + 1, 21):
            return None
        r = [c[n - 1 - k] / c[n - 2 - k] - 1.0 for k in range(self.lags)]
        w = np.asarray(c[-21:])
        rets = np.diff(w) / w[:-1]
        vol = float(rets.std())
        trend = c[-1] / float(w[-20:].mean()) - 1.0
        return [*r, vol, trend]

    def _make(self) -> Any:
        if self.model == "logistic":
            from sklearn.linear_model import LogisticRegression
            from sklearn.pipeline import make_pipeline
            from sklearn.preprocessing import StandardScaler

            return make_pipeline(StandardScaler(), LogisticRegression(C=1.0, max_iter=200))
        if self.model == "gbt":
            from sklearn.ensemble import HistGradientBoostingClassifier

            return HistGradientBoostingClassifier(max_iter=60, max_depth=3,
                                                  random_state=self.seed)
        from sklearn.ensemble import RandomForestClassifier

        return RandomForestClassifier(n_estimators=50, max_depth=4, random_state=self.seed,
                                      n_jobs=1)

    def on_bar(self, bar: Bar) -> None:
        c = self._closes
        c.append(bar.close)
        # the label of the previous feature row is known now
        if len(self._X) > len(self._y):
            self._y.append(1 if c[-1] > c[-2] else 0)
        feats = self._features()
        if feats is None:
            return
        self._X.append(feats)
        n_lab = len(self._y)
        self._bars_since_fit += 1
        if n_lab >= self.min_train and (self._model is None
                                        or self._bars_since_fit >= self.retrain_every):
            lo = n_lab - self.train_window if self.train_window else 0
            X = np.asarray(self._X[lo:n_lab])
            y = np.asarray(self._y[lo:n_lab])
            if len(set(y.tolist())) == 2:
                m = self._make()
                m.fit(X, y)
                self._model = m
                self.fits += 1
                self.fit_log.append((len(c), n_lab))
            self._bars_since_fit = 0
        if self.train_window and len(self._X) > 2 * self.train_window + 100:
            # a rolling window needs only its rows: bounded memory on long live runs
            k = len(self._X) - self.train_window - 50
            del self._X[:k]
            del self._y[:k]
            del self._closes[: max(0, len(self._closes) - 100)]
        if self._model is None:
            return
        p_up = float(self._model.predict_proba(np.asarray([feats]))[0, 1])
        if p_up >= self.threshold:
            want = self.quantity
        elif p_up <= 1 - self.threshold and self.allow_short:
            want = -self.quantity
        else:
            want = 0.0
        self.ctx.target(bar.instrument, want)

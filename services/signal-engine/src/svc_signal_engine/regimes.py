"""Regimes, fitted on windows (not per tick): volatility (Markov-switching variance from
statsmodels, GARCH(1,1) from arch as fallback/cross-check), trend (bull / bear / sideways from
the t-statistic of a log-price regression), and correlation stress (average pairwise
correlation versus its own history). Each answer carries a confidence in [0, 1].

`RegimeTracker` caches the last fit per instrument and refits every `refit_every` bars.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

__all__ = ["RegimeResult", "volatility_regime", "garch_volatility", "trend_regime",
           "correlation_stress", "RegimeTracker"]

HIGH_VOL, LOW_VOL = "high_volatility", "low_volatility"
UP, DOWN, RANGING = "trending_up", "trending_down", "ranging"
STRESS, NORMAL = "correlation_stress", "correlation_normal"


@dataclass(frozen=True, slots=True)
class RegimeResult:
    dimension: str  # "volatility", "trend", "correlation"
    regime: str
    confidence: float
    probabilities: dict[str, float] = field(default_factory=dict)
    details: dict[str, float] = field(default_factory=dict)
    method: str = ""


def _returns(close: Sequence[float]) -> np.ndarray:
    c = np.asarray(close, dtype=np.float64)
    if c.ndim != 1 or c.shape[0] < 3:
        raise ValueError("need at least 3 closes")
    if not np.isfinite(c).all() or (c <= 0).any():
        raise ValueError("closes must be finite and positive")
    return np.diff(np.log(c))


def volatility_regime(close: Sequence[float], *, min_obs: int = 60) -> RegimeResult:
    """Two-state Markov-switching model with switching variance on log returns; the state
    with the larger variance is "high". Confidence = filtered probability of the last state.
    Falls back to GARCH when the Markov fit fails."""
    r = _returns(close)
    if r.shape[0] < min_obs:
        raise ValueError(f"need at least {min_obs} returns for the volatility regime")
    scale = float(np.std(r)) or 1.0
    y = (r - r.mean()) / scale
    try:
        import statsmodels.api as sm

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            mod = sm.tsa.MarkovRegression(y, k_regimes=2, trend="n", switching_variance=True)
            res = mod.fit(disp=False, maxiter=100, search_reps=0)
        names = list(mod.param_names)
        params = np.asarray(res.params)
        sig = np.asarray([params[names.index(f"sigma2[{i}]")] for i in range(2)])
        hi = int(np.argmax(sig))
        probs = np.asarray(res.filtered_marginal_probabilities)
        p_hi = float(probs[-1, hi] if probs.ndim == 2 else probs[hi][-1])
        if not math.isfinite(p_hi):
            raise ValueError("non-finite probability")
        regime = HIGH_VOL if p_hi >= 0.5 else LOW_VOL
        vol_ratio = math.sqrt(sig[hi] / max(sig[1 - hi], 1e-12))
        return RegimeResult("volatility", regime, max(p_hi, 1 - p_hi),
                            {HIGH_VOL: p_hi, LOW_VOL: 1 - p_hi},
                            {"vol_ratio": vol_ratio, "sigma_high": math.sqrt(sig[hi]) * scale,
                             "sigma_low": math.sqrt(sig[1 - hi]) * scale},
                            "markov_switching")
    except Exception:
        return garch_volatility(close)


def garch_volatility(close: Sequence[float], *, threshold: float = 1.25) -> RegimeResult:
    """GARCH(1,1): current conditional volatility against the long-run level. High when the
    ratio exceeds `threshold`; confidence from the distance to it."""
    from arch import arch_model

    r = _returns(close) * 100.0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        res = arch_model(r, mean="Constant", vol="GARCH", p=1, q=1, rescale=False).fit(
            disp="off", show_warning=False)
    omega, alpha, beta = (float(res.params[k]) for k in ("omega", "alpha[1]", "beta[1]"))
    persistence = alpha + beta
    long_run = math.sqrt(omega / (1 - persistence)) if persistence < 0.999 else float(np.std(r))
    cond = float(np.asarray(res.conditional_volatility)[-1])
    ratio = cond / long_run if long_run > 0 else 1.0
    # logistic in log-ratio around the threshold: p(high)
    p_hi = 1.0 / (1.0 + math.exp(-6.0 * (math.log(ratio) - math.log(threshold) / 2)))
    regime = HIGH_VOL if ratio >= threshold else LOW_VOL
    conf = p_hi if regime == HIGH_VOL else 1 - p_hi
    return RegimeResult("volatility", regime, max(0.5, conf), {HIGH_VOL: p_hi, LOW_VOL: 1 - p_hi},
                        {"vol_ratio": ratio, "conditional_vol": cond / 100,
                         "long_run_vol": long_run / 100, "persistence": persistence}, "garch")


def trend_regime(close: Sequence[float], *, window: int = 100, t_threshold: float = 2.0
                 ) -> RegimeResult:
    """OLS of log price on time over the last `window` bars with HAC-free standard errors
    scaled for residual autocorrelation; |t| beyond the threshold means a trend.
    Confidence: a logistic of the distance of |t| to the threshold."""
    c = np.asarray(close, dtype=np.float64)[-window:]
    if c.shape[0] < 10:
        raise ValueError("need at least 10 closes for the trend regime")
    if not np.isfinite(c).all() or (c <= 0).any():
        raise ValueError("closes must be finite and positive")
    y = np.log(c)
    n = y.shape[0]
    x = np.arange(n, dtype=np.float64)
    x -= x.mean()
    slope = float((x @ (y - y.mean())) / (x @ x))
    resid = y - y.mean() - slope * x
    # residuals of a random walk around a line are autocorrelated: inflate the variance
    rho = float(np.corrcoef(resid[:-1], resid[1:])[0, 1]) if n > 3 and resid.std() > 0 else 0.0
    rho = min(max(rho, 0.0), 0.98)
    s2 = float(resid @ resid) / max(n - 2, 1) * (1 + rho) / (1 - rho)
    se = math.sqrt(s2 / float(x @ x)) if s2 > 0 else 0.0
    t = slope / se if se > 0 else (math.copysign(50.0, slope) if slope else 0.0)
    p_trend = 1.0 / (1.0 + math.exp(-2.0 * (abs(t) - t_threshold)))
    if abs(t) >= t_threshold:
        regime = UP if t > 0 else DOWN
        conf = p_trend
    else:
        regime = RANGING
        conf = 1 - p_trend
    probs = {UP: p_trend if t > 0 else 0.0, DOWN: p_trend if t < 0 else 0.0,
             RANGING: 1 - p_trend}
    return RegimeResult("trend", regime, conf, probs,
                        {"t_stat": t, "slope_per_bar": slope,
                         "total_return": float(c[-1] / c[0] - 1)}, "ols_t")


def correlation_stress(closes: Mapping[str, Sequence[float]], *, window: int = 60,
                       history: int = 500, quantile: float = 0.9) -> RegimeResult:
    """Average pairwise correlation of returns over the last `window` bars against the same
    statistic over rolling windows of the preceding `history` bars. Stressed when it is at or
    above the `quantile` of its history; confidence = how far into the tail it is."""
    names = sorted(closes)
    if len(names) < 2:
        raise ValueError("correlation stress needs at least two instruments")
    n = min(len(closes[k]) for k in names)
    if n < window + 2:
        raise ValueError(f"need at least {window + 2} common closes")
    R = np.column_stack([_returns(np.asarray(closes[k], dtype=np.float64)[-n:]) for k in names])

    def avg_corr(block: np.ndarray) -> float:
        sd = block.std(axis=0)
        ok = sd > 0
        if ok.sum() < 2:
            return 0.0
        cm = np.corrcoef(block[:, ok], rowvar=False)
        iu = np.triu_indices(cm.shape[0], 1)
        return float(np.mean(cm[iu]))

    cur = avg_corr(R[-window:])
    start = max(window, R.shape[0] - history)
    step = max(1, window // 6)
    hist = np.asarray([avg_corr(R[e - window: e]) for e in range(start, R.shape[0] - window + 1,
                                                                 step)] or [cur])
    pct = float((hist < cur).mean() + 0.5 * (hist == cur).mean())
    thr = float(np.quantile(hist, quantile))
    stressed = cur >= thr and cur > float(np.median(hist))
    p = min(1.0, max(0.0, (pct - 0.5) * 2.0)) if stressed else 0.0
    conf = max(0.5, pct) if stressed else max(0.5, 1 - pct * 0.5)
    return RegimeResult("correlation", STRESS if stressed else NORMAL, min(1.0, conf),
                        {STRESS: p, NORMAL: 1 - p},
                        {"avg_corr": cur, "percentile": pct, "threshold": thr,
                         "history_median": float(np.median(hist))}, "avg_pairwise_corr")


class RegimeTracker:
    """Per-key cache of fits, refitted every `refit_every` bars (the fit is slow)."""

    def __init__(self, refit_every: int = 50, vol_window: int = 500,
                 trend_window: int = 100) -> None:
        self.refit_every = refit_every
        self.vol_window = vol_window
        self.trend_window = trend_window
        self._bars_since: dict[str, int] = {}
        self.results: dict[str, dict[str, RegimeResult]] = {}

    def due(self, key: str) -> bool:
        n = self._bars_since.get(key, self.refit_every) + 1
        self._bars_since[key] = n
        return n >= self.refit_every

    def fit(self, key: str, close: Sequence[float]) -> dict[str, RegimeResult]:
        """Fit both per-instrument dimensions now (call from a worker thread)."""
        self._bars_since[key] = 0
        out: dict[str, RegimeResult] = {}
        c = np.asarray(close, dtype=np.float64)
        try:
            out["trend"] = trend_regime(c, window=self.trend_window)
        except ValueError:
            pass
        try:
            out["volatility"] = volatility_regime(c[-self.vol_window:])
        except ValueError:
            pass
        self.results.setdefault(key, {}).update(out)
        return out

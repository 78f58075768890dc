"""Each optimiser against an independent formulation: cvxpy written here with quad_form,
PyPortfolioOpt's EfficientFrontier, the Black-Litterman closed form, equal risk contributions,
HRP against PyPortfolioOpt's HRPOpt and a from-scratch scipy implementation; bad input."""

from __future__ import annotations

import cvxpy as cp
import numpy as np
import pandas as pd
import pytest
import scipy.cluster.hierarchy as sch
from omni_quant import optimize as o
from scipy.spatial.distance import squareform


@pytest.fixture(scope="module")
def data() -> tuple[pd.DataFrame, pd.Series, pd.DataFrame]:
    rng = np.random.default_rng(7)
    n, t = 12, 750
    f = rng.normal(0, 0.01, (t, 3))
    b = rng.normal(0.5, 0.5, (12, 3))
    r = f @ b.T + rng.normal(0, 0.012, (t, n)) + rng.uniform(0.0001, 0.0008, n)
    ret = pd.DataFrame(r, columns=[f"A{i}" for i in range(n)])
    mu, cov, _ = o.estimate(ret)
    return ret, mu, cov


def _ref_solve(obj, cons):  # type: ignore[no-untyped-def]
    prob = cp.Problem(obj, cons)
    prob.solve(solver=cp.CLARABEL)
    assert prob.status == cp.OPTIMAL
    return prob


def test_min_variance_matches_independent_cvxpy_and_pypfopt(data) -> None:  # type: ignore[no-untyped-def]
    _, mu, cov = data
    res = o.mean_variance(mu, cov, "min_variance", constraints=o.Constraints(max_weight=0.3))
    w = cp.Variable(len(mu))
    _ref_solve(cp.Minimize(cp.quad_form(w, cov.to_numpy())), [cp.sum(w) == 1, w >= 0, w <= 0.3])
    assert np.abs(res.weights.to_numpy() - w.value).max() < 1e-5
    from pypfopt import EfficientFrontier

    ef = EfficientFrontier(mu, cov, weight_bounds=(0, 0.3))
    ref = pd.Series(ef.min_volatility())
    assert np.abs(res.weights - ref.reindex(res.weights.index)).max() < 1e-4
    assert abs(res.risk_contributions.sum() - 1) < 1e-9


def test_max_sharpe_matches_grid_of_independent_problems(data) -> None:  # type: ignore[no-untyped-def]
    _, mu, cov = data
    rf = 0.02
    res = o.mean_variance(mu, cov, "max_sharpe", risk_free_rate=rf)
    from pypfopt import EfficientFrontier

    ref = EfficientFrontier(mu, cov, weight_bounds=(0, 1)).max_sharpe(risk_free_rate=rf)
    ref_w = pd.Series(ref).reindex(res.weights.index).to_numpy()
    assert np.abs(res.weights.to_numpy() - ref_w).max() < 1e-4
    # and no frontier point (independent cvxpy, quad_form) has a higher Sharpe ratio
    w = cp.Variable(len(mu))
    r = cp.Parameter()
    prob = cp.Problem(
        cp.Minimize(cp.quad_form(w, cov.to_numpy())),
        [cp.sum(w) == 1, w >= 0, mu.to_numpy() @ w >= r],
    )
    for target in np.linspace(mu.min(), mu.max(), 25):
        r.value = target
        prob.solve(solver=cp.CLARABEL)
        if prob.status == cp.OPTIMAL:
            sr = (mu.to_numpy() @ w.value - rf) / np.sqrt(w.value @ cov.to_numpy() @ w.value)
            assert sr <= res.sharpe + 1e-6


def test_long_short_sector_cap_turnover_and_costs(data) -> None:  # type: ignore[no-untyped-def]
    _, mu, cov = data
    assets = list(mu.index)
    current = dict.fromkeys(assets, 1 / len(assets))
    tech = tuple(assets[:4])
    c = o.Constraints(
        long_only=False,
        min_weight=-0.2,
        max_weight=0.4,
        sector_caps=[o.SectorCap("tech", 0.25, tech)],
        max_turnover=0.3,
        transaction_cost_bps=10,
        current_weights=current,
    )
    res = o.mean_variance(
        mu, cov, "efficient_return", target_return=float(mu.mean()), constraints=c
    )
    w0 = np.array([current[a] for a in assets])
    w = cp.Variable(len(assets))
    cons = [
        cp.sum(w) == 1,
        w >= -0.2,
        w <= 0.4,
        cp.sum(w[:4]) <= 0.25,
        0.5 * cp.norm1(w - w0) <= 0.3,
        mu.to_numpy() @ w >= float(mu.mean()),
    ]
    _ref_solve(cp.Minimize(cp.quad_form(w, cov.to_numpy()) + 1e-3 * cp.norm1(w - w0)), cons)
    assert np.abs(res.weights.to_numpy() - w.value).max() < 1e-4
    assert res.weights[list(tech)].sum() <= 0.25 + 1e-7
    assert res.turnover <= 0.3 + 1e-7


def test_efficient_risk_and_frontier(data) -> None:  # type: ignore[no-untyped-def]
    _, mu, cov = data
    minv = o.mean_variance(mu, cov, "min_variance")
    target = minv.volatility * 1.2
    res = o.mean_variance(mu, cov, "efficient_risk", target_volatility=target, frontier_points=6)
    assert res.volatility <= target + 1e-6
    w = cp.Variable(len(mu))
    _ref_solve(
        cp.Maximize(mu.to_numpy() @ w),
        [cp.sum(w) == 1, w >= 0, cp.quad_form(w, cov.to_numpy()) <= target**2],
    )
    assert abs(res.expected_return - mu.to_numpy() @ w.value) < 1e-6
    vols = [v for _, v in res.frontier]
    rets = [r for r, _ in res.frontier]
    assert len(res.frontier) == 6 and rets == sorted(rets) and vols == sorted(vols)


def test_black_litterman_matches_closed_form(data) -> None:  # type: ignore[no-untyped-def]
    _, _, cov = data
    assets = list(cov.index)
    caps = {a: float(i + 1) for i, a in enumerate(assets)}
    views = [o.View(("A0",), 0.10), o.View(("A1", "A2"), 0.02, short=("A3",))]
    post, _, pi = o.black_litterman_posterior(
        cov, views, market_caps=caps, risk_aversion=3, tau=0.05
    )
    s = cov.to_numpy()
    w_mkt = np.array([caps[a] for a in assets]) / sum(caps.values())
    pi_ref = 3 * s @ w_mkt
    assert np.allclose(pi.to_numpy(), pi_ref)
    p = np.zeros((2, len(assets)))
    p[0, 0] = 1
    p[1, 1] = p[1, 2] = 0.5
    p[1, 3] = -1
    q = np.array([0.10, 0.02])
    omega = np.diag(np.diag(0.05 * p @ s @ p.T))
    ts_inv = np.linalg.inv(0.05 * s)
    om_inv = np.linalg.inv(omega)
    ref = np.linalg.solve(ts_inv + p.T @ om_inv @ p, ts_inv @ pi_ref + p.T @ om_inv @ q)
    assert np.allclose(post.to_numpy(), ref, atol=1e-10)
    # a fully confident view (Idzorek 100%) is met exactly by the posterior
    post1, _, _ = o.black_litterman_posterior(cov, [o.View(("A0",), 0.10, confidence=1.0)])
    assert abs(post1["A0"] - 0.10) < 1e-9
    res = o.black_litterman(cov, views, market_caps=caps, risk_aversion=3)
    assert res.posterior_returns is not None and abs(res.weights.sum() - 1) < 1e-8


def test_risk_parity_contributions_equal(data) -> None:  # type: ignore[no-untyped-def]
    _, _, cov = data
    res = o.risk_parity(cov)
    rc = res.risk_contributions.to_numpy()
    assert np.allclose(rc, 1 / len(rc), atol=1e-6)
    assert (res.weights > 0).all() and abs(res.weights.sum() - 1) < 1e-9
    budgets = {a: (2.0 if i == 0 else 1.0) for i, a in enumerate(cov.index)}
    rb = o.risk_parity(cov, budgets).risk_contributions
    assert abs(rb.iloc[0] - 2 / (len(cov) + 1)) < 1e-6


def _hrp_reference(cov: pd.DataFrame, method: str) -> pd.Series:
    """López de Prado's HRP written out with scipy, with recursion (a second formulation)."""
    s = cov.to_numpy()
    sd = np.sqrt(np.diag(s))
    corr = s / np.outer(sd, sd)
    dist = np.sqrt(np.clip((1 - corr) / 2, 0, 1))
    np.fill_diagonal(dist, 0)
    order = list(sch.leaves_list(sch.linkage(squareform(dist, checks=False), method)))

    def cvar(idx: list[int]) -> float:
        iv = 1 / np.diag(s)[idx]
        iv /= iv.sum()
        return float(iv @ s[np.ix_(idx, idx)] @ iv)

    w = np.ones(len(order))

    def split(idx: list[int]) -> None:
        if len(idx) < 2:
            return
        left, right = idx[: len(idx) // 2], idx[len(idx) // 2 :]
        a = 1 - cvar(left) / (cvar(left) + cvar(right))
        w[left] *= a
        w[right] *= 1 - a
        split(left)
        split(right)

    split(order)
    return pd.Series(w, index=cov.index)


@pytest.mark.parametrize("linkage", ["single", "ward"])
def test_hrp_against_pypfopt_and_scipy_reference(data, linkage: str) -> None:  # type: ignore[no-untyped-def]
    from pypfopt.hierarchical_portfolio import HRPOpt

    _, _, cov = data
    res = o.hrp(cov, linkage)
    lib = pd.Series(HRPOpt(cov_matrix=cov).optimize(linkage_method=linkage))
    assert np.abs(res.weights - lib.reindex(res.weights.index)).max() < 1e-12
    assert np.abs(res.weights - _hrp_reference(cov, linkage)).max() < 1e-12
    assert abs(res.weights.sum() - 1) < 1e-12


def test_bad_input_named() -> None:
    a = ["X", "Y", "Z"]
    singular = pd.DataFrame([[1.0, 1.0, 0], [1.0, 1.0, 0], [0, 0, 1.0]], index=a, columns=a)
    with pytest.raises(o.InvalidInput, match="singular"):
        o.mean_variance(None, singular, "min_variance")
    not_psd = pd.DataFrame([[1.0, 2.0, 0], [2.0, 1.0, 0], [0, 0, 1.0]], index=a, columns=a)
    with pytest.raises(o.InvalidInput, match="not positive semidefinite"):
        o.hrp(not_psd)
    with pytest.raises(o.InvalidInput, match="not symmetric"):
        o.risk_parity(pd.DataFrame([[1.0, 0.1, 0], [0.2, 1.0, 0], [0, 0, 1.0]], index=a, columns=a))
    good = pd.DataFrame(np.diag([0.04, 0.09, 0.01]), index=a, columns=a)
    with pytest.raises(o.InvalidInput, match="outside the universe"):
        o.black_litterman_posterior(good, [o.View(("NOPE",), 0.1)])
    with pytest.raises(o.InvalidInput, match="empty"):
        o.estimate(pd.DataFrame(columns=a, dtype=float))
    with pytest.raises(o.Infeasible, match="maximum weights sum"):
        o.mean_variance(None, good, constraints=o.Constraints(max_weight=0.2))
    with pytest.raises(o.Infeasible, match="sector cap"):
        o.mean_variance(
            None,
            good,
            constraints=o.Constraints(
                min_weight=0.2, sector_caps=[o.SectorCap("s", 0.3, ("X", "Y"))]
            ),
        )
    mu = pd.Series([0.05, 0.06, 0.07], index=a)
    with pytest.raises(o.Infeasible, match="not reachable"):
        o.mean_variance(mu, good, "efficient_return", target_return=0.5)
    with pytest.raises(o.Infeasible, match="turnover"):
        o.mean_variance(
            mu,
            good,
            constraints=o.Constraints(
                max_turnover=0.01, current_weights={"X": 1.0}, max_weight=0.5
            ),
        )

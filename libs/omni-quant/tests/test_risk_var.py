"""VaR / ES against the closed form for normal returns; Euler decomposition."""

from __future__ import annotations

import math

import numpy as np
import pytest
from omni_quant.risk import (
    cholesky_factor,
    historical_var,
    monte_carlo_var,
    parametric_var,
    var_es_from_pnl,
)
from scipy import stats

Z99 = stats.norm.ppf(0.99)


def closed_form(values, cov, c, h=1, mean=None):
    v = np.asarray(values, float)
    sigma = math.sqrt(v @ cov @ v)
    mu = 0.0 if mean is None else float(np.asarray(mean) @ v)
    z = stats.norm.ppf(c)
    var = z * sigma * math.sqrt(h) - mu * h
    es = sigma * math.sqrt(h) * stats.norm.pdf(z) / (1 - c) - mu * h
    return var, es


@pytest.fixture(scope="module")
def book():
    rng = np.random.default_rng(42)
    n = 6
    vols = np.array([0.01, 0.015, 0.02, 0.012, 0.03, 0.008])
    a = rng.standard_normal((n, n))
    corr = np.corrcoef(a @ a.T + n * np.eye(n))
    corr = 0.5 * corr + 0.5 * np.eye(n)
    cov = corr * np.outer(vols, vols)
    values = np.array([1e6, -4e5, 2.5e5, 7e5, 1e5, -3e5])
    return values, cov


def test_risk_parametric_single_asset_exact():
    est = parametric_var([1_000_000.0], np.array([[0.02**2]]), 0.99, 1)
    assert est.var == pytest.approx(Z99 * 0.02 * 1e6, rel=1e-12)
    assert est.expected_shortfall == pytest.approx(
        0.02 * 1e6 * stats.norm.pdf(Z99) / 0.01, rel=1e-12
    )


def test_risk_parametric_portfolio_exact_with_mean_and_horizon(book):
    values, cov = book
    mean = np.array([0.0004, 0.0002, 0.0, -0.0001, 0.001, 0.0003])
    for c in (0.95, 0.975, 0.99):
        for h in (1, 10):
            est = parametric_var(values, cov, c, h, mean)
            var, es = closed_form(values, cov, c, h, mean)
            assert est.var == pytest.approx(var, rel=1e-12)
            assert est.expected_shortfall == pytest.approx(es, rel=1e-12)
            assert est.expected_shortfall >= est.var


def test_risk_parametric_components_sum_and_marginal_is_gradient(book):
    values, cov = book
    est = parametric_var(values, cov, 0.99, 1)
    assert est.component_var.sum() == pytest.approx(est.var, rel=1e-12)
    assert est.contribution_ratio.sum() == pytest.approx(1.0, rel=1e-12)
    # marginal VaR = dVaR/dv_i (finite difference)
    for i in range(len(values)):
        bumped = values.copy()
        bumped[i] += 1.0
        fd = parametric_var(bumped, cov, 0.99, 1, contributions=False).var - est.var
        assert est.marginal_var[i] == pytest.approx(fd, rel=1e-4, abs=1e-6)


def test_risk_historical_matches_normal_closed_form_within_sampling_error(book):
    values, cov = book
    rng = np.random.default_rng(123)
    returns = rng.multivariate_normal(np.zeros(len(values)), cov, size=200_000)
    est = historical_var(values, returns, 0.99, 1)
    var, es = closed_form(values, cov, 0.99)
    assert est.var == pytest.approx(var, rel=0.02)
    assert est.expected_shortfall == pytest.approx(es, rel=0.02)
    assert est.expected_shortfall >= est.var
    assert est.component_var.sum() == pytest.approx(est.var, rel=1e-9)
    assert est.sample_size == 200_000
    # square-root-of-time scaling
    est10 = historical_var(values, returns, 0.99, 10)
    assert est10.var == pytest.approx(est.var * math.sqrt(10), rel=1e-12)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_risk_monte_carlo_matches_closed_form_within_sampling_error(book, dtype):
    values, cov = book
    est = monte_carlo_var(values, cov, 0.99, 1, paths=200_000, seed=11, dtype=dtype)
    var, es = closed_form(values, cov, 0.99)
    assert est.var == pytest.approx(var, rel=0.02)
    assert est.expected_shortfall == pytest.approx(es, rel=0.02)
    assert est.expected_shortfall >= est.var
    assert est.component_var.sum() == pytest.approx(est.var, rel=1e-6)
    # the components agree with the parametric Euler allocation up to sampling error
    pc = parametric_var(values, cov, 0.99).component_var
    assert np.allclose(est.component_var, pc, rtol=0.15, atol=0.02 * var)


def test_risk_monte_carlo_is_seeded_and_supports_mean(book):
    values, cov = book
    a = monte_carlo_var(values, cov, 0.99, paths=10_000, seed=5)
    b = monte_carlo_var(values, cov, 0.99, paths=10_000, seed=5)
    assert a.var == b.var and a.expected_shortfall == b.expected_shortfall
    mean = np.full(len(values), 0.001)
    m = monte_carlo_var(values, cov, 0.99, mean=mean, paths=100_000, seed=5, dtype=np.float64)
    var, _ = closed_form(values, cov, 0.99, mean=mean)
    assert m.var == pytest.approx(var, rel=0.03)
    no_anti = monte_carlo_var(values, cov, 0.99, paths=100_000, seed=5, antithetic=False,
                              dtype=np.float64)
    assert no_anti.var == pytest.approx(closed_form(values, cov, 0.99)[0], rel=0.03)


def test_risk_es_at_least_var_on_fat_tails():
    rng = np.random.default_rng(3)
    r = stats.t.rvs(df=3, size=(50_000, 2), random_state=rng) * 0.01
    est = historical_var([1e6, 5e5], r, 0.975)
    assert est.expected_shortfall >= est.var > 0


def test_risk_empirical_quantile_definition():
    pnl = -np.arange(1.0, 101.0)  # losses 1..100
    var, es, _ = var_es_from_pnl(pnl, 0.95)  # 5 worst: 96..100
    assert var == 96.0
    assert es == pytest.approx(98.0)


def test_risk_singular_covariance_is_repaired():
    cov = np.array([[1e-4, 1e-4], [1e-4, 1e-4]])  # perfectly correlated
    lower = cholesky_factor(cov)
    assert np.allclose(lower @ lower.T, cov, atol=1e-12)
    est = monte_carlo_var([1e6, 1e6], cov, 0.99, paths=50_000, seed=2, dtype=np.float64)
    assert est.var == pytest.approx(Z99 * 0.01 * 2e6, rel=0.03)


@pytest.mark.parametrize(
    "kwargs",
    [{"confidence": 1.0}, {"confidence": float("nan")}, {"confidence": 0.3}, {"horizon_days": 0}],
)
def test_risk_var_rejects_bad_parameters(kwargs):
    args = {"confidence": 0.99, "horizon_days": 1} | kwargs
    with pytest.raises(ValueError):
        parametric_var([1.0], np.array([[1e-4]]), **args)


def test_risk_var_rejects_non_finite_values_and_shape_mismatch():
    with pytest.raises(ValueError):
        parametric_var([float("inf")], np.array([[1e-4]]))
    with pytest.raises(ValueError):
        parametric_var([1.0, 2.0], np.array([[1e-4]]))
    with pytest.raises(ValueError):
        historical_var([1.0, 2.0], np.zeros((10, 3)))

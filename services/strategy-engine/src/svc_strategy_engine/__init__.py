"""Omni Alpha strategy engine: strategy library, one kernel (`StrategyRunner`) for backtest
and live, vectorised research sweeps, parameter search and walk-forward optimisation."""

"""Venue adapters: the paper venue, Alpaca, ccxt exchanges."""

"""Market-data providers behind one interface (:class:`~svc_market_data.providers.base.Provider`).

``simulator`` (the embedded default), ``replay`` (CSV/Parquet files), ``alpaca``, ``yahoo`` and
``ccxt``. :func:`build_provider` picks one from the service settings.
"""

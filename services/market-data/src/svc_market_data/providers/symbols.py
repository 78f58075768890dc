"""Mapping between a venue's symbols and platform instrument ids."""

from __future__ import annotations


def parse_symbol_map(text: str | list[str], default_suffix: str) -> dict[str, str]:
    """``"AAPL,MSFT:MSFT.XNAS"`` → ``{"AAPL": "AAPL.<suffix>", "MSFT": "MSFT.XNAS"}``.

    Each entry is ``SYMBOL`` or ``SYMBOL:INSTRUMENT_ID``; the default instrument id replaces
    "/" with "-" (``BTC/USDT`` → ``BTC-USDT.CRYPTO``).
    """
    items = text.split(",") if isinstance(text, str) else list(text)
    out: dict[str, str] = {}
    for raw in items:
        item = raw.strip()
        if not item:
            continue
        if ":" in item:
            sym, iid = (x.strip() for x in item.split(":", 1))
        else:
            sym = item
            iid = f"{item.replace('/', '-')}.{default_suffix}"
        if not sym or not iid:
            raise ValueError(f"bad symbol entry {raw!r}: expected SYMBOL or SYMBOL:INSTRUMENT_ID")
        out[sym] = iid
    if not out:
        raise ValueError("no symbols configured")
    return out

"""RuntimeConfig: versioned hot-reload values from ConfigChanged events."""

from __future__ import annotations

from omni.control_plane.v1.events_pb2 import ConfigChanged
from omni_core.config import RuntimeConfig


async def test_versions_targets_deletes_and_callbacks():
    cfg = RuntimeConfig("risk-engine", initial={"limits.max": 10})
    seen: list[tuple[str, object]] = []
    every: list[str] = []

    async def async_cb(key, value):
        seen.append((key, value))

    cfg.on_change("limits.max", async_cb)
    cfg.on_change("*", lambda k, v: every.append(k))

    @cfg.watch("limits.max")
    def broken(key, value):
        raise RuntimeError("a bad callback does not stop the others")

    assert cfg.get("limits.max") == 10 and cfg.version("limits.max") == 0
    ev = ConfigChanged(service="risk-engine", key="limits.max", value_json="20", version=5)
    assert await cfg.apply_event(ev)
    assert not await cfg.apply_event(ev)  # redelivery
    assert not await cfg.apply_event(
        ConfigChanged(service="risk-engine", key="limits.max", value_json="15", version=4))
    assert not await cfg.apply_event(
        ConfigChanged(service="order-manager", key="limits.max", value_json="99", version=9))
    assert await cfg.apply_event(
        ConfigChanged(service="*", key="flags", value_json='{"a": [1, 2]}', version=1))
    assert not await cfg.apply_event(
        ConfigChanged(service="*", key="flags", value_json="{not json", version=2))
    assert await cfg.apply_event(
        ConfigChanged(service="risk-engine", key="limits.max", deleted=True, version=6))
    assert seen == [("limits.max", 20), ("limits.max", None)]
    assert every == ["limits.max", "flags", "limits.max"]
    assert "limits.max" not in cfg and cfg.get("limits.max", "dflt") == "dflt"
    assert cfg.snapshot() == {"flags": {"a": [1, 2]}}
    # a delete does not let an older write back in
    assert not await cfg.apply_event(
        ConfigChanged(service="risk-engine", key="limits.max", value_json="1", version=6))

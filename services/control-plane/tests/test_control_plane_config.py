"""Config registry rules, against the in-memory reference store (no I/O)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import grpc
import pytest
from omni_core.errors import InvalidArgument, NotFound
from svc_control_plane.config import (
    ConfigEntry,
    ConfigRegistry,
    InMemoryConfigStore,
    VersionConflict,
)


class Ticker:
    def __init__(self) -> None:
        self.t = datetime(2026, 1, 1, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.t += timedelta(seconds=1)
        return self.t


def registry(published: list[ConfigEntry] | None = None, fail: bool = False) -> ConfigRegistry:
    async def publish(entry: ConfigEntry) -> None:
        if fail:
            raise RuntimeError("broker down")
        assert published is not None
        published.append(entry)

    return ConfigRegistry(
        InMemoryConfigStore(), publish if published is not None or fail else None, Ticker()
    )


async def test_versions_start_at_one_and_grow() -> None:
    reg = registry()
    e1 = await reg.put("risk-engine", "limits.max_notional", "1000000", changed_by="ops")
    e2 = await reg.put("risk-engine", "limits.max_notional", "2000000")
    assert (e1.version, e2.version) == (1, 2)
    assert e2.created_at == e1.created_at and e2.changed_at > e1.changed_at
    got = await reg.get("risk-engine", "limits.max_notional")
    assert got.value_json == "2000000" and got.version == 2


async def test_expected_version_conflicts_abort() -> None:
    reg = registry()
    await reg.put("risk-engine", "k", "1", expected_version=0)
    with pytest.raises(VersionConflict) as info:
        await reg.put("risk-engine", "k", "2", expected_version=0)
    assert info.value.code == grpc.StatusCode.ABORTED
    assert "already exists at version 1" in info.value.message
    with pytest.raises(VersionConflict):
        await reg.put("risk-engine", "k", "2", expected_version=2)
    e = await reg.put("risk-engine", "k", "2", expected_version=1)
    assert e.version == 2
    with pytest.raises(VersionConflict):
        await reg.put("risk-engine", "absent", "2", expected_version=3)
    with pytest.raises(VersionConflict):
        await reg.delete("risk-engine", "k", expected_version=1)


async def test_delete_is_a_versioned_tombstone_and_numbering_goes_on() -> None:
    reg = registry()
    await reg.put("*", "log.level", '"INFO"')
    tomb = await reg.delete("*", "log.level", changed_by="ops", reason="cleanup")
    assert tomb.deleted and tomb.version == 2 and tomb.value_json == ""
    with pytest.raises(NotFound):
        await reg.get("*", "log.level")
    with pytest.raises(NotFound):
        await reg.delete("*", "log.level")
    again = await reg.put("*", "log.level", '"DEBUG"', expected_version=0)
    assert again.version == 3
    history = await reg.history("*", "log.level")
    assert [(h.version, h.deleted) for h in history.entries] == [(3, False), (2, True), (1, False)]
    assert history.entries[1].reason == "cleanup"


async def test_history_pages_newest_first() -> None:
    reg = registry()
    for i in range(5):
        await reg.put("analytics", "k", str(i))
    p1 = await reg.history("analytics", "k", page_size=2)
    p2 = await reg.history("analytics", "k", page_size=2, page_token=p1.next_token)
    p3 = await reg.history("analytics", "k", page_size=2, page_token=p2.next_token)
    assert [e.version for e in p1.entries + p2.entries + p3.entries] == [5, 4, 3, 2, 1]
    assert p3.next_token == ""
    with pytest.raises(NotFound):
        await reg.history("analytics", "never")


async def test_global_scope_list_and_fallback() -> None:
    reg = registry()
    await reg.put("*", "b.timeout", "5")
    await reg.put("*", "a.flag", "true")
    await reg.put("risk-engine", "b.timeout", "9")
    await reg.put("order-manager", "c.other", "1")
    page = await reg.list("risk-engine")
    assert [(e.key, e.service) for e in page.entries] == [
        ("a.flag", "*"),
        ("b.timeout", "*"),
        ("b.timeout", "risk-engine"),
    ]
    own = await reg.list("risk-engine", exclude_global=True)
    assert [(e.key, e.service) for e in own.entries] == [("b.timeout", "risk-engine")]
    assert len((await reg.list()).entries) == 4
    assert [e.service for e in (await reg.list("*")).entries] == ["*", "*"]
    assert [e.key for e in (await reg.list("", key_prefix="b.")).entries] == ["b.timeout"] * 2
    fb = await reg.get("order-manager", "a.flag", fall_back_to_global=True)
    assert fb.service == "*" and fb.value_json == "true"
    with pytest.raises(NotFound):
        await reg.get("order-manager", "a.flag")


async def test_list_pagination_walks_everything_once() -> None:
    reg = registry()
    for i in range(7):
        await reg.put("*", f"k{i}", str(i))
        await reg.put("compliance", f"k{i}", str(i))
    seen, token = [], ""
    while True:
        page = await reg.list("compliance", page_size=3, page_token=token)
        seen += [(e.key, e.service) for e in page.entries]
        token = page.next_token
        if not token:
            break
    assert len(seen) == 14 and len(set(seen)) == 14 and seen == sorted(seen)


@pytest.mark.parametrize(
    ("service", "key", "value", "needle"),
    [
        ("risk-engine", "k", "{not json", "not valid JSON"),
        ("risk-engine", "k", "NaN", "not valid JSON"),
        ("risk-engine", "k", "", "value_json is required"),
        ("risk-engine", "", "1", "key is required"),
        ("risk-engine", "has space", "1", "key must be"),
        ("no-such-service", "k", "1", "unknown service 'no-such-service'"),
        ("", "k", "1", "service is required"),
    ],
)
async def test_invalid_arguments(service: str, key: str, value: str, needle: str) -> None:
    reg = registry()
    with pytest.raises(InvalidArgument) as info:
        await reg.put(service, key, value)
    assert needle in info.value.message


async def test_bad_page_token_and_negative_expected_version() -> None:
    reg = registry()
    with pytest.raises(InvalidArgument):
        await reg.list("risk-engine", page_token="!!!")
    with pytest.raises(InvalidArgument):
        await reg.put("risk-engine", "k", "1", expected_version=-1)


async def test_publish_after_write_and_outbox_retry() -> None:
    published: list[ConfigEntry] = []
    reg = registry(published)
    e = await reg.put("market-data", "feed", '{"symbols": ["AAPL"]}')
    assert [p.event_id for p in published] == [e.event_id]
    assert await reg.store.unpublished(10) == []

    failing = registry(fail=True)
    e1 = await failing.put("market-data", "feed", "1")
    e2 = await failing.delete("market-data", "feed")
    # the writes stand even though the publish failed
    assert [u.event_id for u in await failing.store.unpublished(10)] == [e1.event_id, e2.event_id]
    out: list[ConfigEntry] = []

    async def ok(entry: ConfigEntry) -> None:
        out.append(entry)

    failing._publish = ok
    assert await failing.republish_pending() == 2
    assert [o.version for o in out] == [1, 2] and out[1].deleted
    assert await failing.store.unpublished(10) == []

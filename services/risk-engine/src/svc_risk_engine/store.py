"""Persistence of the risk engine's state: limits, accounts, instruments, restrictions, kill
switches (current state and history), fills (positions are rebuilt from them at start) and
drawdown state. Never on the check path: writes happen in RPC handlers and event handlers."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import UTC, date, datetime
from typing import Any

from omni.risk_engine.v1 import risk_engine_service_pb2 as pb
from omni_core.db import Database
from omni_quant.risk import DrawdownState, DrawdownTracker
from sqlalchemy import delete, func, select

from svc_risk_engine import models as m
from svc_risk_engine.engine import InstrumentInfo, KillSwitchRecord, RiskEngine

__all__ = ["RiskStore", "VersionConflict"]


class VersionConflict(Exception):
    def __init__(self, current: int, expected: int) -> None:
        super().__init__(f"limit set is at version {current}, not {expected}")
        self.current = current
        self.expected = expected


def _insert(db: Database, table: Any) -> Any:
    if db.is_postgres:
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert(table)


def _upsert(db: Database, table: Any, keys: list[str], values: dict[str, Any]) -> Any:
    stmt = _insert(db, table).values(**values)
    return stmt.on_conflict_do_update(
        index_elements=keys, set_={k: v for k, v in values.items() if k not in keys}
    )


def _aware(dt: datetime | None) -> datetime | None:
    if dt is not None and dt.tzinfo is None:
        return dt.replace(tzinfo=UTC)
    return dt


class RiskStore:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._seq = 0

    # limits ------------------------------------------------------------------------------

    async def save_limits(self, ls: pb.LimitSet, expected_version: int) -> pb.LimitSet:
        """Replace a scope's limit set if its stored version is `expected_version` (0 when
        creating); returns the stored set with the new version."""
        async with self.db.session() as s:
            row = (
                await s.execute(
                    select(m.limit_sets.c.version).where(
                        m.limit_sets.c.account_id == ls.account_id,
                        m.limit_sets.c.strategy_id == ls.strategy_id,
                    )
                )
            ).first()
            current = int(row[0]) if row else 0
            if current != expected_version:
                raise VersionConflict(current, expected_version)
            out = pb.LimitSet()
            out.CopyFrom(ls)
            out.version = current + 1
            now = _aware(ls.updated_at.ToDatetime(tzinfo=UTC)) if ls.HasField(
                "updated_at") else datetime.now(UTC)
            values = {
                "account_id": ls.account_id,
                "strategy_id": ls.strategy_id,
                "version": out.version,
                "payload": out.SerializeToString(),
                "updated_by": ls.updated_by,
                "updated_at": now,
            }
            if row:
                await s.execute(
                    m.limit_sets.update()
                    .where(
                        m.limit_sets.c.account_id == ls.account_id,
                        m.limit_sets.c.strategy_id == ls.strategy_id,
                        m.limit_sets.c.version == current,
                    )
                    .values(**values)
                )
            else:
                await s.execute(m.limit_sets.insert().values(**values))
            await s.execute(m.limit_set_history.insert().values(**values))
            return out

    async def limit_history(self, account_id: str, strategy_id: str, limit: int = 100) -> list[
            pb.LimitSet]:
        q = (
            select(m.limit_set_history.c.payload)
            .where(m.limit_set_history.c.account_id == account_id,
                   m.limit_set_history.c.strategy_id == strategy_id)
            .order_by(m.limit_set_history.c.version.desc())
            .limit(limit)
        )
        async with self.db.session() as s:
            rows = (await s.execute(q)).all()
        return [pb.LimitSet.FromString(r[0]) for r in rows]

    async def load_limits(self) -> list[pb.LimitSet]:
        async with self.db.session() as s:
            rows = (await s.execute(select(m.limit_sets.c.payload))).all()
        return [pb.LimitSet.FromString(r[0]) for r in rows]

    # accounts / instruments / restrictions -----------------------------------------------

    async def save_account(self, account: pb.RiskAccount) -> None:
        async with self.db.session() as s:
            await s.execute(
                _upsert(self.db, m.accounts, ["account_id"], {
                    "account_id": account.account_id,
                    "payload": account.SerializeToString(),
                    "updated_at": datetime.now(UTC),
                })
            )

    async def load_accounts(self) -> list[pb.RiskAccount]:
        async with self.db.session() as s:
            rows = (await s.execute(select(m.accounts.c.payload))).all()
        return [pb.RiskAccount.FromString(r[0]) for r in rows]

    async def save_instruments(self, infos: list[InstrumentInfo]) -> None:
        if not infos:
            return
        async with self.db.session() as s:
            for i in infos:
                await s.execute(
                    _upsert(self.db, m.instruments, ["instrument_id"], {
                        "instrument_id": i.instrument_id,
                        "asset_class": int(i.asset_class),
                        "sector": i.sector,
                        "multiplier": float(i.multiplier),
                        "currency": i.currency,
                        "margin_rate": float(i.margin_rate),
                    })
                )

    async def load_instruments(self) -> list[InstrumentInfo]:
        async with self.db.session() as s:
            rows = (await s.execute(select(m.instruments))).mappings().all()
        return [
            InstrumentInfo(r["instrument_id"], r["asset_class"], r["sector"], r["multiplier"],
                           r["currency"], r["margin_rate"])
            for r in rows
        ]

    async def save_restriction(self, r: pb.Restriction, remove: bool) -> None:
        async with self.db.session() as s:
            if remove:
                await s.execute(
                    delete(m.restrictions).where(
                        m.restrictions.c.account_id == r.account_id,
                        m.restrictions.c.instrument_id == r.instrument_id.value,
                    )
                )
                return
            added = r.added_at.ToDatetime(tzinfo=UTC) if r.HasField("added_at") else datetime.now(
                UTC)
            await s.execute(
                _upsert(self.db, m.restrictions, ["account_id", "instrument_id"], {
                    "account_id": r.account_id,
                    "instrument_id": r.instrument_id.value,
                    "kind": int(r.kind),
                    "reason": r.reason,
                    "added_by": r.added_by,
                    "added_at": added,
                })
            )

    async def load_restrictions(self) -> list[pb.Restriction]:
        async with self.db.session() as s:
            rows = (await s.execute(select(m.restrictions))).mappings().all()
        out = []
        for row in rows:
            r = pb.Restriction(account_id=row["account_id"], kind=row["kind"],
                               reason=row["reason"], added_by=row["added_by"])
            r.instrument_id.value = row["instrument_id"]
            r.added_at.FromDatetime(_aware(row["added_at"]))
            out.append(r)
        return out

    # kill switch -------------------------------------------------------------------------

    async def save_kill_switch(self, rec: KillSwitchRecord) -> None:
        """The current state and one history row, in one transaction."""
        at = rec.changed_at or datetime.now(UTC)
        async with self.db.session() as s:
            await s.execute(
                _upsert(self.db, m.kill_switches, ["account_id"], {
                    "account_id": rec.account_id,
                    "state": int(rec.state),
                    "actor": rec.actor,
                    "reason": rec.reason,
                    "changed_at": at,
                })
            )
            await s.execute(
                m.kill_switch_history.insert().values(
                    account_id=rec.account_id,
                    previous_state=int(rec.previous_state),
                    state=int(rec.state),
                    actor=rec.actor,
                    reason=rec.reason,
                    changed_at=at,
                )
            )

    async def load_kill_switches(self) -> list[KillSwitchRecord]:
        async with self.db.session() as s:
            rows = (await s.execute(select(m.kill_switches))).mappings().all()
        return [
            KillSwitchRecord(r["account_id"], r["state"], r["actor"], r["reason"],
                             _aware(r["changed_at"]))
            for r in rows
        ]

    async def kill_switch_history(self, account_id: str, limit: int = 100) -> list[
            pb.KillSwitchChange]:
        q = select(m.kill_switch_history).order_by(m.kill_switch_history.c.id.desc()).limit(
            limit)
        if account_id != "*":
            q = q.where(m.kill_switch_history.c.account_id == account_id)
        async with self.db.session() as s:
            rows = (await s.execute(q)).mappings().all()
        out = []
        for r in rows:
            c = pb.KillSwitchChange(account_id=r["account_id"],
                                    previous_state=r["previous_state"], state=r["state"],
                                    actor=r["actor"], reason=r["reason"])
            c.changed_at.FromDatetime(_aware(r["changed_at"]))
            out.append(c)
        return out

    # fills -------------------------------------------------------------------------------

    async def save_fill(
        self, fill_id: str, account_id: str, strategy_id: str, inst: str, side: int,
        qty: float, price: float, fee: float, executed_at: datetime,
    ) -> bool:
        """Store a fill; False when a fill with that id is already stored."""
        self._seq += 1
        stmt = _insert(self.db, m.fills).values(
            fill_id=fill_id, account_id=account_id, strategy_id=strategy_id, instrument_id=inst,
            side=int(side), quantity=qty, price=price, fee=fee, executed_at=executed_at,
            seq=self._seq,
        ).on_conflict_do_nothing(index_elements=["fill_id"])
        async with self.db.session() as s:
            result = await s.execute(stmt)
        return bool(result.rowcount)

    async def replay_fills(self, engine: RiskEngine) -> int:
        """Rebuild positions and cash flows by replaying every stored fill in arrival order."""
        async with self.db.session() as s:
            mx = (await s.execute(select(func.max(m.fills.c.seq)))).scalar()
            self._seq = int(mx or 0)
            rows = (await s.execute(select(m.fills).order_by(m.fills.c.seq))).mappings().all()
        n = 0
        for r in rows:
            if engine.apply_fill(r["fill_id"], r["account_id"], r["strategy_id"],
                                 r["instrument_id"], r["side"], r["quantity"], r["price"],
                                 r["fee"]):
                n += 1
        return n

    # drawdown ----------------------------------------------------------------------------

    async def save_drawdown(self, account_id: str, tracker: DrawdownTracker) -> None:
        st = asdict(tracker.state)
        st["peak_at"] = st["peak_at"].isoformat() if st["peak_at"] else None
        payload = json.dumps({
            "state": st,
            "day": tracker._day.isoformat(),
            "month": list(tracker._month),
        })
        async with self.db.session() as s:
            await s.execute(
                _upsert(self.db, m.drawdown_state, ["account_id"], {
                    "account_id": account_id, "payload": payload,
                    "updated_at": datetime.now(UTC),
                })
            )

    async def load_drawdowns(self) -> dict[str, DrawdownTracker]:
        async with self.db.session() as s:
            rows = (await s.execute(select(m.drawdown_state))).mappings().all()
        out = {}
        for r in rows:
            data = json.loads(r["payload"])
            st = data["state"]
            st["peak_at"] = datetime.fromisoformat(st["peak_at"]) if st["peak_at"] else None
            tr = DrawdownTracker.__new__(DrawdownTracker)
            tr._s = DrawdownState(**st)
            tr._day = date.fromisoformat(data["day"])
            tr._month = tuple(data["month"])
            out[r["account_id"]] = tr
        return out

    # everything --------------------------------------------------------------------------

    async def load_into(self, engine: RiskEngine) -> dict[str, int]:
        """Load the persisted state into a fresh engine (at service start)."""
        counts: dict[str, int] = {}
        infos = await self.load_instruments()
        for i in infos:
            engine.upsert_instrument(i)
        counts["instruments"] = len(infos)
        accts = await self.load_accounts()
        for a in accts:
            engine.set_account(a)
        counts["accounts"] = len(accts)
        sets = await self.load_limits()
        for ls in sets:
            engine.set_limits(ls)
        counts["limit_sets"] = len(sets)
        rs = await self.load_restrictions()
        for r in rs:
            engine.set_restriction(r, False)
        counts["restrictions"] = len(rs)
        ks = await self.load_kill_switches()
        for k in ks:
            engine.set_kill_switch(k.account_id, k.state, k.actor, k.reason, at=k.changed_at,
                                   notify=False)
        counts["kill_switches"] = len(ks)
        counts["fills"] = await self.replay_fills(engine)
        for acct_id, tr in (await self.load_drawdowns()).items():
            engine.account(acct_id).drawdown = tr
        return counts

"""Durable state: orders, their venue slices (in flight or not), route decisions.

Every state change is written here before the matching event is published, so a restart
finds every order that was in flight and reconciliation can resolve it with the venue.
"""

from __future__ import annotations

import json
import time
from dataclasses import asdict, dataclass, field

from sqlalchemy import (
    Column,
    Float,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    bindparam,
    select,
)
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

metadata = MetaData()

orders = Table(
    "bg_orders",
    metadata,
    Column("order_id", String(64), primary_key=True),
    Column("account_id", String(64), nullable=False),
    Column("client_order_id", String(128), nullable=False),
    Column("data", Text, nullable=False),  # the order as JSON (OrderRecord)
    Column("status", String(24), nullable=False, index=True),
    Column("updated_at", Float, nullable=False),
    UniqueConstraint("account_id", "client_order_id", name="uq_bg_orders_client"),
)

slices = Table(
    "bg_slices",
    metadata,
    # The client order id sent to the venue.
    Column("slice_id", String(160), primary_key=True),
    Column("order_id", String(64), nullable=False, index=True),
    Column("venue", String(64), nullable=False, index=True),
    Column("data", Text, nullable=False),
    Column("status", String(24), nullable=False, index=True),
    Column("updated_at", Float, nullable=False),
)

routes = Table(
    "bg_route_decisions",
    metadata,
    Column("decision_id", String(64), primary_key=True),
    Column("order_id", String(64), nullable=False, index=True),
    Column("account_id", String(64), nullable=False, index=True),
    Column("seq", Integer, nullable=False, index=True),
    Column("payload", LargeBinary, nullable=False),  # omni.broker_gateway.v1.RouteDecision
)

_UPDATE = {
    t.name: t.update()
    .where(t.c[key] == bindparam("k"))
    .values({c: bindparam(f"v_{c}") for c in cols})
    for t, key, cols in (
        (orders, "order_id", ("account_id", "client_order_id", "data", "status", "updated_at")),
        (slices, "slice_id", ("order_id", "venue", "data", "status", "updated_at")),
    )
}


def _params(key: str, row: dict) -> dict:
    return {"k": row[key], **{f"v_{c}": v for c, v in row.items() if c != key}}


# Slice states. IN_DOUBT: sent, no answer (timeout); reconciliation decides.
PENDING_SEND = "pending_send"
IN_DOUBT = "in_doubt"
OPEN = "open"
SLICE_TERMINAL = {"filled", "cancelled", "rejected", "expired", "not_found", "failed"}


@dataclass(slots=True)
class OrderRecord:
    order_id: str
    account_id: str
    client_order_id: str
    instrument_id: str
    side: str
    order_type: str
    time_in_force: str
    quantity: float
    limit_price: float | None = None
    stop_price: float | None = None
    status: str = (
        "pending"  # pending | accepted | partially_filled | filled | cancelled | rejected | expired
    )
    filled: float = 0.0
    notional: float = 0.0
    fees: str = "0"
    reason: str = ""
    strategy_id: str = ""
    # Quantity no venue holds yet (waiting for failover or an in-doubt resolution).
    unrouted: float = 0.0
    replaces_order_id: str = ""
    created_at: float = field(default_factory=time.time)

    @property
    def average_price(self) -> float:
        return self.notional / self.filled if self.filled > 0 else 0.0

    @property
    def terminal(self) -> bool:
        return self.status in ("filled", "cancelled", "rejected", "expired", "replaced")


@dataclass(slots=True)
class SliceRecord:
    slice_id: str
    order_id: str
    venue: str
    instrument_id: str
    side: str
    quantity: float
    status: str = PENDING_SEND
    venue_order_id: str = ""
    filled: float = 0.0
    notional: float = 0.0
    fees: str = "0"
    reason: str = ""
    attempts: int = 0

    @property
    def terminal(self) -> bool:
        return self.status in SLICE_TERMINAL

    @property
    def average_price(self) -> float:
        return self.notional / self.filled if self.filled > 0 else 0.0


class Store:
    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self._seq: int | None = None
        self._known_o: set[str] = set()
        self._known_s: set[str] = set()

    @classmethod
    def from_url(cls, url: str) -> Store:
        return cls(create_async_engine(url))

    async def create_schema(self) -> None:
        """For tests and the embedded default; deployments run the Alembic migration."""
        async with self.engine.begin() as conn:
            await conn.run_sync(metadata.create_all)

    async def close(self) -> None:
        await self.engine.dispose()

    async def save_many(
        self,
        orders_: list[OrderRecord],
        slices_: list[SliceRecord],
        routes_: list[tuple[str, str, str, bytes]],
    ) -> None:
        """Everything one step changed, in one transaction. Rows this store has written or
        loaded are updated, others inserted (after an update that found nothing)."""
        now = time.time()
        async with self.engine.begin() as conn:
            for table, key, rows, known in (
                (orders, "order_id", [self._order_row(o, now) for o in orders_], self._known_o),
                (slices, "slice_id", [self._slice_row(x, now) for x in slices_], self._known_s),
            ):
                old = [r for r in rows if r[key] in known]
                new = [r for r in rows if r[key] not in known]
                upd = _UPDATE[table.name]
                if old:
                    await conn.execute(upd, [_params(key, r) for r in old])
                for r in new:
                    res = await conn.execute(upd, _params(key, r))
                    if res.rowcount == 0:
                        await conn.execute(table.insert(), [r])
                    known.add(r[key])
            if routes_:
                if self._seq is None:
                    self._seq = (
                        await conn.execute(
                            select(routes.c.seq).order_by(routes.c.seq.desc()).limit(1)
                        )
                    ).scalar() or 0
                rows = []
                for decision_id, order_id, account_id, payload in routes_:
                    self._seq += 1
                    rows.append(
                        dict(
                            decision_id=decision_id,
                            order_id=order_id,
                            account_id=account_id,
                            seq=self._seq,
                            payload=payload,
                        )
                    )
                await conn.execute(routes.insert(), rows)

    @staticmethod
    def _order_row(o: OrderRecord, now: float) -> dict:
        return dict(
            order_id=o.order_id,
            account_id=o.account_id,
            client_order_id=o.client_order_id,
            data=json.dumps(asdict(o)),
            status=o.status,
            updated_at=now,
        )

    @staticmethod
    def _slice_row(x: SliceRecord, now: float) -> dict:
        return dict(
            slice_id=x.slice_id,
            order_id=x.order_id,
            venue=x.venue,
            data=json.dumps(asdict(x)),
            status=x.status,
            updated_at=now,
        )

    async def save_order(self, o: OrderRecord) -> None:
        await self.save_many([o], [], [])

    async def save_slice(self, s: SliceRecord) -> None:
        await self.save_many([], [s], [])

    async def find_client_order(self, account_id: str, client_order_id: str) -> OrderRecord | None:
        async with self.engine.connect() as conn:
            row = (
                await conn.execute(
                    select(orders.c.data).where(
                        orders.c.account_id == account_id,
                        orders.c.client_order_id == client_order_id,
                    )
                )
            ).first()
        return OrderRecord(**json.loads(row[0])) if row else None

    async def get_order(self, order_id: str) -> OrderRecord | None:
        async with self.engine.connect() as conn:
            row = (
                await conn.execute(select(orders.c.data).where(orders.c.order_id == order_id))
            ).first()
        return OrderRecord(**json.loads(row[0])) if row else None

    async def load_orders(self, open_only: bool = True) -> list[OrderRecord]:
        q = select(orders.c.data)
        if open_only:
            q = q.where(
                orders.c.status.notin_(["filled", "cancelled", "rejected", "expired", "replaced"])
            )
        async with self.engine.connect() as conn:
            rows = (await conn.execute(q)).all()
        out = [OrderRecord(**json.loads(r[0])) for r in rows]
        self._known_o.update(o.order_id for o in out)
        return out

    async def load_slices(
        self, venue: str | None = None, open_only: bool = False
    ) -> list[SliceRecord]:
        q = select(slices.c.data)
        if venue:
            q = q.where(slices.c.venue == venue)
        if open_only:
            q = q.where(slices.c.status.notin_(list(SLICE_TERMINAL)))
        async with self.engine.connect() as conn:
            rows = (await conn.execute(q.order_by(slices.c.updated_at))).all()
        out = [SliceRecord(**json.loads(r[0])) for r in rows]
        self._known_s.update(x.slice_id for x in out)
        return out

    async def save_route(
        self, decision_id: str, order_id: str, account_id: str, payload: bytes
    ) -> None:
        await self.save_many([], [], [(decision_id, order_id, account_id, payload)])

    async def list_routes(
        self, order_id: str = "", account_id: str = "", limit: int = 100, offset: int = 0
    ) -> tuple[list[bytes], int]:
        q = select(routes.c.payload)
        if order_id:
            q = q.where(routes.c.order_id == order_id)
        if account_id:
            q = q.where(routes.c.account_id == account_id)
        async with self.engine.connect() as conn:
            rows = (
                await conn.execute(q.order_by(routes.c.seq.desc()).offset(offset).limit(limit + 1))
            ).all()
        return [r[0] for r in rows[:limit]], len(rows)

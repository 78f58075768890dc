"""Subscriptions in SQL (PostgreSQL in cluster, SQLite embedded), so a restart keeps them.
The row holds the serialized `omni.signal_engine.v1.Subscription`."""

from __future__ import annotations

from typing import Any

from omni.signal_engine.v1 import signal_engine_service_pb2 as pb
from sqlalchemy import BigInteger, LargeBinary, MetaData, String, delete, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    metadata = MetaData()


class SubscriptionRow(Base):
    __tablename__ = "se_subscriptions"
    subscription_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    instrument: Mapped[str] = mapped_column(String(64), index=True)
    owner: Mapped[str] = mapped_column(String(128))
    created_ns: Mapped[int] = mapped_column(BigInteger)
    body: Mapped[bytes] = mapped_column(LargeBinary)


class SubscriptionStore:
    def __init__(self, db: Any) -> None:
        self.db = db

    async def add(self, sub: pb.Subscription) -> None:
        async with self.db.session() as s:
            s.add(SubscriptionRow(subscription_id=sub.subscription_id,
                                  instrument=sub.instrument_id.value, owner=sub.owner,
                                  created_ns=sub.created_at.ToNanoseconds(),
                                  body=sub.SerializeToString()))

    async def remove(self, subscription_id: str) -> None:
        async with self.db.session() as s:
            await s.execute(delete(SubscriptionRow).where(
                SubscriptionRow.subscription_id == subscription_id))

    async def load(self) -> list[pb.Subscription]:
        async with self.db.session() as s:
            rows = (await s.execute(select(SubscriptionRow.body).order_by(
                SubscriptionRow.created_ns, SubscriptionRow.subscription_id))).scalars().all()
        return [pb.Subscription.FromString(b) for b in rows]

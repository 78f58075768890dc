"""IterationBatch: what one event-loop iteration hands over is sent at its end, in order, once;
without a running loop at once; a failing send does not stop the others."""

from __future__ import annotations

import asyncio

import pytest
from omni_core.coalesce import IterationBatch


async def test_sent_together_at_the_end_of_the_iteration_in_order():
    sent: list[tuple[str, int]] = []
    batch = IterationBatch(lambda k, m: sent.append((k, m)))
    for n in range(5):
        batch("k" if n % 2 else "j", n)
    assert sent == [] and batch.held == 5
    await asyncio.sleep(0)
    assert sent == [("j", 0), ("k", 1), ("j", 2), ("k", 3), ("j", 4)] and batch.held == 0
    batch("k", 5)  # a later iteration: a new batch
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    assert sent[-1] == ("k", 5) and len(sent) == 6


def test_without_a_running_loop_each_goes_at_once():
    sent: list[int] = []
    batch = IterationBatch(lambda k, m: sent.append(m))
    batch("k", 1)
    assert sent == [1]


async def test_a_failing_send_does_not_stop_the_others():
    sent: list[int] = []

    def send(_key: str, m: int) -> None:
        if m == 1:
            raise RuntimeError("queue full")
        sent.append(m)

    batch = IterationBatch(send)
    for m in range(3):
        batch("k", m)
    with pytest.raises(RuntimeError, match="queue full"):
        batch.flush()  # the stop path; at the iteration's end the loop logs the error
    assert sent == [0, 2] and batch.held == 0

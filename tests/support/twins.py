"""What an async integration test awaits, under names whose synchronous twins unasync writes.

``tests/integration/_async`` is the one source of the integration tests; ``scripts/regenerate.py`` turns
``async_sleep`` into ``sync_sleep`` and ``async_gather`` into ``sync_gather`` in ``tests/integration/_sync``.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import anyio

__all__ = ["async_gather", "async_sleep", "sync_gather", "sync_sleep"]

T = TypeVar("T")


async def async_sleep(seconds: float) -> None:
    await anyio.sleep(seconds)


def sync_sleep(seconds: float) -> None:
    time.sleep(seconds)


async def async_gather(calls: Sequence[Callable[[], Awaitable[T]]], *, concurrency: int) -> list[T]:
    """Run ``calls`` as concurrent tasks, at most ``concurrency`` at a time; their results in order."""
    results: list[Any] = [None] * len(calls)
    limiter = anyio.CapacityLimiter(concurrency)

    async def run(index: int) -> None:
        async with limiter:
            results[index] = await calls[index]()

    async with anyio.create_task_group() as group:
        for index in range(len(calls)):
            group.start_soon(run, index)
    return results


def sync_gather(calls: Sequence[Callable[[], T]], *, concurrency: int) -> list[T]:
    """Run ``calls`` in ``concurrency`` threads; their results in order."""
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        return list(pool.map(lambda call: call(), calls))

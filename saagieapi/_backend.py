"""Concurrency primitives under the names the async source uses and their synchronous twins.

``saagieapi/_async`` is the one source of the client logic; ``scripts/regenerate.py`` (unasync) rewrites
``AsyncLock`` into ``SyncLock``, ``async_sleep`` into ``sync_sleep`` and ``async_to_thread`` into
``sync_to_thread`` for ``saagieapi/_sync``.

anyio is imported on first use of an asynchronous primitive only: the synchronous client never loads it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Awaitable, Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

if TYPE_CHECKING:
    import anyio

__all__ = [
    "AsyncLock",
    "AwaitableOf",
    "ResultOf",
    "SyncLock",
    "async_gather_limited",
    "async_limiter",
    "async_sleep",
    "async_to_thread",
    "sync_gather_limited",
    "sync_limiter",
    "sync_sleep",
    "sync_to_thread",
]

T = TypeVar("T")
#: What an async callback returns (``AwaitableOf[Job]``); its synchronous twin is ``ResultOf[Job]`` (a Job).
AwaitableOf = Awaitable[T]
ResultOf = Annotated[T, "result"]

SyncLock = threading.Lock
sync_sleep = time.sleep


def AsyncLock() -> anyio.Lock:
    """A lock for the tasks of one event loop (``async with lock:``)."""
    import anyio

    return anyio.Lock()


async def async_sleep(seconds: float) -> None:
    """Sleep without blocking the event loop."""
    import anyio

    await anyio.sleep(seconds)


def async_limiter(slots: int) -> anyio.Semaphore:
    """At most ``slots`` holders at once (``async with limiter:``), shared by tasks of one event loop."""
    import anyio

    return anyio.Semaphore(max(1, int(slots)))


def sync_limiter(slots: int) -> threading.Semaphore:
    """At most ``slots`` holders at once (``with limiter:``), shared by threads."""
    return threading.Semaphore(max(1, int(slots)))


async def async_to_thread(func: Callable[..., T], *args: Any) -> T:
    """``func(*args)`` in a worker thread: blocking file system calls (mkdir, fsync, large writes) must not
    stall the event loop, where every other request of the client is waiting. Its twin calls ``func`` directly.
    """
    from anyio import to_thread  # not at import time: it loads anyio's event-loop machinery (cold start)

    return await to_thread.run_sync(func, *args)


def sync_to_thread(func: Callable[..., T], *args: Any) -> T:
    """``func(*args)`` in the calling thread (the synchronous twin of :func:`async_to_thread`)."""
    return func(*args)


async def async_gather_limited(funcs: Sequence[Callable[[], Awaitable[T]]], limit: int) -> list[T]:
    """Run ``funcs`` with at most ``limit`` at a time (anyio tasks); their results in order.

    Every call runs to its end; the first exception (in the order of ``funcs``) is then raised.
    """
    import anyio

    results: list[Any] = [None] * len(funcs)
    errors: list[BaseException | None] = [None] * len(funcs)
    limiter = anyio.CapacityLimiter(max(1, int(limit)))

    async def run(index: int, func: Callable[[], Awaitable[T]]) -> None:
        async with limiter:
            try:
                results[index] = await func()
            except Exception as error:
                errors[index] = error

    async with anyio.create_task_group() as group:
        for index, func in enumerate(funcs):
            group.start_soon(run, index, func)
    first = next((error for error in errors if error is not None), None)
    if first is not None:
        raise first
    return results


def sync_gather_limited(funcs: Sequence[Callable[[], T]], limit: int) -> list[T]:
    """Run ``funcs`` in a thread pool of at most ``limit`` threads; their results in order.

    Every call runs to its end; the first exception (in the order of ``funcs``) is then raised.
    """
    if not funcs:
        return []
    workers = max(1, min(int(limit), len(funcs)))
    if workers == 1:
        outcomes: list[tuple[Any, BaseException | None]] = []
        for func in funcs:
            try:
                outcomes.append((func(), None))
            except Exception as error:
                outcomes.append((None, error))
    else:
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="saagieapi") as pool:
            futures = [pool.submit(func) for func in funcs]
            outcomes = [(None, f.exception()) if f.exception() else (f.result(), None) for f in futures]
    first = next((error for _, error in outcomes if error is not None), None)
    if first is not None:
        raise first
    return [value for value, _ in outcomes]

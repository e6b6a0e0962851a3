"""Concurrency primitives under the names the async source uses and their synchronous twins.

``saagieapi/_async`` is the one source of the client logic; ``scripts/regenerate.py`` (unasync) rewrites
``AsyncLock`` into ``SyncLock``, ``async_sleep`` into ``sync_sleep`` and ``async_to_thread`` into
``sync_to_thread`` for ``saagieapi/_sync``.

anyio is imported on first use of an asynchronous primitive only: the synchronous client never loads it.
"""

from __future__ import annotations

import contextvars
import threading
import time
from collections import deque
from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING, Annotated, Any, Generic, TypeVar

if TYPE_CHECKING:
    import asyncio
    from concurrent.futures import Future, ThreadPoolExecutor

    import anyio

__all__ = [
    "AsyncLock",
    "AsyncPrefetch",
    "AwaitableOf",
    "Prefetch",
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
    pending = iter(enumerate(funcs))

    async def worker() -> None:
        # ``limit`` workers take the calls in turn: a thousand calls are not a thousand waiting tasks (memory)
        for index, func in pending:
            try:
                results[index] = await func()
            except Exception as error:
                errors[index] = error

    async with anyio.create_task_group() as group:
        for _ in range(max(1, min(int(limit), len(funcs)))):
            group.start_soon(worker)
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
        from concurrent.futures import ThreadPoolExecutor  # not at import time: the first request needs no pool

        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="saagieapi") as pool:
            # each call runs in a copy of the caller's context, as the tasks of async_gather_limited do
            futures = [pool.submit(contextvars.copy_context().run, func) for func in funcs]
            outcomes = [(None, f.exception()) if f.exception() else (f.result(), None) for f in futures]
    first = next((error for _, error in outcomes if error is not None), None)
    if first is not None:
        raise first
    return [value for value, _ in outcomes]


def _asyncio_loop() -> asyncio.AbstractEventLoop | None:
    """The running asyncio loop, or None under another event loop (trio)."""
    import sniffio

    try:
        if sniffio.current_async_library() != "asyncio":
            return None
    except sniffio.AsyncLibraryNotFoundError:
        return None
    import asyncio

    return asyncio.get_running_loop()


def _retrieve(task: asyncio.Future[Any]) -> None:
    """Read a finished task's outcome, so that an error nobody waited for is not reported as lost."""
    if not task.cancelled():
        task.exception()


class AsyncPrefetch(Generic[T]):
    """The results of ``calls`` in their order, with up to ``window`` calls under way at once.

    Used as ``async with AsyncPrefetch(calls, window) as results: async for result in results``: while one
    result is used, the next calls are already waiting for their answers. Under asyncio the calls run as
    tasks; under another event loop, one after the other. Leaving the block cancels the calls not finished.
    """

    def __init__(self, calls: Sequence[Callable[[], Awaitable[T]]], window: int) -> None:
        self._calls = list(calls)
        self._window = max(1, int(window))
        self._next = 0
        self._running: deque[asyncio.Future[T]] = deque()

    async def __aenter__(self) -> AsyncPrefetch[T]:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        while self._running:
            self._running.popleft().cancel()

    def __aiter__(self) -> AsyncPrefetch[T]:
        return self

    async def __anext__(self) -> T:
        loop = _asyncio_loop() if self._window > 1 else None
        if loop is None:
            if self._next >= len(self._calls):
                raise StopAsyncIteration
            self._next += 1
            return await self._calls[self._next - 1]()
        while self._next < len(self._calls) and len(self._running) < self._window:
            task = loop.create_task(self._call(self._calls[self._next]))
            task.add_done_callback(_retrieve)
            self._running.append(task)
            self._next += 1
        if not self._running:
            raise StopAsyncIteration
        return await self._running.popleft()

    @staticmethod
    async def _call(call: Callable[[], Awaitable[T]]) -> T:
        return await call()


class Prefetch(Generic[T]):
    """The synchronous twin of :class:`AsyncPrefetch`: the calls run in up to ``window`` threads."""

    def __init__(self, calls: Sequence[Callable[[], T]], window: int) -> None:
        self._calls = list(calls)
        self._window = max(1, int(window))
        self._next = 0
        self._running: deque[Future[T]] = deque()
        self._pool: ThreadPoolExecutor | None = None

    def __enter__(self) -> Prefetch[T]:
        return self

    def __exit__(self, *exc_info: object) -> None:
        while self._running:
            self._running.popleft().cancel()
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)  # a call under way ends on its own

    def __iter__(self) -> Prefetch[T]:
        return self

    def __next__(self) -> T:
        if self._window == 1:
            if self._next >= len(self._calls):
                raise StopIteration
            self._next += 1
            return self._calls[self._next - 1]()
        if self._pool is None:
            from concurrent.futures import ThreadPoolExecutor

            self._pool = ThreadPoolExecutor(max_workers=self._window, thread_name_prefix="saagieapi")
        while self._next < len(self._calls) and len(self._running) < self._window:
            self._running.append(self._pool.submit(contextvars.copy_context().run, self._calls[self._next]))
            self._next += 1
        if not self._running:
            raise StopIteration
        return self._running.popleft().result()

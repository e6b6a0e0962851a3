"""``AsyncPrefetch`` / ``Prefetch``: results in order, at most ``window`` calls under way, cancel on leaving."""

from __future__ import annotations

import threading
import time

import anyio
import pytest

from saagieapi._backend import AsyncPrefetch, Prefetch


class Tracker:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.running = 0
        self.most = 0
        self.started: list[int] = []
        self.finished: list[int] = []
        self.threads: set[str] = set()

    def enter(self, index: int) -> None:
        with self.lock:
            self.threads.add(threading.current_thread().name)
            self.running += 1
            self.most = max(self.most, self.running)
            self.started.append(index)

    def leave(self, index: int) -> None:
        with self.lock:
            self.running -= 1
            self.finished.append(index)


@pytest.mark.anyio
@pytest.mark.parametrize("window", [1, 3])
async def test_async_results_in_order_within_the_window(window: int) -> None:
    tracker = Tracker()

    def call(index: int) -> object:
        async def run() -> int:
            tracker.enter(index)
            await anyio.sleep(0.02 * (5 - index % 5))  # later calls finish first
            tracker.leave(index)
            return index

        return run

    started = time.perf_counter()
    async with AsyncPrefetch([call(i) for i in range(9)], window) as results:
        assert [result async for result in results] == list(range(9))
    elapsed = time.perf_counter() - started
    assert tracker.most == window and sorted(tracker.finished) == list(range(9))
    if window == 3:
        assert elapsed < 0.9 * sum(0.02 * (5 - i % 5) for i in range(9))  # overlapped, not one after the other


@pytest.mark.anyio
async def test_async_leaving_early_cancels_the_calls_under_way() -> None:
    tracker = Tracker()

    def call(index: int) -> object:
        async def run() -> int:
            tracker.enter(index)
            await anyio.sleep(0 if index == 0 else 5)
            tracker.leave(index)
            return index

        return run

    async with AsyncPrefetch([call(i) for i in range(10)], 4) as results:
        async for result in results:
            assert result == 0
            break
    await anyio.sleep(0.05)
    assert tracker.started == [0, 1, 2, 3] and tracker.finished == [0]  # 1-3 cancelled, 4-9 never started


@pytest.mark.anyio
async def test_async_an_error_is_raised_in_order() -> None:
    async def fine() -> str:
        return "ok"

    async def broken() -> str:
        raise ValueError("boom")

    async with AsyncPrefetch([fine, broken, fine], 3) as results:
        assert await results.__anext__() == "ok"
        with pytest.raises(ValueError, match="boom"):
            await results.__anext__()


@pytest.mark.parametrize("window", [1, 3])
def test_sync_results_in_order_within_the_window(window: int) -> None:
    tracker = Tracker()

    def call(index: int) -> object:
        def run() -> int:
            tracker.enter(index)
            time.sleep(0.02 * (5 - index % 5))
            tracker.leave(index)
            return index

        return run

    with Prefetch([call(i) for i in range(9)], window) as results:
        assert list(results) == list(range(9))
    assert tracker.most == window
    if window == 1:  # one at a time, in the calling thread
        assert tracker.threads == {threading.current_thread().name} and tracker.started == list(range(9))


def test_sync_leaving_early_starts_nothing_more() -> None:
    tracker = Tracker()

    def call(index: int) -> object:
        def run() -> int:
            tracker.enter(index)
            time.sleep(0.01)
            tracker.leave(index)
            return index

        return run

    with Prefetch([call(i) for i in range(20)], 2) as results:
        assert next(results) == 0
    time.sleep(0.1)
    assert sorted(tracker.started) in ([0, 1, 2], [0, 1])  # the calls not started were cancelled


def test_sync_an_error_is_raised_in_order() -> None:
    def broken() -> str:
        raise ValueError("boom")

    with Prefetch([lambda: "ok", broken, lambda: "ok"], 2) as results:
        assert next(results) == "ok"
        with pytest.raises(ValueError, match="boom"):
            next(results)

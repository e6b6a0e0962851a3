"""The store's lock on its own: readers together, one writer alone, re-entrant writes, a read that asks to write."""

from __future__ import annotations

import threading
import time

import pytest

from saagie_emulator.store_lock import StoreLock, WriteWhileReading


def test_readers_read_together() -> None:
    lock = StoreLock()
    inside = threading.Barrier(3, timeout=5)

    def reader() -> None:
        with lock.reading():
            inside.wait()  # all three are inside at once, or the barrier times out

    threads = [threading.Thread(target=reader) for _ in range(2)]
    for thread in threads:
        thread.start()
    with lock.reading():
        inside.wait()
    for thread in threads:
        thread.join()


def test_a_writer_waits_for_the_readers_and_readers_wait_for_a_writer() -> None:
    lock = StoreLock()
    events: list[str] = []
    reading = threading.Event()

    def writer() -> None:
        reading.wait()
        with lock:
            events.append("write")

    thread = threading.Thread(target=writer)
    thread.start()
    with lock.reading():
        reading.set()
        time.sleep(0.2)
        events.append("read done")
    thread.join(timeout=5)
    assert events == ["read done", "write"]

    holding, released = threading.Event(), threading.Event()

    def long_writer() -> None:
        with lock:
            holding.set()
            released.wait(5)
            events.append("second write")

    thread = threading.Thread(target=long_writer)
    thread.start()
    holding.wait(5)
    started = time.monotonic()
    threading.Timer(0.2, released.set).start()
    with lock.reading():
        events.append("second read")
    assert time.monotonic() - started >= 0.15
    thread.join(timeout=5)
    assert events[-2:] == ["second write", "second read"]


def test_writes_are_reentrant_and_a_writer_may_read() -> None:
    lock = StoreLock()
    with lock, lock, lock.reading():
        pass
    with lock.reading():
        pass  # everything was released


def test_a_read_that_asks_to_write_is_told_and_changes_nothing() -> None:
    lock = StoreLock()
    with lock.reading():
        assert not lock.wrote_while_reading()
        with pytest.raises(WriteWhileReading):
            lock.acquire()
    assert lock.wrote_while_reading()
    with lock.reading():  # a new read starts clean
        assert not lock.wrote_while_reading()
    with lock:  # and the writer's side is free
        pass


def test_a_writer_is_not_kept_out_by_reads_that_keep_overlapping() -> None:
    """Four clients polling without pause: their reads overlap all the time. A mutation waits only for the
    reads in flight (new reads wait for it), not until the clients stop."""
    lock = StoreLock()
    stop = threading.Event()
    reads_after_write: list[int] = []
    written = threading.Event()

    def poller(offset: float) -> None:
        time.sleep(offset)
        while not stop.is_set():
            with lock.reading():
                time.sleep(0.05)
                if written.is_set():
                    reads_after_write.append(1)

    waited: list[float] = []

    def writer() -> None:
        started = time.monotonic()
        with lock:
            waited.append(time.monotonic() - started)
            written.set()

    threads = [threading.Thread(target=poller, args=(index * 0.0125,)) for index in range(4)]
    for thread in threads:
        thread.start()
    time.sleep(0.2)
    writing = threading.Thread(target=writer)
    writing.start()
    written.wait(2)  # a writer kept out until the polling stops would wait for ever: give up after 2 s
    time.sleep(0.2)
    stop.set()
    for thread in [*threads, writing]:
        thread.join(timeout=5)
    assert waited and waited[0] < 0.5, f"the writer waited {waited} s"  # the reads in flight: ~50 ms
    assert reads_after_write  # and the readers went on after it


def test_a_read_nested_in_a_read_does_not_wait_for_a_waiting_writer() -> None:
    lock = StoreLock()
    outer, nested_done = threading.Event(), threading.Event()

    def writer() -> None:
        outer.wait(5)
        with lock:
            pass

    thread = threading.Thread(target=writer)
    thread.start()
    with lock.reading():
        outer.set()
        time.sleep(0.2)  # the writer now waits for this read
        with lock.reading():  # would deadlock if it waited for the writer
            nested_done.set()
    thread.join(timeout=5)
    assert nested_done.is_set() and not thread.is_alive()

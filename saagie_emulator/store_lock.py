"""The store's lock: one writer at a time, or any number of readers together.

GraphQL queries only read the state, so they run together (:meth:`StoreLock.reading`): a costly query no
longer makes every other client wait. A change (a mutation, a schedule firing, a reset, a save) takes the
lock for itself with ``with store.lock:``, re-entrant in its thread as the ``RLock`` it replaces, and waits
for the readers in flight. A waiting writer goes first: new reads wait for it (clients polling without pause
would otherwise keep a mutation out for as long as their reads overlap), except a read nested in a read of
the same thread, which would wait for a writer that waits for it.

A reader that asks for the writer's side (a query path that would change the state) cannot get it without
deadlocking: it gets :class:`WriteWhileReading` instead, and ``wrote_while_reading()`` tells the caller,
which runs the request again as a writer.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from types import TracebackType

__all__ = ["StoreLock", "WriteWhileReading"]


class WriteWhileReading(RuntimeError):
    """A thread reading the store asked to change it (it must run again as a writer)."""


class StoreLock:
    """Shared (``reading()``) or exclusive (``with lock:``, re-entrant) access to a store."""

    def __init__(self) -> None:
        self._condition = threading.Condition(threading.Lock())
        self._owner: int | None = None
        self._depth = 0
        self._readers = 0
        self._waiting_writers = 0
        self._local = threading.local()

    # -- exclusive -------------------------------------------------------------------------------------
    def acquire(self) -> bool:
        me = threading.get_ident()
        if getattr(self._local, "reading", 0):
            self._local.wanted_write = True
            raise WriteWhileReading("a read of the store tried to change it")
        with self._condition:
            if self._owner == me:
                self._depth += 1
                return True
            self._waiting_writers += 1
            try:
                while self._owner is not None or self._readers:
                    self._condition.wait()
            finally:
                self._waiting_writers -= 1
                self._condition.notify_all()  # reads held back for this writer look again
            self._owner, self._depth = me, 1
        return True

    def release(self) -> None:
        with self._condition:
            if self._owner != threading.get_ident():
                raise RuntimeError("release of a store lock this thread does not hold")
            self._depth -= 1
            if self._depth == 0:
                self._owner = None
                self._condition.notify_all()

    def __enter__(self) -> StoreLock:
        self.acquire()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, value: BaseException | None, traceback: TracebackType | None
    ) -> None:
        self.release()

    # -- shared ----------------------------------------------------------------------------------------
    @contextlib.contextmanager
    def reading(self) -> Iterator[None]:
        """Read the store alongside other readers (inside this thread's own write: just go on)."""
        me = threading.get_ident()
        depth = getattr(self._local, "reading", 0)
        with self._condition:
            if self._owner == me:
                owned = True
            else:
                owned = False
                while self._owner is not None or (self._waiting_writers and not depth):
                    self._condition.wait()
                self._readers += 1
        self._local.reading = depth + (0 if owned else 1)
        if depth == 0:
            self._local.wanted_write = False
        try:
            yield
        finally:
            self._local.reading = depth
            if not owned:
                with self._condition:
                    self._readers -= 1
                    if not self._readers:
                        self._condition.notify_all()

    def wrote_while_reading(self) -> bool:
        """Whether this thread's last read asked to change the store (then nothing was changed)."""
        return bool(getattr(self._local, "wanted_write", False))

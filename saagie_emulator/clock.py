"""Emulated time: the wall clock plus an offset that tests move forward, optionally frozen.

Every time the emulator reads (instance and app life cycles, project initialisation, creation dates,
schedules) comes from the :class:`Clock` of its platform, never from :func:`time.time` directly, so a test
can jump over a wait instead of sleeping::

    with saagie_emulator.running() as platform:
        ...                                   # run a job
        platform.clock.advance(minutes=30)    # every status 30 minutes later, at once

Durations in the life cycles are divided by the platform's ``speed``; the clock is not: ``advance(minutes=1)``
moves emulated time by one minute whatever the speed.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import datetime, timezone

__all__ = ["Clock"]


class Clock:
    """Epoch seconds of the emulated platform: ``time.time() + offset`` (or a frozen instant).

    Thread-safe. ``advance`` never goes back in time: emulated statuses only move forward.
    """

    def __init__(self, offset: float = 0.0) -> None:
        self._lock = threading.Lock()
        self._offset = float(offset)
        self._frozen_at: float | None = None
        self._listeners: list[Callable[[float], None]] = []

    def now(self) -> float:
        """Current emulated time, in epoch seconds."""
        with self._lock:
            if self._frozen_at is not None:
                return self._frozen_at
            return time.time() + self._offset

    def datetime(self) -> datetime:
        """Current emulated time as an aware UTC ``datetime``."""
        return datetime.fromtimestamp(self.now(), timezone.utc)

    @property
    def offset(self) -> float:
        """Seconds the emulated clock is ahead of the wall clock now (kept in the state file)."""
        with self._lock:
            if self._frozen_at is not None:
                return self._frozen_at - time.time()
            return self._offset

    @property
    def frozen(self) -> bool:
        with self._lock:
            return self._frozen_at is not None

    def advance(self, *, days: float = 0, hours: float = 0, minutes: float = 0, seconds: float = 0) -> float:
        """Move emulated time forward; returns the new time (epoch seconds).

        >>> clock = Clock()
        >>> before = clock.now()
        >>> clock.advance(minutes=30) - before >= 1800
        True
        """
        delta = days * 86400 + hours * 3600 + minutes * 60 + seconds
        if delta < 0:
            raise ValueError("the emulated clock only moves forward")
        with self._lock:
            if self._frozen_at is not None:
                self._frozen_at += delta
                current = self._frozen_at
            else:
                self._offset += delta
                current = time.time() + self._offset
            listeners = list(self._listeners)
        for listener in listeners:
            listener(current)
        return current

    def freeze(self) -> float:
        """Stop emulated time where it is (it then moves only with :meth:`advance`); returns that instant."""
        with self._lock:
            if self._frozen_at is None:
                self._frozen_at = time.time() + self._offset
            return self._frozen_at

    def resume(self) -> None:
        """Let emulated time flow again from where it is frozen (the offset keeps what was advanced)."""
        with self._lock:
            if self._frozen_at is not None:
                self._offset = self._frozen_at - time.time()
                self._frozen_at = None

    def restore(self, offset: float) -> None:
        """Put the clock ``offset`` seconds ahead of the wall clock (a restart keeps emulated time), not frozen."""
        with self._lock:
            self._offset = float(offset)
            self._frozen_at = None

    def reset(self) -> None:
        """Back to the wall clock, not frozen (listeners stay subscribed)."""
        with self._lock:
            self._offset = 0.0
            self._frozen_at = None

    def subscribe(self, listener: Callable[[float], None]) -> None:
        """Call ``listener(now)`` after every :meth:`advance` (a scheduler fires what became due)."""
        with self._lock:
            self._listeners.append(listener)

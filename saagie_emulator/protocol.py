"""uvicorn's h11 protocol with the two timeouts it lacks: the request head, and an idle request body.

uvicorn closes idle keep-alive connections, but a client that sends half a request head, or a body one byte at
a time, holds its connection (and a file descriptor) forever: a thousand of them and normal clients can no
longer connect. Here a connection must send a complete request head within ``header_timeout`` seconds of
opening (or of its previous response), and a body being received may not pause longer than
``body_idle_timeout``; otherwise the connection is closed. The handler's own time is never limited.
"""

from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.protocols.http.h11_impl import H11Protocol

from .limits import Limits

__all__ = ["guarded_protocol"]


class _GuardedH11Protocol(H11Protocol):
    limits: Limits = Limits()

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        now = self.loop.time()
        self._head_deadline = now + self.limits.header_timeout
        self._last_data = now
        self._watched_cycle: Any = None
        interval = max(0.05, min(self.limits.header_timeout, self.limits.body_idle_timeout) / 4)
        self._interval = interval
        self._watchdog: asyncio.TimerHandle | None = self.loop.call_later(interval, self._check)

    def connection_lost(self, exc: Exception | None) -> None:
        if self._watchdog is not None:
            self._watchdog.cancel()
            self._watchdog = None
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        self._last_data = self.loop.time()
        super().data_received(data)

    def on_response_complete(self) -> None:
        self._head_deadline = self.loop.time() + self.limits.header_timeout
        super().on_response_complete()

    def _check(self) -> None:
        self._watchdog = None
        if self.transport is None or self.transport.is_closing():
            return
        now = self.loop.time()
        cycle = self.cycle
        if cycle is None or cycle.response_complete:
            expired = now > self._head_deadline  # waiting for a (next) request head
        else:
            # A request is in progress: only a body that stopped arriving counts, not the handler's time.
            expired = bool(getattr(cycle, "more_body", False)) and now - self._last_data > self.limits.body_idle_timeout
        if expired:
            self.transport.close()
            return
        self._watchdog = self.loop.call_later(self._interval, self._check)


def guarded_protocol(limits: Limits) -> type[asyncio.Protocol]:
    """An h11 protocol class for ``uvicorn.Config(http=...)`` enforcing ``limits``' timeouts."""
    return type("GuardedH11Protocol", (_GuardedH11Protocol,), {"limits": limits})

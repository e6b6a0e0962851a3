"""Fault injection: latency (and spikes), HTTP 429/5xx with Retry-After, dropped connections, expired tokens.

Faults strike before the platform handles the request, except a share ``after_rate`` of the 5xx answers and
dropped connections, which strike once the request was executed (its answer is lost: the client cannot know).

One :class:`Faults` per server; change it at start (``running(latency_ms=...)``, ``--fault-rate``) or at
run time (``platform.faults.configure(...)`` or ``POST /_emulator/faults``). Control paths
(``/_emulator/...``) are never faulted.
"""

from __future__ import annotations

import asyncio
import random
import threading
from dataclasses import dataclass, field
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["DroppedConnection", "FaultMiddleware", "Faults"]

FAULT_STATUSES = (429, 500, 502, 503)


class DroppedConnection(Exception):
    """Raised inside the server after the response started: the client sees the connection cut."""


@dataclass
class Faults:
    latency_ms: float = 0.0
    fault_rate: float = 0.0
    fault_statuses: tuple[int, ...] = FAULT_STATUSES
    retry_after_seconds: int = 1
    drop_rate: float = 0.0
    expired_token_rate: float = 0.0
    spike_rate: float = 0.0
    spike_ms: float = 0.0
    #: Share of the 5xx answers and dropped connections that strike after the request was executed.
    after_rate: float = 0.0
    seed: int | None = None
    _random: random.Random = field(default_factory=random.Random, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    injected: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.seed is not None:
            self._random.seed(self.seed)

    def configure(self, **settings: Any) -> None:
        """Change settings at run time, e.g. ``configure(fault_rate=0.2, fault_statuses=[503])``.

        Every value is checked before any is applied: a ``ValueError`` changes nothing.
        """
        checked = {key: _checked(key, given) for key, given in settings.items()}
        with self._lock:
            for key, value in checked.items():
                setattr(self, key, value)
            if checked.get("seed") is not None:
                self._random.seed(checked["seed"])

    def reset(self) -> None:
        self.configure(
            latency_ms=0.0, fault_rate=0.0, drop_rate=0.0, expired_token_rate=0.0, spike_rate=0.0, after_rate=0.0
        )
        with self._lock:
            self.fault_statuses = FAULT_STATUSES
            self.retry_after_seconds = 1
            self.injected.clear()

    def settings(self) -> dict[str, Any]:
        names = (
            "latency_ms",
            "fault_rate",
            "retry_after_seconds",
            "drop_rate",
            "expired_token_rate",
            "spike_rate",
            "spike_ms",
            "after_rate",
            "seed",
        )
        with self._lock:
            values: dict[str, Any] = {name: getattr(self, name) for name in names}
            values["fault_statuses"] = list(self.fault_statuses)
            values["injected"] = dict(self.injected)
        return values

    def draw_spike(self) -> float:
        """Extra latency (seconds) for the next request: ``spike_ms`` with probability ``spike_rate``."""
        with self._lock:
            if not (self.spike_rate and self._random.random() < self.spike_rate):
                return 0.0
            self.injected["spike"] = self.injected.get("spike", 0) + 1
            return self.spike_ms / 1000

    def draw_after(self, choice: str | int) -> bool:
        """Whether the fault ``choice`` strikes after the request was executed (5xx and drops only)."""
        if choice in ("expire", 429):
            return False
        with self._lock:
            if not (self.after_rate and self._random.random() < self.after_rate):
                return False
            self.injected["after"] = self.injected.get("after", 0) + 1
            return True

    def draw(self) -> str | int | None:
        """What to do with the next request: None, ``"drop"``, ``"expire"`` or a status code."""
        with self._lock:
            roll = self._random.random
            if self.drop_rate and roll() < self.drop_rate:
                choice: str | int | None = "drop"
            elif self.fault_rate and roll() < self.fault_rate:
                choice = self._random.choice(self.fault_statuses)
            elif self.expired_token_rate and roll() < self.expired_token_rate:
                choice = "expire"
            else:
                choice = None
            if choice is not None:
                self.injected[str(choice)] = self.injected.get(str(choice), 0) + 1
            return choice


_RATES = frozenset({"fault_rate", "drop_rate", "expired_token_rate", "spike_rate", "after_rate"})
_DURATIONS = frozenset({"latency_ms", "spike_ms"})


def _number(key: str, given: Any) -> float:
    if isinstance(given, bool) or not isinstance(given, int | float | str):
        raise ValueError(f"{key} must be a number, not {type(given).__name__}")
    try:
        value = float(given)
    except ValueError:
        raise ValueError(f"{key} must be a number, not {given!r}") from None
    if not value >= 0 or value == float("inf"):
        raise ValueError(f"{key} must be a finite number >= 0")
    return value


def _checked(key: str, given: Any) -> Any:
    """The value of a setting, or ValueError naming what is wrong."""
    if key in _RATES:
        value = _number(key, given)
        if value > 1:
            raise ValueError(f"{key} is a share of requests, between 0 and 1")
        return value
    if key in _DURATIONS:
        return _number(key, given)
    if key == "retry_after_seconds":
        return int(_number(key, given))
    if key == "seed":
        if given is not None and (isinstance(given, bool) or not isinstance(given, int)):
            raise ValueError("seed must be an integer or null")
        return given
    if key == "fault_statuses":
        if not isinstance(given, list | tuple) or not given:
            raise ValueError("fault_statuses must be a non-empty list of status codes")
        statuses = tuple(int(_number(key, status)) for status in given)
        if not set(statuses) <= {429, 500, 502, 503, 504}:
            raise ValueError("fault_statuses must be among 429, 500, 502, 503, 504")
        return statuses
    raise ValueError(f"unknown fault setting {key!r}")


class FaultMiddleware:
    """Pure ASGI middleware applying :class:`Faults` to every request but the control paths."""

    def __init__(self, app: ASGIApp, faults: Faults) -> None:
        self.app = app
        self.faults = faults

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"].startswith("/_emulator"):
            await self.app(scope, receive, send)
            return
        delay = self.faults.latency_ms / 1000 + self.faults.draw_spike()
        if delay > 0:
            await asyncio.sleep(delay)
        choice = self.faults.draw()
        if choice is not None and self.faults.draw_after(choice):

            async def discard(message: Message) -> None:
                return None

            await self.app(scope, receive, discard)  # executed; its answer never reaches the client
        if choice is None:
            await self.app(scope, receive, send)
        elif choice == "drop":
            await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"100")]})
            raise DroppedConnection("connection dropped by fault injection")
        elif choice == "expire":
            scope = dict(scope)
            scope["headers"] = [(k, v) for k, v in scope["headers"] if k.lower() != b"authorization"]
            await self.app(scope, receive, send)
        else:
            status = int(choice)
            body = f"Injected fault: HTTP {status}".encode()
            headers = [(b"content-type", b"text/plain"), (b"content-length", str(len(body)).encode())]
            if status in (429, 503):
                headers.append((b"retry-after", str(self.faults.retry_after_seconds).encode()))
            await send({"type": "http.response.start", "status": status, "headers": headers})
            await send({"type": "http.response.body", "body": body})

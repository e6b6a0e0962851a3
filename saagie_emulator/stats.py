"""What the emulator saw (requests, executed mutations) and its forward-compatibility mode.

* :class:`Stats` counts every request that reached the server (control paths excepted) and every GraphQL
  mutation that was actually executed, by operation name: a test can compare what a client issued with
  what ran (``platform.stats.snapshot()`` or ``GET /_emulator/stats``).
* :class:`ForwardCompat` makes GraphQL answers look like those of a newer platform: extra fields on every
  object, enum values and ``__typename`` values this SDK version cannot know (``platform.forward_compat``,
  ``GET|POST /_emulator/forward-compat``).
"""

from __future__ import annotations

import threading
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from starlette.types import ASGIApp, Receive, Scope, Send

__all__ = ["ForwardCompat", "Stats", "StatsMiddleware"]


@dataclass
class Stats:
    """Counters of one server; thread-safe."""

    requests: int = 0
    paths: Counter[str] = field(default_factory=Counter)
    mutations: Counter[str] = field(default_factory=Counter)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def count_request(self, path: str) -> None:
        with self._lock:
            self.requests += 1
            self.paths[path] += 1

    @property
    def logins(self) -> int:
        """Requests received on the login endpoint."""
        with self._lock:
            return self.paths["/authentication/api/open/authenticate"]

    def count_mutation(self, operation_name: str | None) -> None:
        with self._lock:
            self.mutations[operation_name or "<anonymous>"] += 1

    @property
    def mutations_executed(self) -> int:
        with self._lock:
            return sum(self.mutations.values())

    def snapshot(self) -> dict[str, Any]:
        with self._lock:
            return {
                "requests": self.requests,
                "paths": dict(self.paths),
                "mutations_executed": sum(self.mutations.values()),
                "mutations": dict(self.mutations),
            }

    def reset(self) -> None:
        with self._lock:
            self.requests = 0
            self.paths.clear()
            self.mutations.clear()


class StatsMiddleware:
    """Counts every HTTP request but the control paths, before fault injection."""

    def __init__(self, app: ASGIApp, stats: Stats) -> None:
        self.app = app
        self.stats = stats

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and not scope["path"].startswith("/_emulator"):
            self.stats.count_request("/" + scope["path"].lstrip("/"))
        await self.app(scope, receive, send)


@dataclass
class ForwardCompat:
    """Rewrites of GraphQL answers, as a newer platform would send them. Off when every setting is empty.

    * ``extra_field``: a field name added (value ``"from-the-future"``) to every object of ``data``;
    * ``enum_values``: ``{field name: value}``, the string value of that field replaced wherever it appears;
    * ``typenames``: ``{old: new}``, ``__typename`` values renamed wherever they appear.
    """

    extra_field: str | None = None
    enum_values: dict[str, str] = field(default_factory=dict)
    typenames: dict[str, str] = field(default_factory=dict)

    @property
    def active(self) -> bool:
        return bool(self.extra_field or self.enum_values or self.typenames)

    def configure(self, **settings: Any) -> None:
        for key, value in settings.items():
            if key == "extra_field":
                self.extra_field = None if value is None else str(value)
            elif key in ("enum_values", "typenames"):
                if not isinstance(value, dict):
                    raise ValueError(f"{key} must be an object of strings")
                setattr(self, key, {str(name): str(item) for name, item in value.items()})
            else:
                raise ValueError(f"unknown forward-compat setting {key!r}")

    def reset(self) -> None:
        self.extra_field = None
        self.enum_values = {}
        self.typenames = {}

    def settings(self) -> dict[str, Any]:
        return {
            "extra_field": self.extra_field,
            "enum_values": dict(self.enum_values),
            "typenames": dict(self.typenames),
        }

    def rewrite(self, response: dict[str, Any]) -> dict[str, Any]:
        if self.active and isinstance(response.get("data"), dict):
            response["data"] = self._rewrite(response["data"])
        return response

    def _rewrite(self, value: Any) -> Any:
        if isinstance(value, list):
            return [self._rewrite(item) for item in value]
        if not isinstance(value, dict):
            return value
        rewritten = {key: self._rewrite(item) for key, item in value.items()}
        for key, new in self.enum_values.items():
            if isinstance(rewritten.get(key), str):
                rewritten[key] = new
        typename = rewritten.get("__typename")
        if isinstance(typename, str) and typename in self.typenames:
            rewritten["__typename"] = self.typenames[typename]
        if self.extra_field and rewritten:
            rewritten[self.extra_field] = "from-the-future"
        return rewritten

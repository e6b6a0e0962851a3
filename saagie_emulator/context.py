"""What every resolver and REST handler receives: the platform's backend and the caller."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .backend import Backend, Caller
from .clock import Clock
from .lifecycle import Controls
from .store import Store

__all__ = ["RequestContext", "context_of"]


@dataclass
class RequestContext:
    backend: Backend
    login: str
    #: Answers computed once per request by resolvers that would otherwise repeat them per listed object
    #: (read-only requests only: a mutation changes what they depend on).
    memo: dict[Any, Any] = field(default_factory=dict)

    @property
    def caller(self) -> Caller:
        return Caller(self.login)

    @property
    def store(self) -> Store:
        return self.backend.store

    @property
    def controls(self) -> Controls:
        return self.backend.controls

    @property
    def clock(self) -> Clock:
        return self.backend.clock

    @property
    def platform_id(self) -> int:
        return self.backend.store.data.platform_id

    def now(self) -> float:
        return self.backend.clock.now()


def context_of(info: Any) -> RequestContext:
    """The :class:`RequestContext` of a GraphQL resolver's ``info``."""
    context: RequestContext = info.context
    return context

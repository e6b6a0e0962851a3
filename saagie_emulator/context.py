"""What every resolver and REST handler receives: the store, the simulation controls, the caller."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .lifecycle import Controls
from .store import Store

__all__ = ["RequestContext", "context_of"]


@dataclass
class RequestContext:
    store: Store
    controls: Controls
    login: str

    @property
    def platform_id(self) -> int:
        return self.store.data.platform_id


def context_of(info: Any) -> RequestContext:
    """The :class:`RequestContext` of a GraphQL resolver's ``info``."""
    context: RequestContext = info.context
    return context

"""What every domain backend shares: the store, the simulation controls, the clock and its siblings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ..clock import Clock
    from ..lifecycle import Controls
    from ..store import Store, StoreData
    from . import Backend

__all__ = ["Caller", "Domain", "Upload"]


@dataclass(frozen=True)
class Caller:
    """Who makes a call: the login behind the bearer token."""

    login: str


class Upload(Protocol):
    """A file sent with a request (GraphQL multipart): its name as sent and its bytes."""

    @property
    def filename(self) -> str: ...

    @property
    def content(self) -> bytes: ...


class Domain:
    """Base of the domain backends: plain methods over the platform's state, no wire format.

    A mutation method checks every rule first and changes the state only once nothing can be refused any
    more, so a refused call leaves the state exactly as it was.
    """

    def __init__(self, backend: Backend) -> None:
        self.backend = backend

    @property
    def store(self) -> Store:
        return self.backend.store

    @property
    def data(self) -> StoreData:
        return self.backend.store.data

    @property
    def clock(self) -> Clock:
        return self.backend.clock

    @property
    def controls(self) -> Controls:
        return self.backend.controls

    def now(self) -> float:
        return self.backend.clock.now()

"""What every domain backend shares: the store, the simulation controls, the clock and its siblings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ..clock import Clock
    from ..lifecycle import Controls
    from ..store import Store, StoreData
    from . import Backend
    from .authz import AuthzBackend

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

    A mutation method looks up what it names (``NOT_FOUND``), checks the caller's rights, checks every rule
    of :mod:`~saagie_emulator.rules.book`, and changes the state only once nothing can be refused any
    more, so a refused call leaves the state exactly as it was. A read of one entity answers ``None`` when
    the entity does not exist or the caller may not see it, as the platform's nullable lookups do.
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

    @property
    def authz(self) -> AuthzBackend:
        return self.backend.authz

    def now(self) -> float:
        return self.backend.clock.now()

    def check_log_proxy_path(self, realm: str, platform_id: str) -> None:
        """The realm and platform named in a log-proxy path are this platform's."""
        from ..rules import book

        if realm != self.data.realm or platform_id != str(self.data.platform_id):
            raise book.LOGS_UNKNOWN_PLATFORM.error()

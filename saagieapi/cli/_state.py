"""What the global options say (connection, output mode), and the one SDK client of a command."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from saagieapi import SaagieApi

__all__ = ["State", "state_of"]


@dataclass
class State:
    """Global options of one ``saagie`` invocation."""

    profile: str | None = None
    #: Connection flags by setting key (``{"url": ..., "insecure": True}``; see ``_settings.py``).
    flags: dict[str, object] = field(default_factory=dict)
    json: bool = False
    debug: bool = False
    _api: SaagieApi | None = field(default=None, repr=False)

    def api(self) -> SaagieApi:
        """The SDK client for these settings (created once, closed when the command ends)."""
        if self._api is None:
            from saagieapi import SaagieApi

            from ._settings import client_arguments

            self._api = SaagieApi(**client_arguments(self))
        return self._api

    def close(self) -> None:
        if self._api is not None:
            self._api.close()
            self._api = None


def state_of(ctx: Any) -> State:
    """The :class:`State` of a command's context (a default one when run outside ``saagie``)."""
    found = ctx.find_object(State)
    if found is None:
        found = ctx.ensure_object(State)
    return found  # type: ignore[no-any-return]

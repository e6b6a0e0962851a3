"""Base class of the sub-resources (``api.jobs``, ``api.projects``...).

This file is the single source: ``saagieapi/_sync/resource.py`` is generated from it (``make codegen``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .._core.signature_checks import check_public_methods

if TYPE_CHECKING:
    from .._generated.gateway.async_client import AsyncGatewayClient
    from .._generated.projects.async_client import AsyncProjectsClient
    from .client import AsyncSaagieApi
    from .transport import AsyncTransport

__all__ = ["AsyncResource"]


class AsyncResource:
    """A group of methods sharing the client's connection, catalog cache and settings."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        check_public_methods(cls)  # a wrong argument type is an InvalidInputError (saagieapi/_core/signature_checks.py)

    def __init__(self, api: AsyncSaagieApi) -> None:
        self._api = api

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {self._api!r}>"

    @property
    def _client(self) -> AsyncProjectsClient:
        """Generated client of the projects API."""
        return self._api.client

    @property
    def _gateway(self) -> AsyncGatewayClient:
        """Generated client of the gateway API."""
        return self._api.client_gateway

    @property
    def _transport(self) -> AsyncTransport:
        """The HTTP transport (REST calls, downloads)."""
        return self._api.transport

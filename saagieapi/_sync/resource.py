# Generated from saagieapi/_async by scripts/regenerate.py (unasync). Do not edit.
"""Base class of the sub-resources (``api.jobs``, ``api.projects``...).

This file is the single source: ``saagieapi/_sync/resource.py`` is generated from it (``make codegen``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .._core.signature_checks import check_public_methods

if TYPE_CHECKING:
    from .._generated.gateway.client import GatewayClient
    from .._generated.projects.client import ProjectsClient
    from .client import SaagieApi
    from .transport import Transport

__all__ = ["Resource"]


class Resource:
    """A group of methods sharing the client's connection, catalog cache and settings."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        check_public_methods(cls)  # a wrong argument type is an InvalidInputError (saagieapi/_core/signature_checks.py)

    def __init__(self, api: SaagieApi) -> None:
        self._api = api

    def __repr__(self) -> str:
        return f"<{type(self).__name__} of {self._api!r}>"

    @property
    def _client(self) -> ProjectsClient:
        """Generated client of the projects API."""
        return self._api.client

    @property
    def _gateway(self) -> GatewayClient:
        """Generated client of the gateway API."""
        return self._api.client_gateway

    @property
    def _transport(self) -> Transport:
        """The HTTP transport (REST calls, downloads)."""
        return self._api.transport

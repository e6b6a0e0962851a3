"""saagieapi — typed Python SDK for the Saagie DataOps platform.

Example::

    from saagieapi import SaagieApi

    with SaagieApi.easy_connect("https://acme-workspace.saagie.io/projects/platform/6/", "me", "secret") as api:
        platform_name = api.get_platform_info().name

Names are imported lazily so that ``import saagieapi`` stays cheap.
"""

from __future__ import annotations

import importlib
import logging
from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:
    from ._async.client import AsyncSaagieApi
    from ._sync.client import SaagieApi
    from .connection import PlatformURL, parse_platform_url
    from .errors import (
        AmbiguousNameError,
        AuthenticationError,
        ClientClosedError,
        ConfigurationError,
        ExportError,
        ExportFormatError,
        GraphQLError,
        GraphQLNotFoundError,
        HTTPStatusError,
        InvalidInputError,
        InvalidResponseError,
        InvalidURLError,
        MissingArtifactError,
        MoveRefusedError,
        NotFoundError,
        NotSaagiePlatformError,
        OutcomeUnknownError,
        PermissionDeniedError,
        RateLimitError,
        RunFailedError,
        SaagieConnectionError,
        SaagieError,
        SaagieTimeoutError,
        ServerError,
        UnsafePathError,
        WaitError,
        WaitTimeoutError,
    )

__all__ = [
    "AmbiguousNameError",
    "AsyncSaagieApi",
    "AuthenticationError",
    "ClientClosedError",
    "ConfigurationError",
    "ExportError",
    "ExportFormatError",
    "GraphQLError",
    "GraphQLNotFoundError",
    "HTTPStatusError",
    "InvalidInputError",
    "InvalidResponseError",
    "InvalidURLError",
    "MissingArtifactError",
    "MoveRefusedError",
    "NotFoundError",
    "NotSaagiePlatformError",
    "OutcomeUnknownError",
    "PermissionDeniedError",
    "PlatformURL",
    "RateLimitError",
    "RunFailedError",
    "SaagieApi",
    "SaagieConnectionError",
    "SaagieError",
    "SaagieTimeoutError",
    "ServerError",
    "UnsafePathError",
    "WaitError",
    "WaitTimeoutError",
    "__version__",
    "parse_platform_url",
]

logging.getLogger("saagieapi").addHandler(logging.NullHandler())

_LOCATIONS = {
    "SaagieApi": "._sync.client",
    "AsyncSaagieApi": "._async.client",
    "PlatformURL": ".connection",
    "parse_platform_url": ".connection",
}


def __getattr__(name: str) -> Any:
    if name in _LOCATIONS:
        module = importlib.import_module(_LOCATIONS[name], __name__)
    elif name in __all__:
        module = importlib.import_module(".errors", __name__)
    else:
        raise AttributeError(f"module 'saagieapi' has no attribute {name!r}")
    value = getattr(module, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)

"""Connection settings: platform URLs, ``easy_connect`` parsing, environment variables.

The public face of :mod:`saagieapi._core.settings` and :mod:`saagieapi._core.urls`. A Saagie platform URL looks
like ``https://<realm>-workspace.<domain>/projects/platform/<id>/``, possibly followed by the path of a
project, job, app, pipeline or instance; :func:`parse_platform_url` splits it::

    >>> parse_platform_url("https://acme-workspace.saagie.io/projects/platform/6/project/p1/job/j1").job_id
    'j1'

:data:`SETTINGS` lists every setting with its ``SAAGIE_*`` variable and command-line flag.
"""

from __future__ import annotations

from ._core.settings import (
    DEFAULT_CONNECT_TIMEOUT,
    DEFAULT_RETRIES,
    DEFAULT_TIMEOUT,
    SETTINGS,
    ConnectionArguments,
    ConnectionOptions,
    ConnectionSettings,
    Setting,
    VerifyTypes,
    settings_from_env,
)
from ._core.urls import EXPECTED_SHAPE, PlatformURL, parse_platform_url

__all__ = [
    "DEFAULT_CONNECT_TIMEOUT",
    "DEFAULT_RETRIES",
    "DEFAULT_TIMEOUT",
    "EXPECTED_SHAPE",
    "SETTINGS",
    "ConnectionArguments",
    "ConnectionOptions",
    "ConnectionSettings",
    "PlatformURL",
    "Setting",
    "VerifyTypes",
    "parse_platform_url",
    "settings_from_env",
]

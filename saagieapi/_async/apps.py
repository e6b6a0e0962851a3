"""``api.apps``: apps: from the catalog or a docker image, versions, run, stop, logs.

This file is the single source: ``saagieapi/_sync/apps.py`` is generated from it (``make codegen``).
"""

from __future__ import annotations

from .resource import AsyncResource

__all__ = ["AsyncApps"]


class AsyncApps(AsyncResource):
    """Methods of ``api.apps`` (apps: from the catalog or a docker image, versions, run, stop, logs)."""

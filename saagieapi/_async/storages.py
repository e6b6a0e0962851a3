"""``api.storages``: storages (volumes) of a project.

This file is the single source: ``saagieapi/_sync/storages.py`` is generated from it (``make codegen``).
"""

from __future__ import annotations

from .resource import AsyncResource

__all__ = ["AsyncStorages"]


class AsyncStorages(AsyncResource):
    """Methods of ``api.storages`` (storages (volumes) of a project)."""

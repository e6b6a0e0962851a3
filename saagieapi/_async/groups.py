"""``api.groups``: user groups and their permissions (REST).

This file is the single source: ``saagieapi/_sync/groups.py`` is generated from it (``make codegen``).
"""

from __future__ import annotations

from .resource import AsyncResource

__all__ = ["AsyncGroups"]


class AsyncGroups(AsyncResource):
    """Methods of ``api.groups`` (user groups and their permissions (REST))."""

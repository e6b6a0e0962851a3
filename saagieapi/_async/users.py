"""``api.users``: platform users (REST).

This file is the single source: ``saagieapi/_sync/users.py`` is generated from it (``make codegen``).
"""

from __future__ import annotations

from .resource import AsyncResource

__all__ = ["AsyncUsers"]


class AsyncUsers(AsyncResource):
    """Methods of ``api.users`` (platform users (REST))."""

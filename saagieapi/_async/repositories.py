"""``api.repositories``: technology catalog repositories (gateway API).

This file is the single source: ``saagieapi/_sync/repositories.py`` is generated from it (``make codegen``).
"""

from __future__ import annotations

from .resource import AsyncResource

__all__ = ["AsyncRepositories"]


class AsyncRepositories(AsyncResource):
    """Methods of ``api.repositories`` (technology catalog repositories (gateway API))."""

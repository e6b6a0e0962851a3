"""``api.profiles``: user profiles (REST).

This file is the single source: ``saagieapi/_sync/profiles.py`` is generated from it (``make codegen``).
"""

from __future__ import annotations

from .resource import AsyncResource

__all__ = ["AsyncProfiles"]


class AsyncProfiles(AsyncResource):
    """Methods of ``api.profiles`` (user profiles (REST))."""

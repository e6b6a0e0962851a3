# Generated from saagieapi/_async by scripts/regenerate.py (unasync). Do not edit.
"""``api.users``: platform users (REST).

This file is the single source: ``saagieapi/_sync/users.py`` is generated from it (``make codegen``).
"""

from __future__ import annotations

from .resource import Resource

__all__ = ["Users"]


class Users(Resource):
    """Methods of ``api.users`` (platform users (REST))."""

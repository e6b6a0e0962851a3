# Generated from saagieapi/_async by scripts/regenerate.py (unasync). Do not edit.
"""``api.groups``: user groups and their permissions (REST).

This file is the single source: ``saagieapi/_sync/groups.py`` is generated from it (``make codegen``).
"""

from __future__ import annotations

from .resource import Resource

__all__ = ["Groups"]


class Groups(Resource):
    """Methods of ``api.groups`` (user groups and their permissions (REST))."""

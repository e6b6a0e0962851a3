# Generated from saagieapi/_async by scripts/regenerate.py (unasync). Do not edit.
"""``api.repositories``: technology catalog repositories (gateway API).

This file is the single source: ``saagieapi/_sync/repositories.py`` is generated from it (``make codegen``).
"""

from __future__ import annotations

from .resource import Resource

__all__ = ["Repositories"]


class Repositories(Resource):
    """Methods of ``api.repositories`` (technology catalog repositories (gateway API))."""

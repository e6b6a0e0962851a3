# Generated from saagieapi/_async by scripts/regenerate.py (unasync). Do not edit.
"""``api.storages``: storages (volumes) of a project.

This file is the single source: ``saagieapi/_sync/storages.py`` is generated from it (``make codegen``).
"""

from __future__ import annotations

from .resource import Resource

__all__ = ["Storages"]


class Storages(Resource):
    """Methods of ``api.storages`` (storages (volumes) of a project)."""

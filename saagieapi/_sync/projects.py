# Generated from saagieapi/_async by scripts/regenerate.py (unasync). Do not edit.
"""``api.projects``: projects: list, create, edit, delete, rights, status.

This file is the single source: ``saagieapi/_sync/projects.py`` is generated from it (``make codegen``).
"""

from __future__ import annotations

from .resource import Resource

__all__ = ["Projects"]


class Projects(Resource):
    """Methods of ``api.projects`` (projects: list, create, edit, delete, rights, status)."""

"""``api.projects``: projects: list, create, edit, delete, rights, status.

This file is the single source: ``saagieapi/_sync/projects.py`` is generated from it (``make codegen``).
"""

from __future__ import annotations

from .resource import AsyncResource

__all__ = ["AsyncProjects"]


class AsyncProjects(AsyncResource):
    """Methods of ``api.projects`` (projects: list, create, edit, delete, rights, status)."""

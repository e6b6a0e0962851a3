# Generated from saagieapi/_async by scripts/regenerate.py (unasync). Do not edit.
"""``api.jobs``: jobs: create with artifact upload, upgrade, run and wait, instances, versions.

This file is the single source: ``saagieapi/_sync/jobs.py`` is generated from it (``make codegen``).
"""

from __future__ import annotations

from .resource import Resource

__all__ = ["Jobs"]


class Jobs(Resource):
    """Methods of ``api.jobs`` (jobs: create with artifact upload, upgrade, run and wait, instances, versions)."""

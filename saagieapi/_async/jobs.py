"""``api.jobs``: jobs: create with artifact upload, upgrade, run and wait, instances, versions.

This file is the single source: ``saagieapi/_sync/jobs.py`` is generated from it (``make codegen``).
"""

from __future__ import annotations

from .resource import AsyncResource

__all__ = ["AsyncJobs"]


class AsyncJobs(AsyncResource):
    """Methods of ``api.jobs`` (jobs: create with artifact upload, upgrade, run and wait, instances, versions)."""

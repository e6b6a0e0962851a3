"""``api.pipelines``: graph pipelines: create, upgrade, run and wait, instances, versions.

This file is the single source: ``saagieapi/_sync/pipelines.py`` is generated from it (``make codegen``).
"""

from __future__ import annotations

from .resource import AsyncResource

__all__ = ["AsyncPipelines"]


class AsyncPipelines(AsyncResource):
    """Methods of ``api.pipelines`` (graph pipelines: create, upgrade, run and wait, instances, versions)."""

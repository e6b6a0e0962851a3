# Generated from saagieapi/_async by scripts/regenerate.py (unasync). Do not edit.
"""``api.pipelines``: graph pipelines: create, upgrade, run and wait, instances, versions.

This file is the single source: ``saagieapi/_sync/pipelines.py`` is generated from it (``make codegen``).
"""

from __future__ import annotations

from .resource import Resource

__all__ = ["Pipelines"]


class Pipelines(Resource):
    """Methods of ``api.pipelines`` (graph pipelines: create, upgrade, run and wait, instances, versions)."""

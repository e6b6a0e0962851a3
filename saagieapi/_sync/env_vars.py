# Generated from saagieapi/_async by scripts/regenerate.py (unasync). Do not edit.
"""``api.env_vars``: environment variables of every scope (GLOBAL, PROJECT, PIPELINE, APP).

This file is the single source: ``saagieapi/_sync/env_vars.py`` is generated from it (``make codegen``).
"""

from __future__ import annotations

from .resource import Resource

__all__ = ["EnvVars"]


class EnvVars(Resource):
    """Methods of ``api.env_vars`` (environment variables of every scope (GLOBAL, PROJECT, PIPELINE, APP))."""

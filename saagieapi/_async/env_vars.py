"""``api.env_vars``: environment variables of every scope (GLOBAL, PROJECT, PIPELINE, APP).

This file is the single source: ``saagieapi/_sync/env_vars.py`` is generated from it (``make codegen``).
"""

from __future__ import annotations

from .resource import AsyncResource

__all__ = ["AsyncEnvVars"]


class AsyncEnvVars(AsyncResource):
    """Methods of ``api.env_vars`` (environment variables of every scope (GLOBAL, PROJECT, PIPELINE, APP))."""

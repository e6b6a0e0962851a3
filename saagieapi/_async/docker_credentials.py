"""``api.docker_credentials``: docker registry credentials of a project.

This file is the single source: ``saagieapi/_sync/docker_credentials.py`` is generated from it (``make codegen``).
"""

from __future__ import annotations

from .resource import AsyncResource

__all__ = ["AsyncDockerCredentials"]


class AsyncDockerCredentials(AsyncResource):
    """Methods of ``api.docker_credentials`` (docker registry credentials of a project)."""

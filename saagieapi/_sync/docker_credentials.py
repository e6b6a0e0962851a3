# Generated from saagieapi/_async by scripts/regenerate.py (unasync). Do not edit.
"""``api.docker_credentials``: docker registry credentials of a project.

This file is the single source: ``saagieapi/_sync/docker_credentials.py`` is generated from it (``make codegen``).
"""

from __future__ import annotations

from .resource import Resource

__all__ = ["DockerCredentials"]


class DockerCredentials(Resource):
    """Methods of ``api.docker_credentials`` (docker registry credentials of a project)."""

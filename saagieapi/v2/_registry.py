"""Every 2.x method of ``saagieapi.v2`` with what replaces it (read by ``saagie migrate check`` and the docs)."""

from __future__ import annotations

import importlib

from ._core import REGISTRY, MethodInfo

__all__ = ["MODULES", "methods"]

#: The modules that declare 2.x methods (importing them fills the registry).
MODULES = (
    "saagie_api",
    "projects.projects",
    "jobs.jobs",
    "pipelines.pipelines",
    "apps.apps",
    "env_vars.env_vars",
    "docker_credentials.docker_credentials",
    "storages.storages",
    "repositories.repositories",
    "users.users",
    "groups.groups",
    "profiles.profiles",
)


def methods() -> dict[str, MethodInfo]:
    """``{"jobs.create": MethodInfo(...)}`` for every 2.x method (170)."""
    for module in MODULES:
        importlib.import_module(f"{__package__}.{module}")
    return dict(sorted(REGISTRY.items()))

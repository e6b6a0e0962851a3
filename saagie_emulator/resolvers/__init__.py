"""GraphQL resolvers: thin wire adapters over :mod:`saagie_emulator.backend`, one module per domain.

``*_bindables()`` feed ariadne's ``make_executable_schema``.
"""

from __future__ import annotations

from typing import Any

__all__ = ["gateway_bindables", "projects_bindables"]


def projects_bindables() -> list[Any]:
    from . import (
        apps,
        docker_credentials,
        env_vars,
        job_instances,
        jobs,
        pipeline_instances,
        pipelines,
        platform,
        projects,
        volumes,
    )

    found: list[Any] = []
    modules = (platform, projects, jobs, job_instances, pipelines, pipeline_instances, apps, volumes, env_vars)
    for module in (*modules, docker_credentials):
        found.extend(module.bindables())
    return found


def gateway_bindables() -> list[Any]:
    from . import gateway

    return gateway.bindables()

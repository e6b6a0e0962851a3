"""GraphQL resolvers, one module per domain. ``*_bindables()`` feed ariadne's ``make_executable_schema``."""

from __future__ import annotations

from typing import Any

__all__ = ["gateway_bindables", "projects_bindables"]


def projects_bindables() -> list[Any]:
    from . import apps, env_vars, jobs, pipelines, platform, projects

    found: list[Any] = []
    for module in (platform, projects, jobs, pipelines, apps, env_vars):
        found.extend(module.bindables())
    return found


def gateway_bindables() -> list[Any]:
    from . import gateway

    return gateway.bindables()

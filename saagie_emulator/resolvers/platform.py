"""Platform-level queries: platform info, cluster capacity, condition expressions, users by realm."""

from __future__ import annotations

from typing import Any

from ariadne import QueryType

from ..conditions import ConditionError, evaluate_condition
from ..context import context_of

__all__ = ["bindables"]

query = QueryType()


@query.field("platform")
def resolve_platform(_: Any, info: Any) -> dict[str, Any]:
    data = context_of(info).store.data
    return {
        "id": data.platform_id,
        "name": data.platform_name,
        "counts": {
            "projects": len(data.projects),
            "jobs": len(data.jobs),
            "apps": len(data.apps),
            "pipelines": len(data.pipelines),
        },
    }


@query.field("getClusterCapacity")
def resolve_cluster_capacity(_: Any, info: Any) -> list[dict[str, float]]:
    return [{"cpu": 16.0, "gpu": 0.0, "memory": 64.0}, {"cpu": 16.0, "gpu": 1.0, "memory": 64.0}]


@query.field("evaluateConditionExpression")
def resolve_evaluate_condition(
    _: Any, info: Any, project_id: str, expression: str, variables: list[dict[str, Any]] | None = None
) -> bool | None:
    """A nullable ``Boolean``: null for an absent or hidden project and for an expression that cannot be
    evaluated (the preview documents no error)."""
    ctx = context_of(info)
    if ctx.backend.projects.find(ctx.caller, project_id) is None:
        return None
    values = {item["key"]: item["value"] for item in variables or [] if item.get("key")}
    try:
        return evaluate_condition(expression, values)
    except ConditionError:
        return None


@query.field("usersByRealm")
def resolve_users_by_realm(_: Any, info: Any) -> list[dict[str, Any]]:
    return context_of(info).backend.security.users_by_realm()


@query.field("jobCategories")
def resolve_job_categories(_: Any, info: Any) -> list[str]:
    ctx = context_of(info)
    return ctx.backend.projects.job_categories(ctx.caller)


def bindables() -> list[Any]:
    return [query]

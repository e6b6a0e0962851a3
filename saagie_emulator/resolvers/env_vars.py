"""Projects API wire adapter: environment variables by scope (see :mod:`saagie_emulator.backend.env_vars`)."""

from __future__ import annotations

from typing import Any

from ariadne import MutationType, ObjectType, QueryType
from graphql import OperationType

from ..context import context_of
from ..model import EnvVar

__all__ = ["bindables"]

query = QueryType()
mutation = MutationType()
env_var_type = ObjectType("EnvironmentVariable")


@env_var_type.field("value")
def resolve_value(obj: EnvVar, info: Any) -> str | None:
    return None if obj.is_password else obj.value


@env_var_type.field("isValid")
def resolve_is_valid(obj: EnvVar, info: Any) -> bool:
    return context_of(info).backend.env_vars.invalid_reasons(obj) is None


@env_var_type.field("invalidReasons")
def resolve_invalid_reasons(obj: EnvVar, info: Any) -> list[Any] | None:
    return context_of(info).backend.env_vars.invalid_reasons(obj)


@env_var_type.field("overriddenValues")
def resolve_overridden(obj: EnvVar, info: Any) -> list[dict[str, Any]]:
    ctx = context_of(info)
    memo = ctx.memo if info.operation.operation is OperationType.QUERY else None  # a mutation changes them
    return ctx.backend.env_vars.overridden(obj, memo)


@query.field("globalEnvironmentVariables")
def resolve_global(_: Any, info: Any, **__: Any) -> list[EnvVar] | None:
    ctx = context_of(info)
    return ctx.backend.env_vars.listing(ctx.caller, "GLOBAL", None)


@query.field("projectEnvironmentVariables")
def resolve_project_vars(_: Any, info: Any, project_id: str, **__: Any) -> list[EnvVar] | None:
    ctx = context_of(info)
    return ctx.backend.env_vars.listing(ctx.caller, "PROJECT", project_id)


@query.field("pipelineEnvironmentVariables")
def resolve_pipeline_vars(_: Any, info: Any, pipeline_id: str, scope: str | None = None) -> list[EnvVar] | None:
    ctx = context_of(info)
    return ctx.backend.env_vars.listing(ctx.caller, "PIPELINE", pipeline_id, scope)


@query.field("jobEnvironmentVariables")
def resolve_job_vars(_: Any, info: Any, job_id: str, **__: Any) -> list[EnvVar] | None:
    ctx = context_of(info)
    return ctx.backend.env_vars.listing(ctx.caller, "JOB", job_id)


@query.field("appEnvironmentVariables")
def resolve_app_vars(_: Any, info: Any, app_id: str, scope: str | None = None) -> list[EnvVar] | None:
    ctx = context_of(info)
    return ctx.backend.env_vars.listing(ctx.caller, "APP", app_id, scope)


@mutation.field("saveEnvironmentVariable")
def resolve_save(_: Any, info: Any, environment_variable: dict[str, Any], entity_id: str | None = None) -> EnvVar:
    ctx = context_of(info)
    return ctx.backend.env_vars.save(ctx.caller, entity_id, environment_variable)


@mutation.field("deleteEnvironmentVariable")
def resolve_delete(_: Any, info: Any, id: str) -> bool:
    ctx = context_of(info)
    return ctx.backend.env_vars.delete(ctx.caller, id)


@mutation.field("replaceEnvironmentVariablesByRawForScope")
def resolve_replace_raw(
    _: Any, info: Any, scope: str, raw_environment_variables: str, entity_id: str | None = None
) -> list[EnvVar]:
    ctx = context_of(info)
    return ctx.backend.env_vars.replace_raw(ctx.caller, scope, raw_environment_variables, entity_id)


def bindables() -> list[Any]:
    return [query, mutation, env_var_type]

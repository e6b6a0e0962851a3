"""Projects API wire adapter: docker credentials (see :mod:`saagie_emulator.backend.docker_credentials`)."""

from __future__ import annotations

from typing import Any

from ariadne import MutationType, ObjectType, QueryType

from ..context import context_of
from ..model import DockerCredential

__all__ = ["bindables"]

query = QueryType()
mutation = MutationType()
docker_type = ObjectType("DockerCredentials")


@query.field("allDockerCredentials")
def resolve_all_docker(_: Any, info: Any, project_id: str) -> list[DockerCredential] | None:
    ctx = context_of(info)
    return ctx.backend.docker_credentials.of_project(ctx.caller, project_id)


@query.field("dockerCredentials")
def resolve_docker(_: Any, info: Any, id: str, project_id: str) -> DockerCredential | None:
    ctx = context_of(info)
    return ctx.backend.docker_credentials.find(ctx.caller, id, project_id)


@docker_type.field("jobs")
def resolve_docker_jobs(obj: DockerCredential, info: Any) -> list[Any]:
    return context_of(info).backend.docker_credentials.jobs_using(obj)


@docker_type.field("apps")
def resolve_docker_apps(obj: DockerCredential, info: Any) -> list[Any]:
    return context_of(info).backend.docker_credentials.apps_using(obj)


@mutation.field("createDockerCredentials")
def resolve_create_docker(_: Any, info: Any, docker_credentials: dict[str, Any]) -> DockerCredential:
    ctx = context_of(info)
    return ctx.backend.docker_credentials.create(ctx.caller, docker_credentials)


@mutation.field("updateDockerCredentials")
def resolve_update_docker(_: Any, info: Any, docker_credentials_update: dict[str, Any]) -> DockerCredential:
    ctx = context_of(info)
    return ctx.backend.docker_credentials.update(ctx.caller, docker_credentials_update)


@mutation.field("deleteDockerCredentials")
def resolve_delete_docker(_: Any, info: Any, id: str, project_id: str) -> bool:
    ctx = context_of(info)
    return ctx.backend.docker_credentials.delete(ctx.caller, id, project_id)


def bindables() -> list[Any]:
    return [query, mutation, docker_type]

"""Environment variables by scope (GLOBAL, PROJECT, PIPELINE, JOB, APP) and docker credentials."""

from __future__ import annotations

import re
from typing import Any

from ariadne import MutationType, ObjectType, QueryType

from ..context import RequestContext, context_of
from ..errors import ValidationError
from ..model import DockerCredential, EnvVar, new_id, utcnow

__all__ = ["bindables", "visible_env_vars"]

query = QueryType()
mutation = MutationType()
env_var_type = ObjectType("EnvironmentVariable")
docker_type = ObjectType("DockerCredentials")
_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")
_ORDER = {"GLOBAL": 0, "PROJECT": 1, "PIPELINE": 2, "JOB": 2, "APP": 2}


def _project_of(ctx: RequestContext, scope: str, entity_id: str) -> str:
    if scope == "PROJECT":
        return ctx.store.project(entity_id).id
    if scope == "PIPELINE":
        return ctx.store.pipeline(entity_id).project_id
    if scope == "JOB":
        return ctx.store.job(entity_id).project_id
    if scope == "APP":
        return ctx.store.app(entity_id).project_id
    raise ValidationError(f"Unknown scope {scope}")


def visible_env_vars(ctx: RequestContext, scope: str, entity_id: str | None) -> list[EnvVar]:
    """What an entity sees: globals, then its project's, then its own (lower scopes listed after)."""
    scopes: list[tuple[str, str | None]] = [("GLOBAL", None)]
    if scope != "GLOBAL" and entity_id is not None:
        scopes.append(("PROJECT", _project_of(ctx, scope, entity_id)))
        if scope != "PROJECT":
            scopes.append((scope, str(entity_id)))
    found = [v for v in ctx.store.data.env_vars.values() if (v.scope, v.entity_id) in scopes]
    return sorted(found, key=lambda v: (_ORDER[v.scope], v.name))


@env_var_type.field("value")
def resolve_value(obj: EnvVar, info: Any) -> str | None:
    return None if obj.is_password else obj.value


@env_var_type.field("isValid")
def resolve_is_valid(obj: EnvVar, info: Any) -> bool:
    return True


@env_var_type.field("invalidReasons")
def resolve_invalid_reasons(obj: EnvVar, info: Any) -> list[Any]:
    return []


@env_var_type.field("overriddenValues")
def resolve_overridden(obj: EnvVar, info: Any) -> list[dict[str, Any]]:
    ctx = context_of(info)
    if obj.scope == "GLOBAL":
        return []
    broader = visible_env_vars(ctx, obj.scope, obj.entity_id)
    return [
        {
            "scope": v.scope,
            "id": v.id,
            "value": None if v.is_password else v.value,
            "description": v.description,
            "is_password": v.is_password,
        }
        for v in broader
        if v.name == obj.name and _ORDER[v.scope] < _ORDER[obj.scope]
    ]


def _listing(ctx: RequestContext, scope: str, entity_id: str | None, filter_scope: str | None = None) -> list[EnvVar]:
    found = visible_env_vars(ctx, scope, entity_id)
    return [v for v in found if filter_scope in (None, v.scope)]


@query.field("globalEnvironmentVariables")
def resolve_global(_: Any, info: Any, **__: Any) -> list[EnvVar]:
    return _listing(context_of(info), "GLOBAL", None)


@query.field("projectEnvironmentVariables")
def resolve_project_vars(_: Any, info: Any, project_id: str, **__: Any) -> list[EnvVar]:
    return _listing(context_of(info), "PROJECT", str(project_id))


@query.field("pipelineEnvironmentVariables")
def resolve_pipeline_vars(_: Any, info: Any, pipeline_id: str, scope: str | None = None) -> list[EnvVar]:
    return _listing(context_of(info), "PIPELINE", str(pipeline_id), scope)


@query.field("jobEnvironmentVariables")
def resolve_job_vars(_: Any, info: Any, job_id: str, **__: Any) -> list[EnvVar]:
    return _listing(context_of(info), "JOB", str(job_id))


@query.field("appEnvironmentVariables")
def resolve_app_vars(_: Any, info: Any, app_id: str, scope: str | None = None) -> list[EnvVar]:
    return _listing(context_of(info), "APP", str(app_id), scope)


def _check_name(name: str) -> None:
    if not name:
        raise ValidationError("NAME_IS_EMPTY: the variable name must not be empty")
    if not name[0].isalpha():
        raise ValidationError(f"NAME_DOESNT_START_WITH_LETTER: '{name}' must start with a letter")
    if not _NAME.match(name):
        raise ValidationError(f"NAME_CONTAINS_INVALID_CHARACTERS: '{name}' may contain letters, digits and _")
    if len(name) > 255:
        raise ValidationError("TOO_LONG_NAME: the variable name is longer than 255 characters")


def _save(ctx: RequestContext, entity_id: str | None, values: dict[str, Any]) -> EnvVar:
    scope = values["scope"]
    if scope == "GLOBAL":
        if entity_id is not None:
            raise ValidationError("UNEXPECTED_LINKED_ENTITY_ON_GLOBAL_SCOPE: a global variable has no entity")
    elif entity_id is None:
        raise ValidationError(f"UNEXPECTED_LINKED_ENTITY_ID_IS_NULL: scope {scope} needs an entity id")
    else:
        _project_of(ctx, scope, entity_id)
    name = values["name"]
    _check_name(name)
    same_place = [v for v in ctx.store.data.env_vars.values() if v.scope == scope and v.entity_id == entity_id]
    if values.get("id"):
        existing = ctx.store.env_var(values["id"])
        if existing.scope != scope or existing.entity_id != entity_id:
            raise ValidationError("The variable does not belong to this scope")
        if any(v.name == name and v.id != existing.id for v in same_place):
            raise ValidationError(f"NAME_ALREADY_USED: '{name}' is already used in this scope")
        existing.name = name
        keeps_secret = values.get("value") is None and (values.get("is_password") or existing.is_password)
        if "value" in values and not keeps_secret:
            existing.value = values["value"]
        if "description" in values:
            existing.description = values["description"]
        existing.is_password = bool(values["is_password"])
        return existing
    if any(v.name == name for v in same_place):
        raise ValidationError(f"NAME_ALREADY_USED: '{name}' is already used in this scope")
    if values.get("value") is None and not values.get("is_password"):
        raise ValidationError("NULL_VALUE_UNEXPECTED: a variable needs a value")
    created = EnvVar(
        id=new_id(),
        name=name,
        scope=scope,
        entity_id=entity_id,
        value=values.get("value"),
        description=values.get("description"),
        is_password=bool(values["is_password"]),
    )
    ctx.store.data.env_vars[created.id] = created
    return created


@mutation.field("saveEnvironmentVariable")
def resolve_save(_: Any, info: Any, environment_variable: dict[str, Any], entity_id: str | None = None) -> EnvVar:
    ctx = context_of(info)
    with ctx.store.lock:
        return _save(ctx, None if entity_id is None else str(entity_id), environment_variable)


@mutation.field("deleteEnvironmentVariable")
def resolve_delete(_: Any, info: Any, id: str) -> bool:
    ctx = context_of(info)
    del ctx.store.data.env_vars[ctx.store.env_var(id).id]
    return True


@mutation.field("replaceEnvironmentVariablesByRawForScope")
def resolve_replace_raw(
    _: Any, info: Any, scope: str, raw_environment_variables: str, entity_id: str | None = None
) -> list[EnvVar]:
    ctx = context_of(info)
    entity = None if entity_id is None else str(entity_id)
    wanted: dict[str, str] = {}
    for line in raw_environment_variables.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if "=" not in line:
            raise ValidationError(f"Invalid line '{line}': expected NAME=value")
        key, value = line.split("=", 1)
        wanted[key.strip()] = value
    with ctx.store.lock:
        current = [v for v in ctx.store.data.env_vars.values() if v.scope == scope and v.entity_id == entity]
        for variable in current:
            if variable.name not in wanted and not variable.is_password:
                del ctx.store.data.env_vars[variable.id]
        by_name = {v.name: v for v in current}
        for key, value in wanted.items():
            existing = by_name.get(key)
            values = {"name": key, "scope": scope, "value": value, "is_password": False}
            if existing is not None:
                values.update(id=existing.id, is_password=existing.is_password, description=existing.description)
            _save(ctx, entity, values)
        return [v for v in ctx.store.data.env_vars.values() if v.scope == scope and v.entity_id == entity]


# ----------------------------------------------------------------------------- docker credentials
@query.field("allDockerCredentials")
def resolve_all_docker(_: Any, info: Any, project_id: str) -> list[DockerCredential]:
    ctx = context_of(info)
    project = ctx.store.project(project_id)
    return [c for c in ctx.store.data.docker_credentials.values() if c.project_id == project.id]


def _credential(ctx: RequestContext, credential_id: str, project_id: str) -> DockerCredential:
    credential = ctx.store.docker_credential(credential_id)
    if credential.project_id != str(project_id):
        raise ValidationError("These docker credentials do not belong to this project")
    return credential


@query.field("dockerCredentials")
def resolve_docker(_: Any, info: Any, id: str, project_id: str) -> DockerCredential:
    return _credential(context_of(info), id, project_id)


@docker_type.field("jobs")
def resolve_docker_jobs(obj: DockerCredential, info: Any) -> list[Any]:
    return [
        job
        for job in context_of(info).store.jobs_of(obj.project_id)
        if any((v.docker_info or {}).get("docker_credentials_id") == obj.id for v in job.versions if v.is_current)
    ]


@docker_type.field("apps")
def resolve_docker_apps(obj: DockerCredential, info: Any) -> list[Any]:
    return [
        app
        for app in context_of(info).store.apps_of(obj.project_id)
        if any((v.docker_info or {}).get("docker_credentials_id") == obj.id for v in app.versions if v.is_current)
    ]


def _check_unique(ctx: RequestContext, project_id: str, username: str, registry: str | None, exclude: str = "") -> None:
    for other in ctx.store.data.docker_credentials.values():
        if (
            other.project_id == project_id
            and other.id != exclude
            and (other.username, other.registry)
            == (
                username,
                registry,
            )
        ):
            raise ValidationError(f"Docker credentials for '{username}' on '{registry or 'Docker Hub'}' already exist")


@mutation.field("createDockerCredentials")
def resolve_create_docker(_: Any, info: Any, docker_credentials: dict[str, Any]) -> DockerCredential:
    ctx = context_of(info)
    with ctx.store.lock:
        project = ctx.store.project(docker_credentials["project_id"])
        if not docker_credentials["username"] or not docker_credentials["password"]:
            raise ValidationError("username and password are required")
        registry = docker_credentials.get("registry") or None
        _check_unique(ctx, project.id, docker_credentials["username"], registry)
        created = DockerCredential(
            id=new_id(),
            project_id=project.id,
            username=docker_credentials["username"],
            password=docker_credentials["password"],
            registry=registry,
        )
        ctx.store.data.docker_credentials[created.id] = created
    return created


@mutation.field("updateDockerCredentials")
def resolve_update_docker(_: Any, info: Any, docker_credentials_update: dict[str, Any]) -> DockerCredential:
    ctx = context_of(info)
    values = docker_credentials_update
    with ctx.store.lock:
        credential = _credential(ctx, values["id"], values["project_id"])
        username = values.get("username") or credential.username
        registry = values.get("registry") or credential.registry
        _check_unique(ctx, credential.project_id, username, registry, exclude=credential.id)
        credential.username, credential.registry = username, registry
        credential.password = values["password"]
        credential.last_update = utcnow()
    return credential


@mutation.field("deleteDockerCredentials")
def resolve_delete_docker(_: Any, info: Any, id: str, project_id: str) -> bool:
    ctx = context_of(info)
    credential = _credential(ctx, id, project_id)
    del ctx.store.data.docker_credentials[credential.id]
    return True


def bindables() -> list[Any]:
    return [query, mutation, env_var_type, docker_type]

"""``saagie env-vars``, ``docker-credentials``, ``storages`` and ``repositories``."""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from ._groups_projects import ProjectOpt, Yes, confirm
from ._state import state_of

__all__ = ["register"]

env_vars = typer.Typer(help="Environment variables (global, project, pipeline or app scope).", no_args_is_help=True)
docker_credentials = typer.Typer(help="Docker registry credentials of a project.", no_args_is_help=True)
storages = typer.Typer(help="Storages (volumes) of a project.", no_args_is_help=True)
repositories = typer.Typer(help="Technology repositories (catalogs).", no_args_is_help=True)


class Scope(str, Enum):
    GLOBAL = "GLOBAL"
    PROJECT = "PROJECT"
    PIPELINE = "PIPELINE"
    APP = "APP"


ScopeOpt = Annotated[
    Scope | None, typer.Option(case_sensitive=False, help="Scope (default: PROJECT with --project, else GLOBAL).")
]
PipelineOpt = Annotated[str | None, typer.Option(help="Pipeline name or id (PIPELINE scope).")]
AppOpt = Annotated[str | None, typer.Option(help="App name or id (APP scope).")]
EnvName = Annotated[str, typer.Argument(help="Variable name.")]

ENV_COLUMNS = [
    ("Name", "name"),
    ("Scope", "scope"),
    ("Value", lambda var: "********" if var.is_password else var.value),
    ("Password", "is_password"),
    ("Description", "description"),
]
DOCKER_COLUMNS = [("ID", "id"), ("Registry", "registry"), ("Username", "username"), ("Updated", "last_update")]
STORAGE_COLUMNS = [("ID", "id"), ("Name", "name"), ("Size", "size"), ("App", "linked_app.name")]
REPOSITORY_COLUMNS = [("ID", "id"), ("Name", "name"), ("Read only", "read_only"), ("Source", "source")]


def _where(api: Any, scope: Scope | None, project: str | None, pipeline: str | None, app: str | None) -> dict[str, Any]:
    from ._resolve import app_id, pipeline_id, project_id

    chosen = scope or (Scope.PIPELINE if pipeline else Scope.APP if app else Scope.PROJECT if project else Scope.GLOBAL)
    where: dict[str, Any] = {"scope": chosen.value}
    if chosen is Scope.PROJECT:
        where["project_id"] = project_id(api, project)
    elif chosen is Scope.PIPELINE:
        where["pipeline_id"] = pipeline_id(api, pipeline or "", project)
    elif chosen is Scope.APP:
        where["app_id"] = app_id(api, app or "", project)
    return where


def _value(value: str | None, value_env: str | None) -> str | None:
    """``--value -`` reads stdin; ``--value-env NAME`` reads a variable (keeps secrets out of shell history)."""
    from saagieapi.errors import InvalidInputError

    if value_env:
        if value_env not in os.environ:
            raise InvalidInputError(f"--value-env {value_env}: no such environment variable")
        return os.environ[value_env]
    if value == "-":
        return sys.stdin.read().rstrip("\n")
    return value


# ---------------------------------------------------------------------------------------------- env vars
@env_vars.command("list")
def env_list(
    ctx: typer.Context,
    scope: ScopeOpt = None,
    project: ProjectOpt = None,
    pipeline: PipelineOpt = None,
    app: AppOpt = None,
    scope_only: Annotated[bool, typer.Option(help="Only the variables of this scope (no inherited ones).")] = False,
) -> None:
    """Variables visible in a scope (password values are never shown)."""
    from ._output import emit

    state = state_of(ctx)
    api = state.api()
    where = _where(api, scope, project, pipeline, app)
    emit(state, api.env_vars.list(where.pop("scope"), scope_only=scope_only, **where), columns=ENV_COLUMNS)


@env_vars.command("get")
def env_get(
    ctx: typer.Context,
    name: EnvName,
    scope: ScopeOpt = None,
    project: ProjectOpt = None,
    pipeline: PipelineOpt = None,
    app: AppOpt = None,
) -> None:
    """One variable."""
    from ._output import emit

    state = state_of(ctx)
    api = state.api()
    where = _where(api, scope, project, pipeline, app)
    emit(state, api.env_vars.get(where.pop("scope"), name, **where))


@env_vars.command("create")
def env_create(
    ctx: typer.Context,
    name: EnvName,
    value: Annotated[str | None, typer.Option(help="Value ('-' reads stdin).")] = None,
    value_env: Annotated[str | None, typer.Option(help="Take the value from this environment variable.")] = None,
    password: Annotated[bool, typer.Option("--password", help="A secret: never shown again.")] = False,
    description: Annotated[str, typer.Option(help="Description.")] = "",
    scope: ScopeOpt = None,
    project: ProjectOpt = None,
    pipeline: PipelineOpt = None,
    app: AppOpt = None,
) -> None:
    """Create a variable."""
    from saagieapi.errors import InvalidInputError

    from ._output import emit

    state = state_of(ctx)
    resolved = _value(value, value_env)
    if resolved is None:
        raise InvalidInputError("give the value: --value VALUE, --value - (stdin) or --value-env NAME")
    api = state.api()
    where = _where(api, scope, project, pipeline, app)
    emit(
        state,
        api.env_vars.create(where.pop("scope"), name, resolved, description=description, is_password=password, **where),
    )


@env_vars.command("edit")
def env_edit(
    ctx: typer.Context,
    name: EnvName,
    new_name: Annotated[str | None, typer.Option(help="New name.")] = None,
    value: Annotated[str | None, typer.Option(help="New value ('-' reads stdin).")] = None,
    value_env: Annotated[str | None, typer.Option(help="Take the new value from this environment variable.")] = None,
    description: Annotated[str | None, typer.Option(help="New description.")] = None,
    scope: ScopeOpt = None,
    project: ProjectOpt = None,
    pipeline: PipelineOpt = None,
    app: AppOpt = None,
) -> None:
    """Change a variable's name, value or description."""
    from ._output import emit

    state = state_of(ctx)
    api = state.api()
    where = _where(api, scope, project, pipeline, app)
    emit(
        state,
        api.env_vars.update(
            where.pop("scope"),
            name,
            new_name=new_name,
            value=_value(value, value_env),
            description=description,
            **where,
        ),
    )


@env_vars.command("delete")
def env_delete(
    ctx: typer.Context,
    name: EnvName,
    scope: ScopeOpt = None,
    project: ProjectOpt = None,
    pipeline: PipelineOpt = None,
    app: AppOpt = None,
    yes: Yes = False,
) -> None:
    """Delete a variable."""
    from ._output import emit

    state = state_of(ctx)
    api = state.api()
    where = _where(api, scope, project, pipeline, app)
    confirm(state, f"variable {name!r}", yes)
    emit(state, {"deleted": api.env_vars.delete(where.pop("scope"), name, **where), "name": name}, message="Deleted")


# ---------------------------------------------------------------------------------------------- docker credentials
def _credential_id(api: Any, pid: str, credential: str, registry: str | None) -> str:
    from ._resolve import is_id

    if is_id(credential):
        return credential
    return str(api.docker_credentials.get_info_for_username(pid, credential, registry).id)


Credential = Annotated[str, typer.Argument(help="Credential id, or username (with --registry if several).")]
Registry = Annotated[str | None, typer.Option(help="Registry (default: Docker Hub).")]
PasswordEnv = Annotated[
    str, typer.Option(help="Environment variable holding the registry password.", show_default=True)
]


def _secret(variable: str) -> str:
    from saagieapi.errors import InvalidInputError

    secret = os.environ.get(variable)
    if secret is None and sys.stdin.isatty():
        secret = typer.prompt("Registry password", hide_input=True, err=True)
    if not secret:
        raise InvalidInputError(f"no password: set the environment variable {variable}")
    return str(secret)


@docker_credentials.command("list")
def docker_list(ctx: typer.Context, project: ProjectOpt = None) -> None:
    """Docker credentials of a project (passwords are never shown)."""
    from ._output import emit
    from ._resolve import project_id

    state = state_of(ctx)
    api = state.api()
    emit(state, api.docker_credentials.list_for_project(project_id(api, project)), columns=DOCKER_COLUMNS)


@docker_credentials.command("get")
def docker_get(
    ctx: typer.Context, credential: Credential, project: ProjectOpt = None, registry: Registry = None
) -> None:
    """One docker credential."""
    from ._output import emit
    from ._resolve import project_id

    state = state_of(ctx)
    api = state.api()
    pid = project_id(api, project)
    emit(state, api.docker_credentials.get_info(pid, _credential_id(api, pid, credential, registry)))


@docker_credentials.command("create")
def docker_create(
    ctx: typer.Context,
    username: Annotated[str, typer.Argument(help="Registry username.")],
    project: ProjectOpt = None,
    registry: Registry = None,
    password_env: PasswordEnv = "SAAGIE_DOCKER_PASSWORD",  # noqa: S107 - a variable name
) -> None:
    """Create docker credentials (the password from $SAAGIE_DOCKER_PASSWORD or a prompt)."""
    from ._output import emit
    from ._resolve import project_id

    state = state_of(ctx)
    secret = _secret(password_env)
    api = state.api()
    emit(state, api.docker_credentials.create(project_id(api, project), username, secret, registry=registry))


@docker_credentials.command("edit")
def docker_edit(
    ctx: typer.Context,
    credential: Credential,
    project: ProjectOpt = None,
    registry: Registry = None,
    password_env: PasswordEnv = "SAAGIE_DOCKER_PASSWORD",  # noqa: S107 - a variable name
) -> None:
    """Change the password of docker credentials."""
    from ._output import emit
    from ._resolve import project_id

    state = state_of(ctx)
    secret = _secret(password_env)
    api = state.api()
    pid = project_id(api, project)
    cid = _credential_id(api, pid, credential, registry)
    emit(state, api.docker_credentials.upgrade(pid, cid, secret))


@docker_credentials.command("delete")
def docker_delete(
    ctx: typer.Context, credential: Credential, project: ProjectOpt = None, registry: Registry = None, yes: Yes = False
) -> None:
    """Delete docker credentials."""
    from ._output import emit
    from ._resolve import project_id

    state = state_of(ctx)
    api = state.api()
    pid = project_id(api, project)
    cid = _credential_id(api, pid, credential, registry)
    confirm(state, f"docker credentials {credential!r}", yes)
    emit(state, {"deleted": api.docker_credentials.delete(pid, cid), "id": cid}, message="Deleted")


# ---------------------------------------------------------------------------------------------- storages
Storage = Annotated[str, typer.Argument(help="Storage name (with --project) or id.")]


def _storage_id(api: Any, storage: str, project: str | None) -> str:
    from ._resolve import _in_project

    return _in_project(api, "storage", storage, project, "list_for_project")


@storages.command("list")
def storages_list(ctx: typer.Context, project: ProjectOpt = None) -> None:
    """Storages of a project with the app using each."""
    from ._output import emit
    from ._resolve import project_id

    state = state_of(ctx)
    api = state.api()
    emit(state, api.storages.list_for_project(project_id(api, project)), columns=STORAGE_COLUMNS)


@storages.command("get")
def storages_get(ctx: typer.Context, storage: Storage, project: ProjectOpt = None) -> None:
    """One storage."""
    from ._output import emit

    state = state_of(ctx)
    api = state.api()
    emit(state, api.storages.get(_storage_id(api, storage, project)))


@storages.command("create")
def storages_create(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Name of the new storage.")],
    size: Annotated[str, typer.Option(help="Size with its unit: '10 GB', '512 MB'.")],
    project: ProjectOpt = None,
    description: Annotated[str | None, typer.Option(help="Description.")] = None,
) -> None:
    """Create a storage."""
    from ._output import emit
    from ._resolve import project_id

    state = state_of(ctx)
    api = state.api()
    emit(state, api.storages.create(project_id(api, project), name, size, description))


@storages.command("edit")
def storages_edit(
    ctx: typer.Context,
    storage: Storage,
    project: ProjectOpt = None,
    name: Annotated[str | None, typer.Option(help="New name.")] = None,
    description: Annotated[str | None, typer.Option(help="New description.")] = None,
    size: Annotated[str | None, typer.Option(help="New (larger) size.")] = None,
) -> None:
    """Rename, redescribe or enlarge a storage."""
    from ._output import emit

    state = state_of(ctx)
    api = state.api()
    emit(state, api.storages.edit(_storage_id(api, storage, project), name, description, size=size))


@storages.command("delete")
def storages_delete(ctx: typer.Context, storage: Storage, project: ProjectOpt = None, yes: Yes = False) -> None:
    """Delete a storage no app mounts."""
    from ._output import emit

    state = state_of(ctx)
    api = state.api()
    sid = _storage_id(api, storage, project)
    confirm(state, f"storage {storage!r}", yes)
    emit(state, api.storages.delete(sid), message=f"Deleted storage {storage}")


# ---------------------------------------------------------------------------------------------- repositories
Repository = Annotated[str, typer.Argument(help="Repository name or id.")]


@repositories.command("list")
def repositories_list(ctx: typer.Context) -> None:
    """Technology repositories."""
    from ._output import emit

    state = state_of(ctx)
    emit(state, state.api().repositories.list(minimal=True), columns=REPOSITORY_COLUMNS)


@repositories.command("get")
def repositories_get(ctx: typer.Context, repository: Repository) -> None:
    """One repository with its technologies."""
    from ._output import emit
    from ._resolve import repository_id

    state = state_of(ctx)
    api = state.api()
    emit(state, api.repositories.get_info(repository_id(api, repository), last_synchronization=True))


@repositories.command("create")
def repositories_create(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Name of the new repository.")],
    url: Annotated[str | None, typer.Option(help="URL of the repository zip.")] = None,
    file: Annotated[Path | None, typer.Option(help="Repository zip to upload.", exists=True, dir_okay=False)] = None,
) -> None:
    """Add a repository from a URL or a zip file."""
    from ._output import emit

    state = state_of(ctx)
    emit(state, state.api().repositories.create(name, file=file, url=url))


@repositories.command("edit")
def repositories_edit(
    ctx: typer.Context,
    repository: Repository,
    name: Annotated[str | None, typer.Option(help="New name.")] = None,
    url: Annotated[str | None, typer.Option(help="New URL.")] = None,
) -> None:
    """Rename a repository or change its URL."""
    from ._output import emit
    from ._resolve import repository_id

    state = state_of(ctx)
    api = state.api()
    emit(state, api.repositories.edit(repository_id(api, repository), name=name, url=url))


@repositories.command("sync")
def repositories_sync(
    ctx: typer.Context,
    repository: Repository,
    file: Annotated[Path | None, typer.Option(help="New zip to upload.", exists=True, dir_okay=False)] = None,
) -> None:
    """Synchronize a repository with its URL (or a new zip)."""
    from ._output import emit
    from ._resolve import repository_id

    state = state_of(ctx)
    api = state.api()
    emit(state, api.repositories.synchronize(repository_id(api, repository), file=file))


@repositories.command("delete")
def repositories_delete(ctx: typer.Context, repository: Repository, yes: Yes = False) -> None:
    """Delete a repository."""
    from ._output import emit
    from ._resolve import repository_id

    state = state_of(ctx)
    api = state.api()
    rid = repository_id(api, repository)
    confirm(state, f"repository {repository!r}", yes)
    emit(state, api.repositories.delete(rid), message=f"Deleted repository {repository}")


def register(app: typer.Typer) -> None:
    app.add_typer(env_vars, name="env-vars")
    app.add_typer(docker_credentials, name="docker-credentials")
    app.add_typer(storages, name="storages")
    app.add_typer(repositories, name="repositories")

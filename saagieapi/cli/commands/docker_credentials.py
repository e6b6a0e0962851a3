"""``saagie docker-credentials``: docker registry credentials of a project (passwords never shown)."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Annotated

import typer

from .._options import ProjectOpt, Yes, confirm
from .._state import state_of

if TYPE_CHECKING:
    from saagieapi import SaagieApi
    from saagieapi.models import DockerCredentials

__all__ = ["DockerCredentialsRow", "register"]

group = typer.Typer(help="Docker registry credentials of a project.", no_args_is_help=True)


@dataclass(frozen=True)
class DockerCredentialsRow:
    id: str
    registry: str | None
    username: str
    updated: datetime

    @classmethod
    def of(cls, credentials: DockerCredentials) -> DockerCredentialsRow:
        return cls(credentials.id, credentials.registry, credentials.username, credentials.last_update)


def _credential_id(api: SaagieApi, pid: str, credential: str, registry: str | None) -> str:
    from .._resolve import is_id

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
        raise InvalidInputError(f"No password: set the environment variable {variable}.")
    return str(secret)


@group.command("list")
def docker_list(ctx: typer.Context, project: ProjectOpt = None) -> None:
    """Docker credentials of a project (passwords are never shown)."""
    from .._output import emit
    from .._resolve import project_id

    state = state_of(ctx)
    api = state.api()
    emit(state, api.docker_credentials.list_for_project(project_id(api, project)), row=DockerCredentialsRow.of)


@group.command("get")
def docker_get(
    ctx: typer.Context, credential: Credential, project: ProjectOpt = None, registry: Registry = None
) -> None:
    """One docker credential."""
    from .._output import emit
    from .._resolve import project_id

    state = state_of(ctx)
    api = state.api()
    pid = project_id(api, project)
    emit(state, api.docker_credentials.get_info(pid, _credential_id(api, pid, credential, registry)))


@group.command("create")
def docker_create(
    ctx: typer.Context,
    username: Annotated[str, typer.Argument(help="Registry username.")],
    project: ProjectOpt = None,
    registry: Registry = None,
    password_env: PasswordEnv = "SAAGIE_DOCKER_PASSWORD",  # noqa: S107 - a variable name
) -> None:
    """Create docker credentials (the password from $SAAGIE_DOCKER_PASSWORD or a prompt)."""
    from .._output import emit
    from .._resolve import project_id

    state = state_of(ctx)
    secret = _secret(password_env)
    api = state.api()
    emit(state, api.docker_credentials.create(project_id(api, project), username, secret, registry=registry))


@group.command("edit")
def docker_edit(
    ctx: typer.Context,
    credential: Credential,
    project: ProjectOpt = None,
    registry: Registry = None,
    password_env: PasswordEnv = "SAAGIE_DOCKER_PASSWORD",  # noqa: S107 - a variable name
) -> None:
    """Change the password of docker credentials."""
    from .._output import emit
    from .._resolve import project_id

    state = state_of(ctx)
    secret = _secret(password_env)
    api = state.api()
    pid = project_id(api, project)
    cid = _credential_id(api, pid, credential, registry)
    emit(state, api.docker_credentials.upgrade(pid, cid, secret))


@group.command("delete")
def docker_delete(
    ctx: typer.Context, credential: Credential, project: ProjectOpt = None, registry: Registry = None, yes: Yes = False
) -> None:
    """Delete docker credentials."""
    from .._output import emit
    from .._resolve import project_id

    state = state_of(ctx)
    api = state.api()
    pid = project_id(api, project)
    cid = _credential_id(api, pid, credential, registry)
    confirm(f"docker credentials {credential!r}", yes)
    emit(state, {"deleted": api.docker_credentials.delete(pid, cid), "id": cid}, message="Deleted")


def register(app: typer.Typer) -> None:
    app.add_typer(group, name="docker-credentials")

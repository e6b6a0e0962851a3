"""``saagie env-vars``: environment variables of every scope (global, project, pipeline, app)."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from saagieapi.enums import EnvVarScope

from .._options import ProjectOpt, Yes, confirm
from .._state import state_of

if TYPE_CHECKING:
    from saagieapi import SaagieApi
    from saagieapi.models import EnvVar

__all__ = ["EnvVarRow", "register"]

group = typer.Typer(help="Environment variables (global, project, pipeline or app scope).", no_args_is_help=True)


class Scope(str, Enum):
    """The scopes the command line handles (values from the schema's ``EnvVarScope``)."""

    GLOBAL = EnvVarScope.GLOBAL.value
    PROJECT = EnvVarScope.PROJECT.value
    PIPELINE = EnvVarScope.PIPELINE.value
    APP = EnvVarScope.APP.value


ScopeOpt = Annotated[
    Scope | None, typer.Option(case_sensitive=False, help="Scope (default: PROJECT with --project, else GLOBAL).")
]
PipelineOpt = Annotated[str | None, typer.Option(help="Pipeline name or id (PIPELINE scope).")]
AppOpt = Annotated[str | None, typer.Option(help="App name or id (APP scope).")]
EnvName = Annotated[str, typer.Argument(help="Variable name.")]


@dataclass(frozen=True)
class EnvVarRow:
    name: str
    scope: str
    value: str | None
    password: bool
    description: str | None

    @classmethod
    def of(cls, var: EnvVar) -> EnvVarRow:
        shown = "********" if var.is_password else var.value
        return cls(var.name, var.scope.value, shown, var.is_password, var.description)


def _where(
    api: SaagieApi, scope: Scope | None, project: str | None, pipeline: str | None, app: str | None
) -> dict[str, Any]:
    from .._resolve import app_id, pipeline_id, project_id

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


@group.command("list")
def env_list(
    ctx: typer.Context,
    scope: ScopeOpt = None,
    project: ProjectOpt = None,
    pipeline: PipelineOpt = None,
    app: AppOpt = None,
    scope_only: Annotated[bool, typer.Option(help="Only the variables of this scope (no inherited ones).")] = False,
) -> None:
    """Variables visible in a scope (password values are never shown)."""
    from .._output import emit

    state = state_of(ctx)
    api = state.api()
    where = _where(api, scope, project, pipeline, app)
    emit(state, api.env_vars.list(where.pop("scope"), scope_only=scope_only, **where), row=EnvVarRow.of)


@group.command("get")
def env_get(
    ctx: typer.Context,
    name: EnvName,
    scope: ScopeOpt = None,
    project: ProjectOpt = None,
    pipeline: PipelineOpt = None,
    app: AppOpt = None,
) -> None:
    """One variable."""
    from .._output import emit

    state = state_of(ctx)
    api = state.api()
    where = _where(api, scope, project, pipeline, app)
    emit(state, api.env_vars.get(where.pop("scope"), name, **where))


@group.command("create")
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

    from .._output import emit

    state = state_of(ctx)
    resolved = _value(value, value_env)
    if resolved is None:
        raise InvalidInputError("Give the value: --value VALUE, --value - (stdin) or --value-env NAME")
    api = state.api()
    where = _where(api, scope, project, pipeline, app)
    emit(
        state,
        api.env_vars.create(where.pop("scope"), name, resolved, description=description, is_password=password, **where),
    )


@group.command("edit")
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
    from .._output import emit

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


@group.command("delete")
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
    from .._output import emit

    state = state_of(ctx)
    api = state.api()
    where = _where(api, scope, project, pipeline, app)
    confirm(f"variable {name!r}", yes)
    emit(state, {"deleted": api.env_vars.delete(where.pop("scope"), name, **where), "name": name}, message="Deleted")


def register(app: typer.Typer) -> None:
    app.add_typer(group, name="env-vars")

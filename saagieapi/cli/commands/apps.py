"""``saagie apps``: list, get, create, install, edit, run, stop, delete."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

import typer

from .._options import ProjectOpt, TimeoutOpt, Yes, confirm
from .._state import state_of

if TYPE_CHECKING:
    from saagieapi.models import App

__all__ = ["AppRow", "register"]

group = typer.Typer(
    help="Apps of a project: list, get, create, install, edit, run, stop, delete.", no_args_is_help=True
)

AppArg = Annotated[str, typer.Argument(help="App name (with --project) or id.")]


@dataclass(frozen=True)
class AppRow:
    id: str
    name: str
    status: str
    creator: str

    @classmethod
    def of(cls, app: App) -> AppRow:
        from .._status import app_status

        return cls(app.id, app.name, app_status(app), app.creator)


@group.command("list")
def apps_list(ctx: typer.Context, project: ProjectOpt = None) -> None:
    """Apps of a project with their status."""
    from .._output import emit
    from .._resolve import project_id

    state = state_of(ctx)
    api = state.api()
    emit(state, api.apps.list_for_project(project_id(api, project)), row=AppRow.of)


@group.command("get")
def apps_get(ctx: typer.Context, app: AppArg, project: ProjectOpt = None) -> None:
    """One app."""
    from .._output import emit
    from .._resolve import app_id

    state = state_of(ctx)
    api = state.api()
    emit(state, api.apps.get_info(app_id(api, app, project)))


@group.command("create")
def apps_create(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Name of the new app.")],
    image: Annotated[str, typer.Option(help="Docker image.")],
    project: ProjectOpt = None,
    port: Annotated[list[int] | None, typer.Option(help="Exposed port (repeatable), project scope.")] = None,
    description: Annotated[str, typer.Option(help="Description.")] = "",
    release_note: Annotated[str, typer.Option(help="Release note.")] = "",
) -> None:
    """Create an app from a docker image."""
    from .._output import emit
    from .._resolve import project_id

    state = state_of(ctx)
    api = state.api()
    ports = [{"number": number, "isRewriteUrl": False, "scope": "PROJECT"} for number in port or []]
    emit(
        state,
        api.apps.create_from_scratch(
            project_id(api, project),
            name,
            image=image,
            description=description,
            exposed_ports=ports or None,
            release_note=release_note,
        ),
    )


@group.command("install")
def apps_install(
    ctx: typer.Context,
    technology: Annotated[
        str, typer.Argument(help="App technology label in the catalog (`saagie technologies list --kind app`).")
    ],
    context: Annotated[str, typer.Option(help="Runtime context label of the technology.")],
    project: ProjectOpt = None,
    catalog: Annotated[str, typer.Option(help="Technology catalog.")] = "Saagie",
) -> None:
    """Install an app of the technology catalog."""
    from .._output import emit
    from .._resolve import project_id

    state = state_of(ctx)
    api = state.api()
    emit(
        state,
        api.apps.create_from_catalog(
            project_id(api, project), context, technology_catalog=catalog, technology_name=technology
        ),
    )


@group.command("edit")
def apps_edit(
    ctx: typer.Context,
    app: AppArg,
    project: ProjectOpt = None,
    name: Annotated[str | None, typer.Option(help="New name.")] = None,
    description: Annotated[str | None, typer.Option(help="New description.")] = None,
) -> None:
    """Change an app's name or description."""
    from .._output import emit
    from .._resolve import app_id

    state = state_of(ctx)
    api = state.api()
    emit(state, api.apps.edit(app_id(api, app, project), app_name=name, description=description))


@group.command("run")
def apps_run(
    ctx: typer.Context,
    app: AppArg,
    project: ProjectOpt = None,
    wait: Annotated[bool, typer.Option(help="Wait until it is started; exit 1 if it fails.")] = False,
    timeout: TimeoutOpt = 3600.0,
) -> None:
    """Start an app."""
    from .._progress import start
    from .._resolve import app_id
    from .._status import app_status

    state = state_of(ctx)
    api = state.api()
    aid = app_id(api, app, project)
    start(
        state,
        f"app {app}",
        app_status,
        wait=wait,
        begin=lambda: api.apps.run(aid),
        until_final=lambda callback: api.apps.run(aid, wait=True, timeout=timeout, callback=callback),
        summary=lambda result: f"App {app}: {app_status(result)}",
    )


@group.command("stop")
def apps_stop(
    ctx: typer.Context,
    app: AppArg,
    project: ProjectOpt = None,
    wait: Annotated[bool, typer.Option(help="Wait until it is stopped.")] = False,
    timeout: TimeoutOpt = 3600.0,
) -> None:
    """Stop an app."""
    from .._progress import start
    from .._resolve import app_id
    from .._status import app_status

    state = state_of(ctx)
    api = state.api()
    aid = app_id(api, app, project)
    start(
        state,
        f"app {app}",
        app_status,
        wait=wait,
        begin=lambda: api.apps.stop(aid),
        until_final=lambda callback: api.apps.stop(aid, wait=True, timeout=timeout, callback=callback),
        summary=lambda result: f"App {app}: {app_status(result)}",
    )


@group.command("delete")
def apps_delete(ctx: typer.Context, app: AppArg, project: ProjectOpt = None, yes: Yes = False) -> None:
    """Delete an app."""
    from .._output import emit
    from .._resolve import app_id

    state = state_of(ctx)
    api = state.api()
    aid = app_id(api, app, project)
    confirm(f"app {app!r}", yes)
    api.apps.delete(aid)
    emit(state, {"deleted": True, "id": aid}, message=f"Deleted app {app}")


def register(app: typer.Typer) -> None:
    app.add_typer(group, name="apps")

"""``saagie projects``: list, get, create, edit, delete, export, import."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .._options import Yes, confirm
from .._state import state_of

if TYPE_CHECKING:
    from saagieapi.models import Project

__all__ = ["ProjectRow", "register"]

group = typer.Typer(help="Projects: list, get, create, edit, delete, export, import.", no_args_is_help=True)

ProjectArg = Annotated[str, typer.Argument(help="Project name or id.")]


@dataclass(frozen=True)
class ProjectRow:
    id: str
    name: str
    status: str
    jobs: int
    creator: str

    @classmethod
    def of(cls, project: Project) -> ProjectRow:
        return cls(project.id, project.name, project.status.value, project.jobs_count, project.creator)


@group.command("list")
def projects_list(ctx: typer.Context) -> None:
    """Every project of the platform."""
    from .._output import emit

    state = state_of(ctx)
    emit(state, state.api().projects.list(), row=ProjectRow.of)


@group.command("get")
def projects_get(ctx: typer.Context, project: ProjectArg) -> None:
    """One project (by name or id)."""
    from .._output import emit
    from .._resolve import project_id

    state = state_of(ctx)
    api = state.api()
    emit(state, api.projects.get_info(project_id(api, project)))


@group.command("create")
def projects_create(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Name of the new project.")],
    description: Annotated[str, typer.Option(help="Description.")] = "",
    group_name: Annotated[str | None, typer.Option("--group", help="Group given a role on the project.")] = None,
    role: Annotated[str | None, typer.Option(help="Role of --group: Manager, Editor or Viewer.")] = None,
    wait: Annotated[bool, typer.Option(help="Wait until the project is ready.")] = False,
) -> None:
    """Create a project (every available Saagie technology allowed)."""
    from .._output import emit, note

    state = state_of(ctx)
    api = state.api()
    project = api.projects.create(name, group=group_name, role=role, description=description)
    if wait:
        note(state, f"Waiting for project {project.name} ...")
        project = api.projects.get_status_with_callback(project.id)
    emit(state, project)


@group.command("edit")
def projects_edit(
    ctx: typer.Context,
    project: ProjectArg,
    name: Annotated[str | None, typer.Option(help="New name.")] = None,
    description: Annotated[str | None, typer.Option(help="New description.")] = None,
    group_name: Annotated[str | None, typer.Option("--group", help="Group given a role on the project.")] = None,
    role: Annotated[str | None, typer.Option(help="Role of --group.")] = None,
) -> None:
    """Change a project's name, description or group rights."""
    from .._output import emit
    from .._resolve import project_id

    state = state_of(ctx)
    api = state.api()
    emit(
        state,
        api.projects.edit(project_id(api, project), name=name, description=description, group=group_name, role=role),
    )


@group.command("delete")
def projects_delete(ctx: typer.Context, project: ProjectArg, yes: Yes = False) -> None:
    """Delete a project and everything in it."""
    from .._output import emit
    from .._resolve import project_id

    state = state_of(ctx)
    api = state.api()
    pid = project_id(api, project)
    confirm(f"project {project!r}", yes)
    emit(state, {"deleted": api.projects.delete(pid), "id": pid}, message=f"Deleted project {project}")


@group.command("export")
def projects_export(
    ctx: typer.Context,
    project: ProjectArg,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write the export into.")] = Path("export"),
    versions_only_current: Annotated[bool, typer.Option(help="Only the current version of each job.")] = False,
) -> None:
    """Export a project (jobs with artifacts, pipelines, apps, variables) to OUT/<project id>, in the 2.x layout."""
    from .._progress import exporting

    state = state_of(ctx)
    exporting(state, state.api(), project, out, versions_only_current=versions_only_current)


@group.command("import")
def projects_import(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="Project folder written by `saagie projects export`.", exists=True)],
    if_exists: Annotated[
        str, typer.Option(help="What to do with an entity of the same name: skip or upgrade.")
    ] = "skip",
) -> None:
    """Recreate an exported project (2.x or 3.x layout) on this platform; exit 1 if anything failed."""
    from .._progress import importing

    state = state_of(ctx)
    importing(state, state.api(), path, if_exists)


def register(app: typer.Typer) -> None:
    app.add_typer(group, name="projects")

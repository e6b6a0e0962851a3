"""``saagie projects`` and ``saagie jobs``."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from ._state import state_of

__all__ = ["register"]

projects = typer.Typer(help="Projects: list, get, create, edit, delete, export, import.", no_args_is_help=True)
jobs = typer.Typer(help="Jobs of a project: list, get, create, edit, upgrade, run, stop, delete.", no_args_is_help=True)

Project = Annotated[str, typer.Argument(help="Project name or id.")]
ProjectOpt = Annotated[str | None, typer.Option("--project", "-P", help="Project name or id.")]
Yes = Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")]

PROJECT_COLUMNS = [("ID", "id"), ("Name", "name"), ("Status", "status"), ("Jobs", "jobs_count"), ("Creator", "creator")]


def _last_status(job: Any) -> Any:
    for instance in job.instances or []:
        history = getattr(instance, "history", None)
        if history is not None and history.current_status is not None:
            return history.current_status.status
        return instance.status
    return None


JOB_COLUMNS = [
    ("ID", "id"),
    ("Name", "name"),
    ("Alias", "alias"),
    ("Category", "category"),
    ("Scheduled", "is_scheduled"),
    ("Last run", _last_status),
]


def instance_status(instance: Any) -> str:
    history = getattr(instance, "history", None)
    status = history.current_status.status if history is not None and history.current_status else instance.status
    return str(getattr(status, "value", status))


INSTANCE_COLUMNS = [("Instance", "id"), ("Number", "number"), ("Status", instance_status), ("Started", "start_time")]


def confirm(state: Any, what: str, yes: bool) -> None:
    if not yes:
        typer.confirm(f"Delete {what}?", abort=True, err=True)


# ---------------------------------------------------------------------------------------------- projects
@projects.command("list")
def projects_list(ctx: typer.Context) -> None:
    """Every project of the platform."""
    state = state_of(ctx)
    from ._output import emit

    emit(state, state.api().projects.list(), columns=PROJECT_COLUMNS)


@projects.command("get")
def projects_get(ctx: typer.Context, project: Project) -> None:
    """One project (by name or id)."""
    from ._output import emit
    from ._resolve import project_id

    state = state_of(ctx)
    api = state.api()
    emit(state, api.projects.get_info(project_id(api, project)))


@projects.command("create")
def projects_create(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Name of the new project.")],
    description: Annotated[str, typer.Option(help="Description.")] = "",
    group: Annotated[str | None, typer.Option(help="Group given a role on the project.")] = None,
    role: Annotated[str | None, typer.Option(help="Role of --group: Manager, Editor or Viewer.")] = None,
    wait: Annotated[bool, typer.Option(help="Wait until the project is ready.")] = False,
) -> None:
    """Create a project (every available Saagie technology allowed)."""
    from ._output import emit, note

    state = state_of(ctx)
    api = state.api()
    project = api.projects.create(name, group=group, role=role, description=description)
    if wait:
        note(state, f"waiting for project {project.name} ...")
        project = api.projects.get_status_with_callback(project.id)
    emit(state, project)


@projects.command("edit")
def projects_edit(
    ctx: typer.Context,
    project: Project,
    name: Annotated[str | None, typer.Option(help="New name.")] = None,
    description: Annotated[str | None, typer.Option(help="New description.")] = None,
    group: Annotated[str | None, typer.Option(help="Group given a role on the project.")] = None,
    role: Annotated[str | None, typer.Option(help="Role of --group.")] = None,
) -> None:
    """Change a project's name, description or group rights."""
    from ._output import emit
    from ._resolve import project_id

    state = state_of(ctx)
    api = state.api()
    emit(
        state,
        api.projects.edit(project_id(api, project), name=name, description=description, group=group, role=role),
    )


@projects.command("delete")
def projects_delete(ctx: typer.Context, project: Project, yes: Yes = False) -> None:
    """Delete a project and everything in it."""
    from ._output import emit
    from ._resolve import project_id

    state = state_of(ctx)
    api = state.api()
    pid = project_id(api, project)
    confirm(state, f"project {project!r}", yes)
    emit(state, {"deleted": api.projects.delete(pid), "id": pid}, message=f"Deleted project {project}")


@projects.command("export")
def projects_export(
    ctx: typer.Context,
    project: Project,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write the export into.")] = Path("export"),
    versions_only_current: Annotated[bool, typer.Option(help="Only the current version of each job.")] = False,
) -> None:
    """Export a project (jobs with artifacts, pipelines, apps, variables) to OUT/<project id>, in the 2.x layout."""
    from ._progress import exporting

    state = state_of(ctx)
    api = state.api()
    exporting(state, api, project, out, versions_only_current=versions_only_current)


@projects.command("import")
def projects_import(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="Project folder written by `saagie projects export`.", exists=True)],
    if_exists: Annotated[
        str, typer.Option(help="What to do with an entity of the same name: skip or upgrade.")
    ] = "skip",
) -> None:
    """Recreate an exported project (2.x or 3.x layout) on this platform; exit 1 if anything failed."""
    from ._progress import importing

    state = state_of(ctx)
    importing(state, state.api(), path, if_exists)


# ---------------------------------------------------------------------------------------------- jobs
@jobs.command("list")
def jobs_list(ctx: typer.Context, project: ProjectOpt = None) -> None:
    """Jobs of a project, with the status of their last run."""
    from ._output import emit
    from ._resolve import project_id

    state = state_of(ctx)
    api = state.api()
    emit(state, api.jobs.list_for_project(project_id(api, project), instances_limit=1), columns=JOB_COLUMNS)


@jobs.command("get")
def jobs_get(
    ctx: typer.Context,
    job: Annotated[str, typer.Argument(help="Job name (with --project) or id.")],
    project: ProjectOpt = None,
    instances: Annotated[int, typer.Option(help="How many recent instances to include.")] = 5,
) -> None:
    """One job with its recent instances and versions."""
    from ._output import emit
    from ._resolve import job_id

    state = state_of(ctx)
    api = state.api()
    emit(state, api.jobs.get_info(job_id(api, job, project), instances_limit=instances))


@jobs.command("create")
def jobs_create(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Name of the new job.")],
    project: ProjectOpt = None,
    file: Annotated[Path | None, typer.Option(help="Package to upload.", exists=True, dir_okay=False)] = None,
    technology: Annotated[str, typer.Option(help="Technology label in the catalog.")] = "python",
    catalog: Annotated[str, typer.Option(help="Technology catalog.")] = "Saagie",
    runtime_version: Annotated[str, typer.Option(help="Runtime version of the technology.")] = "3.10",
    command_line: Annotated[str, typer.Option(help="Command line.")] = "python {file}",
    category: Annotated[str, typer.Option(help="Extraction, Processing or Smart App.")] = "Processing",
    description: Annotated[str, typer.Option(help="Description.")] = "",
    release_note: Annotated[str, typer.Option(help="Release note of the first version.")] = "",
    cron: Annotated[str | None, typer.Option(help="Cron schedule (UTC unless --timezone).")] = None,
    timezone: Annotated[str, typer.Option(help="Timezone of --cron.")] = "UTC",
    docker_image: Annotated[str | None, typer.Option(help="Docker image (docker technologies).")] = None,
) -> None:
    """Create a job from a package or a docker image."""
    from ._output import emit
    from ._resolve import project_id

    state = state_of(ctx)
    api = state.api()
    emit(
        state,
        api.jobs.create(
            name,
            project_id(api, project),
            file=str(file) if file else None,
            description=description,
            category=category,
            technology=technology,
            technology_catalog=catalog,
            runtime_version=runtime_version,
            command_line=command_line,
            release_note=release_note,
            cron_scheduling=cron,
            schedule_timezone=timezone,
            docker_info={"image": docker_image} if docker_image else None,
        ),
    )


@jobs.command("edit")
def jobs_edit(
    ctx: typer.Context,
    job: Annotated[str, typer.Argument(help="Job name (with --project) or id.")],
    project: ProjectOpt = None,
    name: Annotated[str | None, typer.Option(help="New name.")] = None,
    description: Annotated[str | None, typer.Option(help="New description.")] = None,
    cron: Annotated[str | None, typer.Option(help="New cron schedule (turns scheduling on).")] = None,
    no_schedule: Annotated[bool, typer.Option("--no-schedule", help="Turn scheduling off.")] = False,
    timezone: Annotated[str | None, typer.Option(help="Timezone of the schedule.")] = None,
) -> None:
    """Change a job's name, description or schedule."""
    from ._output import emit
    from ._resolve import job_id

    state = state_of(ctx)
    api = state.api()
    scheduled = False if no_schedule else (True if cron else None)
    emit(
        state,
        api.jobs.edit(
            job_id(api, job, project),
            job_name=name,
            description=description,
            is_scheduled=scheduled,
            cron_scheduling=cron,
            schedule_timezone=timezone,
        ),
    )


@jobs.command("upgrade")
def jobs_upgrade(
    ctx: typer.Context,
    job: Annotated[str, typer.Argument(help="Job name (with --project) or id.")],
    project: ProjectOpt = None,
    file: Annotated[Path | None, typer.Option(help="New package.", exists=True, dir_okay=False)] = None,
    release_note: Annotated[str, typer.Option(help="Release note.")] = "",
    command_line: Annotated[str | None, typer.Option(help="New command line.")] = None,
    runtime_version: Annotated[str | None, typer.Option(help="New runtime version.")] = None,
    docker_image: Annotated[str | None, typer.Option(help="New docker image.")] = None,
) -> None:
    """Add a version to a job: a new package (--file), command line, runtime or image."""
    from ._output import emit
    from ._resolve import job_id

    state = state_of(ctx)
    api = state.api()
    emit(
        state,
        api.jobs.upgrade(
            job_id(api, job, project),
            file=str(file) if file else None,
            use_previous_artifact=file is None and docker_image is None,
            release_note=release_note,
            command_line=command_line,
            runtime_version=runtime_version,
            docker_info={"image": docker_image} if docker_image else None,
        ),
    )


@jobs.command("run")
def jobs_run(
    ctx: typer.Context,
    job: Annotated[str, typer.Argument(help="Job name (with --project) or id.")],
    project: ProjectOpt = None,
    wait: Annotated[bool, typer.Option(help="Wait for the end; exit 1 unless it succeeds.")] = False,
    timeout: Annotated[float, typer.Option(help="Seconds to wait at most with --wait.")] = 3600.0,
) -> None:
    """Run a job; with --wait, follow it to its end (exit code 1 when it fails)."""
    from ._output import emit
    from ._progress import following
    from ._resolve import job_id

    state = state_of(ctx)
    api = state.api()
    jid = job_id(api, job, project)
    if not wait:
        emit(state, api.jobs.run(jid))
        return
    with following(state, f"job {job}", instance_status) as callback:
        instance = api.jobs.run_with_callback(jid, timeout=timeout, callback=callback)
    emit(state, instance, message=f"Job {job}: instance {instance.id} {instance_status(instance)}")


@jobs.command("stop")
def jobs_stop(ctx: typer.Context, instance: Annotated[str, typer.Argument(help="Job instance id.")]) -> None:
    """Stop a job instance."""
    from ._output import emit

    state = state_of(ctx)
    emit(state, state.api().jobs.stop(instance))


@jobs.command("instance")
def jobs_instance(ctx: typer.Context, instance: Annotated[str, typer.Argument(help="Job instance id.")]) -> None:
    """One job instance and its status."""
    from ._output import emit

    state = state_of(ctx)
    emit(state, state.api().jobs.get_instance(instance))


@jobs.command("delete")
def jobs_delete(
    ctx: typer.Context,
    job: Annotated[str, typer.Argument(help="Job name (with --project) or id.")],
    project: ProjectOpt = None,
    yes: Yes = False,
) -> None:
    """Delete a job."""
    from ._output import emit
    from ._resolve import job_id

    state = state_of(ctx)
    api = state.api()
    jid = job_id(api, job, project)
    confirm(state, f"job {job!r}", yes)
    emit(state, {"deleted": api.jobs.delete(jid), "id": jid}, message=f"Deleted job {job}")


def register(app: typer.Typer) -> None:
    app.add_typer(projects, name="projects")
    app.add_typer(jobs, name="jobs")

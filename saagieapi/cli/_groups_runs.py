"""``saagie apps`` and ``saagie pipelines``."""

from __future__ import annotations

import itertools
from typing import Annotated, Any

import typer

from ._groups_projects import ProjectOpt, Yes, confirm
from ._state import state_of

__all__ = ["register"]

apps = typer.Typer(help="Apps of a project: list, get, create, install, edit, run, stop, delete.", no_args_is_help=True)
pipelines = typer.Typer(
    help="Pipelines of a project: list, get, create, edit, run, stop, delete.", no_args_is_help=True
)

App = Annotated[str, typer.Argument(help="App name (with --project) or id.")]
Pipeline = Annotated[str, typer.Argument(help="Pipeline name (with --project) or id.")]


def app_status(app: Any) -> str:
    history = getattr(app, "history", None)
    status = getattr(history, "current_status", None)
    return str(getattr(status, "value", status)) if status is not None else "UNKNOWN"


def pipeline_status(instance: Any) -> str:
    return str(getattr(instance.status, "value", instance.status))


def _last_pipeline_status(pipeline: Any) -> Any:
    instances = getattr(pipeline, "instances", None) or []
    return pipeline_status(instances[0]) if instances else None


APP_COLUMNS = [("ID", "id"), ("Name", "name"), ("Status", app_status), ("Creator", "creator")]
PIPELINE_COLUMNS = [
    ("ID", "id"),
    ("Name", "name"),
    ("Alias", "alias"),
    ("Scheduled", "is_scheduled"),
    ("Last run", _last_pipeline_status),
]


# ---------------------------------------------------------------------------------------------- apps
@apps.command("list")
def apps_list(ctx: typer.Context, project: ProjectOpt = None) -> None:
    """Apps of a project with their status."""
    from ._output import emit
    from ._resolve import project_id

    state = state_of(ctx)
    api = state.api()
    emit(state, api.apps.list_for_project(project_id(api, project)), columns=APP_COLUMNS)


@apps.command("get")
def apps_get(ctx: typer.Context, app: App, project: ProjectOpt = None) -> None:
    """One app."""
    from ._output import emit
    from ._resolve import app_id

    state = state_of(ctx)
    api = state.api()
    emit(state, api.apps.get_info(app_id(api, app, project)))


@apps.command("create")
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
    from ._output import emit
    from ._resolve import project_id

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


@apps.command("install")
def apps_install(
    ctx: typer.Context,
    technology: Annotated[str, typer.Argument(help="App technology label in the catalog (Jupyter Notebook).")],
    context: Annotated[str, typer.Option(help="Runtime context label of the technology.")],
    project: ProjectOpt = None,
    catalog: Annotated[str, typer.Option(help="Technology catalog.")] = "Saagie",
) -> None:
    """Install an app of the technology catalog."""
    from ._output import emit
    from ._resolve import project_id

    state = state_of(ctx)
    api = state.api()
    emit(
        state,
        api.apps.create_from_catalog(
            project_id(api, project), context, technology_catalog=catalog, technology_name=technology
        ),
    )


@apps.command("edit")
def apps_edit(
    ctx: typer.Context,
    app: App,
    project: ProjectOpt = None,
    name: Annotated[str | None, typer.Option(help="New name.")] = None,
    description: Annotated[str | None, typer.Option(help="New description.")] = None,
) -> None:
    """Change an app's name or description."""
    from ._output import emit
    from ._resolve import app_id

    state = state_of(ctx)
    api = state.api()
    emit(state, api.apps.edit(app_id(api, app, project), app_name=name, description=description))


def _app_action(ctx: typer.Context, action: str, app: str, project: str | None, wait: bool, timeout: float) -> None:
    from ._output import emit
    from ._progress import following
    from ._resolve import app_id

    state = state_of(ctx)
    api = state.api()
    aid = app_id(api, app, project)
    method = getattr(api.apps, action)
    if wait:
        with following(state, f"app {app}", app_status) as callback:
            result = method(aid, wait=True, timeout=timeout, callback=callback)
    else:
        result = method(aid)
    emit(state, result, message=f"App {app}: {app_status(result)}")


@apps.command("run")
def apps_run(
    ctx: typer.Context,
    app: App,
    project: ProjectOpt = None,
    wait: Annotated[bool, typer.Option(help="Wait until it is started; exit 1 if it fails.")] = False,
    timeout: Annotated[float, typer.Option(help="Seconds to wait at most.")] = 3600.0,
) -> None:
    """Start an app."""
    _app_action(ctx, "run", app, project, wait, timeout)


@apps.command("stop")
def apps_stop(
    ctx: typer.Context,
    app: App,
    project: ProjectOpt = None,
    wait: Annotated[bool, typer.Option(help="Wait until it is stopped.")] = False,
    timeout: Annotated[float, typer.Option(help="Seconds to wait at most.")] = 3600.0,
) -> None:
    """Stop an app."""
    _app_action(ctx, "stop", app, project, wait, timeout)


@apps.command("delete")
def apps_delete(ctx: typer.Context, app: App, project: ProjectOpt = None, yes: Yes = False) -> None:
    """Delete an app."""
    from ._output import emit
    from ._resolve import app_id

    state = state_of(ctx)
    api = state.api()
    aid = app_id(api, app, project)
    confirm(state, f"app {app!r}", yes)
    api.apps.delete(aid)
    emit(state, {"deleted": True, "id": aid}, message=f"Deleted app {app}")


# ---------------------------------------------------------------------------------------------- pipelines
@pipelines.command("list")
def pipelines_list(ctx: typer.Context, project: ProjectOpt = None) -> None:
    """Pipelines of a project, with the status of their last run."""
    from ._output import emit
    from ._resolve import project_id

    state = state_of(ctx)
    api = state.api()
    emit(state, api.pipelines.list_for_project(project_id(api, project), instances_limit=1), columns=PIPELINE_COLUMNS)


@pipelines.command("get")
def pipelines_get(
    ctx: typer.Context,
    pipeline: Pipeline,
    project: ProjectOpt = None,
    instances: Annotated[int, typer.Option(help="How many recent instances to include.")] = 5,
) -> None:
    """One pipeline with its recent instances and versions."""
    from ._output import emit
    from ._resolve import pipeline_id

    state = state_of(ctx)
    api = state.api()
    emit(state, api.pipelines.get_info(pipeline_id(api, pipeline, project), instances_limit=instances))


def _chain(api: Any, jobs: list[str], project: str | None) -> Any:
    from saagieapi.errors import InvalidInputError
    from saagieapi.graph_pipeline import GraphPipeline, JobNode

    from ._resolve import job_id

    if not jobs:
        raise InvalidInputError("give the jobs of the pipeline, in order: --job first --job second ...")
    nodes = [JobNode(job_id(api, job, project)) for job in jobs]
    for previous, following in itertools.pairwise(nodes):
        previous.add_next_node(following)
    graph = GraphPipeline()
    graph.add_root_node(nodes[0])
    return graph


@pipelines.command("create")
def pipelines_create(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Name of the new pipeline.")],
    job: Annotated[list[str], typer.Option(help="Job (name or id) to run, in order; repeat for each.")],
    project: ProjectOpt = None,
    alias: Annotated[str | None, typer.Option(help="Alias (default: the name).")] = None,
    description: Annotated[str, typer.Option(help="Description.")] = "",
    release_note: Annotated[str, typer.Option(help="Release note.")] = "",
    cron: Annotated[str | None, typer.Option(help="Cron schedule.")] = None,
    timezone: Annotated[str, typer.Option(help="Timezone of --cron.")] = "UTC",
) -> None:
    """Create a pipeline running jobs one after the other."""
    from ._output import emit
    from ._resolve import project_id

    state = state_of(ctx)
    api = state.api()
    pid = project_id(api, project)
    emit(
        state,
        api.pipelines.create_graph(
            name,
            pid,
            _chain(api, job, pid),
            alias=alias or name,
            description=description,
            release_note=release_note,
            cron_scheduling=cron,
            schedule_timezone=timezone,
        ),
    )


@pipelines.command("upgrade")
def pipelines_upgrade(
    ctx: typer.Context,
    pipeline: Pipeline,
    job: Annotated[list[str], typer.Option(help="Job (name or id) to run, in order; repeat for each.")],
    project: ProjectOpt = None,
    release_note: Annotated[str, typer.Option(help="Release note.")] = "",
) -> None:
    """Add a version to a pipeline with a new chain of jobs."""
    from ._output import emit
    from ._resolve import pipeline_id

    state = state_of(ctx)
    api = state.api()
    pid = pipeline_id(api, pipeline, project)
    emit(state, api.pipelines.upgrade(pid, _chain(api, job, project), release_note=release_note))


@pipelines.command("edit")
def pipelines_edit(
    ctx: typer.Context,
    pipeline: Pipeline,
    project: ProjectOpt = None,
    name: Annotated[str | None, typer.Option(help="New name.")] = None,
    alias: Annotated[str | None, typer.Option(help="New alias.")] = None,
    description: Annotated[str | None, typer.Option(help="New description.")] = None,
    cron: Annotated[str | None, typer.Option(help="New cron schedule (turns scheduling on).")] = None,
    no_schedule: Annotated[bool, typer.Option("--no-schedule", help="Turn scheduling off.")] = False,
    timezone: Annotated[str, typer.Option(help="Timezone of the schedule.")] = "UTC",
) -> None:
    """Change a pipeline's name, alias, description or schedule."""
    from ._output import emit
    from ._resolve import pipeline_id

    state = state_of(ctx)
    api = state.api()
    scheduled = False if no_schedule else (True if cron else None)
    emit(
        state,
        api.pipelines.edit(
            pipeline_id(api, pipeline, project),
            name=name,
            alias=alias,
            description=description,
            is_scheduled=scheduled,
            cron_scheduling=cron,
            schedule_timezone=timezone,
        ),
    )


@pipelines.command("run")
def pipelines_run(
    ctx: typer.Context,
    pipeline: Pipeline,
    project: ProjectOpt = None,
    wait: Annotated[bool, typer.Option(help="Wait for the end; exit 1 unless it succeeds.")] = False,
    timeout: Annotated[float, typer.Option(help="Seconds to wait at most with --wait.")] = 3600.0,
) -> None:
    """Run a pipeline; with --wait, follow it to its end (exit code 1 when it fails)."""
    from ._output import emit
    from ._progress import following
    from ._resolve import pipeline_id

    state = state_of(ctx)
    api = state.api()
    pid = pipeline_id(api, pipeline, project)
    if not wait:
        emit(state, api.pipelines.run(pid))
        return
    with following(state, f"pipeline {pipeline}", pipeline_status) as callback:
        instance = api.pipelines.run_with_callback(pid, timeout=timeout, callback=callback)
    emit(state, instance, message=f"Pipeline {pipeline}: instance {instance.id} {pipeline_status(instance)}")


@pipelines.command("stop")
def pipelines_stop(ctx: typer.Context, instance: Annotated[str, typer.Argument(help="Pipeline instance id.")]) -> None:
    """Stop a pipeline instance."""
    from ._output import emit

    state = state_of(ctx)
    emit(state, state.api().pipelines.stop(instance))


@pipelines.command("instance")
def pipelines_instance(
    ctx: typer.Context, instance: Annotated[str, typer.Argument(help="Pipeline instance id.")]
) -> None:
    """One pipeline instance and its status."""
    from ._output import emit

    state = state_of(ctx)
    emit(state, state.api().pipelines.get_instance(instance))


@pipelines.command("delete")
def pipelines_delete(ctx: typer.Context, pipeline: Pipeline, project: ProjectOpt = None, yes: Yes = False) -> None:
    """Delete a pipeline (its jobs stay)."""
    from ._output import emit
    from ._resolve import pipeline_id

    state = state_of(ctx)
    api = state.api()
    pid = pipeline_id(api, pipeline, project)
    confirm(state, f"pipeline {pipeline!r}", yes)
    emit(state, {"deleted": api.pipelines.delete(pid), "id": pid}, message=f"Deleted pipeline {pipeline}")


def register(app: typer.Typer) -> None:
    app.add_typer(apps, name="apps")
    app.add_typer(pipelines, name="pipelines")

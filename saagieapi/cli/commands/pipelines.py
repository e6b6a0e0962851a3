"""``saagie pipelines``: list, get, create, upgrade, edit, run, stop, instance, delete."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

import typer

from .._options import ProjectOpt, TimeoutOpt, Yes, confirm
from .._state import state_of

if TYPE_CHECKING:
    from saagieapi import SaagieApi
    from saagieapi.graph_pipeline import GraphPipeline
    from saagieapi.models import Pipeline

__all__ = ["PipelineRow", "register"]

group = typer.Typer(help="Pipelines of a project: list, get, create, edit, run, stop, delete.", no_args_is_help=True)

PipelineArg = Annotated[str, typer.Argument(help="Pipeline name (with --project) or id.")]
InstanceArg = Annotated[str, typer.Argument(help="Pipeline instance id.")]
JobsOpt = Annotated[list[str], typer.Option("--job", help="Job (name or id) to run, in order; repeat for each.")]


@dataclass(frozen=True)
class PipelineRow:
    id: str
    name: str
    alias: str
    scheduled: bool
    last_run: str | None

    @classmethod
    def of(cls, pipeline: Pipeline) -> PipelineRow:
        from .._status import pipeline_status

        last = pipeline_status(pipeline.instances[0]) if pipeline.instances else None
        return cls(pipeline.id, pipeline.name, pipeline.alias, pipeline.is_scheduled, last)


@group.command("list")
def pipelines_list(ctx: typer.Context, project: ProjectOpt = None) -> None:
    """Pipelines of a project, with the status of their last run."""
    from .._output import emit
    from .._resolve import project_id

    state = state_of(ctx)
    api = state.api()
    emit(state, api.pipelines.list_for_project(project_id(api, project), instances_limit=1), row=PipelineRow.of)


@group.command("get")
def pipelines_get(
    ctx: typer.Context,
    pipeline: PipelineArg,
    project: ProjectOpt = None,
    instances: Annotated[int, typer.Option(help="How many recent instances to include.")] = 5,
) -> None:
    """One pipeline with its recent instances and versions."""
    from .._output import emit
    from .._resolve import pipeline_id

    state = state_of(ctx)
    api = state.api()
    emit(state, api.pipelines.get_info(pipeline_id(api, pipeline, project), instances_limit=instances))


def _chain(api: SaagieApi, jobs: list[str], project: str | None) -> GraphPipeline:
    """A graph running ``jobs`` one after the other."""
    from saagieapi.errors import InvalidInputError
    from saagieapi.graph_pipeline import GraphPipeline, JobNode

    from .._resolve import job_id

    if not jobs:
        raise InvalidInputError("Give the jobs of the pipeline, in order: --job first --job second ...")
    nodes = [JobNode(job_id(api, job, project)) for job in jobs]
    for previous, following in itertools.pairwise(nodes):
        previous.add_next_node(following)
    graph = GraphPipeline()
    graph.add_root_node(nodes[0])
    return graph


@group.command("create")
def pipelines_create(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Name of the new pipeline.")],
    job: JobsOpt,
    project: ProjectOpt = None,
    alias: Annotated[str | None, typer.Option(help="Alias (default: the name).")] = None,
    description: Annotated[str, typer.Option(help="Description.")] = "",
    release_note: Annotated[str, typer.Option(help="Release note.")] = "",
    cron: Annotated[str | None, typer.Option(help="Cron schedule.")] = None,
    timezone: Annotated[str, typer.Option(help="Timezone of --cron.")] = "UTC",
) -> None:
    """Create a pipeline running jobs one after the other."""
    from .._output import emit
    from .._resolve import project_id

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


@group.command("upgrade")
def pipelines_upgrade(
    ctx: typer.Context,
    pipeline: PipelineArg,
    job: JobsOpt,
    project: ProjectOpt = None,
    release_note: Annotated[str, typer.Option(help="Release note.")] = "",
) -> None:
    """Add a version to a pipeline with a new chain of jobs."""
    from .._output import emit
    from .._resolve import pipeline_id

    state = state_of(ctx)
    api = state.api()
    pid = pipeline_id(api, pipeline, project)
    emit(state, api.pipelines.upgrade(pid, _chain(api, job, project), release_note=release_note))


@group.command("edit")
def pipelines_edit(
    ctx: typer.Context,
    pipeline: PipelineArg,
    project: ProjectOpt = None,
    name: Annotated[str | None, typer.Option(help="New name.")] = None,
    alias: Annotated[str | None, typer.Option(help="New alias.")] = None,
    description: Annotated[str | None, typer.Option(help="New description.")] = None,
    cron: Annotated[str | None, typer.Option(help="New cron schedule (turns scheduling on).")] = None,
    no_schedule: Annotated[bool, typer.Option("--no-schedule", help="Turn scheduling off.")] = False,
    timezone: Annotated[str, typer.Option(help="Timezone of the schedule.")] = "UTC",
) -> None:
    """Change a pipeline's name, alias, description or schedule."""
    from .._output import emit
    from .._resolve import pipeline_id

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


@group.command("run")
def pipelines_run(
    ctx: typer.Context,
    pipeline: PipelineArg,
    project: ProjectOpt = None,
    wait: Annotated[bool, typer.Option(help="Wait for the end; exit 1 unless it succeeds.")] = False,
    timeout: TimeoutOpt = 3600.0,
) -> None:
    """Run a pipeline; with --wait, follow it to its end (exit code 1 when it fails)."""
    from .._progress import start
    from .._resolve import pipeline_id
    from .._status import pipeline_status

    state = state_of(ctx)
    api = state.api()
    pid = pipeline_id(api, pipeline, project)
    start(
        state,
        f"pipeline {pipeline}",
        pipeline_status,
        wait=wait,
        begin=lambda: api.pipelines.run(pid),
        until_final=lambda callback: api.pipelines.run_with_callback(pid, timeout=timeout, callback=callback),
        summary=lambda instance: f"Pipeline {pipeline}: instance {instance.id} {pipeline_status(instance)}",
    )


@group.command("stop")
def pipelines_stop(ctx: typer.Context, instance: InstanceArg) -> None:
    """Stop a pipeline instance."""
    from .._output import emit

    state = state_of(ctx)
    emit(state, state.api().pipelines.stop(instance))


@group.command("instance")
def pipelines_instance(ctx: typer.Context, instance: InstanceArg) -> None:
    """One pipeline instance and its status."""
    from .._output import emit

    state = state_of(ctx)
    emit(state, state.api().pipelines.get_instance(instance))


@group.command("delete")
def pipelines_delete(ctx: typer.Context, pipeline: PipelineArg, project: ProjectOpt = None, yes: Yes = False) -> None:
    """Delete a pipeline (its jobs stay)."""
    from .._output import emit
    from .._resolve import pipeline_id

    state = state_of(ctx)
    api = state.api()
    pid = pipeline_id(api, pipeline, project)
    confirm(f"pipeline {pipeline!r}", yes)
    emit(state, {"deleted": api.pipelines.delete(pid), "id": pid}, message=f"Deleted pipeline {pipeline}")


def register(app: typer.Typer) -> None:
    app.add_typer(group, name="pipelines")

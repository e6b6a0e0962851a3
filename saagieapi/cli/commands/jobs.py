"""``saagie jobs``: list, get, create, edit, upgrade, run, stop, instance, logs, delete."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .._options import ProjectOpt, TimeoutOpt, Yes, confirm
from .._state import state_of

if TYPE_CHECKING:
    from saagieapi.models import Job, Log

    from .._state import State

__all__ = ["JobRow", "register"]

group = typer.Typer(
    help="Jobs of a project: list, get, create, edit, upgrade, run, stop, logs, delete.", no_args_is_help=True
)

JobArg = Annotated[str, typer.Argument(help="Job name (with --project) or id.")]
InstanceArg = Annotated[str, typer.Argument(help="Job instance id.")]
StreamOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--stream",
        help="Log stream to show (repeat for several): STDOUT, STDERR, ORCHESTRATION_STDOUT, ORCHESTRATION_STDERR, "
        "ENVVARS_STDOUT, ENVVARS_STDERR. Default: STDOUT and STDERR.",
    ),
]


def write_log_lines(state: State, lines: Iterable[Log], *, to_stderr: bool = False) -> None:
    """Log lines as they come: their text (``--json``: one JSON object per line), flushed line by line."""
    from saagieapi._core.logs import printable

    out = sys.stderr if to_stderr else sys.stdout
    for line in lines:
        if state.json:
            out.write(json.dumps({"index": line.index, "stream": line.stream.value, "value": line.value}) + "\n")
        else:
            out.write(printable(line.value) + "\n")  # a log cannot drive the terminal
        out.flush()


@dataclass(frozen=True)
class JobRow:
    id: str
    name: str
    alias: str | None
    category: str
    scheduled: bool
    last_run: str | None

    @classmethod
    def of(cls, job: Job) -> JobRow:
        from .._status import job_instance_status

        last = job_instance_status(job.instances[0]) if job.instances else None
        return cls(job.id, job.name, job.alias, job.category, job.is_scheduled, last)


@group.command("list")
def jobs_list(ctx: typer.Context, project: ProjectOpt = None) -> None:
    """Jobs of a project, with the status of their last run."""
    from .._output import emit
    from .._resolve import project_id

    state = state_of(ctx)
    api = state.api()
    emit(state, api.jobs.list_for_project(project_id(api, project), instances_limit=1), row=JobRow.of)


@group.command("get")
def jobs_get(
    ctx: typer.Context,
    job: JobArg,
    project: ProjectOpt = None,
    instances: Annotated[int, typer.Option(help="How many recent instances to include.")] = 5,
) -> None:
    """One job with its recent instances and versions."""
    from .._output import emit
    from .._resolve import job_id

    state = state_of(ctx)
    api = state.api()
    emit(state, api.jobs.get_info(job_id(api, job, project), instances_limit=instances))


@group.command("create")
def jobs_create(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(help="Name of the new job.")],
    project: ProjectOpt = None,
    file: Annotated[Path | None, typer.Option(help="Package to upload.", exists=True, dir_okay=False)] = None,
    technology: Annotated[
        str, typer.Option(help="Technology label in the catalog (`saagie technologies list`).")
    ] = "python",
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
    from .._output import emit
    from .._resolve import project_id

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


@group.command("edit")
def jobs_edit(
    ctx: typer.Context,
    job: JobArg,
    project: ProjectOpt = None,
    name: Annotated[str | None, typer.Option(help="New name.")] = None,
    description: Annotated[str | None, typer.Option(help="New description.")] = None,
    cron: Annotated[str | None, typer.Option(help="New cron schedule (turns scheduling on).")] = None,
    no_schedule: Annotated[bool, typer.Option("--no-schedule", help="Turn scheduling off.")] = False,
    timezone: Annotated[str | None, typer.Option(help="Timezone of the schedule.")] = None,
) -> None:
    """Change a job's name, description or schedule."""
    from .._output import emit
    from .._resolve import job_id

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


@group.command("upgrade")
def jobs_upgrade(
    ctx: typer.Context,
    job: JobArg,
    project: ProjectOpt = None,
    file: Annotated[Path | None, typer.Option(help="New package.", exists=True, dir_okay=False)] = None,
    release_note: Annotated[str, typer.Option(help="Release note.")] = "",
    command_line: Annotated[str | None, typer.Option(help="New command line.")] = None,
    runtime_version: Annotated[str | None, typer.Option(help="New runtime version.")] = None,
    docker_image: Annotated[str | None, typer.Option(help="New docker image.")] = None,
) -> None:
    """Add a version to a job: a new package (--file), command line, runtime or image."""
    from .._output import emit
    from .._resolve import job_id

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


@group.command("run")
def jobs_run(
    ctx: typer.Context,
    job: JobArg,
    project: ProjectOpt = None,
    wait: Annotated[bool, typer.Option(help="Wait for the end; exit 1 unless it succeeds.")] = False,
    logs: Annotated[
        bool, typer.Option(help="Print the run's log lines (STDOUT, STDERR) as they are written; implies --wait.")
    ] = False,
    timeout: TimeoutOpt = 3600.0,
) -> None:
    """Run a job; with --wait, follow it to its end (exit code 1 and the log's last lines when it fails)."""
    from .._progress import start
    from .._resolve import job_id
    from .._status import job_instance_status

    state = state_of(ctx)
    api = state.api()
    jid = job_id(api, job, project)

    def print_line(text: str) -> None:  # with --json, stdout holds the result: the lines go to stderr
        from saagieapi._core.logs import printable

        out = sys.stderr if state.json else sys.stdout
        out.write(printable(text) + "\n")
        out.flush()

    start(
        state,
        f"job {job}",
        job_instance_status,
        wait=wait or logs,
        begin=lambda: api.jobs.run(jid),
        until_final=lambda callback: api.jobs.run_with_callback(
            jid, timeout=timeout, callback=callback, on_log=print_line if logs else None
        ),
        summary=lambda instance: f"Job {job}: instance {instance.id} {job_instance_status(instance)}",
    )


@group.command("stop")
def jobs_stop(ctx: typer.Context, instance: InstanceArg) -> None:
    """Stop a job instance."""
    from .._output import emit

    state = state_of(ctx)
    emit(state, state.api().jobs.stop(instance))


@group.command("instance")
def jobs_instance(ctx: typer.Context, instance: InstanceArg) -> None:
    """One job instance and its status."""
    from .._output import emit

    state = state_of(ctx)
    emit(state, state.api().jobs.get_instance(instance))


@group.command("logs")
def jobs_logs(
    ctx: typer.Context,
    instance: InstanceArg,
    follow: Annotated[
        bool, typer.Option("--follow", "-f", help="Keep printing new lines until the instance has ended.")
    ] = False,
    stream: StreamOpt = None,
    tail: Annotated[int | None, typer.Option(help="Only the last N lines (then new ones with --follow).")] = None,
) -> None:
    """The log of a job instance, oldest line first (--json: one JSON object per line)."""
    state = state_of(ctx)
    api = state.api()
    if follow:
        skip = 0
        if tail is not None:
            if tail < 1:
                from saagieapi.errors import InvalidInputError

                raise InvalidInputError(f"--tail must be at least 1, not {tail}")
            skip = max(0, api.jobs.count_logs(instance, streams=stream) - tail)
        write_log_lines(state, api.jobs.follow_logs(instance, streams=stream, skip=skip))
    elif tail is not None:
        write_log_lines(state, api.jobs.get_logs(instance, streams=stream, tail=tail))
    else:
        write_log_lines(state, api.jobs.iter_logs(instance, streams=stream))


@group.command("delete")
def jobs_delete(ctx: typer.Context, job: JobArg, project: ProjectOpt = None, yes: Yes = False) -> None:
    """Delete a job."""
    from .._output import emit
    from .._resolve import job_id

    state = state_of(ctx)
    api = state.api()
    jid = job_id(api, job, project)
    confirm(f"job {job!r}", yes)
    emit(state, {"deleted": api.jobs.delete(jid), "id": jid}, message=f"Deleted job {job}")


def register(app: typer.Typer) -> None:
    app.add_typer(group, name="jobs")
